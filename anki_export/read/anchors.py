"""Anchors: the links and ids in a note that point at one annotation or one page of its PDF.

Input: a `SourceNote`. Output: its `Anchor`s outside the frontmatter, in order, found in one
pass with precompiled patterns. Zotero's `zotero://open-pdf/…` and `zotero://open/…` links,
and `open-epub`/`open-snapshot` for an EPUB or a web page's snapshot (user and group
libraries, ZotFile's `0_KEY/5` form, parameters in any order, any HTML or URL escaping), links
to a local PDF page (`file:///…/x.pdf#page=3`, PDF++'s `[[x.pdf#page=3…]]`), ZotLit's block
ids (`^ANNKEYaATTKEYp1`) and HTML attributes carrying an annotation key (Zotero's note HTML:
`data-annotation="%7B…annotationKey…%7D"`). Citation links (`zotero://select/…`) are not
anchors.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import replace
from urllib.parse import unquote

from anki_export.read.anchor import Anchor
from anki_export.read.notes import SourceNote
from anki_export.read.service_links import MARKERS, service_link, zotflow_link

# A markdown link's bare target: parentheses inside it are its own when they are balanced
# (CommonMark), as calibre's `open_at=epubcfi(/10/2:0)` needs.
LINK_TARGET = r"(?:\([^()\s]*\)|[^)\s])+"
# One pattern per form of anchor, each starting with a literal so that the scan jumps to it;
# a line is scanned only for the forms whose marker it holds (cheap `in` tests).
_FORMS: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    # PDF++ and Obsidian: a wikilink (or embed) to a page, selection or annotation of a PDF
    ("wiki", "[[", re.compile(
        r"\[\[(?P<target>[^\]|#\n]+?\.(?i:pdf))#(?P<sub>[^\]|\n]*)(?:\|(?P<label>[^\]\n]*))?\]\]")),
    # a markdown link (or image), its target bare or in <…>, maybe with a title
    ("md", "](", re.compile(
        r"\[(?P<label>(?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\(\s*(?:<(?P<angle>[^>\n]+)>|"
        rf"(?P<url>{LINK_TARGET}))(?:\s+\"[^\"\n]*\")?\s*\)")),
    # an HTML link
    ("a", "<a", re.compile(
        r"<(?i:a)\s[^>\n]*?(?i:href)\s*=\s*(?P<quote>[\"'])(?P<url>[^\"'\n]+)(?P=quote)[^>\n]*>"
        r"(?P<label>(?:(?!</(?i:a)>)[^\n])*)</(?i:a)>")),
    # an HTML attribute holding an annotation (Zotero's note HTML, Better Notes)
    ("attr", "data-annotation", re.compile(
        r"(?i:data-annotation(?:-key|-id)?)\s*=\s*(?P<quote>[\"'])(?P<value>[^\"'\n]*)(?P=quote)")),
    # a bare Zotero link (or an autolink in <…>)
    ("bare", "zotero://open", re.compile(
        r"zotero://open(?:-pdf|-epub|-snapshot)?/[^\s)\]>\"'<]+")),
    # ZotLit's block id: annotation key, `a`, attachment key, group, `p` page, at a line's end
    ("block", "^", re.compile(
        r"\^(?P<key>[A-Z0-9]{8})a(?P<attachment>[A-Z0-9]{8})(?:g\d+)?(?:p(?P<page>[0-9A-Za-z-]*))?"
        r"[ \t]*$")),
)
# Every anchor's line holds one of these: only those lines are scanned (`str.find` is fast).
_MARKERS = ("zotero://open", ".pdf", ".PDF", ".Pdf", "data-annotation", "^", *MARKERS)
_FENCE = re.compile(r"^[ \t]*(?:>[ \t]?)*(?P<fence>```|~~~)(?P<info>[^\n]*)$", re.M)
_ITEM_PATH = re.compile(
    r"^/(?:library|groups/\d+)/items/(?P<key>[A-Za-z0-9]*)/?$"
    r"|^/(?:\d+_)?(?P<zotfile>[A-Z0-9]{8})(?:/(?P<page>[^/?#]+))?/?$"
)
_ZOTERO_KEY = re.compile(r"^[A-Z0-9]{8}$")
_SEPARATOR = re.compile(r"[&;]")
_ENTITY = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z]+\d*);")
_NO_ID = frozenset({"", "undefined", "null", "none", "nan"})
# What a link's text shows when it names a page: `p. 3`, `(p. 3)`, `Page 1`, `page. 21`, `12`.
_PAGE_TEXT = re.compile(
    r"^\(?\s*(?:p\.?|pp\.?|pg\.?|page\.?|s\.|seite|页|第)?\s*"
    r"(?P<page>\d+[a-z]?|[ivxlcdm]+)(?:\s*[-–]\s*\w+)?\s*页?\s*\)?$",
    re.I,
)
_TEMPLATE_TAG = ("{{", "{%", "<%")
_Where = tuple[int, int, int, str]
"""An anchor's line, start, end and markup."""


