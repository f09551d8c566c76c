"""Text in the lines around an anchor's line: the quote it opens, or the paragraphs before it.

Input: the anchor's line and the part of the note it may read (`Around`). Output: a `Block` (its
lines, where they are, a comment inside them, a colour bar above them), or None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from anki_export.read.anchor import Anchor
from anki_export.read.shapes import comments, common, lines, meaning, template_fields
from anki_export.read.shapes.lines import Around

# An item of only bold words and a colon (`- **Check table 1**:`): a comment as a heading.
_BOLD_HEAD = re.compile(r"^\s*\*\*(?P<words>[^*\n]+?)\*\*\s*:\s*$")


@dataclass(frozen=True, slots=True)
class Block:
    """Lines of text found before or after an anchor's line."""

    first: int
    last: int
    parts: list[str]
    comment: str | None
    how: str
    colour: str | None = None
    """The colour of a template's colour bar right above the text."""


def text_after(index: int, line: lines.Line, around: Around) -> Block | None:
    """The text of the quote or callout the anchor's line opens (PDF++: `> [[x.pdf#page=3|…]]`
    then `> text`), or of the callout right below a line of only the link and a label (an
    Admonition `ad-cite` block), with a comment after `> ---` or marked inside it. When the
    text is a quote nested in the callout (PDF++'s "Quote in callout", `> > text`), the
    callout's own lines after it are the comment."""
    head, depth = index, line.depth
    if depth == 0:
        head = index + 1
        if head >= around.ceiling or head in around.covered or not common.CALLOUT.match(
            around.lines[head]
        ):
            return None
        depth = lines.parse(around.lines[head]).depth
    elif not (common.CALLOUT.match(around.lines[index]) is not None or index == 0 or (
        lines.parse(around.lines[index - 1]).depth < depth
    )):
        return None
    parts: list[str] = []
    comment: list[str] | None = None
    nested: bool | None = None
    last = head
    at = head + 1
    while at < around.ceiling and at not in around.covered:
        raw = around.lines[at]
        current = lines.parse(raw)
        if current.depth < depth and _lazy(around.lines, at):
            # a line that lost its `>` goes on with the paragraph above it (Markdown's lazy
            # continuation): the quote's text, or the comment's
            (parts if comment is None else comment).append(current.content)
            last, at = at, at + 1
            continue
        if current.depth < depth or common.CALLOUT.match(raw):
            break
        last = at
        at += 1
        if nested is None and not current.blank:
            nested = current.depth > depth
        if nested and comment is None and current.depth == depth and not current.blank:
            comment = [common.unquote(raw)]  # the callout's own words after the nested quote
        elif nested and comment is not None:
            comment.append(common.unquote(raw))
        elif comment is None and common.RULE.match(current.content):
            comment = []  # ZotLit and others: the comment follows a `---` rule
        elif comment is not None:
            comment.append(current.content)
        elif lines.is_marked_comment(raw) or (current.item and parts) or _closed(parts):
            comment = [lines.comment_label(current.content)]
        else:
            parts.append(current.content)
    while parts and not parts[-1].strip():
        parts.pop()
    if not any(p.strip() for p in parts):
        return None
    note = common.comment_text(comment) if comment else None
    return Block(index, last, parts, note, "in the quote the link opens")


def _lazy(note_lines: list[str], at: int) -> bool:
    """Whether line `at`, unquoted, continues the quoted paragraph on the line above it."""
    above, current = lines.parse(note_lines[at - 1]), lines.parse(note_lines[at])
    return bool(above.depth and not above.blank and not current.depth and not current.blank
                and not current.item and not lines.is_stop(note_lines[at])
                and not common.HEADING.match(note_lines[at]) and "](" not in note_lines[at])


def _closed(parts: list[str]) -> bool:
    """Whether the text read so far is complete: an image, or one fully quoted passage
    (`*" text "*`): a template puts what follows it, the comment, on the next lines."""
    written = [part for part in parts if part.strip()]
    if len(written) != 1:
        return False
    if common.IMAGE.fullmatch(written[0].strip()):
        return True
    quote = lines.quoted(written[0])
    return quote is not None and lines.is_label(quote[1])


