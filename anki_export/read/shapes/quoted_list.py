"""Passages listed with a page reference and no link: `- "text" (p. 12)`, `"text" (Author :30)`.

Input: a `SourceNote`. Output: `Annotation`s without key, colour or label, taken only inside an
annotations section (or a note that says it holds extracted annotations); a re-imported second
copy of a passage adds nothing and is counted in one warning. An item with no passage before its
page reference and the exported image after a break (`- (p. 7)<br>![[…-7-x88-y402.png]]`) is
an image annotation.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

from anki_export.errors import Problem
from anki_export.read.annotation import Annotation
from anki_export.read.notes import SourceNote
from anki_export.read.shapes import common, meaning

_PAGE = r"[0-9ivxlcdm]+(?:\s*[-\u2013]\s*[0-9ivxlcdm]+)?"
# `(p. 12)`, `(pp. 8-9)`, `(S. 4)`; or a citation: `(Okeke 2018:30)`, `(Varga :30)`,
# `(Bellucci, 2019, p. 47)`, `(Müller, 2020, S. 4)` (Zotero's German citations),
# `(الخطيب، 2018، ص 45)` (its Arabic ones: an Arabic comma, `ص` with no dot).
_REFERENCE = re.compile(
    rf"\(\s*[*_]{{0,2}}(?:(?:p|pp|pg|page|pages|s|seite)\.?\s*(?P<page>{_PAGE})"
    rf"|[^()\n]*?[^\W\d_][^()\n]*?(?::\s*|[,\u060c]\s*(?:(?:pp?|s)\.|\u0635\.?)\s*)"
    rf"(?P<cited>{_PAGE}))[*_]{{0,2}}\s*\)",
    re.I,
)
# A colour emoji after the reference: the PDF highlights extractor's colour tag.
_COLOUR_TAG = r"(?:🟡|🟢|🔵|🔴|🟣)"
SIGNATURE = re.compile(
    rf"(?:[.:]|\bpages?|\u0635)\s*{_PAGE}[*_]{{0,2}}\s*\)[ \t]*(?:{_COLOUR_TAG}[ \t]*)?"
    r"(?:\^[\w-]+[ \t]*|<!--.*?-->[ \t]*|<br\s*/?>.*)?$",
    re.M | re.I
)
# Headings that open a section of annotations (`## Highlights`, `# Extracted Annotations (…)`),
# and the heading Zotero's "Add Note from Annotations" writes in its other languages.
_SECTION = re.compile(
    r"^(?:my |pdf |zotero |kindle |extracted |imported |in-text )?"
    r"(?:annotations?|highlights?|quotes?|excerpts?|extracts?)\b"
    r"|^(?:annotazioni|anotaciones|anota[cç][oõ]es|anmerkungen|adnotacje|annotaties|anotace"
    r"|аннотации|анотації)\b|^التعليقات التوضيحية",
    re.I,
)
_EXTRACTED = re.compile(r"^[*_]*extracted annotations\b", re.I)
# The footer the PDF highlights extractor writes under its list: `## Source`, `[[paper.pdf]]`;
# the whole note is its list of highlights (a re-run appends another list and footer).
_SOURCE_FOOTER = re.compile(r"^#{1,6}[ \t]+Source[ \t]*\n\[\[[^\]\n]+\.pdf\]\][ \t]*$", re.M | re.I)
_TRAILING_COLOUR = re.compile(rf"\s*(?P<tag>{_COLOUR_TAG})\s*$")
_BEGIN = re.compile(r"%%\s*begin annotations\s*%%", re.I)
_END = re.compile(r"%%\s*end annotations\s*%%", re.I)
_ITEM = re.compile(r"^(?:[-*+]|\d{1,3}[.)])\s+")
_NESTED = re.compile(r"^[ \t]+(?:[-*+]|\d{1,3}[.)])\s+")
_CONTINUED = re.compile(r"^[ \t]{2,}[^\s>]")  # a nested item's next line, indented under it
_OPENING_QUOTES = "\"\u201c\u201e\u00ab"
_CLOSING_THEN_PAREN = re.compile(r"[\"\u201d\u201c\u00bb]\s*\(")
_BLOCK_ID = re.compile(r"(?:\s\^[\w-]+|<!--.*?-->)\s*$")
"""A block id (`^abc123`) or an HTML comment (Zotero2MD's `<!--(Highlighted on …)-->`) at the
end of an item: no part of the passage."""
_BREAK = re.compile(r"<br\s*/?>", re.I)
_TAGS_ONLY = re.compile(r"(?:\s*(?:\[\[[^\]]+\]\]|#[\w/-]+))+\s*")
_ANCHOR = re.compile(r"\]\((?:zotero|file)://")
_LINK_AFTER = re.compile(r"^\s*\(?\[[^\]\n]*\]\((?:zotero|file)://[^)\s]*\)\)?")
# ZotFile's note on a highlight, exported without links: `_my words (note on p.30)_`.
_NOTE = re.compile(r"^([_*])(?P<text>.*?)\s*\(note on p\.?\s*[^)]*\)\s*\1$", re.I)
_REPEATED = (
    "{count} quoted passage(s) repeat ones listed above (the list imported again?); "
    "only the first copy is read"
)


@dataclass(frozen=True, slots=True)
class _Item:
    """One candidate passage: a list item, a blockquote or a quoted paragraph."""

    start: int
    """0-based index of its first line."""
    text: str
    """Its lines joined, without markers."""
    kind: str
    """`bullet`, `quote` or `paragraph`."""
    comment: str | None
    """Nested bullets or a ZotFile note under it."""
    run: int
    """Which list the item belongs to: items of one list share it."""
    image: str | None = None
    """An image annotation's embed (after a break on its line, or Zotero's `![](images/KEY.png)`
    with its citation below)."""


def parse(note: SourceNote) -> tuple[list[Annotation], list[Problem]]:
    """Passages with a page reference in the annotations sections of `note`, first copies only."""
    items = list(_items(note.lines, _inside_sections(note)))
    passages = [_passage(item) for item in items]
    lists = _lists_of_passages(items, passages)
    found: list[Annotation] = []
    seen: set[tuple[str, str, str | None]] = set()
    repeats: list[int] = []
    for item, passage in zip(items, passages, strict=True):
        if passage is None or not (passage[0] or item.image) or (
            item.kind == "bullet" and item.run not in lists
        ):
            continue
        identity = (" ".join(passage[0].casefold().split()), passage[1], item.image)
        if identity in seen:
            repeats.append(item.start + 1)
            continue
        seen.add(identity)
        tag = _TRAILING_COLOUR.search(item.text)
        colour = meaning.heading_meaning(tag.group("tag"))[1] if tag else None
        comment = "\n".join(part for part in (passage[2], item.comment) if part) or None
        # `p &gt; 0.3`: a note exported from Zotero's HTML keeps its escapes
        text = html.unescape(passage[0]) if "&" in passage[0] else passage[0]
        # Zotero's image template with links: `(Author, 2021, p. 6) ([pdf](…)) comment`
        link = common.find_link(item.text) if item.kind == "image" else None
        found.append(common.build(item.start + 1, text, link, comment=comment,
                                  image=item.image, page_label=passage[1], colour=colour))
    problems = []
    if repeats:
        problems.append(Problem(_REPEATED.format(count=len(repeats)), note.path, repeats[0]))
    return found, problems


def _inside_sections(note: SourceNote) -> list[bool]:
    """For each line, whether it lies in an annotations section."""
    inside: list[bool] = []
    level: int | None = None  # of the heading that opened the current section
    markers = False
    extracted = _SOURCE_FOOTER.search(note.text) is not None
    for index, line in enumerate(note.lines):
        heading = common.HEADING.match(line) if index >= note.body_start else None
        if heading:
            depth = len(heading.group(1))
            if level is not None and depth <= level:
                level = None
            if _SECTION.match(re.sub(r"^[\W_]+", "", heading.group("title"))):
                level = depth if level is None else level
        elif _EXTRACTED.match(line.strip()) and index >= note.body_start:
            extracted = True
        markers = bool(_BEGIN.search(line)) or (markers and not _END.search(line))
        inside.append(index >= note.body_start and (level is not None or markers or extracted))
    return inside


def _items(lines: list[str], inside: list[bool]) -> Iterator[_Item]:
    """Candidate passages in the sections, in order; a heading or prose ends a list."""
    index, run = 0, 0
    while index < len(lines):
        line = lines[index]
        kind = _kind(line) if inside[index] else None
        image = common.bare_image(line) if inside[index] and kind is None else None
        if image is not None and index + 1 < len(lines) and _cites(lines[index + 1]):
            # Zotero's image template: the image, then its citation and comment below (the
            # comment's further lines with it, as after a passage's reference)
            run += 1
            end = _item_end(lines, index + 1, "paragraph")
            cited = " ".join(part.strip() for part in lines[index + 1 : end])
            yield _Item(index, cited, "image", None, run, image)
            index = end
            continue
        if kind is None:
            if line.strip() and not common.is_quoted(line):
                run += 1  # prose, a heading or a marker: the list, if any, is over
            index = _skip_callout(lines, index + 1) if common.CALLOUT.match(line) else index + 1
            continue
        end = _item_end(lines, index, kind)
        comment, after = _comment(lines, end)
        if kind != "bullet":
            run += 1
        text = " ".join(_content(part, kind) for part in lines[index:end])
        if kind == "paragraph" and comment is None and (
                below := _cited_below(lines, inside, end)) is not None:
            citation, comment, after = below
            text = f"{text} {citation}"
        text, said, image = _after_breaks(text)
        comment = "\n".join(part for part in (said, comment) if part) or None
        if not _ANCHOR.search(text):
            yield _Item(index, text, kind, comment, run, image)
        index = after


def _cited_below(
    lines: list[str], inside: list[bool], end: int
) -> tuple[str, str | None, int] | None:
    """Zotero's note template `{{highlight}}<br/>{{citation}}<br/>{{comment}}` pasted as
    paragraphs: the citation alone on the next paragraph's line after a quoted passage, then
    the comment as the paragraph of prose after it. (citation, comment, index after them)."""
    at = common.skip_blank(lines, end)
    if at >= len(lines) or not inside[at] or not _cites(lines[at]):
        return None
    citation, after = lines[at].strip(), at + 1
    start = common.skip_blank(lines, after)
    stop = start
    while stop < len(lines) and inside[stop] and _prose(lines[stop]):
        stop += 1
    if stop == start or (stop < len(lines) and lines[stop].strip()):
        return citation, None, after  # no paragraph of prose of its own follows
    return citation, common.comment_text([line.strip() for line in lines[start:stop]]), stop


def _prose(line: str) -> bool:
    """A line of the reader's words: no passage, citation, image, heading, rule or list."""
    return bool(line.strip()) and _kind(line) is None and not _cites(line.strip()) and not (
        common.is_boundary(line) or common.IMAGE.search(line) or _ITEM.match(line))


