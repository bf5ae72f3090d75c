"""Importers: turn outside corpora into the archive's input format (``<slug>.txt`` + ``<slug>.yml``)."""