def text_before(index: int, line: lines.Line, around: Around) -> Block | None:
    """The paragraphs (or quote) right before a line holding only the link and a label: one,
    or several while they sit after the previous annotation with no heading between. In a
    quote, a block after a `---` rule is the comment of the text above it (ZotLit's layout)."""
    blocks: list[tuple[int, list[str]]] = []
    comment: str | None = None
    bar: str | None = None
    at = _skip_blank(around, index - 1)
    if _comment_above(around, at, line):
        # Text, then its comment, then the link (other PDF readers' exports).
        end = at
        while at - 1 >= around.floor and not lines.is_marked_comment(around.lines[at]):
            at -= 1
        marked = [lines.parse(raw).content for raw in around.lines[at : end + 1]]
        comment = common.comment_text([lines.comment_label(marked[0]), *marked[1:]])
        at = _skip_blank(around, at - 1)
    elif (top := _labelled_paragraph(around, at, line)) is not None:
        # Text, its labelled comment apart (`**Note**: …`), the link: the comment costs no text.
        marked = [lines.parse(raw).content for raw in around.lines[top : at + 1]]
        comment = common.comment_text([lines.comment_label(marked[0]), *marked[1:]])
        at = _skip_blank(around, top - 1)
    while True:
        if at < around.floor or at in around.covered or lines.is_stop(around.lines[at]) or (
                template_fields.is_template_field(around.lines[at], around.lines)):
            if _splits(around, at, line) and len(blocks) == 1 and comment is None:
                comment = common.comment_text(blocks.pop()[1])
                at = _skip_blank(around, at - 1)
                continue
            break
        start, block = _block_above(around, at)
        at = _skip_blank(around, start - 1)
        if not lines.clean(" ".join(block)) and not any(common.IMAGE.search(b) for b in block):
            # Only markup, no text: a template's colour bar (`<div style="background…">`).
            bar = bar or (meaning.markup_colour(" ".join(block)) if blocks else None)
            continue
        if all(common.IMAGE.fullmatch(b.strip()) for b in block if b.strip()):
            if blocks and comment is None and _opens_annotations(around, start, block):
                # Zotero Integration: the image, then its comment, then the link.
                comment = common.comment_text([part for _, texts in blocks for part in texts])
                blocks = []
            if not blocks:
                blocks.append((start, block))
            break  # an image starts its own annotation
        blocks.insert(0, (start, block))
    if not blocks:
        return None
    parts = [part for _, block in blocks for part in block]
    how = "the paragraph before the link" if len(blocks) == 1 else "the paragraphs before the link"
    return Block(blocks[0][0], index, parts, comment, how, bar)


def _opens_annotations(around: Around, start: int, block: list[str]) -> bool:
    """Whether `block` (from line `start`) is a Zotero-exported image that comes first after
    the previous annotation: what follows it, up to the link, is then its comment."""
    written = [part for part in block if part.strip()]
    if len(written) != 1 or common.bare_image(written[0]) is None:
        return False
    above = _skip_blank(around, start - 1)
    return above < around.floor or above in around.covered or lines.is_stop(around.lines[above])


def _skip_blank(around: Around, at: int) -> int:
    """The nearest line at or above `at` that is not blank (or one the walk may not enter)."""
    while at >= around.floor and at not in around.covered and lines.parse(around.lines[at]).blank:
        at -= 1
    return at


def _block_above(around: Around, end: int) -> tuple[int, list[str]]:
    """The paragraph or quote ending on line `end`: its first line, and its lines' contents."""
    depth = lines.parse(around.lines[end]).depth
    at = end
    while at >= around.floor and at not in around.covered:
        current = lines.parse(around.lines[at])
        quoted_block = depth > 0 and current.depth > 0
        if not quoted_block and (current.blank or current.depth != depth):
            break
        raw = around.lines[at]
        if lines.is_stop(raw) or template_fields.is_template_field(raw, around.lines):
            break
        at -= 1
    return at + 1, [lines.parse(raw).content for raw in around.lines[at + 1 : end + 1]]


def _comment_above(around: Around, at: int, line: lines.Line) -> bool:
    """Whether the lines right above the anchor's (no blank line between) are a comment that
    a marked line opens (`**Comment**: …`), in the same quote."""
    start = at
    while start >= around.floor and start not in around.covered:
        current = lines.parse(around.lines[start])
        if current.blank or current.depth != line.depth:
            return False
        if lines.is_marked_comment(around.lines[start]) and not around.lines[
            start
        ].strip().startswith("%%"):
            return start > around.floor and not lines.parse(around.lines[start - 1]).blank
        if lines.is_stop(around.lines[start]):
            return False
        start -= 1
    return False


def _labelled_paragraph(around: Around, at: int, line: lines.Line) -> int | None:
    """The first line of the paragraph ending on `at`, a comment label opening it, set apart."""
    start = at
    while start > around.floor and start not in around.covered:
        current = lines.parse(around.lines[start])
        if current.blank or current.depth != line.depth or lines.is_stop(around.lines[start]):
            labelled = lines.has_comment_label(around.lines[start]) and not current.blank
            blank_above = lines.parse(around.lines[start - 1]).blank
            return start if labelled and current.depth == line.depth and blank_above else None
        start -= 1
    return None


def _splits(around: Around, at: int, line: lines.Line) -> bool:
    """Whether line `at` is a `---` rule inside the quote that holds the anchor's line."""
    if at < around.floor or at in around.covered or line.depth == 0:
        return False
    current = lines.parse(around.lines[at])
    return current.depth == line.depth and common.RULE.match(current.content) is not None


