"""`python -m anki_export`: the same command line as `anki-export`."""

from anki_export.cli import cli

cli()
