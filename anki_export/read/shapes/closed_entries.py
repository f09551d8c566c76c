"""Entries a template closes with a line naming their page: `(see PDF p. 81)` after each one.

Input: a `SourceNote` with no anchor. Output: an `Annotation` per entry of its annotations
sections, when two or more paragraphs that are only a page reference close entries there. Of
the paragraphs since the previous such line, those holding a date and time are the template's
fields (`2026-01-08#18:20`, a batch's `Imported annotations on … - below`); the first other one
is the text, a failed image embed (`“name” could not be found.`) or an embed an image; the rest
is the comment, without its label (`comment:`). A line of label words the template writes
above the text (a colour's meaning, `Relevant, Important`) and the tags before it go; where
some entries show that label on its own line, the others' label is glued to the text
(`DisagreeLe isole…`, whitespace control): the text starts at the capital after it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from anki_export.errors import Problem
from anki_export.read.anchors import find_anchors
from anki_export.read.annotation import Annotation
from anki_export.read.notes import SourceNote
from anki_export.read.shapes import common, page_refs, sections
from anki_export.read.shapes.lines import comment_label, has_comment_label

# `(see PDF p. 81)`, `[p. 81]`, `Page 81`, `— S. 81`
_PAGE_LINE = re.compile(
    rf"^[(\[\u2014\u2013]?\s*(?:[^\W\d_]+\s+){{0,3}}{page_refs.PAGE_WORD}\s*(?P<page>\d+)\s*[)\]]?$",
    re.I)
SIGNATURE = re.compile(
    rf"^[(\[\u2014\u2013]?[ \t]*(?:[^\W\d_]+[ \t]+){{0,3}}{page_refs.PAGE_WORD}[ \t]*\d+"
    r"[ \t]*[)\]]?[ \t]*$", re.I | re.M)
_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}[ T#@_]\d{1,2}:\d{2}")
_FAILED_EMBED = re.compile(r"^[\u201c\"](?P<name>[^\u201d\"]*)[\u201d\"] could not be found\.?$")
_LEADING_TAGS = re.compile(r"^(?:#[^\W\d_][\w/-]*\s+)+")
# A label the template glued to the text: words (commas between) whose last, of four letters or
# more, runs into the capital that opens the text (`Question, VocabularyL'albedo`).
_GLUED_LABEL = re.compile(
    r"^(?P<label>(?:[^\W\d_]+[ ,]+){0,6}[^\W\d_]*[^\W\d_A-Z]{4,}?)"
    r"(?=[A-Z\u00c0-\u00de][\w'\u2019])")
# A line of label words: no sentence's punctuation, a few words.
_LABEL_LINE = re.compile(r"^[^\W\d_][^\W\d_ ,'-]*(?:[ ,]+[^\W\d_][^\W\d_'-]*){0,6}$")
_REPEATS = 2


def parse(note: SourceNote) -> tuple[list[Annotation], list[Problem]]:
    """The entries of `note`'s annotations sections, when page lines close two or more."""
    if find_anchors(note):
        return [], []
    inside = sections.inside_sections(note)
    lines = note.lines
    closing = [i for i in range(note.body_start, len(lines))
               if inside[i] and _PAGE_LINE.match(lines[i].strip()) and _alone(lines, i)]
    if len(closing) < _REPEATS:
        return [], []
    entries = []
    start = closing[0]
    while start > note.body_start and inside[start - 1] and not common.is_boundary(
            lines[start - 1]):
        start -= 1
    for end in closing:
        entries.append((_paragraphs(lines, start, end), end))
        start = end + 1
    if not any(_entry_words(paragraphs) for paragraphs, _ in entries[:1]):
        return [], []  # nothing before the first page line: a template that writes it first
    labelled = any(len(words) > 1 and _LABEL_LINE.match(words[0])
                   for paragraphs, _ in entries for _, words in paragraphs[:1])
    found = [entry for paragraphs, end in entries
             if (entry := _entry(paragraphs, lines[end], labelled)) is not None]
    return found, []


def _alone(lines: Sequence[str], index: int) -> bool:
    """Whether line `index` is a paragraph of its own (blank lines or the note's edge around)."""
    return all(not (0 <= at < len(lines)) or not lines[at].strip() for at in (index - 1, index + 1))


def _entry_words(paragraphs: list[tuple[int, list[str]]]) -> bool:
    """Whether an entry's paragraphs hold any words besides a comment's label."""
    return any(not has_comment_label(words[0]) for _, words in paragraphs)


def _paragraphs(lines: Sequence[str], start: int, end: int) -> list[tuple[int, list[str]]]:
    """The paragraphs of `lines[start:end]` that are no field of the template's (a date)."""
    paragraphs: list[tuple[int, list[str]]] = []
    for index in range(start, end):
        line = lines[index].strip()
        if not line or common.is_boundary(lines[index]):
            continue
        if index == start or not lines[index - 1].strip():
            paragraphs.append((index, []))
        paragraphs[-1][1].append(line)
    return [(i, words) for i, words in paragraphs
            if not (len(words) == 1 and _STAMP.search(words[0]))]


def _entry(
    paragraphs: list[tuple[int, list[str]]], page_line: str, labelled: bool
) -> Annotation | None:
    """The annotation of one entry's paragraphs, closed by `page_line`."""
    texts = [(i, words) for i, words in paragraphs if not has_comment_label(words[0])]
    if not texts:
        return None
    first, words = texts[0]
    paragraph = first
    if len(words) > 1 and _LABEL_LINE.match(words[0]):
        first, words = first + 1, words[1:]  # the template's label line above the text
    text = _LEADING_TAGS.sub("", " ".join(common.unquote(w).strip() for w in words))
    image = common.bare_image(text) or common.image_path(text) if text.startswith("!") else None
    if (failed := _FAILED_EMBED.match(text)) is not None:
        image = failed.group("name") or common.MISSING_IMAGE
    if image:
        text = ""
    elif labelled and len(words) == 1 and (glued := _GLUED_LABEL.match(text)) is not None:
        text = text[glued.end() :]
    text = common.strip_quotes(text)
    said = [" ".join(words) for i, words in paragraphs if i != paragraph]
    comment = common.comment_text([comment_label(part) for part in said if comment_label(part)])
    page = _PAGE_LINE.match(page_line.strip())
    return common.build(first + 1, text, comment=comment, image=image,
                        page_label=page.group("page") if page else None)