def find_anchors(note: SourceNote) -> list[Anchor]:
    """Every anchor of `note` outside its frontmatter and code, in order.

    Only the lines holding a marker every anchor has (`zotero://open`, `.pdf`,
    `data-annotation`, `^`) are scanned: one pass of `str.find` over the text, then the
    pattern over those lines alone.
    """
    text = note.text
    if not any(marker in text for marker in _MARKERS):
        return []
    offset = _offset(text, note.body_start)
    fenced = _fenced_lines(text, offset) if ("```" in text or "~~~" in text) else set()
    anchors: list[Anchor] = []
    number, counted = note.body_start + 1, offset
    for start in _marked_lines(text, offset):
        number += text.count("\n", counted, start)
        counted = start
        if number in fenced:
            continue
        end = text.find("\n", start)
        line = text[start : end if end >= 0 else len(text)]
        for kind, match in _scan(line, line.lower()):
            if line.count("`", 0, match.start()) % 2:
                continue  # inside an inline code span
            anchor = _anchor(kind, match, line, number)
            if anchor is not None:
                anchors.append(anchor)
    return _without_shown_regions(_merged(anchors))


def _scan(line: str, lowered: str) -> list[tuple[str, re.Match[str]]]:
    """The anchor-like matches of one line, in order, none inside another (a link's URL is
    not a bare link too)."""
    found = [(kind, match) for kind, marker, pattern in _FORMS if marker in lowered
             for match in pattern.finditer(line)]
    if len(found) > 1:
        found.sort(key=lambda item: (item[1].start(), -item[1].end()))
    kept: list[tuple[str, re.Match[str]]] = []
    for kind, match in found:
        if kept and match.start() < kept[-1][1].end():
            continue
        if kind == "block" and line[match.start() - 1 : match.start()].strip():
            continue  # a block id stands apart: `^KEY…` after a space, or alone
        kept.append((kind, match))
    return kept


def _offset(text: str, body_start: int) -> int:
    """Where line `body_start` (0-based) starts in `text`."""
    at = 0
    for _ in range(body_start):
        at = text.find("\n", at) + 1
        if at == 0:
            return len(text)  # the frontmatter runs to the last line: no body
    return at


def _marked_lines(text: str, offset: int) -> list[int]:
    """Offsets of the lines (from `offset` on) that hold a marker, in order."""
    starts: set[int] = set()
    for marker in _MARKERS:
        at = text.find(marker, offset)
        while at >= 0:
            starts.add(text.rfind("\n", 0, at) + 1)
            end = text.find("\n", at)
            at = text.find(marker, end) if end >= 0 else -1
    return sorted(starts)


def page_in_text(label: str | None) -> str | None:
    """The page a link's text names (`p. 3` → `3`, `Page xii` → `xii`), else None."""
    match = _PAGE_TEXT.match(label.strip()) if label else None
    return match.group("page") if match else None


def _fenced_lines(text: str, offset: int) -> set[int]:
    """1-based numbers of lines inside fenced code, apart from ZotLit's `zotero-annot` blocks."""
    fenced: set[int] = set()
    opening: re.Match[str] | None = None
    for match in _FENCE.finditer(text, offset):
        if opening is None:
            opening = match
        elif match.group("fence") == opening.group("fence") and not match.group("info").strip():
            if opening.group("info").strip().lower() != "zotero-annot":
                first = text.count("\n", 0, opening.start()) + 1
                fenced.update(range(first, text.count("\n", 0, match.start()) + 2))
            opening = None
    return fenced


