"""One run of anki-export: stream a vault's cards past the state of earlier builds into a deck.

Input: paths and options. Output: a `Run` (the build's summary and the plan) and, when asked,
the deck and the new state on disk. Each file's cards are planned and written as soon as they
are made, so memory stays flat however big the vault. The deck is written before the state,
so a run killed between the two re-emits its changes.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Sequence
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path

from anki_export import __version__
from anki_export.cards.fronts import DistinctCards
from anki_export.cards.note_file import FileResult, read_file
from anki_export.cards.tally import Build, Tally
from anki_export.cards.vault import Reuse, note_files, read_files
from anki_export.config import Config
from anki_export.deck.package import PackageWriter
from anki_export.errors import Problem
from anki_export.outputs import Guard
from anki_export.read.annotations import unread_links
from anki_export.read.discover import fingerprint, home_folder
from anki_export.state.planner import Options, Planner
from anki_export.state.records import FileRecord, Meta
from anki_export.state.store import LEGACY_NAME, STATE_NAME, State, keep_aside
from anki_export.state.update import Plan, note_type_signatures
from anki_export.state.writer import StateWriter

CRASH_POINT = "ANKI_EXPORT_TEST_CRASH_AT"
"""Test-only: names a point where a run is killed (SIGKILL), to prove crash safety.

