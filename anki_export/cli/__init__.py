"""Command line: `anki-export build`, `import`, `plan`, `preview` and `cards`.

Takes the user's arguments; gives exit codes and what is printed, the only stage that prints.
Entry point: `cli` (the click group, in `group.py`); each command lives in `build.py` or
`listings.py`, and `common.py` runs the pipeline for them and renders `ExportError`s as
`Error: path:line: message`.
"""

from anki_export.cli import build, listings  # noqa: F401  (registers the commands)
from anki_export.cli.group import cli

__all__ = ["cli"]
