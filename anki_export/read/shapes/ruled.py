"""Comments of annotations that a template closes with a rule (`---`).

Input: the line after an annotation's text and the part of the note it may read (`Around`).
Output: the paragraphs of plain prose between the text and the rule that closes its record
(calibre's Highlights to Obsidian: link, `> quote`, the notes' paragraphs, `---`), or None.
"""

from __future__ import annotations

from anki_export.read.shapes import common, lines
from anki_export.read.shapes.lines import Around


def paragraphs(around: Around, at: int, base: lines.Line) -> tuple[list[str], int] | None:
    """The paragraphs from line `at` up to a rule after which only blank lines come before the
    next annotation (or the note's end), and the last line they hold; None when anything else
    (a link, a list, a heading, a quote) comes first: then the rule closes no record of its."""
    parts: list[str] = []
    end = at
    while at < around.ceiling and at not in around.covered:
        raw = around.lines[at]
        current = lines.parse(raw)
        if current.depth <= base.depth and common.RULE.match(current.content):
            break
        if current.blank:
            at += 1
            continue
        plain = current.depth <= base.depth and not current.item and not lines.is_stop(raw)
        if not plain or "](" in raw or common.IMAGE.search(raw):
            return None
        if parts and end < at - 1:
            parts.append("")  # a paragraph apart from the one before it
        parts.append(current.content.strip())
        end = at
        at += 1
    else:
        return None
    closing = at + 1
    while closing < around.ceiling and not around.lines[closing].strip():
        closing += 1
    closed = closing >= len(around.lines) or closing == around.ceiling
    return (parts, end) if parts and closed else None
