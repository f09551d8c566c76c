"""The judge leaves alone what a learner keeps: cards alike in shape to bad ones whose answer
is still the idea (sentences written for these tests, in several domains).

Each test pairs cards the judge once flagged wrongly with a card it must still flag, so the
narrowing stays narrow.
"""

from __future__ import annotations

import pytest

from anki_export.cards.judging.judge import judge
from anki_export.cards.judging.shown import Shown, Source
from tests.cards.test_judge_learner_view import _patterns

BIOLOGY = Source("Cell biology of the red blood cell", "alberts2015")
HISTORY = Source("Medieval monasteries and their books", "clanchy2012")
PHYSICS = Source("Atomic spectra", "bethe1957")
ECONOMICS = Source("Container shipping and world trade", "levinson2006")
GERMAN = Source("Thermodynamik", "planck1897")


@pytest.mark.parametrize(("front", "answer", "source", "empty"), [
    ("Haemoglobin carries [...] from the lungs to the muscles.", "oxygen", BIOLOGY, False),
    ("Monks copied [...] in the scriptorium by daylight only.", "psalters", HISTORY, False),
    ("The monastery had the [...] for copying the abbey's charters.", "duty", HISTORY, True),
])
def test_a_phrase_of_place_or_time_after_a_noun_is_not_what_the_noun_governs(
        front: str, answer: str, source: Source, empty: bool) -> None:
    assert ("empty-word" in _patterns(front, answer, source)) == empty


@pytest.mark.parametrize(("front", "answer", "source", "empty"), [
    ("Both daughter strands are [...] in every base pair they carry.", "identical", BIOLOGY,
     False),
    ("Copying was [...] during Lent in most Cistercian houses.", "forbidden", HISTORY, False),
    ("Spectral lines are [...] by collisions with neighbouring atoms.", "broadened", PHYSICS,
     True),
    ("Tariffs were [...] when containers arrived in the port.", "produced", ECONOMICS, True),
])
def test_a_rare_predicate_after_is_is_the_finding_unless_its_agent_follows(
        front: str, answer: str, source: Source, empty: bool) -> None:
    assert ("empty-word" in _patterns(front, answer, source)) == empty


def test_an_it_that_stands_for_what_follows_points_at_nothing_before() -> None:
    assert "not-standalone" not in _patterns("It is hard to measure the [...] of helium "
                                             "without a strong field.", "Lamb shift", PHYSICS)
    assert "not-standalone" in _patterns("It shifts the [...] of helium by a small amount.",
                                         "Lamb shift", PHYSICS)


def test_a_word_of_another_language_is_not_a_cut_word() -> None:
    assert "not-standalone" not in _patterns("Die [...] eines Gases steigt, wenn man es "
                                             "zusammendrückt", "Temperatur", GERMAN)


def test_an_ordinal_in_the_answer_is_what_is_asked() -> None:
    assert "guessable" not in _patterns("Of the two orders of mendicants: the Franciscans were "
                                        "[...]", "the first order", HISTORY)


@pytest.mark.parametrize(("front", "answer", "source", "cut"), [
    ("Islands such as Iceland sit on [...] that rise from the core-mantle boundary.",
     "mantle plumes", PHYSICS, False),
    ("Shipping lines [...] that the ports dredge deeper channels.", "now demand", ECONOMICS,
     True),
])
def test_that_after_a_hidden_noun_opens_its_relative_clause(front: str, answer: str,
                                                            source: Source, cut: bool) -> None:
    assert ("not-standalone" in _patterns(front, answer, source)) == cut


def test_a_rare_noun_defined_by_its_relative_clause_is_a_term() -> None:
    assert "empty-word" not in _patterns("Each cell keeps a [...] that stores the last "
                                         "readings.", "buffer", PHYSICS)
    assert "empty-word" in _patterns("The abbot could forbid [...] that broke the rule.",
                                     "things", HISTORY)


@pytest.mark.parametrize(("front", "answer", "source", "empty"), [
    ("Splitting in a magnetic field reveals the [...] of sodium lines.", "hyperfine structure",
     PHYSICS, False),
    ("The revolt had [...] as much as religious ones.", "economic causes", HISTORY, False),
    ("Freight rates fell to about [...] of the cargo's value.", "two percent", ECONOMICS, False),
    ("Containerisation brought [...] to exporters.", "significant benefits", ECONOMICS, True),
])
def test_a_describing_adjective_or_a_number_makes_a_phrase_no_empty_one(
        front: str, answer: str, source: Source, empty: bool) -> None:
    assert ("empty-word" in _patterns(front, answer, source)) == empty


def test_clauses_sharing_only_a_pronoun_are_not_parallel() -> None:
    assert "list" not in _patterns("Platelets lack a nucleus. They carry [...], so they can "
                                   "still make some proteins.", "leftover mRNA", BIOLOGY)


def test_a_twin_clause_that_does_not_repeat_the_gaps_lead_shares_nothing_there() -> None:
    assert "list" not in _patterns("Benedictine houses copied [...] for other abbeys, whereas "
                                   "Carthusian houses did not.", "whole libraries", HISTORY)


