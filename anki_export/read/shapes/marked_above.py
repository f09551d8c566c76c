"""The highlight right above the words on a link's line: those words are then the comment.

Input: the lines from the paragraph the link's line ends to the link's line. Output: where the
highlight starts, its text or image, and the reader's words next to the link. Templates that glue
the link to the comment (`{{comment}}- [pg 4](…)`) leave the highlight as the paragraph above,
set apart by its markup (`<mark>…</mark>`, `==…==`) or an image embed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from anki_export.read.shapes import common, lines
from anki_export.read.shapes.lines import Around

_WHOLLY_MARKED = re.compile(r"^\s*(?:<mark\b[^>]*>(?:(?!</?mark\b).)*</mark>|==[^=]+==)\s*$",
                            re.I | re.S)


@dataclass(frozen=True, slots=True)
class Above:
    """A highlight above the words on its link's line."""

    first: int
    """0-based line where the highlight starts."""
    text: str
    image: str | None
    words: str | None
    """The reader's words, from the paragraph that ends on the link's line: the comment."""


HOW = "the marked passage or image above the words by the link"
"""How the text was found, for `explain`."""


def split(around: Around, first: int, index: int, on_line: str) -> Above | None:
    """The highlight above the paragraph on lines `first`..`index` (the link's): a paragraph
    wholly in highlight markup, or an image embed, when the words next to the link are
    neither; None when the paragraph is the highlight itself. `on_line`: the words before
    the link on its line."""
    lower = first
    for at in range(first, index + 1):
        if lines.parse(around.lines[at]).blank:
            lower = at + 1  # a `>` alone inside the quote: the paragraphs above and below
    words = [*(lines.parse(raw).content for raw in around.lines[lower:index]), on_line]
    if _marked(" ".join(words)):
        return None
    end = lower - 1
    while end >= around.floor and end not in around.covered and lines.parse(
            around.lines[end]).blank:
        end -= 1
    start = end
    while start - 1 >= around.floor and start - 1 not in around.covered and not (
            lines.parse(around.lines[start - 1]).blank or lines.is_stop(around.lines[start - 1])):
        start -= 1
    if end < around.floor or end in around.covered or lines.is_stop(around.lines[end]):
        return None
    upper = " ".join(lines.parse(raw).content for raw in around.lines[start : end + 1]).strip()
    # An image is the highlight only right above the words (`>![[…]]` then `> comment- [pg 6]`):
    # past a blank line, the words may be a highlight of their own.
    image = common.bare_image(upper) if end == lower - 1 else None
    if image is None and not _marked(upper):
        return None
    said = " ".join(" ".join(words).split()).strip(" -\u2013\u2014|")
    return Above(start, "" if image else upper, image, common.comment_text([said]))


def _marked(text: str) -> bool:
    """Whether `text` is one passage wholly in highlight markup."""
    return _WHOLLY_MARKED.match(text) is not None
