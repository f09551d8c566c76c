"""What importing the next build would do: new, updated, unchanged and orphaned notes.

Input: this build's `Card`s and the `Manifest` of earlier builds. Output: a `Plan` holding every
note with the modification time to stamp on it, warnings, and the manifest to save afterwards.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from anki_export import __version__
from anki_export.cards import Card, Cloze
from anki_export.config import Config
from anki_export.errors import Problem
from anki_export.ids import annotation_identity
from anki_export.notetypes import NoteType, cloze_note_type, qa_note_type
from anki_export.package import AnkiNote, anki_note
from anki_export.state import Manifest, NoteRecord, content_hash

ORPHAN_TAG = "anki-export::orphaned"
Status = Literal["new", "updated", "unchanged", "orphaned"]


@dataclass(frozen=True, slots=True)
class PlannedNote:
    """One note of the next deck, with its stamp and what importing it would do."""

    note: AnkiNote
    mtime: int
    status: Status
    where: str
    """`file:line` of its annotation (the source file as last seen, for orphans)."""
    reason: str = ""
    """Why it is updated ("content changed", "anki-export upgraded", ...)."""


@dataclass(frozen=True, slots=True)
class Plan:
    """The next deck and the manifest that describes it once written."""

    notes: tuple[PlannedNote, ...]
    """Everything a full deck holds: current notes and orphans."""
    warnings: tuple[Problem, ...]
    manifest: Manifest
    since: int
    """The last full build's time: an update deck holds notes stamped after it."""

    def count(self, status: Status) -> int:
        """How many notes importing the full deck would treat this way."""
        return sum(1 for planned in self.notes if planned.status == status)

    def update_deck(self) -> tuple[PlannedNote, ...]:
        """Notes changed since the last full build (cumulative: safe to build twice)."""
        return tuple(p for p in self.notes if p.mtime > self.since)


def stable_clozes(cards: Sequence[Card], manifest: Manifest) -> list[Card]:
    """Each note keeps testing what it tested, under the same cloze numbers.

    Hidden text of the last build that is still in the passage stays hidden under its number,
    whatever the rules would pick today (another highlight can change a source's vocabulary).
    Only when none of it is left do today's choices come in, taking the freed numbers first.
    Anki keeps review history per cloze number, so this is what keeps a card's history.
    """
    result = []
    for card in cards:
        record = manifest.notes.get(card.guid)
        if card.kind != "cloze" or record is None or not record.clozes:
            result.append(card)
            continue
        kept = _kept_clozes(card.text, record.clozes)
        result.append(replace(card, clozes=kept or _renumbered(card, record.clozes)))
    return result


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


def plan_update(
    cards: Sequence[Card],
    manifest: Manifest,
    config: Config,
    now: int,
    files_read: Iterable[str],
    full: bool = True,
    kept: Collection[str] = frozenset(),
) -> Plan:
    """Compare this build with the manifest; `files_read` bounds where orphans are looked for.

    `kept` are the GUIDs of unchanged files that were not read again: their notes are taken
    from the manifest as they are.
    """
    warnings: list[Problem] = _note_type_warnings(manifest)
    records: dict[str, NoteRecord] = {}
    planned: list[PlannedNote] = []
    for card in cards:
        note = anki_note(card, config.parent_deck)
        entry, record = _plan_note(card, note, manifest.notes.get(note.guid), config, now)
        planned.append(entry)
        records[note.guid] = record
        warnings += _cloze_warnings(card, manifest.notes.get(note.guid), entry)
    warnings += _identity_warnings(manifest, records)
    read = set(files_read)
    for guid, record in manifest.notes.items():
        if guid in records:
            continue
        if guid in kept:
            records[guid] = record
            planned.append(PlannedNote(_note_of(guid, record, record.tags), record.mtime,
                                       "unchanged", record.source))
            continue
        in_scope = _source_file(record) in read or not Path(_source_file(record)).exists()
        if not in_scope:
            records[guid] = record  # a note of a file this build did not read: left alone
            continue
        entry, records[guid] = _orphan(guid, record, now)
        planned.append(entry)
    new_manifest = Manifest(
        notes=records,
        files=manifest.files,
        note_types={str(t.model_id): _signature(t) for t in (cloze_note_type(), qa_note_type())},
        full_build_at=now if full else manifest.full_build_at,
        tool=__version__,
        build_key=manifest.build_key,
    )
    return Plan(tuple(planned), tuple(warnings), new_manifest, manifest.full_build_at)


