"""Where a command may write: the one check every output passes before any work starts.

Input: the output path, what the command reads (notes, state file, config file) and `--force`.
Output: an `ExportError` that says why the output is refused, or the warnings it deserves.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from anki_export.anki.paths import current_base_folder
from anki_export.errors import ExportError, Problem
from anki_export.ids import CLOZE_MODEL_ID, QA_MODEL_ID
from anki_export.scratch import scratch_folder
from anki_export.state.store import LEGACY_NAME, STATE_NAME

GENERATOR_META = '<meta name="generator" content="anki-export">'
"""Marks a preview page as ours, so `preview` may replace it without `--force`."""

Kind = Literal["deck", "preview"]

COLLECTION_NAMES = frozenset({"collection.anki2", "collection.anki21", "collection.anki21b"})
"""What Anki names a profile's collection (the schema of each Anki version)."""
_PROFILE_SUBFOLDERS = frozenset({"collection.media", "backups"})
"""Folders Anki keeps inside a profile: a file there is Anki's too."""
_OUR_MODELS = frozenset({str(CLOZE_MODEL_ID), str(QA_MODEL_ID)})
_SQLITE_MAGIC = b"SQLite format 3\x00"
_PAGE_HEAD = 4096
"""The preview page's marker sits in its first lines."""


@dataclass(frozen=True, slots=True)
class Guard:
    """An output that passed the checks made before the notes are found; the rest is done by
    `check_notes` once they are, still before anything is read or written."""

    output: Path
    warnings: tuple[Problem, ...] = ()
    """Problems that are not refusals (an extension Anki's import dialog will not offer)."""
    refusal: str | None = None
    """Why an existing file may not be replaced without --force; raised by `check_notes`, so a
    note found in a folder is refused as a note first."""

    def check_notes(self, notes: Iterable[Path]) -> None:
        """Refuse the output when it is one of the notes to be read (found in a folder, say)."""
        with _unreadable_is_an_error(self.output):
            target, identity = _real(self.output), _identity(self.output)
            for note in notes:
                if _real(note) == target or (identity and _identity(note) == identity):
                    raise ExportError(f"output {self.output} is also an input; choose another "
                                      "file name")
        if self.refusal is not None:
            raise ExportError(self.refusal)


def guard_output(output: Path, kind: Kind, typed: Sequence[Path], state: Path, config: Path,
                 force: bool = False, dry_run: bool = False) -> Guard:
    """Refuse an output that would destroy something; return its guard and warnings.

    `typed` are the paths on the command line (notes found in folders are checked later by
    `Guard.check_notes`), `state` the state file in use, `config` the config file in use (or
    where one would be found). Never allowed, whatever `force` says: a note being read, the
    state, the config, an Anki collection or a file in an Anki profile. An existing file this
    command did not write needs `force`; with `dry_run` (`plan -o`) that is a warning instead.
    """
    with _unreadable_is_an_error(output):
        return _guard(output, kind, typed, state, config, force, dry_run)


def _guard(output: Path, kind: Kind, typed: Sequence[Path], state: Path, config: Path,
           force: bool, dry_run: bool) -> Guard:
    """`guard_output`'s checks, in order: the refusals `force` cannot lift come first."""
    _refuse_unwritable(output)
    Guard(output).check_notes(path for path in typed if path.is_file())
    states = (state, state.with_name(LEGACY_NAME)) if state.name == STATE_NAME else (state,)
    if any(_same(output, path) for path in states):
        raise ExportError(f"output {output} is also the state file; choose another file name")
    if _same(output, config):
        raise ExportError(f"output {output} is also the config file; choose another file name")
    _refuse_anki_files(output)
    warnings = _extension_warnings(output, kind)
    if kind == "deck":
        warnings += _missing_state_warning(output, states)
    refusal = None
    if output.exists() and not _written_by_us(output, kind):
        what = "a deck" if kind == "deck" else "a preview page"
        if dry_run:
            warnings.append(Problem(f"exists and is not {what} written by anki-export; build "
                                    "will refuse to replace it without --force", output))
        elif not force:
            refusal = (f"output {output} exists and is not {what} written by anki-export; "
                       "choose another file name, or give --force to replace it")
    return Guard(output, tuple(warnings), refusal)


@contextmanager
def _unreadable_is_an_error(output: Path) -> Iterator[None]:
    """A folder that cannot be searched (no permission) is an error naming the output."""
    try:
        yield
    except OSError as error:
        raise ExportError(f"cannot write {output}: {error.strerror}") from error


def _refuse_unwritable(output: Path) -> None:
    """A folder, a device or a file in a missing folder cannot be replaced by a file."""
    if output.is_dir():
        raise ExportError(f"cannot write {output}: it is a folder")
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"cannot write {output}: folder {folder} does not exist")
    if output.exists() and not output.is_file():
        raise ExportError(f"cannot write {output}: it is not a regular file")


def _refuse_anki_files(output: Path) -> None:
    """Anki's own files: a collection (by name or by content), a collection package, a profile."""
    if output.name.casefold() in COLLECTION_NAMES or _is_collection(output):
        what = "an Anki collection" if output.exists() else "named like an Anki collection"
        raise ExportError(f"output {output} is {what}; anki-export never writes over one (to "
                          "put a deck into it, use anki-export import)")
    if output.suffix.casefold() == ".colpkg":
        raise ExportError(f"output {output} is a collection package: Anki would replace the "
                          "whole collection with it on import; choose another file name (a "
                          "deck is a .apkg)")
    if _in_anki_data(output):
        raise ExportError(f"output {output} is in Anki's data folder; write it elsewhere (to "
                          "put a deck into Anki, use anki-export import)")


