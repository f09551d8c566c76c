"""The Zotero Integration "research-note" shape: one `>[!quote|#hex] Label` callout per highlight.

Input: a `SourceNote`. Output: `Annotation`s with their link, colour, label and `%% comment %%`.
An image annotation's callout holds the embed of the image Zotero exported, and the lines after
it are its comment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from anki_export.errors import Problem
from anki_export.read.annotation import Annotation
from anki_export.read.links import PdfLink, find_pdf_link
from anki_export.read.notes import SourceNote
from anki_export.read.roles import palette_colour
from anki_export.read.shapes import lines as line_kinds
from anki_export.read.shapes.common import (
    HEADING,
    TAG_LINE,
    bare_image,
    bold_label,
    build,
    points_at_highlight,
    strip_tags,
    text_before_link,
)

# `(?:>\s*)+`: the plugin's callouts may sit nested inside one of the reader's own
# (`> >[!quote|#ffd400]`); reading one level only took the inner header for highlight text.
# An empty type (`> [!]+`) is what a colour macro writes for a colour off its palette.
HEADER = re.compile(
    r"^\s*(?:>\s*)+\[!(?P<kind>[\w-]*)(?:\|(?P<colour>[^\]]*))?\][+-]?[ \t]*(?P<title>.*?)\s*$"
)
# Plugin bookkeeping, not the reader's words: it may share a line with annotation text.
MARKER = re.compile(r"%%\s*(?:begin annotations|end annotations|Import Date:[^%]*)\s*%%", re.I)
BATCH_HEADING = re.compile(r"^#{1,6}\s+Imported on\b", re.I)
_QUOTE_PREFIX = re.compile(r"^\s*(?:>\s?)+")  # every level of a nested callout
_WRAPPED = re.compile(r"^[*_]{0,2}\s*[«\"\u201c]\s*(?P<text>.+?)\s*[»\"\u201d]\s*[*_]{0,2}$")
_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
_DASH_BEFORE_LINK = re.compile(r"(?:^|\s)(?:—|–|--?)\s*$")
# `text (p. [6](…))`: the parenthesis (and page word) the link's page number closes.
_PAGE_BEFORE_LINK = re.compile(r"\s*\(\s*(?:(?:pp?|pg|s)\.|page|seite)?\s*$", re.I)
# A link to the daily note of the day the annotation was made (`[[2024-02-11#09:02]]`).
_DATE_LINK = re.compile(r"^\[\[\d{4}-\d{2}-\d{2}(?:[#T ][^\]|]*)?(?:\|[^\]]*)?\]\]$")
_BREAK = re.compile(r"<br\s*/?>", re.I)
_PDF_PAGE_LINK = re.compile(r"\[\[[^\]|#]+\.pdf#", re.I)
_URL_LINK = re.compile(r"\]\([A-Za-z][\w+.-]*://[^)\s]+\)")
# A colour macro's label (`🟡 Highlight`): a colour emoji and a word or two, nothing else.
_EMOJI_LABEL = re.compile(
    r"^(?:🟡|🟨|🔴|🟥|🟢|🟩|🔵|🟦|🟣|🟪|🟠|🟧|⚪|⬜|⚫|⬛|🟤|🟫)\s*[^\W\d_][\w \-/&]{0,30}$"
)
# A template field's value that is no comment: tags, or an emphasised placeholder of the
# template (`**Categories:** _add here your categories_`).
_FIELD_FILLER = re.compile(r"^(?:(?:#[^\s#]+|\[\[[^\]]+\]\])\s*)*$|^([*_])[^*_]+\1$")


@dataclass(slots=True)
class _Cursor:
    """Position in the note's lines while reading (mutable, local to one parse)."""

    lines: list[str]
    index: int

    def peek(self, offset: int = 0) -> str | None:
        at = self.index + offset
        return self.lines[at] if at < len(self.lines) else None


