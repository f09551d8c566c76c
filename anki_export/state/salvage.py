"""What can still be read of a damaged state file, copied into a fresh one.

Input: an open connection to the damaged file. Output: a new SQLite file holding every record
that reads cleanly (under its old rowid), and a `Salvage` counting what was saved and lost.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from anki_export.state import rows

DAMAGE = (sqlite3.DatabaseError, ValueError, TypeError, AttributeError)
"""What reading a damaged file raises: SQLite's errors, or a record that does not decode."""
_FIRST_ROWID = -(2**63)
_LAST_ROWID = 2**63 - 1
_SWEEP = (
    # Each walks one b-tree a build may not otherwise read in full: a damaged page there must
    # be found before the file is copied into the next state. Index b-trees are small.
    "SELECT count(guid) FROM notes INDEXED BY sqlite_autoindex_notes_1",
    "SELECT count(annotation) FROM notes INDEXED BY notes_by_annotation",
    "SELECT count(mtime) FROM notes INDEXED BY notes_by_mtime",
    "SELECT count(path) FROM files INDEXED BY sqlite_autoindex_files_1",
    "SELECT count(key) FROM meta INDEXED BY sqlite_autoindex_meta_1",
    "SELECT count(*), sum(length(roles)) FROM files NOT INDEXED",  # every page of every row
)


@dataclass(frozen=True, slots=True)
class Salvage:
    """What a damaged state still held."""

    notes: int
    """Note records saved: read cleanly, so their history (GUID, stamp, cloze numbers) goes on."""
    recorded: int | None
    """Note records the damaged file held (None: none of its indexes could count them)."""
    files: int
    """Note-file records saved (only those whose notes were all saved)."""

    @property
    def lost(self) -> int | None:
        """Note records that could not be read."""
        return None if self.recorded is None else max(self.recorded - self.notes, 0)