def _after_breaks(text: str) -> tuple[str, str | None, str | None]:
    """An item's passage, the comment a template puts after it on the same line
    (`passage (p. 2)<br>💬 comment`) and the exported image after a break; other parts after a
    break (`<br>🔎 OCR text`) are dropped."""
    parts = _BREAK.split(text)
    if len(parts) == 1:
        return text, None, None
    said = [part.strip()[1:].strip() for part in parts[1:] if part.strip().startswith("💬")]
    image = next((path for part in parts[1:] if (path := common.bare_image(part))), None)
    return parts[0].rstrip(), "\n".join(said) or None, image


def _kind(line: str) -> str | None:
    """What sort of passage starts on `line`, if any."""
    if common.CALLOUT.match(line) or common.HEADING.match(line):
        return None
    if _ITEM.match(line):
        return "bullet"
    if common.is_quoted(line) and common.unquote(line).strip():
        return "quote"
    opening = line.strip()[:1]
    return "paragraph" if opening and opening in _OPENING_QUOTES else None


def _item_end(lines: list[str], index: int, kind: str) -> int:
    """Index just past the lines of the passage starting at `index`."""
    index += 1
    while index < len(lines) and lines[index].strip():
        line = lines[index]
        if common.is_boundary(line) or _NESTED.match(line):
            break
        if kind == "quote" and not common.is_quoted(line):
            break
        if kind != "quote" and (common.is_quoted(line) or _ITEM.match(line)):
            break
        index += 1
    return index