def _in_anki_data(path: Path) -> bool:
    """Whether `path` lies in this machine's Anki data folder, or in any Anki profile folder
    (one holding a collection, in a folder with Anki's `prefs21.db`), its media or backups."""
    folder = _real(path.parent)  # where the file is put (a link there is replaced)
    base = _real(current_base_folder())
    if folder == base or base in folder.parents:
        return True
    profiles = [folder, folder.parent] if folder.name in _PROFILE_SUBFOLDERS else [folder]
    return any((profile.parent / "prefs21.db").is_file()
               and any((profile / name).is_file() for name in COLLECTION_NAMES)
               for profile in profiles)


def _is_collection(path: Path) -> bool:
    """Whether `path` is an SQLite file with Anki's `col` and `notes` tables."""
    try:
        with path.open("rb") as stream:
            if stream.read(len(_SQLITE_MAGIC)) != _SQLITE_MAGIC:
                return False
    except OSError:
        return False
    return {"col", "notes"} <= _tables(path)


def _tables(path: Path) -> set[str]:
    """The tables of an SQLite file; empty when it cannot be read."""
    try:
        with closing(_read_only(path)) as db:
            names = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    except sqlite3.Error:
        return set()
    return {name for (name,) in names}


def _read_only(path: Path) -> sqlite3.Connection:
    """`path` opened so that nothing is written beside it: read-only would still make the
    `-wal` and `-shm` files of a collection in WAL mode; immutable takes no lock either."""
    return sqlite3.connect(_real(path).as_uri() + "?mode=ro&immutable=1", uri=True)


def _extension_warnings(output: Path, kind: Kind) -> list[Problem]:
    """An output its reader will not offer to open: Anki's import dialog, or a browser."""
    suffix = output.suffix.casefold()
    if kind == "deck" and suffix != ".apkg":
        return [Problem("Anki's import dialog offers only .apkg files for a deck; name it "
                        f"{output.stem}.apkg", output)]
    if kind == "preview" and suffix not in (".html", ".htm"):
        return [Problem(f"a browser opens the preview only as a .html file; name it "
                        f"{output.stem}.html", output)]
    return []


def _written_by_us(output: Path, kind: Kind) -> bool:
    """Whether an existing output is one this command wrote: a deck of ours, a preview page."""
    if kind == "preview":
        try:
            with output.open("rb") as stream:
                return GENERATOR_META.encode() in stream.read(_PAGE_HEAD)
        except OSError:
            return False
    return _is_our_deck(output)


def _is_our_deck(path: Path) -> bool:
    """An `.apkg` whose note types are all anki-export's (read from the collection inside)."""
    return _our_deck_notes(path) is not None


def _our_deck_notes(path: Path) -> int | None:
    """How many notes a deck anki-export wrote holds; None when it is not one of ours."""
    try:
        with zipfile.ZipFile(path) as archive, scratch_folder() as scratch:
            names = set(archive.namelist())
            member = next((n for n in ("collection.anki21", "collection.anki2") if n in names),
                          None)
            if member is None:
                return None
            collection = Path(scratch) / "collection.anki2"
            with archive.open(member) as source, collection.open("wb") as target:
                shutil.copyfileobj(source, target)
            models, notes = _models_and_notes(collection)
    except (OSError, ValueError, EOFError, RuntimeError, NotImplementedError, zlib.error,
            zipfile.BadZipFile):
        return None  # not a zip, damaged, encrypted, or compressed in a way we do not read
    return notes if models and models <= _OUR_MODELS else None


def _models_and_notes(collection: Path) -> tuple[set[str], int]:
    """The note-type IDs of a collection file and its number of notes (none: not one)."""
    try:
        with closing(_read_only(collection)) as db:
            row = db.execute("SELECT models FROM col").fetchone()
            notes = db.execute("SELECT count(*) FROM notes").fetchone()[0]
        models = json.loads(row[0]) if row else {}
    except (sqlite3.Error, ValueError, TypeError):
        return set(), 0
    return (set(models), int(notes)) if isinstance(models, dict) else (set(), 0)


def _missing_state_warning(output: Path, states: Sequence[Path]) -> list[Problem]:
    """A deck built before without the state that built it: edits cannot keep identities."""
    if any(state.exists() for state in states) or not output.is_file():
        return []
    notes = _our_deck_notes(output)
    if notes is None:
        return []
    return [Problem(f"no state file at {states[0]}, though {output} is a deck anki-export built "
                    f"before ({notes} notes): this build cannot tell an edited highlight from a "
                    "new one, so none of those notes' identities can be carried over an edit "
                    "(an edited highlight makes new notes; their review history stays with the "
                    "old ones); if the state file was moved, give it with --state")]


def _same(output: Path, other: Path) -> bool:
    """Whether two paths name one file: after resolving links and `..`, or by identity (a hard
    link, or another spelling on a case-insensitive file system)."""
    if _real(output) == _real(other):
        return True
    identity = _identity(output)
    return identity is not None and identity == _identity(other)


def _identity(path: Path) -> tuple[int, int] | None:
    """The file `path` names, as `os.path.samefile` compares files (None: no such file).

    Kept, so that one output is compared with thousands of notes at one `stat` each."""
    try:
        stat = os.stat(path)
    except (OSError, ValueError):
        return None
    return stat.st_dev, stat.st_ino


def _real(path: Path) -> Path:
    """`path` absolute, with links and `..` resolved; a link loop is left as it is (where
    `Path.resolve` raises)."""
    return Path(os.path.realpath(path))
