"""The state: what anki-export has emitted before, so a rebuild can tell new from changed.

Input/output: a SQLite file, read record by record during a build (a big vault's state is
hundreds of MB: it is never loaded whole) and replaced atomically after the deck. Content hashes
for change detection live here; identities do not (see `ids.py`).
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from anki_export.atomic import file_mode
from anki_export.errors import ExportError, Problem
from anki_export.legacy_state import read_legacy_state
from anki_export.locks import lock_file

STATE_NAME = "anki-export-state.sqlite3"
LEGACY_NAME = "anki-export-state.json"
"""The JSON state of versions before 0.2; read once, then replaced by the SQLite file."""
FORMAT = 2
_SQLITE_MAGIC = b"SQLite format 3\x00"
_FIELD_SEPARATOR = "\x1f"  # Anki's own: fields.py removes it from every value

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS notes (
    guid TEXT PRIMARY KEY, hash TEXT NOT NULL, mtime INTEGER NOT NULL,
    note_type INTEGER NOT NULL, fields TEXT NOT NULL, tags TEXT NOT NULL, deck TEXT NOT NULL,
    clozes TEXT NOT NULL, source TEXT NOT NULL, annotation TEXT NOT NULL, tool TEXT NOT NULL,
    config TEXT NOT NULL, orphaned INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS notes_by_annotation ON notes (annotation);
CREATE INDEX IF NOT EXISTS notes_by_mtime ON notes (mtime);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL, guids TEXT NOT NULL, annotations INTEGER NOT NULL,
    skipped_roles TEXT NOT NULL, warnings TEXT NOT NULL, keyless INTEGER NOT NULL,
    roles TEXT NOT NULL);
"""
_NOTE_COLUMNS = ("hash, mtime, note_type, fields, tags, deck, clozes, source, annotation, tool, "
                 "config, orphaned")


@dataclass(frozen=True, slots=True)
class NoteRecord:
    """One Anki note as last emitted."""

    hash: str
    """Hash of everything Anki stores for the note (note type, fields, tags, deck)."""
    mtime: int
    """Modification time stamped on the note: when its content last changed."""
    note_type: int
    """Note-type (model) ID."""
    fields: tuple[str, ...]
    """Field values, to re-emit the note when its annotation disappears."""
    tags: tuple[str, ...]
    deck: str
    clozes: tuple[tuple[str, int], ...] = ()
    """Cloze-number assignments of the last build: (hidden text, normalised) → number."""
    source: str = ""
    """The note file it came from (its absolute path) and the line: `path:line`."""
    annotation: str = ""
    """Identity of the annotation it tests (see `ids.annotation_identity`)."""
    tool: str = ""
    """anki-export version that produced the current content."""
    config: str = ""
    """Digest of the options that produced the current content."""
    orphaned: bool = False
    """The annotation is gone from the notes; the note is kept, tagged, never deleted."""

    @property
    def source_file(self) -> str:
        """The file part of `source`."""
        return self.source.rsplit(":", 1)[0]


@dataclass(frozen=True, slots=True)
class FileRecord:
    """What a note file looked like when it was last read, to skip it cheaply when unchanged."""

    size: int
    mtime_ns: int
    sha256: str
    guids: tuple[str, ...]
    """Notes the file produced."""
    annotations: int = 0
    """Annotations the file held."""
    skipped_roles: tuple[str, ...] = ()
    """Roles of its annotations that made no card."""
    warnings: tuple[str, ...] = ()
    """Warnings reading it gave, repeated when it is skipped."""
    keyless: int = 0
    """Its annotations without a Zotero annotation key."""
    roles: tuple[str, ...] = ()
    """The role of each of its notes, for the build summary."""


@dataclass(frozen=True, slots=True)
class Meta:
    """What the state says about the builds as a whole."""

    note_types: dict[str, str]
    """Note-type ID → signature of its field and template names, to warn before a schema fork."""
    full_build_at: int = 0
    """When the last full deck was written: update decks hold what changed since."""
    tool: str = ""
    """The version that wrote this state."""
    build_key: str = ""
    """Tool version, options and deck that the file records are valid for."""


