"""What the shape readers share: quote prefixes, block boundaries, links, text and images.

Input: lines and fragments of a note. Output: clean text, comments, links and `Annotation`s.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from urllib.parse import urlsplit

from anki_export.errors import Problem
from anki_export.read.annotation import Annotation
from anki_export.read.links import PdfLink, find_pdf_link
from anki_export.read.notes import SourceNote

Reader = Callable[[SourceNote], tuple[list[Annotation], list[Problem]]]
"""What every shape module exposes as `parse`."""

CALLOUT = re.compile(r"^\s*>\s*\[![^\]]+\]")
HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(?P<title>.*?)\s*#*\s*$")
RULE = re.compile(r"^\s{0,3}(?:-{3,}|\*{3,}|_{3,})\s*$")
IMAGE = re.compile(r"!\[\[(?P<wiki>[^\]|#]+)(?:[|#][^\]]*)?\]\]|!\[[^\]]*\]\((?P<md>[^)\s]+)\)")
# Names Zotero Integration (`citekey-3-x72-y582.png`) and ZotLit (`ANNKEY.png`) give images:
# only such a bare embed is an image annotation, not any picture the reader pasted.
ZOTERO_IMAGE = re.compile(
    r"(?:-(?P<page>\d+)-x\d+-y\d+|(?:^|/)[A-Z0-9]{8})\.(?i:png|jpe?g|webp|gif)$"
)
TYPE_WORDS = frozenset({
    "highlight", "underline", "image", "note", "ink", "text", "strikeout", "strikethrough",
    "annotation",
})  # fmt: skip
"""Annotation types templates print where a label could go; they are not labels."""
BULLET = re.compile(r"^[-*+]\s+")
MISSING_IMAGE = "image not exported"
"""The image of an image annotation whose template left no file to embed."""
# What a template prints for a text Zotero leaves empty (image and note annotations have none):
# Python's `None` (vscotero's `"{text}"`), JavaScript's `null` or `undefined`.
NO_TEXT = re.compile(r"^(?:None|null|NULL|undefined)$")
_TAG = r"#[^\W\d_][\w/-]*"
_LABELLED_TAG = rf"(?:{_TAG}|\[\[[^\]\n]+\]\])"
TAG_LINE = re.compile(
    rf"^\s*(?:(?:(?:\*\*|__)?[\w ]{{0,20}}\btags?\s*(?::\s*(?:\*\*|__)?|(?:\*\*|__)\s*:?)\s*)"
    rf"{_LABELLED_TAG}(?:\s*,?\s+{_LABELLED_TAG})*|{_TAG}(?:\s*,?\s+{_TAG})*)\s*,?\s*$", re.I)
"""A line of tags only (`#methods #key`, `**Annotation tags:** #a, #b`, Readwise's
`Tags: [[a]] [[b]]`, where a label says the links are tags); `# Title` is a heading, `#3` no
tag."""

_QUOTE_PREFIX = re.compile(r"^\s*(?:>\s?)+")
_TAGS = re.compile(r"</?(?:mark|span|font)\b[^>]*>", re.I)
# `<br>`, `<br />`, and the `</br>` some templates write for it (browsers read it as a break)
_BREAK = re.compile(r"</?br\s*/?>", re.I)
_BLOCK_ID = re.compile(r"(?:^|[ \t]+)\^[A-Za-z0-9][A-Za-z0-9-]*[ \t]*$", re.M)
_BREAK_LINE = re.compile(r"[ \t]*</?br\s*/?>[ \t]*\n?", re.I)
# Each opening quote with the closing ones that answer it: `„…“` in German, `„…”` in Polish,
# Hungarian or Romanian.
_QUOTES = {"\u201c": "\u201d", '"': '"', "\u201e": "\u201c\u201d", "\u00ab": "\u00bb",
           "\u300c": "\u300d", "\u300e": "\u300f"}
_WRAPPERS = ("**", "__", "*", "_")
# `**Note:**`, `**Comment**:`, or with the full-width colon of Chinese and Japanese (U+FF1A)
_BOLD_LABEL = re.compile(r"^\*\*[^*\n]{1,30}?(?:[:\uff1a]\*\*|\*\*\s*[:\uff1a])\s*")
# A template's field whose value is only tags (Hypothesis' `Group: #Public`): no words of a comment.
_FIELD_OF_TAGS = re.compile(rf"^\s*[^\W\d_][\w ]{{0,20}}:\s*{_TAG}(?:\s*,?\s+{_TAG})*\s*$")
_ESCAPED_QUOTE = re.compile(r"\\([\"'\u201c\u201d])")
_ESCAPED_TAGS = re.compile(r"\\\[[^\]\n]*\\\]$")
# Tags a template writes after the comment, on its last line (`comment  #effect-size`).
_TRAILING_TAGS = re.compile(rf"(?<=\S)(?:[ \t]+{_TAG})+[ \t]*$")
_FRAGMENT_PAGE = re.compile(r"(?:^|&)page=(\d+)")
_AT_PLACE = re.compile(r"(?:^|[&;])(?:annotation|page)=")
_PAGE_WORD = re.compile(r"^[0-9ivxlcdm]+(?:\s*[-\u2013]\s*[0-9ivxlcdm]+)?$", re.I)


def unquote(line: str) -> str:
    """`line` without its `>` blockquote prefixes."""
    return _QUOTE_PREFIX.sub("", line)


def is_quoted(line: str) -> bool:
    """Whether `line` belongs to a blockquote or callout."""
    return line.lstrip().startswith(">")


def is_boundary(line: str) -> bool:
    """Lines that end whatever comment or annotation precedes them."""
    stripped = line.strip()
    return bool(
        CALLOUT.match(line)
        or HEADING.match(line)
        or RULE.match(line)
        or stripped.startswith("%%")
        or (stripped and IMAGE.fullmatch(stripped))
    )


def find_link(text: str) -> PdfLink | None:
    """The first PDF link in `text`; a `file://…pdf#page=N` link's page is read too."""
    link = find_pdf_link(text)
    if link is None or link.page_index is not None:
        return link
    page = _FRAGMENT_PAGE.search(urlsplit(link.url).fragment)
    return replace(link, page_index=int(page.group(1))) if page else link


