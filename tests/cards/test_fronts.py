"""Duplicate cards across the files of a vault, found while the files stream past."""

from __future__ import annotations

from pathlib import Path

from anki_export.cards.card import Card, Cloze
from anki_export.cards.fronts import DistinctCards
from anki_export.errors import Problem
from anki_export.read.annotation import Annotation
from anki_export.read.notes import SourceNote, parse_note

TEXT = "normal science does not aim at novelty"


def source(folder: Path, name: str, title: str = "Structure") -> SourceNote:
    path = folder / name
    path.write_text(f"---\ncitekey: {path.stem}\ntitle: {title}\n---\n", encoding="utf-8")
    return parse_note(path.read_text(encoding="utf-8"), path)


def cloze(note: SourceNote, key: str, hidden: str, line: int = 5) -> Card:
    annotation = Annotation(line=line, text=TEXT, raw_text=TEXT, role="claim",
                            attachment_key="BOOK0001", annotation_key=key)
    start = TEXT.index(hidden)
    return Card("cloze", "claim-cloze", note, annotation, TEXT,
                (Cloze(start, start + len(hidden), 1),))


def test_a_copy_in_a_later_file_of_the_same_deck_is_made_once(tmp_path: Path) -> None:
    one, two = source(tmp_path, "a.md"), source(tmp_path, "b.md")
    distinct, problems = DistinctCards(), []
    assert len(distinct.of_file([cloze(one, "KEY00001", "novelty")], problems)) == 1
    assert distinct.of_file([cloze(two, "KEY00002", "novelty", line=9)], problems) == []
    assert [str(p) for p in problems] == [f"{two.path}:9: same card as {one.path}:5; made once"]


def test_a_later_front_that_answers_differently_is_kept_and_warned_about(tmp_path: Path) -> None:
    one, two = source(tmp_path, "a.md"), source(tmp_path, "b.md")
    distinct, problems = DistinctCards(), []
    distinct.of_file([cloze(one, "KEY00001", "novelty")], problems)
    other = Card("qa", "argument-question", two, cloze(two, "KEY00002", "novelty").annotation,
                 f"{TEXT.replace('novelty', '[...]')}", answer="puzzles")
    assert distinct.of_file([other], problems) == [other]
    (problem,) = problems
    assert problem.message.startswith(f"a card asks the same as the one from {one.path}:5 but "
                                      "answers differently")


def test_the_same_front_in_another_deck_is_no_duplicate(tmp_path: Path) -> None:
    one, two = source(tmp_path, "a.md"), source(tmp_path, "b.md", title="Revolutions")
    distinct, problems = DistinctCards(), []
    distinct.of_file([cloze(one, "KEY00001", "novelty")], problems)
    assert len(distinct.of_file([cloze(two, "KEY00002", "novelty")], problems)) == 1
    assert problems == []


def test_an_annotation_read_from_two_files_makes_its_cards_once(tmp_path: Path) -> None:
    one, two = source(tmp_path, "a.md"), source(tmp_path, "b.md", title="Revolutions")
    distinct, problems = DistinctCards(), []
    distinct.of_file([cloze(one, "KEY00001", "novelty")], problems)
    assert distinct.of_file([cloze(two, "KEY00001", "novelty", line=7)], problems) == []
    assert problems == [Problem(f"annotation KEY00001 was already read at {one.path}:5; its "
                                "cards are made once", two.path, 7)]
