"""`<mark>`/`<span>` highlights followed by a PDF link: paragraphs, Highlightr classes, bullets.

Input: a `SourceNote`. Output: `Annotation`s coloured by the mark's style or class, with comments
from tab-nested bullets or from a next line that repeats the link; bare Zotero images too.
"""

from __future__ import annotations

import html
import re

from anki_export.errors import Problem
from anki_export.read.annotation import Annotation
from anki_export.read.links import PdfLink
from anki_export.read.notes import SourceNote
from anki_export.read.shapes import breaks, common, meaning
from anki_export.read.shapes.lines import label_words

MARKUP = re.compile(r"<(mark|span|font)\b[^>]*>(?P<inner>.*?)</\1>", re.I)
SIGNATURE = re.compile(
    r"<(?:mark|span|font)\b[^>\n]*>[^\n]*?</(?:mark|span|font)>[^\n]*\]\((?:zotero://open-pdf|file://)",
    re.I,
)
# `- "text" | <mark …>Highlight</mark>`: the quoted text, then the mark naming type or label.
_BULLET_ROW = re.compile(r"^(?P<text>.*[\"\u201d])\s*\|\s*(?P<mark><(mark|span|font)\b.*)$", re.I)
_NESTED = re.compile(r"^[ \t]+[-*+]\s+")
_EMPHASIS = re.compile(r"^([*_])(?![*_\s])")
# A coloured square some templates put before each annotation (`<span style="color: #ffd400;">
# &#9632;</span> "text" …`): it shows the colour, it is no part of the text.
_SQUARE = "\u25a0\u25a1\u25aa\u25fc\u2588\u2589"
_SQUARE_MARK = re.compile(
    rf"^\s*(?P<tag><(?:mark|span|font)\b[^>]*>)\s*(?:[{_SQUARE}]|&#9632;|&#x25a0;)\s*"
    r"</(?:mark|span|font)>\s*(?P<rest>.*)$", re.I)
# `- [b] my words`: a comment written as an alternative checkbox (`[b]` bookmark, `[?]`, `[!]`)
# right under its highlight; `[ ]` and `[x]` are the reader's tasks.
_CHECKBOX_COMMENT = re.compile(r"^[-*+][ \t]+\[(?![ xX]\])[^\]\s]\][ \t]+(?P<text>\S.*)$")


def parse(note: SourceNote) -> tuple[list[Annotation], list[Problem]]:
    """All marked highlights and bare Zotero images of `note`, in order."""
    lines = note.lines
    found: list[Annotation] = []
    problems: list[Problem] = []
    group = meaning.Group()
    callout = _OUTSIDE
    index = note.body_start
    while index < len(lines):
        line = lines[index]
        # Marks inside callouts belong to the callout readers, which know where comments go.
        callout = _callout_state(line, callout)
        in_callout = callout != _OUTSIDE
        highlight = None if in_callout or _labels_callout(lines, index) else _highlight(line)
        image = None if in_callout or highlight else _image(line)
        if highlight is None and image is None:
            group.see(line, index + 1)
            index += 1
            continue
        text, colour, label, link = highlight or ("", _square_colour(line), None, None)
        comment, after = _read_comment(lines, index + 1, link)
        if highlight is not None and (record := _record(line, link)) is not None:
            text, image = record.text if record.kind != "note" else "", record.image
            comment = "\n".join(filter(None, [record.comment, comment])) or None
        annotation = common.build(
            index + 1,
            text,
            link,
            colour=colour,
            label=label,
            comment=comment,
            image=image,
        )
        group.keep(annotation, note, found, problems)
        index = after
    return group.apply(found), problems


_OUTSIDE, _TEXT, _QUOTED, _LAST = "outside", "text", "quoted", "last"
# `>[!quote|#ffd400] Claim`: the research-note template's callout, whose text line (with its
# link) often lacks the `>` and still belongs to the callout.
_COLOUR_CALLOUT = re.compile(r"^\s*(?:>\s*)+\[![\w-]+\|[^\]]+\]")


def _callout_state(line: str, previous: str) -> str:
    """Where `line` stands in a callout, given the line before's state.

    `text`: in a colour callout whose link is still to come (its unquoted text line belongs to
    it); `quoted`: only `>` lines still belong to it; `last`: the line that ends it; `outside`.
    """
    if common.CALLOUT.match(line):
        if common.find_link(line) or not _COLOUR_CALLOUT.match(line):
            return _QUOTED
        return _TEXT
    if previous in (_OUTSIDE, _LAST):
        return _OUTSIDE
    if common.is_quoted(line):
        return _QUOTED if common.find_link(line) else previous
    if previous == _TEXT and line.strip() and not common.is_boundary(line):
        return _LAST if common.find_link(line) else _TEXT
    return _OUTSIDE


def _labels_callout(lines: list[str], index: int) -> bool:
    """Whether line `index` holds only a marked label and the link, and opens the callout
    below it that holds the quote (`<mark class="hltr-red">Question</mark> | [page 3](…)`,
    then an Admonition `ad-cite` block): the anchored reader reads the callout."""
    link = common.find_link(lines[index])
    following = lines[index + 1] if index + 1 < len(lines) else ""
    if link is None or not common.CALLOUT.match(following):
        return False
    return bool(label_words(common.text_before_link(lines[index], link)))


