"""Incremental update, end to end: rebuild, re-import into a real Anki collection, keep history."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from anki.collection import Collection
from click.testing import CliRunner

from anki_export.cli import cli
from anki_export.deck.decks import ORPHAN_TAG, RETIRED_TAG
from anki_export.state.records import FileRecord, NoteRecord
from anki_export.state.store import State
from tests.anki_engine import ImportLog, import_package, open_collection
from tests.conftest import EXAMPLE, example_counts
from tests.note_edits import delete_annotation, edit_note

NEW_BATCH = """
%% begin annotations %%
### Imported on 2022-12-01 9:00 am
>[!quote|#ffd400] Claim
>
deceptive models are favoured by a simplicity prior [(p. 8)](zotero://open-pdf/library/items/SMLZN3L8?page=8&annotation=NEWCLAIM)
%% end annotations %%
"""
EDITED = ("corrigibly aligned models are also highly improbable",
          "corrigibly aligned models are also rather improbable")
DELETED_KEY = "GZAWEYRI"  # an "Important" highlight that makes one note
CARRIER_UPDATES = 1
"""Notes updated besides the orphan when DELETED_KEY goes or comes back: its card carries an
ordinary sentence (precise_clozes) on its back, which moves to the card before it and back."""


class Workspace:
    """A vault with a copy of the example note, a collection, and a clock that moves on."""

    def __init__(self, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.root = root
        self.vault = root / "vault"
        (self.vault / ".obsidian").mkdir(parents=True)
        (self.vault / "Literature").mkdir()
        self.note = self.vault / "Literature" / "DoesSGDProduce.md"
        shutil.copy(EXAMPLE, self.note)
        self.col: Collection = open_collection(root)
        # Builds happen "in the past", so an edit made in Anki now is newer than every build,
        # as it is for a user who edits a card after importing.
        self.clock = int(time.time()) - 10_000
        self.builds = 0
        monkeypatch.setattr("anki_export.cli.common.time.time", lambda: float(self.clock))

    def build(self, *options: str) -> Path:
        self.clock += 10
        self.builds += 1
        out = self.root / f"build{self.builds}.apkg"
        result = CliRunner().invoke(cli, ["build", str(self.vault), "-o", str(out), *options])
        assert result.exit_code == 0, result.output
        return out

    def build_and_import(self, *options: str) -> ImportLog:
        return import_package(self.col, self.build(*options))

    def edit(self, old: str, new: str) -> None:
        edit_note(self.note, old, new)

    def delete_annotation(self, key: str) -> None:
        delete_annotation(self.note, key)

    def review(self, search: str, count: int) -> list[int]:
        card_ids = list(self.col.find_cards(search))[:count]
        for card_id in card_ids:
            card = self.col.get_card(card_id)
            card.start_timer()
            self.col.sched.answerCard(card, 3)
        return card_ids

    def scheduling(self) -> dict[int, tuple[int, int, int, int, int]]:
        rows = self.col.db.all("select id, type, queue, ivl, due, reps from cards")
        return {row[0]: tuple(row[1:]) for row in rows}

    def revlog(self) -> list[tuple[int, int]]:
        return self.col.db.all("select id, cid from revlog order by id")

    def notes_by_key(self, key: str) -> list[int]:
        return list(self.col.find_notes(f"AnnotationKey:{key}"))

    def contents(self) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
        """GUID → (fields, sorted tags) of every note."""
        result = {}
        for note_id in self.col.find_notes(""):
            note = self.col.get_note(note_id)
            result[note.guid] = (tuple(note.fields), tuple(sorted(note.tags)))
        return result


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    workspace = Workspace(tmp_path, monkeypatch)
    yield workspace
    workspace.col.close()


def test_rebuild_without_change_updates_nothing_and_keeps_history(ws: Workspace) -> None:
    first = ws.build_and_import()
    assert first.new > 20 and first.conflicting == 0
    ws.review("note:anki-export*", 5)
    scheduling, revlog = ws.scheduling(), ws.revlog()
    again = ws.build_and_import()
    assert (again.new, again.updated, again.conflicting) == (0, 0, 0)
    assert ws.scheduling() == scheduling and ws.revlog() == revlog
    assert (ws.vault / "anki-export-state.sqlite3").is_file()


def test_edit_add_and_delete_update_exactly_the_affected_notes(ws: Workspace) -> None:
    ws.build_and_import()
    # The question made from the argument that quotes the claim (the claim makes no card of
    # its own: that question asks about it).
    edited_notes = ws.notes_by_key("HK9X94UP") + ws.notes_by_key("YV9HVMKU")
    assert len(edited_notes) == 1
    reviewed = ws.review(f"nid:{','.join(map(str, edited_notes))}", 1)
    history = [row for row in ws.revlog() if row[1] in reviewed]
    deleted = ws.notes_by_key(DELETED_KEY)
    ws.edit(*EDITED)
    ws.note.write_text(ws.note.read_text(encoding="utf-8") + NEW_BATCH, encoding="utf-8")
    ws.delete_annotation(DELETED_KEY)

    log = ws.build_and_import()
    assert (log.new, log.updated, log.conflicting) == (len(ws.notes_by_key("NEWCLAIM")),
                                                       2 + CARRIER_UPDATES, 0)
    assert log.new == 1
    for note_id in edited_notes:
        note = ws.col.get_note(note_id)
        assert "rather improbable" in " ".join(note.fields)
    assert [row for row in ws.revlog() if row[1] in reviewed] == history
    assert all(ws.col.get_card(card_id).reps == 1 for card_id in reviewed)
    (orphan,) = deleted
    assert ORPHAN_TAG in ws.col.get_note(orphan).tags
    assert set(ws.col.find_notes(f"tag:{ORPHAN_TAG}")) == {orphan}


def test_an_annotation_that_comes_back_loses_its_orphan_tag(ws: Workspace) -> None:
    ws.build_and_import()
    original = ws.note.read_text(encoding="utf-8")
    ws.delete_annotation(DELETED_KEY)
    assert ws.build_and_import().updated == 1 + CARRIER_UPDATES
    ws.note.write_text(original, encoding="utf-8")
    log = ws.build_and_import()
    assert (log.new, log.updated) == (0, 1 + CARRIER_UPDATES)
    assert ws.col.find_notes(f"tag:{ORPHAN_TAG}") == []


def test_an_edit_made_in_anki_survives_a_rebuild_of_an_unchanged_source(ws: Workspace) -> None:
    ws.build_and_import()
    (note_id,) = ws.notes_by_key("8V5RGTPF")[:1]
    note = ws.col.get_note(note_id)
    note["Extra"] = "My own mnemonic"
    ws.col.update_note(note)
    ws.edit(*EDITED)  # a change elsewhere in the same note file
    log = ws.build_and_import()
    assert log.updated == 1
    assert ws.col.get_note(note_id)["Extra"] == "My own mnemonic"


def test_update_decks_lead_to_the_same_collection_as_full_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    finals = []
    for options in ((), ("--only-changes",)):
        ws = Workspace(tmp_path / ("update" if options else "full"), monkeypatch)
        ws.build_and_import()  # the first build is always a full one
        ws.edit(*EDITED)
        ws.note.write_text(ws.note.read_text(encoding="utf-8") + NEW_BATCH, encoding="utf-8")
        ws.delete_annotation(DELETED_KEY)
        ws.build(*options)  # built but never imported: the next update deck must still hold it
        ws.edit("rather improbable", "quite improbable")
        log = ws.build_and_import(*options)
        assert (log.new, log.conflicting) == (1, 0)
        finals.append(ws.contents())
        ws.col.close()
    assert finals[0] == finals[1]


def test_update_deck_holds_only_changed_notes(ws: Workspace) -> None:
    ws.build_and_import()
    ws.edit(*EDITED)
    out = ws.build("--only-changes")
    check = open_collection(ws.root / "check") if (ws.root / "check").mkdir() is None else None
    assert check is not None
    assert import_package(check, out).new == 1
    check.close()


def test_plugin_rewriting_the_whole_note_updates_nothing(ws: Workspace) -> None:
    ws.build_and_import()
    text = ws.note.read_text(encoding="utf-8")
    text = text.replace("### Imported on 2022-11-16 2:05 pm", "### Imported on 2023-02-01 8:00 am")
    text = text.replace("%% Import Date: 2022-11-16T14:05:15.803+01:00 %%",
                        "%% Import Date: 2023-02-01T08:00:00.000+01:00 %%")
    ws.note.write_text(text.replace("\n>\n", "\n> \n", 3), encoding="utf-8")
    log = ws.build_and_import()
    assert (log.new, log.updated, log.conflicting) == (0, 0, 0)


def test_regenerated_citekey_updates_in_place_without_new_notes(ws: Workspace) -> None:
    ws.build_and_import()
    ws.review("note:anki-export*", 3)
    revlog = ws.revlog()
    ws.edit("citekey: DoesSGDProduce", "citekey: hubinger2022does")
    log = ws.build_and_import()
    assert (log.new, log.conflicting) == (0, 0) and log.updated == ws.col.note_count()
    assert ws.revlog() == revlog
    assert ws.col.find_notes("tag:DoesSGDProduce") == []


def test_renamed_and_moved_note_file_makes_no_new_notes(ws: Workspace) -> None:
    ws.build_and_import()
    (ws.vault / "Archive").mkdir()
    ws.note.rename(ws.vault / "Archive" / "Hubinger - Does SGD.md")
    log = ws.build_and_import()
    assert (log.new, log.conflicting) == (0, 0)
    assert ws.col.find_notes(f"tag:{ORPHAN_TAG}") == []


def test_relabelled_annotation_gets_a_new_note_and_the_old_one_is_retired(ws: Workspace) -> None:
    ws.build_and_import()
    old = ws.notes_by_key("HIUF9M78")  # "Personal critic": a question card
    text = ws.note.read_text(encoding="utf-8")
    ws.note.write_text(text.replace(">[!quote|#a28ae5] Personal critic\n>\nOnly a small",
                                    ">[!quote|#ff6666] Important\n>\nOnly a small"), "utf-8")
    plan = CliRunner().invoke(cli, ["plan", str(ws.vault)])
    line = next(row for row in plan.stdout.splitlines() if row.startswith("retired"))
    assert line.endswith("(its highlight is still in the note but no longer makes this card "
                         "(edited, relabelled or overridden); kept, tagged retired)")
    assert f"0 updated, {example_counts()[0] - 1} unchanged, 0 orphaned, 1 retired." in plan.stdout
    assert f"find them in Anki with tag:{RETIRED_TAG}" in plan.stdout
    log = ws.build_and_import()
    # The cloze of the claim it no longer asks about; its own sentence, an ordinary one with no
    # term or number to ask, rides on that card's back instead of making a cloze.
    assert log.new == len(ws.notes_by_key("HIUF9M78")) + len(ws.notes_by_key("5IMI2PYV")) - 1
    assert log.new == 1 and log.conflicting == 0
    # The highlight is still there: retired, not orphaned.
    assert set(ws.col.get_note(old[0]).tags) == {"DoesSGDProduce", "role::personal-critic",
                                                 RETIRED_TAG}


def test_recoloured_annotation_with_the_same_label_changes_nothing_anki_sees(ws: Workspace) -> None:
    ws.build_and_import()
    ws.edit(">[!quote|#ffd400] \nClaim\n>\nSGD will take a large number of training",
            ">[!quote|#f19837] \nClaim\n>\nSGD will take a large number of training")
    log = ws.build_and_import()
    assert (log.new, log.updated, log.conflicting) == (0, 1, 0)  # only its Colour field


def test_a_build_killed_between_deck_and_state_is_repaired_by_the_next_run(ws: Workspace) -> None:
    ws.build_and_import()
    ws.edit(*EDITED)
    state = ws.vault / "anki-export-state.sqlite3"
    before = state.read_bytes()
    killed = subprocess.run(
        [sys.executable, "-m", "anki_export", "build", str(ws.vault), "-o",
         str(ws.root / "killed.apkg")],
        env={**os.environ, "ANKI_EXPORT_TEST_CRASH_AT": "after-deck"}, check=False)
    assert killed.returncode == -9 and (ws.root / "killed.apkg").exists()
    assert state.read_bytes() == before  # the state still describes the previous build
    log = ws.build_and_import()
    assert (log.new, log.updated, log.conflicting) == (0, 1, 0)


def test_plan_tells_what_the_next_import_would_do_and_writes_nothing(ws: Workspace) -> None:
    ws.build_and_import()
    ws.edit(*EDITED)
    ws.delete_annotation(DELETED_KEY)
    state = (ws.vault / "anki-export-state.sqlite3").read_bytes()
    result = CliRunner().invoke(cli, ["plan", str(ws.vault)])
    assert result.exit_code == 0, result.output
    updated = 1 + CARRIER_UPDATES
    assert f"Compared with the last build: 0 new, {updated} updated, " in result.stdout
    assert ", 1 orphaned, 0 retired." in result.stdout
    assert result.stdout.count("updated   ") == updated and "(content changed)" in result.stdout
    assert (ws.vault / "anki-export-state.sqlite3").read_bytes() == state


def test_a_corrupt_state_file_is_kept_aside_and_the_build_goes_on(ws: Workspace) -> None:
    ws.build_and_import()
    state = ws.vault / "anki-export-state.sqlite3"
    state.write_text("{ not json", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(ws.vault), "-o", str(ws.root / "x.apkg")])
    assert result.exit_code == 0
    assert "state file is unreadable" in result.stderr
    (aside,) = ws.vault.glob("anki-export-state.sqlite3.broken-*")
    assert aside.read_text(encoding="utf-8") == "{ not json"
    rebuilt = State(state)
    assert not rebuilt.broken and len(list(rebuilt.sources())) == ws.col.note_count()
    rebuilt.close()


def test_the_json_state_of_an_older_version_carries_its_history_over(ws: Workspace) -> None:
    ws.build_and_import()
    state = ws.vault / "anki-export-state.sqlite3"
    _write_legacy_json(state, ws.vault / "anki-export-state.json")
    state.unlink()
    ws.edit(*EDITED)
    log = ws.build_and_import()
    assert (log.new, log.updated, log.conflicting) == (0, 1, 0)
    assert state.is_file() and not (ws.vault / "anki-export-state.json").exists()
    assert (ws.vault / "anki-export-state.json.migrated").is_file()


def _write_legacy_json(state: Path, legacy: Path) -> None:
    """The state as versions before 0.2 wrote it (format 1, one JSON object)."""
    old = State(state)
    files = {}
    for (path,) in sqlite3.connect(state).execute("SELECT path FROM files"):
        record = old.file(path)
        assert record is not None
        files[path] = {name: getattr(record, name) for name in FileRecord.__slots__
                       if name != "roles"}
    notes = {guid: {name: getattr(record, name) for name in NoteRecord.__slots__}
             for guid, record in old.notes()}
    meta = old.meta
    legacy.write_text(json.dumps({
        "format": 1, "notes": notes, "files": files, "note_types": meta.note_types,
        "full_build_at": meta.full_build_at, "tool": meta.tool, "build_key": meta.build_key,
    }), encoding="utf-8")
    old.close()


def test_notes_of_files_a_build_did_not_read_are_left_alone(ws: Workspace) -> None:
    other = ws.vault / "Literature" / "Other.md"
    other.write_text(ws.note.read_text(encoding="utf-8").replace("SMLZN3L8", "OTHERPDF")
                     .replace("citekey: DoesSGDProduce", "citekey: other2022")
                     .replace('title: "Does SGD', 'title: "Other - Does SGD'), encoding="utf-8")
    ws.build_and_import()
    only_one = CliRunner().invoke(cli, ["plan", str(ws.note)])
    assert only_one.exit_code == 0, only_one.output
    assert f"0 new, 0 updated, {example_counts()[0]} unchanged, 0 orphaned" in only_one.stdout


def test_unchanged_files_are_not_read_again_yet_the_full_deck_holds_every_note(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = ws.vault / "Literature" / "Other.md"
    other.write_text(ws.note.read_text(encoding="utf-8").replace("SMLZN3L8", "OTHERPDF")
                     .replace("citekey: DoesSGDProduce", "citekey: other2022")
                     .replace('title: "Does SGD', 'title: "Other - Does SGD'), encoding="utf-8")
    first = ws.build_and_import()
    import anki_export.cards.vault as build_module

    read: list[str] = []
    original = build_module.read_file
    monkeypatch.setattr(build_module, "read_file",
                        lambda path, config: read.append(path.name) or original(path, config))
    ws.edit(*EDITED)
    log = ws.build_and_import()
    assert read == ["DoesSGDProduce.md"]
    assert (log.new, log.updated, log.conflicting) == (0, 1, 0)
    assert log.duplicate == first.new - 1  # the full deck still carries every other note
    read.clear()
    update = ws.build("--only-changes")  # nothing changed since: nothing read, nothing written
    assert read == [] and not update.exists()


def test_a_changed_cloze_override_hides_the_new_words_on_the_same_card(ws: Workspace) -> None:
    link = "(zotero://open-pdf/library/items/SMLZN3L8?page=3&annotation=HK9X94UP)\n"
    ws.edit(link, f"{link}%%cloze: highly improbable%%\n")
    ws.build_and_import()
    (note_id,) = ws.notes_by_key("HK9X94UP")
    (card_id,) = ws.review(f"nid:{note_id}", 1)
    ws.edit("cloze: highly improbable", "cloze: corrigibly aligned models")
    log = ws.build_and_import()
    assert (log.new, log.updated, log.conflicting) == (0, 1, 0)
    assert ws.notes_by_key("HK9X94UP") == [note_id]  # same GUID
    assert ws.col.get_note(note_id)["Text"].startswith(
        "{{c1::corrigibly aligned models}} are also highly improbable")
    assert list(ws.col.find_cards(f"nid:{note_id}")) == [card_id]  # c1: its history goes on
    assert [cid for _, cid in ws.revlog()] == [card_id]
