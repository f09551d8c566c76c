"""The state: what anki-export has emitted before, so a rebuild can tell new from changed.

Input/output: a SQLite file, read record by record during a build (a big vault's state is
hundreds of MB: it is never loaded whole) and replaced atomically after the deck. Content hashes
for change detection live here; identities do not (see `ids.py`).
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from anki_export.atomic import put_in_place, temporary_beside
from anki_export.errors import ExportError, Problem
from anki_export.scratch import scratch_folder
from anki_export.state import rows
from anki_export.state.legacy import read_legacy_state
from anki_export.state.locks import lock_file
from anki_export.state.records import FileRecord, Meta, NoteRecord

STATE_NAME = "anki-export-state.sqlite3"
LEGACY_NAME = "anki-export-state.json"
"""The JSON state of versions before 0.2; read once, then replaced by the SQLite file."""
_SQLITE_MAGIC = b"SQLite format 3\x00"


class State:
    """The state of earlier builds, read on demand; empty when there is none (a first build)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.broken = False
        """The file exists but cannot be read: the build starts afresh and keeps it aside."""
        self._scratch: tempfile.TemporaryDirectory[str] | None = None
        self._db = self._open(path)
        self.meta = self._read_meta()

    def _open(self, path: Path) -> sqlite3.Connection:
        try:
            with path.open("rb") as stream:
                head = stream.read(len(_SQLITE_MAGIC))
        except FileNotFoundError:
            return rows.connect(":memory:")
        except OSError as error:
            raise ExportError(f"cannot read state file ({error.strerror})", path) from error
        try:
            if head == _SQLITE_MAGIC:
                db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
                db.execute("SELECT count(*) FROM notes").fetchone()
                return db
            if head.lstrip()[:1] == b"{":
                return self._migrate(path)
            raise ValueError("not an anki-export state file")
        except (sqlite3.DatabaseError, ValueError, TypeError, KeyError, AttributeError) as error:
            self.broken = True
            self.problems.append(Problem(
                f"state file is unreadable ({error}); this build treats every note as new: "
                "importing it updates every note in Anki, including notes you edited there",
                path))
            return rows.connect(":memory:")

    def _migrate(self, path: Path) -> sqlite3.Connection:
        """An older version's JSON state, copied into a scratch SQLite file to read like ours."""
        notes, files, meta = read_legacy_state(path)
        self._scratch = scratch_folder()
        db = rows.connect(os.path.join(self._scratch.name, STATE_NAME))
        db.execute("BEGIN")
        rows.put_notes(db, ((guid, NoteRecord(**record)) for guid, record in notes.items()))
        rows.put_files(db, ((name, FileRecord(**record)) for name, record in files.items()))
        rows.put_meta(db, Meta(**meta))
        db.execute("COMMIT")
        return db

    def _read_meta(self) -> Meta:
        values = dict(self._db.execute("SELECT key, value FROM meta").fetchall())
        if values and int(values.get("format", 0)) != rows.FORMAT:
            raise ExportError(f"state file is of format {values.get('format')}, written by a "
                              "newer anki-export; upgrade anki-export", self.path)
        return Meta(
            note_types=json.loads(values.get("note_types", "{}")),
            full_build_at=int(values.get("full_build_at", 0)),
            tool=values.get("tool", ""),
            build_key=values.get("build_key", ""),
        )

    @property
    def database(self) -> str | None:
        """The SQLite file a new state starts as a copy of (None: start empty)."""
        row = self._db.execute("PRAGMA database_list").fetchone()
        return row[2] or None

    def note(self, guid: str) -> NoteRecord | None:
        """The record of one note, by GUID."""
        row = self._db.execute(f"SELECT {rows.NOTE_COLUMNS} FROM notes WHERE guid = ?",
                               (guid,)).fetchone()
        return rows.note_record(row) if row else None

    def notes(self) -> Iterator[tuple[str, NoteRecord]]:
        """Every note record, streamed."""
        for row in self._db.execute(f"SELECT guid, {rows.NOTE_COLUMNS} FROM notes ORDER BY rowid"):
            yield row[0], rows.note_record(row[1:])

    def sources(self) -> Iterator[tuple[str, str]]:
        """Every note's GUID and source file, streamed (a light read: no fields)."""
        for guid, source in self._db.execute("SELECT guid, source FROM notes ORDER BY rowid"):
            yield guid, source.rsplit(":", 1)[0]

    def changed_since(self, mtime: int) -> set[str]:
        """GUIDs of notes stamped after `mtime` (what an update deck holds)."""
        rows = self._db.execute("SELECT guid FROM notes WHERE mtime > ?", (mtime,))
        return {guid for (guid,) in rows}

    def guids_of(self, annotation: str) -> set[str]:
        """GUIDs of the current (not orphaned) notes testing an annotation."""
        rows = self._db.execute(
            "SELECT guid FROM notes WHERE annotation = ? AND NOT orphaned", (annotation,))
        return {guid for (guid,) in rows}

    def file(self, path: str) -> FileRecord | None:
        """The record of a note file, by absolute path."""
        row = self._db.execute(
            "SELECT size, mtime_ns, sha256, guids, annotations, skipped_roles, warnings, "
            "keyless, roles FROM files WHERE path = ?", (path,)).fetchone()
        if row is None:
            return None
        size, mtime_ns, sha256, guids, annotations, skipped, warnings, keyless, roles = row
        return FileRecord(size, mtime_ns, sha256, rows.split_names(guids), annotations,
                          tuple(json.loads(skipped)), tuple(json.loads(warnings)), keyless,
                          tuple(json.loads(roles)))

    def close(self) -> None:
        """Release the file (and a migrated copy)."""
        self._db.close()
        if self._scratch is not None:
            self._scratch.cleanup()


