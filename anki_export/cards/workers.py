"""Worker processes that never outlive the run that started them.

Input: a number of workers. Output: a process pool whose workers die with the main process,
however it ends (a `kill -9` too), and which leave signals to it.
"""

from __future__ import annotations

import functools
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from typing import Any

_PR_SET_PDEATHSIG = 1
"""Linux prctl option: the signal the kernel sends a process when its parent dies."""
POLL_SECONDS = 0.5
"""How often a worker without a parent-death signal looks for its parent (fork only)."""


def start_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of `workers` processes, each bound to the life of this one."""
    # On Linux, fork: a worker starts as a copy of this process (no re-import, the fastest
    # start), as a direct child of it, which the parent check below relies on (Python 3.14's
    # default, forkserver, would make the workers children of a server process). Elsewhere,
    # spawn: macOS and Windows use it already, and fork is unsafe on macOS.
    method = "fork" if sys.platform == "linux" else "spawn"
    if method == "fork":
        _libc()  # loaded once here, so that no worker spends time loading it
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method),
                               initializer=start_worker, initargs=(os.getpid(), method))


def start_worker(parent: int, method: str) -> None:
    """In each worker, first: die with `parent`, and leave Ctrl-C, SIGTERM and SIGHUP to it."""
    # A terminal's Ctrl-C (and its closing, and some service managers' SIGTERM) reaches every
    # process in the group. Only the main process acts on them: it stops the workers once
    # they have sent what they hold. A worker dying halfway through sending a result would
    # leave the pool's reader waiting for the rest forever, and would print a traceback.
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    if not (sys.platform == "linux" and _parent_death_signal()):
        watch_parent(parent, method)
    if method == "fork" and os.getppid() != parent:
        os._exit(1)  # the parent died before the signal was asked for, so none will come


def _parent_death_signal() -> bool:
    """Ask Linux to SIGKILL this process when its parent dies; False if that cannot be done.

    Strictly, when the parent's thread that forked it ends: the pool forks from the thread
    that reads the results, which is the thread running the build.
    """
    libc = _libc()
    try:
        return libc is not None and libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except AttributeError:  # a C library without prctl
        return False


@functools.cache
def _libc() -> Any:
    """The C library this process runs with (None if ctypes cannot load it)."""
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True)
    except (ImportError, OSError):
        return None


def watch_parent(parent: int, method: str) -> None:
    """The portable way: a thread that ends this worker as soon as its parent is gone.

    A spawned worker (macOS, Windows) waits on its parent's sentinel (a pipe only the parent
    holds, or the parent's process handle), so it ends at once. A forked worker cannot (its
    siblings hold a copy of that pipe): it checks every `POLL_SECONDS` that its parent is
    still `parent` (an orphan is adopted by another process).
    """
    parent_process = multiprocessing.parent_process()

    def watch() -> None:
        if method == "fork" or parent_process is None:
            while os.getppid() == parent:
                time.sleep(POLL_SECONDS)
        else:
            multiprocessing.connection.wait([parent_process.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="anki-export-parent-watch", daemon=True).start()