def _anchor(kind: str, match: re.Match[str], line: str, number: int) -> Anchor | None:
    """The anchor a scanned match is, or None when it points at no annotation or page."""
    start, end = match.start(), match.end()
    if kind in ("wiki", "md") and line[start - 1 : start] == "!":
        start -= 1  # an embed
    elif kind == "attr":  # the whole tag that carries the attribute
        start = max(line.rfind("<", 0, start), 0)
        closing = line.find(">", end)
        end = closing + 1 if closing >= 0 else end
    elif kind == "bare" and line[start - 1 : start] == "<" and line[end : end + 1] == ">":
        start, end = start - 1, end + 1
    where = (number, start, end, line[start:end].strip())
    if kind == "block":
        page = match.group("page") or ""
        key = match.group("key")
        return Anchor(*where, "block-id", annotation_id=key, annotation_key=key,
                      attachment_key=match.group("attachment"),
                      page_index=int(page) if page.isdigit() else None, page_label=page or None)
    if kind == "attr":
        return _attribute(where, html.unescape(match.group("value")))
    if kind == "wiki":
        label, url = match.group("label"), f"{match.group('target')}#{match.group('sub')}"
    elif kind == "md":
        label, url = match.group("label"), match.group("angle") or match.group("url")
    elif kind == "a":
        label, url = re.sub(r"<[^>]*>", "", match.group("label")), match.group("url")
    else:
        label, url = None, match.group(0)
    if _ENTITY.search(url):
        url = html.unescape(url)  # `&amp;`, `&#38;`: HTML-escaped in a template or a note
    return _link(where, url.strip(), label.strip() if label else None)


def _link(where: _Where, url: str, label: str | None) -> Anchor | None:
    """A link that opens the PDF at an annotation or a page; None for any other link."""
    if any(tag in url for tag in _TEMPLATE_TAG):
        return None  # a template's placeholder, not a link
    lowered = url.lower()
    item = None
    if (service := service_link(url)) is not None:  # Kindle, Readwise, Hypothesis
        return Anchor(*where, "link", url=url, label=label, annotation_id=service.highlight_id)
    if (zotflow := zotflow_link(url, label)) is not None:
        key, attachment = zotflow.annotation, zotflow.attachment
        return Anchor(*where, "link", url=url, label=label, annotation_id=key,
                      annotation_key=key if _ZOTERO_KEY.match(key) else None,
                      attachment_key=attachment if attachment and _ZOTERO_KEY.match(attachment)
                      else None, page_label=zotflow.page_label)
    if lowered.startswith("zotero://"):
        rest = url.partition("://")[2]
        host, _, path = rest.partition("/")
        if host.lower() not in ("open-pdf", "open-epub", "open-snapshot", "open"):
            return None  # zotero://select/… is a citation, zotero://note/… a note
        path, _, query = ("/" + path).partition("?")
        params = _params(query.partition("#")[0])
        item = _ITEM_PATH.match(path)
    else:
        path, _, fragment = url.partition("#")
        if lowered.startswith(("http://", "https://")) or not unquote(path).lower().endswith(
            ".pdf"
        ):
            return None
        params = _params(fragment)
    attachment = (item.group("key") or item.group("zotfile")) if item else None
    page = params.get("page") or (item.group("page") if item else None) or ""
    given = params.get("annotation", "")
    annotation = None if given.lower() in _NO_ID else given
    shown = page_in_text(label)
    if annotation is None and not page and shown is None:
        return None  # the whole PDF, not one place in it
    return Anchor(
        *where, "link", url=url, label=label, annotation_id=annotation,
        annotation_key=annotation if annotation and _ZOTERO_KEY.match(annotation) else None,
        attachment_key=attachment if attachment and _ZOTERO_KEY.match(attachment) else None,
        page_index=int(page) if page.isdigit() else None, page_label=shown,
        colour=params.get("color") or params.get("colour"),
    )  # fmt: skip


def _params(query: str) -> dict[str, str]:
    """`page=3&annotation=KEY` (any order, `&` or `;`, maybe URL-escaped) as a dict."""
    if "=" not in query and "%3d" in query.lower():
        query = unquote(query)
    escaped = "%" in query
    params: dict[str, str] = {}
    for part in _SEPARATOR.split(query):
        name, _, value = part.partition("=")
        if escaped:
            name, value = unquote(name), unquote(value)
        params.setdefault(name.strip().lower(), value.strip())
    return params


