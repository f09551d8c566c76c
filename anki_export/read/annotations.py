"""Annotations found in a note, with their role and repaired text.

Input: a `SourceNote` and the `Config`. Output: `Annotation`s (one per highlight) and warnings.
"""

from __future__ import annotations

from dataclasses import replace

from anki_export.config import Config
from anki_export.errors import Problem
from anki_export.read.annotation import Annotation
from anki_export.read.links import unreadable_page
from anki_export.read.notes import SourceNote
from anki_export.read.repair import repair_text
from anki_export.read.roles import resolve_role
from anki_export.read.shapes import parse_shapes

MAX_TEXT = 20_000
"""Characters beyond which a highlight is skipped: about five pages, more than any card can
ask about, and sentence splitting slows down steeply on longer text (2 MB took minutes)."""


def read_annotations(note: SourceNote, config: Config) -> tuple[list[Annotation], list[Problem]]:
    """Every annotation of `note`, deduplicated, with roles and repaired text."""
    found, problems = parse_shapes(note, config.shape)
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
                                    "card shows it as it is", note.path, annotation.line))
        for snippet in repaired.unresolved:
            problems.append(Problem(f"could not repair damaged text near '{snippet}'", note.path,
                                    annotation.line))
        result.append(replace(annotation, role=role, text=repaired.text))
    return result, problems


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
    """One annotation per Zotero key: a later import batch replaces an earlier copy in place."""
    position: dict[tuple[str | None, str], int] = {}
    result: list[Annotation] = []
    for annotation in annotations:
        if annotation.annotation_key is None:
            result.append(annotation)
            continue
        key = (annotation.attachment_key, annotation.annotation_key)
        if key in position:
            first = result[position[key]]
            problems.append(Problem(
                f"annotation {annotation.annotation_key} appears again (first at line "
                f"{first.line}); using this later copy", note.path, annotation.line))
            result[position[key]] = annotation
        else:
            position[key] = len(result)
            result.append(annotation)
    return result
