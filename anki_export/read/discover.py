"""Find note files on disk and read them.

Input: paths the user named. Output: markdown files, then `SourceNote`s (via `notes.parse_note`).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from anki_export.errors import ExportError, Problem
from anki_export.read.notes import SourceNote, parse_note


def find_note_files(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """Markdown files under `paths` (recursive), skipping hidden folders like `.obsidian/`."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            files.extend(_walk(path, problems))
        elif path.is_file():
            files.append(path)
        elif path.exists():
            problems.append(Problem("not a regular file; skipped", path))
        else:
            raise ExportError(f"no such file or folder: {path}")
    unique = list(dict.fromkeys(files))  # a file named twice is read once
    return unique, problems


def _walk(folder: Path, problems: list[Problem]) -> list[Path]:
    """`*.md` files below `folder`, in a stable order, never following a link into a loop."""
    found: list[Path] = []
    seen: set[tuple[int, int]] = set()

    def on_error(error: OSError) -> None:
        reason = f"cannot read folder ({error.strerror}); skipped"
        problems.append(Problem(reason, Path(error.filename)))

    for root, dirs, names in os.walk(folder, followlinks=True, onerror=on_error):
        stat = os.stat(root)
        if (stat.st_dev, stat.st_ino) in seen:  # a symlink loop: this folder was walked already
            dirs[:] = []
            continue
        seen.add((stat.st_dev, stat.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.endswith(".md") and not name.startswith("."):
                candidate = Path(root) / name
                if candidate.is_file():
                    found.append(candidate)
                elif candidate.is_symlink():
                    # Dropped silently, a note behind a dangling or looping link would have its
                    # cards orphaned with no word why.
                    problems.append(Problem("link to a missing file or a link loop; skipped",
                                            candidate))
    return found


def find_vault(path: Path) -> Path | None:
    """The Obsidian vault holding `path`: the nearest parent folder with a `.obsidian/` folder."""
    for parent in path.resolve().parents:
        if (parent / ".obsidian").is_dir():
            return parent
    return None


def decode(data: bytes, path: Path) -> tuple[str, list[Problem]]:
    """Text of a note file: UTF-8 (with or without BOM), else Windows-1252, with a warning."""
    problems = []
    if b"\x00" in data:
        problems.append(Problem("file contains NUL bytes; they were removed", path))
        data = data.replace(b"\x00", b"")
    try:
        return data.decode("utf-8-sig"), problems
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.append(Problem("file is not UTF-8; read as Windows-1252", path, line))
        return data.decode("cp1252", errors="replace"), problems


def read_note(path: Path) -> SourceNote:
    """Read and parse one note; an unreadable file raises `ExportError` naming it."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ExportError(f"cannot read file ({error.strerror})", path) from error
    text, problems = decode(data, path)
    note = parse_note(text, path, find_vault(path))
    if problems:
        note = replace(note, problems=(*problems, *note.problems))
    return note


def home_folder(paths: Sequence[Path]) -> Path:
    """Where a weekly routine finds its files again: the vault root, else the inputs' folder."""
    vault = find_vault(paths[0]) if paths else None
    if vault is not None:
        return vault
    common = Path(os.path.commonpath([str(p.resolve()) for p in paths])) if paths else Path.cwd()
    return common if common.is_dir() else common.parent


def fingerprint(path: Path) -> tuple[int, int, str]:
    """Size, modification time (ns) and SHA-256 of a file: enough to know it is unchanged."""
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest()
