"""Edits reach Anki: a highlight edit arrives even if its note was touched in Anki after the build.

Anki's importer updates a known note only when the incoming one is newer, so a note tagged,
marked or edited in Anki after its build is skipped. These tests touch notes with the real
engine, edit the note file, rebuild, and check `plan --collection` and `anki-export import`.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from anki.collection import Collection
from click.testing import CliRunner

from anki_export.anki.contents import CollectionNote, PackageNote, package_notes
from anki_export.anki.delivered import DELIVERED_NAME, Delivery
from anki_export.anki.importer import import_deck
from anki_export.anki.skipped import FileImportCheck, verdict
from anki_export.cli import cli
from anki_export.state.store import State
from tests.anki.test_importer import DELETED_KEY, EDITED, EDITED_KEY, IN_USE, Desk, held
from tests.anki_engine import import_package

NEW_TEXT = "SGD will take a vast number of steps to converge to a corrigible mode…"  # cut to fit
UNCHANGED_KEY = DELETED_KEY  # an "Important" highlight the tests never edit here


class Loop(Desk):
    """The weekly loop: build, import with `anki-export import`, touch notes in Anki."""

    @property
    def state(self) -> Path:
        return self.root / "tmp" / "state.sqlite3"

    def run(self, *arguments: str, code: int = 0) -> str:
        result = CliRunner().invoke(cli, list(arguments))
        assert result.exit_code == code, result.output
        return result.output

    def import_cli(self, apkg: Path, *options: str) -> str:
        return self.run("import", str(apkg), "--collection", str(self.collection), *options)

    def plan(self) -> str:
        return self.run("plan", str(self.note), "--state", str(self.state), "--collection",
                        str(self.collection))

    def touch(self, key: str, how: Callable[[Collection, int], None]) -> int:
        """Change a note in Anki now, after every build (builds are stamped in the past)."""
        note_id = self.note_id(key)
        with self.open() as col:
            how(col, note_id)
        return note_id

    def seen(self, note_id: int) -> tuple[str, set[str], int, str]:
        """First field, tags, modification time and comment of a note."""
        with self.open() as col:
            note = col.get_note(note_id)  # type: ignore[arg-type]
            return note.fields[0], set(note.tags), note.mod, note["Comment"]

    def snapshot(self) -> list[tuple[object, ...]]:
        with self.open() as col:
            assert col.db is not None
            return col.db.all("select id, mod, flds, tags from notes order by id")


def tag(col: Collection, note_id: int) -> None:
    col.tags.bulk_add([note_id], "mine")  # type: ignore[list-item]


def mark(col: Collection, note_id: int) -> None:
    note = col.get_note(note_id)  # type: ignore[arg-type]
    note.add_tag("marked")  # what the browser's Toggle Mark does
    col.update_note(note)


def edit_comment(col: Collection, note_id: int) -> None:
    note = col.get_note(note_id)  # type: ignore[arg-type]
    note["Comment"] = "my own words, typed in Anki"
    col.update_note(note)


TOUCHES = {"tag": tag, "mark": mark, "field edit": edit_comment}


@pytest.fixture
def loop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Loop:
    return Loop(tmp_path, monkeypatch)


def touched_then_edited(loop: Loop, touch: Callable[[Collection, int], None]) -> tuple[int, Path]:
    """Import a build, touch the claim in Anki, edit its highlight, rebuild: the bug's recipe."""
    loop.import_cli(loop.build())
    note_id = loop.touch(EDITED_KEY, touch)
    loop.edit(*EDITED)
    return note_id, loop.build()


@pytest.mark.parametrize("touch", TOUCHES.values(), ids=TOUCHES.keys())
def test_file_import_skips_an_edited_highlight_whose_note_was_touched_in_anki(
    loop: Loop, touch: Callable[[Collection, int], None]
) -> None:
    note_id, apkg = touched_then_edited(loop, touch)
    with loop.open() as col:
        log = import_package(col, apkg)  # what Anki's File > Import does
    assert log.new == 0 and log.updated == 0  # no other note quotes this claim
    assert "a large number of steps" in loop.seen(note_id)[0]  # the claim's edit never arrived


@pytest.mark.parametrize("touch", TOUCHES.values(), ids=TOUCHES.keys())
def test_plan_with_a_collection_lists_the_note_file_import_would_skip(
    loop: Loop, touch: Callable[[Collection, int], None]
) -> None:
    touched_then_edited(loop, touch)
    loop.touch(UNCHANGED_KEY, edit_comment)  # touched, highlight unchanged: not listed
    output = loop.plan()
    skipped = [line for line in output.splitlines() if line.startswith("skipped")]
    assert len(skipped) == 1
    assert f"{loop.note}:76  {NEW_TEXT}  (changed; edited in Anki after its build)" in skipped[0]
    assert f"File › Import into {loop.collection} would skip 1 note(s) whose content changed" \
        in output
    assert "Run anki-export import instead" in output
    assert "1 note(s) you edited in Anki keep your edit" in output


