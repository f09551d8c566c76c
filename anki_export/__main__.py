from anki_export.cli import cli

cli()
