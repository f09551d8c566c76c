"""Annotations found in a note, with their role and repaired text.

Input: a `SourceNote` and the `Config`. Output: `Annotation`s (one per highlight) and warnings,
one of them when annotation links were left unread (a template no reader knows).
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field, replace

from anki_export.config import Config
from anki_export.errors import Problem
from anki_export.read.anchor import Anchor
from anki_export.read.annotation import Annotation
from anki_export.read.links import unreadable_page
from anki_export.read.notes import SourceNote
from anki_export.read.repair import repair_text
from anki_export.read.roles import resolve_role
from anki_export.read.shapes import read_shapes
from anki_export.read.shapes.anchored import Unread

MAX_TEXT = 20_000
"""Characters beyond which a highlight is skipped: about five pages, more than any card can
ask about, and sentence splitting slows down steeply on longer text (2 MB took minutes)."""


_REFERENCE = "a page link inside a sentence of the note's own, not next to a highlight"
_UNREAD = re.compile(r"(\d+) annotation links? (?:was|were) not read \(first: ")


@dataclass(frozen=True, slots=True)
class NoteReading:
    """What was read in one note, and what was not."""

    annotations: list[Annotation]
    """Deduplicated, with roles and repaired text."""
    problems: list[Problem]
    anchors: list[Anchor]
    """Every link or id in the note that points at one annotation or page of the PDF."""
    unread: list[Unread]
    """The anchors no reader took, with the reason."""
    how: dict[int, str]
    """Where the anchored reader found each of its annotations' text, by line."""
    references: list[Anchor] = field(default_factory=list)
    """Page links inside the reader's own sentences (not annotations)."""


def read_annotations(note: SourceNote, config: Config) -> tuple[list[Annotation], list[Problem]]:
    """Every annotation of `note`, deduplicated, with roles and repaired text."""
    reading = read_note_annotations(note, config)
    return reading.annotations, reading.problems


def unread_links(message: str) -> int:
    """How many annotation links a warning says were not read (0 for any other warning)."""
    found = _UNREAD.search(message)
    return int(found.group(1)) if found else 0


def read_note_annotations(note: SourceNote, config: Config) -> NoteReading:
    """Every annotation of `note` with roles and repaired text, and the anchors left unread."""
    shapes = read_shapes(note, config.shape)
    found, problems = shapes.annotations, shapes.problems
    result = []
    for annotation in _deduplicated(found, note, problems):
        if len(annotation.raw_text) > MAX_TEXT:
            problems.append(Problem(
                f"highlight is {len(annotation.raw_text):,} characters long, more than "
                f"{MAX_TEXT:,}; skipped", note.path, annotation.line))
            continue
        role = resolve_role(annotation.label, annotation.colour, config.labels, config.colours)
        _check_page(annotation, note, problems)
        repaired = repair_text(annotation.raw_text)
        if repaired.starts_mid_word:
            opening = " ".join(repaired.text.split()[:3])
            problems.append(Problem(f"highlight seems to start mid-word ('{opening} …'); the "
                                    "card completes the word where the note's other "
                                    "highlights show it, else opens with '…'", note.path,
                                    annotation.line))
        for snippet in repaired.unresolved:
            problems.append(Problem(f"could not repair damaged text near '{snippet}'", note.path,
                                    annotation.line))
        result.append(replace(annotation, role=role, text=repaired.text))
    unread = shapes.unread
    if not found and shapes.references:
        # No annotation read at all: page links in the reader's own sentences are the only
        # anchors; say so rather than call the note one without annotations.
        unread = sorted([*unread, *(Unread(anchor, _REFERENCE) for anchor in shapes.references)],
                        key=lambda u: (u.anchor.line, u.anchor.start))
    if unread:
        problems.append(_unread_warning(note, unread))
    return NoteReading(result, problems, shapes.anchors, unread, shapes.how, shapes.references)


def _unread_warning(note: SourceNote, unread: list[Unread]) -> Problem:
    """`12 annotation links were not read (first: "[Go to annotation](zotero://…)"); see …`."""
    first = unread[0].anchor
    shown = first.markup
    if first.url and first.url in shown and len(shown) > 40:
        shown = shown.replace(first.url, first.url.split("//", 1)[0] + "//\u2026")
    elif len(shown) > 60:
        shown = shown[:59] + "\u2026"
    count = len(unread)
    were = "link was" if count == 1 else "links were"
    return Problem(f'{count} annotation {were} not read (first: "{shown}"); see anki-export '
                   f"explain {shlex.quote(str(note.path))}", note.path, first.line)


def _check_page(annotation: Annotation, note: SourceNote, problems: list[Problem]) -> None:
    """A link whose `page=` is no number falls back to the page its text shows; say if none."""
    if annotation.link is None or annotation.page_label or annotation.page_index is not None:
        return
    page = unreadable_page(annotation.link)
    if page is not None:
        problems.append(Problem(f"the link's page '{page}' is not a page number and its text "
                                "shows no page; the card shows none", note.path, annotation.line))


def _deduplicated(
    annotations: list[Annotation], note: SourceNote, problems: list[Problem]
) -> list[Annotation]:
    """One annotation per Zotero key: a later import batch replaces an earlier copy in place;
    one warning says so, with the count when there are several copies."""
    position: dict[tuple[str | None, ...], int] = {}
    result: list[Annotation] = []
    again: list[tuple[Annotation, int]] = []  # each later copy, with its first copy's line
    for annotation in annotations:
        key = _copy_key(annotation)
        if key is None:
            result.append(annotation)
            continue
        if key in position:
            earlier = result[position[key]]
            again.append((annotation, earlier.line))
            if annotation.comment is None and earlier.comment is not None:
                # A copy dragged in again without its comment has not lost it.
                annotation = replace(annotation, comment=earlier.comment)
            result[position[key]] = annotation
        else:
            position[key] = len(result)
            result.append(annotation)
    if again:
        copy, first = again[0]
        name = copy.annotation_key or "'" + " ".join(copy.raw_text.split()[:3]) + " …'"
        said = f"annotation {name} appears again (first at line {first})"
        if len(again) > 1:
            said = (f"{len(again)} annotations appear again (a second import?), "
                    f"the first {name} (first at line {first})")
        copies = "this later copy" if len(again) == 1 else "the later copies"
        problems.append(Problem(f"{said}; using {copies}", note.path, copy.line))
    return result


def _copy_key(annotation: Annotation) -> tuple[str | None, ...] | None:
    """What two copies of one annotation share: its Zotero key, else (without one) its link
    and text together, else (with no link a card could show: an e-book's place, a note
    without links) its text and page, when the text is long enough that two highlights would
    not say it twice; None for a short text or an image without either."""
    if annotation.annotation_key is not None:
        return (annotation.attachment_key, annotation.annotation_key)
    text = " ".join(annotation.raw_text.split())
    if annotation.link and text:
        return ("copy", annotation.link, text)
    if len(text.split()) >= _WORDS_OF_A_REPEATED_PASSAGE:
        return ("text", text, annotation.page_label, str(annotation.page_index))
    return None


# A passage this long, on the same page, highlighted twice is one highlight exported twice
# ("send to Obsidian" run again); a short one ("Introduction", "see Table 2") may recur.
_WORDS_OF_A_REPEATED_PASSAGE = 6