`POINT:SIGNAL` sends another signal instead: `reading:STOP` stops the run while it reads its
first files (workers running), so a test can look at its processes and choose how it ends.
"""

WRITE_NOTHING = Options()
"""Build and plan only."""

Approve = Callable[[Build, Plan], None]
"""Sees the build and plan before anything is written; raising `ExportError` writes nothing."""


@dataclass(frozen=True, slots=True)
class Run:
    """A build compared with the state of earlier builds, and what was written of it."""

    build: Build
    plan: Plan
    state_path: Path
    notes_written: int = 0
    """Notes in the deck written (0: no deck was written)."""
    cards_written: int = 0


def default_state_path(paths: Sequence[Path]) -> Path:
    """`anki-export-state.sqlite3` in the vault root, else in the folder holding the inputs."""
    return home_folder(paths) / STATE_NAME


def build_key(config: Config) -> str:
    """What file records are valid for: a new version or other options re-read every file."""
    return f"{__version__}/{config.digest()}/{config.parent_deck}"


def run(
    paths: Sequence[Path],
    config: Config,
    state_path: Path,
    now: int,
    options: Options = WRITE_NOTHING,
    progress: Callable[[int, int], None] | None = None,
    approve: Approve | None = None,
    guard: Guard | None = None,
) -> Run:
    """Build the cards, number their clozes as before, plan the update, and write what is asked.

    A file unchanged since the last build (same size and modification time, or same content,
    read with the same options) is not read again: its notes come from the state as they were.
    `guard` checks the output against the notes found, before anything is written.
    """
    state = State(_state_to_read(state_path))
    damaged_at_open = state.broken
    writer: StateWriter | None = None
    deck: PackageWriter | None = None
    try:
        files, problems = note_files(paths)
        if guard is not None:
            guard.check_notes(files)
            problems = [*guard.warnings, *problems]
        if options.save_state:
            writer = StateWriter(state_path, state)
        if options.output is not None:
            deck = PackageWriter(options.output, now)
        stream, tally = _plan(files, problems, config, now, options, state, deck, writer,
                              progress)
        if options.only_changes and state.broken and not damaged_at_open:
            # An update deck takes unchanged files' notes as the state lists them, unread:
            # damage met since may have lost some. Plan again, from what could be read.
            if deck is not None:
                deck.close()
                deck = PackageWriter(deck.path, now)
            if writer is not None:
                writer.start_over()
            stream, tally = _plan(files, problems, config, now, options, state, deck, writer)
        if writer is not None and _keeps_state(deck, state, stream):
            writer.merge()  # may find damage yet unseen: before the warnings are shown
        tally.problems[:0] = state.problems  # the state's first: found at any read
        result, plan = tally.build(), stream.plan()
        if approve is not None:
            approve(result, plan)
        written = _write(deck, writer, state, stream, Meta(
            note_type_signatures(),
            state.meta.full_build_at if options.only_changes else now,
            __version__, build_key(config),
            state.meta.full_build_tool if options.only_changes else __version__))
        writer = None  # committed or discarded
        return Run(result, plan, state_path, written, deck.cards if deck and written else 0)
    finally:
        if writer is not None:
            writer.discard()
        if deck is not None:
            deck.close()
        state.close()


def _plan(files: list[Path], problems: list[Problem], config: Config, now: int,
          options: Options, state: State, deck: PackageWriter | None,
          writer: StateWriter | None, progress: Callable[[int, int], None] | None = None,
          ) -> tuple[Planner, Tally]:
    """Every file's notes planned and written as they come, then the orphans'."""
    stream = Planner(state, config, now, options, deck, writer)
    tally = Tally(list(problems), options.keep_cards)
    distinct = DistinctCards()
    # Listings and previews show every card, so they read every file.
    reuse = None if options.keep_cards else _reuser(state, build_key(config))
    # Closed however the loop ends, so the workers stop as soon as the run does.
    with closing(read_files(files, config, progress, reuse)) as results:
        for file in results:
            if file.cached and not stream.kept(file):
                file = read_file(file.path, config)  # its notes were lost to a damaged state
            if file.cached:
                tally.add(file, ())
                continue
            _crash_point("reading")
            # Duplicate-card warnings belong to the file: its record repeats them on a
            # rebuild that skips it, so a cached build warns as the full build did.
            duplicates: list[Problem] = []
            cards = distinct.of_file(file.cards, duplicates)
            file = replace(file, problems=(*duplicates, *file.problems))
            first = state.file(str(file.path.resolve())) is None
            tally.add(file, stream.fresh(file, cards), first_read=first)
    stream.orphans({str(path.resolve()) for path in files})
    return stream, tally


def _write(deck: PackageWriter | None, writer: StateWriter | None, state: State,
           stream: Planner, meta: Meta) -> int:
    """Put the deck, then the new state, in place; return how many notes the deck holds."""
    written = deck.notes if deck is not None else 0
    _crash_point("before-deck")
    if deck is not None and written:
        deck.finish()
    _crash_point("after-deck")
    if writer is not None and state.broken and state.path.exists():
        keep_aside(state.path)
    if writer is not None and not _keeps_state(deck, state, stream):
        writer.discard()  # the state already says all there is to say
    elif writer is not None:
        writer.commit(meta)
        _retire_legacy(state.path, writer.path)
    _crash_point("after-state")
    return written


def _keeps_state(deck: PackageWriter | None, state: State, stream: Planner) -> bool:
    """Whether the run writes a new state: an update deck with nothing in it changes nothing,
    unless the last state was damaged and is replaced."""
    empty = deck is None or not deck.notes
    return not (stream.options.only_changes and empty and stream.unchanged_files
                and not state.broken)


def _reuser(state: State, key: str) -> Reuse:
    """Results of files unchanged since the build that wrote `state` (with the same options)."""

    def reuse(path: Path) -> FileResult | None:
        if state.meta.build_key != key:
            return None
        record = state.file(str(path.resolve()))
        if record is None or not _unchanged(path, record):
            return None
        return FileResult(path, "annotated" if record.annotations else "empty",
                          annotations=record.annotations, skipped=record.skipped_roles,
                          problems=tuple(Problem(w) for w in record.warnings), cached=True,
                          guids=record.guids, roles=record.roles, keyless=record.keyless,
                          unread_links=sum(unread_links(w) for w in record.warnings))

    return reuse


def _unchanged(path: Path, record: FileRecord) -> bool:
    """Same size and modification time as recorded, or else the same content."""
    try:
        stat = path.stat()
    except OSError:
        return False
    if (stat.st_size, stat.st_mtime_ns) == (record.size, record.mtime_ns):
        return True
    return stat.st_size == record.size and fingerprint(path)[2] == record.sha256


def _state_to_read(state_path: Path) -> Path:
    """The state file, or the JSON state of an older version beside it (read once)."""
    legacy = state_path.with_name(LEGACY_NAME)
    if state_path.name == STATE_NAME and not state_path.exists() and legacy.is_file():
        return legacy
    return state_path


def _retire_legacy(read: Path, written: Path) -> None:
    """Once its history is in the new state file, the old JSON one is renamed, never deleted."""
    if read != written and read.name == LEGACY_NAME and read.exists():
        os.replace(read, read.with_name(f"{LEGACY_NAME}.migrated"))


def _crash_point(name: str) -> None:
    """Die here, as hard as a power cut, when a crash-safety test asks for it."""
    point, _, signal_name = os.environ.get(CRASH_POINT, "").partition(":")
    if point == name:
        os.kill(os.getpid(), getattr(signal, f"SIG{signal_name or 'KILL'}"))
