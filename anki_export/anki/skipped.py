"""Notes Anki's importer skips as "not newer" although their content changed, and what to do.

Input: a note as a package brings it, the collection's note with the same GUID, and what the last
`anki-export import` delivered to it. Output: a `Verdict` (pure), used by `import` to update
such notes anyway and by `plan --collection` to list them, reading the collection read-only.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from anki_export.anki.backup import IN_USE, LOCK_WAIT
from anki_export.anki.contents import (
    COLLECTION_COLUMNS,
    CollectionNote,
    PackageNote,
    collection_note,
    differs,
    edited_in_anki,
)
from anki_export.anki.delivered import Delivery, read_deliveries
from anki_export.errors import ExportError

Verdict = Literal["new", "conflicting", "newer", "same", "edited", "kept", "changed",
                  "unrecorded"]
"""What importing a note does, Anki's rule first, then anki-export's for the notes it skips:

- `new`: not in the collection; Anki adds it. `conflicting`: another note type; Anki skips it.
- `newer`: the incoming stamp is newer than the note's `mod`; Anki updates it.
- otherwise Anki skips it as not newer (the note was changed in Anki after the build), and:
  `same`: nothing anki-export writes differs, nothing is lost;
  `edited`: the package brings what was last delivered, so the difference is your edit in Anki,
  and it stays;
  `kept`: the package's change comes only from a new version of anki-export (the highlight did
  not change) and you edited the note's fields in Anki: your edit stays, and `import` records
  the package's version as delivered, so later imports keep your edit too;
  `changed`: the package brings content that differs from what was last delivered:
  `anki-export import` updates the note anyway;
  `unrecorded`: it differs, and no delivery of it is on record (the collection got it from
  File > Import, an older anki-export, or went back to a backup since): kept, as Anki does.
"""


def verdict(incoming: PackageNote, present: CollectionNote | None,
            delivery: Delivery | None) -> Verdict:
    """What importing `incoming` over `present` does (see `Verdict`)."""
    if present is None:
        return "new"
    if present.note_type != incoming.note_type:
        return "conflicting"
    if incoming.mtime > present.mtime:
        return "newer"
    if not differs(present, incoming):
        return "same"
    if delivery is None or present.mtime < delivery.mod:
        return "unrecorded"  # a note older than its record went back in time: record void
    if delivery.hash == incoming.hash:
        return "edited"
    if incoming.version_only and edited_in_anki(present, incoming, delivery.hash):
        return "kept"
    return "changed"


@dataclass(frozen=True, slots=True)
class Skipped:
    """A note of the next deck that File > Import would skip although its content changed."""

    where: str
    """`file:line` of its annotation."""
    text: str
    """Its first field (HTML)."""
    verdict: Literal["changed", "unrecorded"]


class FileImportCheck:
    """Finds the notes of a deck that Anki's File > Import would skip in a collection.

    The collection is read read-only with sqlite3 (no engine), in short reads: its notes'
    identities and times when made, then the fields of the notes Anki would skip, a batch at a
    time, so memory stays flat however big the deck.
    """

    BATCH = 5000

    def __init__(self, collection: Path) -> None:
        self.collection = collection
        self.skipped: list[Skipped] = []
        self.edits_kept = 0
        """Notes changed in Anki whose highlight did not change: your edit stays."""
        rows = _read(collection, "SELECT guid, id, mid, mod FROM notes")
        self._known = {guid: (nid, mid, mod) for guid, nid, mid, mod in rows}
        self._deliveries, self.problems = read_deliveries(collection)
        self._waiting: list[tuple[PackageNote, str, int]] = []

    def see(self, note: PackageNote, where: str) -> None:
        """One note of the deck, with its stamp; looked at closer only if Anki would skip it."""
        known = self._known.get(note.guid)
        if known is not None and known[1] == note.note_type and note.mtime <= known[2]:
            self._waiting.append((note, where, known[0]))
            if len(self._waiting) >= self.BATCH:
                self._judge()

    def finish(self) -> None:
        """Judge the notes still waiting."""
        self._judge()

    def _judge(self) -> None:
        """Compare the waiting notes with the collection's and with what was delivered."""
        if not self._waiting:
            return
        ids = ",".join(str(nid) for _, _, nid in self._waiting)
        rows = _read(self.collection, f"SELECT {COLLECTION_COLUMNS} FROM notes WHERE id IN ({ids})")
        present = {note.id: note for note in map(collection_note, rows)}
        for note, where, nid in self._waiting:
            found = verdict(note, present.get(nid), self._deliveries.get(note.guid))
            if found == "changed" or found == "unrecorded":
                self.skipped.append(Skipped(where, note.fields[0], found))
            elif found in ("edited", "kept"):
                self.edits_kept += 1
        self._waiting.clear()


def _read(collection: Path, sql: str) -> list[Any]:
    """Rows of a query on the collection, opened read-only; Anki's lock is a clear error."""
    if not collection.is_file():
        raise ExportError(f"no Anki collection at {collection}")
    # A file URI built by pathlib: a `#`, `?` or `%` in the path stays part of the name.
    uri = collection.resolve().as_uri() + "?mode=ro"
    try:
        db = sqlite3.connect(uri, uri=True, timeout=LOCK_WAIT)
        try:
            return db.execute(sql).fetchall()
        finally:
            db.close()
    except sqlite3.Error as error:
        if error.sqlite_errorcode in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            raise ExportError(IN_USE, collection) from error
        raise ExportError(f"cannot read the collection ({error})", collection) from error
