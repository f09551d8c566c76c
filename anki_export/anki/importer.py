"""Import a built deck into the user's Anki collection with the official engine (`anki`).

Input: an `.apkg` and a `collection.anki2` that Anki is not using. Output: the collection,
backed up first and changed in one transaction, a record of what reached it (`delivered`),
and an `ImportSummary` of what Anki and anki-export did.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, cast

from anki_export.anki.backup import IN_USE, KEEP_BACKUPS, back_up, prune_backups
from anki_export.anki.catch_up import catch_up
from anki_export.anki.contents import (
    COLLECTION_COLUMNS,
    SUSPENDED_TAG,
    CollectionNote,
    PackageNote,
    collection_note,
    package_notes,
    user_tags,
)
from anki_export.anki.delivered import Delivery, read_deliveries, record_deliveries
from anki_export.deck.decks import ORPHAN_TAG, RETIRED_TAG
from anki_export.errors import ExportError, Problem

if TYPE_CHECKING:  # the engine is optional: imported lazily, where it is used
    from anki.collection import Collection, ImportAnkiPackageRequest
    from anki.dbproxy import DBProxy
    from anki.notes import NoteId

ENGINE_MISSING = ("importing into Anki needs the official Anki engine: "
                  "pip install 'zotero-anki-export[anki]'")
__all__ = ["ENGINE_MISSING", "SUSPENDED_TAG", "ImportSummary", "import_deck", "user_tags"]


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What one import did."""

    new: int
    """Notes Anki added (this and the next three: counts from Anki's own import log)."""
    updated: int
    """Known notes Anki replaced because the incoming ones were newer, and the `forced` ones."""
    duplicate: int
    """Known notes left alone: the incoming ones were not newer (and not `forced`)."""
    conflicting: int
    """Known notes Anki could not update (their note type differs)."""
    backup: Path | None
    """The copy of the collection taken before anything changed (None: none was asked for)."""
    suspended: int
    """Cards of orphaned and retired notes suspended."""
    unsuspended: int
    """Cards anki-export had suspended whose annotation came back."""
    tags_kept: int
    """Updated notes whose own Anki tags were put back."""
    forced: tuple[str, ...] = ()
    """First fields of notes Anki skipped as not newer (changed in Anki after their build)
    whose content changed since it last reached the collection: updated all the same."""
    unrecorded: tuple[str, ...] = ()
    """First fields of notes changed in Anki after their build that differ from the package,
    with no earlier delivery on record: kept as they are, as Anki does."""
    edits_kept: int = 0
    """Notes changed in Anki whose content in the package did not change: the edit stays."""
    backups_removed: int = 0
    """Older anki-export backups removed, beyond the number to keep."""
    problems: tuple[Problem, ...] = ()
    """Warnings (an unreadable or unwritable record of deliveries)."""


@dataclass(frozen=True, slots=True)
class _How:
    """The import's options."""

    suspend_orphans: bool
    keep_user_tags: bool
    overwrite_edits: bool


