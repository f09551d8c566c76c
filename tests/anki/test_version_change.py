"""A new version of anki-export over decks an older one made: cards keep their identity and
history, what the new rules no longer make is retired, and edits made in Anki stay.

The older version is this one with its version string set back and its cloze targets chosen
the way a cruder rule would (the sentence's first word): the highlights stay the same, only
what anki-export makes of them changes, exactly as with a real upgrade.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from anki.collection import Collection
from click.testing import CliRunner

from anki_export.cards.clozes import Span
from anki_export.cli import cli
from anki_export.deck.decks import RETIRED_TAG
from anki_export.ids import CLOZE_MODEL_ID, QA_MODEL_ID
from tests.anki.test_importer import EDITED_KEY, Desk
from tests.anki_engine import import_package

OLD = "0.2.0"
UNTOUCHED_KEY = "F6RLDXV7"  # the claim "SGD will take a large number of training steps …"
VERSIONED = ("anki_export.state.update", "anki_export.state.planner", "anki_export.workflow")


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Desk:
    return Desk(tmp_path, monkeypatch)


def _first_word(text: str, vocabulary: frozenset[str] = frozenset(),
                given: frozenset[str] = frozenset()) -> tuple[Span, ...]:
    word = re.search(r"\w+", text)
    return (Span(word.start(), word.end()),) if word else ()


@contextmanager
def older_version() -> Iterator[None]:
    """Builds inside are made by "0.2.0", whose rules hide each sentence's first word."""
    with pytest.MonkeyPatch.context() as patch:
        for module in ("anki_export.cards.content", "anki_export.cards.sentence_cards"):
            patch.setattr(f"{module}.choose_targets", _first_word)
        # nor did they leave out a claim whose point is the title's
        patch.setattr("anki_export.cards.rules._answers_the_title", lambda card, context: False)
        # nor leave an ordinary sentence's cloze to ride on a back (precise_clozes)
        patch.setattr("anki_export.cards.sentence_cards.precise_target", lambda *_: None)
        for module in VERSIONED:
            patch.setattr(f"{module}.__version__", OLD)
        yield


def _text(col: Collection, note_id: int) -> str:
    return col.get_note(note_id)["Text"]  # type: ignore[arg-type]


def _edit_in_anki(desk: Desk, note_id: int, col: Collection) -> str:
    """The user rewrites a note in Anki after importing the old build, before the upgrade."""
    note = col.get_note(note_id)  # type: ignore[arg-type]
    note["Text"] = note["Text"] + " <i>(my own words)</i>"
    col.update_note(note)
    assert col.db is not None
    col.db.execute("update notes set mod = ? where id = ?", desk.clock + 5, note_id)
    return note["Text"]


def test_a_card_the_new_version_aims_better_keeps_its_guid_number_and_history(desk: Desk) -> None:
    with older_version():
        desk.build_and_import()
    note_id = desk.note_id(EDITED_KEY)
    with desk.open() as col:
        assert "{{c1::SGD}} will take a large number of steps" in _text(col, note_id)
        (card_id,) = col.find_cards(f"nid:{note_id}")
        card = col.get_card(card_id)
        card.start_timer()
        col.sched.answerCard(card, 3)
        guid = col.get_note(note_id).guid  # type: ignore[arg-type]
    summary = desk.build_and_import()
    assert summary.new == 0 and summary.updated > 0 and summary.conflicting == 0
    assert desk.note_id(EDITED_KEY) == note_id
    with desk.open() as col:
        assert col.get_note(note_id).guid == guid  # type: ignore[arg-type]
        assert _text(col, note_id).startswith(
            "SGD will take {{c1::a large number of steps}} to converge")
        assert list(col.find_cards(f"nid:{note_id}")) == [card_id]  # c1: the same card
        assert col.get_card(card_id).reps == 1
        assert col.db is not None and len(col.db.list(
            f"select id from revlog where cid = {card_id}")) == 1
        # The two note types are the same ones: Anki copied neither.
        ours = {m["id"]: m["name"] for m in col.models.all() if m["name"].startswith("anki-")}
        assert ours == {CLOZE_MODEL_ID: "anki-export Cloze", QA_MODEL_ID: "anki-export Q/A"}


