"""Comments a template writes as a heading right above each annotation.

Input: a `SourceNote` and the annotations the readers found in it. Output: those annotations,
each with the heading right above it as (the start of) its comment, when the note uses one
heading level for that alone and leaves it empty over an annotation without a comment. Zotero
7's note templates can be set to put the comment first (`<h5>{{comment}}</h5>`, then the
highlight, as in the 少数派/sspai guide).
"""

from __future__ import annotations

from dataclasses import replace

from anki_export.read.annotation import Annotation
from anki_export.read.notes import SourceNote
from anki_export.read.shapes import common


def with_heading_comments(note: SourceNote, found: list[Annotation]) -> list[Annotation]:
    """`found`, with the comments of a heading level that only ever opens one annotation."""
    if "#" not in note.text or len(found) < 2:
        return found
    lines = note.lines
    starts = {annotation.line - 1 for annotation in found}
    levels: dict[int, list[tuple[str, int | None]]] = {}
    for index in range(note.body_start, len(lines)):
        heading = common.HEADING.match(lines[index])
        if heading is not None:
            below = common.skip_blank(lines, index + 1)
            levels.setdefault(len(heading.group(1)), []).append(
                (heading.group("title").strip(), below if below in starts else None))
    comments: dict[int, str] = {}
    for level, headings in levels.items():
        deepest = all(level > other for other in levels if other != level)
        opens_each = len(headings) >= 2 and all(below is not None for _, below in headings)
        some_empty = any(not title for title, _ in headings)
        # An empty one is the template's mark: a heading of the reader's own, or a colour
        # group's (`#### 🟡 Key point`), always has words. So is a level whose headings each
        # open a single annotation while others go without one: the template wrote a heading
        # only where there was a comment (adjiap's "Direct Quotes with Comments").
        if deepest and opens_each and (some_empty or _only_where_commented(
                note, level, [below for _, below in headings if below is not None], starts)):
            comments.update({below + 1: title for title, below in headings
                             if title and below is not None})
    if not comments:
        return found
    return [_with_comment(a, comments[a.line]) if a.line in comments else a for a in found]


def _only_where_commented(note: SourceNote, level: int, opened: list[int],
                          starts: set[int]) -> bool:
    """Whether each heading of `level` opens one annotation alone (a heading comes before the
    next one) while at least two annotations sit under a higher heading with none of `level`."""
    lines = note.lines
    nearest: int | None = None  # the level of the last heading seen
    alone = set(opened)
    previous: int | None = None  # the last annotation's start, while no heading came after it
    unheaded = 0
    for index in range(note.body_start, len(lines)):
        heading = common.HEADING.match(lines[index])
        if heading is not None:
            nearest, previous = len(heading.group(1)), None
        elif index in starts:
            if previous in alone or (index in alone and previous is not None):
                return False  # two annotations under one heading of the level
            unheaded += nearest is not None and nearest < level
            previous = index
    return unheaded >= 2


def _with_comment(annotation: Annotation, heading: str) -> Annotation:
    """The annotation with the heading's words first in its comment (and not as its label)."""
    comment = "\n".join(filter(None, [heading, annotation.comment]))
    label = None if annotation.label == heading else annotation.label
    return replace(annotation, comment=comment, label=label)
