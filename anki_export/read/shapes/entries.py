"""The entries a template repeats in a note of extracted annotations that has no link at all.

Input: a note's lines and the quoted-list reader's candidate `Item`s. Output: the lines with a
list quoted as a whole unquoted (ZotLit puts `> ` before every line of its default callout);
each item as such a note writes it (`unlinked`): a comment item over its text child, a quote
under a paragraph as its comment, a blockquote split into paragraphs at its empty quote lines
(a comment's next line may follow without `>`, a lazy continuation); and which blockquotes are
entries (`with_entries`): runs of two or more alike, with the first paragraph the text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from anki_export.read.shapes import common, entry_comments, page_refs
from anki_export.read.shapes.entry_comments import (
    comment_of,
    heading_below,
    labelled_after,
    labelled_below,
)
from anki_export.read.shapes.lines import has_comment_label

_ITEM = entry_comments.ITEM
_TOP_ITEM = re.compile(r"^(?:[-*+]|\d{1,3}[.)])\s+")
NESTED = re.compile(r"^[ \t]+(?:[-*+]|\d{1,3}[.)])\s+")
"""A nested list item: a comment under a passage, or a passage under a comment."""
CONTINUED = re.compile(r"^[ \t]{2,}[^\s>]")
"""A nested item's next line, indented under it."""
# `![[name.png|Table 1 (p. 53)]]`: the words Zotero Integration templates put in an embed's alias
_ALIAS = re.compile(r"^!\[\[[^\]|]+\|(?P<alias>[^\]]+)\]\]$")
_OPENING_MARK = re.compile(r"[^\w\s]*")
# A link after a quote's words (`text [⤴️](https://…#id)  #label  ^id`): the highlight's own
# link, which makes it an anchored annotation, never an unlinked entry.
_LINKED = re.compile(r"\]\([a-z][\w+.-]*:[^)\s]*\)(?:\s+(?:#[^\s#]+|\^[\w-]+))*\s*$", re.I)
# A block id closing a quote's words (`text ^h7k2m9`): on two or more quotes, the ids anchor
# them (read/link_families.py), so they are anchored annotations, not unlinked entries.
_BLOCK_ID = re.compile(r"\s\^[\w-]+\s*$")


@dataclass(frozen=True, slots=True)
class Item:
    """One candidate passage: a list item, a blockquote or a quoted paragraph."""

    start: int
    """0-based index of its first line."""
    text: str
    """Its lines joined, without markers."""
    kind: str
    """`bullet`, `quote`, `paragraph` (quoted), `prose` (a paragraph of its own) or `image`."""
    comment: str | None
    """Nested bullets or a ZotFile note under it."""
    run: int
    """Which list the item belongs to: items of one list share it."""
    image: str | None = None
    """An image annotation's embed (after a break on its line, or Zotero's `![](images/KEY.png)`
    with its citation below)."""
    parts: tuple[str, ...] = ()
    """A blockquote's paragraphs: the first an entry's text, the others its comment."""
    block: int = 0
    """Which run of blockquotes (only blank lines between them) the item belongs to."""


def unquoted_lists(lines: Sequence[str], inside: Sequence[bool]) -> list[str]:
    """`lines`, each blockquote in the sections whose lines are all list items (or an item's
    indented next line) given without its `>`: a list a template quoted as a whole, maybe
    under a callout header that names its page (`> [!note] Page 3`), which goes."""
    result = list(lines)
    index = 0
    while index < len(lines):
        end = index
        while end < len(lines) and common.is_quoted(lines[end]):
            end += 1
        if end == index:
            index += 1
            continue
        contents = [_unquote_once(line) for line in lines[index:end]]
        if inside[index] and _a_list(contents) and not common.CALLOUT.match(lines[index]):
            result[index:end] = contents
        elif inside[index] and _page_callout(lines[index]) and _a_list(contents[1:]):
            result[index:end] = ["", *contents[1:]]  # its page is the items' own
        index = end
    return result


def _page_callout(line: str) -> bool:
    """Whether `line` opens a callout whose title is a page (ZotLit's `> [!note] Page 3`)."""
    header = common.CALLOUT.match(line)
    return header is not None and page_refs.PAGE_TITLE.match(line[header.end() :].strip(
        " -+")) is not None


