"""The whole pipeline short of writing: paths → notes → annotations → cards, with a summary.

Input: paths and a `Config`. Output: a `Build` that the CLI prints, lists or packages.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from anki_export.annotations import read_annotations
from anki_export.cards import Card
from anki_export.config import Config
from anki_export.discover import find_note_files, read_note
from anki_export.errors import ExportError, Problem
from anki_export.fronts import distinct_fronts
from anki_export.notes import SourceNote, is_template
from anki_export.rules import make_cards


@dataclass(frozen=True, slots=True)
class Build:
    """What the notes amount to: cards to write, and everything the user should hear about."""

    cards: tuple[Card, ...]
    sources: tuple[SourceNote, ...]
    files: tuple[Path, ...]
    """Every note file read."""
    """Notes that hold at least one annotation."""
    annotations: int
    """Annotations found (after removing duplicates)."""
    skipped: Counter[str] = field(default_factory=Counter)
    """Annotations that made no card, by role (e.g. references)."""
    without_annotations: int = 0
    """Notes read that hold no annotation (counted, not warned about)."""
    templates: int = 0
    """Template files skipped."""
    problems: tuple[Problem, ...] = ()

    def cards_by_role(self) -> Counter[str]:
        """Number of Anki notes made for each role."""
        return Counter(card.annotation.role for card in self.cards)


def build(
    paths: Iterable[Path], config: Config, progress: Callable[[int, int], None] | None = None
) -> Build:
    """Read every note under `paths` and make its cards; bad notes become warnings."""
    files, problems = find_note_files(paths)
    if not files:
        raise ExportError("no markdown notes found in the given paths")
    cards: list[Card] = []
    sources: list[SourceNote] = []
    skipped: Counter[str] = Counter()
    found = without = templates = 0
    for done, path in enumerate(files):
        if progress is not None:
            progress(done, len(files))
        try:
            note = read_note(path)
        except ExportError as error:
            problems.append(Problem(f"{error.message}; skipped", error.path, error.line))
            continue
        if is_template(note.text):
            templates += 1
            continue
        annotations, found_problems = read_annotations(note, config)
        problems += [*note.problems, *found_problems]
        if not annotations:
            without += 1
            continue
        note_cards, note_skipped = make_cards(note, annotations, config)
        sources.append(note)
        cards += note_cards
        found += len(annotations)
        skipped.update(a.role for a in note_skipped)
    return Build(
        cards=tuple(distinct_fronts(_unique_guids(cards, problems), problems)),
        sources=tuple(sources),
        files=tuple(files),
        annotations=found,
        skipped=skipped,
        without_annotations=without,
        templates=templates,
        problems=tuple(problems),
    )


def _unique_guids(cards: list[Card], problems: list[Problem]) -> list[Card]:
    """One card per GUID: the same highlight read from two notes makes its cards once."""
    owners: dict[str, Card] = {}
    warned: set[int] = set()
    for card in cards:
        owner = owners.setdefault(card.guid, card)
        if owner.annotation is not card.annotation and id(card.annotation) not in warned:
            warned.add(id(card.annotation))
            first = f"{owner.source.path}:{owner.annotation.line}"
            problems.append(Problem(
                f"annotation {card.annotation.annotation_key} was already read at {first}; "
                "its cards are made once", card.source.path, card.annotation.line))
    return list(owners.values())
