"""Notes as a deck package brings them and as a collection holds them, and how they compare.

Input: an `.apkg` (read with sqlite3 alone, no engine), an `AnkiNote` of the next build, or a
row of a collection's `notes` table. Output: `PackageNote`s with the content hash the state
keeps, `CollectionNote`s, and whether importing one over the other changes what anki-export
wrote (the user's own tags aside).
"""

from __future__ import annotations

import html
import json
import sqlite3
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from anki_export.deck.content import content_hash
from anki_export.deck.decks import RETIRED_TAG, citekey_tag
from anki_export.deck.notetypes import cloze_note_type, qa_note_type
from anki_export.deck.package import VERSION_ONLY, AnkiNote
from anki_export.errors import ExportError

SUSPENDED_TAG = "anki-export::suspended"
"""Marks notes whose cards anki-export suspended, so it can unsuspend them later."""
OWN_PREFIXES = ("role::", "anki-export::")
FIELD_SEPARATOR = "\x1f"  # Anki's own, in the `flds` column


@dataclass(frozen=True, slots=True)
class PackageNote:
    """One note as an import brings it."""

    guid: str
    note_type: int
    fields: tuple[str, ...]
    """Field values as stored (HTML)."""
    tags: tuple[str, ...]
    deck: str
    mtime: int
    """Its stamp: Anki updates a known note only when this is newer than the note's own."""
    version_only: bool = False
    """It changed only because anki-export's version did (see `package.VERSION_ONLY`)."""

    @property
    def hash(self) -> str:
        """The content hash, equal to the state's for the same note."""
        return content_hash(self.note_type, self.fields, self.tags, self.deck)


@dataclass(frozen=True, slots=True)
class CollectionNote:
    """One note of the user's collection."""

    id: int
    guid: str
    note_type: int
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    mtime: int
    """When it last changed in Anki (or was imported): Anki's `mod`, in seconds."""

    @property
    def citekey_tag(self) -> str:
        """The tag anki-export made of its `Citekey` field ('' if it has none)."""
        names = _field_names().get(self.note_type, ())
        values = dict(zip(names, self.fields, strict=False))
        citekey = html.unescape(values.get("Citekey", "")).strip()  # fields are HTML
        return citekey_tag(citekey) if citekey else ""


COLLECTION_COLUMNS = "id, guid, mid, flds, tags, mod"


def collection_note(row: Sequence[Any]) -> CollectionNote:
    """A note from a `notes` row selected as `COLLECTION_COLUMNS`."""
    nid, guid, mid, fields, tags, mod = row
    return CollectionNote(nid, guid, mid, tuple(fields.split(FIELD_SEPARATOR)),
                          tuple(tags.split()), mod)


def from_anki_note(note: AnkiNote, mtime: int, version_only: bool = False) -> PackageNote:
    """A note of the next build, as its package will bring it."""
    return PackageNote(note.guid, note.note_type.model_id, note.fields, note.tags, note.deck,
                       mtime, version_only)


def package_notes(apkg: Path) -> dict[str, PackageNote]:
    """GUID → note of every note in a deck package, read with sqlite3 (no engine needed).

    A package Anki itself exported keeps its notes in another file: none are found. Nor are
    any in a file without Anki's tables: the engine judges such a package when it imports it.
    """
    if not apkg.is_file():
        raise ExportError(f"no such deck package: {apkg}")
    try:
        with zipfile.ZipFile(apkg) as archive:
            data = archive.read("collection.anki2")  # what genanki writes
        db = sqlite3.connect(":memory:")
        try:
            db.deserialize(data)
            rows = db.execute("select guid, mid, flds, tags, mod, (select min(did) from cards "
                              "where nid = notes.id), data from notes").fetchall()
            decks = _deck_names(db)
        except sqlite3.OperationalError:  # no such table or column
            return {}
        finally:
            db.close()
    except (OSError, KeyError, zipfile.BadZipFile, sqlite3.DatabaseError) as error:
        raise ExportError(f"cannot read deck package ({error})", apkg) from error
    return {str(guid): PackageNote(str(guid), mid, tuple(fields.split(FIELD_SEPARATOR)),
                                   tuple(tags.split()), decks.get(did, ""), mod,
                                   data == VERSION_ONLY)
            for guid, mid, fields, tags, mod, did, data in rows}


def _deck_names(db: sqlite3.Connection) -> dict[int, str]:
    """Deck id → name, from the package's `col` row (the schema genanki writes)."""
    row = db.execute("select decks from col").fetchone()
    try:
        decks = json.loads(row[0]) if row else {}
        return {int(key): str(deck.get("name", "")) for key, deck in decks.items()}
    except (ValueError, TypeError, AttributeError):  # not the JSON genanki writes
        return {}


def user_tags(previous: Iterable[str], incoming: Iterable[str], citekey: str) -> list[str]:
    """The tags of `previous` that the user added in Anki.

    Every tag except those the incoming note carries, those starting with `role::` or
    `anki-export::`, and the citekey tag of the note's previous `Citekey` field (a regenerated
    citekey must not linger); tags compare without case, as Anki's do.
    """
    theirs = {tag.casefold() for tag in incoming} | {citekey.casefold()}
    return [tag for tag in previous
            if tag.casefold() not in theirs and not tag.casefold().startswith(OWN_PREFIXES)]


def edited_in_anki(present: CollectionNote, incoming: PackageNote, delivered: str) -> bool:
    """Whether the user changed a note's fields in Anki since the import that delivered it
    (content hash `delivered`), for a note whose tags and deck anki-export has not changed
    since but for the retired tag (a change of its version only): its fields, with the
    incoming tags and deck."""
    tags = tuple(tag for tag in incoming.tags if tag != RETIRED_TAG)
    fields = tuple(_nfc(value) for value in present.fields)
    theirs = content_hash(present.note_type, fields, tags, incoming.deck)
    ours = content_hash(present.note_type, present.fields, tags, incoming.deck)
    return delivered not in (theirs, ours)


def differs(present: CollectionNote, incoming: PackageNote) -> bool:
    """Whether importing `incoming` over `present` would change what anki-export wrote.

    Fields compare as Anki stores them (it normalises text to NFC on import); tags without
    case, leaving out the user's own (`user_tags`) and the importer's suspension marker. Decks
    are not compared: Anki's import never moves the cards of a note it already has, and cards
    you moved stay where you put them.
    """
    if present.note_type != incoming.note_type:
        return True
    if present.fields != incoming.fields and (
            [_nfc(v) for v in present.fields] != [_nfc(v) for v in incoming.fields]):
        return True
    mine = {t.casefold() for t in user_tags(present.tags, incoming.tags, present.citekey_tag)}
    ours = {t.casefold() for t in present.tags} - mine - {SUSPENDED_TAG.casefold()}
    return ours != {t.casefold() for t in incoming.tags}


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@cache
def _field_names() -> dict[int, tuple[str, ...]]:
    """Field names of anki-export's note types, by note-type ID."""
    return {t.model_id: t.fields for t in (cloze_note_type(), qa_note_type())}
