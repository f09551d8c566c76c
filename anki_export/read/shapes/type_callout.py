"""Callouts named after the annotation type: `> [!Highlight]`, `> [!Image]`, `> [!note]`.

Input: a `SourceNote`. Output: `Annotation`s coloured by the `<mark>`/`<span style="color">`
inside, with the comment inside (`> **Comment**:`) or in the paragraphs after the callout.
"""

from __future__ import annotations

import re

from anki_export.errors import Problem
from anki_export.read.annotation import Annotation
from anki_export.read.links import PdfLink
from anki_export.read.notes import SourceNote
from anki_export.read.shapes import breaks, common, meaning

_KINDS = r"highlight|underline|image|note|ink|text|strikeout"
_HEADER = re.compile(
    rf"^\s*>\s*\[!(?P<kind>{_KINDS})(?:\|(?P<colour>[^\]]*))?\][+-]?[ \t]*(?P<title>.*?)\s*$",
    re.I,
)
# A type callout whose first few lines hold a mark, span or image: an exported annotation.
SIGNATURE = re.compile(
    rf"^\s*>\s*\[!(?:{_KINDS})(?:\|[^\]]*)?\][^\n]*\n(?:\s*>[^\n]*\n){{0,3}}"
    r"\s*>[^\n]*(?:<(?:mark|span|font)\b|!\[)",
    re.I | re.M,
)
_BREAK_END = re.compile(r"<br\s*/?>\s*$", re.I)
_TYPED_MARK = re.compile(r"<(mark|span|font)\b[^>]*>\s*(?P<inner>[^<]*?)\s*</\1>", re.I)


def parse(note: SourceNote) -> tuple[list[Annotation], list[Problem]]:
    """All type callouts of `note` that hold a highlight, note or image, in order."""
    lines = note.lines
    found: list[Annotation] = []
    problems: list[Problem] = []
    group = meaning.Group()
    index = note.body_start
    while index < len(lines):
        header = _HEADER.match(lines[index])
        if header is None:
            group.see(lines[index], index + 1)
            index += 1
            continue
        start = index
        end = _callout_end(lines, index + 1)
        annotation, index = _read(lines, start, end, header)
        if annotation is None:
            group.see(lines[start], start + 1)
        else:
            group.keep(annotation, note, found, problems)
    return group.apply(found), problems


def _read(
    lines: list[str], start: int, end: int, header: re.Match[str]
) -> tuple[Annotation | None, int]:
    """The annotation of the callout `lines[start:end]` (None for a callout of the reader's)."""
    body = [common.unquote(line) for line in lines[start + 1 : end]]
    marker = next((i for i, b in enumerate(body) if common.bold_label(b) is not None), len(body))
    text_lines = body[:marker]
    title = header.group("title")
    link = next((found for b in [title, *text_lines] if (found := common.find_link(b))), None)
    image = next((path for b in text_lines if (path := common.image_path(b))), None)
    if link is None and not (header.group("kind").lower() == "image" and image):
        return None, end  # a callout the reader wrote, not an exported annotation
    record = _titled(title, link)
    if record is not None:
        # `> [!Note] <mark>Highlight</mark><br><br>text`: the title holds the type and the
        # text (or the image); what the callout holds is the comment
        comment = common.comment_text([*filter(None, [record.comment]), _text(text_lines)])
        annotation = common.build(start + 1, record.text, link, comment=comment,
                                  colour=meaning.opening_colour(title), image=record.image)
        return annotation, end
    markup = " ".join(text_lines)
    colour = meaning.opening_colour(markup) or meaning.colour_name(header.group("colour"))
    if marker < len(body):
        comment, after = _inside_comment(lines, body[marker:], end)
    else:
        comment, after = _outside_comment(lines, end)
    annotation = common.build(
        start + 1,
        _text(text_lines),
        link,
        colour=colour,
        comment=comment,
        image=image,
    )
    return annotation, after


def _titled(title: str, link: PdfLink | None) -> breaks.Fields | None:
    """The record a callout's title holds (type, then text or an image, joined with `<br>`)."""
    before = common.text_before_link(title, link) if link and common.find_link(title) else title
    record = breaks.fields(before)
    if record is None and (image := common.image_path(before)) and "br>" in before.lower():
        return breaks.Fields("image", "", None, image)
    return record


def _text(body: list[str]) -> str:
    """Highlight text of the callout body: marks naming only the type ("Image") dropped."""
    parts = []
    for content in body:
        link = common.find_link(content)
        if link is not None:
            content = common.text_before_link(content, link)
        if common.IMAGE.search(content):
            continue
        content = _TYPED_MARK.sub(
            lambda m: "" if m.group("inner").lower() in common.TYPE_WORDS else m.group(0), content
        )
        parts.append(content)
    return common.clean_text(" ".join(parts))


def _callout_end(lines: list[str], index: int) -> int:
    """Index just past the callout's `>` lines."""
    while index < len(lines) and (common.is_quoted(lines[index]) or _lazy(lines, index)):
        if _HEADER.match(lines[index]) or common.CALLOUT.match(lines[index]):
            break
        index += 1
    return index


def _lazy(lines: list[str], index: int) -> bool:
    """A line that lost its `>` right after a callout line ending in a line break (`<br />`)."""
    return (bool(lines[index].strip()) and _BREAK_END.search(lines[index - 1]) is not None
            and not common.is_boundary(lines[index]))


def _inside_comment(lines: list[str], body: list[str], end: int) -> tuple[str | None, int]:
    """`> **Comment**:` and the lines after it, with those that lost their `>` right after."""
    parts = [common.bold_label(body[0]) or "", *body[1:]]
    while end < len(lines) and lines[end].strip() and not common.is_boundary(lines[end]):
        parts.append(lines[end])
        end += 1
    return common.comment_text([p.strip() for p in parts]), end


def _outside_comment(lines: list[str], end: int) -> tuple[str | None, int]:
    """The paragraphs between the callout and the next callout, heading or rule."""
    index = end
    parts: list[str] = []
    while index < len(lines) and not common.is_boundary(lines[index]):
        if common.is_quoted(lines[index]):
            break  # a blockquote of the reader's, not the comment
        parts.append(lines[index])
        index += 1
    while parts and not parts[-1].strip():
        parts.pop()
        index -= 1
    while parts and not parts[0].strip():
        parts.pop(0)
    return common.comment_text(parts), index
