"""An image annotation whose template spreads it around its link: the comment above the link,
the image below it, or the comment under a heading naming it (`# cmt`) and the image in or
under a heading of its own (`# img![[…]]`).

Input: an anchor's line and the part of the note it may read (`Around`). Output: the image, its
comment and the lines they span, or None when the lines around the link are not so laid out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from anki_export.read.anchor import Anchor
from anki_export.read.shapes import common, lines
from anki_export.read.shapes.lines import Around

# Headings a template prints to name one part of an annotation (`# cmt`, `## Comment`).
_COMMENT_HEADING = re.compile(
    r"^(?:cmt|comments?|notes?|my notes?|kommentar|commentaire|commento|评论|批注|备注|코멘트|"
    r"메모|コメント)\s*:?$", re.I)
_IMAGE_HEADING = re.compile(r"^(?:img|image|images|figure|bild|图片|이미지|画像)\b", re.I)

EMBED = "the image the link embeds"
"""How the anchored reader says it read an image whose embed is itself the anchor."""


@dataclass(frozen=True, slots=True)
class ImageParts:
    """An image annotation found around its link."""

    image: str
    comment: str | None
    first: int
    """0-based first line it holds."""
    last: int
    """0-based last line it holds."""


def embedded(anchor: Anchor, raw: str) -> str | None:
    """The image an anchor embeds (`![ANNOTKEY…](file:///…/ANNOTKEY.png)`, ZotLit's image
    annotation): the link is the image itself, so the annotation has no text."""
    if anchor.start < 1 or raw[anchor.start - 1] != "!":
        return None
    return common.image_path(raw[anchor.start - 1 : anchor.end])


def around_link(index: int, around: Around) -> ImageParts | None:
    """The image annotation laid out around the link on line `index`, if it is one."""
    above = _skip_blank_up(around, index - 1)
    if above < around.floor or above in around.covered:
        return None
    if lines.has_comment_label(around.lines[above]):
        return _image_below(index, above, around)
    return _under_headings(above, around)


def _image_below(index: int, above: int, around: Around) -> ImageParts | None:
    """A labelled comment right above the link (`> 💬 …`) and the image right below it, set
    apart from whatever follows (the next annotation's text would sit right on its link)."""
    start = above
    while (start - 1 >= around.floor and start - 1 not in around.covered
           and not lines.parse(around.lines[start - 1]).blank
           and not lines.is_stop(around.lines[start - 1])):
        start -= 1
    if not lines.has_comment_label(around.lines[start]):
        return None
    at = _skip_blank_down(around, index + 1)
    if at >= around.ceiling or at in around.covered:
        return None
    image = _embed(around.lines[at])
    after = _skip_blank_down(around, at + 1)
    if image is None or (after >= around.ceiling and around.ceiling < len(around.lines)):
        return None
    parts = [lines.parse(raw).content for raw in around.lines[start : above + 1]]
    parts[0] = lines.comment_label(parts[0])
    return ImageParts(image, common.comment_text(parts), start, at)


def _under_headings(above: int, around: Around) -> ImageParts | None:
    """A paragraph under a comment heading (`# cmt`) right above the link, and the image in or
    under the image heading above that (`# img![[…]]`)."""
    start = above
    while (start - 1 >= around.floor and not lines.parse(around.lines[start - 1]).blank
           and not _is_heading(around.lines[start - 1])):
        start -= 1
    heading = _skip_blank_up(around, start - 1)
    if heading < around.floor or not _named(around.lines[heading], _COMMENT_HEADING):
        return None
    comment_lines = around.lines[heading + 1 : above + 1]
    at = heading - 1
    while at >= around.floor and at not in around.covered:
        raw = around.lines[at]
        image = _embed(raw) or _heading_image(raw)
        if image is not None:
            return ImageParts(image, common.comment_text([c.strip() for c in comment_lines]),
                              at, above)
        if raw.strip() and not _is_heading(raw):
            return None
        at -= 1
    return None


def _is_heading(raw: str) -> bool:
    return common.HEADING.match(raw) is not None or raw.lstrip().startswith("#")


def _named(raw: str, pattern: re.Pattern[str]) -> bool:
    """Whether `raw` is a heading whose title `pattern` matches."""
    heading = common.HEADING.match(raw)
    return heading is not None and pattern.match(heading.group("title").strip()) is not None


def _heading_image(raw: str) -> str | None:
    """The image embedded in an image heading (`# img![[x.png]]`)."""
    match = re.match(r"^\s{0,3}#{1,6}\s*(?P<rest>.*)$", raw)
    if match is None or not _IMAGE_HEADING.match(match.group("rest")):
        return None
    return common.image_path(match.group("rest"))


def _embed(raw: str) -> str | None:
    """The image of a line that is only an image embed."""
    content = lines.parse(raw).content.strip()
    return common.image_path(content) if common.IMAGE.fullmatch(content) else None


def _skip_blank_up(around: Around, at: int) -> int:
    while at >= around.floor and lines.parse(around.lines[at]).blank:
        at -= 1
    return at


def _skip_blank_down(around: Around, at: int) -> int:
    while at < around.ceiling and lines.parse(around.lines[at]).blank:
        at += 1
    return at