def quote_below(index: int, around: Around) -> Block | None:
    """The plain blockquote right below a line of only the link and a label, past blank lines,
    when nothing above the line is its text (Zotero Integration's `**Yellow highlight | Page
    [3](…)**` header, then `> text`): the header opens the annotation, the quote is its text.
    A quote holding a link of its own is another annotation's."""
    at = index + 1
    while at < around.ceiling and at not in around.covered and not around.lines[at].strip():
        at += 1
    if at >= around.ceiling or at in around.covered or common.CALLOUT.match(around.lines[at]):
        return None
    first, parts = at, []
    while at < around.ceiling and at not in around.covered:
        current = lines.parse(around.lines[at])
        if current.depth == 0 or current.blank:
            break
        if common.find_link(around.lines[at]) or common.CALLOUT.match(around.lines[at]):
            return None
        parts.append(current.content)
        at += 1
    if not parts or not lines.clean(" ".join(parts)):
        return None
    return Block(first, at - 1, parts, None, "in the quote below the link")


def opens_quote(index: int, around: Around, apart: bool = False) -> bool:
    """Whether a plain quote starts right below the line of only the link and a label (or,
    when `apart`, past blank lines): the quote the link opens, its text."""
    found = quote_below(index, around)
    return found is not None and (apart or found.first == index + 1)


def text_around(index: int, line: lines.Line, around: Around) -> Block | None:
    """The text of a line of only the link and a label: the quote it opens, else the
    paragraphs before it, else the quote below it (first, in a note whose links open the
    quote below them: `around.below`)."""
    below = quote_below(index, around) if line.depth == 0 and around.below else None
    return (text_after(index, line, around) or below or text_before(index, line, around)
            or (quote_below(index, around) if line.depth == 0 else None))


def paragraph_start(around: Around, index: int, line: lines.Line) -> int:
    """First line of the paragraph that the anchor's line ends (text wrapped over lines)."""
    start = index
    if line.item:
        return start
    while start - 1 >= around.floor and start - 1 not in around.covered:
        previous = lines.parse(around.lines[start - 1])
        raw = around.lines[start - 1]
        lazy = comments.lazily_continued(around.lines, start - 1, start)
        if previous.blank and line.depth and _quote_goes_on(around, start - 1, line.depth):
            start -= 1  # `>` alone between two paragraphs of one quoted highlight
            continue
        if previous.blank or (previous.depth != line.depth and not lazy) or lines.is_stop(raw):
            break
        if common.IMAGE.fullmatch(previous.content.strip()):
            break
        start -= 1
        if previous.item:
            break
    return start


def _quote_goes_on(around: Around, blank: int, depth: int) -> bool:
    """Whether the `>` line `blank` sits inside one quote: quoted text of the same depth right
    above it, not another annotation's."""
    above = blank - 1
    if lines.parse(around.lines[blank]).depth != depth or above < around.floor:
        return False
    previous = lines.parse(around.lines[above])
    return (above not in around.covered and previous.depth == depth and not previous.blank
            and not lines.is_stop(around.lines[above])
            and common.CALLOUT.match(around.lines[above]) is None)


def comment_parent(around: Around, index: int, line: lines.Line) -> str | None:
    """The words of the item right above a nested one when they are only bold and a colon."""
    above = index - 1
    if not (line.item and line.indent) or above < around.floor or above in around.covered:
        return None
    parent = lines.parse(around.lines[above])
    if not parent.item or parent.indent >= line.indent or parent.depth != line.depth:
        return None
    heading = _BOLD_HEAD.match(parent.content)
    return heading.group("words").strip() if heading else None


def image_callout(anchor: Anchor, index: int, line: lines.Line, around: Around) -> Block | None:
    """The callout of an image annotation that holds no embed (`> [!x-image-red] [p. 7](…)`,
    its quote empty): its words are the image's comment; the image is named as Zotero caches
    it (`KEY.png`), so the card says it is missing."""
    header = common.CALLOUT.match(around.lines[index])
    kind = re.split(r"[-_|\s]", header.group(0).lower()) if header else []
    if not (anchor.annotation_key or anchor.annotation_id) or "image" not in kind:
        return None
    block = text_after(index, line, around)
    if block is None or any(common.image_path(part) for part in block.parts):
        return None
    return block


def parent_item(around: Around, index: int, line: lines.Line) -> int | None:
    """The list item right above a nested one, when it holds text and no link of its own."""
    above = index - 1
    if not (line.item and line.indent) or above < around.floor or above in around.covered:
        return None
    parent = lines.parse(around.lines[above])
    header = common.CALLOUT.match(around.lines[above])
    if header is not None and not line.depth:
        # `> [!QUOTE] text` then `    - comment [(p8)](link)`: the callout's title is the text
        text = around.lines[above][header.end() :].strip()
        return above if text and not common.find_link(text) and "](" not in text else None
    if not parent.item or parent.indent >= line.indent or parent.depth != line.depth:
        return None
    text = parent.content.strip()
    if not text or lines.is_stop(around.lines[above]) or common.find_link(text) or "](" in text:
        return None
    return above
