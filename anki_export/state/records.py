"""What the state remembers of each note and note file, and of the builds as a whole.

Plain immutable records; `state.py` stores them (see `state_rows.py` for their SQLite form).
"""

from __future__ import annotations

from dataclasses import dataclass


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
    """The note file it came from (its absolute path) and the line: `path:line`."""
    annotation: str = ""
    """Identity of the annotation it tests (see `ids.annotation_identity`)."""
    tool: str = ""
    """anki-export version that produced the current content."""
    config: str = ""
    """Digest of the options that produced the current content."""
    orphaned: bool = False
    """No longer made: the annotation is gone from the notes (or, when `retired`, no longer
    makes this note); the note is kept, tagged, never deleted."""
    retired: bool = False
    """Orphaned while its annotation was still in the notes: tagged retired, not orphaned."""

    @property
    def source_file(self) -> str:
        """The file part of `source`."""
        return self.source.rsplit(":", 1)[0]


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
    roles: tuple[str, ...] = ()
    """The role of each of its notes, for the build summary."""


@dataclass(frozen=True, slots=True)
class Meta:
    """What the state says about the builds as a whole."""

    note_types: dict[str, str]
    """Note-type ID → signature of its field and template names, to warn before a schema fork."""
    full_build_at: int = 0
    """When the last full deck was written: update decks hold what changed since."""
    tool: str = ""
    """The version that wrote this state."""
    build_key: str = ""
    """Tool version, options and deck that the file records are valid for."""
    full_build_tool: str = ""
    """The version that wrote the last full deck ('' when unknown)."""

