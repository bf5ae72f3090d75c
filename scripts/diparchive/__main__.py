import sys

from diparchive.cli import main

sys.exit(main())
