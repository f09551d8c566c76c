"""One note file's cards: read it, find its annotations and images, and run the card rules.

Input: a note file's path and the `Config`. Output: a `FileResult` (its cards, or why it has
none). This is what a worker process runs for each file of a big vault.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from anki_export.cards.card import Card
from anki_export.config import Config
from anki_export.errors import ExportError, Problem
from anki_export.ids import annotation_identity
from anki_export.read.discover import find_vault, read_note
from anki_export.read.notes import SourceNote, is_template


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
    unread_links: int = 0
    """Links in the note pointing at an annotation that no reader took (warned about)."""
    identities: frozenset[str] = frozenset()
    """A fresh file's annotations that the reader did not veto (`ids.annotation_identity`):
    an earlier note of one of them that is no longer made is retired, not orphaned."""


def read_file(path: Path, config: Config) -> FileResult:
    """The cards of one note file; a file that cannot be read is a warning, not an error."""
    # The card rules and their word lists load on the first file read, not at start-up: a
    # rebuild that finds every file unchanged never needs them.
    from anki_export.cards.rules import VETOED, make_cards
    from anki_export.read.annotations import read_note_annotations
    from anki_export.read.images import resolve_images

    try:
        note = read_note(path)
    except ExportError as error:
        problem = Problem(f"{error.message}; skipped", error.path, error.line)
        return FileResult(path, "unreadable", problems=(problem,))
    if is_template(note.text):
        return FileResult(path, "template", source=note)
    if note.excluded:
        return FileResult(path, "excluded", source=note, problems=note.problems)
    reading = read_note_annotations(note, config)
    annotations, image_problems = resolve_images(reading.annotations, note, find_vault(path))
    problems = [*note.problems, *reading.problems, *image_problems]
    unread = len(reading.unread)
    if not annotations:
        # Counted, not warned about: a plain note needs no citekey, since it makes no card.
        quiet = tuple(p for p in problems if not p.message.startswith("no citekey"))
        return FileResult(path, "empty", source=note, problems=quiet, unread_links=unread)
    cards, skipped = make_cards(note, annotations, config, problems)
    keyless = sum(1 for a in annotations if not a.annotation_key)
    vetoed = {annotation_identity(a) for a in skipped if a.role == VETOED}
    present = frozenset(annotation_identity(a) for a in annotations) - vetoed
    return FileResult(path, "annotated", tuple(cards), note, len(annotations),
                      tuple(a.role for a in skipped), tuple(problems), keyless=keyless,
                      unread_links=unread, identities=present)
