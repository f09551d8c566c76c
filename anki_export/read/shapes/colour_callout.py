"""Callouts that carry colour and link in their header line, in two shapes of Zotero Integration.

`> [!quote|green]+ Highlight ([page. 21](LINK))` with `> - **comment**`, often grouped under
colour headings; and the malformed `> [!quote]|#ffd400` with `> **Note:** comment`. Output:
`Annotation`s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from anki_export.errors import Problem
from anki_export.read.annotation import Annotation
from anki_export.read.links import PdfLink
from anki_export.read.notes import SourceNote
from anki_export.read.shapes import common, meaning, template_fields
from anki_export.read.shapes.lines import comment_callout

_HEADER = re.compile(
    r"^\s*>\s*\[!(?P<kind>[\w-]+)(?:\|(?P<inside>[^\]]*))?\]"
    r"(?:\|(?P<outside>#?[0-9A-Za-z]+))?[+-]?[ \t]*(?P<title>.*?)\s*$"
)
SIGNATURE = re.compile(
    r"^\s*>\s*\[![\w-]+(?:\|[^\]]*)?\][+-]?[^\n]*\]\((?:zotero://open-pdf|file://)"
    r"|^\s*>\s*\[![\w-]+\]\|#?\w+",
    re.M,
)


@dataclass(frozen=True, slots=True)
class _Header:
    """What a callout header line says about its annotation."""

    colour: str | None
    label: str | None
    link: PdfLink | None


_WRAPPED_QUOTE = re.compile(
    r"^\s*[*_]{1,2}\s*[\"\u201c]\s*(?P<text>.*?)\s*[\"\u201d]\s*[*_]{1,2}\s*$")
"""A highlight that a template sets apart as one emphasised quote: `*" text "*`."""
_BREAK_END = re.compile(r"<br\s*/?>\s*$", re.I)


def parse(note: SourceNote) -> tuple[list[Annotation], list[Problem]]:
    """All colour callouts (and the bare Zotero images between them) of `note`, in order."""
    lines = note.lines
    found: list[Annotation] = []
    problems: list[Problem] = []
    group = meaning.Group()
    index = note.body_start
    while index < len(lines):
        header = _header(lines[index])
        image = common.bare_image(lines[index]) if header is None else None
        if header is None and image is None:
            group.see(lines[index], index + 1)
            index += 1
            continue
        start = index
        below: str | None = None
        if header is not None:
            text, image, link, index, below = _read_body(lines, index + 1, header.link)
        else:
            text, link, index = "", _link_line(lines, index + 1), index + 1
            index += link is not None
        comment, index = _read_comment(lines, index)
        comment = "\n".join(part for part in (below, comment) if part) or None
        annotation = common.build(
            start + 1,
            text,
            link,
            colour=header.colour if header else None,
            # `> [!cite] citekey [(go to citation)](…)`: the note's citekey names no label
            label=header.label if header and header.label != note.citekey else None,
            comment=comment,
            image=image,
        )
        group.keep(annotation, note, found, problems)
    return group.apply(found), problems


def _header(line: str) -> _Header | None:
    """The header of a colour callout: a link in its title, or its colour after the brackets."""
    match = _HEADER.match(line)
    if match is None:
        return None
    link = common.find_link(match.group("title"))
    if link is None and match.group("outside") is None:
        return None  # the primary shape (`>[!quote|#hex] Label`) or a callout of the reader's
    title = match.group("title")
    if link is not None:
        title = common.text_before_link(title, link) + title[link.end :].lstrip(")")
    title = title.strip(" ()")
    label = None if not title or title.lower() in common.TYPE_WORDS else title
    colour = meaning.colour_name(match.group("outside") or match.group("inside"))
    return _Header(colour, label, link)


def _read_body(
    lines: list[str], index: int, link: PdfLink | None
) -> tuple[str, str | None, PdfLink | None, int, str | None]:
    """Text, image and link inside the callout up to its comment; the index after them; and
    the lines below a highlight set apart as one quote (`*"…"*`), below an image, or nested
    deeper after the text (`>>comment`), which are the reader's own words."""
    parts: list[str] = []
    below: list[str] | None = None
    image = None
    depth = _depth(lines[index - 1])
    while index < len(lines) and (common.is_quoted(lines[index]) or (
            parts and below is None and _lazy_after_break(lines, index))):
        content = common.unquote(lines[index])
        if _HEADER.match(lines[index]) or _comment_start(content) is not None:
            break
        if comment_callout(lines[index]):
            break  # `> > [!info] Comment` nested in the callout: the comment
        index += 1
        if below is None and parts and _depth(lines[index - 1]) > depth and content.strip():
            below = []  # `>>comment`: a quote nested in the callout after the text
        if below is not None:
            below.append(content)
            continue
        if (path := common.image_path(content)) and image is None and not parts:
            image, below = path, []
            continue
        found = common.find_link(content) if link is None else None
        if found is not None:
            # The malformed shape ends its text with the link: what follows is not text.
            parts.append(common.text_before_link(content, found))
            link = found
            break
        if not parts and (quoted := _WRAPPED_QUOTE.match(content)):
            parts.append(quoted["text"])
            below = []
            continue
        parts.append(content)
    comment = " ".join(" ".join(below).split()) if below else None
    return common.clean_text(" ".join(parts)), image, link, index, comment or None


