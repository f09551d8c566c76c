"""Highlights listed under a list item whose label names them: `- **Highlights**:` and its items.

Input: a `SourceNote` with no anchor. Output: an `Annotation` per item nested right under an
item that is only a label naming highlights or annotations (Raindrop's default template writes
`- **Highlights**:` under each bookmark), its next lines (soft breaks) with it; the items nested
under a highlight are its comment (`- *Note: my words*`), without their label.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from anki_export.errors import Problem
from anki_export.read.anchors import find_anchors
from anki_export.read.annotation import Annotation
from anki_export.read.notes import SourceNote
from anki_export.read.shapes import common, sections
from anki_export.read.shapes.lines import comment_label

# A list item that is a label and nothing else: `- **Highlights**:`, `- Highlights:`, `* _Notes_:`
_LABEL_ITEM = re.compile(
    r"^(?P<indent>[ \t]*)[-*+][ \t]+(?P<wrap>\*\*|__|\*|_)?(?P<label>[^*_:\n]{2,40}?)"
    r"(?P=wrap)?[ \t]*[:\uff1a][ \t]*(?P=wrap)?[ \t]*$")
SIGNATURE = re.compile(_LABEL_ITEM.pattern, re.M)
_ITEM = re.compile(r"^(?P<indent>[ \t]*)[-*+][ \t]+(?P<content>.*)$")


def parse(note: SourceNote) -> tuple[list[Annotation], list[Problem]]:
    """The highlights listed under each item of `note` whose label names them."""
    if find_anchors(note):
        return [], []  # the anchored reader reads items with a link of their own
    lines = note.lines
    found: list[Annotation] = []
    for index in range(note.body_start, len(lines)):
        label = _LABEL_ITEM.match(lines[index])
        if label is None or not sections.opens_section(label.group("label").strip()):
            continue
        end = _children_end(lines, index + 1, _width(label.group("indent")))
        found += _highlights(lines, index + 1, end)
    return found, []


def _width(indent: str) -> int:
    """How deep an indentation goes (a tab counts as four spaces, as Markdown reads it)."""
    return len(indent.expandtabs(4))


def _children_end(lines: Sequence[str], index: int, depth: int) -> int:
    """The index past the lines nested deeper than `depth` from `index` (blank lines inside)."""
    end = index
    while index < len(lines):
        if lines[index].strip():
            if _width(lines[index][: len(lines[index]) - len(lines[index].lstrip())]) <= depth:
                break
            end = index + 1
        index += 1
    return end


def _highlights(lines: Sequence[str], start: int, end: int) -> list[Annotation]:
    """Each item of the shallowest depth in `lines[start:end]`, with the items under it."""
    items = [(i, match) for i in range(start, end) if (match := _ITEM.match(lines[i]))]
    if not items:
        return []
    depth = min(_width(match.group("indent")) for _, match in items)
    tops = [i for i, match in items if _width(match.group("indent")) == depth]
    found = []
    for top, following in zip(tops, [*tops[1:], end], strict=True):
        own = _item_lines(lines, top, following)
        nested = [i for i, _ in items if top < i < following]
        said = [" ".join(_item_lines(lines, i, following)) for i in nested]
        comment = " ".join(comment_label(common.comment_text([s]) or "") for s in said)
        found.append(common.build(top + 1, " ".join(" ".join(own).split()),
                                  comment=comment.strip() or None))
    return found


def _item_lines(lines: Sequence[str], index: int, end: int) -> list[str]:
    """The words of the item at `index` and of its next lines, up to the next item or `end`."""
    match = _ITEM.match(lines[index])
    words = [match.group("content").strip()] if match else []
    index += 1
    while index < end and lines[index].strip() and not _ITEM.match(lines[index]):
        words.append(lines[index].strip())
        index += 1
    return words
