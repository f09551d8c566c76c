"""Zotero's own "Add Note from Annotations", pasted as markdown: one annotation per line.

Input: a `SourceNote` with lines like `“text” ([Author, 2020, p. 1](zotero://select/…))
([pdf](LINK)) comment`. Output: `Annotation`s, uncoloured unless a `<span>` style survives.
"""

from __future__ import annotations

import re
from dataclasses import replace

from anki_export.errors import Problem
from anki_export.read.annotation import Annotation
from anki_export.read.links import PdfLink
from anki_export.read.notes import SourceNote
from anki_export.read.shapes import common, meaning
from anki_export.read.shapes import lines as line_parts

_CITATION = re.compile(r"\(\[(?P<cite>[^\]]*)\]\(zotero://select/[^)\s]*\)\)")
_PDF = r"\(\[[^\]]*\]\((?:zotero://open-pdf|file://)[^)\s]*\)\)"
SIGNATURE = re.compile(
    rf"\]\(zotero://select/[^)\s]*\)\)\s*{_PDF}|{_PDF}\s*\(\[[^\]]*\]\(zotero://select/"
    r"|\)\s*\n(?:[ \t]*\n)?[ \t]*(?:\(\[[^\]\n]*\]\(zotero://select/|<span\b[^>\n]*class=\"citation\")",
    re.M,
)
# Zotero's image template, `{{image}}<br/>{{citation}} {{comment}}`: a line that opens with the
# citation (a markdown link, or Better Notes' HTML span) under an image embed.
_CITATION_FIRST = re.compile(
    r"^\s*(?:\(\[(?P<cite>[^\]]*)\]\(zotero://select/[^)\s]*\)\)"
    r"|<span\b[^>]*class=\"citation\"[^>]*>\(?(?:<span\b[^>]*>)?(?P<html>.*?)"
    r"(?:</span>)?\)?</span>)(?P<rest>.*)$", re.I)
_PAGE = re.compile(r"\bpp?\.\s*(?P<page>[^\s,;)\]]+)")
# The quoted passage at the end of what precedes the citation: a reader's prefix may come first.
_QUOTED = re.compile(r"[\u201c\"](?P<text>.*)[\u201d\"]\s*$")


def parse(note: SourceNote) -> tuple[list[Annotation], list[Problem]]:
    """All annotations of `note` that carry both a citation and a PDF link, in order."""
    lines = note.lines
    found: list[Annotation] = []
    problems: list[Problem] = []
    index = note.body_start
    while index < len(lines):
        parts = _parts(lines[index])
        if parts is None:
            cited = _cited_image(lines, index, found)
            if cited is not None:
                found.append(cited)
            index += 1
            continue
        before, link, page, after = parts
        start = index
        image = common.image_path(before) or _image_above(lines, index, before)
        if image and not common.image_path(before):
            start -= 1  # Zotero's image template: the image, a break, then citation and comment
        index += 1
        # A comment with line breaks continues on the lines of the same paragraph.
        while index < len(lines) and _continues(lines[index]):
            after += "\n" + lines[index].strip()
            index += 1
        annotation = common.build(
            start + 1,
            _text(before),
            link,
            colour=meaning.opening_colour(before),
            comment=common.comment_text([after]),
            image=image,
            page_label=page,
        )
        if not common.empty(annotation, note, problems):
            found.append(annotation)
    return _comments_first(lines, found, note.body_start), problems


def _parts(line: str) -> tuple[str, PdfLink, str | None, str] | None:
    """(text before, PDF link, printed page, comment after) of an annotation line, else None."""
    content = common.unquote(line)
    link = common.find_link(content)
    citation = _CITATION.search(content)
    if link is None or citation is None:
        return None
    start = link.start - 1 if content[link.start - 1 : link.start] == "(" else link.start
    end = link.end + 1 if content[link.end : link.end + 1] == ")" else link.end
    page = _PAGE.search(citation.group("cite"))
    before = content[: min(start, citation.start())]
    after = content[max(end, citation.end()) :].strip()
    return before, link, page.group("page") if page else None, after


def _text(before: str) -> str:
    """The highlighted passage: inside its quotes when a reader's prefix comes first."""
    text = common.clean_text(common.IMAGE.sub("", before))
    quoted = _QUOTED.search(text)
    return quoted.group("text").strip() if quoted else text


def _image_above(lines: list[str], index: int, before: str) -> str | None:
    """The image on the line above an annotation line with no text of its own, if only that."""
    if index == 0 or common.clean_text(before):
        return None
    above = common.unquote(lines[index - 1]).strip()
    above = re.sub(r"\s*<br\s*/?>$", "", above, flags=re.I)
    return common.image_path(above) if common.IMAGE.fullmatch(above) else None


def _cited_image(lines: list[str], index: int, found: list[Annotation]) -> Annotation | None:
    """An image whose citation (with no PDF link) and comment open the line below it."""
    cited = _CITATION_FIRST.match(lines[index])
    if cited is None or common.find_link(lines[index]) is not None:
        return None
    above = index - 1
    if above >= 0 and not lines[above].strip():
        above -= 1
    image = _image_above(lines, above + 1, "")
    if image is None or (found and found[-1].line == above + 1):
        return None
    cite = re.sub(r"</?a\b[^>]*>", "", cited.group("cite") or cited.group("html"))
    page = _PAGE.search(common.strip_tags(cite))
    comment = common.strip_tags(cited.group("rest")).strip()
    return common.build(above + 1, "", comment=common.comment_text([comment]), image=image,
                        page_label=page.group("page") if page else None)


def _continues(line: str) -> bool:
    """Whether `line` continues the previous annotation's paragraph (its comment); a list item
    starts a block of its own (the reader's notes under a pasted annotation)."""
    return (bool(line.strip()) and not common.is_boundary(line) and not common.BULLET.match(line)
            and _parts(line) is None)


def _comments_first(lines: list[str], found: list[Annotation], floor: int) -> list[Annotation]:
    """Comments a template writes before each annotation, above a line it repeats in front of
    every one (Better Notes' quick note: `{{comment}}`, `> *《title》*`, then the highlight):
    the reader's paragraphs between the previous annotation and that line are the comment."""
    openers: dict[str, list[int]] = {}
    for position, annotation in enumerate(found):
        above = _skip_blank_up(lines, annotation.line - 2, floor)
        if above >= floor and _parts(lines[above]) is None:
            openers.setdefault(lines[above].strip(), []).append(position)
    repeated = [spots for spots in openers.values() if len(spots) >= 2]
    if not repeated:
        return found
    result = list(found)
    for position in max(repeated, key=len):
        annotation = found[position]
        if annotation.comment:
            continue
        end = _skip_blank_up(lines, _skip_blank_up(lines, annotation.line - 2, floor) - 1, floor)
        start = end
        while start >= floor and not common.is_boundary(lines[start]) and _parts(
                lines[start]) is None and not common.IMAGE.search(lines[start]):
            start -= 1
        said = [line.strip() for line in lines[start + 1 : end + 1]]
        comment = common.comment_text(said) if said else None
        if comment and not line_parts.is_label(comment):  # `annotation`: the default title
            result[position] = replace(annotation, comment=comment)
    return result


def _skip_blank_up(lines: list[str], at: int, floor: int) -> int:
    """The nearest line at or above `at` that is not blank."""
    while at >= floor and not lines[at].strip():
        at -= 1
    return at