def _highlight(line: str) -> tuple[str, str | None, str | None, PdfLink] | None:
    """(text, colour, label, link) of a line with a mark and a PDF link, else None."""
    content = common.unquote(line)
    link = common.find_link(content)
    if link is None:
        return None
    before = common.text_before_link(content, link)
    marks = list(MARKUP.finditer(before))
    if not marks:
        return None
    colour = next((c for m in marks if (c := meaning.markup_colour(m.group(0)))), None)
    row = _BULLET_ROW.match(before.strip())
    if row is not None:
        inner = common.clean_text(row.group("mark"))
        label = None if inner.lower() in common.TYPE_WORDS else inner
        colour = meaning.opening_colour(row.group("mark")) or colour
        return common.clean_text(row.group("text")), colour, label or None, link
    square = _SQUARE_MARK.match(before)
    if square is not None:
        colour = colour or meaning.markup_colour(square.group("tag"))
        before = square.group("rest")
    text = common.clean_text(html.unescape(before) if "&" in before else before)
    if breaks.fields(before) is not None:
        return text, meaning.opening_colour(before) or colour, None, link
    if text.lower() in common.TYPE_WORDS or label_words(before) == "":
        # `<mark class="hltr-red">Highlight</mark> [Page 1](…)`, `<span …>…</span> **Yellow
        # highlight | Page [3](…)**`: a label line; the text is below it.
        return None
    return text, meaning.opening_colour(before) or colour, None, link


def _record(line: str, link: PdfLink | None) -> breaks.Fields | None:
    """The fields of a record joined with `<br>` before the link, its type first (a note's
    own words are no highlight)."""
    if link is None:
        return None
    return breaks.fields(common.text_before_link(common.unquote(line), link))


def _image(line: str) -> str | None:
    """The image of a line that is only a Zotero image, maybe after its coloured square."""
    square = _SQUARE_MARK.match(line)
    return common.bare_image(square.group("rest") if square else line)


def _square_colour(line: str) -> str | None:
    """The colour of the square that opens `line`, if one does."""
    square = _SQUARE_MARK.match(line)
    return meaning.markup_colour(square.group("tag")) if square else None


def _read_comment(lines: list[str], index: int, link: PdfLink | None) -> tuple[str | None, int]:
    """The comment after a highlight (nested bullets, or a line repeating its link); next index."""
    start = common.skip_blank(lines, index)
    if start < len(lines) and _NESTED.match(lines[start]):
        return _nested_comment(lines, start)
    if start < len(lines) and _CHECKBOX_COMMENT.match(lines[start]):
        return _checkbox_comment(lines, start)
    if index < len(lines) and _is_quoted_comment(lines[index]):
        return _quoted_comment(lines, index)
    if start < len(lines) and _is_quoted_comment(lines[start]) and _EMPHASIS.match(
            common.unquote(lines[start]).strip()):
        # `>*my words*` after a blank line: a quote in emphasis is the reader's, maybe with
        # lines that lost their `>`
        _, end = _quoted_comment(lines, start)
        while end < len(lines) and lines[end].strip() and not common.is_quoted(lines[end]) and (
                not _ends_comment(lines[end]) and not MARKUP.search(lines[end])):
            end += 1
        parts = [common.unquote(line).strip() for line in lines[start:end]]
        return common.comment_text(parts), end
    if link is not None:
        return _same_link_comment(lines, start, link, index)
    return None, index


def _nested_comment(lines: list[str], index: int) -> tuple[str | None, int]:
    """Tab-nested bullets under a highlight; a wrapped line may have lost its indentation."""
    parts: list[str] = []
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            following = common.skip_blank(lines, index)
            if following < len(lines) and _NESTED.match(lines[following]):
                index = following
                continue
            break
        if not _NESTED.match(line) and _ends_comment(line):
            break
        parts.append(_NESTED.sub("", line).strip())
        index += 1
    return common.comment_text(parts), index


def _checkbox_comment(lines: list[str], index: int) -> tuple[str | None, int]:
    """`- [b] my words` lines under a highlight: its comment."""
    parts: list[str] = []
    while index < len(lines) and (match := _CHECKBOX_COMMENT.match(lines[index])):
        parts.append(match.group("text").strip())
        index += 1
    return common.comment_text(parts), index


def _is_quoted_comment(line: str) -> bool:
    """A `>` line right under a highlight that is the reader's words, not another annotation."""
    return (common.is_quoted(line) and not common.CALLOUT.match(line)
            and bool(common.unquote(line).strip()) and common.find_link(line) is None
            and not MARKUP.search(line) and common.bare_image(common.unquote(line)) is None)


def _quoted_comment(lines: list[str], index: int) -> tuple[str | None, int]:
    """A blockquote right under a highlight (`> my words`): its comment."""
    end = index
    while end < len(lines) and _is_quoted_comment(lines[end]):
        end += 1
    return common.comment_text([common.unquote(line).strip() for line in lines[index:end]]), end


def _same_link_comment(
    lines: list[str], start: int, link: PdfLink, fallback: int
) -> tuple[str | None, int]:
    """A paragraph after the highlight that ends with the highlight's own link is its comment."""
    end = start
    while end < len(lines) and lines[end].strip() and not _ends_comment(lines[end]):
        end += 1
    paragraph = lines[start:end]
    last = common.find_link(paragraph[-1]) if paragraph else None
    if last is None or last.url != link.url or any(MARKUP.search(p) for p in paragraph):
        return None, fallback
    paragraph[-1] = common.text_before_link(paragraph[-1], last)
    parts = [common.unquote(p).strip().removeprefix("\U0001f4ac").strip() for p in paragraph]
    return common.comment_text(parts), end


def _ends_comment(line: str) -> bool:
    """A line that starts something new: a highlight, an image, a bullet, a heading..."""
    return bool(
        common.is_boundary(line)
        or common.BULLET.match(line)
        or _highlight(line)
        or common.bare_image(line)
    )