def _comment(lines: list[str], index: int) -> tuple[str | None, int]:
    """Nested bullets right under a passage, or a ZotFile note after it; the index after."""
    parts: list[str] = []
    while index < len(lines) and (_NESTED.match(lines[index]) or (
        parts and _CONTINUED.match(lines[index])
    )):
        part = _NESTED.sub("", lines[index]).strip()
        index += 1
        if not _TAGS_ONLY.fullmatch(part):  # `- [[enforcement]]`: the reader's tags, not words
            parts.append(common.bold_label(part) or part)
    if parts:
        return common.comment_text(parts), index
    following = common.skip_blank(lines, index)
    note = _NOTE.match(lines[following].strip()) if following < len(lines) else None
    if note:
        return common.comment_text([note.group("text")]), following + 1
    return None, index


def _content(line: str, kind: str) -> str:
    """A passage's line without its list or quote marker."""
    if kind == "quote":
        return common.unquote(line).strip()
    return _ITEM.sub("", line.strip(), count=1).strip()


def _skip_callout(lines: list[str], index: int) -> int:
    """Index past a callout's lines: its content is never a listed passage.

    Lines right under it belong to it even without `>`, as the research-note template writes
    its text line; a blank line, a heading, another callout or a `%%` line ends it.
    """
    while index < len(lines) and lines[index].strip() and not common.is_boundary(lines[index]):
        index += 1
    return index


