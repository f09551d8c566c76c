"""What importing the next build would do to each note: new, updated, unchanged, orphaned, retired.

Input: one `Card` (or a vanished note's record) and its `NoteRecord` from the state of earlier
builds. Output: a `PlannedNote` with the modification time to stamp on it, and the new record.
Pure functions, one note at a time: `workflow.py` streams a whole vault through them.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Literal

from anki_export import __version__
from anki_export.cards.card import Card, Cloze
from anki_export.config import Config
from anki_export.deck.content import content_hash
from anki_export.deck.decks import ORPHAN_TAG, RETIRED_TAG
from anki_export.deck.notetypes import NoteType, cloze_note_type, qa_note_type
from anki_export.deck.package import AnkiNote, anki_note
from anki_export.errors import Problem
from anki_export.ids import annotation_identity
from anki_export.state.records import NoteRecord

READER_CLOZE = "reader-cloze"
"""The rule name of the clozes the reader chose (`cards/overrides.py`): their choice wins."""

Status = Literal["new", "updated", "unchanged", "orphaned", "retired"]
"""`orphaned`: its annotation is gone; `retired`: its annotation is still in the notes, but no
longer makes this note (the rules changed, or its highlight was edited, relabelled or given an
override)."""


@dataclass(frozen=True, slots=True)
class PlannedNote:
    """One note of the next deck, with its stamp and what importing it would do."""

    note: AnkiNote
    mtime: int
    status: Status
    where: str
    """`file:line` of its annotation (the source file as last seen, for orphans)."""
    reason: str = ""
    """Why it is updated ("content changed", "anki-export upgraded", ...) or retired."""
    version_only: bool = False
    """Updated only because anki-export's version changed what it makes of an unchanged
    highlight: stamped just after its last change, not now, so an edit made in Anki since
    stays (see `version_only`)."""


@dataclass(frozen=True, slots=True)
class Change:
    """A note that importing the deck would add or change, as `anki-export plan` lists it."""

    status: Status
    where: str
    text: str
    """Its first field as one short line of plain text."""
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Plan:
    """What importing the next deck does, counted over every note of a full deck."""

    counts: Counter[Status] = field(default_factory=Counter)
    changes: tuple[Change, ...] = ()
    """The notes of the deck written (full or update deck) that are not unchanged, in order."""
    warnings: tuple[Problem, ...] = ()
    since: int = 0
    """The last full build's time: an update deck holds notes stamped after it."""

    def count(self, status: Status) -> int:
        """How many notes importing the full deck would treat this way."""
        return self.counts[status]


def stable_clozes(card: Card, record: NoteRecord | None) -> Card:
    """The card under the cloze numbers its note had before, so each card's history goes on.

    Anki keeps review history per cloze number. Within one version of anki-export, hidden text
    of the last build that is still in the passage stays hidden under its number, whatever the
    rules would pick today (another highlight can change a source's vocabulary); only when none
    of it is left do today's choices come in, taking the freed numbers first. When the choice
    is not the rules' whim but a decision, today's choice wins, still under the old numbers:
    the reader's own override (`==…==`, `cloze: …`) changed, or a new version of anki-export
    picks a better target in the same sentence.
    """
    if card.kind != "cloze" or record is None or not record.clozes:
        return card
    if card.rule == READER_CLOZE or record.tool != __version__:
        return replace(card, clozes=_numbered_as_before(card, record.clozes))
    kept = _kept_clozes(card.text, record.clozes)
    return replace(card, clozes=kept or _renumbered(card, record.clozes))


def _numbered_as_before(card: Card, previous: Sequence[tuple[str, int]]) -> tuple[Cloze, ...]:
    """Today's clozes: one hiding what an old number hid keeps it; the others take the freed
    numbers in order, then new ones."""
    numbers = dict(previous)
    keys = [_cloze_key(card.text[c.start : c.end]) for c in card.clozes]
    same = {i: numbers[key] for i, key in enumerate(keys) if key in numbers}
    freed = sorted(set(numbers.values()) - set(same.values()))
    following = itertools.count(max(numbers.values(), default=0) + 1)
    ordered = sorted(range(len(card.clozes)), key=lambda i: card.clozes[i].number)
    renumbered = list(card.clozes)
    for i in ordered:
        number = same.get(i) or (freed.pop(0) if freed else next(following))
        renumbered[i] = replace(card.clozes[i], number=number)
    return tuple(renumbered)


