"""The whole pipeline short of writing: paths → notes → annotations → cards, with a summary.

Input: paths and a `Config`. Output: a `Build` that the CLI prints, lists or packages.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import Literal

from anki_export.annotations import read_annotations
from anki_export.cards import Card
from anki_export.config import Config
from anki_export.discover import find_note_files, find_vault, read_note
from anki_export.errors import ExportError, Problem
from anki_export.fronts import distinct_fronts
from anki_export.media import resolve_images
from anki_export.notes import SourceNote, is_template
from anki_export.rules import make_cards

PARALLEL_FROM = 40
"""Files from which starting worker processes (about half a second) pays for itself."""
MAX_WORKERS = 8


@dataclass(frozen=True, slots=True)
class FileResult:
    """What one note file gave."""

    path: Path
    kind: Literal["annotated", "empty", "template", "unreadable", "excluded"]
    cards: tuple[Card, ...] = ()
    source: SourceNote | None = None
    annotations: int = 0
    skipped: tuple[str, ...] = ()
    """Roles of the annotations that made no card."""
    problems: tuple[Problem, ...] = ()
    keyless: int = 0
    """Annotations without a Zotero annotation key (identity from text and page)."""
    cached: bool = False
    """Unchanged since the last build: not read again; its notes come from the state."""
    guids: tuple[str, ...] = ()
    """A cached file's notes (a fresh file's notes are its `cards`)."""
    roles: tuple[str, ...] = ()
    """A cached file's notes' roles, for the summary."""


@dataclass(frozen=True, slots=True)
class Build:
    """What the notes amount to: cards to write, and everything the user should hear about."""

    cards: tuple[Card, ...]
    files: tuple[FileResult, ...]
    """Every note file read, in order."""
    problems: tuple[Problem, ...] = ()
    skipped: Counter[str] = field(default_factory=Counter)
    """Annotations that made no card, by role (e.g. references)."""

    @property
    def sources(self) -> tuple[SourceNote, ...]:
        """Notes that hold at least one annotation."""
        return tuple(f.source for f in self.files if f.kind == "annotated" and f.source)

    @property
    def annotations(self) -> int:
        """Annotations found (after removing duplicates)."""
        return sum(f.annotations for f in self.files)

    def count(self, kind: str) -> int:
        """How many files were of this kind (`empty`: read, but no annotations)."""
        return sum(1 for f in self.files if f.kind == kind)

    @property
    def keyless(self) -> int:
        """Annotations whose identity falls back to their text and page."""
        return sum(f.keyless for f in self.files)

    @property
    def note_count(self) -> int:
        """Anki notes of this build: made now, or kept from the state for unchanged files."""
        return len(self.cards) + sum(len(f.guids) for f in self.files)

    def cards_by_role(self) -> Counter[str]:
        """Number of Anki notes for each role."""
        roles = Counter(card.annotation.role for card in self.cards)
        roles.update(role for f in self.files for role in f.roles)
        return roles


Reuse = Callable[[Path], FileResult | None]
"""Gives the result of an unchanged file from the state, or None to read the file."""


def build(
    paths: Iterable[Path],
    config: Config,
    progress: Callable[[int, int], None] | None = None,
    reuse: Reuse | None = None,
) -> Build:
    """Read every note under `paths` and make its cards; bad notes become warnings."""
    files, problems = find_note_files(paths)
    if not files:
        raise ExportError("no markdown notes found in the given paths")
    kept = {path: result for path in files if reuse and (result := reuse(path)) is not None}
    fresh = iter(_read_all([path for path in files if path not in kept], config))
    results = []
    for done, path in enumerate(files, start=1):
        results.append(kept[path] if path in kept else next(fresh))
        if progress is not None:
            progress(done, len(files))
    problems += [p for result in results for p in result.problems]
    cards = [card for result in results for card in result.cards]
    return Build(
        cards=tuple(distinct_fronts(_unique_guids(cards, problems), problems)),
        files=tuple(results),
        problems=tuple(problems),
        skipped=Counter(role for result in results for role in result.skipped),
    )


def _read_all(files: list[Path], config: Config) -> Iterator[FileResult]:
    """Each file's result, in order; big vaults are read by one worker process per core."""
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    if len(files) < PARALLEL_FROM or workers < 2:
        yield from (read_file(path, config) for path in files)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(read_file, files, repeat(config), chunksize=8)


def read_file(path: Path, config: Config) -> FileResult:
    """The cards of one note file; a file that cannot be read is a warning, not an error."""
    try:
        note = read_note(path)
    except ExportError as error:
        problem = Problem(f"{error.message}; skipped", error.path, error.line)
        return FileResult(path, "unreadable", problems=(problem,))
    if is_template(note.text):
        return FileResult(path, "template", source=note)
    if note.excluded:
        return FileResult(path, "excluded", source=note, problems=note.problems)
    annotations, problems = read_annotations(note, config)
    annotations, image_problems = resolve_images(annotations, note, find_vault(path))
    problems = [*note.problems, *problems, *image_problems]
    if not annotations:
        # Counted, not warned about: a plain note needs no citekey, since it makes no card.
        quiet = tuple(p for p in problems if not p.message.startswith("no citekey"))
        return FileResult(path, "empty", source=note, problems=quiet)
    cards, skipped = make_cards(note, annotations, config, problems)
    keyless = sum(1 for a in annotations if not a.annotation_key)
    return FileResult(path, "annotated", tuple(cards), note, len(annotations),
                      tuple(a.role for a in skipped), tuple(problems), keyless=keyless)


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