def scratch_database(path: str) -> sqlite3.Connection:
    """A new, empty state file to fill, without journal or syncing: it is scratch until put in
    place, which syncs it once (creating the tables with syncing costs more than many builds)."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.executescript(rows.SCHEMA)
    return db


def sweep(db: sqlite3.Connection) -> None:
    """Walk the indexes and the files table; raises one of `DAMAGE` on a damaged page.

    Far cheaper than an integrity check (the notes table, the bulk of the file, is left to the
    reads of the build, which go over all of it).
    """
    for query in _SWEEP:
        db.execute(query).fetchall()


def salvage(damaged: sqlite3.Connection, into: str) -> Salvage:
    """Copy every record of `damaged` that reads cleanly into a new state file `into`."""
    db = scratch_database(into)
    try:
        db.execute("BEGIN")
        db.executemany(_insert("meta", "key, value"),
                       readable_rows(damaged, "meta", "key, value", _meta_value))
        notes = f"guid, {rows.NOTE_COLUMNS}"
        db.executemany(_insert("notes", notes), readable_rows(damaged, "notes", notes, _note))
        saved = db.execute("SELECT count(*) FROM notes").fetchone()[0]
        kept_files = 0
        for row in readable_rows(damaged, "files", rows.FILE_COLUMNS, _file):
            if _all_saved(db, rows.file_record(row[2:]).guids):
                db.execute(_insert("files", rows.FILE_COLUMNS), row)
                kept_files += 1
        db.execute("COMMIT")
    finally:
        db.close()
    return Salvage(saved, count_notes(damaged), kept_files)


def readable_rows(db: sqlite3.Connection, table: str, columns: str,
                  check: Callable[[tuple[Any, ...]], object]) -> Iterator[tuple[Any, ...]]:
    """(rowid, *columns) of every row of `table` that reads cleanly, in rowid order.

    A scan stops at the first damaged page; it starts again past the damage, found by seeking
    to ever larger rowids. A row `check` rejects (it does not decode as a record) is left out.
    """
    after = _FIRST_ROWID
    query = f"SELECT rowid, {columns} FROM {table} WHERE rowid > ? ORDER BY rowid"
    while True:
        try:
            for row in db.execute(query, (after,)):
                after = row[0]
                if _passes(check, row[1:]):
                    yield row
            return
        except sqlite3.DatabaseError:
            following = _next_reachable(db, table, after)
            if following is None:
                return
            row = _row(db, table, columns, following)
            if row is not None and _passes(check, row[1:]):
                yield row
            after = following


def count_notes(db: sqlite3.Connection) -> int | None:
    """How many note records a damaged file held, counted through whichever index still reads."""
    for query in ("SELECT count(mtime) FROM notes INDEXED BY notes_by_mtime",
                  "SELECT count(guid) FROM notes INDEXED BY sqlite_autoindex_notes_1",
                  "SELECT count(annotation) FROM notes INDEXED BY notes_by_annotation",
                  "SELECT count(*) FROM notes NOT INDEXED"):
        try:
            return int(db.execute(query).fetchone()[0])
        except DAMAGE:
            continue
    return None


def _next_reachable(db: sqlite3.Connection, table: str, after: int) -> int | None:
    """The smallest rowid past `after` that a seek reaches without meeting damage (None: none).

    Seeks fail inside the damaged stretch and succeed beyond it: step out in doubling strides,
    then narrow down to where the stretch ends, so rows right after it are not skipped.
    """
    failing, stride = after, 1
    while _seek(db, table, failing + stride) is False:
        failing += stride
        if failing >= _LAST_ROWID:
            return None
        stride = min(stride * 2, _LAST_ROWID - failing)
    reaching = failing + stride
    while reaching - failing > 1:
        middle = (failing + reaching) // 2
        if _seek(db, table, middle) is False:
            failing = middle
        else:
            reaching = middle
    first = _seek(db, table, reaching)
    return first if isinstance(first, int) else None


def _seek(db: sqlite3.Connection, table: str, rowid: int) -> int | bool | None:
    """The first rowid from `rowid` on; None past the last row; False when the seek fails."""
    try:
        row = db.execute(f"SELECT rowid FROM {table} WHERE rowid >= ? ORDER BY rowid LIMIT 1",
                         (rowid,)).fetchone()
    except sqlite3.DatabaseError:
        return False
    return None if row is None else int(row[0])


def _row(db: sqlite3.Connection, table: str, columns: str, rowid: int) -> tuple[Any, ...] | None:
    """One row by rowid, None when it does not read."""
    try:
        row = db.execute(f"SELECT rowid, {columns} FROM {table} WHERE rowid = ?",
                         (rowid,)).fetchone()
    except sqlite3.DatabaseError:
        return None
    return tuple(row) if row else None


def _insert(table: str, columns: str) -> str:
    """An insert of (rowid, *columns): a salvaged row keeps its rowid, so a scan interrupted
    by the damage goes on in the salvaged copy where it stopped."""
    count = len(columns.split(",")) + 1
    return f"INSERT OR REPLACE INTO {table} (rowid, {columns}) VALUES ({', '.join('?' * count)})"


def _passes(check: Callable[[tuple[Any, ...]], object], row: tuple[Any, ...]) -> bool:
    try:
        check(row)
    except DAMAGE:
        return False
    return True


def _meta_value(row: tuple[Any, ...]) -> None:
    if not all(isinstance(value, str) for value in row):
        raise TypeError("not a meta entry")


def _note(row: tuple[Any, ...]) -> None:
    if not isinstance(row[0], str):
        raise TypeError("not a GUID")
    rows.note_record(row[1:])


def _file(row: tuple[Any, ...]) -> None:
    if not isinstance(row[0], str):
        raise TypeError("not a path")
    rows.file_record(row[1:])


def _all_saved(db: sqlite3.Connection, guids: tuple[str, ...]) -> bool:
    """A file record is worth keeping only if every note it lists was saved; otherwise the next
    build would skip the file as unchanged and never make its lost notes again."""
    return all(db.execute("SELECT 1 FROM notes WHERE guid = ?", (guid,)).fetchone()
               for guid in guids)
