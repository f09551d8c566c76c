"""One build at a time per state file: an operating-system lock that dies with its process.

Input: the state file's path. Output: a held lock on it (the open file), or an `ExportError`
when another build holds it. The lock is on the file itself, so it needs no file of its own,
and a killed build never leaves a stale lock behind.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import BinaryIO

from anki_export.errors import ExportError


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
    return stream


def _lock(stream: BinaryIO) -> None:
    """An exclusive lock without waiting; OSError when it is held."""
    if sys.platform == "win32":
        import msvcrt

        msvcrt.locking(stream.fileno(), msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(stream.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
