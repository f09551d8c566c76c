"""A vault's note files made into cards, in order, by worker processes when it is big.

Input: paths and a `Config`. Output: each file's `FileResult` as a stream (`read_files`); an
unchanged file's result comes from the caller (`Reuse`: the state) instead of being read.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Generator, Iterable
from itertools import repeat
from pathlib import Path

from anki_export.cards.note_file import FileResult, read_file
from anki_export.cards.workers import start_pool
from anki_export.config import Config
from anki_export.errors import ExportError, Problem
from anki_export.read.discover import find_note_files

PARALLEL_FROM = 40
"""Files from which starting worker processes (about half a second) pays for itself."""
MAX_WORKERS = 8


Reuse = Callable[[Path], FileResult | None]
"""Gives the result of an unchanged file from the state, or None to read the file."""


def note_files(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """The note files under `paths`, and warnings about what could not be searched."""
    files, problems = find_note_files(paths)
    if not files:
        raise ExportError("no markdown notes found in the given paths")
    return files, problems


def read_files(
    files: list[Path],
    config: Config,
    progress: Callable[[int, int], None] | None = None,
    reuse: Reuse | None = None,
) -> Generator[FileResult, None, None]:
    """Each file's result, in order: from `reuse` when unchanged, else read and made into cards.

    Close the stream when leaving it early: that stops the worker processes, which would
    otherwise read the whole vault first.
    """
    kept = {path: result for path in files if reuse and (result := reuse(path)) is not None}
    fresh = _read_all([path for path in files if path not in kept], config)
    try:
        for done, path in enumerate(files, start=1):
            yield kept[path] if path in kept else next(fresh)
            if progress is not None:
                progress(done, len(files))
    finally:
        fresh.close()


def _read_all(files: list[Path], config: Config) -> Generator[FileResult, None, None]:
    """Each file's result, in order; big vaults are read by one worker process per core."""
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    if len(files) < PARALLEL_FROM or workers < 2:
        yield from (read_file(path, config) for path in files)
        return
    pool = start_pool(workers)
    try:
        yield from pool.map(read_file, files, repeat(config), chunksize=8)
    finally:
        # Left early (Ctrl-C, an error): the files not handed out yet are dropped, and the
        # workers stop once they have sent the few they hold (waiting for all would make
        # Ctrl-C wait for the whole vault).
        pool.shutdown(wait=True, cancel_futures=True)
