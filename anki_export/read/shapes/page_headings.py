"""Entries under headings that name their page: KOReader's Markdown export (`### Page 5 @ date`).

Input: a `SourceNote` with no anchor. Output: an `Annotation` for each heading that names a page
and its time (`Page 5 @ 12 April 2024`, `Seite 4, 10:14`; a page alone, `p. 12`, only in an
annotations section), when two or more such headings repeat the shape: the first paragraph
under it is the text (without the styling an exporter gives a highlight, `*…*`, `**…**`,
`++…++`, `~~…~~`), the lines after a rule (`---`) or a comment label below it are the comment;
the page is the heading's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from anki_export.errors import Problem
from anki_export.read.anchors import find_anchors
from anki_export.read.annotation import Annotation
from anki_export.read.notes import SourceNote
from anki_export.read.shapes import common, page_refs, sections
from anki_export.read.shapes.lines import comment_label, has_comment_label

SIGNATURE = re.compile(
    rf"^\s{{0,3}}#{{1,6}}[ \t]+{page_refs.PAGE_WORD}\s*[0-9ivxlcdm]+\b", re.I | re.M)
# The styling an exporter wraps a whole highlight in, by the drawer it was made with.
_STYLED = re.compile(r"^(\*\*|\+\+|~~|__|\*|_)(?P<text>\S(?:.*\S)?)\1$", re.S)


def parse(note: SourceNote) -> tuple[list[Annotation], list[Problem]]:
    """One annotation per page heading of `note`, when two or more repeat the shape."""
    lines = note.lines
    inside = sections.inside_sections(note)
    # A page alone (`## p. 12`) may head the reader's own notes on that page: only where the
    # note holds annotations; an exporter's heading names the time too (`Page 12 @ …`).
    headings = [
        (index, match.group("page"))
        for index in range(note.body_start, len(lines))
        if (heading := common.HEADING.match(lines[index]))
        and (match := page_refs.PAGE_TITLE.match(heading.group("title").strip()))
        and (match.group("when") or inside[index])
    ]
    if len(headings) < 2 or find_anchors(note):
        return [], []
    found = []
    for index, page in headings:
        entry = _entry(lines, index + 1)
        if entry is not None:
            start, text, comment = entry
            found.append(common.build(start + 1, text, comment=comment, page_label=page))
    return found, []


def _entry(lines: Sequence[str], start: int) -> tuple[int, str, str | None] | None:
    """(the index of its first line, the text, the comment) of the entry a page heading heads
    at `start`: its first paragraph, and what follows a rule or a comment label up to the next
    heading; None when a heading, a quote or a list comes first (no entry of this shape)."""
    start = common.skip_blank(lines, start)
    if start >= len(lines) or common.is_boundary(lines[start]) or common.is_quoted(lines[start]):
        return None
    end = start
    while end < len(lines) and lines[end].strip() and not common.is_boundary(lines[end]):
        end += 1
    text = _unstyled(" ".join(line.strip() for line in lines[start:end]))
    said: list[str] = []
    at = common.skip_blank(lines, end)
    if at < len(lines) and (common.RULE.match(lines[at]) or has_comment_label(lines[at])):
        at += bool(common.RULE.match(lines[at]))
        while at < len(lines) and not common.HEADING.match(lines[at]) and not (
                common.RULE.match(lines[at])):
            said.append(lines[at])
            at += 1
    parts = [comment_label(line) for line in said if line.strip()]
    return start, text, common.comment_text(parts) if parts else None


def _unstyled(text: str) -> str:
    """`text` without the styling wrapped around all of it (`++text++` → `text`)."""
    while (styled := _STYLED.match(text)) is not None:
        text = styled.group("text")
    return text
