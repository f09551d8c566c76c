"""Entries an e-reader's exporter sets apart with a stamp line: its page and time, or its date.

Input: a `SourceNote` with no anchor. Output: an `Annotation` per entry, when two or more lines
of the note are only a stamp with a time or a page (`*Page 14 | 2025-01-04 21:30:12*`, the
KOReader importer; `*Created: 2024-02-09T21:14:05.000Z*`, a Kobo importer). Where the first
stamp follows a heading, stamps open their entries (the text under each, up to the next stamp,
heading or rule); else they close them (the text since the previous stamp or heading). In an
entry, a callout titled as a comment (`> [!NOTE] Note`) or a paragraph opening with a comment
label (`**Note:** …`) is the comment; the other paragraphs are the text, without the colour
markup an exporter wraps it in (`<mark style=…>`, `<u>`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from anki_export.errors import Problem
from anki_export.read.anchors import find_anchors
from anki_export.read.annotation import Annotation
from anki_export.read.notes import SourceNote
from anki_export.read.shapes import common, page_refs
from anki_export.read.shapes.lines import comment_callout, comment_label, has_comment_label
from anki_export.read.shapes.template_fields import is_template_field

_DATE = r"\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?Z?)?"
_PAGE = rf"{page_refs.PAGE_WORD}\s*\d+"
_PART = rf"(?:{_DATE}|{_PAGE})"
# A short label (`Created:`), then dates and pages with separators between, nothing else.
_STAMP = re.compile(
    rf"^(?:[^\W\d_]+(?:\s[^\W\d_]+)?\s*:\s*)?{_PART}(?:\s*[|\u2022\u00b7,\u2013\u2014-]?\s*{_PART})*$",
    re.I)
_TIME_OR_PAGE = re.compile(rf"\d{{1,2}}:\d{{2}}|{_PAGE}", re.I)
_PAGE_NUMBER = re.compile(rf"{page_refs.PAGE_WORD}\s*(?P<page>\d+)", re.I)
_COLOUR_MARKUP = re.compile(r"</?(?:mark|u|span|font)\b[^>]*>", re.I)
SIGNATURE = re.compile(r"^\s*[*_]*\s*(?:[^\W\d_]+:\s*)?(?:\d{4}-\d{2}-\d{2}|\S+\s*\d+\s*[|\u2022])",
                       re.M)
_REPEATS = 2


def parse(note: SourceNote) -> tuple[list[Annotation], list[Problem]]:
    """The entries of `note` that stamp lines set apart, when there are two or more."""
    lines = note.lines
    stamps = [i for i in range(note.body_start, len(lines)) if _stamp(lines[i]) is not None]
    if len(stamps) < _REPEATS or find_anchors(note):
        return [], []
    found = []
    for start, end, stamp in _regions(lines, stamps, _opening(lines, stamps[0], note.body_start)):
        entry = _entry(lines, start, end, stamp)
        if entry is not None:
            found.append(entry)
    return found, []


def _stamp(line: str) -> str | None:
    """The stamp a line is made of (emphasis taken off), or None."""
    bare = line.strip().strip("*_").strip()
    if not bare or common.is_quoted(line) or _STAMP.match(bare) is None:
        return None
    if re.search(r"\d{4}-\d{2}-\d{2}", bare) is None or _TIME_OR_PAGE.search(bare) is None:
        return None  # a bare date may head a diary's day; an exporter's stamp tells the time
    return bare


def _opening(lines: Sequence[str], first: int, body_start: int) -> bool:
    """Whether stamps open their entries: the first one follows a heading (or the note's top)."""
    index = first - 1
    while index >= body_start and not lines[index].strip():
        index -= 1
    return index < body_start or common.HEADING.match(lines[index]) is not None


def _regions(
    lines: Sequence[str], stamps: list[int], opening: bool
) -> list[tuple[int, int, int]]:
    """(start, end, stamp line) of each entry's lines."""
    regions = []
    for number, stamp in enumerate(stamps):
        if opening:
            end = stamps[number + 1] if number + 1 < len(stamps) else len(lines)
            end = next((i for i in range(stamp + 1, end) if _ends_entry(lines[i])), end)
            regions.append((stamp + 1, end, stamp))
        else:
            start = stamps[number - 1] + 1 if number else 0
            heading = [i for i in range(start, stamp) if common.HEADING.match(lines[i])]
            regions.append((heading[-1] + 1 if heading else start, stamp, stamp))
    return regions


def _ends_entry(line: str) -> bool:
    return bool(common.HEADING.match(line) or common.RULE.match(line))


def _entry(lines: Sequence[str], start: int, end: int, stamp: int) -> Annotation | None:
    """The annotation of one entry's lines, with its stamp's page."""
    texts: list[tuple[int, list[str]]] = []
    said: list[str] = []
    for first, block in _blocks(lines, start, end):
        if common.is_quoted(block[0]):
            if common.CALLOUT.match(block[0]) and not comment_callout(block[0]):
                return None  # a callout of another kind: some other template's entry
            said.extend(common.unquote(line).strip() for line in block[1:] if
                        not common.CALLOUT.match(line))
        elif has_comment_label(block[0]):
            said.append(" ".join([comment_label(block[0]), *block[1:]]).strip())
        elif said:
            said.append(" ".join(block))  # a comment's next paragraph
        else:
            texts.append((first, block))
    if not texts:
        return None
    text = " ".join(_COLOUR_MARKUP.sub("", line).strip() for _, block in texts for line in block)
    page = _PAGE_NUMBER.search(lines[stamp])
    return common.build(texts[0][0] + 1, common.strip_quotes(text.strip()),
                        comment=common.comment_text([s for s in said if s]),
                        page_label=page.group("page") if page else None)


def _blocks(lines: Sequence[str], start: int, end: int) -> list[tuple[int, list[str]]]:
    """The paragraphs and quote blocks of `lines[start:end]`, with their first line's index."""
    blocks: list[tuple[int, list[str]]] = []
    for index in range(start, end):
        line = lines[index]
        if (not line.strip() or _stamp(line) is not None or _ends_entry(line)
                or is_template_field(line, lines)):
            continue  # the template's: its stamps, fields (`Chapter progress: 8 %`) and rules
        fresh = (not blocks or index == start or not lines[index - 1].strip()
                 or common.is_quoted(line) != common.is_quoted(lines[index - 1]))
        if fresh:
            blocks.append((index, []))
        blocks[-1][1].append(line.strip())
    return blocks
