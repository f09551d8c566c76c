"""Replace a file all at once: a crash or a full disk leaves the old file, never half a new one.

Input: a path and a function that writes the new content. Output: the file, replaced.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from anki_export.errors import ExportError


def replace_atomically(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Write beside `path` with `write`, flush to disk, then rename over `path`."""
    try:
        temporary = temporary_beside(path)
    except OSError as error:
        raise ExportError(f"cannot write {path}: {error.strerror}") from error
    try:
        with temporary.open("wb") as stream:
            write(stream)
        put_in_place(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise ExportError(f"cannot write {path}: {error.strerror}") from error
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def temporary_beside(path: Path) -> Path:
    """A new empty hidden file beside `path` (same file system, so renaming it is atomic).

    Raises ExportError when `path`'s folder is missing, OSError when the file cannot be made.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"cannot write {path}: folder {folder} does not exist")
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    os.close(handle)
    return Path(name)


def put_in_place(temporary: Path, path: Path) -> None:
    """Flush a finished `temporary` to disk, give it `path`'s permissions, rename it over `path`."""
    with temporary.open("r+b") as stream:  # writable: Windows syncs only through such a handle
        os.fsync(stream.fileno())  # the rename must never expose data still in the cache
    os.chmod(temporary, file_mode(path))
    os.replace(temporary, path)


def file_mode(path: Path) -> int:
    """The replaced file's permissions, or the usual ones for a new file (mkstemp's are 0600)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
