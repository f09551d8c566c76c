"""The state: what anki-export has emitted before, so a rebuild can tell new from changed.

Input: a SQLite file, read record by record during a build (a big vault's state is hundreds of
MB: it is never loaded whole). Output: its records; damage costs the records it hides, never the
build. `writer.py` writes the next one. Content hashes come from `deck/content.py`, identities
from `ids.py`.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from anki_export.errors import ExportError, Problem
from anki_export.scratch import scratch_folder
from anki_export.state import rows, salvage
from anki_export.state.legacy import read_legacy_state
from anki_export.state.records import FileRecord, Meta, NoteRecord
from anki_export.state.salvage import Salvage

STATE_NAME = "anki-export-state.sqlite3"
LEGACY_NAME = "anki-export-state.json"
"""The JSON state of versions before 0.2; read once, then replaced by the SQLite file."""
_SQLITE_MAGIC = b"SQLite format 3\x00"
_ASIDE = "a build keeps the damaged file aside as {name}.broken-<time> and writes a new one"
_T = TypeVar("_T")


class State:
    """The state of earlier builds, read on demand; empty when there is none (a first build).

    Every read is guarded: the first one that meets damage (a page SQLite cannot read, a record
    that does not decode) copies what can still be read into a scratch file, reads go on from
    there, and the state is `broken`, to be kept aside when the next one is written.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.broken = False
        """The file is damaged or unreadable: the build goes on without (some of) it."""
        self.salvage: Salvage | None = None
        """What a damaged file still held (None: not damaged, or not salvaged)."""
        self._scratch: tempfile.TemporaryDirectory[str] | None = None
        self._db = self._open(path)
        self.meta = self._query(self._read_meta)
        # Damage in pages the build's own reads would not meet must be found before the file
        # is copied into the next state; the walk is cheap (no integrity check).
        self._query(salvage.sweep)

    def _open(self, path: Path) -> sqlite3.Connection:
        try:
            with path.open("rb") as stream:
                head = stream.read(len(_SQLITE_MAGIC))
        except FileNotFoundError:
            return rows.connect(":memory:")
        except OSError as error:
            raise ExportError(f"cannot read state file ({error.strerror})", path) from error
        if head == _SQLITE_MAGIC:
            # A URI, for read-only; `as_uri` percent-encodes, so `#`, `?` or `%` in a folder's
            # name stay part of the path instead of starting SQLite's query or fragment.
            return sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            if head.lstrip()[:1] == b"{":
                return self._migrate(path)
            raise ValueError("not an anki-export state file")
        except (sqlite3.DatabaseError, ValueError, TypeError, KeyError, AttributeError) as error:
            self._unreadable(error)
            return rows.connect(":memory:")

    def _migrate(self, path: Path) -> sqlite3.Connection:
        """An older version's JSON state, copied into a scratch SQLite file to read like ours."""
        notes, files, meta = read_legacy_state(path)
        db = rows.connect(self._scratch_file())
        db.execute("BEGIN")
        rows.put_notes(db, ((guid, NoteRecord(**record)) for guid, record in notes.items()))
        rows.put_files(db, ((name, FileRecord(**record)) for name, record in files.items()))
        rows.put_meta(db, Meta(**meta))
        db.execute("COMMIT")
        return db

    def _scratch_file(self) -> str:
        self._scratch = scratch_folder()  # named after this run: swept if it is killed
        return os.path.join(self._scratch.name, STATE_NAME)

    def damaged(self, error: Exception) -> None:
        """Damage met: go on from what can still be read of the file, and say what it costs."""
        if self._scratch is not None:  # the copy is ours, just written: not a damaged file
            raise ExportError(f"cannot read the state file ({error})", self.path)
        copy = self._scratch_file()
        try:
            found = salvage.salvage(self._db, copy)
        except (OSError, sqlite3.Error) as failure:
            raise ExportError(f"cannot copy what is readable of the damaged state file "
                              f"({failure})", self.path) from failure
        finally:
            self._db.close()
        self._db = rows.connect(copy)
        self.salvage = found
        if found.notes == 0 and found.recorded is None:
            self._unreadable(error)
        else:
            self.broken = True
            self.problems.append(Problem(damage_warning(_reason(error), found, self.path.name),
                                         self.path))

    def _unreadable(self, error: Exception) -> None:
        self.broken = True
        self.problems.append(Problem(
            f"state file is unreadable ({_reason(error)}); this build treats every note as new: "
            "importing it updates every note in Anki, including notes you edited there, and no "
            "edited highlight's notes can go on under their old identities; "
            f"{_ASIDE.format(name=self.path.name)}", self.path))

    def _query(self, read: Callable[[sqlite3.Connection], _T]) -> _T:
        """`read` on the state; on damage, on what could be salvaged of it."""
        try:
            return read(self._db)
        except salvage.DAMAGE as error:
            self.damaged(error)
        return self._query(read)

    def _stream(self, table: str, columns: str,
                decode: Callable[[tuple[Any, ...]], _T]) -> Iterator[_T]:
        """Rows of `table` in rowid order, decoded; when damage interrupts, the salvaged copy
        goes on from the same rowid (another read may have met it and switched copies)."""
        after = -(2**63)
        query = f"SELECT rowid, {columns} FROM {table} WHERE rowid > ? ORDER BY rowid"
        while True:
            db = self._db
            try:
                for row in db.execute(query, (after,)):
                    item = decode(row[1:])
                    yield item
                    after = row[0]
                return
            except (sqlite3.Error, *salvage.DAMAGE) as error:
                if db is self._db:
                    self.damaged(error)

    def _read_meta(self, db: sqlite3.Connection) -> Meta:
        values = dict(db.execute("SELECT key, value FROM meta").fetchall())
        if values and int(values.get("format", 0)) != rows.FORMAT:
            raise ExportError(f"state file is of format {values.get('format')}, written by a "
                              "newer anki-export; upgrade anki-export", self.path)
        return Meta(
            note_types=json.loads(values.get("note_types", "{}")),
            full_build_at=int(values.get("full_build_at", 0)),
            tool=values.get("tool", ""),
            build_key=values.get("build_key", ""),
            # Written since 0.4; before, the version that wrote the state stands in for it.
            full_build_tool=str(values.get("full_build_tool", values.get("tool", ""))),
        )

    @property
    def database(self) -> str | None:
        """The SQLite file a new state starts as a copy of (None: start empty)."""
        row = self._db.execute("PRAGMA database_list").fetchone()
        return row[2] or None

    def note(self, guid: str) -> NoteRecord | None:
        """The record of one note, by GUID."""
        def read(db: sqlite3.Connection) -> NoteRecord | None:
            row = db.execute(f"SELECT {rows.NOTE_COLUMNS} FROM notes WHERE guid = ?",
                             (guid,)).fetchone()
            return rows.note_record(row) if row else None

        return self._query(read)

    def notes(self) -> Iterator[tuple[str, NoteRecord]]:
        """Every note record, streamed."""
        yield from self._stream("notes", f"guid, {rows.NOTE_COLUMNS}",
                                lambda row: (row[0], rows.note_record(row[1:])))

    def sources(self) -> Iterator[tuple[str, str]]:
        """Every note's GUID and source file, streamed (a light read: no fields)."""
        yield from self._stream("notes", "guid, source",
                                lambda row: (row[0], row[1].rsplit(":", 1)[0]))

    def changed_since(self, mtime: int) -> set[str]:
        """GUIDs of notes stamped after `mtime` (what an update deck holds)."""
        return self._query(lambda db: {guid for (guid,) in db.execute(
            "SELECT guid FROM notes WHERE mtime > ?", (mtime,))})

    def guids_of(self, annotation: str) -> set[str]:
        """GUIDs of the current (not orphaned) notes testing an annotation."""
        return self._query(lambda db: {guid for (guid,) in db.execute(
            "SELECT guid FROM notes WHERE annotation = ? AND NOT orphaned", (annotation,))})

    def notes_of(self, annotation: str) -> list[tuple[str, NoteRecord]]:
        """Every note of an annotation identity, orphaned ones too, by GUID."""
        return self._query(lambda db: [(row[0], rows.note_record(row[1:])) for row in db.execute(
            f"SELECT guid, {rows.NOTE_COLUMNS} FROM notes WHERE annotation = ? ORDER BY guid",
            (annotation,))])

    def annotations_from(self, prefix: str) -> set[str]:
        """Annotation identities that start with `prefix` (a keyless highlight's PDF and page)."""
        return self._query(lambda db: {annotation for (annotation,) in db.execute(
            "SELECT DISTINCT annotation FROM notes WHERE annotation >= ? AND annotation < ?",
            (prefix, prefix + "\U0010ffff"))})

    def file(self, path: str) -> FileRecord | None:
        """The record of a note file, by absolute path."""
        def read(db: sqlite3.Connection) -> FileRecord | None:
            row = db.execute(f"SELECT {rows.FILE_COLUMNS} FROM files WHERE path = ?",
                             (path,)).fetchone()
            return rows.file_record(row[1:]) if row else None

        return self._query(read)

    def close(self) -> None:
        """Release the file (and a migrated or salvaged copy)."""
        self._db.close()
        if self._scratch is not None:
            self._scratch.cleanup()


