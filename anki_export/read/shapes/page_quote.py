"""Passages copied by hand into quote callouts titled with their page: `> [!quote] p. 99`.

Input: a `SourceNote`. Output: `Annotation`s without link, key or colour: the callout's text
(or the image it embeds), its printed page, and as comment a labelled paragraph right under it
(`**Comment:** …`, `**Commento:** …`). Only a `quote` (or `cite`) callout whose title is a page
reference and nothing else is a passage: a callout titled otherwise is the reader's own.
"""

from __future__ import annotations

import re

from anki_export.errors import Problem
from anki_export.read.annotation import Annotation
from anki_export.read.notes import SourceNote
from anki_export.read.shapes import common

_PAGE = r"[0-9ivxlcdm]+[a-z]?(?:\s*[-\u2013]\s*[0-9ivxlcdm]+)?"
# `p. 99`, `pp. 112-113`, `S. 4`, `page 12`, `p. 118 (fig. 6)`: a page, maybe a figure after it
_TITLE = rf"(?:p|pp|pg|page|pages|s|seite)\.?\s*(?P<page>{_PAGE})(?:\s*\([^()\n]{{1,30}}\))?"
HEADER = re.compile(
    rf"^\s*>\s*\[!(?i:quote|cite)\][+-]?[ \t]+(?i:{_TITLE})[ \t]*$"
)
SIGNATURE = re.compile(HEADER.pattern, re.M)


def parse(note: SourceNote) -> tuple[list[Annotation], list[Problem]]:
    """Every page-titled quote callout of `note`, with the labelled comment under it."""
    lines = note.lines
    found: list[Annotation] = []
    problems: list[Problem] = []
    index = note.body_start
    while index < len(lines):
        header = HEADER.match(lines[index])
        if header is None:
            index += 1
            continue
        end = index + 1
        while end < len(lines) and common.is_quoted(lines[end]):
            end += 1
        body = [common.unquote(line).strip() for line in lines[index + 1 : end]]
        if any(common.find_link(line) for line in body) or _under_a_link(lines, index):
            # A callout with its own link, or right under a line with one (a label and link
            # above the quote, as Admonition templates write it): the anchored reader's.
            index = end
            continue
        image = next((path for line in body if (path := common.image_path(line))), None)
        text = common.clean_text(" ".join(line for line in body if not common.IMAGE.search(line)))
        comment, end = _comment(lines, end)
        annotation = common.build(index + 1, text, comment=comment, image=image,
                                  page_label=re.sub(r"\s+", "", header.group("page")))
        if not common.empty(annotation, note, problems):
            found.append(annotation)
        index = end
    return found, problems


def _under_a_link(lines: list[str], index: int) -> bool:
    """Whether the last line with words above `index` holds a link."""
    above = index - 1
    while above >= 0 and not lines[above].strip():
        above -= 1
    return above >= 0 and common.find_link(lines[above]) is not None


def _comment(lines: list[str], index: int) -> tuple[str | None, int]:
    """A paragraph opening with a bold label (`**Comment:** …`) right under the callout."""
    start = common.skip_blank(lines, index)
    if start - index > 1 or start >= len(lines):
        return None, index
    said = common.bold_label(lines[start])
    if said is None:
        return None, index
    end = start + 1
    while end < len(lines) and lines[end].strip() and not common.is_boundary(lines[end]):
        end += 1
    return common.comment_text([said, *lines[start + 1 : end]]), end
