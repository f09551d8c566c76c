"""What sits next to one anchor: its highlight's text, comment, label and colour, by proximity.

Input: an anchor, the other anchors on its line, and the part of the note it may read (`Around`).
Output: a `Found` (the text and where it came from), or None when nothing next to it is text.
Text: a quoted or marked passage on the anchor's line, else the rest of the line without link
markup, else (the line holds only the link and a label) the quote that the anchor opens, or the
paragraphs right before it. Comment: what follows the link (or its citation) on the line, or
the next lines when they are marked as one (`Comment:`, bold, nested bullet or quote, `%%…%%`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from anki_export.read.anchor import Anchor
from anki_export.read.shapes import (
    breaks,
    common,
    image_parts,
    lines,
    marked_above,
    meaning,
    named_fields,
    quote_comment,
    records,
)
from anki_export.read.shapes.blocks import (
    Block,
    comment_parent,
    image_callout,
    opens_quote,
    paragraph_start,
    parent_item,
    quote_below,
    text_after,
    text_around,
    text_before,
)
from anki_export.read.shapes.comments import below
from anki_export.read.shapes.lines import Around

_CITATION = re.compile(
    r"\(?\[(?P<cite>[^\]\n]*)\]\(zotero://select/[^)\s]*\)\)?"
    r"|\(?<a\s[^>]*href=[\"']zotero://select/[^\"']*[\"'][^>]*>(?P<html>.*?)</a>\)?"
    # Zotero's note HTML: <span class="citation" …>(<span class="citation-item">…</span>)</span>
    r"|<span\s[^>]*class=[\"']citation[\"'][^>]*>\(?(?:<span[^>]*>)?(?P<item>[^<]*)"
    r"(?:</span>)?\)?</span>",
    re.I,
)
_CITED_PAGE = re.compile(r"\bpp?\.\s*(?P<page>[^\s,;)\]]+)")
# ZotFlow writes the colour into the callout's type: `> [!zotflow-highlight-#ffd400]`.
_HEADER = re.compile(
    r"^\s*(?:>\s*)+\[![\w-]+?(?:-(?P<hex>#[0-9a-fA-F]{6}))?(?:\|(?P<colour>[^\]]*))?\]")
_HEADING_MARKS = re.compile(r"^\s*#{1,6}\s+")
_INLINE_COMMENT = re.compile(r"%%(?P<inner>.*?)%%")
# A template's `\n` written as text, then the nested bullet it meant to start: the comment's
# own line, run onto the link's (`[↗](…) \n  - 💭 *comment*`).
_LITERAL_BREAK = re.compile(r"^\s*(?:\\n\s*)+(?:[-*+]\s+)?")
_ENDS = ".!?:;\"\u201d\u00bb\u300d*_=>"
"""What ends a highlight's text before its link (a sentence, a quote, emphasis, a mark)."""
# A link text that names a page (`paper, p.27`, `Smith 2020, page 4`) cites; it is no highlight.
_PAGE_IN_LABEL = re.compile(r"(?:\bpp?\.|\bpage\b|\bseite\b|\bs\.)\s*\w+", re.I)
_OWN_LABEL, _AFTER = "the link's own label", "the rest of the line, after the link"
_WRAPPING = re.compile(r"<(mark|span|font)\b[^>]*>(?:(?!</?\1\b).)*</\1>", re.I | re.S)


@dataclass(frozen=True, slots=True)
class Found:
    """The annotation found next to an anchor."""

    first: int
    """0-based line where its text starts."""
    last: int
    """0-based last line it holds (its comment's, when the comment is below)."""
    text: str
    image: str | None
    comment: str | None
    label: str | None
    colour: str | None
    page: str | None
    """The printed page a citation next to it shows."""
    how: str
    """Where the text was found, in a few words (for `explain`)."""


