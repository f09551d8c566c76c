"""Anchors no known form names: links that a template writes once per annotation.

Input: a `SourceNote` and the anchors the known forms found (`anchors.find_anchors`). Output:
those anchors plus the members of every *link family* in the note's body: links of any scheme
(`https://…`, `obsidian://…`, `marginnote3app://…`) that share their shape and differ only in
an id (a UUID, a hex or base-N key, a number), each on its own line, two or more with different
ids. A template that links every annotation writes such a family whoever made it; a link that
repeats the same id on every entry (the item, the paper's DOI) is a citation, and links to
other works (DOIs, arXiv ids) are references. When nothing else anchors a note, block ids
(`^5c1e9b7a`) written the same way count too, and so does a local PDF linked on many entries.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from urllib.parse import unquote

from anki_export.read.anchor import Anchor
from anki_export.read.anchors import LINK_TARGET, page_in_text
from anki_export.read.notes import SourceNote

_LINK = re.compile(
    r"\[(?P<label>(?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\(\s*(?:<(?P<angle>[^>\n]+)>|"
    rf"(?P<url>{LINK_TARGET}))"
    r"(?:\s+\"[^\"\n]*\")?\s*\)"
    r"|<(?i:a)\s[^>\n]*?(?i:href)\s*=\s*[\"'](?P<href>[^\"'\n]+)[\"'][^>\n]*>"
    r"(?P<text>(?:(?!</(?i:a)>)[^\n])*)</(?i:a)>"
    r"|(?P<bare>(?<![\w(\"'=/])[A-Za-z][A-Za-z0-9+.-]{1,30}://[^\s)\]>\"'<]+)"
)
_SCHEME = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]{1,30})://(?P<rest>.*)$", re.S)
_TOKEN = re.compile(r"[A-Za-z0-9]+")
# Links that name another work, not a place in this one: a reference list is not a family.
_WORK = re.compile(r"\b10\.\d{4,9}/|doi\.org|arxiv\.org|isbn|zotero://", re.I)
_BLOCK_ID = re.compile(r"(?<=\s)\^(?P<id>[A-Za-z0-9][A-Za-z0-9-]*)[ \t]*$")
_ZOTERO_KEY = re.compile(r"^[A-Z0-9]{8}$")
_ITEM = re.compile(r"^\s*(?:>\s*)*(?:[-*+]|\d{1,3}[.)])\s")
# What a line holds besides its words: list and quote markers, callout headers, block ids, tags.
_MARKUP = re.compile(r"^\s*(?:>\s*)*(?:\[![^\]]*\][+-]?)?|\s\^[\w-]+\s*$|(?<!\S)#[^\s#]+")
_FENCE = re.compile(r"^[ \t]*(?:>[ \t]?)*(?:```|~~~)")
_LEAST = 2
"""Entries with different ids that make a family."""
_LEAST_PDF = 3
"""Entries that link the same local PDF, with no place in it, before each is one's link."""


def with_families(note: SourceNote, known: list[Anchor]) -> list[Anchor]:
    """`known` and the anchors the note's link families (else block ids) add, in order."""
    spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for anchor in known:
        spans[anchor.line].append((anchor.start, anchor.end))
    links = [link for link in _links(note) if not _overlaps(link, spans.get(link.line, []))]
    found = _families(links) + _repeated_pdfs(links)
    if not known and not found:
        found = _block_ids(note)
    if not found:
        return known
    return sorted([*known, *found], key=lambda a: (a.line, a.start))


def _body_lines(note: SourceNote) -> list[tuple[int, str]]:
    """(1-based number, text) of the body's lines outside fenced code."""
    kept, fenced = [], False
    note_lines = note.lines  # split once: the property splits the text on every call
    for index in range(note.body_start, len(note_lines)):
        raw = note_lines[index]
        if _FENCE.match(raw):
            fenced = not fenced
        elif not fenced:
            kept.append((index + 1, raw))
    return kept


def _links(note: SourceNote) -> list[Anchor]:
    """Every link of the body as a bare `Anchor` (line, span, markup, URL, label)."""
    found = []
    for number, raw in _body_lines(note):
        if "://" not in raw:
            continue
        for match in _LINK.finditer(raw):
            if raw.count("`", 0, match.start()) % 2:
                continue  # inside an inline code span
            url = match.group("angle") or match.group("url") or match.group("href") or match.group(
                "bare")
            label = match.group("label")
            if label is None and match.group("text") is not None:
                label = re.sub(r"<[^>]*>", "", match.group("text"))
            if url is None or "://" not in url:
                continue
            url = html.unescape(url.strip())
            if _bookmark(label, raw[: match.start()] + raw[match.end() :]):
                continue
            found.append(Anchor(number, match.start(), match.end(), match.group(0).strip(),
                                "link", url=url, label=label.strip() if label else None))
    return found


def _bookmark(label: str | None, rest: str) -> bool:
    """A link that is all its list item says, named in a few words (`- [Issue 12](…)`):
    a list of links, not of annotations (a highlight's link shows a sign, a page or nothing,
    or sits by the highlight's words)."""
    words = re.findall(r"[^\W\d_]{2,}", label or "")
    if not words or len(words) > 3 or _page(label) is not None or not _ITEM.match(rest):
        return False
    return not re.search(r"[^\W\d_]", _MARKUP.sub("", _ITEM.sub("", rest, count=1)))


