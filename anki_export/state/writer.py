"""The next state file: this build's records over the last state's, put in place only on commit.

Input: note and file records as a build makes them, and the last `State`. Output: the new
state file, replacing the old one in one rename after the deck is written.
"""

from __future__ import annotations

import glob
import shutil
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from anki_export.atomic import put_in_place, temporary_beside
from anki_export.errors import ExportError
from anki_export.state import rows
from anki_export.state.locks import lock_file
from anki_export.state.records import FileRecord, Meta, NoteRecord
from anki_export.state.salvage import scratch_database
from anki_export.state.store import State


class StateWriter:
    """The next state: this build's records over the last state's, in place only on commit.

    Records go to a file of their own as they come. `merge` then copies the last state and
    puts them over it; a last state found damaged, before or while copying, is never copied:
    what could be read of it is. Nothing reaches `path` before `commit`, so a build that fails
    or is killed leaves the last state as it was. One writer at a time: it holds a lock until
    it commits or discards.
    """

    def __init__(self, path: Path, start_from: State | str | None) -> None:
        folder = path.parent if str(path.parent) else Path(".")
        if not folder.is_dir():
            raise ExportError(f"cannot write state file: folder {folder} does not exist")
        self.path = path
        self._start_from = start_from
        self._merged = False
        self._lock = lock_file(path)
        try:
            for leftover in folder.glob(f".{glob.escape(path.name)}.*.tmp"):
                leftover.unlink()  # a killed build's: with the lock held, no build is using it
            self._temporary = temporary_beside(path)
            self._db = scratch_database(str(self._temporary))
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

    def start_over(self) -> None:
        """Forget the records put so far: the build plans again (before `merge`)."""
        self._db.execute("DELETE FROM notes")
        self._db.execute("DELETE FROM files")

    def merge(self) -> None:
        """Put this build's records over a copy of the last state (done once, before `commit`).

        Copying reads pages of the last state that the build may not have read: damage found
        there is salvaged like damage found by the build, and the copy starts again from that.
        """
        if self._merged:
            return
        self._merged = True
        base = self._start_from
        try:
            try:
                self._merge_into(base.database if isinstance(base, State) else base)
            except sqlite3.DatabaseError as error:
                if not isinstance(base, State) or not _is_damage(error):
                    raise
                base.damaged(error)
                self._merge_into(base.database)
        except (OSError, sqlite3.Error) as error:
            self.discard()
            raise ExportError(f"cannot write state file ({error})", self.path) from error

    def _merge_into(self, start_from: str | None) -> None:
        if start_from is None:
            return  # nothing to start from: this build's records are the whole state
        self._db.execute("COMMIT")
        copy = temporary_beside(self.path)
        try:
            shutil.copyfile(start_from, copy)
            db = _copy_database(copy)
            try:
                db.execute("ATTACH DATABASE ? AS build", (str(self._temporary),))
                notes = f"guid, {rows.NOTE_COLUMNS}"
                db.execute(f"INSERT OR REPLACE INTO notes ({notes}) SELECT {notes} FROM "
                           "build.notes")
                db.execute(f"INSERT OR REPLACE INTO files ({rows.FILE_COLUMNS}) SELECT "
                           f"{rows.FILE_COLUMNS} FROM build.files")
                db.execute("COMMIT")
                db.execute("DETACH DATABASE build")
                db.execute("BEGIN")
            except BaseException:
                db.close()
                raise
        except BaseException:
            copy.unlink(missing_ok=True)
            self._db.execute("BEGIN")
            raise
        self._db.close()
        self._temporary.unlink()
        self._db, self._temporary = db, copy

    def commit(self, meta: Meta) -> None:
        """Write `meta`, then put the new state in place of the old one in one rename."""
        self.merge()
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


def _copy_database(path: Path) -> sqlite3.Connection:
    """The copy of the last state being written over: no journal, no syncing (synced once, when
    put in place), in a transaction."""
    db = rows.connect(str(path))
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.execute("BEGIN")
    return db


def _is_damage(error: sqlite3.DatabaseError) -> bool:
    """A damaged file (not a full disk or a failing device, which salvaging would not help)."""
    code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
    return code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