def _kept_clozes(text: str, previous: Sequence[tuple[str, int]]) -> tuple[Cloze, ...]:
    """Clozes over the earlier hidden text still found in `text`, with their old numbers."""
    kept: list[Cloze] = []
    for key, number in sorted(previous, key=lambda item: item[1]):
        words = key.split()
        pattern = r"(?<!\w)" + r"\W+".join(map(re.escape, words)) + r"(?!\w)"
        for match in re.finditer(pattern, text, re.IGNORECASE) if words else ():
            if all(match.end() <= c.start or match.start() >= c.end for c in kept):
                kept.append(Cloze(match.start(), match.end(), number))
                break
    return tuple(kept)


def _renumbered(card: Card, previous: Sequence[tuple[str, int]]) -> tuple[Cloze, ...]:
    """Today's clozes, numbered with the note's earlier numbers first, then new ones."""
    numbers = sorted({n for _, n in previous})
    following = itertools.count(max(numbers, default=0) + 1)
    ordered = sorted(card.clozes, key=lambda c: c.number)
    return tuple(replace(c, number=numbers.pop(0) if numbers else next(following))
                 for c in ordered)


def _cloze_key(text: str) -> str:
    """Hidden text compared without case, punctuation or spacing."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def plan_note(
    card: Card, record: NoteRecord | None, config: Config, now: int
) -> tuple[PlannedNote, NoteRecord]:
    """Stamp and status of one current note (`record`: as last emitted), and its new record."""
    note = anki_note(card, config.parent_deck)
    digest = content_hash(note.note_type.model_id, note.fields, note.tags, note.deck)
    where = f"{card.source.path}:{card.annotation.line}"
    status: Status
    only = False
    if record is None:
        status, mtime, reason = "new", now, ""
    elif record.hash == digest:
        status, mtime, reason = "unchanged", record.mtime, ""
    elif only := version_only(record, note, config):
        # Anki updates a note only when the incoming one is newer: one the user changed in
        # Anki since its last build is newer than this stamp, and keeps the user's edit.
        status, mtime = "updated", record.mtime + 1
        reason = (f"anki-export upgraded from {record.tool or 'an older version'}; only its "
                  "own wording changed, so an edit you made in Anki stays")
    else:
        status, mtime = "updated", max(now, record.mtime + 1)
        reason = _why_changed(record, config)
    clozes = {_cloze_key(card.text[c.start : c.end]): c.number for c in card.clozes}
    new_record = NoteRecord(
        hash=digest, mtime=mtime, note_type=note.note_type.model_id, fields=note.fields,
        tags=note.tags, deck=note.deck, clozes=tuple(sorted(clozes.items())),
        source=f"{_resolved(card.source.path)}:{card.annotation.line}",
        annotation=annotation_identity(card.annotation),
        tool=__version__,
        config=config.digest(),
    )
    return PlannedNote(note, mtime, status, where, reason, only), new_record


_MADE_BY_RULES = frozenset({"Text", "Front", "Back", "Extra"})
"""Fields the card rules write; every other field comes straight from the highlight and its
source (text as read, comment, page, links, title, role, colour)."""


def version_only(record: NoteRecord, note: AnkiNote, config: Config) -> bool:
    """Whether a note differs from its last build only in what a new version's rules made of
    the same highlight: same options, note type, tags, deck and every field the rules do not
    write. An edit of the highlight (or of its comment, page, source...) is not."""
    if record.tool == __version__ or record.config != config.digest() or record.orphaned:
        return False
    if (record.note_type, record.tags, record.deck) != (note.note_type.model_id, note.tags,
                                                        note.deck):
        return False
    return all(old == new for name, old, new in zip(note.note_type.fields, record.fields,
                                                    note.fields, strict=False)
               if name not in _MADE_BY_RULES) and len(record.fields) == len(note.fields)


@lru_cache(maxsize=64)  # one path per source, asked for each of its notes
def _resolved(path: Path) -> str:
    """The absolute path, links resolved, as the state records sources."""
    return str(path.resolve())


def _why_changed(record: NoteRecord, config: Config) -> str:
    """The likeliest reason a note's content differs from the last build."""
    if record.retired:
        return "its highlight makes this card again"
    if record.orphaned:
        return "its annotation is back"
    if record.tool != __version__:
        return f"anki-export upgraded from {record.tool or 'an older version'}"
    if record.config != config.digest():
        return "options changed"
    return "content changed"


