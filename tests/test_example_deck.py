"""End to end: the CLI builds the example deck, and the real Anki engine imports and renders it."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from anki_export.cli import cli

from .anki_engine import import_package, open_collection, rendered_cards, visible_text
from .conftest import EXAMPLE, FIXTURES

DECK = "Research::Does SGD Produce Deceptive Alignment?"


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("example")
    apkg = folder / "example.apkg"
    state = folder / "state.sqlite3"
    arguments = ["build", str(EXAMPLE), "-o", str(apkg), "--state", str(state)]
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 0, result.output
    col = open_collection(folder)
    log = import_package(col, apkg)
    yield col, log, result.output
    col.close()


def _golden_cards() -> list[dict[str, object]]:
    return json.loads((FIXTURES / "DoesSGDProduce.cards.json").read_text(encoding="utf-8"))


def test_anki_imports_every_note_of_the_reviewed_golden(imported) -> None:  # type: ignore[no-untyped-def]
    col, log, _ = imported
    golden = _golden_cards()
    assert (log.new, log.updated, log.duplicate, log.conflicting) == (len(golden), 0, 0, 0)
    assert col.note_count() == len(golden)
    expected_cards = sum(len(c["back"]) if isinstance(c["back"], list) else 1 for c in golden)
    assert col.card_count() == expected_cards


def test_notes_use_our_two_note_types_in_one_deck_per_source(imported) -> None:  # type: ignore[no-untyped-def]
    col, _, _ = imported
    cards = rendered_cards(col)
    assert {c.note_type for c in cards} == {"anki-export Cloze", "anki-export Q/A"}
    assert {c.deck for c in cards} == {DECK}


def test_every_note_carries_source_fields_and_citekey_and_role_tags(imported) -> None:  # type: ignore[no-untyped-def]
    col, _, _ = imported
    for note_id in col.find_notes(""):
        note = col.get_note(note_id)
        # The source's full title, site name and all (the deck name is the short one).
        assert note["Title"] == "Does SGD Produce Deceptive Alignment? - AI Alignment Forum"
        assert note["Citekey"] == "DoesSGDProduce"
        assert re.fullmatch(r"\d+", note["Page"])
        assert note["ZoteroLink"].startswith("zotero://open-pdf/library/items/SMLZN3L8?page=")
        assert note["AnnotationKey"] in note["ZoteroLink"]
        role_tags = [t for t in note.tags if t.startswith("role::")]
        assert "DoesSGDProduce" in note.tags and len(role_tags) == 1
        assert role_tags[0] == f"role::{note['Role']}"


def test_every_cloze_front_hides_its_target_and_the_back_reveals_it(imported) -> None:  # type: ignore[no-untyped-def]
    col, _, _ = imported
    checked = 0
    for card_id in col.find_cards("note:anki-export*Cloze"):
        card = col.get_card(card_id)
        text = card.note()["Text"]
        number = card.ord + 1
        targets = re.findall(rf"\{{\{{c{number}::(.*?)\}}\}}", text)
        assert targets, text
        question, answer = visible_text(card.question()), visible_text(card.answer())
        assert "[...]" in question
        for target in targets:
            shown = visible_text(target)
            assert shown in answer
            visible_front = question.replace("[...]", "")
            assert shown not in visible_front or visible_front.count(shown) < answer.count(shown)
        checked += 1
    assert checked > 0


def test_every_back_shows_the_comment_and_a_link_to_the_highlight(imported) -> None:  # type: ignore[no-untyped-def]
    col, _, _ = imported
    commented = 0
    for card in rendered_cards(col):
        note = col.get_note(card.note_id)
        assert f'href="{note["ZoteroLink"]}"' in card.answer_html
        assert "Open highlight in Zotero" in card.answer
        if note["Comment"]:
            commented += 1
            assert visible_text(note["Comment"]) in card.answer
            assert visible_text(note["Comment"]) not in card.question
    assert commented >= 1  # of its two commented highlights, one makes a card (line 94)


def test_build_prints_a_summary_with_counts_and_warnings(imported) -> None:  # type: ignore[no-untyped-def]
    _, _, output = imported
    golden = _golden_cards()
    assert "22 annotation(s)" in output
    assert f"→ {len(golden)} Anki note(s)" in output
    # one of the 6: an ordinary sentence (p. 6) shown on a card's back instead (precise_clozes)
    assert "No cards for: 6 no-card, 2 reference" in output
    assert "3 warning(s)." in output
