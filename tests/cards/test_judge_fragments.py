"""The judge on fronts that read fluently but are no whole sentence, and on long sentences whose
asked clause is their conclusion.

Sentences written for these tests, in domains no graded set uses (none is a fixture note's).
"""

from __future__ import annotations

import pytest

from anki_export.cards.judging.judge import judge
from anki_export.cards.judging.shown import Pattern, Shown, Source

OCEAN = Source("Ocean circulation and the climate of the North Atlantic", "rahmstorfOcean2002")
DRUGS = Source("Pharmacokinetics of oral drugs", "rowlandPharmaco2011")
BRIDGES = Source("Fatigue in steel bridges", "fisherFatigue1997")


def _patterns(front: str, answer: str, source: Source) -> set[Pattern]:
    """The patterns the judge finds in one cloze card."""
    card = Shown(front, answer, kind="cloze", line=1)
    return {v.pattern for v in judge([card], source) if v.card is card}


@pytest.mark.parametrize(("front", "answer", "source"), [
    # A reported "that" clause whose verb was cut away.
    ("Argo floats sampled about [...] across the basin for a decade, and the survey showed that "
     "waters between the subtropical gyre and the shelf of Greenland.", "3,000 profiles", OCEAN),
    # A last clause after ", and" that has no verb, while the clause before it has one.
    ("After an oral dose, part of the drug is cleared by the [...] before it reaches the blood, "
     "and the fraction of the dose in the circulation.", "liver", DRUGS),
    # A noun phrase, then side clauses, and never a verb of its own.
    ("Loss of stiffness in the steel girder, which inspectors measure every two years "
     "with dye penetrant, since ignoring them was shown to [...] the remaining life.",
     "shorten", BRIDGES),
])
def test_a_front_without_a_main_verb_does_not_stand_alone(front: str, answer: str,
                                                          source: Source) -> None:
    assert "not-standalone" in _patterns(front, answer, source)


@pytest.mark.parametrize(("front", "answer", "source"), [
    ("Tracer studies showed that deep water formed in the Labrador Sea reaches the [...] within "
     "a decade.", "equator", OCEAN),
    ("A drug given by mouth passes the liver first, and the share lost there is called the "
     "[...].", "first-pass effect", DRUGS),
    ("Cracks grow at the toes of welds, at cover plate ends, and the holes of bolted splices.",
     "", BRIDGES),
    ("Weld toes, which carry the highest stress, [...] first under cyclic load.", "crack",
     BRIDGES),
    ("The clearance of a drug, which the liver and kidneys share, sets its [...].",
     "steady-state level", DRUGS),
])
def test_whole_sentences_of_the_same_shapes_stand_alone(front: str, answer: str,
                                                        source: Source) -> None:
    card_front = front if "[...]" in front else front.replace("toes", "[...]")
    card_answer = answer or "toes"
    assert "not-standalone" not in _patterns(card_front, card_answer, source)


def test_a_long_sentence_asking_the_conclusion_its_which_clause_draws_is_kept() -> None:
    front = ("Stommel (1961) showed that a two-box model of the ocean with salt and heat fluxes "
             "between its boxes has two stable states of overturning, which suggests that the "
             "present circulation is [...] to a large input of fresh water")
    assert "not-standalone" not in _patterns(front, "vulnerable", OCEAN)
    side = front.replace("which suggests that", "while in the tropics")
    assert "not-standalone" in _patterns(side, "vulnerable", OCEAN)