def read(anchor: Anchor, others: list[Anchor], around: Around) -> Found | None:
    """The highlight `anchor` points at, found next to it, or None."""
    index = anchor.line - 1
    line = lines.parse(around.lines[index])
    if (cells := _table_cells(anchor, others, around.lines[index])) is not None:
        text, comment = cells
        colour = meaning.anchor_colour(anchor) or lines.colour_words(around.lines[index])
        return Found(index, index, text, None, comment, None, colour, None,
                     "a cell of the link's table row") if text else None
    before, mid, tail, page, image = _segments(anchor, others, around.lines[index])
    colour = _header_colour(around.lines, index) or meaning.anchor_colour(anchor)
    found = _on_line(before, mid, tail, anchor)
    if found is not None and line.depth == 0 and lines.is_label(f"{before} {mid}"):
        # Only a label and the link, and a callout below it that holds the quote.
        found = None if text_after(index, line, around) else found
    elif found is not None and found[3] == _OWN_LABEL and text_after(index, line, around):
        found = None  # the link's words name it (`Serra2022, pàgina 3`); the quote is the text
    elif found is not None and found[3] == _AFTER and (
            quote := quote_comment.under_quote(index, line, around)) is not None:
        comment, last = below(_comment_text([mid, tail]), index, line, around, on_line=True)
        return Found(quote[0], last, lines.clean(" ".join(quote[1])), image, comment, None,
                     colour, page, quote_comment.HOW)
    if found is not None:
        text, label_part, comment, how, markup = found
        before_link = how == "the rest of the line, before the link"
        first = paragraph_start(around, index, line) if before_link else index
        upper = marked_above.split(around, first, index, text) if before_link else None
        if upper is not None:  # `<mark>text</mark>` above `comment- [pg 4](…)`
            first, text, image, comment = upper.first, upper.text, image or upper.image, upper.words
            how, before_link = marked_above.HOW, False
        elif first < index:
            text = lines.labelled(" ".join([*_contents(around.lines[first:index]), text]))[0]
        if before_link and (record := breaks.fields(text)) is not None:
            if record.kind == "note":
                return None  # the reader's own note, no highlight (`NOTE<br>words`)
            text, comment, image = record.text, comment or record.comment, image or record.image
        parent = parent_item(around, index, line) if before_link else None
        start = lines.parse(around.lines[first])
        if before_link and (heading := comment_parent(around, first, start)) is not None:
            # `- **words**:` then `    - text [(p. 3)](link)`: a template that writes the
            # comment as the highlight's parent item (`- [ ] **words**:` for a task)
            first, comment = first - 1, comment or heading
        elif parent is not None and not comment:
            # `- text` then `    - comment [(p2)](link)`: a template that links the comment
            # when there is one; the highlight is the item it is nested in.
            first, comment, text = parent, lines.comment_label(text), around.lines[parent]
            header = common.CALLOUT.match(text)
            text = text[header.end() :] if header else lines.parse(text).content
        if before_link and common.HEADING.match(around.lines[index]):
            text = _HEADING_MARKS.sub("", text)  # `## text [.](link)`: a highlight as heading
        comment, last = below(comment or records.comment_before(index, around), index, line,
                              around, on_line=bool(comment))
        colour = (meaning.markup_colour(label_part) or meaning.markup_colour(markup) or colour
                  or _wrapping_colour(text))
        return Found(first, last, lines.clean(text), image, comment, _label(label_part),
                     colour or lines.colour_words(label_part), page, how)
    label_part = before + " " + mid
    colour = meaning.markup_colour(label_part) or colour or lines.colour_words(label_part)
    same_line = _comment_text([tail]) if lines.is_label(mid) else None
    placeholder = records.placeholder_image(anchor, before)
    image = image or placeholder
    if image is None and (typed := image_callout(anchor, index, line, around)) is not None:
        return Found(index, typed.last, "", f"{anchor.annotation_key or anchor.annotation_id}.png",
                     common.comment_text(typed.parts), None, colour, page,
                     "the words of an image callout with an empty quote")
    if image is None and (spread := image_parts.around_link(index, around)) is not None:
        return Found(spread.first, spread.last, "", spread.image, spread.comment, None, colour,
                     page, "an image and its comment around the link")
    block = None if placeholder or image else (
        named_fields.above(index, around) or text_around(index, line, around))
    if block is None:
        if image is None:
            image_record = records.comment_then_image(index, around)
            if image_record is None:
                return None
            top, at, image, comment = image_record
            return Found(top, at, "", image, comment, None, colour, page,
                         "the image after the link, its comment before it")
        block = Block(index, index, [], None, "an image on the link's line")
    texts = [p for p in block.parts if not common.IMAGE.fullmatch(p.strip())]
    image = image or next((path for p in block.parts if (path := common.image_path(p))), None)
    if block.how == named_fields.HOW:
        # The record names its note field: nothing after the link is the comment.
        comment, last = block.comment, index
    else:
        comment, last = below(block.comment or same_line, max(block.last, index), line, around)
    colour = colour or _wrapping_colour(" ".join(texts)) or block.colour
    how = "the image before the link" if image and not "".join(texts).strip() else block.how
    return Found(min(block.first, index), last, lines.clean(" ".join(texts)), image, comment,
                 _label(label_part), colour, page, how)