def import_deck(
    apkg: Path,
    collection: Path,
    *,
    backup_folder: Path | None = None,
    suspend_orphans: bool = True,
    keep_user_tags: bool = True,
    keep_backups: int = KEEP_BACKUPS,
    overwrite_edits: bool = False,
) -> ImportSummary:
    """Back up `collection`, then import `apkg` as Anki's import dialog does by default.

    Anki updates a known note (same GUID) only when the incoming one is newer, merges no note
    types and imports no scheduling. Then:

    - edits reach Anki: a note Anki skipped as not newer (it was changed in Anki after its
      build: a tag, a mark, an edit, a sync) whose content in the package differs from what
      the last import delivered takes the package's fields and tags all the same (its cards
      stay in their decks, as with Anki's own updates). Where the package brings what was last
      delivered, the difference is the user's edit, and it stays; so does a note with no
      delivery on record, unless `overwrite_edits` (see `skipped.Verdict`). What each import
      delivered is recorded beside the collection (`delivered.py`).
    - user tags (unless `keep_user_tags` is off): Anki replaces an updated note's tags. Each
      tag the note had before is put back unless the incoming note carries it, it starts with
      `role::` or `anki-export::`, or it is the citekey tag of the note's previous `Citekey`
      field (a regenerated citekey must not linger); tags compare without case. So a tag
      dropped from a source's `anki-tags` frontmatter stays on the notes Anki already has.
    - orphans (unless `suspend_orphans` is off): cards of notes this import added or updated
      with the tag `anki-export::orphaned` or `anki-export::retired` are suspended (never
      deleted) and the note is tagged `anki-export::suspended`; when its annotation comes back
      (or makes the card again), they are unsuspended. A card you unsuspend yourself stays
      unsuspended.

    Re-tagged notes keep the modification time the package gave them, so a later, newer
    build still updates them. All of it is one transaction: if a step fails, the collection
    is left as it was. The backup is `anki-export-<time>.anki2` in `backup_folder` (default:
    `backups` next to the collection, Anki's own backup folder); after a successful import,
    only the newest `keep_backups` of anki-export's backups there are kept (Anki's own are never
    touched). `keep_backups=0` takes no backup: the import is still one transaction, but it
    cannot be undone afterwards except from Anki's own backups.
    """
    try:
        from anki.errors import AnkiException
    except ImportError as error:
        raise ExportError(ENGINE_MISSING) from error
    if not collection.is_file():
        raise ExportError(f"no Anki collection at {collection}")
    if keep_backups < 0:
        raise ExportError(f"cannot keep {keep_backups} backups: give 0 or more")
    incoming = package_notes(apkg)
    deliveries, problems = read_deliveries(collection)
    folder = backup_folder or collection.parent / "backups"
    backup = back_up(collection, folder) if keep_backups else None
    how = _How(suspend_orphans, keep_user_tags, overwrite_edits)
    col = _open(collection)
    try:
        done: list[tuple[ImportSummary, dict[str, Delivery]]] = []
        _db(col).transact(lambda: done.append(_import(col, apkg, incoming, deliveries, how)))
    except AnkiException as error:
        raise ExportError(f"Anki could not import {apkg} ({_brief(error)}); the collection is "
                          "unchanged", collection) from error
    finally:
        col.close()
    summary, delivered = done[0]
    problems += record_deliveries(collection, delivered)
    removed = prune_backups(folder, keep_backups)
    return replace(summary, backup=backup, backups_removed=len(removed), problems=tuple(problems))


def _open(collection: Path) -> Collection:
    """Open the collection with the engine; Anki's own lock means Anki is running."""
    from anki.collection import Collection
    from anki.errors import AnkiException, DBError

    try:
        return Collection(str(collection))
    except AnkiException as error:
        # Anki's message for its lock: "Anki already open, or media currently syncing."
        if isinstance(error, DBError) and "already open" in str(error):
            raise ExportError(IN_USE, collection) from error
        message = f"Anki cannot open the collection ({_brief(error)})"
        raise ExportError(message, collection) from error


def _brief(error: Exception) -> str:
    """The engine's message on one line, cut short (some hold whole SQL scripts)."""
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 160 else text[:159] + "…"


def _db(col: Collection) -> DBProxy:
    """The database of an open collection."""
    if col.db is None:
        raise RuntimeError("the collection is closed")
    return col.db


def _import(col: Collection, apkg: Path, incoming: Mapping[str, PackageNote],
            deliveries: Mapping[str, Delivery],
            how: _How) -> tuple[ImportSummary, dict[str, Delivery]]:
    """The import and the steps after it; runs inside the caller's transaction."""
    before = _existing(col, incoming)
    log = col.import_anki_package(_request(apkg)).log
    skipped = [before[e.id.nid] for e in log.duplicate if e.id.nid in before]
    caught = catch_up(col, skipped, incoming, deliveries, how.overwrite_edits)
    updated = [entry.id.nid for entry in log.updated] + caught.forced
    # Retired by a new version, edited in Anki: the edit stays, the card is retired all the same.
    retiring = [nid for nid in caught.kept_over_version
                if RETIRED_TAG in incoming[before[nid].guid].tags]
    touched = [entry.id.nid for entry in log.new] + updated + retiring
    stamps = {nid: mod for nid, _, mod in _times(col, touched)}
    if retiring:
        col.tags.bulk_add(cast("list[NoteId]", retiring), RETIRED_TAG)
    kept = _keep_user_tags(col, updated, before, incoming) if how.keep_user_tags else []
    suspended, unsuspended, marked = (
        _orphan_suspension(col, touched, updated, before) if how.suspend_orphans else (0, 0, []))
    # Tagging stamped these notes with the current time; give them back the import's (the
    # package's, or the catch-up's), so a later build is still newer and updates them.
    _db(col).executemany("update notes set mod = ? where id = ?",
                         [(stamps[nid], nid) for nid in {*kept, *marked, *retiring}])
    # What reached the collection, as it is now: added, updated, or already the same (only
    # what the record does not already say, so an import that changes nothing writes nothing).
    now = ((guid, Delivery(incoming[guid].hash, mod))
           for _, guid, mod in _times(col, [*touched, *caught.same]) if guid in incoming)
    delivered = {guid: new for guid, new in now if deliveries.get(guid) != new}
    first = [incoming[before[nid].guid].fields[0] for nid in caught.forced]
    summary = ImportSummary(
        len(log.new), len(updated), len(log.duplicate) - len(caught.forced),
        len(log.conflicting), None, suspended, unsuspended, len(kept), forced=tuple(first),
        unrecorded=caught.unrecorded, edits_kept=caught.edits_kept)
    return summary, delivered


