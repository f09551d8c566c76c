"""`cards --check` judges like a reader: measured on cards a person graded by hand.

The graded sets are the example's cards (`fixtures/grades/DoesSGDProduce.md`), the cards of
`../shared/real-notes` (`fixtures/grades/real-notes.md`) and the fixture notes of
`fixtures/judged/`, each with its `.grades.json` (the 0.3.0 rules' cards) and, where the 0.4.0
rules make other cards, its `.grades-0.4.json` (only those new cards), and the notes of
`fixtures/judged-0.5/` (graded held out, then read for the judge's fourth change), and sets
0.6, 0.7 and 0.8 (`fixtures/judged-0.6/` …, graded held out; the judge's leave-one-set-out
change read some sets' reasons and was measured on the others) and set 0.9 (graded held out,
then read for the checks of the cut opener, the end cut short, the eponym and the translated
answer, measured on every other set; set 0.7's misses gave a setting at a side clause's end).
The card
texts come from the grade files, so the figures do not move when the card rules change; the
real notes, whose text the project may not copy, are rebuilt from `../shared/real-notes`, and
only the cards still made exactly as graded (`fixtures/grades/real-notes.cards.json` holds a hash of
each) are judged. The bar (issue 16): the judge flags at least 80% of the cards graded bad and
at most 10% of those graded good.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import pytest

from anki_export.cards.judging.shown import PATTERNS
from tests.cards.graded_sets import (
    GRADE_FILES,
    HALF_0_5_A,
    HALF_0_5_B,
    HALF_A,
    HALF_B,
    HELD_OUT_FIRST,
    HELD_OUT_LAST,
    HELD_OUT_LATER,
    LATER_SETS,
    RULES_0_4_SUFFIX,
    TUNED_ON,
    Graded,
    all_graded,
    notes_of,
)
from tests.conftest import SHARED

# The bar is 80% / 10%; the floors sit where the judge stands on every graded card
# (99% / 1% after the cross-validated third change; 98% / 1% with set 0.5, after its own
# cross-validated change), with room for a change of the real notes' cards, and keep good
# cards' false flags at 5% at most. Each cross-validation half keeps the older floor (set 0.5's
# half A stands at 91%: one bad card in eleven is a tenth).
MIN_BAD_FLAGGED_ALL = 0.95
MIN_BAD_FLAGGED = 0.9
MAX_GOOD_FLAGGED = 0.05
# Sets 0.6, 0.7 and 0.8 stood at 46%, 42% and 33% of bad cards flagged at their first look;
# each check since was read from some sets' reasons and measured on the others (leave one set
# out, fixtures/judged-0.8/README.md: held out 46%, 64%, 67%). The floors sit where each set
# stands now that every set has been read (89%, 88%, 100%; no good card flagged). Set 0.9 stood
# at 0/3 at its first look and at 3/3 once its reasons were read, and set 0.7 at 94% once a
# setting at the end of a side clause was seen (fixtures/judged-0.9/README.md).
MIN_BAD_FLAGGED_LATER = {"set 0.6": 0.85, "set 0.7": 0.9, "set 0.8": 1.0, "set 0.9": 1.0}


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> list[Graded]:
    """Every graded card with the judge's verdicts."""
    return all_graded(tmp_path_factory.mktemp("real-notes"))


def _share(cards: Sequence[Graded], grade: str) -> tuple[int, int]:
    """How many cards of a grade the judge flags, and how many there are."""
    of_grade = [c for c in cards if c.grade == grade]
    return sum(1 for c in of_grade if c.verdicts), len(of_grade)


def _figures(name: str, cards: Sequence[Graded]) -> str:
    """One line of figures for a set."""
    parts = []
    for grade in ("bad", "good", "weak"):
        flagged, total = _share(cards, grade)
        percent = f" ({100 * flagged / total:.0f}%)" if total else ""
        parts.append(f"{grade} flagged {flagged}/{total}{percent}")
    return f"{name:<48} {len(cards):>3} cards: " + ", ".join(parts)


def test_check_flags_most_bad_cards_and_few_good_ones(graded: list[Graded]) -> None:
    sets = {
        "tuned on": [c for c in graded if c.name in TUNED_ON],
        "held out first": [c for c in graded if c.name in HELD_OUT_FIRST],
        "held out later": [c for c in graded if c.name in HELD_OUT_LATER],
        "held out last": [c for c in graded if c.name in HELD_OUT_LAST],
        "0.4.0 rules' new cards": [c for c in graded if c.name.endswith(RULES_0_4_SUFFIX)],
        "cross-validation half A": [c for c in graded if c.note in HALF_A],
        "cross-validation half B": [c for c in graded if c.note in HALF_B],
        "set 0.5 half A": [c for c in graded if c.note in HALF_0_5_A],
        "set 0.5 half B": [c for c in graded if c.note in HALF_0_5_B],
    }
    lines = [_figures(name, [c for c in graded if c.name == name])
             for name in sorted({c.name for c in graded})]
    lines += [_figures(name, cards) for name, cards in sets.items()]
    lines.append(_figures("all graded cards", graded))
    later = {name: [c for c in graded if c.note in notes_of(folder)]
             for name, folder in LATER_SETS.items()}
    lines += [_figures(name, cards) for name, cards in later.items()]
    print("\n" + "\n".join(lines))  # the figures, shown with `pytest -s` or `-rA`
    earlier = [c for c in graded if not any(c in cards for cards in later.values())]
    floors = [(earlier, MIN_BAD_FLAGGED_ALL)]
    floors += [(sets[f"{name} half {half}"], MIN_BAD_FLAGGED)
               for name in ("cross-validation", "set 0.5") for half in "AB"]
    floors += [(later[name], floor) for name, floor in MIN_BAD_FLAGGED_LATER.items()]
    for cards, floor in floors:
        bad, bads = _share(cards, "bad")
        good, goods = _share(cards, "good")
        assert bad >= floor * bads, "\n".join(lines)
        assert good <= MAX_GOOD_FLAGGED * goods, "\n".join(lines)


def test_every_pattern_finds_a_card_a_reader_graded_bad(graded: list[Graded]) -> None:
    found = {v.pattern for c in graded if c.grade == "bad" for v in c.verdicts}
    assert found == set(PATTERNS)


def test_the_real_notes_are_judged_while_their_graded_cards_are_made(graded: list[Graded]) -> None:
    if not (SHARED / "real-notes").is_dir():
        pytest.skip("../shared/real-notes is not here")
    real = [c for c in graded if c.name == "real-notes"]
    print(f"\nreal notes: {len(real)} of 53 graded cards still made as graded")
    assert all(c.grade in ("good", "weak", "bad") for c in real)


@pytest.mark.parametrize("path", GRADE_FILES, ids=lambda p: p.name.removesuffix(".json"))
def test_every_card_of_a_fixture_is_graded_with_a_reason(path) -> None:  # type: ignore[no-untyped-def]
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert (path.parent / doc["note"]).is_file()
    keys = [(row["guid"], row["card"]) for row in doc["cards"]]
    assert len(keys) == len(set(keys)), "one row per card (GUID and card number)"
    for row in doc["cards"]:
        assert row["grade"] in ("good", "weak", "bad")
        assert row["reason"].strip() and row["answer"].strip()
        assert row["card"] == "qa" or "[...]" in row["front"]