def parse(note: SourceNote) -> tuple[list[Annotation], list[Problem]]:
    """All callout annotations of `note`, in order."""
    lines = [MARKER.sub("", line).rstrip() for line in note.lines]
    cursor = _Cursor(lines, note.body_start)
    found: list[Annotation] = []
    problems: list[Problem] = []
    while cursor.index < len(lines):
        header = HEADER.match(lines[cursor.index])
        if header is None:
            cursor.index += 1
            continue
        annotation = _read_callout(cursor, header, note, problems)
        if annotation is not None:
            found.append(annotation)
    return found, problems


def _read_callout(
    cursor: _Cursor, header: re.Match[str], note: SourceNote, problems: list[Problem]
) -> Annotation | None:
    """One annotation from the callout starting at the cursor; the cursor moves past it."""
    start = cursor.index
    cursor.index += 1
    # `> [!image-description] ![[…-7-x58-y402.png]]`: the title is the exported image
    titled = bare_image(header["title"])
    label = None if titled else header["title"] or _label_on_next_line(cursor)
    image = titled or _image(cursor)
    parts, link, ruled_off = _read_text(cursor, _depth(cursor.lines[start]))
    text = _joined(parts)
    if image is not None:  # the lines after an image are its comment; it has no text
        text = _fields("\n".join(parts))
        ruled_off = "\n".join(part for part in (text, ruled_off) if part)
        text = ""
    colour = palette_colour(header["colour"]) or _kind_colour(header["kind"])
    if link is None and colour is None and titled is None:
        # an ordinary callout of the reader's (`> [!info]`), or a template's `[!quote|{{…}}]`
        return None
    if link is None and (_PDF_PAGE_LINK.search(header["title"]) or _URL_LINK.search(
            header["title"])):
        # a link to a page of a PDF in the vault (PDF++), or a link of another tool's in the
        # title (`[page 4](obsidian://…)`): the anchored reader's
        return None
    if not text.strip() and image is None:
        problems.append(Problem("annotation has no text; skipped", note.path, start + 1))
        return None
    if link is None:
        fallback = "image" if image is not None else "text"
        problems.append(Problem("annotation has no Zotero link; its identity falls back to its "
                                f"{fallback}", note.path, start + 1))
    below = _fields(_quoted_after(cursor)) if link is not None else ""
    comment = _read_comment(cursor, note, problems)
    if link is not None and not (below or comment or ruled_off):
        comment = _separate_quote(cursor)
    comment = "\n".join(part for part in (ruled_off, below, comment) if part) or None
    # An image without a link takes its page from the image's name (`…-8-x64-y233.png`).
    return build(start + 1, text, link, colour=colour, label=label,
                 comment=comment, image=image)


def _kind_colour(kind: str) -> str | None:
    """The colour a template names in the callout's type (`[!annotation-yellow]`, `[!yellow]`)."""
    prefix, _, suffix = kind.rpartition("-")
    return palette_colour(suffix if prefix else kind)


def _label_on_next_line(cursor: _Cursor) -> str | None:
    """The label some template versions put on the line after an empty callout title."""
    candidate, after = cursor.peek(), cursor.peek(1)
    emoji_label = candidate is not None and _EMOJI_LABEL.match(_unquoted(candidate))
    if emoji_label and after is not None and not _unquoted(after):
        # `>🟡 Highlight` inside the callout, then a blank line that breaks it: the colour
        # macro's label; the highlight follows in the `>` lines after the break.
        label = _unquoted(candidate or "")
        cursor.index += 1
        while (line := cursor.peek()) is not None and not _unquoted(line):
            cursor.index += 1
        return label
    if candidate is None or not candidate.strip() or candidate.lstrip().startswith((">", "%%")):
        return None
    if find_pdf_link(candidate) or HEADER.match(candidate) or len(candidate.split()) > 5:
        return None
    if after is not None and after.strip() not in (">", ""):
        return None
    cursor.index += 1
    return candidate.strip()


def _unquoted(line: str) -> str:
    return _QUOTE_PREFIX.sub("", line).strip()


