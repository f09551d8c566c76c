"""The judge, pattern by pattern, on cards from several domains written for these tests.

Each test gives cards a reader would delete for one reason, and cards alike in shape that a
reader keeps, so a pattern that flags everything fails as surely as one that flags nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from anki_export.cards.judging.judge import judge
from anki_export.cards.judging.shown import Pattern, Shown, Source
from tests.test_cli import run

ASTRONOMY = Source("Stellar evolution and the fate of massive stars", "smithStellarEvolution2015")
CHEMISTRY = Source("Catalysis in industrial chemistry", "lopezCatalysis2020")
HISTORY = Source("The Hanseatic League and Baltic trade", "dollingerHansa1970")
ECONOMICS = Source("Inflation targeting in small open economies", "svenssonInflation2000")


def _patterns(front: str, answer: str, source: Source = CHEMISTRY, *others: Shown) -> set[Pattern]:
    """The patterns the judge finds in one card, judged among `others` of its source."""
    card = Shown(front, answer, line=1)
    return {v.pattern for v in judge([card, *others], source) if v.card is card}


@pytest.mark.parametrize(("front", "answer", "source"), [
    ("A [...] of more than eight solar masses ends its life as a supernova.", "star", ASTRONOMY),
    ("Central banks that practise [...] publish a numerical target.", "inflation targeting",
     ECONOMICS),
    ("The Haber process uses an iron [...] to make ammonia.", "catalyst", CHEMISTRY),
    ("Lübeck, the leading city of the [...], controlled the trade in herring.", "Hanse", HISTORY),
])
def test_hiding_the_sources_own_subject_is_guessable(front: str, answer: str,
                                                      source: Source) -> None:
    assert "guessable" in _patterns(front, answer, source)


@pytest.mark.parametrize(("front", "answer"), [
    ("Enzymes lower the [...] of a reaction without being consumed.", "activation energy"),
    ("The Contact process oxidises sulfur dioxide over [...] to make sulfuric acid.",
     "vanadium pentoxide"),
])
def test_a_specific_answer_is_not_guessable(front: str, answer: str) -> None:
    assert "guessable" not in _patterns(front, answer)


def test_an_answer_the_front_spells_out_again_is_guessable() -> None:
    assert "guessable" in _patterns("Polyvinyl chloride ([...]) is made from vinyl chloride.",
                                    "PVC")
    assert "guessable" in _patterns("Nuclear magnetic resonance is often shortened to [...] "
                                    "in spectroscopy, as in 13C NMR.", "NMR")
    assert "guessable" in _patterns("Every [...] of a medieval charter copied its errors and "
                                    "added new ones through copying by hand.", "copy", HISTORY)


def test_a_head_named_again_after_the_gap_is_guessable_but_a_contrast_before_it_is_not() -> None:
    assert "guessable" in _patterns("Plants turn light into [...], and the energy is stored in "
                                    "sugars.", "chemical energy")
    assert "guessable" not in _patterns("Aerobic respiration yields more ATP than [...].",
                                        "anaerobic respiration")


def test_two_highlights_asking_the_same_answer_are_twins() -> None:
    twin = Shown("Platinum in catalytic converters is slowly poisoned by [...].", "lead", line=9)
    found = _patterns("Petrol additives once contained [...] to raise the octane number.",
                      "lead", CHEMISTRY, twin)
    assert "guessable" in found
    other = Shown("Zeolites are used as [...] in cracking.", "catalysts", line=9)
    assert "guessable" not in _patterns("Petrol additives once contained [...].", "lead",
                                        CHEMISTRY, other)


@pytest.mark.parametrize(("front", "answer"), [
    ("This is [...] the main sequence turn-off.", "termed"),
    ("These stars burn their hydrogen within [...].", "a few million years"),
    ("(ii) they are [...].", "cheap to run"),
    ("ntegrated over the whole galaxy, the [...] is about one star per year.", "formation rate"),
    ("the [...] of the core rises until helium fuses, which", "temperature"),
    ("The merchants formed [...] in London, Bergen and Novgorod (see", "kontors"),
    ("Rates were raised to [...] in 1980, the governor told the committee in a long speech "
     "that was later cited by economists in many countries as the start of a new policy regime "
     "based on rules rather than discretion and on targets announced well ahead of time", "20%"),
])
def test_a_front_that_leans_on_text_it_does_not_show_does_not_stand_alone(front: str,
                                                                          answer: str) -> None:
    assert "not-standalone" in _patterns(front, answer, ASTRONOMY)


@pytest.mark.parametrize(("front", "answer"), [
    ("White dwarfs are supported against gravity by [...].", "electron degeneracy pressure"),
    ("If a star is heavier than about 20 solar masses, it may collapse into a [...].",
     "black hole"),
    ("[...] stars fuse helium in their cores after leaving the main sequence.", "Red giant"),
])
def test_a_front_that_names_what_it_speaks_of_stands_alone(front: str, answer: str) -> None:
    assert "not-standalone" not in _patterns(front, answer, ASTRONOMY)


@pytest.mark.parametrize(("front", "answer"), [
    ("Zeolite catalysts are [...] of cracking long hydrocarbons into petrol.", "capable"),
    ("Central banks are often [...] to raise rates before an election.", "reluctant"),
    ("Hanseatic merchants used [...] to settle disputes between towns.", "procedures"),
    ("The guild offered [...] to members who travelled abroad.", "certain benefits"),
    ("Dynamic models of trade networks can mimic [...]", "processes"),
])
def test_hiding_an_empty_word_is_found(front: str, answer: str) -> None:
    assert "empty-word" in _patterns(front, answer, HISTORY)


@pytest.mark.parametrize(("front", "answer"), [
    ("The Hanse traded Baltic grain and furs for Flemish [...].", "cloth"),
    ("An inflation target is usually set at [...].", "2%"),
    ("Thermal cracking gives more alkenes than [...] cracking.", "catalytic"),
])
def test_hiding_a_content_word_is_not_empty(front: str, answer: str) -> None:
    assert "empty-word" not in _patterns(front, answer, ECONOMICS)


@pytest.mark.parametrize(("front", "answer"), [
    ("Cod stocks collapsed in the 1990s (Hutchings and Myers [...]).", "1994"),
    ("Ocean acidification lowers shell growth [[...]].", "23"),
    ("Ocean acidification lowers shell growth [12, [...], 31].", "17"),
    ("Yields rose sharply after 1950, as Figure [...] shows.", "4"),
    ("Table 3: Average [...] by region and decade", "yields"),
    ("The model is fitted as y = a + [...] + e.", "bx"),
    ("Call fit_model() with [...] to use every core.", "n_jobs=-1"),
])
def test_hiding_a_reference_is_found(front: str, answer: str) -> None:
    assert "reference" in _patterns(front, answer, ECONOMICS)


@pytest.mark.parametrize(("front", "answer"), [
    ("The Hanse lost Bergen's trade to Dutch shippers after [...].", "1560"),
    ("In April [...], the Bank of England was given operational independence.", "1997"),
])
def test_a_date_that_is_a_fact_is_not_a_reference(front: str, answer: str) -> None:
    assert "reference" not in _patterns(front, answer, HISTORY)


@pytest.mark.parametrize(("front", "answer"), [
    ("The main exports of Novgorod were furs, [...], and honey.", "wax"),
    ("Catalysts can be metals, [...] or enzymes.", "zeolites"),
    ("In winter demand for gas rises [...], in summer it falls, and in both seasons prices "
     "follow demand.", "sharply"),
    ("In Lübeck the council ruled the [...], in Cologne the archbishop ruled it.", "city"),
])
def test_one_item_of_a_list_or_the_shared_part_of_a_parallel_is_found(front: str,
                                                                        answer: str) -> None:
    assert "list" in _patterns(front, answer, HISTORY)


@pytest.mark.parametrize(("front", "answer"), [
    ("[...] trade peaked in the fourteenth century, Dutch trade in the seventeenth.",
     "Hanseatic"),
    ("The main exports of Novgorod were [...], wax and honey.", "furs, wax and honey"),
    ("Catalysts lower the activation energy, and they are not consumed in [...].",
     "the reaction"),
])
def test_a_gap_on_what_differs_or_on_a_whole_list_is_not_a_list_finding(front: str,
                                                                         answer: str) -> None:
    assert "list" not in _patterns(front, answer, HISTORY)


def test_cards_check_reports_what_a_reader_holds_against_the_cards(tmp_path: Path) -> None:
    note = tmp_path / "guilds.md"
    note.write_text(GUILDS, encoding="utf-8")
    code, out, _ = run("cards", "--check", str(note), "--state", str(tmp_path / "s.sqlite3"))
    assert code == 0  # a reader's findings are soft
    assert "  read as a reader: " in out
    assert f"    {note}: " in out and " cards flagged" in out
    assert f"      soft {note}:" in out
    code, out, _ = run("cards", "--check", "--format", "json", str(note), "--state",
                       str(tmp_path / "s.sqlite3"))
    checked = json.loads(out)
    read = [f for f in checked["findings"] if "pattern" in f]
    assert read and all(f["card"] == "c1" and "[...]" in f["front"] and f["answer"] for f in read)
    assert checked["sources"] == [{"source": str(note), "cards": checked["cards"],
                                   "flagged_cards": checked["flagged_cards"]}]


GUILDS = """---
title: "Merchant guilds in medieval Europe"
citekey: ogilvieGuilds2011
---
# Merchant guilds in medieval Europe

%% begin annotations %%
>[!quote|#ffd400]
>
These guilds were termed hansas in northern Europe [(p. 3)](zotero://open-pdf/library/items/GILD0001?page=3&annotation=GILD0001)
>[!quote|#ffd400]
>
Merchant guilds are capable of enforcing contracts between members who never meet [(p. 9)](zotero://open-pdf/library/items/GILD0001?page=9&annotation=GILD0002)
%% end annotations %%
"""
