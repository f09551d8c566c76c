"""Import a built deck into the user's Anki collection with the official engine (`anki`).

Input: an `.apkg` and a `collection.anki2` that Anki is not using. Output: the collection,
backed up first and changed in one transaction, and an `ImportSummary` of what Anki did.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, cast

from anki_export.anki.backup import IN_USE, KEEP_BACKUPS, back_up, package_tags, prune_backups
from anki_export.deck.decks import ORPHAN_TAG, citekey_tag
from anki_export.errors import ExportError

if TYPE_CHECKING:  # the engine is optional: imported lazily, where it is used
    from anki.collection import Collection, ImportAnkiPackageRequest
    from anki.dbproxy import DBProxy
    from anki.notes import NoteId

ENGINE_MISSING = ("importing into Anki needs the official Anki engine: "
                  "pip install 'zotero-anki-export[anki]'")
SUSPENDED_TAG = "anki-export::suspended"
"""Marks notes whose cards anki-export suspended, so it can unsuspend them later."""
OWN_PREFIXES = ("role::", "anki-export::")


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What one import did."""

    new: int
    """Notes Anki added (this and the next three: counts from Anki's own import log)."""
    updated: int
    """Known notes Anki replaced because the incoming ones were newer."""
    duplicate: int
    """Known notes Anki left alone: the incoming ones were not newer."""
    conflicting: int
    """Known notes Anki could not update (their note type differs)."""
    backup: Path | None
    """The copy of the collection taken before anything changed (None: none was asked for)."""
    suspended: int
    """Cards of orphaned notes suspended."""
    unsuspended: int
    """Cards anki-export had suspended whose annotation came back."""
    tags_kept: int
    """Updated notes whose own Anki tags were put back."""
    backups_removed: int = 0
    """Older anki-export backups removed, beyond the number to keep."""


@dataclass(frozen=True, slots=True)
class _Before:
    """A note the collection and the package share, as it was before the import."""

    guid: str
    tags: tuple[str, ...]
    citekey_tag: str
    """The tag anki-export made of its `Citekey` field ('' if none)."""


def import_deck(
    apkg: Path,
    collection: Path,
    *,
    backup_folder: Path | None = None,
    suspend_orphans: bool = True,
    keep_user_tags: bool = True,
    keep_backups: int = KEEP_BACKUPS,
) -> ImportSummary:
    """Back up `collection`, then import `apkg` as Anki's import dialog does by default.

    Anki updates a known note (same GUID) only when the incoming one is newer, merges no note
    types and imports no scheduling. Then, unless turned off:

    - user tags: Anki replaces an updated note's tags. Each tag the note had before is put
      back unless the incoming note carries it, it starts with `role::` or `anki-export::`,
      or it is the citekey tag of the note's previous `Citekey` field (a regenerated citekey
      must not linger); tags compare without case. So a tag dropped from a source's
      `anki-tags` frontmatter stays on the notes Anki already has.
    - orphans: cards of notes this import added or updated with the tag
      `anki-export::orphaned` are suspended (never deleted) and the note is tagged
      `anki-export::suspended`; when its annotation comes back, they are unsuspended. A card
      you unsuspend yourself stays unsuspended.

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
    incoming = package_tags(apkg)
    folder = backup_folder or collection.parent / "backups"
    backup = back_up(collection, folder) if keep_backups else None
    col = _open(collection)
    try:
        done: list[ImportSummary] = []
        _db(col).transact(lambda: done.append(
            _import(col, apkg, incoming, backup, suspend_orphans, keep_user_tags)))
        removed = prune_backups(folder, keep_backups)
        return replace(done[0], backups_removed=len(removed))
    except AnkiException as error:
        raise ExportError(f"Anki could not import {apkg} ({_brief(error)}); the collection is "
                          "unchanged", collection) from error
    finally:
        col.close()


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


def _import(col: Collection, apkg: Path, incoming: Mapping[str, tuple[str, ...]],
            backup: Path | None, suspend_orphans: bool, keep_user_tags: bool) -> ImportSummary:
    """The import and the steps after it; runs inside the caller's transaction."""
    before = _existing(col, incoming)
    log = col.import_anki_package(_request(apkg)).log
    updated = [entry.id.nid for entry in log.updated]
    touched = [entry.id.nid for entry in log.new] + updated
    rows = _db(col).all(f"select id, mod from notes where id in ({','.join(map(str, touched))})")
    stamps = {nid: mod for nid, mod in rows}
    kept = _keep_user_tags(col, updated, before, incoming) if keep_user_tags else []
    suspended, unsuspended, marked = (
        _orphan_suspension(col, touched, updated, before) if suspend_orphans else (0, 0, []))
    # Tagging stamped these notes with the current time; give them back the package's, so a
    # later build (stamped with when its content changed) is still newer and updates them.
    _db(col).executemany("update notes set mod = ? where id = ?",
                         [(stamps[nid], nid) for nid in {*kept, *marked}])
    return ImportSummary(len(log.new), len(log.updated), len(log.duplicate),
                         len(log.conflicting), backup, suspended, unsuspended, len(kept))


