"""diparchive: builds an archive of diplomatic transcripts from raw web captures."""

__version__ = "0.1.0"
