"""Passages listed with a page reference and no link: `- "text" (p. 12)`, `"text" (Author :30)`.

Input: a `SourceNote`. Output: `Annotation`s without key, colour or label, taken only inside an
annotations section (or a note that says it holds extracted annotations); a re-imported second
copy of a passage adds nothing and is counted in one warning. An item with no passage before its
page reference and the exported image after a break (`- (p. 7)<br>![[…-7-x88-y402.png]]`) is
an image annotation. In a note with no anchor at all, the entries its template repeats are read
too: paragraphs ending with their page (`text (p. 42)`, the blockquote under one its comment),
list items ending with a bare page (`text p. 12`, under a comment item or in a quoted list), an
embed whose alias cites a page, and runs of blockquotes (`> text`, `> `, `> comment`). Such a
note with no annotations heading holds annotations where its quoted passages cite their page,
three or more (`> text [12]`, `“text” (Author, 2020, p. 4)`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import replace

from anki_export.errors import Problem
from anki_export.read.anchors import find_anchors
from anki_export.read.annotation import Annotation
from anki_export.read.notes import SourceNote
from anki_export.read.shapes import (
    common,
    entries,
    entry_comments,
    glued,
    meaning,
    page_refs,
    sections,
)
from anki_export.read.shapes.entries import Item

# A passage's page reference; an image's citation opening its line (`(Author, 2021, p. 6) my
# words`); or, for a note without anchors, a list item ending with its page without a
# parenthesis, an embed whose alias ends with it, a blockquote or a code span standing for one
# (see `_items`, `glued`).
SIGNATURE = re.compile(
    rf"{page_refs.SIGNATURE.pattern}|^\([^()\n]*?(?:[.:,\u060c]|\u0635)\s*[0-9ivxlcdm]+\)"
    r"|\s(?:p|pp|pg|s)\.\s*\d+[ \t]*$|\)\]\][ \t]*$|^[ \t]*>|^[ \t]*`+[^`\n]+`+[ \t]*$",
    re.M | re.I,
)
_ITEM = re.compile(r"^(?:[-*+]|\d{1,3}[.)])\s+")
_NESTED = entries.NESTED
_CONTINUED = entries.CONTINUED
_OPENING_QUOTES = "\"\u201c\u201e\u00ab"
_BREAK = re.compile(r"</?br\s*/?>", re.I)
_TAGS_ONLY = re.compile(r"(?:\s*(?:\[\[[^\]]+\]\]|#[\w/-]+))+\s*")
# ZotFile's note on a highlight, exported without links: `_my words (note on p.30)_`.
_NOTE = re.compile(r"^([_*])(?P<text>.*?)\s*\(note on p\.?\s*[^)]*\)\s*\1$", re.I)
# Quoted passages that cite their page, repeated this often, are a template's entries even
# where no heading says annotations follow (`pubs extract`'s `> text [12]` lines).
_REPEATS = 3
_REPEATED = (
    "{count} quoted passage(s) repeat ones listed above (the list imported again?); "
    "only the first copy is read"
)


def parse(note: SourceNote) -> tuple[list[Annotation], list[Problem]]:
    """Passages with a page reference in the annotations sections of `note`, first copies only;
    in a note without anchors, also the other entries its template repeats (see `_items`)."""
    inside = sections.inside_sections(note)
    # Where anchors lead the way, the link-anchored reader reads what surrounds them.
    loose = not find_anchors(note)
    # A note that says where its annotations are is trusted; one that does not may show it.
    if loose and not any(inside) and len(cited := _cited(note)) >= _REPEATS:
        inside = sections.holding(note, cited)
    if not any(inside):
        return [], []
    note_lines = entries.unquoted_lists(note.lines, inside) if loose else note.lines
    note_lines, inside, origin = glued.unglued(note_lines, inside)
    opened: set[int] = set()
    items = list(_items(note_lines, inside, loose, opened))
    passages = [page_refs.passage(item.text, item.kind, loose) for item in items]
    passages = entries.with_entries(items, passages, opened)
    lists = _lists_of_passages(items, passages)
    # The reader's own paragraph may cite a page; a template's entries do, one after another.
    prose = sum(item.kind == "prose" and passage is not None
                for item, passage in zip(items, passages, strict=True))
    found: list[Annotation] = []
    seen: set[tuple[str, str, str | None]] = set()
    repeats: list[int] = []
    for item, passage in zip(items, passages, strict=True):
        if passage is None or not (passage[0] or item.image) or (
            item.kind == "bullet" and item.run not in lists
        ) or (item.kind == "prose" and prose < 2):
            continue
        identity = (" ".join(passage[0].casefold().split()), passage[1], item.image)
        if identity in seen:
            repeats.append(origin[item.start] + 1)
            continue
        seen.add(identity)
        tag = page_refs.TRAILING_COLOUR.search(item.text)
        colour = meaning.heading_meaning(tag.group("tag"))[1] if tag else meaning.opening_colour(
            item.text)  # `<mark class="hltr-red">"text" (p. 4)</mark>`
        comment = "\n".join(part for part in (passage[2], item.comment) if part) or None
        if comment and "&" in comment:  # a template's escapes (`&amp;`): Obsidian shows `&`
            comment = html.unescape(comment)
        # `p &gt; 0.3`: a note exported from Zotero's HTML keeps its escapes
        text = html.unescape(passage[0]) if "&" in passage[0] else passage[0]
        image = item.image
        if common.NO_TEXT.match(text):  # `"None", pg. 4`: an image the template could not show
            text, image = "", image or common.MISSING_IMAGE
        # Zotero's image template with links: `(Author, 2021, p. 6) ([pdf](…)) comment`
        link = common.find_link(item.text) if item.kind == "image" else None
        found.append(common.build(origin[item.start] + 1, text, link, comment=comment,
                                  image=image, page_label=passage[1], colour=colour))
    problems = []
    if repeats:
        problems.append(Problem(_REPEATED.format(count=len(repeats)), note.path, repeats[0]))
    return found, problems


def _cited(note: SourceNote) -> list[int]:
    """The lines of the note's body where a quoted passage citing its page starts, counting
    those a template glued onto the line above (see `glued`)."""
    body = [index >= note.body_start for index in range(len(note.lines))]
    split, _, origin = glued.unglued(note.lines, body)
    return [origin[index] for index in page_refs.cited_quotes(split, note.body_start)]


def _items(lines: list[str], inside: list[bool], loose: bool, opened: set[int]) -> Iterator[Item]:
    """Candidate passages in the sections, in order; a heading or prose ends a list.

    In a note without anchors (`loose`), also: a paragraph of its own ending with a page
    reference (`prose`), an embed whose alias ends with one (`![[….png|Table 1 (p. 53)]]`), the
    entries of `entries.unlinked`, and each blockquote as its paragraphs (`opened` gets the runs of
    blockquotes that a heading of annotations opens).
    """
    index, run, block = 0, 0, 0
    while index < len(lines):
        line = lines[index]
        kind = _kind(line, loose) if inside[index] else None
        image = common.bare_image(line) if inside[index] and kind is None else None
        if image is not None and (cited := _image_entry(lines, index, loose)) is not None:
            run, block = run + 1, block + 1
            yield Item(index, cited[0], "image", cited[2], run, image)
            index = cited[1]
            continue
        if kind is None:
            index, run, block = _past(lines, index, (run, block), opened, loose and inside[index])
            continue
        end = _item_end(lines, index, kind)
        comment, after = _comment(lines, end)
        run += kind != "bullet"
        block += kind != "quote"
        text = " ".join(_content(part, kind) for part in lines[index:end])
        item = Item(index, text, kind, comment, run, block=block)
        if loose:
            item, after = entries.unlinked(lines, item, end, after)
        if kind == "paragraph" and item.comment is None and (
                below := _cited_below(lines, inside, end)) is not None:
            citation, said, after = below
            item = replace(item, text=f"{item.text} {citation}", comment=said)
        elif loose and kind == "quote" and page_refs.passage(item.text, kind) is None and (
                below := _cited_below(lines, inside, after)) is not None:
            # Zotero's `<p>comment:</p><blockquote>text</blockquote><p>citation</p>`
            item = replace(item, text=f"{item.text} {below[0]}", parts=(),
                           comment=entry_comments.colon_comment_above(lines, index))
            after = common.skip_blank(lines, after) + 1  # a paragraph below is not its comment
        text, said, image = _after_breaks(item.text)
        comment = "\n".join(part for part in (said, item.comment) if part) or None
        if not page_refs.links_to_pdf(text):
            yield replace(item, text=text, comment=comment, image=image or item.image)
        index = after


def _image_entry(
    lines: list[str], index: int, loose: bool
) -> tuple[str, int, str | None] | None:
    """(the words that cite its page, the index after it, its comment) of the image annotation
    embedded at `index`: Zotero's image template, the image then its citation and comment below
    (the comment's further lines with it, as after a passage's reference); or, in a note
    without anchors, the embed's alias that ends with its page (`![[….png|Table 1 (p. 53)]]`),
    or the embed alone, whose Zotero name gives its page (`image-55-x70-y388.png`), with the
    items nested under it (after blank lines too) its comment."""
    alias = entries.alias(lines[index]) if loose else None
    if alias is not None and page_refs.passage(alias, "image") is not None:
        return alias, index + 1, None
    if index + 1 < len(lines) and page_refs.cites(lines[index + 1]):
        end = _item_end(lines, index + 1, "paragraph")
        return " ".join(part.strip() for part in lines[index + 1 : end]), end, None
    named = common.ZOTERO_IMAGE.search(common.bare_image(lines[index]) or "")
    if loose and named is not None and named.group("page"):
        comment, after = _comment(lines, index + 1)
        return f"(p. {named.group('page')})", after, comment
    return None


def _past(
    lines: list[str], index: int, runs: tuple[int, int], opened: set[int], loose: bool
) -> tuple[int, int, int]:
    """(the index after, the list run, the blockquote run) past line `index`, which starts no
    passage. Prose, a heading or a marker ends a list; any line with words ends a run of
    blockquotes, but a heading of annotations opens one (into `opened`); a blockquote with no
    text in a note without anchors (`entries.headless`) ends neither; a callout is skipped."""
    run, block = runs
    line = lines[index]
    if loose and (after := entries.headless(lines, index)) is not None:
        return after, run, block
    if line.strip() and not common.is_quoted(line):
        run += 1
    if line.strip():
        block += 1
        if (heading := common.HEADING.match(line)) and sections.opens_section(
                heading.group("title")):
            opened.add(block)
    after = _skip_callout(lines, index + 1) if common.CALLOUT.match(line) else index + 1
    return after, run, block


def _cited_below(
    lines: list[str], inside: list[bool], end: int
) -> tuple[str, str | None, int] | None:
    """Zotero's note template `{{highlight}}<br/>{{citation}}<br/>{{comment}}` pasted as
    paragraphs: the citation alone on the next paragraph's line after a quoted passage, then
    the comment as the paragraph of prose after it. (citation, comment, index after them)."""
    at = common.skip_blank(lines, end)
    if at >= len(lines) or not inside[at] or not page_refs.cites(lines[at]):
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
    return bool(line.strip()) and _kind(line) is None and not (
        page_refs.cites(line.strip()) or common.is_boundary(line) or common.IMAGE.search(line)
        or _ITEM.match(line))


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


def _kind(line: str, loose: bool = False) -> str | None:
    """What sort of passage starts on `line`, if any (with `loose`, any paragraph)."""
    if common.CALLOUT.match(line) or common.HEADING.match(line):
        return None
    if _ITEM.match(line):
        return "bullet"
    if common.is_quoted(line) and common.unquote(line).strip():
        return "quote"
    opening = line.strip()[:1]
    if opening and opening in _OPENING_QUOTES:
        return "paragraph"
    own = loose and opening and not common.is_quoted(line) and not common.is_boundary(line)
    return "prose" if own and not common.IMAGE.search(line) else None


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
    """Nested bullets under a passage (right under it, or after blank lines: indented, they
    still belong to its item), or a ZotFile note after it; the index after."""
    parts: list[str] = []
    following = common.skip_blank(lines, index)
    if following > index and following < len(lines) and _NESTED.match(lines[following]) and (
            page_refs.passage(_NESTED.sub("", lines[following]), "bullet", True) is None):
        index = following  # a nested passage would be one of its own, no comment
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


def _lists_of_passages(
    items: list[Item], passages: list[page_refs.Passage | None]
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
