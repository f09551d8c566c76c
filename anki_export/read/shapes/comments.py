"""Comments an annotation's next lines hold when they are marked as one.

Input: the line an annotation ends on and the part of the note it may read (`Around`). Output:
the comment of the lines after it (`%%…%%`, nested bullets or quotes, `Comment:`, a bold line)
and the last line it holds.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from anki_export.read.shapes import common, lines, ruled, template_fields
from anki_export.read.shapes.lines import Around

# A template's line of the annotation's tags (`**Annotation tags:** #method #sample`): no comment.
_TAGS = re.compile(r"(?:\s*(?:#[^\s#]+|\[\[[^\]]+\]\]))+\s*")
# A field of the reader's own under a highlight (Hypothesis, Readwise: `- Annotation: …`): the
# label is no part of the comment (a `- Tags:` field is none of it: `common.TAG_LINE`).
_FIELD = re.compile(r"^(?:\*\*)?annotation(?:\*\*)?\s*:\s*(?:\*\*)?(?=\S|$)", re.I)
# Zotero's citation opening a line of its own (`([Author, 2018, p. 3](zotero://select/…))`).
_CITATION = re.compile(r"^\(?\[[^\]\n]*\]\(zotero://select/[^)\s]*\)\)?")


def closes_record(raw: str) -> bool:
    """Whether a line ends an annotation's record in Zotero's note layout: its citation on a
    line of its own (whatever follows it there is the comment), or the tags written after it."""
    content = lines.parse(raw).content
    return bool(_CITATION.match(content.strip()) or _TAGS.fullmatch(lines.comment_label(content)))


def below(
    comment: str | None, last: int, base: lines.Line, around: Around, on_line: bool = False
) -> tuple[str | None, int]:
    """The comment of the lines after `last` when they are marked as one; and the last line.
    A comment `on_line` after the link may run on over the lines of its paragraph."""
    if on_line and comment and (run_on := _runs_on(last, base, around)) is not None:
        parts, last = run_on
        comment = common.comment_text([comment, *parts]) or comment
    past = _past_fields(last + 1, around)
    fielded = past > last + 1
    if fielded:
        last = past - 1  # the template's fields are the annotation's, none of its comment
    at = last + 1
    while at < around.ceiling and lines.parse(around.lines[at]).blank:
        at += 1
    while at < around.ceiling and at not in around.covered and lines.parse(
        around.lines[at]
    ).item and _tag_line(lines.parse(around.lines[at]).content):
        last = at  # Readwise's `- Tags: [[a]]` item before its `- Note: …` item
        at += 1
        after = at
        while after < around.ceiling and lines.parse(around.lines[after]).blank:
            after += 1
        if after < around.ceiling and _FIELD.match(lines.parse(around.lines[after]).content):
            at = after  # Hypothesis' `{{tags}}`, a line of spaces, then `- Annotation:`
    if at >= around.ceiling or at in around.covered:
        return comment, last
    raw = around.lines[at]
    current = lines.parse(raw)
    if current.depth == base.depth and lines.is_type_line(raw):
        # `Highlight (**Yellow**)` under the text (adjiap's Zotero Integration template): the
        # annotation's type and colour, no comment; one may follow it.
        return below(comment, at, base, around)
    following = lines.parse(around.lines[at + 1]) if at + 1 < len(around.lines) else None
    if current.item and at + 1 == around.ceiling and following is not None and (
            following.item and following.indent > current.indent):
        return comment, last  # the item the next annotation is nested in: its comment or text
    adjacent = at == last + 1  # a quote or bold line after a blank line may be the next text
    if not adjacent and base.depth and _quote_reaches_ceiling(around, at, base.depth):
        return comment, last  # a new quote that runs on to the next link: its text
    if raw.strip().startswith("%%") and not lines.is_marker(raw):
        parts, end = _percent_comment(around, at)
    elif current.depth == base.depth and current.item and current.indent > base.indent:
        parts, end = _nested(around, at, lambda c: c.item and c.indent > base.indent)
    elif not adjacent and (apart := _quote_apart(around, at, base)) is not None:
        parts, end = apart
    elif current.depth > base.depth and (adjacent or current.item or base.depth):
        # A nested quote or callout (`>> [!info] Note:`), after blank lines too when the
        # highlight is quoted itself (a deeper quote is never the next highlight's); a line
        # that lost its `>` goes on with it (Markdown's lazy continuation)
        parts, end = _nested(around, at, lambda c: c.depth > base.depth,
                             lazy=lazily_continued(around.lines, at, at + 1))
    elif _TAGS.fullmatch(lines.comment_label(current.content)):
        return comment, last
    elif (cited := _CITATION.match(current.content.strip())) and current.depth <= base.depth:
        return _after_citation(comment, at, current.content.strip()[cited.end() :], around)
    elif fielded and (value := template_fields.labelled_words(raw)) is not None:
        # after the template's fields, a field of words under a label of its own
        # (`Komentarz: words`): the comment, in whatever language the template labels it
        parts, end = _nested(around, at, lambda c: False)
        parts[0] = value
    elif (under := _comment_heading(around, at, adjacent)) is not None:
        parts, end = _nested(around, under, lambda c: False)
    elif not comment and (closed := ruled.paragraphs(around, at, base)) is not None:
        parts, end = closed  # the record's paragraphs up to the rule the template closes it with
    elif _marked(raw, adjacent) or _bold_apart(around, at, adjacent) or (
            around.loose and (adjacent or around.between) and not comment and _plain(raw, base)):
        parts, end = _nested(around, at, lambda c: False)
        if not _marked(raw, adjacent) and lazily_continued(around.lines, end, around.ceiling):
            return comment, last  # the next highlight's first paragraph, its `>` lost after
        parts, end = _more_paragraphs(parts, end, base, around)
    else:
        return comment, last
    kept = [part for part in parts if not template_fields.is_template_field(part, around.lines)]
    if len(kept) < len(parts):  # a record of the template's fields: their labels go too
        parts = [template_fields.labelled_words(part) or part for part in kept]
    parts = [part for part in parts if not _tag_line(part)]
    if parts:
        first = lines.comment_label(lines.without_callout_head(parts[0]))
        parts[0] = template_fields.without_repeated_label(_FIELD.sub("", first, count=1),
                                                          around.lines)
    said = common.comment_text(parts)
    if comment and said:
        return f"{comment}\n{said}", end
    return comment or said, end


def _past_fields(at: int, around: Around) -> int:
    """The line after the template's fields that follow an annotation (`**Color**: Yellow`,
    `**Page**: 4`, blank lines between them): they are its structure, none of its comment."""
    end = at
    while at < around.ceiling and at not in around.covered:
        raw = around.lines[at]
        if template_fields.is_template_field(raw, around.lines):
            end = at + 1
        elif not lines.parse(raw).blank:
            break
        at += 1
    return end


def _quote_apart(around: Around, at: int, base: lines.Line) -> tuple[list[str], int] | None:
    """A plain quote set apart by blank lines, with no link, after which only blank lines come
    before the next annotation (whose text is its own): the reader's comment, which the
    template writes as a quote of its own (`> {{comment}}`). Its lines and its last line."""
    if base.depth or not around.between or not lines.quoted_paragraph(around.lines[at]):
        return None
    end = at
    while end + 1 < around.ceiling and end + 1 not in around.covered and (
            around.lines[end + 1].strip()):
        following = around.lines[end + 1]
        if lines.parse(following).depth != 1 and not lazily_continued(around.lines, end, end + 1):
            return None
        end += 1
    block = around.lines[at : end + 1]
    if any("](" in raw or lines.is_stop(raw) for raw in block):
        return None  # a quote with a link of its own is a highlight
    after = end + 1
    while after < around.ceiling and after not in around.covered and not around.lines[
            after].strip():
        after += 1
    if after == end + 1:
        return None  # no blank line after it: it runs into what follows
    closed = after == around.ceiling or after in around.covered
    if not (closed or _opens_next(around.lines[after])):
        return None
    return [lines.parse(raw).content.strip() for raw in block], end


def _opens_next(raw: str) -> bool:
    """Whether the next annotation, or the end of a plugin's annotations, starts at `raw`."""
    return bool(common.CALLOUT.match(raw) or raw.strip().startswith("%%")
                or common.bare_image(raw) or common.HEADING.match(raw))


