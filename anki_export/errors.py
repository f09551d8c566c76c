"""The one exception type for what the user can fix, and warnings as data.

Library code raises `ExportError` and returns `Problem`s; only `cli.py` prints them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


def _where(path: Path | None, line: int | None) -> str:
    """`notes/x.md:12: ` style prefix, or '' when nothing is known."""
    if path is None:
        return ""
    return f"{path}:{line}: " if line is not None else f"{path}: "


class ExportError(Exception):
    """Something the user must fix before a deck can be written (bad option, bad output...)."""

    def __init__(self, message: str, path: Path | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        return _where(self.path, self.line) + self.message


@dataclass(frozen=True, slots=True)
class Problem:
    """A warning about one note or annotation that was skipped or handled specially."""

    message: str
    """What happened, in the user's terms."""
    path: Path | None = None
    """The note it concerns."""
    line: int | None = None
    """1-based line in that note."""

    def __str__(self) -> str:
        return _where(self.path, self.line) + self.message