def orphan(guid: str, record: NoteRecord, now: int, retired: bool = False,
           config: Config | None = None) -> tuple[PlannedNote, NoteRecord]:
    """Re-emit a note that is no longer made, tagged once so the user can find it.

    `retired`: its annotation is still in the notes (tagged retired); else it is gone
    (tagged orphaned). A note already withdrawn stays as it was re-emitted. A note retired by a
    new version alone (same options: `config`) is stamped as its version-only changes are, so
    an edit made in Anki stays (see `plan_note`).
    """
    if record.orphaned:
        note = note_of(guid, record, record.tags)
        return PlannedNote(note, record.mtime, "unchanged", record.source), record
    tags = (*record.tags, RETIRED_TAG if retired else ORPHAN_TAG)
    note = note_of(guid, record, tags)
    only = (retired and config is not None and record.tool != __version__
            and record.config == config.digest())
    mtime = record.mtime + 1 if only else max(now, record.mtime + 1)
    digest = content_hash(record.note_type, record.fields, tags, record.deck)
    withdrawn = replace(record, tags=tags, hash=digest, mtime=mtime, orphaned=True,
                        retired=retired)
    if not retired:
        return PlannedNote(note, mtime, "orphaned", record.source), withdrawn
    return (PlannedNote(note, mtime, "retired", record.source, _why_retired(record), only),
            withdrawn)


def _why_retired(record: NoteRecord) -> str:
    """Why a note whose highlight is still in the notes is no longer made."""
    if record.tool != __version__:
        return (f"anki-export upgraded from {record.tool or 'an older version'}: its rules no "
                "longer make this card from a highlight still in the note; kept, tagged retired")
    return ("its highlight is still in the note but no longer makes this card (edited, "
            "relabelled or overridden); kept, tagged retired")


def note_of(guid: str, record: NoteRecord, tags: tuple[str, ...]) -> AnkiNote:
    """The note a record describes, as it goes into a package."""
    cloze = cloze_note_type()
    note_type = cloze if record.note_type == cloze.model_id else qa_note_type()
    return AnkiNote(guid, note_type, record.fields, tags, record.deck)


def note_type_signatures() -> dict[str, str]:
    """Each note type's signature by ID, as the state records it."""
    return {str(t.model_id): _signature(t) for t in (cloze_note_type(), qa_note_type())}


def _signature(note_type: NoteType) -> str:
    """Field and template names, which Anki compares to decide whether a note type changed."""
    return "|".join([*note_type.fields, "#", note_type.template_name])


def note_type_warnings(known_types: Mapping[str, str]) -> list[Problem]:
    """A note type whose fields changed would be forked by Anki, and its notes never updated."""
    warnings = []
    for note_type in (cloze_note_type(), qa_note_type()):
        known = known_types.get(str(note_type.model_id))
        if known is not None and known != _signature(note_type):
            warnings.append(Problem(
                f"note type '{note_type.name}' changed its fields or templates since the last "
                "build: Anki will copy it and stop updating your existing notes"))
    return warnings


def cloze_warnings(card: Card, record: NoteRecord | None, entry: PlannedNote) -> list[Problem]:
    """Cloze numbers a changed note no longer uses leave empty cards in Anki."""
    if record is None or entry.status != "updated" or card.kind != "cloze":
        return []
    before = {n for _, n in record.clozes}
    dropped = sorted(before - {c.number for c in card.clozes})
    return [Problem(f"card c{n} of this note will be empty after import (its review history "
                    "stays with it)", card.source.path, card.annotation.line) for n in dropped]


def identity_warning(annotation: str, before: set[str], now: set[str], where: str) -> list[Problem]:
    """A known annotation whose notes got new GUIDs starts their review history afresh.

    `before`: GUIDs of its current notes in the state; `now`: GUIDs this build gives it.
    """
    replaced = before - now
    if not replaced or not now - before:
        return []
    file, _, line = where.rpartition(":")
    return [Problem(
        f"annotation {annotation}: {len(replaced)} note(s) replaced by new ones (its role "
        "or rule changed); the old notes keep their history and are tagged retired",
        Path(file), int(line) if line.isdigit() else None)]
