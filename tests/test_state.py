"""The state stage alone: manifest files, stable clozes, and what a plan says."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from anki_export.annotation import Annotation
from anki_export.cards import Card, Cloze
from anki_export.config import Config
from anki_export.notes import parse_note
from anki_export.notetypes import cloze_note_type
from anki_export.state import Manifest, load_manifest, save_manifest
from anki_export.update import ORPHAN_TAG, plan_update, stable_clozes

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


def plan(cards: list[Card], manifest: Manifest, source, now: int = NOW):  # type: ignore[no-untyped-def]
    return plan_update(cards, manifest, Config(), now, [str(source.path.resolve())])


def test_manifest_round_trips_through_its_json_file(tmp_path: Path, source) -> None:  # type: ignore[no-untyped-def]
    card = hiding(claim(source, "normal science does not aim at novelty"), "novelty")
    manifest = plan([card], Manifest(), source).manifest
    save_manifest(manifest, tmp_path / "state.json")
    loaded, problems, broken = load_manifest(tmp_path / "state.json")
    assert (loaded, problems, broken) == (manifest, [], False)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_missing_manifest_is_empty_and_a_broken_one_is_reported(tmp_path: Path) -> None:
    assert load_manifest(tmp_path / "none.json") == (Manifest(), [], False)
    (tmp_path / "bad.json").write_text('{"format": 99}', encoding="utf-8")
    manifest, problems, broken = load_manifest(tmp_path / "bad.json")
    assert manifest == Manifest() and broken
    assert "treats every note as new" in problems[0].message


def test_first_build_is_all_new_and_stamped_now(source) -> None:  # type: ignore[no-untyped-def]
    result = plan([hiding(claim(source, "normal science does not aim at novelty"), "novelty")],
                  Manifest(), source)
    assert [(p.status, p.mtime) for p in result.notes] == [("new", NOW)]
    assert result.manifest.full_build_at == NOW


def test_unchanged_note_keeps_its_stamp_and_a_changed_one_gets_a_newer_one(source) -> None:  # type: ignore[no-untyped-def]
    card = hiding(claim(source, "normal science does not aim at novelty"), "novelty")
    first = plan([card], Manifest(), source).manifest
    assert [(p.status, p.mtime) for p in plan([card], first, source, NOW + 5).notes] == [
        ("unchanged", NOW)]
    edited = hiding(claim(source, "normal science never aims at novelty"), "novelty")
    (entry,) = plan([edited], first, source, NOW).notes  # same second: still strictly newer
    assert (entry.status, entry.mtime, entry.reason) == ("updated", NOW + 1, "content changed")


def test_hidden_text_stays_hidden_under_its_number_when_the_rules_would_pick_another(
    source,  # type: ignore[no-untyped-def]
) -> None:
    card = hiding(claim(source, "normal science does not aim at novelty"), "novelty")
    manifest = plan([card], Manifest(), source).manifest
    edited = hiding(claim(source, "mature normal science does not aim at novelty"), "mature")
    (stable,) = stable_clozes([edited], manifest)
    assert stable.hidden() == ("novelty",) and stable.clozes[0].number == 1


def test_new_hidden_text_takes_the_freed_number_so_no_card_is_left_empty(source) -> None:  # type: ignore[no-untyped-def]
    card = hiding(claim(source, "normal science does not aim at novelty"), "novelty")
    manifest = plan([card], Manifest(), source).manifest
    edited = hiding(claim(source, "normal science does not aim at discovery"), "discovery", 1)
    (stable,) = stable_clozes([edited], manifest)
    assert [(c.number, stable.text[c.start:c.end]) for c in stable.clozes] == [(1, "discovery")]
    result = plan([stable], manifest, source, NOW + 10)
    assert result.warnings == ()


def test_a_cloze_number_that_disappears_is_warned_about(source) -> None:  # type: ignore[no-untyped-def]
    text = "normal science does not aim at novelty of fact or theory"
    two = claim(source, text, numbered=((31, 38, 1), (47, 53, 2)))
    manifest = plan([two], Manifest(), source).manifest
    one = claim(source, "normal science does not aim at novelty", numbered=((31, 38, 1),))
    warnings = plan(stable_clozes([one], manifest), manifest, source, NOW + 10).warnings
    assert [w.message for w in warnings] == [
        "card c2 of this note will be empty after import (its review history stays with it)"]


def test_vanished_annotation_is_orphaned_once_then_left_as_it_is(source) -> None:  # type: ignore[no-untyped-def]
    card = hiding(claim(source, "normal science does not aim at novelty"), "novelty")
    manifest = plan([card], Manifest(), source).manifest
    gone = plan([], manifest, source, NOW + 10)
    (orphan,) = gone.notes
    assert (orphan.status, orphan.mtime) == ("orphaned", NOW + 10)
    assert ORPHAN_TAG in orphan.note.tags and orphan.note.fields == card_fields(manifest)
    later = plan([], gone.manifest, source, NOW + 20)
    assert [(p.status, p.mtime) for p in later.notes] == [("unchanged", NOW + 10)]


def card_fields(manifest: Manifest) -> tuple[str, ...]:
    (record,) = manifest.notes.values()
    return record.fields


def test_notes_of_files_this_build_did_not_read_are_left_alone(source, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    card = hiding(claim(source, "normal science does not aim at novelty"), "novelty")
    manifest = plan([card], Manifest(), source).manifest
    other = plan_update([], manifest, Config(), NOW + 10, [str(tmp_path / "other.md")])
    assert other.notes == () and other.manifest.notes == manifest.notes


def test_update_deck_holds_everything_changed_since_the_last_full_build(source) -> None:  # type: ignore[no-untyped-def]
    first = plan([hiding(claim(source, "science aims at puzzles"), "puzzles")], Manifest(), source)
    edited = hiding(claim(source, "normal science aims at puzzles"), "puzzles")
    partial = plan_update([edited], first.manifest, Config(), NOW + 10,
                          [str(source.path.resolve())], full=False)
    assert [p.status for p in partial.update_deck()] == ["updated"]
    again = plan_update([edited], partial.manifest, Config(), NOW + 20,
                        [str(source.path.resolve())], full=False)
    assert [p.status for p in again.update_deck()] == ["unchanged"]  # still in: not yet full
    full = plan([edited], again.manifest, source, NOW + 30)
    after = plan_update([edited], full.manifest, Config(), NOW + 40,
                        [str(source.path.resolve())], full=False)
    assert after.update_deck() == ()


def test_a_known_annotation_whose_notes_change_identity_is_warned_about(source) -> None:  # type: ignore[no-untyped-def]
    card = hiding(claim(source, "normal science does not aim at novelty"), "novelty")
    manifest = plan([card], Manifest(), source).manifest
    question = Card("qa", "argument-question", source, card.annotation, "Why?", answer="x")
    warnings = plan([question], manifest, source, NOW + 10).warnings
    assert len(warnings) == 1 and "replaced by new ones" in warnings[0].message


def test_a_changed_note_type_signature_is_warned_about(source) -> None:  # type: ignore[no-untyped-def]
    model = str(cloze_note_type().model_id)
    manifest = Manifest(note_types={model: "Text|Extra|#|Cloze"})
    warnings = plan([], manifest, source).warnings
    assert [w.message.split(":")[0] for w in warnings] == [
        "note type 'anki-export Cloze' changed its fields or templates since the last build"]


def test_a_tool_upgrade_that_changes_a_note_says_so(source) -> None:  # type: ignore[no-untyped-def]
    card = hiding(claim(source, "normal science does not aim at novelty"), "novelty")
    manifest = plan([card], Manifest(), source).manifest
    old = {g: replace(r, tool="0.0.1", hash="x") for g, r in manifest.notes.items()}
    (entry,) = plan([card], replace(manifest, notes=old), source, NOW + 10).notes
    assert entry.reason == "anki-export upgraded from 0.0.1"