def _runs_on(last: int, base: lines.Line, around: Around) -> tuple[list[str], int] | None:
    """The lines right after a comment on the link's line that continue its paragraph (a hard
    line break in Zotero's note: `“text” (citation) comment` then `more of it`), up to a blank
    line: plain prose with no link or quote of its own; none when the next anchor's line ends
    the paragraph (its text would be these lines)."""
    end = last + 1
    while end < around.ceiling and end not in around.covered and around.lines[end].strip():
        raw = around.lines[end]
        if not _plain(raw, base) or "](" in raw or lines.quoted(raw) is not None or (
                raw.strip()[:1] in "\"\u201c\u201e\u00ab>"):
            return None
        end += 1
    if end == last + 1 or (end < len(around.lines) and around.lines[end].strip()):
        return None
    return [lines.parse(raw).content.strip() for raw in around.lines[last + 1 : end]], end - 1


def lazily_continued(note_lines: list[str], end: int, following: int) -> bool:
    """Whether the quote ending on line `end` runs on into line `following` without its `>`
    (a lazy continuation line: Readwise drops the `>` of a highlight's second paragraph)."""
    if following != end + 1 or following >= len(note_lines):
        return False
    quote, line = lines.parse(note_lines[end]), lines.parse(note_lines[following])
    return bool(quote.depth and not quote.blank and not line.depth and not line.blank
                and not line.item and not lines.is_stop(note_lines[following]))