def _a_quote(line: str) -> bool:
    """Whether `line` opens a blockquote with words (not a callout)."""
    return common.is_quoted(line) and not common.CALLOUT.match(line) and bool(
        common.unquote(line).strip())


def _unquote_once(line: str) -> str:
    """`line` without its one `>` and the space after it; indentation after that stays."""
    stripped = line.lstrip()[1:]
    return stripped[1:] if stripped.startswith(" ") else stripped


def _a_list(contents: list[str]) -> bool:
    """Whether a blockquote's contents are one list: an item first, then items or indented
    lines (a nested item, an item's next line), no deeper quote."""
    if not contents or not _ITEM.match(contents[0]):
        return False
    return all(
        _ITEM.match(line) or (line[:1] in (" ", "\t") and not line.lstrip().startswith(">"))
        for line in contents if line.strip()
    )


def quote_below(lines: Sequence[str], end: int) -> tuple[str | None, int] | None:
    """The blockquote right under a paragraph that ends with its page (blank lines between):
    the reader's comment on it, unless it cites a page or links to one itself."""
    at = common.skip_blank(lines, end)
    if at >= len(lines) or not _a_quote(lines[at]):
        return None
    parts, stop = quote_parts(lines, at)
    said = " ".join(parts)
    if page_refs.passage(said, "quote") is not None or page_refs.links_to_pdf(said):
        return None
    return comment_of(parts), stop


def child_passage(lines: Sequence[str], text: str, end: int) -> tuple[str, str] | None:
    """(the line, its passage) of the one nested item under an item without a page
    reference, when the child ends with one: `- comment` / `\t- text p. 12`."""
    if page_refs.passage(text, "bullet", True) is not None or not (
            end < len(lines) and NESTED.match(lines[end])):
        return None
    stop = end + 1
    while stop < len(lines) and CONTINUED.match(lines[stop]) and not NESTED.match(lines[stop]):
        stop += 1
    if stop < len(lines) and NESTED.match(lines[stop]):
        return None  # several children: the reader's notes under an item
    child = " ".join(NESTED.sub("", line).strip() for line in lines[end:stop])
    passage = page_refs.passage(child, "bullet", True)
    return (child, passage[0]) if passage is not None else None


def embed_above(lines: Sequence[str], index: int) -> tuple[int, str] | None:
    """(its index, its path) of the Zotero image embedded as a list item among the items right
    above `index`."""
    while index > 0 and lines[index - 1].strip() and _TOP_ITEM.match(lines[index - 1]):
        index -= 1
        if (image := common.bare_image(_TOP_ITEM.sub("", lines[index]))) is not None:
            return index, image
    return None


def headless(lines: Sequence[str], index: int) -> int | None:
    """The index after a blockquote that opens with an empty quote line and cites no page:
    a template's entry with no text (a note's comment alone, an image's empty lines), which
    is no entry itself and does not end the run of entries around it; else None."""
    if common.unquote(lines[index]).strip() or not common.is_quoted(lines[index]):
        return None
    parts, end = quote_parts(lines, index)
    said = " ".join(parts)
    if page_refs.passage(said, "quote") is not None or page_refs.links_to_pdf(said):
        return None
    return end


def quote_parts(lines: Sequence[str], start: int) -> tuple[list[str], int]:
    """The paragraphs of the blockquote starting at `start` (split at its empty quote lines),
    with their lazy continuations (lines without `>` that go on a quoted paragraph, the
    blockquote going on after them); and the index after it."""
    parts: list[list[str]] = [[]]
    index = start
    while index < len(lines):
        line = lines[index]
        if common.is_quoted(line):
            content = common.unquote(line).strip()
            if content and parts[-1] and has_comment_label(content):
                parts.append([content])  # `> Comment: …` under the text
            elif content:
                parts[-1].append(content)
            elif parts[-1]:
                parts.append([])
        elif parts[-1] and entry_comments.lazy(line):
            parts[-1].append(line.strip())
        else:
            break
        index += 1
    return [" ".join(part) for part in parts if part], index


def alias(line: str) -> str | None:
    """The alias of a line that is one `![[…|alias]]` embed, else None."""
    match = _ALIAS.match(line.strip())
    return match.group("alias").strip() if match else None