def _request(apkg: Path) -> ImportAnkiPackageRequest:
    """Anki's import dialog defaults: update notes and note types if newer, merge nothing."""
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest
    from anki.import_export_pb2 import ImportAnkiPackageUpdateCondition

    if_newer = ImportAnkiPackageUpdateCondition.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER
    options = ImportAnkiPackageOptions(merge_notetypes=False, update_notes=if_newer,
                                       update_notetypes=if_newer, with_scheduling=False,
                                       with_deck_configs=False)
    return ImportAnkiPackageRequest(package_path=str(apkg), options=options)


def _existing(col: Collection, guids: Mapping[str, object]) -> dict[int, _Before]:
    """Notes of the collection that the package also holds, by note id."""
    found: dict[int, _Before] = {}
    fields_of: dict[int, list[str]] = {}
    for nid, guid, tags, fields, mid in _db(col).all("select id, guid, tags, flds, mid "
                                                      "from notes"):
        if guid in guids:
            if mid not in fields_of:
                notetype = col.models.get(mid)
                fields_of[mid] = col.models.field_names(notetype) if notetype else []
            values = dict(zip(fields_of[mid], fields.split("\x1f"), strict=False))
            citekey = html.unescape(values.get("Citekey", "")).strip()  # fields are HTML
            found[nid] = _Before(guid, tuple(tags.split()), citekey_tag(citekey) if citekey else "")
    return found


def _keep_user_tags(col: Collection, updated: list[int], before: Mapping[int, _Before],
                    incoming: Mapping[str, tuple[str, ...]]) -> list[int]:
    """Put the user's own tags back on updated notes (rule in `import_deck`); their ids."""
    groups: dict[str, list[int]] = defaultdict(list)
    for nid in (nid for nid in updated if nid in before):
        old = before[nid]
        extra = user_tags(old.tags, incoming.get(old.guid, ()), old.citekey_tag)
        if extra:
            groups[" ".join(extra)].append(nid)
    for tags, nids in groups.items():
        col.tags.bulk_add(cast("list[NoteId]", nids), tags)
    return [nid for nids in groups.values() for nid in nids]


def user_tags(previous: Iterable[str], incoming: Iterable[str], citekey: str) -> list[str]:
    """The tags of `previous` that the user added in Anki (rule in `import_deck`)."""
    theirs = {tag.casefold() for tag in incoming} | {citekey.casefold()}
    return [tag for tag in previous
            if tag.casefold() not in theirs and not tag.casefold().startswith(OWN_PREFIXES)]


def _orphan_suspension(col: Collection, touched: list[int], updated: list[int],
                       before: Mapping[int, _Before]) -> tuple[int, int, list[int]]:
    """Suspend orphans' cards, unsuspend returned ones: (suspended, unsuspended, marked ids)."""
    if not touched:
        return 0, 0, []
    orphans = set(col.find_notes(f'"tag:{ORPHAN_TAG}" {_nid_search(touched)}'))
    cards = col.find_cards(f'"tag:{ORPHAN_TAG}" -is:suspended {_nid_search(touched)}')
    if cards:
        col.sched.suspend_cards(cards)
    marker = SUSPENDED_TAG.casefold()
    was_marked = {nid for nid in updated
                  if nid in before and marker in (t.casefold() for t in before[nid].tags)}
    # The import dropped the marker with the other tags: it goes back on notes still orphaned.
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
