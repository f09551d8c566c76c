"""Engine-free helpers for importing: a deck package's tags, and collection backups kept few.

Input: a `.apkg` or a `collection.anki2`. Output: GUID → tags, or the backup's path; old
backups of anki-export's own pruned. Only `sqlite3` is used here, so these work (and are
tested) without the `anki` package.
"""

from __future__ import annotations

import re
import sqlite3
import zipfile
from datetime import datetime
from pathlib import Path

from anki_export.errors import ExportError

IN_USE = "the collection is in use (is Anki running? close it and try again)"
LOCK_WAIT = 1.0
"""Seconds to wait for a lock; Anki holds its lock for as long as it runs."""
KEEP_BACKUPS = 5
"""How many of anki-export's own backups an import keeps by default."""
_BACKUP_NAME = re.compile(r"anki-export-(\d{4}-\d{2}-\d{2}-\d{2}\.\d{2}\.\d{2})(?:-(\d+))?\.anki2")
"""The names `back_up` gives: its time, then a number when several share a second."""


def package_tags(apkg: Path) -> dict[str, tuple[str, ...]]:
    """GUID → tags of every note in a deck package, read with sqlite3 (no engine needed).

    A package Anki itself exported keeps its notes in another file: none match, so importing
    it keeps no user tags.
    """
    if not apkg.is_file():
        raise ExportError(f"no such deck package: {apkg}")
    try:
        with zipfile.ZipFile(apkg) as archive:
            data = archive.read("collection.anki2")  # what genanki writes
        db = sqlite3.connect(":memory:")
        try:
            db.deserialize(data)
            rows = db.execute("select guid, tags from notes").fetchall()
        finally:
            db.close()
    except (OSError, KeyError, zipfile.BadZipFile, sqlite3.DatabaseError) as error:
        raise ExportError(f"cannot read deck package ({error})", apkg) from error
    return {str(guid): tuple(str(tags).split()) for guid, tags in rows}


def back_up(collection: Path, folder: Path) -> Path:
    """Copy `collection` to `folder/anki-export-<time>.anki2`; refuse while Anki holds it.

    SQLite's backup API makes a consistent copy. It must run while the engine has the file
    closed: two SQLite libraries in one process do not see each other's locks.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(f"cannot create backup folder {folder} ({error.strerror})") from error
    target = _free_name(folder, datetime.now().strftime("anki-export-%Y-%m-%d-%H.%M.%S"))
    uri = collection.resolve().as_uri() + "?mode=rw"  # never create a missing file
    source = sqlite3.connect(uri, uri=True, timeout=LOCK_WAIT, isolation_level=None)
    try:
        # Read first: the backup API retries forever while Anki holds its exclusive lock,
        # a read gives up after LOCK_WAIT. The open read transaction also pins the copy.
        source.execute("begin")
        source.execute("select count(*) from sqlite_master").fetchone()
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
            copy.execute("pragma journal_mode = delete")  # one file, no -wal beside it
        finally:
            copy.close()
    except sqlite3.Error as error:
        target.unlink(missing_ok=True)
        if error.sqlite_errorcode in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            raise ExportError(IN_USE, collection) from error
        raise ExportError(f"cannot back up the collection ({error})", collection) from error
    finally:
        source.close()
    return target


def _free_name(folder: Path, stem: str) -> Path:
    """`folder/stem.anki2`, numbered when a backup from the same second exists."""
    target, number = folder / f"{stem}.anki2", 1
    while target.exists():
        number += 1
        target = folder / f"{stem}-{number}.anki2"
    return target


def prune_backups(folder: Path, keep: int) -> list[Path]:
    """Remove all but the newest `keep` of anki-export's backups in `folder`; the removed ones.

    Only files named as `back_up` names them count, ordered by the time in their name: Anki's
    own backups (`backup-*.colpkg`) and anything else in the folder are never touched. A backup
    that cannot be removed now stays, and is tried again after the next import.
    """
    ours = []
    for path in folder.iterdir() if folder.is_dir() else ():
        match = _BACKUP_NAME.fullmatch(path.name)
        if match and path.is_file():
            ours.append(((match[1], int(match[2] or 1)), path))
    ours.sort()
    removed = []
    for _, path in ours[: max(len(ours) - keep, 0)]:
        try:
            path.unlink()
        except OSError:
            continue
        removed.append(path)
    return removed