def content_hash(note_type: int, fields: tuple[str, ...], tags: tuple[str, ...], deck: str) -> str:
    """A hash of what Anki would store: equal hashes mean importing changes nothing."""
    data = json.dumps([note_type, fields, sorted(tags), deck], ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()


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
            return _connect(":memory:")
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
            return _connect(":memory:")

    def _migrate(self, path: Path) -> sqlite3.Connection:
        """An older version's JSON state, copied into a scratch SQLite file to read like ours."""
        notes, files, meta = read_legacy_state(path)
        self._scratch = tempfile.TemporaryDirectory(prefix="anki-export-state-")
        db = _connect(os.path.join(self._scratch.name, STATE_NAME))
        db.execute("BEGIN")
        _put_notes(db, ((guid, NoteRecord(**record)) for guid, record in notes.items()))
        _put_files(db, ((name, FileRecord(**record)) for name, record in files.items()))
        _put_meta(db, Meta(**meta))
        db.execute("COMMIT")
        return db

    def _read_meta(self) -> Meta:
        values = dict(self._db.execute("SELECT key, value FROM meta").fetchall())
        if values and int(values.get("format", 0)) != FORMAT:
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
        row = self._db.execute(f"SELECT {_NOTE_COLUMNS} FROM notes WHERE guid = ?",
                               (guid,)).fetchone()
        return _note_record(row) if row else None

    def notes(self) -> Iterator[tuple[str, NoteRecord]]:
        """Every note record, streamed."""
        for row in self._db.execute(f"SELECT guid, {_NOTE_COLUMNS} FROM notes ORDER BY rowid"):
            yield row[0], _note_record(row[1:])

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
        return FileRecord(size, mtime_ns, sha256, _split(guids), annotations,
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
            handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
            os.close(handle)
            self._temporary = Path(name)
            if start_from:
                shutil.copyfile(start_from, self._temporary)
            self._db = _connect(str(self._temporary))
            self._db.execute("PRAGMA journal_mode = OFF")  # a scratch file: no journal needed
            self._db.execute("PRAGMA synchronous = OFF")  # synced once, in `commit`
            self._db.execute("BEGIN")
        except (OSError, sqlite3.Error) as error:
            self.discard()
            raise ExportError(f"cannot write state file ({error})", path) from error

    def put_notes(self, notes: Iterable[tuple[str, NoteRecord]]) -> None:
        """Add or replace note records."""
        _put_notes(self._db, notes)

    def put_files(self, files: Iterable[tuple[str, FileRecord]]) -> None:
        """Add or replace file records."""
        _put_files(self._db, files)

    def commit(self, meta: Meta) -> None:
        """Write `meta`, then put the new state in place of the old one in one rename."""
        try:
            _put_meta(self._db, meta)
            self._db.commit()
            self._db.close()
            with self._temporary.open("rb") as stream:
                os.fsync(stream.fileno())  # the rename must never expose data still in the cache
            os.chmod(self._temporary, file_mode(self.path))
            os.replace(self._temporary, self.path)
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


def _connect(name: str) -> sqlite3.Connection:
    db = sqlite3.connect(name, isolation_level=None)
    db.executescript(_SCHEMA)
    return db


def _put_notes(db: sqlite3.Connection, notes: Iterable[tuple[str, NoteRecord]]) -> None:
    db.executemany(
        f"INSERT OR REPLACE INTO notes (guid, {_NOTE_COLUMNS}) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ((guid, r.hash, r.mtime, r.note_type, _FIELD_SEPARATOR.join(r.fields), " ".join(r.tags),
          r.deck, json.dumps(r.clozes, ensure_ascii=False), r.source, r.annotation, r.tool,
          r.config, int(r.orphaned)) for guid, r in notes))


def _put_files(db: sqlite3.Connection, files: Iterable[tuple[str, FileRecord]]) -> None:
    db.executemany(
        "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ((path, r.size, r.mtime_ns, r.sha256, " ".join(r.guids), r.annotations,
          json.dumps(r.skipped_roles, ensure_ascii=False),
          json.dumps(r.warnings, ensure_ascii=False), r.keyless,
          json.dumps(r.roles, ensure_ascii=False)) for path, r in files))


def _put_meta(db: sqlite3.Connection, meta: Meta) -> None:
    db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", [
        ("format", str(FORMAT)),
        ("note_types", json.dumps(meta.note_types, sort_keys=True)),
        ("full_build_at", str(meta.full_build_at)),
        ("tool", meta.tool),
        ("build_key", meta.build_key),
    ])


def _note_record(row: tuple[Any, ...]) -> NoteRecord:
    hash_, mtime, note_type, fields, tags, deck, clozes, source, annotation, tool, conf, gone = row
    return NoteRecord(
        hash=hash_, mtime=mtime, note_type=note_type, fields=tuple(fields.split(_FIELD_SEPARATOR)),
        tags=_split(tags), deck=deck, clozes=tuple((t, n) for t, n in json.loads(clozes)),
        source=source, annotation=annotation, tool=tool, config=conf, orphaned=bool(gone),
    )


def _split(words: str) -> tuple[str, ...]:
    """Space-separated names (tags, GUIDs: neither holds a space) as a tuple."""
    return tuple(words.split())
