"""One run of anki-export: build the cards, compare them with the state, write deck then state.

Input: paths and options. Output: a `Run` (build, plan) and, when asked, the files on disk.
The deck is written before the state, so a run killed between the two re-emits its changes.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from anki_export import __version__
from anki_export.build import Build, FileResult, Reuse, build
from anki_export.config import Config
from anki_export.discover import fingerprint, home_folder
from anki_export.errors import ExportError, Problem
from anki_export.package import write_package
from anki_export.state import (
    STATE_NAME,
    FileRecord,
    Manifest,
    keep_aside,
    load_manifest,
    save_manifest,
)
from anki_export.update import Plan, PlannedNote, plan_update, stable_clozes

CRASH_POINT = "ANKI_EXPORT_TEST_CRASH_AT"
"""Test-only: names a point where a run is killed (SIGKILL), to prove crash safety."""


@dataclass(frozen=True, slots=True)
class Run:
    """A build compared with the state of earlier builds."""

    build: Build
    plan: Plan
    state_path: Path
    state_broken: bool


def default_state_path(paths: Sequence[Path]) -> Path:
    """`anki-export-state.json` in the vault root, else in the folder holding the inputs."""
    return home_folder(paths) / STATE_NAME


def prepare(
    paths: Sequence[Path],
    config: Config,
    state_path: Path,
    now: int,
    full: bool = True,
    progress: Callable[[int, int], None] | None = None,
    reuse_unchanged: bool = False,
) -> Run:
    """Build the cards, number their clozes as before, and plan the update; writes nothing.

    With `reuse_unchanged`, a file unchanged since the last build (same size and modification
    time, or same content) is not read again: its notes come from the state as they were.
    """
    manifest, problems, broken = load_manifest(state_path)
    reuse = _reuser(manifest, build_key(config)) if reuse_unchanged else None
    result = build(paths, config, progress, reuse)
    cards = stable_clozes(result.cards, manifest)
    files_read = [str(f.path.resolve()) for f in result.files]
    kept = {guid for f in result.files for guid in f.guids}
    plan = plan_update(cards, manifest, config, now, files_read, full=full, kept=kept)
    files = {**manifest.files, **_file_records(result)}
    plan = replace(plan, manifest=replace(plan.manifest, files=files,
                                          build_key=build_key(config)))
    result = replace(result, cards=tuple(cards), problems=(*problems, *result.problems))
    return Run(result, plan, state_path, broken)


def build_key(config: Config) -> str:
    """What file records are valid for: a new version or other options re-read every file."""
    return f"{__version__}/{config.digest()}/{config.parent_deck}"


def _reuser(manifest: Manifest, key: str) -> Reuse:
    """Results of files unchanged since the build that wrote `manifest` (with the same options)."""

    def reuse(path: Path) -> FileResult | None:
        record = manifest.files.get(str(path.resolve()))
        if manifest.build_key != key or record is None or not _unchanged(path, record):
            return None
        if any(guid not in manifest.notes for guid in record.guids):
            return None  # the state lost track of a note: read the file again
        roles = tuple(tag.removeprefix("role::") for guid in record.guids
                      for tag in manifest.notes[guid].tags if tag.startswith("role::"))
        return FileResult(path, "annotated" if record.annotations else "empty",
                          annotations=record.annotations, skipped=record.skipped_roles,
                          problems=tuple(Problem(w) for w in record.warnings), cached=True,
                          guids=record.guids, roles=roles, keyless=record.keyless)

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


def _file_records(result: Build) -> dict[str, FileRecord]:
    """Per file read: its fingerprint and what it produced, so an unchanged file can be skipped."""
    guids: dict[Path, list[str]] = {}
    for card in result.cards:
        guids.setdefault(card.source.path, []).append(card.guid)
    records = {}
    for file in result.files:
        if file.cached:
            continue  # its record is still right
        try:
            size, mtime_ns, digest = fingerprint(file.path)
        except OSError:
            continue  # gone or unreadable since it was read: nothing to remember
        records[str(file.path.resolve())] = FileRecord(
            size=size, mtime_ns=mtime_ns, sha256=digest,
            guids=tuple(guids.get(file.path, ())), annotations=file.annotations,
            skipped_roles=file.skipped, warnings=tuple(str(p) for p in file.problems),
            keyless=file.keyless)
    return records


def write(run: Run, output: Path, now: int, only_changes: bool) -> tuple[PlannedNote, ...]:
    """Write the deck (all notes, or only changed ones), then the state; return what was written."""
    notes = run.plan.update_deck() if only_changes else run.plan.notes
    if not run.state_path.parent.is_dir():
        raise ExportError(f"cannot write state file: folder {run.state_path.parent} does not exist")
    _crash_point("before-deck")
    if notes:
        write_package([p.note for p in notes], output, now=now,
                      modified={p.note.guid: p.mtime for p in notes})
    _crash_point("after-deck")
    if run.state_broken and run.state_path.exists():
        keep_aside(run.state_path)
    nothing_new = only_changes and not notes and all(f.cached for f in run.build.files)
    if not nothing_new:  # else the state on disk already says all there is to say
        save_manifest(run.plan.manifest, run.state_path)
    _crash_point("after-state")
    return notes


def _crash_point(name: str) -> None:
    """Die here, as hard as a power cut, when a crash-safety test asks for it."""
    if os.environ.get(CRASH_POINT) == name:
        os.kill(os.getpid(), signal.SIGKILL)
