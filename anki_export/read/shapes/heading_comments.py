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
        # group's (`#### 🟡 Key point`), always has words.
        if deepest and opens_each and some_empty:
            comments.update({below + 1: title for title, below in headings
                             if title and below is not None})
    if not comments:
        return found
    return [_with_comment(a, comments[a.line]) if a.line in comments else a for a in found]


def _with_comment(annotation: Annotation, heading: str) -> Annotation:
    """The annotation with the heading's words first in its comment."""
    comment = "\n".join(filter(None, [heading, annotation.comment]))
    return replace(annotation, comment=comment)
