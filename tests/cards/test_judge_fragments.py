"""The judge on fronts that read fluently but are no whole sentence (or no question), on fronts
that restate their answer in another form, and on long sentences whose asked clause is their
conclusion.

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


@pytest.mark.parametrize(("front", "answer", "source"), [
    # One side of a two-sided contrast hidden, the other shown.
    ("Because dose was assigned by lottery, the trial's estimates are [...] rather than "
     "observational.", "experimental", DRUGS),
    ("In this model a current is never driven by [...] but only together with the wind stress "
     "along the shelf.", "buoyancy", OCEAN),
    # A symbol right after the name it stands for.
    ("Each girder is checked against the stress range [...], which falls as the traffic "
     "load is spread over more lanes.", "Sr", BRIDGES),
    # An acronym whose words the front lists.
    ("The [...] model sorts a reef's fish into grazers, invertivores and piscivores, each "
     "with its own feeding rate.", "GIP", OCEAN),
])
def test_a_front_restating_its_answer_in_another_form_is_guessable(front: str, answer: str,
                                                                   source: Source) -> None:
    assert "guessable" in _patterns(front, answer, source)


@pytest.mark.parametrize(("front", "answer", "source"), [
    ("Rome fell not because of [...] but because the tax base of the provinces collapsed.",
     "barbarian invasions", OCEAN),
    ("The half-life of the drug is set by [...] rather than by its dose.", "clearance", DRUGS),
    ("Each girder is checked by the engineer [...] before it is opened to traffic.", "Ellis",
     BRIDGES),
    ("The [...] scheme tracks how fast the liver removes a drug from the plasma.", "PK", DRUGS),
])
def test_a_contrast_or_name_that_does_not_give_the_answer_is_not_guessable(
        front: str, answer: str, source: Source) -> None:
    assert "guessable" not in _patterns(front, answer, source)


@pytest.mark.parametrize(("front", "answer", "kind"), [
    ("Why do ocean stratification?", "Warm surface water floats on cold deep water.", "qa"),
    ("What does the passage on p. 12 that begins “Fatigue cracks grow …” say?",
     "Fatigue cracks grow from weld toes under cyclic load.", "qa"),
    ("Unlike most older bridges, its girders were [...] rather than riveted.", "welded",
     "cloze"),
    ("Tablets coated with a polymer dissolve slowly in the gut, as dissolution trials have "
     "sho", "", "cloze"),
])
def test_a_garbled_question_or_a_cut_front_does_not_stand_alone(front: str, answer: str,
                                                               kind: str) -> None:
    card = Shown(front if answer or kind == "qa" else front.replace("slowly", "[...]"),
                 answer or "slowly", kind="qa" if kind == "qa" else "cloze", line=1)
    assert "not-standalone" in {v.pattern for v in judge([card], DRUGS) if v.card is card}


@pytest.mark.parametrize(("front", "answer", "kind"), [
    ("Why do tablets dissolve faster in warm water?", "More surface is exposed.", "qa"),
    ("Why do people skip doses?", "Side effects and cost.", "qa"),
    ("Unlike most older bridges, the Forth bridge kept its [...] girders.", "riveted", "cloze"),
    ("In the Forth bridge, its [...] girders were kept.", "riveted", "cloze"),
    ("Tablets coated with a polymer dissolve slowly in the gut, as trials have [...]",
     "shown", "cloze"),
])
def test_whole_questions_and_fronts_of_the_same_shapes_stand_alone(front: str, answer: str,
                                                                  kind: str) -> None:
    card = Shown(front, answer, kind="qa" if kind == "qa" else "cloze", line=1)
    assert "not-standalone" not in {v.pattern for v in judge([card], DRUGS) if v.card is card}
