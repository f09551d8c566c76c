"""Entries under headings a template numbers: `#### anno 1`, `#### anno 2`, … in a note's
annotations section.

Input: a `SourceNote` with no anchor. Output: an `Annotation` per heading of an annotations
section whose title differs from the others of its level only by its number, which counts them
(two or more: 1, 2, 3, …, maybe again from 1 in a second batch): the first paragraph under it is
the text (an embedded Zotero image: an image annotation), the paragraphs after it its comment;
a deeper heading under it (`##### meta data`) opens the template's fields, no words of the
reader's, and so does a paragraph listing them (`- page: 212`, `- color: #ffd400`); a `page`
field, or a page in the title, gives the page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise

from anki_export.errors import Problem
from anki_export.read.anchors import find_anchors
from anki_export.read.annotation import Annotation
from anki_export.read.notes import SourceNote
from anki_export.read.shapes import common, page_refs, sections
from anki_export.read.shapes.lines import comment_label

SIGNATURE = re.compile(r"^\s{0,3}#{1,6}[ \t]+[^\n]*?\d", re.M)
_NUMBER = re.compile(r"\d+")
# A template's field of the page: `- page 212`, `page: 212`, `- **Page**: 12`
_PAGE_FIELD = re.compile(r"^\s*(?:[-*+]\s+)?[*_]{0,2}page[*_]{0,2}\s*:?[*_]{0,2}\s*(\w+)\s*$",
                         re.I)
# A template's field as a list item: `- types: highlight`, `- page 212`, `- colorCategory
# Yellow`, or a tag under one (`\t- #zotero/tag`).
_FIELD = re.compile(
    r"^\s*[-*+]\s+(?:#\S+|[*_]{0,2}[^\W\d_][\w-]{0,20}[*_]{0,2}(?:\s*[:\uff1a]|\s+[^\s:]+))\s*$"
    r"|^\s*[-*+]\s+[*_]{0,2}[^\W\d_][\w-]{0,20}[*_]{0,2}\s*[:\uff1a].*$")
# A page in the heading's title: `#### Highlight 3 (p. 12)`
_TITLE_PAGE = re.compile(rf"(?<!\w){page_refs.PAGE_WORD}\s*(?P<page>\d+)", re.I)
# Headings of one level titled alike, this many, are a template's entries; this many that each
# name their page are, even where no heading says the note holds annotations.
_REPEATS = 2
_PAGED = 3


def parse(note: SourceNote) -> tuple[list[Annotation], list[Problem]]:
    """One annotation per numbered heading of `note`'s annotations sections; anywhere in the
    note where three or more such entries each name their page (a template's fields)."""
    if find_anchors(note):
        return [], []
    lines = note.lines
    inside = sections.inside_sections(note)
    headings = [(index, len(heading.group(1)), heading.group("title").strip())
                for index in range(note.body_start, len(lines))
                if (heading := common.HEADING.match(lines[index]))]
    shapes: dict[tuple[int, str], list[int]] = {}
    for _, level, title in headings:
        if (number := _NUMBER.search(title)) and not page_refs.PAGE_TITLE.match(title):
            shapes.setdefault((level, _NUMBER.sub("#", title)), []).append(int(number.group()))
    # A template counts its entries (1, 2, 3, …); dates in batch headings are no count.
    numbered = {shape for shape, numbers in shapes.items() if len(numbers) >= _REPEATS
                and all(b == a + 1 or numbers[0] == b < a for a, b in pairwise(numbers))}
    entries: dict[tuple[int, str], list[tuple[bool, Annotation | None]]] = {}
    for index, level, title in headings:
        if (shape := (level, _NUMBER.sub("#", title))) in numbered:
            entry = _entry(lines, index + 1, level)
            titled = _TITLE_PAGE.search(title)
            if entry is not None and titled and entry.page_label is None:
                entry = replace(entry, page_label=titled.group("page"))
            entries.setdefault(shape, []).append((inside[index], entry))
    found = []
    for listed in entries.values():
        paged = len(listed) >= _PAGED and all(e and e.page_label for _, e in listed)
        found += [entry for within, entry in listed if entry and (within or paged)]
    return sorted(found, key=lambda a: a.line), []


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
    # A list of the template's fields (`- page: 212`, `- color: #ffd400`) says nothing either.
    fielded = [words for _, words in paragraphs if all(map(_FIELD.match, words))]
    page = page or next((p for words in fielded for line in words if (p := _page_field(line))),
                        None)
    paragraphs = [(i, words) for i, words in paragraphs if words not in fielded]
    if not paragraphs:
        return None
    first, words = paragraphs[0]
    if common.CALLOUT.match(words[0]):
        return None  # a callout's reader knows its parts
    image = common.bare_image(words[0]) if len(words) == 1 else None
    comment = common.comment_text([comment_label(" ".join(said)) for _, said in paragraphs[1:]])
    text = "" if image else common.strip_quotes(" ".join(common.unquote(w) for w in words))
    return common.build(first + 1, text, comment=comment, image=image, page_label=page)


def _page_field(line: str) -> str | None:
    """The page a template's field line names (`- page 212`), else None."""
    match = _PAGE_FIELD.match(line)
    return match.group(1) if match else None
