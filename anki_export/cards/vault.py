"""A vault's note files made into cards, in order, by worker processes when it is big.

Input: paths and a `Config`. Output: each file's `FileResult` as a stream (`read_files`); an
unchanged file's result comes from the caller (`Reuse`: the state) instead of being read.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import repeat
from pathlib import Path

from anki_export.cards.note_file import FileResult, read_file
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
) -> Iterator[FileResult]:
    """Each file's result, in order: from `reuse` when unchanged, else read and made into cards."""
    kept = {path: result for path in files if reuse and (result := reuse(path)) is not None}
    fresh = _read_all([path for path in files if path not in kept], config)
    for done, path in enumerate(files, start=1):
        yield kept[path] if path in kept else next(fresh)
        if progress is not None:
            progress(done, len(files))


def _read_all(files: list[Path], config: Config) -> Iterator[FileResult]:
    """Each file's result, in order; big vaults are read by one worker process per core."""
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    if len(files) < PARALLEL_FROM or workers < 2:
        yield from (read_file(path, config) for path in files)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(read_file, files, repeat(config), chunksize=8)
