"""One build at a time per state file: an operating-system lock that dies with its process.

Input: the state file's path. Output: a held lock on it (the open file), or an `ExportError`
when another build holds it. The lock is on the file itself, so it needs no file of its own,
and a killed build never leaves a stale lock behind: no child process holds it (see `_held`).
"""

from __future__ import annotations

import os
import sys
import weakref
from pathlib import Path
from typing import BinaryIO

from anki_export.errors import ExportError

_held: weakref.WeakSet[BinaryIO] = weakref.WeakSet()
"""The locked files this process holds, closed in every process it forks.

A forked child (a worker reading notes) shares the parent's open file, and an flock lock
belongs to the open file, so the child would hold the lock for as long as it lives. Closing
the child's copy right after the fork drops the child's share and nothing else: the lock
stays the parent's, released when the parent closes its copy (or dies). Unlocking in the
child instead (LOCK_UN) would release the parent's lock. POSIX record locks (lockf), which
children never inherit, are no better: a process loses them when it closes any descriptor of
the file, and SQLite opens and closes the state file in the same process. Starting the workers
before taking the lock would make it depend on the order of the build's steps, and any other
fork would still inherit it. (A program started with `subprocess` inherits nothing: Python
opens files non-inheritable.)
"""
_watching_forks = False


def lock_file(path: Path) -> BinaryIO | None:
    """Lock `path` (None when there is no file yet); release it by closing the returned file.

    A writer replaces the file only while holding the lock on it, so a second build, which
    opens the same file, finds it locked.
    """
    try:
        stream = path.open("rb")
    except FileNotFoundError:
        return None
    except OSError as error:
        raise ExportError(f"cannot read state file ({error.strerror})", path) from error
    try:
        _lock(stream)
    except OSError as error:
        stream.close()
        raise ExportError("another anki-export build is writing this state file; wait for it "
                          "to finish", path) from error
    global _watching_forks
    if not _watching_forks and hasattr(os, "register_at_fork"):  # POSIX; Windows never forks
        os.register_at_fork(after_in_child=_close_in_child)
        _watching_forks = True
    _held.add(stream)
    return stream


def _close_in_child() -> None:
    """Right after a fork, in the child: let go of the parent's locked files (not the locks)."""
    for stream in list(_held):
        stream.close()
    _held.clear()


def _lock(stream: BinaryIO) -> None:
    """An exclusive lock without waiting; OSError when it is held."""
    if sys.platform == "win32":
        import msvcrt

        msvcrt.locking(stream.fileno(), msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(stream.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
