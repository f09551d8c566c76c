"""Entries under headings a template numbers: `#### anno 1`, `#### anno 2`, … in a note's
annotations section.

Input: a `SourceNote` with no anchor. Output: an `Annotation` per heading of an annotations
section whose title differs from the others of its level only by its number (two or more): the
first paragraph under it is the text (an embedded Zotero image: an image annotation), the
paragraphs after it its comment; a deeper heading under it (`##### meta data`) opens the
template's fields, no words of the reader's, where a `page` field gives the page.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from anki_export.errors import Problem
from anki_export.read.anchors import find_anchors
from anki_export.read.annotation import Annotation
from anki_export.read.notes import SourceNote
from anki_export.read.shapes import common, page_refs, sections

SIGNATURE = re.compile(r"^\s{0,3}#{1,6}[ \t]+\S[^\n]*?\d+[ \t]*$", re.M)
_NUMBER = re.compile(r"\d+")
# A template's field of the page: `- page 212`, `page: 212`, `- **Page**: 12`
_PAGE_FIELD = re.compile(r"^\s*(?:[-*+]\s+)?[*_]{0,2}page[*_]{0,2}\s*:?[*_]{0,2}\s*(\w+)\s*$",
                         re.I)
# Headings of one level titled alike, this many, are a template's entries.
_REPEATS = 2


def parse(note: SourceNote) -> tuple[list[Annotation], list[Problem]]:
    """One annotation per numbered heading of `note`'s annotations sections."""
    if find_anchors(note):
        return [], []
    lines = note.lines
    inside = sections.inside_sections(note)
    headings = [(index, len(heading.group(1)), heading.group("title").strip())
                for index in range(note.body_start, len(lines))
                if inside[index] and (heading := common.HEADING.match(lines[index]))]
    shapes = Counter((level, _NUMBER.sub("#", title)) for _, level, title in headings
                     if _NUMBER.search(title) and not page_refs.PAGE_TITLE.match(title))
    numbered = {shape for shape, count in shapes.items() if count >= _REPEATS}
    found = []
    for index, level, title in headings:
        if (level, _NUMBER.sub("#", title)) in numbered:
            entry = _entry(lines, index + 1, level)
            if entry is not None:
                found.append(entry)
    return found, []


def _entry(lines: Sequence[str], start: int, level: int) -> Annotation | None:
    """The annotation under the heading of `level` whose entry starts at `start`."""
    paragraphs: list[tuple[int, list[str]]] = []
    page = None
    index, fields = start, False
    while index < len(lines):
        heading = common.HEADING.match(lines[index])
        if heading and len(heading.group(1)) <= level:
            break
        if heading:
            fields = True  # the template's own sub-heading: its fields follow
        elif fields:
            page = page or _page_field(lines[index])
        elif lines[index].strip():
            if index == start or not lines[index - 1].strip():
                paragraphs.append((index, []))
            paragraphs[-1][1].append(lines[index].strip())
        index += 1
    if not paragraphs:
        return None
    first, words = paragraphs[0]
    image = common.bare_image(words[0]) if len(words) == 1 else None
    comment = common.comment_text([" ".join(said) for _, said in paragraphs[1:]])
    text = "" if image else common.strip_quotes(" ".join(common.unquote(w) for w in words))
    return common.build(first + 1, text, comment=comment, image=image, page_label=page)


def _page_field(line: str) -> str | None:
    """The page a template's field line names (`- page 212`), else None."""
    match = _PAGE_FIELD.match(line)
    return match.group(1) if match else None