def points_at_highlight(link: PdfLink) -> bool:
    """Whether `link` opens one annotation or page, not just the PDF (`[PDF](…/items/KEY)`)."""
    parts = urlsplit(link.url)
    if link.annotation_key or _AT_PLACE.search(f"{parts.query}&{parts.fragment}"):
        return True
    return bool(link.page_label and _PAGE_WORD.match(link.page_label))


def strip_tags(text: str) -> str:
    """`text` without `<mark>`, `<span>` or `<font>` tags (a reader's marks inside a highlight)."""
    return _TAGS.sub("", text)


def text_before_link(content: str, link: PdfLink) -> str:
    """What precedes `link` on its line, without the `(` that wraps links like `([p. 2](…))`."""
    before = content[: link.start].rstrip()
    if content[link.end : link.end + 1] == ")" and before.endswith("("):
        before = before[:-1]
    return before


def clean_text(text: str) -> str:
    """Highlight text without `<mark>`/`<span>` tags, bullets, wrapping quotes or extra spaces."""
    text = _TAGS.sub("", _BREAK.sub(" ", text))
    text = " ".join(text.split())
    return strip_quotes(BULLET.sub("", text).strip(" |"))


def without_escaped_quotes(text: str) -> str:
    """`text` with the backslash a template's filter put before quotes (ZotMD's `escape_quotes`:
    `\\"`) gone, as Markdown shows them."""
    return _ESCAPED_QUOTE.sub(r"\1", text) if "\\" in text else text


def strip_quotes(text: str) -> str:
    """`“text”` or `"text"` → `text` (only a matching pair around the whole text)."""
    text = text.strip()
    if len(text) >= 2 and text[-1] in _QUOTES.get(text[0], ""):
        return text[1:-1].strip()
    return text