def test_a_quantity_before_of_is_the_fact_not_an_empty_frame() -> None:
    assert "empty-word" not in _patterns("Port costs halved within [...] of the first crane.",
                                         "three years", ECONOMICS)


@pytest.mark.parametrize(("front", "answer", "source", "guessable"), [
    ("Freight rates [...] by half once the boxes were standard.", "fell", ECONOMICS, False),
    ("Dwell times [...] around two days in the new ports.", "cluster", ECONOMICS, False),
    ("Exporters faced a falling freight rate [...] after 1970.", "curve", ECONOMICS, True),
])
def test_after_a_plural_noun_a_word_that_can_be_its_verb_is_its_verb(
        front: str, answer: str, source: Source, guessable: bool) -> None:
    assert ("guessable" in _patterns(front, answer, source)) == guessable


@pytest.mark.parametrize(("front", "answer", "source", "short"), [
    ("Rhyme derives from [...].", "liturgy", HISTORY, False),
    ("Mitochondria are [...].", "organelles", BIOLOGY, True),
    ("Spectra: [...]", "lines", PHYSICS, True),
])
def test_a_short_front_with_a_verb_of_its_own_says_how_the_answer_relates(
        front: str, answer: str, source: Source, short: bool) -> None:
    assert ("not-standalone" in _patterns(front, answer, source)) == short


def test_a_preposition_that_can_stand_as_an_adverb_may_end_the_front() -> None:
    assert "not-standalone" not in _patterns("Ships skip [...] at ports they have called at "
                                             "before", "customs checks", ECONOMICS)
    assert "not-standalone" in _patterns("Ships skip [...] at ports because of", "customs checks",
                                         ECONOMICS)


def test_a_greek_letter_inside_a_name_is_no_formula() -> None:
    assert "reference" not in _patterns("The signal is [...] in inflamed tissue.",
                                        "driven by NF-κB", BIOLOGY)
    assert "reference" in _patterns("The line width scales as [...] at low pressure.",
                                    "Γ ∝ p", PHYSICS)


def test_a_modifier_and_noun_with_no_article_before_are_a_whole_object() -> None:
    assert "not-standalone" not in _patterns("Containers cut [...] by a third within a decade.",
                                             "dock handling costs", ECONOMICS)
    assert "not-standalone" in _patterns("The port became a single [...] in both cities at once.",
                                         "terminal handling boxes", ECONOMICS)


def test_a_multiple_hidden_before_that_of_is_no_subject_and_verb() -> None:
    assert "not-standalone" not in _patterns("A hydrogen lamp is [...] that of a sodium one.",
                                             "about three times", PHYSICS)


def test_a_clause_of_time_after_a_rare_predicate_is_not_what_it_governs() -> None:
    assert "empty-word" not in _patterns("Copying was [...] when the abbot fell ill.",
                                         "halted", HISTORY)


def test_an_ordinal_before_the_gap_is_no_modifier_of_a_compound() -> None:
    assert "guessable" not in _patterns("Tolls paid for the first [...] cranes of the port.",
                                        "gantry", ECONOMICS)
    assert "guessable" in _patterns("The port replaced its dock [...].", "cranes", ECONOMICS)


@pytest.mark.parametrize(("front", "answer", "source", "empty"), [
    ("Freight rates [...] between 1960 and 1980.", "tripled", ECONOMICS, False),
    ("Book prices [...] by half within a generation.", "plummeted", HISTORY, False),
    ("The index [...] each price by its weight in spending.", "multiplies", ECONOMICS, True),
])
def test_a_rare_verb_with_no_object_is_the_finding_but_not_one_between_its_objects(
        front: str, answer: str, source: Source, empty: bool) -> None:
    assert ("empty-word" in _patterns(front, answer, source)) == empty


def test_a_pointer_before_a_colon_or_quote_points_forward_at_what_follows() -> None:
    """A reverse term card ("Which term is this: “…”?") shows what "this" is; a "this" with
    nothing after it still stands for something the card does not show."""
    forward = Shown("Which term is this: “the ship's capacity counted in twenty-foot boxes”?",
                    "TEU", kind="qa", line=1, label="qa")
    back = Shown("Critics have called this the [...] of world trade.", "backbone", line=2)
    verdicts = judge([forward, back], ECONOMICS)
    assert not [v for v in verdicts if v.card is forward]
    assert [v for v in verdicts if v.card is back and "'this'" in v.reason]


def test_a_question_ending_on_a_preposition_is_closed_by_its_question_mark() -> None:
    """"What does TEU stand for?" and a reverse term card quoting a gloss that ends on a
    preposition are whole questions; a cloze front ending on "of" still leads in."""
    asked = [Shown("What does TEU stand for?", "twenty-foot equivalent unit", kind="qa",
                   line=1, label="qa"),
             Shown("Which term is this: “the port a container ship is routed through”?",
                   "transshipment hub", kind="qa", line=2, label="qa")]
    cut = Shown("Container ships cut the cost [...] of", "of shipping", line=3)
    verdicts = judge([*asked, cut], ECONOMICS)
    assert not [v for v in verdicts if v.card in asked and "lead-in" in v.reason]
    assert [v for v in verdicts if v.card is cut and "lead-in" in v.reason]
