"""Readers for the shapes annotation notes take; each finds annotations in a `SourceNote`.

Input: a `SourceNote`. Output: `Annotation`s with raw text (no roles yet) and warnings.
"""

from __future__ import annotations

from anki_export.annotation import Annotation
from anki_export.errors import Problem
from anki_export.notes import SourceNote
from anki_export.shapes import callout


def parse_shapes(note: SourceNote) -> tuple[list[Annotation], list[Problem]]:
    """Annotations of `note` in document order."""
    return callout.parse(note)
