"""Collection backups before an import, kept few: a consistent copy, and old copies pruned.

Input: a `collection.anki2` and its backup folder. Output: the backup's path; anki-export's own
older backups removed. Only `sqlite3` is used here, so this works (and is tested) without the
`anki` package.
"""

from __future__ import annotations

import re
import sqlite3
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
