"""A build's summary: what the note files amounted to, counted file by file as they stream past.

Input: each file's `FileResult` and the cards kept of it. Output: a `Build` (files by kind,
annotations, notes by role, what made no card, warnings) for the summary, listings and previews.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from anki_export.cards.card import Card
from anki_export.cards.note_file import FileResult
from anki_export.errors import Problem


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
    first_read: int = 0
    """Note files read that the state of earlier builds did not know."""

    @property
    def annotations(self) -> int:
        """Annotations found (after removing duplicates)."""
        return sum(f.annotations for f in self.files)

    def count(self, kind: str) -> int:
        """How many files were of this kind (`empty`: read, but no annotations)."""
        return sum(1 for f in self.files if f.kind == kind)

    @property
    def unread_notes(self) -> int:
        """Note files holding annotation links that no reader took."""
        return sum(1 for f in self.files if f.unread_links)

    @property
    def unread_empty(self) -> int:
        """Note files whose annotation links were all left unread (no annotation read)."""
        return sum(1 for f in self.files if f.kind == "empty" and f.unread_links)

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
        self.first_read = 0

    def add(self, result: FileResult, cards: Sequence[Card], first_read: bool = False) -> None:
        """Count a file's result and the cards kept of it (none for an unchanged file);
        `first_read`: the state of earlier builds did not know the file."""
        self.first_read += first_read
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
                     tuple(self.cards or ()), self.first_read)
