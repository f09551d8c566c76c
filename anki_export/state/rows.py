"""The state's records as SQLite rows: the schema, and records to rows and back.

Fields are joined with Anki's own separator and tags with spaces, as Anki stores them: cheap to
split again, which a lookup per note of a 100k-note build needs.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from anki_export.state.records import FileRecord, Meta, NoteRecord

FORMAT = 2
FIELD_SEPARATOR = "\x1f"  # Anki's own: fields.py removes it from every value

SCHEMA = """
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
NOTE_COLUMNS = ("hash, mtime, note_type, fields, tags, deck, clozes, source, annotation, tool, "
                 "config, orphaned")


def connect(name: str) -> sqlite3.Connection:
    db = sqlite3.connect(name, isolation_level=None)
    db.executescript(SCHEMA)
    return db


def put_notes(db: sqlite3.Connection, notes: Iterable[tuple[str, NoteRecord]]) -> None:
    db.executemany(
        f"INSERT OR REPLACE INTO notes (guid, {NOTE_COLUMNS}) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ((guid, r.hash, r.mtime, r.note_type, FIELD_SEPARATOR.join(r.fields), " ".join(r.tags),
          r.deck, json.dumps(r.clozes, ensure_ascii=False), r.source, r.annotation, r.tool,
          r.config, _withdrawn(r)) for guid, r in notes))


def _withdrawn(record: NoteRecord) -> int:
    """The `orphaned` column: 0 current, 1 orphaned, 2 retired (any non-zero: not current, so
    an older version reading the file takes a retired note for an orphaned one)."""
    return 2 if record.retired else int(record.orphaned)


def put_files(db: sqlite3.Connection, files: Iterable[tuple[str, FileRecord]]) -> None:
    db.executemany(
        "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ((path, r.size, r.mtime_ns, r.sha256, " ".join(r.guids), r.annotations,
          json.dumps(r.skipped_roles, ensure_ascii=False),
          json.dumps(r.warnings, ensure_ascii=False), r.keyless,
          json.dumps(r.roles, ensure_ascii=False)) for path, r in files))


def put_meta(db: sqlite3.Connection, meta: Meta) -> None:
    db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", [
        ("format", str(FORMAT)),
        ("note_types", json.dumps(meta.note_types, sort_keys=True)),
        ("full_build_at", str(meta.full_build_at)),
        ("tool", meta.tool),
        ("build_key", meta.build_key),
        ("full_build_tool", meta.full_build_tool),
    ])


def note_record(row: tuple[Any, ...]) -> NoteRecord:
    hash_, mtime, note_type, fields, tags, deck, clozes, source, annotation, tool, conf, gone = row
    return NoteRecord(
        hash=hash_, mtime=mtime, note_type=note_type, fields=tuple(fields.split(FIELD_SEPARATOR)),
        tags=split_names(tags), deck=deck, clozes=tuple((t, n) for t, n in json.loads(clozes)),
        source=source, annotation=annotation, tool=tool, config=conf, orphaned=bool(gone),
        retired=gone == 2,
    )


FILE_COLUMNS = ("path, size, mtime_ns, sha256, guids, annotations, skipped_roles, warnings, "
                "keyless, roles")
"""The files table's columns, in order."""


def file_record(row: tuple[Any, ...]) -> FileRecord:
    """A note file's record from its columns after `path`."""
    size, mtime_ns, sha256, guids, annotations, skipped, warnings, keyless, roles = row
    return FileRecord(size, mtime_ns, sha256, split_names(guids), annotations,
                      tuple(json.loads(skipped)), tuple(json.loads(warnings)), keyless,
                      tuple(json.loads(roles)))


def split_names(words: str) -> tuple[str, ...]:
    """Space-separated names (tags, GUIDs: neither holds a space) as a tuple."""
    return tuple(words.split())