def comment_text(lines: Sequence[str]) -> str | None:
    """A comment from its lines: `<br />` becomes a newline, `**…**` or `_…_` wrappers go (and a
    `**` left without its pair), and so do a line of tags only (`#methods #key`) and tags after
    the last words: a template's tags, not the reader's words.
    `<span>`, `<mark>` and `<font>` tags go too (a note editor's colour on a word), their words
    stay."""
    text = _BREAK_LINE.sub("\n", "\n".join(line.rstrip() for line in lines)).strip()
    if text.endswith("\\]"):  # Zotero's `{{comment}}[{{tags}}]`, escaped on export: tags
        text = _ESCAPED_TAGS.sub("", text).strip()
    if "^" in text:  # a block id (`… ^5c1e9b7a`) names the paragraph, it says nothing
        text = _BLOCK_ID.sub("", text).strip()
    if "<" in text:
        text = _TAGS.sub("", text)
    if "#" in text or "[[" in text:
        text = "\n".join(line for line in text.split("\n")
                         if not (TAG_LINE.match(line) or _FIELD_OF_TAGS.match(line))).strip()
        text = _TRAILING_TAGS.sub("", text)
    for mark in ("**", "__"):
        if text.count(mark) == 1 and (text.startswith(mark) or text.endswith(mark)):
            # emphasis that a template opened or closed without its pair (bibnotes drops the
            # opening `**` of a comment): markup, not the reader's words
            text = text.removeprefix(mark).removesuffix(mark).strip()
    for wrapper in _WRAPPERS:
        inner = text[len(wrapper) : -len(wrapper)]
        wrapped = text.startswith(wrapper) and text.endswith(wrapper)
        # `**a** and **b**` is not one wrapped comment.
        if wrapped and len(text) > 2 * len(wrapper) and wrapper not in inner:
            text = inner.strip()
            break
    return text or None


def bold_label(content: str) -> str | None:
    """The rest of a line opening with a bold label (`**Note:** …`, `**Comment**:`), else None."""
    match = _BOLD_LABEL.match(content.strip())
    return content.strip()[match.end() :] if match else None


def image_path(text: str) -> str | None:
    """The path of the first `![[…]]` or `![](…)` embed in `text`, exactly as written."""
    match = IMAGE.search(text)
    return (match.group("wiki") or match.group("md")).strip() if match else None


def bare_image(line: str) -> str | None:
    """The path of a line that is only an embed of a Zotero-exported image, else None."""
    stripped = line.strip()
    match = IMAGE.fullmatch(stripped)
    path = image_path(stripped) if match else None
    return path if path and ZOTERO_IMAGE.search(path) else None


def skip_blank(lines: Sequence[str], index: int) -> int:
    """The first index from `index` whose line is not blank (tabs and spaces count as blank)."""
    while index < len(lines) and not lines[index].strip():
        index += 1
    return index


def build(
    line: int,
    text: str,
    link: PdfLink | None = None,
    *,
    colour: str | None = None,
    label: str | None = None,
    comment: str | None = None,
    image: str | None = None,
    page_label: str | None = None,
) -> Annotation:
    """An `Annotation` from what a reader found; `text` stays raw (repair runs later)."""
    text = unmarked(text)
    return Annotation(
        line=line,
        text=text,
        raw_text=text,
        label=label or None,
        colour=colour,
        page_label=page_label or (link.page_label if link else None),
        page_index=link.page_index if link else _image_page(image),
        attachment_key=link.attachment_key if link else None,
        annotation_key=link.annotation_key if link else None,
        link=link.url if link else None,
        comment=comment or None,
        image=image or None,
    )


def unmarked(text: str) -> str:
    """`text` without a highlight mark around all of it (`==text==`): the template's, since no
    one marks a whole highlight as what to hide; marks around some words stay."""
    if len(text) > 4 and text[:2] == text[-2:] == "==" and "==" not in text[2:-2]:
        return text[2:-2].strip()
    return text


def empty(annotation: Annotation, note: SourceNote, problems: list[Problem]) -> bool:
    """True (with a warning) for an annotation with neither text nor image."""
    if annotation.raw_text.strip() or annotation.image:
        return False
    problems.append(Problem("annotation has no text; skipped", note.path, annotation.line))
    return True


def _image_page(image: str | None) -> int | None:
    """The PDF page in a Zotero Integration image name (`…-8-x310-y62.png` → 8).

    An image with no link has no other page; without one, two such images on a note would
    share the identity that text and page give.
    """
    match = ZOTERO_IMAGE.search(image) if image else None
    return int(match.group("page")) if match and match.group("page") else None