def _image(cursor: _Cursor) -> str | None:
    """The image of an image annotation's callout, whose first line embeds only the image Zotero
    exported (`>![[citekey-8-x64-y233.png]]`); the cursor moves past it."""
    line = cursor.peek()
    if line is None or not line.lstrip().startswith(">"):
        return None
    image = bare_image(_QUOTE_PREFIX.sub("", line))
    if image is not None:
        cursor.index += 1
    return image


def _depth(line: str) -> int:
    """How many `>` quote the line (`> >> text` is 3)."""
    prefix = _QUOTE_PREFIX.match(line)
    return prefix.group().count(">") if prefix else 0


def _read_text(cursor: _Cursor, depth: int) -> tuple[list[str], PdfLink | None, str]:
    """Highlight lines up to and including the one with the PDF link, joined by spaces, and
    the reader's comment inside the callout: what follows a `---` rule (ZotLit's layout) or
    a quote nested one level deeper than the callout (`>> comment`), with the lines a quote
    continues lazily (no `>`, as `nl2br` leaves them)."""
    parts: list[str] = []
    below_rule: list[str] | None = None
    nested: list[str] = []
    in_nested = False
    while (line := cursor.peek()) is not None:
        if HEADER.match(line) or BATCH_HEADING.match(line) or line.lstrip().startswith("%%"):
            break
        if not line.strip() and parts:
            break  # a blank line ends a highlight that never got its link
        if not line.lstrip().startswith(">") and line.strip() and not _continues(line):
            break  # a list item or heading without `>` starts a block of its own
        content = _QUOTE_PREFIX.sub("", line)
        cursor.index += 1
        quoted = line.lstrip().startswith(">")
        if parts and (_depth(line) > depth or (in_nested and not quoted)):
            in_nested = True
            nested.append(content)
            continue
        in_nested = in_nested and not quoted
        if parts and below_rule is None and _RULE.match(content):
            below_rule = []
            continue
        link = find_pdf_link(content)
        # A link to the whole PDF (`**PDF:** [x.pdf](zotero://open-pdf/…/KEY)`) is metadata.
        if link is not None and points_at_highlight(link):
            # `— [p. 27](…)`: a dash that sets the link apart is no part of the highlight
            before = text_before_link(content, link)
            before = _DASH_BEFORE_LINK.sub("", _PAGE_BEFORE_LINK.sub("", before))
            (parts if below_rule is None else below_rule).append(before)
            _inline_comment(cursor, content[link.end :])
            return parts, link, _comment(below_rule, nested)
        (parts if below_rule is None else below_rule).append(content)
    return parts, None, _comment(below_rule, nested)


def _comment(below_rule: list[str] | None, nested: list[str]) -> str:
    """The comment lines inside a callout, a nested quote's lines joined like its text."""
    found = [_joined(below_rule or []), _joined(nested)]
    return "\n".join(part for part in found if part)


def _joined(parts: list[str]) -> str:
    """Highlight text from its lines: one line, without a reader's `<mark>` tags inside it, or
    the emphasis and quote marks a template wraps the whole passage in (`*« text »*`)."""
    text = " ".join(strip_tags(_BREAK.sub(" ", " ".join(parts))).split())
    wrapped = _WRAPPED.match(text)
    return wrapped["text"] if wrapped else text


def _quoted_after(cursor: _Cursor) -> str:
    """Lines still inside the callout after the link's line: the reader's comment there, with
    a line the callout continues lazily (`>last line` then `more` without `>`)."""
    found: list[str] = []
    while (line := cursor.peek()) is not None:
        lazy = not line.lstrip().startswith(">")
        if lazy and not (found and found[-1].strip() and line.strip() and _continues(line)):
            break
        if HEADER.match(line) or _QUOTE_PREFIX.sub("", line).lstrip().startswith("^"):
            break
        found.append(_BREAK.sub(" ", _QUOTE_PREFIX.sub("", line)))
        cursor.index += 1
    return "\n".join(part.strip() for part in found if part.strip())