class StateWriter:
    """The next state: a copy of the last one, changed record by record, in place only on commit.

    Nothing reaches `path` before `commit`, so a build that fails or is killed leaves the last
    state as it was. One writer at a time: it holds a lock until it commits or discards.
    """

    def __init__(self, path: Path, start_from: str | None) -> None:
        folder = path.parent if str(path.parent) else Path(".")
        if not folder.is_dir():
            raise ExportError(f"cannot write state file: folder {folder} does not exist")
        self.path = path
        self._lock = lock_file(path)
        try:
            for leftover in folder.glob(f".{glob.escape(path.name)}.*.tmp"):
                leftover.unlink()  # a killed build's: with the lock held, no build is using it
            self._temporary = temporary_beside(path)
            if start_from:
                shutil.copyfile(start_from, self._temporary)
            self._db = rows.connect(str(self._temporary))
            self._db.execute("PRAGMA journal_mode = OFF")  # a scratch file: no journal needed
            self._db.execute("PRAGMA synchronous = OFF")  # synced once, in `commit`
            self._db.execute("BEGIN")
        except (OSError, sqlite3.Error) as error:
            self.discard()
            raise ExportError(f"cannot write state file ({error})", path) from error

    def put_notes(self, notes: Iterable[tuple[str, NoteRecord]]) -> None:
        """Add or replace note records."""
        rows.put_notes(self._db, notes)

    def put_files(self, files: Iterable[tuple[str, FileRecord]]) -> None:
        """Add or replace file records."""
        rows.put_files(self._db, files)

    def commit(self, meta: Meta) -> None:
        """Write `meta`, then put the new state in place of the old one in one rename."""
        try:
            rows.put_meta(self._db, meta)
            self._db.commit()
            self._db.close()
            put_in_place(self._temporary, self.path)
            self._release()
        except (OSError, sqlite3.Error) as error:
            self.discard()
            raise ExportError(f"cannot write state file ({error})", self.path) from error

    def discard(self) -> None:
        """Drop the new state; the old one stays."""
        db = getattr(self, "_db", None)
        if db is not None:
            db.close()
        temporary = getattr(self, "_temporary", None)
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        self._release()

    def _release(self) -> None:
        lock = getattr(self, "_lock", None)
        if lock is not None:
            lock.close()


def keep_aside(path: Path) -> Path:
    """Move a broken state file out of the way (never delete it: it may be the user's only copy)."""
    aside = path.with_name(f"{path.name}.broken-{time.strftime('%Y%m%d-%H%M%S')}")
    try:
        os.replace(path, aside)
    except OSError as error:
        reason = f"cannot move broken state file aside ({error.strerror})"
        raise ExportError(reason, path) from error
    return aside
