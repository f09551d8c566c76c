"""Write Anki notes to an `.apkg` file with genanki: atomically, compressed, with chosen times.

Input: `Card`s. Output: a deck package that Anki imports. genanki is untyped; it stays in here.
"""

from __future__ import annotations

import itertools
import json
import re
import sqlite3
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import genanki
from genanki.apkg_col import APKG_COL
from genanki.apkg_schema import APKG_SCHEMA

from anki_export.atomic import replace_atomically
from anki_export.cards.card import Card
from anki_export.deck.decks import citekey_tag, deck_name, role_tag
from anki_export.deck.fields import card_fields
from anki_export.deck.media import media_name
from anki_export.deck.notetypes import NoteType, cloze_note_type, qa_note_type
from anki_export.errors import ExportError
from anki_export.ids import deck_id
from anki_export.scratch import scratch_folder

_CLOZE_NUMBER = re.compile(r"\{\{c(\d+)::")
VERSION_ONLY = "anki-export:version-only"
"""The `data` column of a package's note (which Anki's import does not copy) for a note that
changed only because anki-export's version did: `anki-export import` keeps an edit made in Anki
over such a change (`anki/skipped.py`)."""


@dataclass(frozen=True, slots=True)
class AnkiNote:
    """One note exactly as it goes into the package."""

    guid: str
    note_type: NoteType
    fields: tuple[str, ...]
    """Field values (HTML) in the note type's order."""
    tags: tuple[str, ...]
    deck: str
    """Full deck name, `Parent::Source title`."""
    media: tuple[Path, ...] = ()
    """Files the fields refer to (an image annotation's image)."""

    @property
    def card_count(self) -> int:
        """Cards Anki makes of it: one per cloze number, else one."""
        if not self.note_type.is_cloze:
            return 1
        return len(set(_CLOZE_NUMBER.findall(self.fields[0])))


def anki_note(card: Card, parent_deck: str, extra_tags: Iterable[str] = ()) -> AnkiNote:
    """The package form of `card`: note type, fields in order, tags and deck."""
    note_type = cloze_note_type() if card.kind == "cloze" else qa_note_type()
    values = card_fields(card)
    source = card.source
    tags = (citekey_tag(source.citekey), role_tag(card.annotation.role), *source.tags,
            *extra_tags)
    return AnkiNote(
        guid=card.guid,
        note_type=note_type,
        fields=tuple(values[name] for name in note_type.fields),
        tags=tuple(dict.fromkeys(tags)),
        deck=deck_name(source, parent_deck),
        media=(card.annotation.image_file,) if card.annotation.image_file else (),
    )


def write_package(
    notes: Iterable[AnkiNote],
    path: Path,
    now: float,
    modified: Mapping[str, int] | None = None,
) -> None:
    """Write `notes` to `path`; an existing file is replaced only once the new one is complete.

    Every note is stamped with `now`, or with `modified[guid]` (seconds) where given: Anki
    updates a known note on import only when the incoming one is newer.
    """
    with PackageWriter(path, now) as package:
        for note in notes:
            package.add(note, (modified or {}).get(note.guid))
        package.finish()