def _attribute(where: _Where, value: str) -> Anchor | None:
    """`data-annotation`: Zotero's URL-encoded JSON, or a plain annotation key."""
    if value.lower().startswith(("%7b", "{")):
        try:
            data = json.loads(unquote(value) if value[0] == "%" else value)
        except ValueError:
            return None
        if not isinstance(data, dict):
            return None
        return _from_json(where, data)
    if value.lower() in _NO_ID:
        return None
    key = value if _ZOTERO_KEY.match(value) else None
    return Anchor(*where, "attribute", annotation_id=value, annotation_key=key)


def _from_json(where: _Where, data: dict[str, object]) -> Anchor | None:
    """The anchor Zotero's `data-annotation` JSON describes (annotation key, PDF, page, colour)."""
    key = str(data.get("annotationKey") or "")
    uri = str(data.get("attachmentURI") or data.get("uri") or "")
    attachment = uri.rstrip("/").rsplit("/", 1)[-1] if uri else ""
    position = data.get("position")
    index = position.get("pageIndex") if isinstance(position, dict) else None
    label = str(data.get("pageLabel") or "") or None
    if not key and index is None:
        return None
    return Anchor(
        *where, "attribute", annotation_id=key or None,
        annotation_key=key if _ZOTERO_KEY.match(key) else None,
        attachment_key=attachment if _ZOTERO_KEY.match(attachment) else None,
        page_index=index + 1 if isinstance(index, int) else None, page_label=label,
        colour=str(data["color"]) if data.get("color") else None,
    )  # fmt: skip


def _merged(anchors: list[Anchor]) -> list[Anchor]:
    """One anchor per annotation and line: Zotero's note HTML wraps a page link in the span
    that names the annotation (`<span data-annotation=…><a href="…?page=3">text</a></span>`)."""
    merged: list[Anchor] = []
    for anchor in anchors:
        last = merged[-1] if merged else None
        if last is not None and last.line == anchor.line and _same_place(last, anchor):
            # The first one's markup stands for both; the second stays in the line's text.
            merged[-1] = replace(
                last if last.annotation_id else anchor, start=last.start, end=last.end,
                markup=last.markup, label=last.label or anchor.label, url=last.url or anchor.url,
                page_index=last.page_index or anchor.page_index,
                page_label=last.page_label or anchor.page_label,
                colour=last.colour or anchor.colour,
            )  # fmt: skip
        else:
            merged.append(anchor)
    return merged


def _same_place(first: Anchor, second: Anchor) -> bool:
    """Whether two anchors on one line name the same annotation (at most one names it)."""
    if first.annotation_id and second.annotation_id:
        return first.annotation_id == second.annotation_id
    if "attribute" not in (first.kind, second.kind):
        return False  # two links on a line are two annotations unless one id names both
    pages = {a.page_index for a in (first, second) if a.page_index is not None}
    keys = {a.attachment_key for a in (first, second) if a.attachment_key}
    return len(pages) <= 1 and len(keys) <= 1


def _without_shown_regions(anchors: list[Anchor]) -> list[Anchor]:
    """PDF++ shows a region it links to as an embed of that region right below the link
    (`> [!PDF|note] [[x.pdf#page=5&rect=…|…]]`, then `> > ![[x.pdf#page=5&rect=…]]`): the
    embed is the annotation's picture, not an anchor of its own."""
    kept: list[Anchor] = []
    for anchor in anchors:
        last = kept[-1] if kept else None
        shows_last = (last is not None and anchor.markup.startswith("!")
                      and not last.markup.startswith("!") and 0 < anchor.line - last.line <= 2
                      and _region(anchor) is not None and _region(anchor) == _region(last))
        if not shows_last:
            kept.append(anchor)
    return kept


def _region(anchor: Anchor) -> tuple[str, tuple[tuple[str, str], ...]] | None:
    """A PDF link's file and place in it (page, selection, rectangle), whatever its colour."""
    if not anchor.url or anchor.url.lower().startswith("zotero:"):
        return None
    path, _, fragment = anchor.url.partition("#")
    place = {k: v for k, v in _params(fragment).items() if k not in ("color", "colour")}
    return unquote(path), tuple(sorted(place.items()))
