"""Planning a build note by note: status, stamp and warnings, written out as they are decided.

Input: each file's cards (or an unchanged file's GUIDs) and the state of earlier builds. Output:
notes added to the deck and records to the new state as they come, and a `Plan` that counts them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from anki_export import __version__
from anki_export.cards.card import Card
from anki_export.cards.note_file import FileResult
from anki_export.config import Config
from anki_export.deck.package import PackageWriter
from anki_export.errors import Problem
from anki_export.read.discover import fingerprint
from anki_export.state.identity import carry_identities
from anki_export.state.pairing import keep_pairings
from anki_export.state.records import FileRecord, NoteRecord
from anki_export.state.store import State
from anki_export.state.update import (
    Change,
    Plan,
    PlannedNote,
    Status,
    cloze_warnings,
    identity_warning,
    note_of,
    note_type_warnings,
    orphan,
    plan_note,
    stable_clozes,
)
from anki_export.state.writer import StateWriter


@dataclass(frozen=True, slots=True)
class Options:
    """What a run writes and keeps."""

    output: Path | None = None
    """The deck to write (None: write no deck)."""
    only_changes: bool = False
    """An update deck: only notes changed since the last full build."""
    save_state: bool = False
    """Record this build in the state file (after the deck)."""
    keep_cards: bool = False
    """Read every file, unchanged or not, and keep its cards in `Run.build.cards`."""
    list_changes: bool = False
    """Keep each new, updated, orphaned or retired note of the deck in `Run.plan.changes`."""
    observe: Callable[[PlannedNote], None] | None = None
    """Shown each note of the deck (written or not) with its stamp, as it is planned."""


class Planner:
    """Plans each note as it comes and writes it to the deck and the new state.

    Fresh cards are numbered as before (`update.stable_clozes`) and given their status and stamp
    (`update.plan_note`); notes of unchanged files come from the state; at the end, notes whose
    annotation is gone are orphaned, and those their annotation no longer makes are retired.
    Only counts, warnings and (on request) changes are kept.
    """

    def __init__(self, state: State, config: Config, now: int, options: Options,
                 deck: PackageWriter | None, writer: StateWriter | None) -> None:
        self.state, self.config, self.now, self.options = state, config, now, options
        self.deck, self.writer = deck, writer
        # A new version stamps the notes it alone changed as of their last change, not now
        # (so edits made in Anki stay): an update deck cannot find them by their stamps, so
        # until the next full build it holds every note.
        upgraded = state.meta.full_build_tool not in ("", __version__)
        self.since = 0 if options.only_changes and upgraded else state.meta.full_build_at
        self.recent = state.changed_since(self.since) if options.only_changes else set()
        self.counts: Counter[Status] = Counter()
        self.changes: list[Change] = []
        self.warnings: list[Problem] = note_type_warnings(state.meta.note_types)
        self.present: set[str] = set()
        """GUIDs of this build: made now, or kept from unchanged files."""
        self.annotations: set[str] = set()
        """Identities of the annotations of the files read now (vetoed ones left out)."""
        self.unchanged_files = True

    def fresh(self, result: FileResult, cards: Sequence[Card]) -> list[Card]:
        """Plan and write the cards of a file read now; return them as numbered."""
        self.unchanged_files = False
        self.annotations |= result.identities
        # Each card's record is read once; only carried or re-paired GUIDs are looked up again.
        earlier = {card.guid: self.state.note(card.guid) for card in cards}
        cards = [card for card in carry_identities(cards, self.state, earlier, self.present,
                                                   str(result.path.resolve()))
                 if card.carried not in self.config.skip]  # a vetoed GUID stays vetoed
        cards, explained = keep_pairings(cards, self.state, self.warnings)
        numbered: list[Card] = []
        records: dict[str, NoteRecord] = {}
        by_annotation: defaultdict[str, set[str]] = defaultdict(set)
        new_to_state: set[str] = set()
        for card in cards:
            record = earlier[card.guid] if card.guid in earlier else self.state.note(card.guid)
            card = stable_clozes(card, record)
            entry, records[card.guid] = plan_note(card, record, self.config, self.now)
            if card.carried and entry.status == "updated":
                entry = replace(entry, reason=f"{entry.reason}; its highlight was edited, the "
                                "note goes on with its review history")
            self.warnings += cloze_warnings(card, record, entry)
            self._emit(entry)
            annotation = records[card.guid].annotation
            by_annotation[annotation].add(card.guid)
            if record is None or record.orphaned:
                new_to_state.add(annotation)
            numbered.append(card)
        self.present.update(records)
        for annotation in new_to_state - explained:  # only new GUIDs can replace older ones
            guids = by_annotation[annotation]
            where = records[min(guids)].source
            self.warnings += identity_warning(annotation, self.state.guids_of(annotation),
                                              guids, where)
        if self.writer is not None:
            self.writer.put_notes(records.items())
            self.writer.put_files(_file_record(result, records, numbered))
        return numbered

    def kept(self, result: FileResult) -> bool:
        """Put the notes of an unchanged file in the deck, as the state has them.

        False, and nothing written, when one of them is missing (lost to a damaged state): the
        file must be read again.
        """
        records: list[tuple[str, NoteRecord]] = []
        for guid in result.guids:
            if self.options.only_changes and guid not in self.recent:
                continue  # not in an update deck: no need to read it
            record = self.state.note(guid)
            if record is None:
                return False
            records.append((guid, record))
        self.present.update(result.guids)
        self.counts["unchanged"] += len(result.guids)
        for guid, record in records:
            self._write(PlannedNote(note_of(guid, record, record.tags), record.mtime,
                                    "unchanged", record.source))
        return True

    def orphans(self, files_read: set[str]) -> None:
        """Re-emit the notes no longer made from the files read (or whose file is gone).

        A note whose annotation is still in a file read is retired (the rules no longer make
        it); one whose annotation is gone, or that the reader vetoed, is orphaned.
        """
        records: list[tuple[str, NoteRecord]] = []
        for guid, source_file in self.state.sources():
            if guid in self.present:
                continue
            if source_file not in files_read and Path(source_file).exists():
                continue  # a note of a file this build did not read: left alone
            record = self.state.note(guid)
            if record is None:
                continue
            retired = record.annotation in self.annotations and guid not in self.config.skip
            entry, new_record = orphan(guid, record, self.now, retired, self.config)
            self._emit(entry)
            if new_record is not record:
                records.append((guid, new_record))
        if self.writer is not None:
            self.writer.put_notes(records)

    def plan(self) -> Plan:
        """What importing the deck does."""
        return Plan(self.counts, tuple(self.changes), tuple(self.warnings), self.since)

    def _emit(self, entry: PlannedNote) -> None:
        self.counts[entry.status] += 1
        self._write(entry)

    def _write(self, entry: PlannedNote) -> None:
        if self.options.only_changes and entry.mtime <= self.since:
            return  # an update deck holds what changed since the last full build
        if self.options.observe is not None:
            self.options.observe(entry)
        if self.deck is not None:
            self.deck.add(entry.note, entry.mtime, entry.version_only)
        if self.options.list_changes and entry.status != "unchanged":
            self.changes.append(Change(entry.status, entry.where, entry.note.fields[0],
                                       entry.reason))


def _file_record(
    result: FileResult, records: dict[str, NoteRecord], cards: Sequence[Card]
) -> list[tuple[str, FileRecord]]:
    """A file's fingerprint and what it produced, so the next build can skip it if unchanged."""
    try:
        size, mtime_ns, digest = fingerprint(result.path)
    except OSError:
        return []  # gone or unreadable since it was read: nothing to remember
    return [(str(result.path.resolve()), FileRecord(
        size=size, mtime_ns=mtime_ns, sha256=digest, guids=tuple(records),
        annotations=result.annotations, skipped_roles=result.skipped,
        warnings=tuple(str(p) for p in result.problems), keyless=result.keyless,
        roles=tuple(card.annotation.role for card in cards)))]
