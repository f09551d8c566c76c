"""The state stage alone: the state file, stable clozes, and what planning one note says."""

from __future__ import annotations

import json
import multiprocessing
import os
import sqlite3
from dataclasses import replace
from multiprocessing.synchronize import Event as EventType
from pathlib import Path

import pytest

from anki_export.cards.card import Card, Cloze
from anki_export.config import Config
from anki_export.deck.decks import ORPHAN_TAG
from anki_export.deck.notetypes import cloze_note_type
from anki_export.errors import ExportError
from anki_export.read.annotation import Annotation
from anki_export.read.notes import parse_note
from anki_export.state.records import FileRecord, Meta, NoteRecord
from anki_export.state.store import State
from anki_export.state.update import (
    cloze_warnings,
    identity_warning,
    note_type_warnings,
    orphan,
    plan_note,
    stable_clozes,
)
from anki_export.state.writer import StateWriter

NOW = 1_800_000_000


@pytest.fixture
def source(tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "kuhn.md"
    path.write_text("---\ncitekey: kuhn1962\n---\n", encoding="utf-8")
    return parse_note(path.read_text(encoding="utf-8"), path)


def claim(source, text: str, key: str = "KUHN0001", numbered=((0, 0, 1),)) -> Card:  # type: ignore[no-untyped-def]
    annotation = Annotation(line=5, text=text, raw_text=text, role="claim",
                            attachment_key="BOOK0001", annotation_key=key, page_label="52")
    clozes = tuple(Cloze(s, e, n) for s, e, n in numbered)
    return Card("cloze", "claim-cloze", source, annotation, text, clozes)


def hiding(card: Card, word: str, number: int = 1) -> Card:
    start = card.text.index(word)
    return replace(card, clozes=(Cloze(start, start + len(word), number),))


def planned(card: Card, record: NoteRecord | None = None, now: int = NOW):  # type: ignore[no-untyped-def]
    return plan_note(card, record, Config(), now)


def saved(path: Path, notes: dict[str, NoteRecord], files: dict[str, FileRecord] | None = None,
          meta: Meta | None = None, start_from: str | None = None) -> None:
    writer = StateWriter(path, start_from)
    writer.put_notes(notes.items())
    writer.put_files((files or {}).items())
    writer.commit(meta or Meta({"1": "a|b"}, NOW, "9.9", "key"))


def test_state_round_trips_through_its_sqlite_file(tmp_path: Path, source) -> None:  # type: ignore[no-untyped-def]
    card = hiding(claim(source, "normal science does not aim at \u201cnovelty\u201d"), "novelty")
    _, record = planned(card)
    file = FileRecord(10, 20, "ab", (card.guid,), 1, ("reference",), ("a: warning",), 0,
                      ("claim",))
    saved(tmp_path / "state.sqlite3", {card.guid: record}, {"/notes/kuhn.md": file})
    state = State(tmp_path / "state.sqlite3")
    assert state.note(card.guid) == record and state.file("/notes/kuhn.md") == file
    assert state.meta == Meta({"1": "a|b"}, NOW, "9.9", "key")
    assert list(state.notes()) == [(card.guid, record)]
    assert state.guids_of(record.annotation) == {card.guid}
    assert state.changed_since(NOW - 1) == {card.guid} and state.changed_since(NOW) == set()
    state.close()
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []  # no temporary


def test_a_new_state_starts_as_a_copy_of_the_last_and_replaces_it_only_on_commit(
    tmp_path: Path, source  # type: ignore[no-untyped-def]
) -> None:
    path = tmp_path / "state.sqlite3"
    one, two = (planned(claim(source, text, key))[1]
                for text, key in (("science aims at puzzles", "K1"), ("puzzles end", "K2")))
    saved(path, {"g1": one})
    before = path.read_bytes()
    writer = StateWriter(path, str(path))
    writer.put_notes([("g2", two)])
    writer.discard()
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []
    saved(path, {"g2": two}, start_from=str(path))
    state = State(path)
    assert dict(state.notes()) == {"g1": one, "g2": two}
    state.close()


def test_missing_state_is_empty_and_a_broken_one_is_reported(tmp_path: Path) -> None:
    state = State(tmp_path / "none.sqlite3")
    assert (list(state.notes()), state.problems, state.broken) == ([], [], False)
    for name, content in (("text", b"not a state"), ("json", b'{"format": 99}'),
                          ("sqlite", b"SQLite format 3\x00" + b"\x00" * 200)):
        (tmp_path / name).write_bytes(content)
        state = State(tmp_path / name)
        assert state.broken and list(state.notes()) == [], name
        assert "treats every note as new" in state.problems[0].message


def test_a_state_written_by_a_newer_version_is_refused(tmp_path: Path) -> None:
    saved(tmp_path / "state.sqlite3", {})
    with sqlite3.connect(tmp_path / "state.sqlite3") as db:
        db.execute("UPDATE meta SET value = '3' WHERE key = 'format'")
    with pytest.raises(ExportError, match="newer anki-export"):
        State(tmp_path / "state.sqlite3")


def test_the_json_state_of_older_versions_is_read_with_its_history(
    tmp_path: Path, source  # type: ignore[no-untyped-def]
) -> None:
    card = hiding(claim(source, "normal science does not aim at novelty"), "novelty")
    _, record = planned(card)
    legacy = {"format": 1, "notes": {card.guid: {
        **{name: getattr(record, name) for name in NoteRecord.__slots__}}},
        "files": {"/notes/kuhn.md": {"size": 1, "mtime_ns": 2, "sha256": "c",
                                     "guids": [card.guid], "annotations": 1}},
        "note_types": {"1": "x"}, "full_build_at": NOW, "tool": "0.1.0", "build_key": "k"}
    (tmp_path / "old.json").write_text(json.dumps(legacy), encoding="utf-8")
    state = State(tmp_path / "old.json")
    assert not state.broken and state.note(card.guid) == record
    assert state.file("/notes/kuhn.md") == FileRecord(1, 2, "c", (card.guid,), 1,
                                                       roles=("claim",))
    assert state.meta == Meta({"1": "x"}, NOW, "0.1.0", "k")
    state.close()


def test_first_build_is_all_new_and_stamped_now(source) -> None:  # type: ignore[no-untyped-def]
    entry, _ = planned(hiding(claim(source, "normal science does not aim at novelty"), "novelty"))
    assert (entry.status, entry.mtime) == ("new", NOW)


def test_unchanged_note_keeps_its_stamp_and_a_changed_one_gets_a_newer_one(source) -> None:  # type: ignore[no-untyped-def]
    card = hiding(claim(source, "normal science does not aim at novelty"), "novelty")
    _, first = planned(card)
    entry, _ = planned(card, first, NOW + 5)
    assert (entry.status, entry.mtime) == ("unchanged", NOW)
    edited = hiding(claim(source, "normal science never aims at novelty"), "novelty")
    entry, _ = planned(edited, first, NOW)  # same second: still strictly newer
    assert (entry.status, entry.mtime, entry.reason) == ("updated", NOW + 1, "content changed")


def test_hidden_text_stays_hidden_under_its_number_when_the_rules_would_pick_another(
    source,  # type: ignore[no-untyped-def]
) -> None:
    _, record = planned(hiding(claim(source, "normal science does not aim at novelty"), "novelty"))
    edited = hiding(claim(source, "mature normal science does not aim at novelty"), "mature")
    stable = stable_clozes(edited, record)
    assert stable.hidden() == ("novelty",) and stable.clozes[0].number == 1


def test_new_hidden_text_takes_the_freed_number_so_no_card_is_left_empty(source) -> None:  # type: ignore[no-untyped-def]
    _, record = planned(hiding(claim(source, "normal science does not aim at novelty"), "novelty"))
    edited = hiding(claim(source, "normal science does not aim at discovery"), "discovery", 1)
    stable = stable_clozes(edited, record)
    assert [(c.number, stable.text[c.start:c.end]) for c in stable.clozes] == [(1, "discovery")]
    entry, _ = planned(stable, record, NOW + 10)
    assert cloze_warnings(stable, record, entry) == []


def test_a_cloze_number_that_disappears_is_warned_about(source) -> None:  # type: ignore[no-untyped-def]
    text = "normal science does not aim at novelty of fact or theory"
    _, record = planned(claim(source, text, numbered=((31, 38, 1), (47, 53, 2))))
    one = stable_clozes(claim(source, "normal science does not aim at novelty",
                              numbered=((31, 38, 1),)), record)
    entry, _ = planned(one, record, NOW + 10)
    assert [w.message for w in cloze_warnings(one, record, entry)] == [
        "card c2 of this note will be empty after import (its review history stays with it)"]


def test_vanished_annotation_is_orphaned_once_then_left_as_it_is(source) -> None:  # type: ignore[no-untyped-def]
    card = hiding(claim(source, "normal science does not aim at novelty"), "novelty")
    _, record = planned(card)
    gone, orphaned = orphan(card.guid, record, NOW + 10)
    assert (gone.status, gone.mtime) == ("orphaned", NOW + 10)
    assert ORPHAN_TAG in gone.note.tags and gone.note.fields == record.fields
    later, same = orphan(card.guid, orphaned, NOW + 20)
    assert (later.status, later.mtime, same) == ("unchanged", NOW + 10, orphaned)


def test_a_known_annotation_whose_notes_change_identity_is_warned_about(source) -> None:  # type: ignore[no-untyped-def]
    (warning,) = identity_warning("BOOK0001/KUHN0001", {"old"}, {"new"}, "/notes/kuhn.md:5")
    assert "1 note(s) replaced by new ones" in warning.message
    assert (str(warning.path), warning.line) == ("/notes/kuhn.md", 5)
    assert identity_warning("BOOK0001/KUHN0001", {"old"}, {"old", "new"}, "x:5") == []
    assert identity_warning("BOOK0001/KUHN0001", set(), {"new"}, "x:5") == []


def test_a_changed_note_type_signature_is_warned_about() -> None:
    model = str(cloze_note_type().model_id)
    warnings = note_type_warnings({model: "Text|Extra|#|Cloze"})
    assert [w.message.split(":")[0] for w in warnings] == [
        "note type 'anki-export Cloze' changed its fields or templates since the last build"]


def test_a_tool_upgrade_that_changes_a_note_says_so(source) -> None:  # type: ignore[no-untyped-def]
    card = hiding(claim(source, "normal science does not aim at novelty"), "novelty")
    _, record = planned(card)
    edited = hiding(claim(source, "normal science never aims at novelty"), "novelty")
    entry, _ = planned(edited, replace(record, tool="0.0.1"), NOW + 10)
    assert (entry.reason, entry.mtime, entry.version_only) == (
        "anki-export upgraded from 0.0.1", NOW + 10, False)


def test_a_change_that_comes_only_from_a_new_version_is_stamped_before_any_edit_in_anki(
    source,  # type: ignore[no-untyped-def]
) -> None:
    card = hiding(claim(source, "normal science does not aim at novelty"), "novelty")
    _, record = planned(card)
    old = replace(record, tool="0.0.1", hash="x")  # same highlight; the old rules made other text
    entry, new = planned(card, old, NOW + 10)
    assert (entry.status, entry.mtime, entry.version_only) == ("updated", NOW + 1, True)
    assert entry.reason == ("anki-export upgraded from 0.0.1; only its own wording changed, so "
                            "an edit you made in Anki stays")
    assert new.mtime == NOW + 1


def test_one_build_at_a_time_writes_a_state_and_a_killed_ones_leftovers_are_removed(
    tmp_path: Path,
) -> None:
    path = tmp_path / "state.sqlite3"
    saved(path, {})
    leftover = tmp_path / ".state.sqlite3.killed.tmp"
    leftover.write_bytes(b"half a state")
    first = StateWriter(path, str(path))
    assert not leftover.exists()
    with pytest.raises(ExportError, match="another anki-export build is writing"):
        StateWriter(path, None)
    first.commit(Meta({}))
    second = StateWriter(path, str(path))  # the lock went with the commit
    assert len(list(tmp_path.iterdir())) == 2  # the state and the new one being written
    second.discard()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="Windows starts processes afresh: no fork")
def _alive_until(started: EventType, finish: EventType) -> None:
    started.set()
    finish.wait(60)


def test_a_forked_worker_neither_holds_nor_releases_the_state_writers_lock(
    tmp_path: Path,
) -> None:
    path = tmp_path / "state.sqlite3"
    saved(path, {})
    writer = StateWriter(path, str(path))
    context = multiprocessing.get_context("fork")
    started, finish = context.Event(), context.Event()
    worker = context.Process(target=_alive_until, args=(started, finish))
    worker.start()
    # The child lets go of the parent's files in its after-fork hook; on a busy machine it may
    # not have run yet when the parent goes on, so wait until the child is running its target.
    assert started.wait(30)
    try:
        with pytest.raises(ExportError, match="another anki-export build is writing"):
            StateWriter(path, None)  # the lock stayed with the writer
        writer.discard()
        StateWriter(path, None).discard()  # the worker, still alive, holds no lock
    finally:
        finish.set()
        worker.join()
