"""The manifest: what anki-export has emitted before, so a rebuild can tell new from changed.

Input/output: a JSON file (inspectable), read before a build and written atomically after the
deck. Content hashes for change detection live here; identities do not (see `ids.py`).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import time
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, BinaryIO

from anki_export.atomic import replace_atomically
from anki_export.errors import ExportError, Problem

STATE_NAME = "anki-export-state.json"
FORMAT = 1


@dataclass(frozen=True, slots=True)
class NoteRecord:
    """One Anki note as last emitted."""

    hash: str
    """Hash of everything Anki stores for the note (note type, fields, tags, deck)."""
    mtime: int
    """Modification time stamped on the note: when its content last changed."""
    note_type: int
    """Note-type (model) ID."""
    fields: tuple[str, ...]
    """Field values, to re-emit the note when its annotation disappears."""
    tags: tuple[str, ...]
    deck: str
    clozes: tuple[tuple[str, int], ...] = ()
    """Cloze-number assignments of the last build: (hidden text, normalised) → number."""
    source: str = ""
    """The note file it came from (relative to the manifest's folder) and the line."""
    annotation: str = ""
    """Identity of the annotation it tests (see `ids.annotation_identity`)."""
    tool: str = ""
    """anki-export version that produced the current content."""
    config: str = ""
    """Digest of the options that produced the current content."""
    orphaned: bool = False
    """The annotation is gone from the notes; the note is kept, tagged, never deleted."""


@dataclass(frozen=True, slots=True)
class FileRecord:
    """What a note file looked like when it was last read, to skip it cheaply when unchanged."""

    size: int
    mtime_ns: int
    sha256: str
    guids: tuple[str, ...]
    """Notes the file produced."""
    annotations: int = 0
    """Annotations the file held."""
    skipped_roles: tuple[str, ...] = ()
    """Roles of its annotations that made no card."""
    warnings: tuple[str, ...] = ()
    """Warnings reading it gave, repeated when it is skipped."""
    keyless: int = 0
    """Its annotations without a Zotero annotation key."""


@dataclass(frozen=True, slots=True)
class Manifest:
    """Everything the previous builds left for the next one."""

    notes: dict[str, NoteRecord] = field(default_factory=dict)
    """By GUID."""
    files: dict[str, FileRecord] = field(default_factory=dict)
    """By file path (relative to the manifest's folder)."""
    note_types: dict[str, str] = field(default_factory=dict)
    """Note-type ID → signature of its field and template names, to warn before a schema fork."""
    full_build_at: int = 0
    """When the last full deck was written: update decks hold what changed since."""
    tool: str = ""
    """The version that wrote this manifest."""
    build_key: str = ""
    """Tool version, options and deck that the file records are valid for."""


def content_hash(note_type: int, fields: tuple[str, ...], tags: tuple[str, ...], deck: str) -> str:
    """A hash of what Anki would store: equal hashes mean importing changes nothing."""
    data = json.dumps([note_type, fields, sorted(tags), deck], ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()


def load_manifest(path: Path) -> tuple[Manifest, list[Problem], bool]:
    """The manifest at `path` (empty when missing), warnings, and whether the file is broken."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("not an anki-export state file of a known format")
        return _from_json(data), [], False
    except FileNotFoundError:
        return Manifest(), [], False
    except OSError as error:
        raise ExportError(f"cannot read state file ({error.strerror})", path) from error
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        return Manifest(), [Problem(
            f"state file is unreadable ({error}); this build treats every note as new: "
            "importing it updates every note in Anki, including notes you edited there", path)
        ], True


def keep_aside(path: Path) -> Path:
    """Move a broken state file out of the way (never delete it: it may be the user's only copy)."""
    aside = path.with_name(f"{path.name}.broken-{time.strftime('%Y%m%d-%H%M%S')}")
    try:
        os.replace(path, aside)
    except OSError as error:
        reason = f"cannot move broken state file aside ({error.strerror})"
        raise ExportError(reason, path) from error
    return aside


def save_manifest(manifest: Manifest, path: Path) -> None:
    """Write the manifest atomically: a temporary file beside it, renamed over it."""
    # Compact and shallow (no `asdict` deep copy): the state of a big vault is tens of MB.
    data = {
        "format": FORMAT,
        "notes": {guid: _shallow(record) for guid, record in manifest.notes.items()},
        "files": {path: _shallow(record) for path, record in manifest.files.items()},
        "note_types": manifest.note_types,
        "full_build_at": manifest.full_build_at,
        "tool": manifest.tool,
        "build_key": manifest.build_key,
    }

    def write(stream: BinaryIO) -> None:
        # Streamed: the text of a big vault's state is hundreds of MB, never held in memory.
        text = io.TextIOWrapper(stream, encoding="utf-8", write_through=True)
        json.dump(data, text, ensure_ascii=False, separators=(",", ":"))
        text.flush()
        text.detach()  # leave the stream open for the caller to sync and close

    replace_atomically(path, write)


def _shallow(record: NoteRecord | FileRecord) -> dict[str, Any]:
    """A record's fields as a dict, without copying their values."""
    return {f.name: getattr(record, f.name) for f in fields(record)}


def _from_json(data: dict[str, Any]) -> Manifest:
    """Rebuild the records from JSON lists (tuples were written as lists)."""
    notes = {
        guid: NoteRecord(**{
            **record,
            "fields": tuple(record["fields"]),
            "tags": tuple(record["tags"]),
            "clozes": tuple((str(t), int(n)) for t, n in record.get("clozes", ())),
        })
        for guid, record in data["notes"].items()
    }
    files = {
        path: FileRecord(**{**record, "guids": tuple(record["guids"]),
                            "skipped_roles": tuple(record.get("skipped_roles", ())),
                            "warnings": tuple(record.get("warnings", ()))})
        for path, record in data.get("files", {}).items()
    }
    return Manifest(
        notes=notes,
        files=files,
        note_types=dict(data.get("note_types", {})),
        full_build_at=int(data.get("full_build_at", 0)),
        tool=str(data.get("tool", "")),
        build_key=str(data.get("build_key", "")),
    )