@pytest.mark.parametrize("touch", TOUCHES.values(), ids=TOUCHES.keys())
def test_import_updates_a_touched_note_whose_highlight_changed_and_says_so(
    loop: Loop, touch: Callable[[Collection, int], None]
) -> None:
    note_id, apkg = touched_then_edited(loop, touch)
    touched_at = loop.seen(note_id)[2]
    output = loop.import_cli(apkg)
    text, tags, mod, comment = loop.seen(note_id)
    assert mod >= touched_at  # newer than the touch: a sync keeps this version
    assert "{{c1::a vast number of steps}}" in text
    assert "1 note(s) updated although edited in Anki since:\n" \
           f"  {NEW_TEXT}\n" in output
    assert ": 0 new, 1 updated, " in output
    assert tags >= {"DoesSGDProduce", "role::claim"}
    if touch is tag:
        assert "mine" in tags
    if touch is mark:
        assert "marked" in tags
    if touch is edit_comment:  # the highlight changed: its new version replaces the edit
        assert comment != "my own words, typed in Anki"
    assert "File › Import into" in loop.plan() and "skipped " not in loop.plan()


def test_a_touched_note_whose_highlight_did_not_change_keeps_the_users_edit(loop: Loop) -> None:
    touched_then_edited(loop, tag)
    note_id = loop.touch(UNCHANGED_KEY, edit_comment)
    before = loop.seen(note_id)
    output = loop.import_cli(loop.build())
    assert loop.seen(note_id) == before
    assert "1 note(s) you edited in Anki keep your edit" in output


def test_a_second_import_of_the_same_deck_changes_nothing(loop: Loop) -> None:
    _, apkg = touched_then_edited(loop, edit_comment)
    loop.touch(UNCHANGED_KEY, tag)
    loop.import_cli(apkg)
    before = loop.snapshot()
    record = (loop.collection.parent / DELIVERED_NAME).read_bytes()
    output = loop.import_cli(apkg)
    assert loop.snapshot() == before
    assert (loop.collection.parent / DELIVERED_NAME).read_bytes() == record
    assert ": 0 new, 0 updated, " in output and "updated although" not in output
    again = loop.import_cli(loop.build())  # a rebuild with nothing changed: nothing either
    assert loop.snapshot() == before and ": 0 new, 0 updated, " in again


def test_a_deleted_highlight_of_a_touched_note_is_orphaned_and_suspended(loop: Loop) -> None:
    loop.import_cli(loop.build())
    note_id = loop.touch(UNCHANGED_KEY, tag)
    loop.delete_annotation(UNCHANGED_KEY)
    output = loop.import_cli(loop.build())
    _, tags, _, _ = loop.seen(note_id)
    assert {"anki-export::orphaned", "anki-export::suspended", "mine"} <= tags
    assert "1 card(s) suspended" in output


def test_without_a_record_an_edited_note_is_kept_and_overwrite_edits_replaces_it(
    loop: Loop,
) -> None:
    with loop.open() as col:  # the first deck came in through File > Import: nothing recorded
        import_package(col, loop.build())
    note_id = loop.touch(EDITED_KEY, tag)
    loop.edit(*EDITED)
    apkg = loop.build()
    assert "differs   " in loop.plan()
    output = loop.import_cli(apkg)
    assert "1 note(s) differ from this deck and were changed in Anki after it was built" in output
    assert "a large number of steps" in loop.seen(note_id)[0]
    output = loop.import_cli(apkg, "--overwrite-edits")
    assert "1 note(s) updated although edited in Anki since:" in output
    text, tags, _, _ = loop.seen(note_id)
    assert "a vast number of steps" in text and "mine" in tags


def test_the_record_sits_beside_the_collection_never_in_ankis_tables(loop: Loop) -> None:
    apkg = loop.build()
    loop.import_cli(apkg)
    record = loop.collection.parent / DELIVERED_NAME
    with sqlite3.connect(record) as db:
        rows = db.execute("select collection, guid, hash from delivered").fetchall()
    db.close()
    hashes = {guid: note.hash for guid, note in package_notes(apkg).items()}
    assert {(guid, digest) for _, guid, digest in rows} == set(hashes.items())
    assert {name for name, _, _ in rows} == {"collection.anki2"}
    with sqlite3.connect(loop.collection) as db:
        names = {name for (name,) in db.execute("select name from sqlite_master")}
    db.close()
    assert not any("deliver" in name for name in names)


def test_a_package_notes_hash_is_the_hash_the_state_keeps(loop: Loop) -> None:
    apkg = loop.build()
    state = State(loop.state)
    try:
        for guid, note in package_notes(apkg).items():
            record = state.note(guid)
            assert record is not None and record.hash == note.hash
    finally:
        state.close()


def test_a_damaged_record_is_kept_aside_with_a_warning_and_the_import_goes_on(
    loop: Loop,
) -> None:
    apkg = loop.build()
    record = loop.collection.parent / DELIVERED_NAME
    record.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    result = CliRunner().invoke(cli, ["import", str(apkg), "--collection",
                                      str(loop.collection)])
    assert result.exit_code == 0, result.output
    assert "warning: " in result.output and "record of earlier imports is unreadable" \
        in result.output
    assert len(list(record.parent.glob(f"{DELIVERED_NAME}.broken-*"))) == 1
    with sqlite3.connect(record) as db:
        assert db.execute("select count(*) from delivered").fetchone()[0] > 20
    db.close()