class PackageWriter:
    """Writes notes into a collection file as they come, then zips it into the package.

    Memory stays flat however big the vault: a note is in the file as soon as it is added.
    Nothing reaches `path` before `finish`; leaving the `with` block without it discards all.
    """

    def __init__(self, path: Path, now: float) -> None:
        # Checked before the work (it is checked again when the file is replaced).
        folder = path.parent if str(path.parent) else Path(".")
        if not folder.is_dir():
            raise ExportError(f"cannot write {path}: folder {folder} does not exist")
        self.path = path
        self.now = now
        self.notes = 0
        self.cards = 0
        self._scratch = scratch_folder()
        self._database = Path(self._scratch.name) / "collection.anki2"
        self._connection = sqlite3.connect(self._database)
        self._cursor = self._connection.cursor()
        self._cursor.executescript(APKG_SCHEMA)
        self._cursor.executescript(APKG_COL)
        self._cursor.execute("PRAGMA synchronous = OFF")  # a scratch file, zipped at the end
        self._ids = itertools.count(int(now * 1000))
        self._models: dict[int, genanki.Model] = {}
        self._decks: dict[str, genanki.Deck] = {}
        self._media: dict[str, Path] = {}

    def __enter__(self) -> PackageWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add(self, note: AnkiNote, modified: int | None = None, version_only: bool = False) -> None:
        """Write one note and its cards, stamped `modified` (seconds), else with `now`.

        `version_only`: its change comes only from a new anki-export version (`VERSION_ONLY`).
        """
        model = self._models.get(note.note_type.model_id)
        if model is None:
            model = self._models.setdefault(note.note_type.model_id,
                                            _genanki_model(note.note_type))
        deck = self._decks.get(note.deck)
        if deck is None:
            deck = self._decks.setdefault(note.deck, genanki.Deck(deck_id(note.deck), note.deck))
        # Each note (and its cards) is stamped with the time its content changed.
        stamp = int(self.now) if modified is None else modified
        _EscapedNote(model=model, fields=list(note.fields), tags=list(note.tags),
                     guid=note.guid).write_to_db(self._cursor, stamp, deck.deck_id, self._ids)
        if version_only:  # ids only grow: the note just written has the largest
            self._cursor.execute("UPDATE notes SET data = ? WHERE id = (SELECT max(id) FROM "
                                 "notes)", (VERSION_ONLY,))
        self._media.update((media_name(file), file) for file in note.media)
        self.notes += 1
        self.cards += note.card_count

    def finish(self) -> None:
        """Write the decks and note types once, then zip everything into `path` atomically."""
        _write_decks_and_models(self._cursor, list(self._decks.values()),
                                list(self._models.values()), self.now)
        self._connection.commit()
        self._connection.close()
        _zip_atomically(self._database, self.path, self._media)

    def close(self) -> None:
        """Remove the scratch files (the package, once finished, stays)."""
        self._connection.close()
        self._scratch.cleanup()


class _EscapedNote(genanki.Note):  # type: ignore[misc]
    """A genanki note whose fields come from `fields.py`, where all text is escaped.

    genanki scans every field for tags that look like unescaped text, to warn about them;
    ours never hold any, so the scan (a tenth of the writing time) is skipped.
    """

    def _check_invalid_html_tags_in_fields(self) -> None:
        return


def _write_decks_and_models(
    cursor: sqlite3.Cursor, decks: list[genanki.Deck], models: list[genanki.Model], now: float
) -> None:
    """Decks and note types go into the collection row once.

    genanki's `Deck.write_to_db` rewrites that JSON once per deck, which is quadratic in the
    number of sources (minutes for a vault of thousands of notes).
    """
    known = json.loads(cursor.execute("SELECT decks FROM col").fetchone()[0])
    known.update({str(deck.deck_id): deck.to_json() for deck in decks})
    home = decks[0].deck_id if decks else 1
    types = {str(model.model_id): model.to_json(now, home) for model in models}
    cursor.execute("UPDATE col SET decks = ?, models = ?", (json.dumps(known), json.dumps(types)))


def _genanki_model(note_type: NoteType) -> genanki.Model:
    """genanki's form of a note type."""
    return genanki.Model(
        note_type.model_id,
        note_type.name,
        fields=note_type.field_dicts(),
        templates=note_type.template_dicts(),
        css=note_type.css,
        model_type=genanki.Model.CLOZE if note_type.is_cloze else genanki.Model.FRONT_BACK,
    )


def _zip_atomically(database: Path, path: Path, media: Mapping[str, Path]) -> None:
    """Zip the collection (deflated) and media, replacing `path` only once it is complete."""

    def write(stream: BinaryIO) -> None:
        with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.write(database, "collection.anki2")
            names = dict(enumerate(sorted(media)))
            archive.writestr("media", json.dumps({str(i): n for i, n in names.items()}))
            for index, name in names.items():
                archive.write(media[name], str(index))

    replace_atomically(path, write)
