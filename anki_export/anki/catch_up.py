"""Edits that reach Anki anyway: notes the engine skipped as not newer whose content changed.

Input: the open collection (inside the import's transaction), the notes Anki skipped as they
were before the import, the package's notes and the record of earlier deliveries. Output: the
notes whose content changed since it last reached the collection, updated with the engine, and
a `CaughtUp` that says what became of every skipped note (rules in `skipped.Verdict`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from anki_export.anki.contents import CollectionNote, PackageNote
from anki_export.anki.delivered import Delivery
from anki_export.anki.skipped import verdict

if TYPE_CHECKING:  # the engine is optional: imported lazily, where it is used
    from anki.collection import Collection
    from anki.notes import Note, NoteId


@dataclass(frozen=True, slots=True)
class CaughtUp:
    """What became of the notes Anki skipped."""

    forced: list[int]
    """Ids of the notes updated all the same."""
    same: list[int]
    """Ids of the notes that already hold what the package brings (the user's tags aside), or
    that keep the user's edit over a change of anki-export's version only: either way, the
    package's version counts as delivered."""
    unrecorded: tuple[str, ...]
    """First fields of the notes that differ but have no delivery on record: kept."""
    edits_kept: int
    """Notes whose difference is the user's own edit in Anki: kept."""
    kept_over_version: list[int]
    """Ids of the notes whose edit in Anki stays over a change of anki-export's version only
    (also in `same`)."""


def catch_up(col: Collection, skipped: Sequence[CollectionNote],
             incoming: Mapping[str, PackageNote], deliveries: Mapping[str, Delivery],
             overwrite_edits: bool) -> CaughtUp:
    """Update the skipped notes whose content changed since their last delivery.

    With `overwrite_edits`, notes the user edited in Anki and notes without a delivery on
    record take the package's content too.
    """
    chosen: list[tuple[CollectionNote, PackageNote]] = []
    same: list[int] = []
    unrecorded: list[str] = []
    edits_kept = 0
    over_version: list[int] = []
    for present in skipped:
        package = incoming[present.guid]
        found = verdict(package, present, deliveries.get(present.guid))
        if found == "changed" or (overwrite_edits and found in ("edited", "kept", "unrecorded")):
            chosen.append((present, package))
        elif found == "same":
            same.append(present.id)
        elif found == "kept":
            same.append(present.id)
            over_version.append(present.id)
            edits_kept += 1
        elif found == "unrecorded":
            unrecorded.append(package.fields[0])
        elif found == "edited":
            edits_kept += 1
    return CaughtUp(_take_package_content(col, chosen), same, tuple(unrecorded), edits_kept,
                    over_version)


def _take_package_content(col: Collection,
                          chosen: Sequence[tuple[CollectionNote, PackageNote]]) -> list[int]:
    """Write the package's fields and tags onto these notes, in one engine call; their ids.

    As with Anki's own update: the cards stay in their decks, and the user's own tags come
    back afterwards with those of the other updated notes. The engine stamps them with the
    current time, newer than the edit made in Anki, so a sync keeps this version.
    """
    notes: list[Note] = []
    for present, package in chosen:
        note = col.get_note(cast("NoteId", present.id))
        if len(note.fields) != len(package.fields):
            continue  # its note type was changed in Anki: leave it, as Anki's import does
        note.fields = list(package.fields)
        note.tags = list(package.tags)
        notes.append(note)
    if notes:
        col.update_notes(notes)
    return [int(note.id) for note in notes]