def _overlaps(link: Anchor, spans: list[tuple[int, int]]) -> bool:
    """Whether a known anchor (its span on the link's line) already stands on this link."""
    return any(start < link.end and link.start < end for start, end in spans)


def _shape(url: str) -> tuple[tuple[str, ...], list[str]] | None:
    """(the link's shape, its alphanumeric tokens) with the URL unescaped, or None for a link
    that cannot anchor (a work's identifier, no scheme)."""
    plain = unquote(unquote(url))
    if _WORK.search(plain) or (found := _SCHEME.match(plain)) is None:
        return None
    rest = found.group("rest")
    host = rest.split("/", 1)[0].split("?", 1)[0].lower()
    separators = tuple(_TOKEN.split(rest))
    return (found.group("scheme").lower(), host, *separators), _TOKEN.findall(rest)


def _families(links: list[Anchor]) -> list[Anchor]:
    """The links that belong to a family: same shape, ids varying, on different lines."""
    groups: dict[tuple[str, ...], list[tuple[Anchor, list[str]]]] = defaultdict(list)
    for link in links:
        assert link.url is not None
        shape = _shape(link.url)
        if shape is not None:
            groups[shape[0]].append((link, shape[1]))
    found = []
    for members in groups.values():
        varying = _id_positions([tokens for _, tokens in members])
        if varying is None:
            continue
        ids = ["-".join(tokens[i] for i in varying) for _, tokens in members]
        if len(set(ids)) < _LEAST or len({link.line for link, _ in members}) < _LEAST:
            continue
        if len(set(ids)) * 2 <= len(ids):
            continue  # mostly the same few targets again: citations, not one link each
        found += [_anchor(link, identity) for (link, _), identity in zip(members, ids, strict=True)]
    return found


def _id_positions(rows: list[list[str]]) -> list[int] | None:
    """The token positions whose values differ between the links, when every one of them holds
    ids (numbers, hex, keys: a digit in each, or one length of 6 or more); None when the links
    differ in words (pages of a site, not places in one document) or not at all."""
    varying = [i for i in range(len(rows[0])) if len({row[i] for row in rows}) > 1]
    if not varying:
        return None
    for position in varying:
        values = [row[position] for row in rows]
        digits = all(any(c.isdigit() for c in value) for value in values)
        one_length = len({len(v) for v in values}) == 1 and len(values[0]) >= 6
        if not (digits or one_length):
            return None
    return varying


def _anchor(link: Anchor, identity: str) -> Anchor:
    """The anchor a family member is: its id, a Zotero key when a Zotero tool wrote it."""
    assert link.url is not None
    zotero = "zotero" in link.url.lower() and _ZOTERO_KEY.match(identity) is not None
    return Anchor(link.line, link.start, link.end, link.markup, "link", url=link.url,
                  label=link.label, annotation_id=identity,
                  annotation_key=identity if zotero else None,
                  page_label=_page(link.label))


def _page(label: str | None) -> str | None:
    """The page a link's text ends with (`Ibarra2021, page 4` → 4)."""
    if not label:
        return None
    return page_in_text(label) or page_in_text(label.rsplit(",", 1)[-1])


def _repeated_pdfs(links: list[Anchor]) -> list[Anchor]:
    """A local PDF linked with no place in it on many entries: a template that writes the
    file's link with each annotation (the link's text may show the page)."""
    lines: dict[str, set[int]] = defaultdict(set)
    pdfs = []
    for link in links:
        assert link.url is not None
        path = unquote(link.url).split("#", 1)[0].split("?", 1)[0]
        local = link.url.lower().startswith("file:") and path.lower().endswith(".pdf")
        if local and not _names_the_file(link.label):
            lines[path].add(link.line)
            pdfs.append((path, link))
    return [Anchor(link.line, link.start, link.end, link.markup, "link", url=link.url,
                   label=link.label, page_label=_page(link.label))
            for path, link in pdfs if len(lines[path]) >= _LEAST_PDF]


def _names_the_file(label: str | None) -> bool:
    """Whether a link's text is words that name the file (`Full Text PDF`), not a page or a
    sign (`page 6`, `↗`): the item's link, written once, not an annotation's."""
    if not label or _page(label) is not None:
        return False
    return any(c.isalpha() for c in label)


def _block_ids(note: SourceNote) -> list[Anchor]:
    """Block ids ending entries (`… ^5c1e9b7a`), when they look like ids and differ."""
    found = []
    for number, raw in _body_lines(note):
        match = _BLOCK_ID.search(raw)
        if match is not None:
            identity = match.group("id")
            found.append(Anchor(number, match.start(), match.end(), match.group(0).strip(),
                                "block-id", annotation_id=identity,
                                annotation_key=identity if _ZOTERO_KEY.match(identity) else None))
    # An id holds a digit, or has the length the ids with digits have (`^summary` is a name).
    lengths = {len(a.markup) for a in found if any(c.isdigit() for c in a.markup)}
    found = [a for a in found if any(c.isdigit() for c in a.markup) or (
        len(a.markup) in lengths and a.markup[1:].isupper())]
    if len({a.line for a in found}) < _LEAST or len({a.markup for a in found}) < _LEAST:
        return []
    return found