def _quote_reaches_ceiling(around: Around, at: int, depth: int) -> bool:
    """Whether the quote opening on line `at` runs on, paragraph after paragraph, to the
    next anchor's line (a highlight of several paragraphs whose link ends the last)."""
    while at < around.ceiling:
        current = lines.parse(around.lines[at])
        if current.depth != depth or at in around.covered:
            return False
        at += 1
    return at == around.ceiling and at < len(around.lines) and (
        lines.parse(around.lines[at]).depth == depth)


def _tag_line(part: str) -> bool:
    """A line of only tags, maybe after a `Tags:` label (`- Tags: [[a]]`, `**Tags:** #b`)."""
    return common.TAG_LINE.match(part) is not None


def _after_citation(
    comment: str | None, at: int, tail: str, around: Around
) -> tuple[str | None, int]:
    """The comment after a citation on a line of its own, which closes the record: the rest of
    its line and the lines of the paragraph after it, the tags among them left out."""
    parts = [tail] if tail.strip() and not _TAGS.fullmatch(tail) else []
    end = at
    while end + 1 < around.ceiling and end + 1 not in around.covered:
        following = lines.parse(around.lines[end + 1])
        if following.blank or lines.is_stop(around.lines[end + 1]):
            break
        end += 1
        if not _TAGS.fullmatch(lines.comment_label(following.content)):
            parts.append(following.content.strip())
    said = common.comment_text(parts) if parts else None
    return ("\n".join(filter(None, [comment, said])) or None), end


def _more_paragraphs(
    parts: list[str], end: int, base: lines.Line, around: Around
) -> tuple[list[str], int]:
    """A comment's further paragraphs, where the template parts annotations with a line that
    holds only spaces (`{{comment}}` then ` `): an empty line there is inside the comment, which
    runs on to the template's line."""
    while end + 2 < around.ceiling and around.lines[end + 1] == "":
        start = stop = end + 2
        while stop < around.ceiling and stop not in around.covered and around.lines[stop].strip():
            if not _plain(around.lines[stop], base):
                return parts, end
            stop += 1
        if stop == start or stop >= around.ceiling or not _spaces_only(around.lines[stop]):
            return parts, end
        added = [lines.parse(raw).content.strip() for raw in around.lines[start:stop]]
        parts = [*parts, "", *added]
        end = stop - 1
    return parts, end


