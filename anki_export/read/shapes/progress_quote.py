"""Highlights exported from an e-reader's database with their reading progress: Kobo exports.

Input: a `SourceNote`. Output: `Annotation`s without key or page: one per record of a quoted
passage (`> text`), an optional `Note: …` (the comment, maybe over several lines), then the
export's bookkeeping (`Chapter progress: 12 %`, `Date: …`) and a `---` rule. Only a quote that
such a progress line closes is read: a quote of the reader's has none.
"""

from __future__ import annotations

import re

from anki_export.errors import Problem
from anki_export.read.annotation import Annotation
from anki_export.read.notes import SourceNote
from anki_export.read.shapes import common

SIGNATURE = re.compile(r"^(?:chapter |book )?progress:[ \t]*\d+(?:[.,]\d+)?[ \t]*%", re.I | re.M)
_NOTE = re.compile(r"^(?:note|notiz|anmerkung|nota|remarque)\s*:\s*", re.I)
_BOOKKEEPING = re.compile(r"^(?:(?:chapter |book )?progress|date|datum|created|time)\s*:", re.I)


def parse(note: SourceNote) -> tuple[list[Annotation], list[Problem]]:
    """The progress-closed quote records of `note`, in order."""
    lines = note.lines
    found: list[Annotation] = []
    index = note.body_start
    while index < len(lines):
        if not common.is_quoted(lines[index]) or common.CALLOUT.match(lines[index]):
            index += 1
            continue
        start = index
        while index < len(lines) and common.is_quoted(lines[index]):
            index += 1
        text = common.clean_text(" ".join(common.unquote(line).strip()
                                          for line in lines[start:index]))
        comment, closed, index = _record_rest(lines, index)
        if closed and text:
            found.append(common.build(start + 1, text, comment=comment))
    return found, []


def _record_rest(lines: list[str], index: int) -> tuple[str | None, bool, int]:
    """The comment after a quote, whether a progress line closes the record, and where the
    record ends (its rule, the next quote or heading)."""
    said: list[str] = []
    closed = noting = False
    while index < len(lines):
        stripped = lines[index].strip()
        if common.RULE.match(lines[index]) or common.is_quoted(lines[index]) or (
            common.HEADING.match(lines[index])
        ):
            break
        if SIGNATURE.match(stripped):
            closed, noting = True, False
        elif _BOOKKEEPING.match(stripped) or not stripped:
            noting = False  # a blank line or the export's bookkeeping ends the note
        elif _NOTE.match(stripped) and not closed:
            said, noting = [_NOTE.sub("", stripped, count=1)], True
        elif noting:
            said.append(stripped)
        index += 1
    return common.comment_text(said) if said else None, closed, index
