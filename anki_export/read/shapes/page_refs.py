"""Page references that end a passage copied without a link: `(p. 12)`, `(Okeke 2018:30)`.

Input: a passage's text (a list item, a blockquote, a paragraph, an image's citation). Output:
the passage without its reference, the printed page it names, and the reader's words after it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from anki_export.read.shapes import common

_PAGE = r"[0-9ivxlcdm]+(?:\s*[-\u2013]\s*[0-9ivxlcdm]+)?"
# `(p. 12)`, `(pp. 8-9)`, `(S. 4)`; or a citation: `(Okeke 2018:30)`, `(Varga :30)`,
# `(Bellucci, 2019, p. 47)`, `(Müller, 2020, S. 4)` (Zotero's German citations),
# `(الخطيب، 2018، ص 45)` (its Arabic ones: an Arabic comma, `ص` with no dot).
_REFERENCE = re.compile(
    rf"\(\s*[*_]{{0,2}}(?:(?:p|pp|pg|page|pages|s|seite)\.?\s*(?P<page>{_PAGE})"
    rf"|[^()\n]*?[^\W\d_][^()\n]*?(?::\s*|[,\u060c]\s*(?:(?:pp?|s)\.|\u0635\.?)\s*)"
    rf"(?P<cited>{_PAGE}))\.?[*_]{{0,2}}\s*\)",
    re.I,
)
# A colour emoji after the reference: the PDF highlights extractor's colour tag.
COLOUR_TAG = r"(?:🟡|🟢|🔵|🔴|🟣)"
SIGNATURE = re.compile(
    rf"(?:[.:]|\bpages?|\u0635)\s*{_PAGE}\.?[*_]{{0,2}}\s*\)[ \t]*"
    rf"(?:</(?:mark|span|font)>[ \t]*)?(?:{COLOUR_TAG}[ \t]*)?"
    r"(?:\^[\w-]+[ \t]*|<!--.*?-->[ \t]*|</?br\s*/?>.*)?$",
    re.M | re.I
)
TRAILING_COLOUR = re.compile(rf"\s*(?P<tag>{COLOUR_TAG})\s*$")
# A page named after the passage with no parenthesis (ZotLit's `{{text}} p. {{page}}`), or
# alone where an image's empty text stands: only in a list of such items (see `passage`).
_BARE = re.compile(rf"(?:^|\s)(?:p|pp|s)\.\s*(?P<page>{_PAGE})$", re.I)
# A quoted passage, then its page without a parenthesis (vscotero's `"{text}", pg. {page}`): the
# closing quote sets the passage apart, so the page after it needs none.
_QUOTED_BARE = re.compile(
    rf"^[\"\u201c\u201e\u00ab](?P<text>.*\S)[\"\u201d\u201c\u00bb]\s*[,;\u2013\u2014-]?\s*"
    rf"(?:p|pp|pg|s)\.\s*(?P<page>{_PAGE})\.?$", re.I)
_LIST_ITEM = re.compile(r"^(?:[-*+]|\d{1,3}[.)])[ \t]+")

_BREAK = re.compile(r"</?br\s*/?>", re.I)
_OPENING_QUOTES = "\"\u201c\u201e\u00ab\u300c"
_QUOTED_THEN_CITED = re.compile(r"^.[^\n]*[\"\u201c\u201d\u00bb\u300d]\s*\([^()]*\)$")
_MARKUP = re.compile(r"</?(?:mark|span|font)\b[^>]*>", re.I)
_CLOSING_THEN_PAREN = re.compile(r"[\"\u201d\u201c\u00bb]\s*\(")
_BLOCK_ID = re.compile(r"(?:\s\^[\w-]+|<!--.*?-->)\s*$")
"""A block id (`^abc123`) or an HTML comment (Zotero2MD's `<!--(Highlighted on …)-->`) at the
end of an item: no part of the passage."""
# A page in brackets after a quoted passage: `> text [12]` (`pubs extract`'s default), `[p. 12]`.
_BRACKETED = re.compile(r"\s\[(?:(?:p|pp|pg|s|page|seite)\.?\s*)?(?P<page>\d{1,4})\]$", re.I)
# Tags a template puts after a passage or its comment (`[6] #verify`): no part of either.
TRAILING_TAGS = re.compile(r"(?:\s+#[^\W\d_][\w/-]*)+\s*$")
# A page heading or a callout's page title: the word for a page, its number, then at most a
# time or date after a separator (`@`, a dash, a comma), as an exporter writes above each
# highlight. The reader's own `## Page 7: my summary` names no time, so it heads no entry.
PAGE_WORD = (
    r"(?:page|pg\.?|pp?\.|seite|s\.|p[áa]gina|pagina|pag\.|strona|str\.|страница|стр\.|"
    r"sida|side|sivu|oldal|sayfa|página|페이지|ページ|页|頁)"
)
PAGE_TITLE = re.compile(
    rf"^{PAGE_WORD}\s*(?P<page>[0-9ivxlcdm]+)(?P<when>\s*(?:@|[-\u2013\u2014,|:(])[^\d\n]*\d.*)?$",
    re.I)
# The line of fields an e-reader's clipping closes a quote with (`> - Page 12, Location 180-182,
# Date …`, Kindle's `- Your Highlight on page 12 | Location 180-182 | Added on …`): its place.
_LOCATOR = re.compile(
    rf"\s[-\u2013\u2014]\s+(?:your \w+ (?:on|at) )?(?:{PAGE_WORD}\s*(?P<page>{_PAGE})\s*[,|]\s*)?"
    r"(?:location|loc\.?)\s*\d+(?:\s*[-\u2013]\s*\d+)?(?:\s*[,|][^\n]*)?$", re.I)
ANCHOR = re.compile(r"\]\((?:zotero|file)://")
"""A link to the PDF: a passage holding one is the link-anchored reader's."""
# A page label linked to the item, not to a place in its PDF (`text [p.3](zotero://select/
# library/items/KEY)`, a template's `[p.{{pageLabel}}]({{itemSelectLink}})`): a page
# reference, as `(p. 3)` is, and no anchor.
_ITEM_PAGE_LINK = re.compile(
    rf"\s*\[\s*{PAGE_WORD}\s*(?P<page>{_PAGE})\s*\]\(zotero://select/[^)\s&?]*\)$", re.I)
_LINK_AFTER = re.compile(r"^\s*\(?\[[^\]\n]*\]\((?:zotero|file)://[^)\s]*\)\)?")

Passage = tuple[str, str, "str | None"]
"""(text, printed page, the reader's words after the reference)."""


def links_to_pdf(text: str) -> bool:
    """Whether `text` links to the PDF (see `ANCHOR`), a page link to the item at its end aside."""
    return ANCHOR.search(_ITEM_PAGE_LINK.sub("", text.rstrip())) is not None


def cites(line: str) -> bool:
    """Whether `line` opens with a page reference (`(Author, 2020, p. 49) my words`)."""
    closing = line.find(")")
    return line.startswith("(") and _REFERENCE.fullmatch(line[: closing + 1]) is not None


def passage(text: str, kind: str, bare: bool = False) -> Passage | None:
    """(text, printed page, comment after the reference) of an item with a page reference at
    its end, or right after its closing quote (Zotero's `“text” (Author, 2020, p. 4) words`).

    An image's citation opens its line (`(Author, 2021, p. 6) comment`) or closes the words of
    its embed's alias (`Table 1 (p. 53)`): either way the words are its comment. With `bare`, a
    list item may end with its page without a parenthesis (`text p. 12`).
    """
    if "<" in text:  # `<mark class="hltr-red">"text" (p. 4)</mark>`: the colour, no words
        text = _MARKUP.sub("", text)
    text = TRAILING_COLOUR.sub("", _BLOCK_ID.sub("", text).rstrip())
    if kind == "image":
        closing = text.find(")")
        reference = _REFERENCE.fullmatch(text[: closing + 1])
        said = _LINK_AFTER.sub("", text[closing + 1 :], count=1).strip()
        if reference is None and (after := passage(text, "caption")) is not None:
            return "", after[1], after[0] or None
        return ("", _page(reference), said or None) if reference else None
    text = TRAILING_TAGS.sub("", text)
    if (page := _ITEM_PAGE_LINK.search(text)) is not None:
        return common.strip_quotes(text[: page.start()]), page.group("page"), None
    if kind == "quote" and (page := _BRACKETED.search(text)) is not None:
        return common.strip_quotes(text[: page.start()]), page.group("page"), None
    if kind == "quote" and (place := _LOCATOR.search(text)) is not None:
        return common.strip_quotes(text[: place.start()]), place.group("page") or "", None
    if bare and kind == "bullet" and (page := _BARE.search(text)) is not None:
        return common.strip_quotes(text[: page.start()]), page.group("page"), None
    if kind == "paragraph" and (quoted := _quoted_then_reference(text)) is not None:
        return quoted
    if kind == "paragraph" and (page := _QUOTED_BARE.match(text)) is not None:
        return page.group("text").strip(), page.group("page"), None
    opening = text.rfind("(")
    # Only the last parenthesis can hold the reference; matching there keeps the search short.
    reference = _REFERENCE.fullmatch(text[opening:]) if opening >= max(0, len(text) - 160) else None
    if reference is None:
        return None
    return common.strip_quotes(text[:opening].strip().rstrip(",;").strip()), _page(reference), None


def _page(reference: re.Match[str]) -> str:
    """The printed page a reference names, without spaces (`8 - 9` → `8-9`)."""
    return re.sub(r"\s+", "", reference.group("page") or reference.group("cited"))


def _quoted_then_reference(text: str) -> Passage | None:
    """A quoted passage whose closing quote a page reference follows, then the reader's words
    (what follows is a comment only when it is there: otherwise the item ends with its page)."""
    for closing in _CLOSING_THEN_PAREN.finditer(text, 1):
        end = text.find(")", closing.end())
        reference = _REFERENCE.fullmatch(text[closing.end() - 1 : end + 1]) if end > 0 else None
        if reference is not None:
            comment = TRAILING_TAGS.sub("", text[end + 1 :]).strip()
            if not comment:
                return None
            return text[1 : closing.start()].strip(), _page(reference), comment
    return None


def cited_quotes(lines: Sequence[str], start: int) -> list[int]:
    """Where blockquotes, quoted paragraphs and list items of a quoted or marked passage from
    `start` on end with a page reference (`> text [12]`, `“text” (Author, 2020, p. 4)`, a
    blockquote with its citation below it, `- <mark>"text" (p. 4)</mark>`): a template's
    repeated entries, which mark the sections holding them as its annotations."""
    found, index = [], start
    while index < len(lines):
        line = lines[index]
        end = index + 1
        cited = False
        if common.is_quoted(line) and not common.CALLOUT.match(line):
            while end < len(lines) and common.is_quoted(lines[end]):
                end += 1
            text = " ".join(common.unquote(part).strip() for part in lines[index:end])
            below = common.skip_blank(lines, end)  # or its citation alone under it
            cited = passage(text, "quote") is not None or (
                below < len(lines) and cites(lines[below].strip()))
        elif line.strip()[:1] in "\"\u201c\u201e\u00ab" and line.strip():
            cited = passage(line.strip(), "paragraph") is not None
        elif (item := _LIST_ITEM.match(line)) is not None:
            cited = _cited_item(line[item.end() :])
        if cited:
            found.append(index)
        index = end
    return found


def _cited_item(content: str) -> bool:
    """Whether a list item's `content` is a marked passage that cites its page, or a quoted one
    with its citation right after the closing quote (what follows a break is no part of it):
    `"question?" my words (p. 3)` is the reader's own."""
    content = _BREAK.split(content, maxsplit=1)[0].strip()
    marked = content.startswith(("<mark", "==", "<span"))
    bare = _MARKUP.sub("", content).strip().strip("=")
    if passage(bare, "bullet") is None or not (marked or bare[:1] in _OPENING_QUOTES):
        return False
    return marked or _QUOTED_THEN_CITED.match(bare) is not None
