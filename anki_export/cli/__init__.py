"""Command line: `build`, `import`, `plan`, `preview`, `cards`, `annotations` and `explain`.

Takes the user's arguments; gives exit codes and what is printed, the only stage that prints.
Entry point: `cli` (the click group, in `group.py`); each command lives in `build.py`,
`listings.py` or `annotations.py`, and `common.py` runs the pipeline for them and renders
`ExportError`s as `Error: path:line: message`.
"""

from anki_export.cli import annotations, build, listings  # noqa: F401  (registers the commands)
from anki_export.cli.group import cli

__all__ = ["cli"]