def _comment_start(content: str) -> str | None:
    """The first comment line's text after its marker (`- ` or `**Note:**`), else None."""
    stripped = content.strip()
    if stripped.startswith(("- ", "* ")):
        return stripped[2:]
    return common.bold_label(stripped)


def _link_line(lines: list[str], index: int) -> PdfLink | None:
    """The link on line `index` when the line holds nothing else (an image's `[Go to
    annotation](…)` right below it)."""
    if index >= len(lines):
        return None
    content = common.unquote(lines[index]).strip()
    link = common.find_link(content)
    if link is None or common.text_before_link(content, link).strip(" (") or content[
            link.end :].strip(" )"):
        return None
    return link


def _read_comment(lines: list[str], index: int) -> tuple[str | None, int]:
    """The comment starting at `index`, if any; its continuation lines may have lost `>`."""
    at = index + (index < len(lines) and not lines[index].strip())  # one blank line at most
    if at < len(lines) and comment_callout(lines[at]) and "](" not in lines[at]:
        return _callout_comment(lines, at)
    if at > index and (labelled := _labelled_quote(lines, at)) is not None:
        index = labelled
    if index >= len(lines) or not common.is_quoted(lines[index]):
        return None, index
    content = common.unquote(lines[index])
    first = _comment_start(content)
    if first is None:
        return None, index
    labelled = common.bold_label(content) is not None
    end = _comment_end(lines, index + 1, first, labelled)
    parts = [first, *(common.unquote(line) for line in lines[index + 1 : end])]
    while len(parts) > 1 and not parts[-1].strip():
        parts.pop()
    return common.comment_text(parts), end


def _labelled_quote(lines: list[str], at: int) -> int | None:
    """Where a quote set apart after the callout opens with a label of the template's own
    (`>` then `> **My annotation**: words`): the comment's first line; None for another quote."""
    while at < len(lines) and common.is_quoted(lines[at]) and not common.unquote(lines[at]).strip():
        at += 1
    if at >= len(lines) or not common.is_quoted(lines[at]) or _HEADER.match(lines[at]):
        return None
    content = common.unquote(lines[at]).strip()
    value = common.bold_label(content)
    if not value or template_fields.is_template_field(content):
        return None
    return at


def _lazy_after_break(lines: list[str], index: int) -> bool:
    """Whether line `index` goes on with the quote above it without its `>`: `nl2br` ended the
    line above with `<br />`, and Markdown takes in a paragraph's next line lazily."""
    above, line = lines[index - 1], lines[index]
    return (common.is_quoted(above) and _BREAK_END.search(above) is not None
            and bool(line.strip()) and not common.is_boundary(line)
            and common.BULLET.match(line.strip()) is None)


def _callout_comment(lines: list[str], header: int) -> tuple[str | None, int]:
    """The words of a callout titled as a comment (`> > [!info] Comment`), nested in the
    annotation's or after it, and the index after them; a line that lost its `>` goes on."""
    depth = _depth(lines[header])
    index = header + 1
    parts: list[str] = []
    while index < len(lines) and lines[index].strip() and not common.is_boundary(lines[index]):
        if 0 < _depth(lines[index]) < depth:
            break
        parts.append(common.unquote(lines[index]))
        index += 1
    return common.comment_text(parts), index


def _depth(line: str) -> int:
    """How many `>` open `line`."""
    return line[: len(line) - len(line.lstrip(" \t>"))].count(">")


def _comment_end(lines: list[str], index: int, first: str, labelled: bool) -> int:
    """Index just past a comment whose first line is `first` and whose next line is `index`."""
    bold = first.startswith("**")
    if bold and not labelled and len(first.rstrip()) > 4 and first.rstrip().endswith("**"):
        return index  # `- **comment**` on one line
    while index < len(lines) and not common.is_boundary(lines[index]):
        line = lines[index]
        # `**Note:** …` runs on over blank lines up to the next block; a bullet stops at one.
        if not labelled and not line.strip():
            break
        index += 1
        if bold and not labelled and line.rstrip().endswith("**"):
            break  # the line that closes `- **…`
    return index
