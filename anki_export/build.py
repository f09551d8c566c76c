"""The whole pipeline short of writing: paths → notes → annotations → cards, with a summary.

Input: paths and a `Config`. Output: each file's cards as a stream (`read_files`), and a `Tally`
that sums them up into a `Build`; `workflow.py` streams them straight into the deck.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from itertools import repeat
from pathlib import Path
from typing import Literal

from anki_export.cards import Card
from anki_export.config import Config
from anki_export.discover import find_note_files, find_vault, read_note
from anki_export.errors import ExportError, Problem
from anki_export.notes import SourceNote, is_template

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
    """What the notes amount to, and everything the user should hear about."""

    files: tuple[FileResult, ...]
    """Every note file read, in order (without its cards: a big vault's cards are streamed)."""
    problems: tuple[Problem, ...] = ()
    skipped: Counter[str] = field(default_factory=Counter)
    """Annotations that made no card, by role (e.g. references)."""
    roles: Counter[str] = field(default_factory=Counter)
    """Anki notes of this build by role: made now, or kept from the state for unchanged files."""
    cards: tuple[Card, ...] = ()
    """The cards made now, when the caller asked to keep them (listings, previews)."""

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
        return sum(self.roles.values())

    def cards_by_role(self) -> Counter[str]:
        """Number of Anki notes for each role."""
        return Counter(self.roles)


class Tally:
    """A `Build` put together file by file, as the results stream past."""

    def __init__(self, problems: list[Problem], keep_cards: bool) -> None:
        self.problems = problems
        self.files: list[FileResult] = []
        self.skipped: Counter[str] = Counter()
        self.roles: Counter[str] = Counter()
        self.cards: list[Card] | None = [] if keep_cards else None

    def add(self, result: FileResult, cards: Sequence[Card]) -> None:
        """Count a file's result and the cards kept of it (none for an unchanged file)."""
        self.files.append(replace(result, cards=(), source=None))  # the cards are counted
        self.problems += result.problems
        self.skipped.update(result.skipped)
        self.roles.update(result.roles)
        self.roles.update(card.annotation.role for card in cards)
        if self.cards is not None:
            self.cards += cards

    def build(self) -> Build:
        """The whole build."""
        return Build(tuple(self.files), tuple(self.problems), self.skipped, self.roles,
                     tuple(self.cards or ()))


Reuse = Callable[[Path], FileResult | None]
"""Gives the result of an unchanged file from the state, or None to read the file."""


def note_files(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """The note files under `paths`, and warnings about what could not be searched."""
    files, problems = find_note_files(paths)
    if not files:
        raise ExportError("no markdown notes found in the given paths")
    return files, problems


def read_files(
    files: list[Path],
    config: Config,
    progress: Callable[[int, int], None] | None = None,
    reuse: Reuse | None = None,
) -> Iterator[FileResult]:
    """Each file's result, in order: from `reuse` when unchanged, else read and made into cards."""
    kept = {path: result for path in files if reuse and (result := reuse(path)) is not None}
    fresh = _read_all([path for path in files if path not in kept], config)
    for done, path in enumerate(files, start=1):
        yield kept[path] if path in kept else next(fresh)
        if progress is not None:
            progress(done, len(files))


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
    # The card rules and their word lists load on the first file read, not at start-up: a
    # rebuild that finds every file unchanged never needs them.
    from anki_export.annotations import read_annotations
    from anki_export.media import resolve_images
    from anki_export.rules import make_cards

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