def _times(col: Collection, note_ids: list[int]) -> list[tuple[int, str, int]]:
    """(id, GUID, modification time) of these notes."""
    if not note_ids:
        return []
    rows = _db(col).all(f"select id, guid, mod from notes where id in "
                        f"({','.join(map(str, note_ids))})")
    return [(int(nid), str(guid), int(mod)) for nid, guid, mod in rows]


def _request(apkg: Path) -> ImportAnkiPackageRequest:
    """Anki's import dialog defaults: update notes and note types if newer, merge nothing."""
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest
    from anki.import_export_pb2 import ImportAnkiPackageUpdateCondition

    if_newer = ImportAnkiPackageUpdateCondition.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER
    options = ImportAnkiPackageOptions(merge_notetypes=False, update_notes=if_newer,
                                       update_notetypes=if_newer, with_scheduling=False,
                                       with_deck_configs=False)
    return ImportAnkiPackageRequest(package_path=str(apkg), options=options)


def _existing(col: Collection, guids: Mapping[str, object]) -> dict[int, CollectionNote]:
    """Notes of the collection that the package also holds, by note id."""
    rows = _db(col).all(f"select {COLLECTION_COLUMNS} from notes")
    return {row[0]: collection_note(row) for row in rows if row[1] in guids}


def _keep_user_tags(col: Collection, updated: list[int], before: Mapping[int, CollectionNote],
                    incoming: Mapping[str, PackageNote]) -> list[int]:
    """Put the user's own tags back on updated notes (rule in `import_deck`); their ids."""
    groups: dict[str, list[int]] = defaultdict(list)
    for nid in (nid for nid in updated if nid in before):
        old = before[nid]
        theirs = incoming[old.guid].tags if old.guid in incoming else ()
        extra = user_tags(old.tags, theirs, old.citekey_tag)
        if extra:
            groups[" ".join(extra)].append(nid)
    for tags, nids in groups.items():
        col.tags.bulk_add(cast("list[NoteId]", nids), tags)
    return [nid for nids in groups.values() for nid in nids]


def _orphan_suspension(col: Collection, touched: list[int], updated: list[int],
                       before: Mapping[int, CollectionNote]) -> tuple[int, int, list[int]]:
    """Suspend the cards of orphaned and retired notes, unsuspend returned ones.

    Returns (suspended, unsuspended, ids of the notes marked suspended).
    """
    if not touched:
        return 0, 0, []
    withdrawn = f'("tag:{ORPHAN_TAG}" or "tag:{RETIRED_TAG}")'
    orphans = set(col.find_notes(f"{withdrawn} {_nid_search(touched)}"))
    cards = col.find_cards(f"{withdrawn} -is:suspended {_nid_search(touched)}")
    if cards:
        col.sched.suspend_cards(cards)
    marker = SUSPENDED_TAG.casefold()
    was_marked = {nid for nid in updated
                  if nid in before and marker in (t.casefold() for t in before[nid].tags)}
    # The import dropped the marker with the other tags: it goes back on notes still withdrawn.
    marked = {col.get_card(card_id).nid for card_id in cards} | (was_marked & orphans)
    if marked:
        col.tags.bulk_add(cast("list[NoteId]", list(marked)), SUSPENDED_TAG)
    returned = was_marked - orphans
    back = col.find_cards(f"is:suspended {_nid_search(returned)}") if returned else []
    if back:
        col.sched.unsuspend_cards(back)
    return len(cards), len(back), sorted(marked)


def _nid_search(note_ids: Iterable[int]) -> str:
    """An Anki search term matching exactly these notes."""
    return "nid:" + ",".join(map(str, note_ids))