def _cites(line: str) -> bool:
    """Whether `line` opens with a page reference (`(Author, 2020, p. 49) my words`)."""
    closing = line.find(")")
    return line.startswith("(") and _REFERENCE.fullmatch(line[: closing + 1]) is not None


def _passage(item: _Item) -> tuple[str, str, str | None] | None:
    """(text, printed page, comment after the reference) of an item with a page reference at
    its end, or right after its closing quote (Zotero's `“text” (Author, 2020, p. 4) words`)."""
    text = _TRAILING_COLOUR.sub("", _BLOCK_ID.sub("", item.text).rstrip())
    if item.kind == "image":
        closing = text.find(")")
        reference = _REFERENCE.fullmatch(text[: closing + 1])
        said = _LINK_AFTER.sub("", text[closing + 1 :], count=1).strip()
        return ("", _page(reference), said or None) if reference else None
    if item.kind == "paragraph" and (quoted := _quoted_then_reference(text)) is not None:
        return quoted
    opening = text.rfind("(")
    # Only the last parenthesis can hold the reference; matching there keeps the search short.
    reference = _REFERENCE.fullmatch(text[opening:]) if opening >= max(0, len(text) - 160) else None
    if reference is None:
        return None
    passage = common.strip_quotes(text[:opening].strip().rstrip(",;").strip())
    return passage, _page(reference), None


def _page(reference: re.Match[str]) -> str:
    """The printed page a reference names, without spaces (`8 - 9` → `8-9`)."""
    return re.sub(r"\s+", "", reference.group("page") or reference.group("cited"))


def _quoted_then_reference(text: str) -> tuple[str, str, str] | None:
    """A quoted passage whose closing quote a page reference follows, then the reader's words
    (what follows is a comment only when it is there: otherwise the item ends with its page)."""
    for closing in _CLOSING_THEN_PAREN.finditer(text, 1):
        end = text.find(")", closing.end())
        reference = _REFERENCE.fullmatch(text[closing.end() - 1 : end + 1]) if end > 0 else None
        if reference is not None:
            comment = text[end + 1 :].strip()
            if not comment:
                return None
            return text[1 : closing.start()].strip(), _page(reference), comment
    return None


def _lists_of_passages(
    items: list[_Item], passages: list[tuple[str, str, str | None] | None]
) -> set[int]:
    """The lists (runs) of which at least half of the items end with a page reference.

    The reader's own list of reminders may have one item that cites a page; a list of
    extracted passages has one on (nearly) every item.
    """
    counts: dict[int, list[int]] = {}
    for item, passage in zip(items, passages, strict=True):
        if item.kind == "bullet":
            count = counts.setdefault(item.run, [0, 0])
            count[0] += 1
            count[1] += passage is not None
    return {run for run, (total, referenced) in counts.items() if 2 * referenced >= total}