def _spaces_only(raw: str) -> bool:
    return bool(raw) and not raw.strip()


def _marked(raw: str, adjacent: bool) -> bool:
    """A comment marked as one: by a label (`Comment:`), or by bold right below the text."""
    if _FIELD.match(lines.parse(raw).content.strip()):
        return True  # `- Annotation:`, the reader's field, its words maybe on the next lines
    return lines.is_marked_comment(raw) and (adjacent or lines.has_comment_label(raw))


def _comment_heading(around: Around, at: int, adjacent: bool) -> int | None:
    """Where the paragraph under a heading of the template's that names the comment starts
    (`#### Kommentar` right under the text, or a heading repeated over several comments): a
    heading set apart, written once (`## My notes`), is the reader's own section."""
    heading = common.HEADING.match(around.lines[at])
    if heading is None or not lines.names_a_comment(heading["title"]):
        return None
    if not adjacent and sum(raw.strip() == around.lines[at].strip() for raw in around.lines) < 2:
        return None
    under = at + 1
    while under < around.ceiling and not around.lines[under].strip():
        under += 1
    return under if under < around.ceiling and under not in around.covered else None


def _bold_apart(around: Around, at: int, adjacent: bool) -> bool:
    """A sentence all in bold set apart by blank lines before the next annotation, whose text
    is its own: the reader's comment (next to the next link it could be that one's label; a
    few bold words without a full stop are the reader's heading over the highlights below)."""
    content = lines.parse(around.lines[at]).content.strip()
    bold = len(content) > 4 and content.startswith("**") and content.endswith("**")
    said = content.strip("* ")
    sentence = said[-1:] in ".!?…。？！" or len(said.split()) >= 5
    return bool(bold and sentence and not adjacent and around.between
                and at + 1 < around.ceiling and not around.lines[at + 1].strip())


def _plain(raw: str, base: lines.Line) -> bool:
    """A line of plain prose at the anchor line's level (no list item, image, link or stop)."""
    current = lines.parse(raw)
    return (current.depth <= base.depth and not current.item and not lines.is_stop(raw)
            and common.IMAGE.search(raw) is None)


def _percent_comment(around: Around, at: int) -> tuple[list[str], int]:
    """A `%% … %%` comment from line `at`, maybe over several lines."""
    body = around.lines[at].strip()[2:]
    parts: list[str] = []
    while True:
        if "%%" in body:
            parts.append(body[: body.index("%%")])
            return parts, at
        parts.append(body)
        if at + 1 >= around.ceiling:
            return parts, at
        at += 1
        body = around.lines[at]


def _nested(
    around: Around, at: int, nested: Callable[[lines.Line], bool], lazy: bool = True
) -> tuple[list[str], int]:
    """Lines of a comment from `at`: those `nested` accepts, with (when `lazy`) their
    continuation lines, which may have lost their indentation, over blank lines while it goes
    on."""
    parts: list[str] = []
    end = at
    while at < around.ceiling and at not in around.covered:
        raw = around.lines[at]
        current = lines.parse(raw)
        if current.blank:
            following = at + 1
            while following < around.ceiling and lines.parse(around.lines[following]).blank:
                following += 1
            if following < around.ceiling and nested(lines.parse(around.lines[following])):
                at = following
                continue
            break
        ends = current.item or lines.is_stop(raw) or template_fields.is_template_field(
            raw, around.lines)
        if parts and not nested(current) and (not lazy or ends):
            break
        parts.append(current.content.strip())
        end = at
        at += 1
    return parts, end
