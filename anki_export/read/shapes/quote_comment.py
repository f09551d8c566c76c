"""A highlight written as a quote, and under it, apart, a paragraph that opens with its links:
what follows the links on that line is the comment, not a highlight of its own (Zotero 7's
note template exported to markdown: `> text`, a blank line, `(cite) ([pdf](…)) comment`)."""

from __future__ import annotations

from anki_export.read.shapes import lines
from anki_export.read.shapes.lines import Around

HOW = "the quote above the link, its comment after the link"


def under_quote(index: int, line: lines.Line, around: Around) -> tuple[int, list[str]] | None:
    """The first line and contents of the quote right above the link's line (0-based `index`,
    outside any quote, no words before the link), one blank line apart: the highlight."""
    if line.depth or index < 2 or not lines.parse(around.lines[index - 1]).blank:
        return None
    at = index - 2
    while at >= around.floor and at not in around.covered:
        current = lines.parse(around.lines[at])
        if current.depth == 0 or lines.is_stop(around.lines[at]):
            break
        at -= 1
    parts = [lines.parse(raw).content for raw in around.lines[at + 1 : index - 1]]
    return (at + 1, parts) if lines.clean(" ".join(parts)) else None
