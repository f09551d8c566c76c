"""Zotero's note layout, one record per annotation: what the record holds besides the text.

Input: an anchor's line and the part of the note it may read (`Around`). Output: the comment a
template wrote before the highlight, the image an image annotation's record holds after its
link, or the image Zotero's Markdown export left only a placeholder for (`[image]`).
"""

from __future__ import annotations

import re

from anki_export.read.anchor import Anchor
from anki_export.read.shapes import common, lines
from anki_export.read.shapes.comments import closes_record
from anki_export.read.shapes.lines import Around

# What Zotero's Markdown export writes where a note shows an image annotation.
# A thematic break written with spaces (`- - -`), which reads as a list item at first sight.
_SPACED_RULE = re.compile(r"^\s{0,3}(?:([-*_])\s*)(?:\1\s*){2,}$")
_PLACEHOLDER = re.compile(r"^\s*\[image\]\s*\(?\s*$", re.I)


def placeholder_image(anchor: Anchor, before: str) -> str | None:
    """The image an `[image] ([pdf](…))` anchor stands for, by the name Zotero gives it in its
    cache (`ANNOTKEY.png`): the file was not exported, so the card says it is missing."""
    if anchor.annotation_key and _PLACEHOLDER.match(before):
        return f"{anchor.annotation_key}.png"
    return None


def comment_before(index: int, around: Around) -> str | None:
    """The comment a template wrote before the highlight: a paragraph of the reader's between
    the previous record, closed by its citation or tags, and the anchor's line.

    A record closes with its citation (`([Author, 2018, p. 3](zotero://select/…))`) and the
    tags after it, so the paragraph after it opens the next record: such templates write
    `{{comment}}` before `{{highlight}}`, as Zotero's note templates and Better Notes allow.
    """
    end = index - 1
    while end >= around.floor and end not in around.covered and _blank(around, end):
        end -= 1
    if end == index - 1:
        # the anchor's line continues a paragraph: nothing stands on its own, unless the
        # paragraph leads into the highlight's list item
        return _lead_in(index, around)
    start = end
    while start >= around.floor and start not in around.covered and _prose(around, start):
        start -= 1
    if start == end:
        return None
    above = start
    while above >= 0 and _blank(around, above):
        above -= 1
    # The closing line must be the previous annotation's last (the walk starts this one's part
    # of the note after it), not a line of tags in the note's header.
    if not (0 <= above < around.floor and closes_record(around.lines[above])) and not (
        _ruled_off(around, above)
    ):
        return None
    said = [lines.parse(raw).content for raw in around.lines[start + 1 : end + 1]]
    return common.comment_text([lines.comment_label(said[0]), *said[1:]])


def _lead_in(index: int, around: Around) -> str | None:
    """The reader's paragraph that ends with a colon right above a highlight's list item, which
    no other item of the list follows (a template's `{{comment}}:` above `- ==text== [p. 4]`):
    it says what the highlight is to the reader, its comment, without the colon."""
    line = lines.parse(around.lines[index])
    if not line.item or line.depth or not around.lines[index - 1].rstrip().endswith((":", "：")):
        return None
    following = index + 1
    if following < len(around.lines) and (after := lines.parse(around.lines[following])).item and (
            after.indent == line.indent and not _SPACED_RULE.match(around.lines[following])):
        return None  # a list the paragraph opens, not one highlight
    start = index - 1
    while start >= around.floor and start not in around.covered and _prose(around, start):
        start -= 1
    if start == index - 1:
        return None
    said = [lines.parse(raw).content.strip() for raw in around.lines[start + 1 : index]]
    said[-1] = said[-1].rstrip().rstrip(":：").rstrip()
    return common.comment_text(said)


def _ruled_off(around: Around, rule: int) -> bool:
    """Whether line `rule` is a `---` that closes the previous annotation, only blank lines
    after it: a template that writes each highlight's note before it and a rule after it."""
    if rule < around.floor or not common.RULE.match(around.lines[rule]):
        return False
    above = rule - 1
    while above >= around.floor and _blank(around, above):
        above -= 1
    return 0 <= above < around.floor and above in around.covered


def comment_then_image(index: int, around: Around) -> tuple[int, int, str, str | None] | None:
    """(first line, image line, image, comment) of an image annotation whose template wrote the
    comment with the link, then the image (`> 💬 comment`, `[Page 7](…)`,
    `![[…-7-x62-y388.png]]`): the comment is the marked lines right above the link."""
    top = index
    while top - 1 >= around.floor and top - 1 not in around.covered and not _blank(around, top - 1):
        top -= 1
    if top == index or not lines.has_comment_label(around.lines[top]):
        return None
    at = index + 1
    while at < around.ceiling and _blank(around, at):
        at += 1
    image = None
    if at < around.ceiling and at not in around.covered:
        image = common.bare_image(lines.parse(around.lines[at]).content)
    if image is None:
        return None
    said = [lines.parse(raw).content for raw in around.lines[top:index]]
    return top, at, image, common.comment_text([lines.comment_label(said[0]), *said[1:]])


def _blank(around: Around, at: int) -> bool:
    return lines.parse(around.lines[at]).blank


def _prose(around: Around, at: int) -> bool:
    """A line of the reader's own paragraph: no quote, list item, image, stop or citation."""
    raw = around.lines[at]
    current = lines.parse(raw)
    return not (current.blank or current.depth or current.item or lines.is_stop(raw)
                or closes_record(raw) or common.IMAGE.search(raw))
