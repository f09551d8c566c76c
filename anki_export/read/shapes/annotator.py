"""Obsidian Annotator notes: each annotation a Hypothesis record in an `annotation-json` fence.

Input: a `SourceNote`. Output: `Annotation`s whose text is the record's quoted passage (its
`TextQuoteSelector`'s `exact`) and whose comment is the record's `text`. The markdown Annotator
writes around the record (`%%HIGHLIGHT%% ==…==`, `%%COMMENT%%`, `%%TAGS%%`, the block id) only
repeats what the record holds, and its `[[#^id|show annotation]]` link points into the note.
"""

from __future__ import annotations

import json
import re
from typing import Any

from anki_export.errors import Problem
from anki_export.read.annotation import Annotation
from anki_export.read.notes import SourceNote
from anki_export.read.shapes import common

SIGNATURE = re.compile(r"^[ \t]*(?:>[ \t]?)*```annotation-json[ \t]*$", re.M)
_CLOSING = re.compile(r"^(?:```|~~~)\s*$")
_UNREADABLE = "an annotation-json record is not valid JSON; skipped"


def parse(note: SourceNote) -> tuple[list[Annotation], list[Problem]]:
    """Every Annotator record of `note` that quotes a passage, in order."""
    lines = note.lines
    found: list[Annotation] = []
    problems: list[Problem] = []
    index = note.body_start
    while index < len(lines):
        if not SIGNATURE.match(lines[index]):
            index += 1
            continue
        end = index + 1
        while end < len(lines) and not _CLOSING.match(common.unquote(lines[end]).strip()):
            end += 1
        record = _record("\n".join(common.unquote(line) for line in lines[index + 1 : end]))
        if record is None:
            problems.append(Problem(_UNREADABLE, note.path, index + 1))
        elif (passage := _passage(record)) is not None:
            comment = record.get("text")
            found.append(common.build(
                index + 1, passage, comment=comment.strip() if isinstance(comment, str) else None
            ))
        # a record without a quoted passage is a page note: the reader's words, not the PDF's
        index = end + 1
    return found, problems


def _record(text: str) -> dict[str, Any] | None:
    """The Hypothesis record a fence holds, or None when it is not one."""
    try:
        record = json.loads(text)
    except ValueError:
        return None
    return record if isinstance(record, dict) else None


def _passage(record: dict[str, Any]) -> str | None:
    """The passage a record quotes: the `exact` of its first `TextQuoteSelector`."""
    targets = record.get("target")
    for target in targets if isinstance(targets, list) else []:
        selectors = target.get("selector") if isinstance(target, dict) else None
        for selector in selectors if isinstance(selectors, list) else []:
            if isinstance(selector, dict) and selector.get("type") == "TextQuoteSelector":
                exact = selector.get("exact")
                if isinstance(exact, str) and exact.strip():
                    return " ".join(exact.split())
    return None
