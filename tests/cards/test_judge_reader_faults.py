"""The judge on the kinds of bad card the 0.4.0 rules still make, in several domains.

Each test gives cards a reader would delete for one reason and cards alike in shape that a
reader keeps, written for these tests (none is a fixture note's sentence).
"""

from __future__ import annotations

import pytest

from anki_export.cards.judging.judge import judge
from anki_export.cards.judging.shown import Pattern, Shown, Source

ECOLOGY = Source("Predators, prey and the ecology of fear", "ripplePredators2004")
LINGUISTICS = Source("Sound change in the Germanic languages", "ringeGermanic2006")
MUSIC = Source("Counterpoint and harmony in the Baroque", "fuxCounterpoint1990")
ASTRONOMY = Source("Stellar evolution and the fate of massive stars", "smithStellar2015")


def _patterns(front: str, answer: str, source: Source, kind: str = "cloze") -> set[Pattern]:
    """The patterns the judge finds in one card."""
    card = Shown(front, answer, kind="qa" if kind == "qa" else "cloze", line=1)
    return {v.pattern for v in judge([card], source) if v.card is card}


@pytest.mark.parametrize(("front", "answer", "source"), [
    ("Wolves sit at the top of the Yellowstone food [...], above elk and coyotes.", "chain",
     ECOLOGY),
    ("A fugue opens on a subject in one voice, answered by the second voice at the fifth, "
     "a technique called imitative [...].", "counterpoint", MUSIC),
    ("Sound [...] is regular, the Neogrammarians held, and admits no exceptions.", "change",
     LINGUISTICS),
    ("Betelgeuse is one of the largest stars visible from [...].", "Earth", ASTRONOMY),
    ("Students who guessed first remembered more, even when they were wrong in the [...].",
     "attempt", ECOLOGY),
])
def test_a_hidden_noun_its_neighbours_complete_is_guessable(front: str, answer: str,
                                                             source: Source) -> None:
    assert "guessable" in _patterns(front, answer, source)


@pytest.mark.parametrize(("front", "answer", "source"), [
    ("Removing sea otters lets [...] multiply and strip the kelp forests.", "sea urchins",
     ECOLOGY),
    ("In Old English the dative case was marked by the ending [...].", "-um", LINGUISTICS),
    ("The chorales were harmonised for four voices by [...].", "Bach", MUSIC),
    ("A star of one solar mass ends as a [...].", "white dwarf", ASTRONOMY),
])
def test_a_noun_the_sentence_does_not_call_up_is_not_guessable(front: str, answer: str,
                                                                source: Source) -> None:
    assert "guessable" not in _patterns(front, answer, source)


def test_part_of_the_answer_shown_just_after_the_gap_is_guessable_unless_a_unit() -> None:
    assert "guessable" in _patterns("Barn owls hunt by [...] with a sound delay of 5 ms.",
                                    "sound localisation", ECOLOGY)
    assert "guessable" in _patterns("Organs were tuned in [...] with a mean tone between the "
                                    "thirds.", "mean temperament", MUSIC)
    assert "guessable" not in _patterns("Lynx density swings from [...] to 30 animals per 100 "
                                        "square kilometres.", "2 animals", ECOLOGY)


def test_the_category_of_the_item_named_before_and_other_is_guessable() -> None:
    assert "guessable" in _patterns("Lyme disease and other [...] spread with warmer winters.",
                                    "tick-borne diseases", ECOLOGY)
    assert "guessable" not in _patterns("Lyme disease and other [...] spread with warmer "
                                        "winters.", "tick-borne infections", ECOLOGY)


@pytest.mark.parametrize(("front", "answer", "source"), [
    ("Predators and prey coexist at a [...] of roughly 1:100.", "fixed ratio", ECOLOGY),
    ("By 1600 the top [...] of land had doubled.", "10 percent's share", LINGUISTICS),
    ("The shift was driven by the [...] of the stress accent on the first syllable.",
     "gradual loss", LINGUISTICS),
    ("The refrain is sung before the soloist [...] the final verse.", "reaches", MUSIC),
])
def test_an_empty_head_or_linking_verb_is_an_empty_word(front: str, answer: str,
                                                         source: Source) -> None:
    assert "empty-word" in _patterns(front, answer, source)


@pytest.mark.parametrize(("front", "answer", "source"), [
    ("Butterworth filters keep the [...] of the pass band flat.", "frequency response", MUSIC),
    ("Wolves are the [...] of the Yellowstone food web.", "apex predators", ECOLOGY),
    ("Verner's law explains the voicing of [...] after unstressed vowels.", "fricatives",
     LINGUISTICS),
    ("Sea otters eat [...] and so protect the kelp.", "urchins", ECOLOGY),
])
def test_a_head_that_carries_the_idea_is_not_empty(front: str, answer: str,
                                                   source: Source) -> None:
    assert "empty-word" not in _patterns(front, answer, source)


@pytest.mark.parametrize(("front", "answer", "source", "kind"), [
    ("The outputs are averaged to give the [...].", "final estimate", ECOLOGY, "cloze"),
    ("The results show that [...] shifted first.", "voiceless stops", LINGUISTICS, "cloze"),
    ("Wolf numbers rose, and the [...] along the rivers within ten years.",
     "elk herds move", ECOLOGY, "cloze"),
    ("Tempo rose from -[...] to 120 beats a minute.", "90", MUSIC, "cloze"),
    ("Why does the number of elk in the park roughly halved?", "Wolves returned.", ECOLOGY,
     "qa"),
    ("The lynx population of the northern forests of Canada fell sharply about every ten "
     "years, which the trappers of the fur-trading companies had recorded in their ledgers "
     "since the first decades of the [...] and sent to London.", "nineteenth century",
     ECOLOGY, "cloze"),
])
def test_a_front_that_leans_on_more_than_it_shows_does_not_stand_alone(
        front: str, answer: str, source: Source, kind: str) -> None:
    assert "not-standalone" in _patterns(front, answer, source, kind)


@pytest.mark.parametrize(("front", "answer", "source", "kind"), [
    ("The oceans absorb about a quarter of emitted [...].", "carbon dioxide", ECOLOGY, "cloze"),
    ("the [...] rule says that stops shifted unless stressed.", "Verner", LINGUISTICS, "cloze"),
    ("Grasses such as [...] recover first after grazing.", "fescue", ECOLOGY, "cloze"),
    ("Why did the elk leave the river banks?", "Wolves hunted there.", ECOLOGY, "qa"),
    ("Why does interleaved practice beat massed practice?", "It forces retrieval.",
     MUSIC, "qa"),
])
def test_a_front_whole_in_itself_stands_alone(front: str, answer: str, source: Source,
                                              kind: str) -> None:
    assert "not-standalone" not in _patterns(front, answer, source, kind)


def test_a_relative_clause_is_no_list_item_and_a_parallel_gap_on_what_differs_is_fine() -> None:
    assert "list" not in _patterns("Cubs, which are born blind, gain [...] in a month and "
                                   "leave the den.", "two kilograms", ECOLOGY)
    assert "list" not in _patterns("Half the rain is taken up by the soil, and about a third "
                                   "by [...].", "the trees", ECOLOGY)
