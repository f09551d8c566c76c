"""Identity across edits: an edited highlight's notes keep their GUIDs, and so their history.

The rule (`ids.carried_over`): a new sentence takes the identity of the earlier sentence it
matches best, when their word-level similarity is at least 0.6 and no other pair matches better.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from anki_export.cli import cli
from anki_export.config import Config
from anki_export.deck.decks import ORPHAN_TAG, RETIRED_TAG
from anki_export.ids import carried_over, similarity
from anki_export.state.planner import Options
from anki_export.state.store import State
from anki_export.workflow import run
from tests.conftest import EXAMPLE, FIXTURES, example_counts
from tests.state.test_update import Workspace

WITHDRAWN = f"tag:{ORPHAN_TAG} or tag:{RETIRED_TAG}"

ANALOGY = "MCH5XNI9"  # one highlight that makes six sentence notes (questions and clozes)
CLAIM = "F6RLDXV7"  # one claim sentence: one note, whose GUID names the whole highlight
JESUS = ("One such person is Jesus� who has the same objective as God",
         "One such person is Jesus� who has exactly the same objective as God")
PASCAL = ("Finally� we have Blaise Pascal� who is aligned with God because he thinks if he does "
          "what God wants he�ll go to heaven in the future� ")
NEW_SENTENCE = "One more such person is Augustine� who is aligned with God by grace alone� "


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    workspace = Workspace(tmp_path, monkeypatch)
    yield workspace
    workspace.col.close()


def _shown(note) -> str:  # type: ignore[no-untyped-def]
    """What a note shows: a cloze note's text, or a question and its answer."""
    return note["Text"] if "Text" in note else f"{note['Front']} {note['Back']}"


def _guids(ws: Workspace, key: str) -> set[str]:
    return {ws.col.get_note(note_id).guid for note_id in ws.notes_by_key(key)}


def _plan(ws: Workspace) -> str:
    result = CliRunner().invoke(cli, ["plan", str(ws.vault)])
    assert result.exit_code == 0, result.output
    return result.output


def test_a_sentence_edited_by_one_word_keeps_its_note_and_review_history(ws: Workspace) -> None:
    ws.build_and_import()
    before = _guids(ws, ANALOGY)
    reviewed = ws.review(f"AnnotationKey:{ANALOGY}", 5)
    history = [row for row in ws.revlog() if row[1] in reviewed]
    ws.edit(*JESUS)

    # Every note of the highlight shows it whole on its back, so all six are updated.
    assert f"0 new, 6 updated, {example_counts()[0] - 6} unchanged, 0 orphaned" in _plan(ws)
    log = ws.build_and_import()
    assert (log.new, log.updated, log.conflicting) == (0, 6, 0)
    assert _guids(ws, ANALOGY) == before
    assert ws.col.find_notes(WITHDRAWN) == []
    assert [row for row in ws.revlog() if row[1] in reviewed] == history
    edited = [ws.col.get_note(n) for n in ws.notes_by_key(ANALOGY)]
    assert any("exactly the same objective" in _shown(note) for note in edited)


def test_sentences_added_or_removed_around_one_leave_its_note_alone(ws: Workspace) -> None:
    ws.build_and_import()
    before = {ws.col.get_note(n).guid: _shown(ws.col.get_note(n))
              for n in ws.notes_by_key(ANALOGY)}
    ws.edit(PASCAL, NEW_SENTENCE)  # one sentence replaced by an unrelated one

    log = ws.build_and_import()
    after = _guids(ws, ANALOGY)
    retired = {ws.col.get_note(n).guid for n in ws.col.find_notes(f"tag:{RETIRED_TAG}")}
    (pascal,) = [guid for guid, text in before.items() if "go to heaven" in text]
    assert retired == {pascal}  # a different sentence is not the same card
    assert ws.col.find_notes(f"tag:{ORPHAN_TAG}") == []  # the highlight is still there
    assert set(before) - {pascal} <= after  # every other sentence kept its note
    assert log.new == len(after - set(before)) == 1


def test_a_highlight_grown_from_one_card_to_two_keeps_its_card_on_the_closer_sentence(
    ws: Workspace,
) -> None:
    ws.build_and_import()
    (only,) = _guids(ws, CLAIM)
    ws.edit("SGD will take a large number of training steps to converge to an internally "
            "aligned model", "SGD will take a large number of training steps to converge to an "
            "internally aligned model. Deceptively aligned models are favoured by a simplicity "
            "prior over the space of all possible models")

    ws.build_and_import()
    notes = {ws.col.get_note(n).guid: ws.col.get_note(n)["Text"] for n in ws.notes_by_key(CLAIM)}
    assert len(notes) == 2 and only in notes
    assert "training steps" in notes[only]
    assert ws.col.find_notes(WITHDRAWN) == []


