"""Importing a built deck straight into an Anki collection, with the real engine, in tmp_path."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from anki.collection import Collection
from anki.dbproxy import DBProxy
from click.testing import CliRunner

from anki_export.anki.contents import package_notes
from anki_export.anki.importer import (
    ENGINE_MISSING,
    SUSPENDED_TAG,
    ImportSummary,
    import_deck,
    user_tags,
)
from anki_export.cli import cli
from anki_export.deck.decks import ORPHAN_TAG, RETIRED_TAG
from anki_export.errors import ExportError
from tests.conftest import EXAMPLE
from tests.note_edits import delete_annotation, edit_note

EDITED = ("SGD will take a large number of steps to converge to a corrigible model",
          "SGD will take a vast number of steps to converge to a corrigible model")
EDITED_KEY = "2FFMLFB2"  # the claim EDITED changes: one cloze note
DELETED_KEY = "GZAWEYRI"  # an "Important" highlight that makes one note
CARRIER_UPDATES = 1
"""Notes updated besides the orphan when DELETED_KEY goes or comes back: its card carries an
ordinary sentence (precise_clozes) on its back, which moves to the card before it and back."""
IN_USE = "the collection is in use (is Anki running? close it and try again)"


class Desk:
    """A copy of the example note, its state file, a fresh profile collection, and a clock."""

    def __init__(self, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.root = root
        self.note = root / "DoesSGDProduce.md"
        shutil.copy(EXAMPLE, self.note)
        (root / "tmp").mkdir()
        self.collection = root / "User 1" / "collection.anki2"
        self.collection.parent.mkdir()
        Collection(str(self.collection)).close()
        # Builds happen "in the past", as for a user who tags a card in Anki after importing.
        self.clock = int(time.time()) - 10_000
        self.builds = 0
        monkeypatch.setattr("anki_export.cli.common.time.time", lambda: float(self.clock))

    def build(self) -> Path:
        self.clock += 10
        self.builds += 1
        out = self.root / f"build{self.builds}.apkg"
        arguments = ["build", str(self.note), "-o", str(out), "--state",
                     str(self.root / "tmp" / "state.sqlite3"), "-q"]
        result = CliRunner().invoke(cli, arguments)
        assert result.exit_code == 0, result.output
        return out

    def build_and_import(self, **options: object) -> ImportSummary:
        return import_deck(self.build(), self.collection, **options)  # type: ignore[arg-type]

    def edit(self, old: str, new: str) -> None:
        edit_note(self.note, old, new)

    def delete_annotation(self, key: str) -> None:
        delete_annotation(self.note, key)

    @contextmanager
    def open(self) -> Iterator[Collection]:
        """The collection, opened only between imports (never while import_deck runs)."""
        col = Collection(str(self.collection))
        try:
            yield col
        finally:
            col.close()

    def note_id(self, key: str) -> int:
        with self.open() as col:
            (note_id,) = col.find_notes(f"AnnotationKey:{key}")
        return note_id

    def tag_in_anki(self, note_id: int, tags: str) -> None:
        """Tags added in Anki before the next build: the note stays no newer than its stamp."""
        with self.open() as col:
            col.tags.bulk_add([note_id], tags)  # type: ignore[list-item]
            assert col.db is not None
            col.db.execute("update notes set mod = ? where id = ?", self.clock, note_id)

    def tags_and_mod(self, note_id: int) -> tuple[set[str], int]:
        with self.open() as col:
            note = col.get_note(note_id)  # type: ignore[arg-type]
            return set(note.tags), note.mod


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Desk:
    return Desk(tmp_path, monkeypatch)


@contextmanager
def held(collection: Path, how: str) -> Iterator[None]:
    """Another process holding the collection: Anki itself, or any SQLite writer."""
    holders = {
        "anki": "from anki.collection import Collection; c = Collection(sys.argv[1])",
        "sqlite": "import sqlite3; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
                  "c.execute('begin exclusive')",
    }
    code = f"import sys; {holders[how]}; print('ready', flush=True); sys.stdin.read()"
    process = subprocess.Popen([sys.executable, "-c", code, str(collection)],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None and process.stdout.readline() == "ready\n"
        yield
    finally:
        assert process.stdin is not None
        process.stdin.close()
        process.wait(timeout=30)


def _db(col: Collection) -> DBProxy:
    assert col.db is not None
    return col.db


def backups(desk: Desk) -> list[Path]:
    return sorted((desk.collection.parent / "backups").glob("anki-export-*.anki2"))


def test_first_import_adds_every_note_and_counts_come_from_ankis_log(desk: Desk) -> None:
    apkg = desk.build()
    summary = import_deck(apkg, desk.collection)
    assert summary.new == len(package_notes(apkg)) > 20
    assert (summary.updated, summary.duplicate, summary.conflicting) == (0, 0, 0)
    assert (summary.suspended, summary.unsuspended, summary.tags_kept) == (0, 0, 0)
    with desk.open() as col:
        assert col.note_count() == summary.new


def test_reimport_after_an_edit_updates_in_place_and_adds_nothing(desk: Desk) -> None:
    total = desk.build_and_import().new
    note_id = desk.note_id(EDITED_KEY)
    desk.edit(*EDITED)
    summary = desk.build_and_import()
    assert (summary.new, summary.conflicting) == (0, 0) and summary.updated >= 1
    assert summary.duplicate == total - summary.updated
    with desk.open() as col:
        assert col.note_count() == total
        assert "a vast number of steps" in col.get_note(note_id)["Text"]  # type: ignore[arg-type]
    again = desk.build_and_import()
    assert (again.new, again.updated, again.duplicate) == (0, 0, total)


@pytest.mark.parametrize("how", ["anki", "sqlite"])
def test_refuses_a_collection_another_program_holds(desk: Desk, how: str) -> None:
    apkg = desk.build()
    with held(desk.collection, how), pytest.raises(ExportError) as error:
        import_deck(apkg, desk.collection)
    assert str(error.value) == f"{desk.collection}: {IN_USE}"
    with desk.open() as col:
        assert col.note_count() == 0
    if how == "anki":  # Anki's lock stops even the backup
        assert backups(desk) == []


def test_a_missing_collection_is_named_and_not_created(desk: Desk, tmp_path: Path) -> None:
    missing = tmp_path / "Nobody" / "collection.anki2"
    with pytest.raises(ExportError) as error:
        import_deck(desk.build(), missing)
    assert str(error.value) == f"no Anki collection at {missing}"
    assert not missing.parent.exists()


def test_a_missing_or_broken_package_is_an_error_before_any_backup(desk: Desk) -> None:
    with pytest.raises(ExportError) as error:
        import_deck(desk.root / "none.apkg", desk.collection)
    assert str(error.value) == f"no such deck package: {desk.root / 'none.apkg'}"
    broken = desk.root / "broken.apkg"
    broken.write_text("not a zip", encoding="utf-8")
    with pytest.raises(ExportError) as error:
        import_deck(broken, desk.collection)
    assert str(error.value) == f"{broken}: cannot read deck package (File is not a zip file)"
    assert backups(desk) == []


def test_a_package_anki_rejects_is_an_error_and_changes_nothing(desk: Desk) -> None:
    fake = desk.root / "fake.anki2"
    with sqlite3.connect(fake) as db:
        db.execute("create table notes (guid text, tags text)")
    db.close()
    apkg = desk.root / "fake.apkg"
    with zipfile.ZipFile(apkg, "w") as archive:
        archive.write(fake, "collection.anki2")
        archive.writestr("media", "{}")
    with pytest.raises(ExportError) as error:
        import_deck(apkg, desk.collection)
    assert str(error.value).startswith(f"{desk.collection}: Anki could not import {apkg} (")
    assert str(error.value).endswith("); the collection is unchanged")
    with desk.open() as col:
        assert col.note_count() == 0


def test_a_file_that_is_not_a_collection_is_refused(desk: Desk) -> None:
    desk.collection.write_text("not a database", encoding="utf-8")
    with pytest.raises(ExportError) as error:
        import_deck(desk.build(), desk.collection)
    assert str(error.value) == (f"{desk.collection}: cannot back up the collection "
                                "(file is not a database)")
    assert backups(desk) == []


def test_the_backup_holds_the_collection_as_it_was_and_opens_in_anki(desk: Desk) -> None:
    total = desk.build_and_import().new
    desk.edit(*EDITED)
    summary = desk.build_and_import()
    assert summary.backup in backups(desk) and len(backups(desk)) == 2
    assert not summary.backup.with_name(summary.backup.name + "-wal").exists()
    copy = desk.root / "restored" / "collection.anki2"
    copy.parent.mkdir()
    shutil.copy(summary.backup, copy)
    restored = Collection(str(copy))
    try:
        assert restored.note_count() == total
        texts = " ".join(restored.get_note(n)["Text"] for n in restored.find_notes("note:*Cloze"))
        assert "a large number of steps" in texts and "a vast number of steps" not in texts
    finally:
        restored.close()


def test_backup_folder_puts_the_backup_elsewhere(desk: Desk) -> None:
    summary = desk.build_and_import(backup_folder=desk.root / "safe")
    assert summary.backup.parent == desk.root / "safe"
    assert summary.backup.name.startswith("anki-export-") and summary.backup.suffix == ".anki2"
    assert backups(desk) == []


def test_tags_added_in_anki_survive_an_update_and_later_builds_still_update(desk: Desk) -> None:
    first = desk.build()
    import_deck(first, desk.collection)
    note_id = desk.note_id(EDITED_KEY)
    desk.tag_in_anki(note_id, "mine to-review")
    desk.edit(*EDITED)
    second = desk.build_and_import()
    assert second.updated >= 1 and second.tags_kept == 1
    tags, mod = desk.tags_and_mod(note_id)
    assert tags == {"DoesSGDProduce", "role::claim", "mine", "to-review"}
    assert mod == desk.clock  # the package's stamp, not the time of re-tagging
    desk.edit("a vast number of steps", "a huge number of steps")
    third = desk.build_and_import()
    assert third.updated >= 1 and third.tags_kept == 1
    assert desk.tags_and_mod(note_id)[0] >= {"mine", "to-review"}


def test_without_keep_user_tags_anki_replaces_the_tags(desk: Desk) -> None:
    desk.build_and_import()
    note_id = desk.note_id(EDITED_KEY)
    desk.tag_in_anki(note_id, "mine")
    desk.edit(*EDITED)
    assert desk.build_and_import(keep_user_tags=False).tags_kept == 0
    assert desk.tags_and_mod(note_id)[0] == {"DoesSGDProduce", "role::claim"}


def test_a_regenerated_citekey_does_not_leave_its_old_tag_behind(desk: Desk) -> None:
    total = desk.build_and_import().new
    note_id = desk.note_id(EDITED_KEY)
    desk.tag_in_anki(note_id, "mine")
    desk.edit("citekey: DoesSGDProduce", "citekey: hubinger2022does")
    summary = desk.build_and_import()
    assert summary.updated == total and summary.tags_kept == 1
    assert desk.tags_and_mod(note_id)[0] == {"hubinger2022does", "role::claim", "mine"}


@pytest.mark.parametrize(("previous", "incoming", "citekey", "kept"), [
    (["cite", "role::claim", "mine"], ["cite", "role::claim"], "cite", ["mine"]),
    (["Mine", "MINE2"], ["mine"], "cite", ["MINE2"]),  # Anki's tags ignore case
    (["role::old", "anki-export::orphaned", "Anki-Export::suspended"], [], "", []),
    (["oldkey", "new"], ["newkey"], "oldkey", ["new"]),
    (["leech", "marked"], ["cite"], "cite", ["leech", "marked"]),
])
def test_user_tags_rule(previous: list[str], incoming: list[str], citekey: str,
                        kept: list[str]) -> None:
    assert user_tags(previous, incoming, citekey) == kept


def test_orphans_are_suspended_and_unsuspended_when_their_annotation_returns(desk: Desk) -> None:
    total = desk.build_and_import().new
    original = desk.note.read_text(encoding="utf-8")
    note_id = desk.note_id(DELETED_KEY)
    desk.delete_annotation(DELETED_KEY)
    orphaned = desk.build_and_import()
    assert (orphaned.updated, orphaned.suspended) == (1 + CARRIER_UPDATES, 1)
    with desk.open() as col:
        assert col.note_count() == total  # suspended, never deleted
        assert list(col.find_notes(f"tag:{ORPHAN_TAG} tag:{SUSPENDED_TAG}")) == [note_id]
        assert len(col.find_cards("is:suspended")) == 1
    unchanged = desk.build_and_import()
    assert (unchanged.updated, unchanged.suspended, unchanged.unsuspended) == (0, 0, 0)
    desk.note.write_text(original, encoding="utf-8")
    back = desk.build_and_import()
    assert (back.updated, back.unsuspended) == (1 + CARRIER_UPDATES, 1)
    with desk.open() as col:
        assert col.find_cards("is:suspended") == []
        assert col.find_notes(f"tag:{ORPHAN_TAG} or tag:{SUSPENDED_TAG}") == []


CLAIM_LINK = "(zotero://open-pdf/library/items/SMLZN3L8?page=5&annotation=2FFMLFB2)"
OWN_QUESTION = "%%Q: How long does SGD take to reach a corrigible model? A: many steps%%"


def test_a_card_its_highlight_no_longer_makes_is_retired_suspended_and_kept(desk: Desk) -> None:
    # The claim makes a cloze; the reader's own question then replaces it: the highlight is
    # still there, but the rules no longer make the cloze. It is retired, not orphaned.
    total = desk.build_and_import().new
    cloze = desk.note_id(EDITED_KEY)
    with desk.open() as col:
        (card_id,) = col.find_cards(f"nid:{cloze}")
        card = col.get_card(card_id)
        card.start_timer()
        col.sched.answerCard(card, 3)
    original = desk.note.read_text(encoding="utf-8")
    desk.edit(CLAIM_LINK + "\n", f"{CLAIM_LINK}\n{OWN_QUESTION}\n")
    retired = desk.build_and_import()
    assert (retired.new, retired.updated, retired.suspended) == (1, 1, 1)
    with desk.open() as col:
        assert col.note_count() == total + 1  # the old note is kept beside the new question
        assert list(col.find_notes(f"tag:{RETIRED_TAG}")) == [cloze]
        assert col.find_notes(f"tag:{ORPHAN_TAG}") == []
        assert list(col.find_notes(f"tag:{SUSPENDED_TAG}")) == [cloze]
        assert col.get_card(card_id).queue == -1  # suspended, never deleted
        assert len(_db(col).list(f"select id from revlog where cid = {card_id}")) == 1
    again = desk.build_and_import()  # re-emitted once: the next build leaves it alone
    assert (again.new, again.updated, again.suspended) == (0, 0, 0)
    desk.note.write_text(original, encoding="utf-8")
    back = desk.build_and_import()  # the cloze is made again; now the question is retired
    assert (back.updated, back.suspended, back.unsuspended) == (2, 1, 1)
    with desk.open() as col:
        assert col.get_card(card_id).queue != -1
        assert cloze not in col.find_notes(f"tag:{RETIRED_TAG} or tag:{SUSPENDED_TAG}")
        (question,) = col.find_notes(f"tag:{RETIRED_TAG}")
        front = col.get_note(question)["Front"]
        assert front == "How long does SGD take to reach a corrigible model?"


def test_orphans_stay_active_without_suspend_orphans(desk: Desk) -> None:
    desk.build_and_import()
    desk.delete_annotation(DELETED_KEY)
    summary = desk.build_and_import(suspend_orphans=False)
    assert (summary.updated, summary.suspended) == (1 + CARRIER_UPDATES, 0)
    with desk.open() as col:
        assert col.find_cards("is:suspended") == []
        assert len(col.find_notes(f"tag:{ORPHAN_TAG}")) == 1


def test_a_failure_after_the_import_leaves_the_collection_unchanged(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*_: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("anki_export.anki.importer._orphan_suspension", fail)
    with pytest.raises(RuntimeError, match="disk on fire"):
        desk.build_and_import()
    with desk.open() as col:  # closed properly: it opens again, untouched
        assert col.note_count() == 0
        assert col.decks.by_name("Research") is None


def test_a_missing_engine_is_a_clear_error(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    apkg = desk.build()
    for name in [n for n in sys.modules if n == "anki" or n.startswith("anki.")]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, "anki", None)
    with pytest.raises(ExportError) as error:
        import_deck(apkg, desk.collection)
    assert str(error.value) == ENGINE_MISSING
    assert ENGINE_MISSING == ("importing into Anki needs the official Anki engine: "
                              "pip install 'zotero-anki-export[anki]'")
    assert backups(desk) == []


def test_anki_export_imports_without_the_engine() -> None:
    code = ("import sys; sys.modules['anki'] = None; "
            "import anki_export.cli, anki_export.anki.importer, anki_export.anki.paths")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr


def test_package_notes_reads_guids_and_tags_without_the_engine(desk: Desk) -> None:
    notes = package_notes(desk.build())
    assert len(notes) > 20
    assert all({"DoesSGDProduce"} < set(note.tags) for note in notes.values())