def repeated(quotes: list[tuple[int, tuple[str, ...], bool]], opened: bool) -> set[int]:
    """The starts of the blockquotes of one run (only blank lines between them) read as
    entries, from each quote's (start, paragraphs, whether it cites a page).

    None of the run may cite a page (those are passages of their own); the entries are the
    quotes that open with the mark most of them share (a template's `█`, or none at all), and
    there must be two or more of them (a repeated shape), unless a heading that says
    annotations follow (`### Imported: 2023-05-17`) opened the run.
    """
    if any(paged for *_, paged in quotes):
        return set()
    marks = Counter(_mark(parts[0]) for _, parts, _ in quotes if parts)
    if not marks:
        return set()
    mark, count = marks.most_common(1)[0]
    if count < 2 and not opened:
        return set()
    return {start for start, parts, _ in quotes if parts and _mark(parts[0]) == mark}


def _mark(text: str) -> str:
    """What opens a quote's text before its first word (`█`, `“`, `**`), often nothing."""
    match = _OPENING_MARK.match(text)
    return match.group() if match else ""


def unlinked(lines: Sequence[str], item: Item, end: int, after: int) -> tuple[Item, int]:
    """`item` as a note without anchors writes it, and the index after it: a blockquote with
    no page reference as its paragraphs (an entry, if its run repeats the shape); a paragraph
    with one, the blockquote under it as its comment; an item without a page whose one child
    has it, the child as the passage and the item as its comment (ZotLit's `- comment` /
    `\t- text p. 12`; an image's text is empty, and it starts at its embed, an item above)."""
    if item.kind == "quote" and page_refs.passage(item.text, "quote") is None:
        parts, after = quote_parts(lines, item.start)
        return replace(item, parts=tuple(parts)), after
    if item.kind == "quote":
        return _cited_quote(lines, item, end, after)
    if item.kind in ("prose", "paragraph") and item.comment is None and (
            page_refs.passage(item.text, item.kind) is not None):
        said, after = quote_below(lines, end) or (None, after)
        return replace(item, comment=said), after
    if item.kind == "bullet" and (child := child_passage(lines, item.text, end)):
        item = replace(item, text=child[0], comment=comment_of([item.text]))
        embed = None if child[1] else embed_above(lines, item.start)
        return (replace(item, start=embed[0], image=embed[1]) if embed else item), after
    return item, after


def _cited_quote(lines: Sequence[str], item: Item, end: int, after: int) -> tuple[Item, int]:
    """A blockquote that ends with its page, as Zotero's note template writes a comment above
    a highlight (`> comment:` / `> text` / `> (Author, 2022, p. 7)`): the paragraph before the
    reference its text, those before ending with a colon the comment; or with a comment label
    on the line right under it (`pubs extract`'s `Note: …`, lazily inside the quote)."""
    parts, _ = quote_parts(lines, item.start)
    if len(parts) >= 3 and page_refs.cites(parts[-1]) and all(
            part.rstrip().endswith((":", "\uff1a")) for part in parts[:-2]):
        said = comment_of([part.rstrip()[:-1] for part in parts[:-2]])
        item = replace(item, text=" ".join(parts[-2:]), comment=item.comment or said)
    if item.comment is None and (below := labelled_below(lines, end) or labelled_after(
            lines, item.start, end) or heading_below(lines, end)) is not None:
        return replace(item, comment=below[0]), below[1]
    return item, after


def with_entries(
    items: list[Item], passages: list[page_refs.Passage | None], opened: set[int]
) -> list[page_refs.Passage | None]:
    """`passages`, with the blockquotes a template repeats read as entries: the first
    paragraph of each its text, the others its comment (see `repeated`); a blockquote whose
    words end with a link is a linked annotation's and no entry."""
    runs: dict[int, list[tuple[int, tuple[str, ...], bool]]] = {}
    block_ids = sum(1 for item in items
                    if item.kind == "quote" and any(_BLOCK_ID.search(p) for p in item.parts))
    for item, passage in zip(items, passages, strict=True):
        anchored = any(_LINKED.search(part) or (block_ids >= 2 and _BLOCK_ID.search(part))
                       for part in item.parts)
        if item.kind == "quote" and not anchored:
            runs.setdefault(item.block, []).append((item.start, item.parts, passage is not None))
    read = {start for block, quotes in runs.items()
            for start in repeated(quotes, block in opened)}
    return [
        (item.parts[0], "", comment_of(item.parts[1:]))
        if passage is None and item.start in read else passage
        for item, passage in zip(items, passages, strict=True)
    ]