def _reason(error: Exception) -> str:
    """The error in a few printable words (a text that does not decode is quoted in full)."""
    text = str(error).split(" with text ", 1)[0]
    text = "".join(char if char.isprintable() else "?" for char in text)
    return text if len(text) <= 100 else text[:97] + "..."


def damage_warning(reason: str, found: Salvage, name: str) -> str:
    """What a damaged state costs the next import, in a user's words."""
    aside = _ASIDE.format(name=name)
    if found.lost == 0:
        return (f"state file is damaged ({reason}), but all {found.notes} of its notes could be "
                f"read and keep their history; {aside}")
    lost = (f"{found.lost} of its {found.recorded} notes" if found.lost is not None
            else "some of its notes (how many cannot be counted)")
    others = (f"the other {found.notes} keep their history" if found.notes
              else "no note keeps its history")
    return (f"state file is damaged ({reason}): {lost} could not be read and lose their "
            "recorded history; the next import updates them in Anki as if new (overwriting "
            "edits you made there; their highlights deleted since the last build are not "
            "tagged orphaned; an edited one among them makes new notes, its identities cannot "
            f"be carried over); {others}; {aside}")


def keep_aside(path: Path) -> Path:
    """Move a broken state file out of the way (never delete it: it may be the user's only copy)."""
    aside = path.with_name(f"{path.name}.broken-{time.strftime('%Y%m%d-%H%M%S')}")
    try:
        os.replace(path, aside)
    except OSError as error:
        reason = f"cannot move broken state file aside ({error.strerror})"
        raise ExportError(reason, path) from error
    return aside