def _continues(line: str) -> bool:
    """Whether a line without `>` is plain text a callout takes in (not a new block)."""
    return not (BATCH_HEADING.match(line) or _RULE.match(line) or line.lstrip().startswith(
        ("#", "%%", "- ", "* ", "|", "!", "<", "```")))


def _fields(comment: str) -> str:
    """The reader's words among a template's labelled fields: `**💬 Comment:** text` gives
    `text`; a field holding only tags or the template's placeholder is no comment."""
    kept = []
    for line in comment.splitlines():
        value = bold_label(line)
        if value is not None:
            label = line.strip()[: len(line.strip()) - len(value)].replace("**", "")
            if line_kinds.has_comment_label(line_kinds.comment_label(label) or label):
                line = value  # `**💬 Comment:** text`: the label goes, the words stay
            elif _FIELD_FILLER.match(value.strip()):
                continue
        if line.strip() and not _DATE_LINK.match(line.strip()) and not TAG_LINE.match(line):
            kept.append(line.strip())
    return "\n".join(kept)


def _separate_quote(cursor: _Cursor) -> str | None:
    """A plain quote of its own after blank lines, with no link, that the next annotation (or
    the end of the annotations) follows: the reader's comment on the callout above it, which the
    template writes as a quote apart (`> {{comment}}`); the cursor moves past it."""
    start = cursor.index
    while (line := cursor.peek(start - cursor.index)) is not None and not line.strip():
        start += 1
    if start == cursor.index or start >= len(cursor.lines):
        return None
    first = cursor.lines[start]
    if not line_kinds.quoted_paragraph(first) or HEADER.match(first):
        return None
    end = start + 1
    while end < len(cursor.lines) and cursor.lines[end].strip() and (
            cursor.lines[end].lstrip().startswith(">") or _continues(cursor.lines[end])):
        if HEADER.match(cursor.lines[end]):
            return None
        end += 1
    block = cursor.lines[start:end]
    if any(find_pdf_link(raw) or "](" in raw for raw in block):
        return None  # a quote with a link of its own is a highlight
    after = end
    while after < len(cursor.lines) and not cursor.lines[after].strip():
        after += 1
    if after < len(cursor.lines) and not _opens_annotation(cursor.lines[after]):
        return None
    cursor.index = end
    return "\n".join(_BREAK.sub(" ", _QUOTE_PREFIX.sub("", raw)).strip() for raw in block)


def _opens_annotation(line: str) -> bool:
    """Whether the next annotation (or the end of the plugin's annotations) starts at `line`."""
    return bool(HEADER.match(line) or line.lstrip().startswith("%%") or bare_image(line)
                or HEADING.match(line))


def _inline_comment(cursor: _Cursor, rest: str) -> None:
    """A `%%comment%%` after the link on the same line is read as if it started the next line."""
    if "%%" in rest:
        cursor.index -= 1
        cursor.lines[cursor.index] = rest.strip()


def _read_comment(cursor: _Cursor, note: SourceNote, problems: list[Problem]) -> str | None:
    """The `%% ... %%` comment right after an annotation (blank lines may come between)."""
    offset = 0
    while (line := cursor.peek(offset)) is not None and not line.strip():
        offset += 1
    if line is None or not line.lstrip().startswith("%%"):
        return None
    start = cursor.index + offset
    body = line.lstrip()[2:]
    parts: list[str] = []
    index = start
    while True:
        if "%%" in body:
            parts.append(body[: body.index("%%")])
            cursor.index = index + 1
            return "\n".join(parts).strip() or None
        parts.append(body)
        index += 1
        if index >= len(cursor.lines) or HEADER.match(cursor.lines[index]):
            problems.append(Problem("comment opened with '%%' is never closed; it ends here",
                                    note.path, start + 1))
            cursor.index = index
            return "\n".join(parts).strip() or None
        body = cursor.lines[index]