def test_an_edited_highlight_without_a_zotero_key_keeps_its_notes(
    ws: Workspace, tmp_path: Path
) -> None:
    source = FIXTURES / "shapes" / "zotfile-extracted-annotations.md"
    ws.note.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    ws.build_and_import()
    before = {ws.col.get_note(n).guid for n in ws.col.find_notes("")}
    text = ws.note.read_text(encoding="utf-8")
    first = next(line for line in text.split("\n") if line.startswith('"'))
    words = first.split(" ")
    ws.edit(first, " ".join([*words[:3], "truly", *words[3:]]))

    log = ws.build_and_import()
    assert (log.new, log.conflicting) == (0, 0) and log.updated >= 1
    assert {ws.col.get_note(n).guid for n in ws.col.find_notes("")} == before
    assert ws.col.find_notes(WITHDRAWN) == []


def test_a_note_orphaned_by_an_older_version_is_adopted_again_by_the_sentence_it_matches(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws.build_and_import()
    (jesus,) = [ws.col.get_note(n).guid for n in ws.notes_by_key(ANALOGY)
                if "same objective as God" in _shown(ws.col.get_note(n))]
    # What 0.2.0 did: an edited sentence made a new note and withdrew the reviewed one.
    monkeypatch.setattr("anki_export.state.planner.carry_identities",
                        lambda cards, *rest: list(cards))
    ws.edit("One such person is Jesus� who has the same objective as God",
            "One such person is Jesus� who had the same aim as the Lord")
    ws.build_and_import()
    assert ws.col.get_note(ws.col.find_notes(f"tag:{RETIRED_TAG}")[0]).guid == jesus
    monkeypatch.undo()
    monkeypatch.setattr("anki_export.cli.common.time.time", lambda: float(ws.clock))
    # Edited back towards its first wording: the reviewed note is the closer match.
    ws.edit("One such person is Jesus� who had the same aim as the Lord",
            "One such person is Jesus� who has the same objective as our God")

    ws.build_and_import()
    current = {ws.col.get_note(n).guid: ws.col.get_note(n)
               for n in ws.notes_by_key(ANALOGY)}
    assert RETIRED_TAG not in current[jesus].tags
    assert "our God" in _shown(current[jesus])


def test_plan_says_which_notes_go_on_after_an_edit(ws: Workspace) -> None:
    ws.build()
    ws.edit(*JESUS)
    assert "the note goes on with its review history" in _plan(ws)


# The rule itself, as a pure function.

def test_the_best_pair_wins_and_each_side_is_used_once() -> None:
    earlier = {"a": "the cat sat on the mat today", "b": "the cat sat on the mat"}
    assert carried_over(earlier, ["the cat sat on the mat"]) == {0: "b"}
    assert carried_over(earlier, ["the cat sat on the mat", "the cat sat on a mat today"]) == {
        0: "b", 1: "a"}


def test_a_pair_below_the_threshold_is_a_new_note() -> None:
    assert similarity("one two three four five", "one two six seven eight") == pytest.approx(0.4)
    assert carried_over({"a": "one two three four five"}, ["one two six seven eight"]) == {}
    assert carried_over({"a": "one two three four five"}, ["one two three four six"]) == {0: "a"}


def test_ties_are_broken_by_position_not_by_the_order_records_arrive_in() -> None:
    forward = carried_over({"a": "x y z w", "b": "x y z w"}, ["x y z w", "x y z w"])
    backward = carried_over({"b": "x y z w", "a": "x y z w"}, ["x y z w", "x y z w"])
    assert forward == backward == {0: "a", 1: "b"}


_WORDS = [f"w{i}" for i in range(400)]


@st.composite
def _highlight_and_edit(draw: st.DrawFn) -> tuple[list[str], list[str], dict[int, int]]:
    """Sentences of distinct words, a small edit, and which new sentence continues which old."""
    count = draw(st.integers(2, 6))
    vocab = draw(st.permutations(_WORDS))
    sentences = [" ".join(vocab[i * 20 : i * 20 + draw(st.integers(6, 15))])
                 for i in range(count)]
    edited = list(sentences)
    target = draw(st.integers(0, count - 1))
    words = edited[target].split()
    spot = draw(st.integers(0, len(words) - 1))
    edit = draw(st.sampled_from(["replace", "insert", "delete"]))
    if edit == "replace":
        words[spot] = vocab[399]
    elif edit == "insert":
        words.insert(spot, vocab[398])
    else:
        del words[spot]
    edited[target] = " ".join(words)
    continues = {i: i for i in range(count)}
    if draw(st.booleans()):  # a sentence added somewhere
        at = draw(st.integers(0, count))
        edited.insert(at, " ".join(vocab[300:310]))
        continues = {(j + 1 if j >= at else j): i for j, i in continues.items()}
    return sentences, edited, continues


@settings(max_examples=200, deadline=None)
@given(_highlight_and_edit())
def test_small_edits_keep_every_identity_whose_sentence_still_matches(
    case: tuple[list[str], list[str], dict[int, int]],
) -> None:
    sentences, edited, continues = case
    earlier = {f"guid{i}": sentence for i, sentence in enumerate(sentences)}
    carried = carried_over(earlier, edited)
    assert {j: f"guid{i}" for j, i in continues.items()} == carried


def test_card_json_of_a_rebuilt_note_shows_the_carried_guid(ws: Workspace) -> None:
    ws.build()
    result = CliRunner().invoke(cli, ["cards", str(ws.vault), "--format", "json"])
    before = {card["guid"] for card in json.loads(result.stdout)}
    ws.edit(*JESUS)
    result = CliRunner().invoke(cli, ["cards", str(ws.vault), "--format", "json"])
    assert {card["guid"] for card in json.loads(result.stdout)} == before


# The rule through the whole pipeline: random small edits of a multi-sentence highlight.

# A highlight whose sentences make cloze notes (one per sentence); a sentence asked as a
# question keeps its note by its answer instead, and an edit can break the grammar the
# question is made from (then it is a cloze: a new note).
PASSAGE = "8V5RGTPF"
_PASSAGE_LINE = next(i for i, line in enumerate(EXAMPLE.read_text(encoding="utf-8").split("\n"))
                     if f"annotation={PASSAGE}" in line)


def _build(note: Path, state: Path, now: int) -> dict[str, bool]:
    """GUID → orphaned (not retired), for every note the state holds after building `note`."""
    run([note], Config(), state, now, Options(save_state=True))
    recorded = State(state)
    try:
        return {guid: record.orphaned and not record.retired for guid, record in recorded.notes()}
    finally:
        recorded.close()


@settings(max_examples=12, deadline=None)
@given(st.data())
def test_random_small_edits_of_a_multi_sentence_highlight_keep_every_note(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    folder = tmp_path_factory.mktemp("vault")
    note, state = folder / "note.md", folder / "state.sqlite3"
    lines = EXAMPLE.read_text(encoding="utf-8").split("\n")
    note.write_text("\n".join(lines), encoding="utf-8")
    before = _build(note, state, 1_000)
    text, link = lines[_PASSAGE_LINE].rsplit(" [", 1)
    words = text.split(" ")
    for _ in range(data.draw(st.integers(1, 3), label="edits")):
        # Lowercase words only, so sentence boundaries stay where they were; three edits leave
        # the shorter of these sentences (seventeen words) far above the rule's 0.6.
        spot = data.draw(st.sampled_from(
            [i for i, w in enumerate(words) if w.isalpha() and w.islower()]), label="word")
        edit = data.draw(st.sampled_from(["replace", "insert", "delete"]), label="edit")
        if edit == "replace":
            words[spot] = "orthogonal"
        elif edit == "insert":
            words.insert(spot, "notably")
        else:
            del words[spot]
    lines[_PASSAGE_LINE] = " ".join(words) + " [" + link
    note.write_text("\n".join(lines), encoding="utf-8")
    after = _build(note, state, 2_000)
    # No note renamed: every note goes on and none is orphaned. An edit may make a sentence that
    # leaned on another ("Another such person …") stand alone, which is a new card, not a new
    # name for an old one; or leave a sentence with nothing the rules would ask, which retires
    # its card (the highlight is still there), never orphans it.
    assert set(before) <= set(after)
    assert not any(after.values())


def test_a_rebuild_of_a_deck_without_its_state_warns_that_identities_cannot_go_on(
    tmp_path: Path,
) -> None:
    deck, state = tmp_path / "deck.apkg", tmp_path / "state.sqlite3"
    first = CliRunner().invoke(cli, ["build", str(EXAMPLE), "-o", str(deck), "--state",
                                     str(state)])
    assert first.exit_code == 0 and "no state file" not in first.stderr
    moved = tmp_path / "elsewhere.sqlite3"
    again = CliRunner().invoke(cli, ["build", str(EXAMPLE), "-o", str(deck), "--state",
                                     str(moved)])
    assert again.exit_code == 0
    assert (f"warning: no state file at {moved}, though {deck} is a deck anki-export built "
            f"before ({example_counts()[0]} notes): this build cannot tell an edited highlight "
            "from a new one"
            ) in again.stderr
    third = CliRunner().invoke(cli, ["build", str(EXAMPLE), "-o", str(deck), "--state",
                                     str(moved)])
    assert "no state file" not in third.stderr  # the state is there again
