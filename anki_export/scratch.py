"""Scratch folders in the system's temp folder, named after the run that owns them.

Input: nothing (the temp folder comes from `TMPDIR` and kin). Output: a new folder, removed when
its owner closes it or exits; making one first removes the folders of runs that are gone.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

PREFIX = "anki-export-"
_NAME = re.compile(rf"^{re.escape(PREFIX)}(\d+)-(\d+)-")
"""`anki-export-<pid>-<start>-<random>`: the owner's pid and start time (0: not known)."""

_swept = False


def scratch_folder() -> tempfile.TemporaryDirectory[str]:
    """A new scratch folder owned by this process (removed by `cleanup()`, or at exit).

    A run killed outright (SIGKILL, a power cut) cannot remove its own: the first scratch
    folder a run makes sweeps away those whose owner is gone.
    """
    global _swept
    if not _swept:
        _swept = True
        sweep(Path(tempfile.gettempdir()))
    pid = os.getpid()
    return tempfile.TemporaryDirectory(prefix=f"{PREFIX}{pid}-{start_time(pid) or 0}-")


def sweep(folder: Path) -> list[Path]:
    """Remove the scratch folders in `folder` whose owning run is gone; return them.

    A folder is removed only when its owner is provably not running: its pid is free, or
    belongs to a process that started at another time (the pid was reused). Another user's
    folders, and folders named by older versions (no pid), are left alone.
    """
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        owner = _NAME.match(entry.name)
        if owner is None or not _ours(entry):
            continue
        if not is_running(int(owner[1]), int(owner[2])):
            shutil.rmtree(entry.path, ignore_errors=True)  # what cannot go now goes next time
            if not os.path.lexists(entry.path):
                removed.append(Path(entry.path))
    return removed


def _ours(entry: os.DirEntry[str]) -> bool:
    """A real folder (not a link to one) of this user."""
    try:
        if not entry.is_dir(follow_symlinks=False):
            return False
        return sys.platform == "win32" or entry.stat(follow_symlinks=False).st_uid == os.getuid()
    except OSError:
        return False


def is_running(pid: int, started: int) -> bool:
    """Whether process `pid`, started at `started` (0: not known), is still running.

    When in doubt, it is: a dead run's folder left for later is harmless, a live run's
    folder removed under it is not.
    """
    if pid <= 0:
        return True
    if sys.platform == "linux":
        status = _proc_stat(pid)
        if status is None:
            return False
        state, start = status
        return state not in "ZX" and (started == 0 or start == started)
    if sys.platform == "win32":
        return _windows_is_running(pid)
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, owned by someone else
    return True


def start_time(pid: int) -> int | None:
    """When process `pid` started, in clock ticks since boot (Linux only; None elsewhere)."""
    status = _proc_stat(pid) if sys.platform == "linux" else None
    return status[1] if status else None


def _proc_stat(pid: int) -> tuple[str, int] | None:
    """The state letter and start time of a Linux process, from `/proc/<pid>/stat`."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stream:
            line = stream.read().decode("ascii", "replace")
    except OSError:
        return None
    # `pid (command) state ppid …`: the command may hold spaces and parentheses.
    fields = line[line.rfind(")") + 2 :].split()
    try:
        return fields[0], int(fields[19])
    except (IndexError, ValueError):
        return None


def _windows_is_running(pid: int) -> bool:
    """Windows: ask for the process by id (os.kill would end it)."""
    import ctypes

    query_limited_information, still_active, access_denied = 0x1000, 259, 5
    try:
        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(query_limited_information, False, pid)
        if not handle:
            return bool(ctypes.get_last_error() == access_denied)  # type: ignore[attr-defined]
        try:
            code = ctypes.c_ulong()
            if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
                return True
            return code.value == still_active
        finally:
            kernel32.CloseHandle(handle)
    except (AttributeError, OSError):
        return True