def test_anki_export_import_keeps_an_edit_made_in_anki_over_a_change_of_version_only(
    desk: Desk,
) -> None:
    with older_version():
        desk.build_and_import()
    edited, untouched = desk.note_id(EDITED_KEY), desk.note_id(UNTOUCHED_KEY)
    with desk.open() as col:
        mine = _edit_in_anki(desk, edited, col)
    summary = desk.build_and_import()
    assert summary.forced == () and summary.edits_kept == 1
    with desk.open() as col:
        assert _text(col, edited) == mine
        # not edited: upgraded
        assert "{{c1::a large number of training steps}}" in _text(col, untouched)
    again = desk.build_and_import()  # and on every later import
    assert (again.updated, again.forced, again.edits_kept) == (0, (), 1)
    with desk.open() as col:
        assert _text(col, edited) == mine
    # An edit of the highlight itself still reaches the note.
    desk.edit("SGD will take a large number of steps to converge to a corrigible model",
              "SGD will take a vast number of steps to converge to a corrigible model")
    desk.build_and_import()
    with desk.open() as col:
        assert "vast number" in _text(col, edited)


def test_file_import_keeps_an_edit_made_in_anki_and_plan_says_why(desk: Desk) -> None:
    with older_version():
        old = desk.build()
    col = Collection(str(desk.root / "file-import.anki2"))
    try:
        import_package(col, old)
        edited = col.find_notes(f"AnnotationKey:{EDITED_KEY}")[0]
        untouched = col.find_notes(f"AnnotationKey:{UNTOUCHED_KEY}")[0]
        mine = _edit_in_anki(desk, edited, col)
        plan = CliRunner().invoke(cli, ["plan", str(desk.note), "--state",
                                        str(desk.root / "tmp" / "state.sqlite3")])
        assert (f"(anki-export upgraded from {OLD}; only its own wording changed, so an edit "
                "you made in Anki stays)") in plan.stdout
        import_package(col, desk.build())
        assert _text(col, edited) == mine
        assert "{{c1::a large number of training steps}}" in _text(col, untouched)
    finally:
        col.close()


def test_a_card_the_new_rules_no_longer_make_is_retired_with_the_upgrade_as_reason(
    desk: Desk,
) -> None:
    # The old rules hid a word of every sentence; today's find nothing worth hiding in the
    # second sentence of this claim, so its card is no longer made. The highlight is there.
    desk.edit("SGD will take a large number of steps to converge to a corrigible model",
              "SGD will take a large number of steps to converge to a corrigible model. And so "
              "it is")  # the highlight's own damaged full stop ends the new sentence
    with older_version():
        desk.build_and_import()
    with desk.open() as col:
        before = col.note_count()
    plan = CliRunner().invoke(cli, ["plan", str(desk.note), "--state",
                                    str(desk.root / "tmp" / "state.sqlite3")])
    # (and the claim of line 68, whose point is the title's: today's rules leave it out; and
    # the ordinary sentences of lines 84 and 98, which precise_clozes shows on backs instead)
    others = (":68 ", ":84 ", ":98 ")
    retired = [line for line in plan.stdout.splitlines()
               if line.startswith("retired") and not any(o in line for o in others)]
    assert len(retired) == 1 and "And so it is" in retired[0]
    assert retired[0].endswith(f"(anki-export upgraded from {OLD}: its rules no longer make this "
                               "card from a highlight still in the note; kept, tagged retired)")
    summary = desk.build_and_import()
    assert summary.suspended == len(others) + 1  # with the claim and sentences above
    with desk.open() as col:
        assert col.note_count() == before
        (note_id,) = col.find_notes(f'tag:{RETIRED_TAG} "Text:{{{{c1::And}}}} so it is."')
        assert _text(col, note_id) == "{{c1::And}} so it is."


def test_a_card_retired_by_the_new_version_keeps_the_edit_made_in_anki(desk: Desk) -> None:
    desk.edit("SGD will take a large number of steps to converge to a corrigible model",
              "SGD will take a large number of steps to converge to a corrigible model. And so "
              "it is")  # the highlight's own damaged full stop ends the new sentence
    with older_version():
        desk.build_and_import()
    with desk.open() as col:
        (note_id,) = col.find_notes('"Text:{{c1::And}} so it is."')
        mine = _edit_in_anki(desk, note_id, col)
    summary = desk.build_and_import()
    # retired with it: the claim of line 68 and the two sentences precise_clozes leaves out
    assert (summary.forced, summary.edits_kept, summary.suspended) == ((), 1, 4)
    with desk.open() as col:
        assert _text(col, note_id) == mine
        assert RETIRED_TAG in col.get_note(note_id).tags  # type: ignore[arg-type]
        assert [col.get_card(c).queue for c in col.find_cards(f"nid:{note_id}")] == [-1]
    again = desk.build_and_import()
    assert (again.updated, again.forced, again.suspended) == (0, (), 0)
    with desk.open() as col:
        assert _text(col, note_id) == mine