def in_own_sentence(anchor: Anchor, others: list[Anchor], raw: str) -> bool:
    """Whether a page link without an annotation id sits inside a sentence that runs on after
    it (`the original position ([p. 11](…)) returns in chapter 3`), or any link whose own text
    ends the sentence (`see [the rescaling panel](…).`): the reader's reference, not a
    highlight's link."""
    if _table_cells(anchor, others, raw) is not None:
        return False
    before, mid, _, _, _ = _segments(anchor, others, raw)
    opened = before.rstrip(" \t([")
    if not _texty(before) or lines.quoted(before) is not None or opened[-1:] in _ENDS:
        return False
    if _words_of_sentence(anchor, before, mid):
        return True
    if anchor.annotation_id is not None:
        return False
    return _texty(mid) and lines.quoted(mid) is None and _INLINE_COMMENT.search(mid) is None


def _words_of_sentence(anchor: Anchor, before: str, mid: str) -> bool:
    """Whether the link's own text goes on with the sentence before it and ends it (`see also
    [the intro figure](…).`): the reader pointing at a page or a highlight, even by its id."""
    label = (anchor.label or "").strip()
    if before.rstrip()[-1:] in "([" or _texty(mid) or not label[:1].islower():
        return False
    return len(label.split()) >= 2 and _texty(label) and not _PAGE_IN_LABEL.search(label)


def has_own_text(anchor: Anchor, others: list[Anchor], note_lines: list[str],
                 below: bool = False) -> bool:
    """Whether the anchor's text is on its line or in the quote it opens (right below a line
    of only the link and a label, or past blank lines when the note's links open the quote
    below them: `below`): nothing above it is its text then."""
    index = anchor.line - 1
    before, mid, tail, _, image = _segments(anchor, others, note_lines[index])
    if image is not None or _on_line(before, mid, tail, anchor) is not None:
        return True
    around = Around(note_lines, index, len(note_lines), frozenset())
    line = lines.parse(note_lines[index])
    return text_after(index, line, around) is not None or (
        line.depth == 0 and opens_quote(index, around, apart=below))


def quote_first(anchor: Anchor, others: list[Anchor], around: Around) -> bool:
    """Whether a line of only the link and a label, with no text above it, opens the quote
    below it (a template that writes the link first: Zotero's EPUB export, calibre)."""
    index = anchor.line - 1
    line = lines.parse(around.lines[index])
    before, mid, tail, _, image = _segments(anchor, others, around.lines[index])
    if line.depth or image is not None or _on_line(before, mid, tail, anchor) is not None:
        return False
    alone = text_after(index, line, around) is None and text_before(index, line, around) is None
    return alone and quote_below(index, around) is not None


def _table_cells(
    anchor: Anchor, others: list[Anchor], raw: str
) -> tuple[str, str | None] | None:
    """(text, comment) of a table row holding the anchor: the first cell of highlight text
    (after the link's cell, else before it) and the next one; None for a line of no table."""
    stripped = raw.strip()
    if not (stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3):
        return None
    masked = raw
    for other in sorted([anchor, *others], key=lambda a: -a.start):
        masked = masked[: other.start] + ("\0" if other is anchor else " ") + masked[other.end :]
    cells = [cell.strip() for cell in masked.strip().strip("|").split("|")]
    at = next(i for i, cell in enumerate(cells) if "\0" in cell)
    texty = [i for i in [*range(at + 1, len(cells)), *range(at)] if _texty(cells[i])]
    if not texty:
        return "", None
    comment = next((cells[i] for i in texty[1:] if i > texty[0]), None)
    return lines.clean(cells[texty[0]]), lines.clean(comment) if comment else None


