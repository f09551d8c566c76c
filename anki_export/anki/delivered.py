"""What `anki-export import` delivered to a collection: per note, a hash of the content it brought.

Input/output: `anki-export-delivered.sqlite3` beside the collection, read read-only (by `plan`
too, without the engine) and written in one transaction after a successful import.

Why a file of its own and not the collection's config: the config syncs to AnkiWeb and every
device, and Anki loads each value whole, so a map of every note would weigh on every sync and
every start; and `plan` reads this file with sqlite3 alone, without parsing Anki's storage. The
record never goes into Anki's tables. A collection that goes back in time (a restored backup, a
sync download of an older copy) could make a record describe content the note no longer has, so
each record also keeps the note's modification time after that import: a note older than that
is treated as having no record.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from anki_export.errors import Problem

DELIVERED_NAME = "anki-export-delivered.sqlite3"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS delivered (
    collection TEXT NOT NULL, guid TEXT NOT NULL, hash TEXT NOT NULL, mod INTEGER NOT NULL,
    PRIMARY KEY (collection, guid)) WITHOUT ROWID;
"""


@dataclass(frozen=True, slots=True)
class Delivery:
    """What the last `anki-export import` left in the collection for one note."""

    hash: str
    """Content hash of the note as delivered (see `deck/content.py`)."""
    mod: int
    """The note's modification time in the collection right after that import."""


def delivered_path(collection: Path) -> Path:
    """The record file of `collection`: beside it, in the profile folder."""
    return collection.parent / DELIVERED_NAME


def read_deliveries(collection: Path) -> tuple[dict[str, Delivery], list[Problem]]:
    """GUID → what was last delivered to `collection` by `anki-export import`.

    Read-only; no file means nothing was recorded yet. An unreadable file counts as empty,
    with a warning (nothing is lost but the record: notes edited in Anki are then kept).
    """
    path = delivered_path(collection)
    if not path.is_file():
        return {}, []
    try:
        db = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, timeout=5)
        try:
            rows = db.execute("SELECT guid, hash, mod FROM delivered WHERE collection = ?",
                              (collection.name,)).fetchall()
        finally:
            db.close()
    except sqlite3.Error as error:
        return {}, [Problem(
            f"the record of earlier imports is unreadable ({error}); notes edited in Anki since "
            "their build are kept as they are this time, and a new record is started", path)]
    return {guid: Delivery(digest, mod) for guid, digest, mod in rows}, []


def record_deliveries(collection: Path, deliveries: Mapping[str, Delivery]) -> list[Problem]:
    """Record what an import delivered, in one transaction; a warning if it cannot be written.

    Runs after the collection's own transaction has committed, so a failure here never undoes
    the import. A damaged record file is kept aside (`.broken-<time>`) and a new one started.
    """
    path = delivered_path(collection)
    if not deliveries:
        return []
    for attempt in (1, 2):
        try:
            _write(path, collection.name, deliveries)
            return []
        except sqlite3.DatabaseError as error:
            damaged = not isinstance(error, sqlite3.OperationalError)  # not busy, not disk full
            if attempt == 1 and damaged and _kept_aside(path):
                continue
            reason = str(error)
        except OSError as error:
            reason = error.strerror or str(error)
        break
    return [Problem(f"cannot record what this import delivered ({reason}); the import itself is "
                    "done, but until an import is recorded, a note you edit in Anki may be "
                    "overwritten by the next one", path)]


def _write(path: Path, collection: str, deliveries: Mapping[str, Delivery]) -> None:
    db = sqlite3.connect(path, isolation_level=None, timeout=5)
    try:
        db.executescript(_SCHEMA)
        db.execute("BEGIN IMMEDIATE")
        db.executemany("INSERT OR REPLACE INTO delivered VALUES (?, ?, ?, ?)",
                       ((collection, guid, d.hash, d.mod) for guid, d in deliveries.items()))
        db.execute("COMMIT")
    finally:
        db.close()


def _kept_aside(path: Path) -> bool:
    """Move a damaged record file out of the way; whether that worked."""
    try:
        path.replace(path.with_name(f"{path.name}.broken-{datetime.now():%Y%m%d-%H%M%S}"))
    except OSError:
        return False
    return True
