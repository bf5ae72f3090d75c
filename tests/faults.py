"""Run ``diparchive`` or ``mkdocs`` with a fault: killed (SIGKILL, as an out-of-memory killer
would) the n-th time it reaches a named step of a switch (``switch.checkpoint``).

    python tests/faults.py POINT:N diparchive ARGS...
    python tests/faults.py POINT:N mkdocs ARGS...

The tests' way to stop a build at each step; the archive itself has no such switch.
"""

from __future__ import annotations

import os
import signal
import sys


def main() -> None:
    wanted, program, *args = sys.argv[1:]
    from diparchive.infra import switch

    reached: dict[str, int] = {}

    def checkpoint(point: str) -> None:
        reached[point] = reached.get(point, 0) + 1
        if wanted == f"{point}:{reached[point]}":
            os.kill(os.getpid(), signal.SIGKILL)

    switch.checkpoint = checkpoint
    sys.argv = [program, *args]
    if program == "diparchive":
        from diparchive.cli import main as run

        sys.exit(run(args))
    from mkdocs.__main__ import cli

    cli(args)


if __name__ == "__main__":
    main()