def _segments(
    anchor: Anchor, others: list[Anchor], raw: str
) -> tuple[str, str, str, str | None, str | None]:
    """(before the link, up to a citation after it, past it, its page, an image) on its line."""
    line = lines.parse(raw)
    left = max([o.end for o in others if o.end <= anchor.start] + [line.offset])
    right = min([o.start for o in others if o.start >= anchor.end] + [len(raw)])
    before, after = raw[left : anchor.start], raw[anchor.end : right]
    if left == line.offset:
        before = lines.without_callout_head(before)
    page = None
    if cited := list(_CITATION.finditer(before)):
        page = _page(cited[-1])
        before = before[: cited[-1].start()]
    mid, tail = after, ""
    if (cite := _CITATION.search(after)) is not None:
        page = page or _page(cite)
        mid, tail = after[: cite.start()], after[cite.end() :]
    image = common.image_path(before) or common.image_path(mid)
    return common.IMAGE.sub(" ", before), common.IMAGE.sub(" ", mid), tail, page, image


def _on_line(
    before: str, mid: str, tail: str, anchor: Anchor
) -> tuple[str, str, str | None, str, str] | None:
    """(text, label part, comment, how, markup) when the text is on the anchor's line."""
    if (quote := lines.quoted(before)) is not None:
        text, prefix, rest, markup = quote
        return (text, f"{prefix} {rest}", _comment_text([mid, tail]), "quoted, before the link",
                markup)
    if _texty(before):
        text, printed = lines.closing_label(before)
        text, label = lines.labelled(text)
        return (text, f"<mark>{label}</mark>" if label else printed, _comment_text([mid, tail]),
                "the rest of the line, before the link", "")
    if (quote := lines.quoted(mid)) is not None:
        text, prefix, rest, markup = quote
        return (text, f"{before} {prefix}", _comment_text([rest, tail]), "quoted, after the link",
                markup)
    label = anchor.label or ""
    own = _texty(label) and len(label.split()) >= 3 and not _PAGE_IN_LABEL.search(label)
    if own and breaks.comment_after_link(mid):  # the label is the text, the rest its comment
        return label, before, _comment_text([mid, tail]), _OWN_LABEL, ""
    if _texty(mid):
        return mid, before, _comment_text([tail]), _AFTER, ""
    if own:
        return label, before + mid, _comment_text([tail]), _OWN_LABEL, ""
    return None


def _texty(fragment: str) -> bool:
    """Whether `fragment` holds words of a highlight (more than labels and separators)."""
    words = _INLINE_COMMENT.sub(" ", fragment)
    return bool(lines.clean(words)) and not lines.is_label(words)


def _comment_text(parts: list[str]) -> str | None:
    """A comment from what follows the text on its line, unless that is only labels."""
    joined = _LITERAL_BREAK.sub("", " ".join(parts))
    inline = _INLINE_COMMENT.search(joined)
    if inline is not None:
        return common.comment_text([inline.group("inner")])
    joined = lines.without_markup(_CITATION.sub(" ", joined))
    if lines.is_label(joined):
        return None
    text = " ".join(joined.split()).strip(" ()|:;,-\u2013\u2014")
    return common.comment_text([lines.comment_label(text)]) if text else None


def _label(fragment: str) -> str | None:  # `<mark class="hltr-red">Key idea</mark>` → Key idea
    return lines.label_words(fragment) or None


def _page(citation: re.Match[str]) -> str | None:
    """The printed page a citation's text shows (`Author, 2020, p. 12` → 12)."""
    text = citation.group("cite") or citation.group("html") or citation.group("item") or ""
    return found.group("page") if (found := _CITED_PAGE.search(text)) else None


def _wrapping_colour(text: str) -> str | None:
    """The colour of a `<mark>`/`<span>` that wraps the whole text (not a reader's mark in it)."""
    stripped = text.strip()
    return meaning.markup_colour(stripped) if _WRAPPING.fullmatch(stripped) else None


def _header_colour(all_lines: list[str], index: int) -> str | None:
    """The colour in the header of the callout holding line `index` (`> [!quote|#ffd400]`)."""
    while index >= 0 and common.is_quoted(all_lines[index]):
        header = _HEADER.match(all_lines[index])
        if header is not None:
            return meaning.colour_name(header.group("colour") or header.group("hex"))
        index -= 1
    return None


def _contents(block: list[str]) -> list[str]:
    return [lines.parse(raw).content for raw in block]  # without quote and list markers