def _plan_note(
    card: Card, note: AnkiNote, record: NoteRecord | None, config: Config, now: int
) -> tuple[PlannedNote, NoteRecord]:
    """Stamp and status of one current note, and its new record."""
    digest = content_hash(note.note_type.model_id, note.fields, note.tags, note.deck)
    where = f"{card.source.path}:{card.annotation.line}"
    status: Status
    if record is None:
        status, mtime, reason = "new", now, ""
    elif record.hash == digest:
        status, mtime, reason = "unchanged", record.mtime, ""
    else:
        status, mtime = "updated", max(now, record.mtime + 1)
        reason = _why_changed(record, config)
    clozes = {_cloze_key(card.text[c.start : c.end]): c.number for c in card.clozes}
    new_record = NoteRecord(
        hash=digest, mtime=mtime, note_type=note.note_type.model_id, fields=note.fields,
        tags=note.tags, deck=note.deck, clozes=tuple(sorted(clozes.items())),
        source=f"{card.source.path.resolve()}:{card.annotation.line}",
        annotation=annotation_identity(card.annotation),
        tool=__version__,
        config=config.digest(),
    )
    return PlannedNote(note, mtime, status, where, reason), new_record


def _why_changed(record: NoteRecord, config: Config) -> str:
    """The likeliest reason a note's content differs from the last build."""
    if record.orphaned:
        return "its annotation is back"
    if record.tool != __version__:
        return f"anki-export upgraded from {record.tool or 'an older version'}"
    if record.config != config.digest():
        return "options changed"
    return "content changed"


def _orphan(guid: str, record: NoteRecord, now: int) -> tuple[PlannedNote, NoteRecord]:
    """Re-emit a note whose annotation disappeared, tagged once so the user can find it."""
    if record.orphaned:
        note = _note_of(guid, record, record.tags)
        return PlannedNote(note, record.mtime, "unchanged", record.source), record
    tags = (*record.tags, ORPHAN_TAG)
    note = _note_of(guid, record, tags)
    mtime = max(now, record.mtime + 1)
    digest = content_hash(record.note_type, record.fields, tags, record.deck)
    orphaned = replace(record, tags=tags, hash=digest, mtime=mtime, orphaned=True)
    return PlannedNote(note, mtime, "orphaned", record.source), orphaned


def _note_of(guid: str, record: NoteRecord, tags: tuple[str, ...]) -> AnkiNote:
    """The note a record describes, as it goes into a package."""
    cloze = cloze_note_type()
    note_type = cloze if record.note_type == cloze.model_id else qa_note_type()
    return AnkiNote(guid, note_type, record.fields, tags, record.deck)


def _source_file(record: NoteRecord) -> str:
    """The file part of a record's `path:line`."""
    return record.source.rsplit(":", 1)[0]


def _signature(note_type: NoteType) -> str:
    """Field and template names, which Anki compares to decide whether a note type changed."""
    return "|".join([*note_type.fields, "#", note_type.template_name])


def _note_type_warnings(manifest: Manifest) -> list[Problem]:
    """A note type whose fields changed would be forked by Anki, and its notes never updated."""
    warnings = []
    for note_type in (cloze_note_type(), qa_note_type()):
        known = manifest.note_types.get(str(note_type.model_id))
        if known is not None and known != _signature(note_type):
            warnings.append(Problem(
                f"note type '{note_type.name}' changed its fields or templates since the last "
                "build: Anki will copy it and stop updating your existing notes"))
    return warnings


def _cloze_warnings(card: Card, record: NoteRecord | None, entry: PlannedNote) -> list[Problem]:
    """Cloze numbers a changed note no longer uses leave empty cards in Anki."""
    if record is None or entry.status != "updated" or card.kind != "cloze":
        return []
    before = {n for _, n in record.clozes}
    dropped = sorted(before - {c.number for c in card.clozes})
    return [Problem(f"card c{n} of this note will be empty after import (its review history "
                    "stays with it)", card.source.path, card.annotation.line) for n in dropped]


def _identity_warnings(manifest: Manifest, current: dict[str, NoteRecord]) -> list[Problem]:
    """A known annotation whose notes got new GUIDs starts their review history afresh."""
    before: dict[str, set[str]] = {}
    for guid, record in manifest.notes.items():
        if not record.orphaned:
            before.setdefault(record.annotation, set()).add(guid)
    now: dict[str, set[str]] = {}
    for guid, record in current.items():
        now.setdefault(record.annotation, set()).add(guid)
    warnings = []
    for annotation, guids in now.items():
        replaced = before.get(annotation, set()) - guids
        if replaced and guids - before.get(annotation, set()):
            source = next(current[g].source for g in guids)
            file, _, line = source.rpartition(":")
            warnings.append(Problem(
                f"annotation {annotation}: {len(replaced)} note(s) replaced by new ones (its role "
                "or rule changed); the old notes keep their history and are tagged orphaned",
                Path(file), int(line) if line.isdigit() else None))
    return warnings