def test_plan_refuses_a_collection_anki_holds_with_a_clear_error(loop: Loop) -> None:
    loop.import_cli(loop.build())
    with held(loop.collection, "anki"):
        output = loop.run("plan", str(loop.note), "--state", str(loop.state), "--collection",
                          str(loop.collection), code=1)
    assert output.endswith(f"Error: {loop.collection}: {IN_USE}\n")


def test_plan_reads_a_collection_another_sqlite_writer_holds(loop: Loop) -> None:
    touched_then_edited(loop, tag)
    with held(loop.collection, "sqlite"):  # a write transaction: readers still read
        output = loop.plan()
    assert f"skipped   {loop.note}:76  {NEW_TEXT}" in output


def test_plan_reads_the_collection_without_the_engine_and_changes_nothing(loop: Loop) -> None:
    # A profile folder whose name a string-built SQLite URI would cut or misread.
    loop.collection = loop.root / "odd #1? 100% 'quoted' ü" / "collection.anki2"
    loop.collection.parent.mkdir()
    Collection(str(loop.collection)).close()
    note_id, _ = touched_then_edited(loop, tag)
    folder = loop.collection.parent
    assert (folder / DELIVERED_NAME).is_file()
    before = sorted((p.name, p.read_bytes()) for p in folder.iterdir()
                    if not p.name.endswith(("-wal", "-shm")) and p.is_file())
    code = ("import sys; sys.modules['anki'] = None; from anki_export.cli import cli; "
            "cli(sys.argv[1:])")
    result = subprocess.run([sys.executable, "-c", code, "plan", str(loop.note), "--state",
                             str(loop.state), "--collection", str(loop.collection)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert f"skipped   {loop.note}:76  {NEW_TEXT}" in result.stdout
    after = sorted((p.name, p.read_bytes()) for p in folder.iterdir()
                   if not p.name.endswith(("-wal", "-shm")) and p.is_file())
    assert after == before
    assert "1 note(s) updated although" in loop.import_cli(loop.build())
    assert "a vast number of steps" in loop.seen(note_id)[0]


def test_plan_names_a_missing_collection(loop: Loop) -> None:
    missing = loop.root / "nowhere" / "collection.anki2"
    output = loop.run("plan", str(loop.note), "--state", str(loop.state), "--collection",
                      str(missing), code=1)
    assert output.endswith(f"Error: no Anki collection at {missing}\n")


CLOZE = 1_739_180_401
PACKAGE = PackageNote("g", CLOZE, ("new text", "extra"), ("cite", "role::claim"), "D", 100)
SAME = CollectionNote(1, "g", CLOZE, ("new text", "extra"), ("cite", "role::claim", "mine"), 150)
OLD = CollectionNote(1, "g", CLOZE, ("old text", "extra"), ("cite", "role::claim"), 150)


@pytest.mark.parametrize(("present", "delivery", "expected"), [
    (None, None, "new"),
    (CollectionNote(1, "g", 7, ("x",), (), 150), None, "conflicting"),
    (CollectionNote(1, "g", CLOZE, ("old text", "extra"), (), 99), None, "newer"),
    (SAME, None, "same"),  # only the user's own tag differs
    (OLD, Delivery(PACKAGE.hash, 120), "edited"),  # the package brings what was delivered
    (OLD, Delivery("an older hash", 120), "changed"),
    (OLD, None, "unrecorded"),
    (OLD, Delivery("an older hash", 200), "unrecorded"),  # went back in time: record void
])
def test_the_verdict_rule(present: CollectionNote | None, delivery: Delivery | None,
                          expected: str) -> None:
    assert verdict(PACKAGE, present, delivery) == expected


def test_a_failure_after_the_catch_up_leaves_collection_and_record_unchanged(
    loop: Loop, monkeypatch: pytest.MonkeyPatch
) -> None:
    note_id, apkg = touched_then_edited(loop, tag)
    record = loop.collection.parent / DELIVERED_NAME
    recorded, before = record.read_bytes(), loop.snapshot()

    def fail(*_: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("anki_export.anki.importer._orphan_suspension", fail)
    with pytest.raises(RuntimeError, match="disk on fire"):
        import_deck(apkg, loop.collection)
    assert loop.snapshot() == before and record.read_bytes() == recorded
    assert "a large number of steps" in loop.seen(note_id)[0]


def test_plan_gives_the_same_listing_however_small_its_batches(
    loop: Loop, monkeypatch: pytest.MonkeyPatch
) -> None:
    touched_then_edited(loop, tag)
    loop.touch(UNCHANGED_KEY, edit_comment)
    whole = loop.plan()
    monkeypatch.setattr(FileImportCheck, "BATCH", 2)
    assert loop.plan() == whole
