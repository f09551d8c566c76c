"""What a cloze hides is an answer a learner can produce: a short, real constituent.

Sentences of several domains (ecology, economics, medicine, history, geology, computing), each
naming the pattern a rule in `cards/answers.py` fixes: a long answer cut to its informative
core, a chunk that is no phrase (a noun with its participle clause, one side of "X/Y", a word
split from its compound), and an example or gloss on the card that gives the answer away.
"""

from __future__ import annotations

import pytest

from anki_export.cards.answers import core, is_unfit_answer
from anki_export.cards.clozes import choose_targets
from tests.cards.test_roles import _at


def _hidden(text: str, given: frozenset[str] = frozenset(),
            vocabulary: frozenset[str] = frozenset()) -> list[str]:
    return [text[s.start : s.end] for s in choose_targets(text, vocabulary, given)]


def _core(text: str, words: str) -> str | None:
    toks, found = _at(text, words)
    cut = core(toks, found, len(toks))
    return None if cut is None else text[toks[cut[0]].start : toks[cut[1]].end]


# --- long answers cut to their core ----------------------------------------------------------


def test_a_long_of_phrase_is_cut_to_the_side_that_holds_its_rarest_word() -> None:
    survey = "An ideal survey would measure the hydraulic conductivity of several sandy river beds."
    assert _core(survey, "hydraulic conductivity of several sandy river beds") == (
        "hydraulic conductivity")
    assert _hidden(survey) == ["hydraulic conductivity"]  # a rare head is a term, not empty
    tariff = "The reform was driven by the careful choice of the tariff schedule and naval aid"
    assert _core(tariff, "careful choice of the tariff schedule") == "tariff schedule"
    # a quantity keeps its "of", and a short phrase stays whole
    steps = "Training will take a large number of gradient steps to converge."
    assert _core(steps, "a large number of gradient steps") == "a large number of gradient steps"
    salt = "Venice grew rich on the trade of salt."
    assert _core(salt, "trade of salt") == "trade of salt"


def test_a_light_gerund_leaves_its_object_as_the_answer() -> None:
    text = "We report large gains in recall by using curriculum sampling on rare classes."
    assert _core(text, "using curriculum sampling") == "curriculum sampling"
    shown = ("Finally, we show significant performance improvements by using curriculum "
             "sampling to label rare classes")
    assert _hidden(shown) == ["curriculum sampling"]


def test_a_gerund_with_a_long_object_is_asked_by_its_verb_or_not_at_all() -> None:
    branch = "A branch target buffer is capable of caching recent indirect jump destinations."
    assert _hidden(branch) == ["caching"]  # the action's head, not the whole action
    assert _core(branch, "caching recent indirect jump destinations") == "caching"
    common = ("Such records may be useful in understanding regional unemployment insurance "
              "claim patterns.")
    assert _core(common, "understanding regional unemployment insurance claim patterns") is None


def test_a_noun_phrase_too_long_to_recall_hides_its_distinguishing_adjective() -> None:
    text = ("A dominant firm faces a downward-sloping market demand curve, so it sets prices "
            "above marginal cost.")
    assert _hidden(text)[0] == "downward-sloping"
    wetland = "Restoration created a shallow freshwater marsh habitat for migrating cranes."
    assert _core(wetland, "a shallow freshwater marsh habitat") == "shallow"


def test_a_relation_between_two_counted_things_is_not_an_answer() -> None:
    text = ("Paired tests are methods which help clinicians in understanding the relationship "
            "between two variables to judge the size of effects")
    vocabulary = frozenset({"variable"})  # the source's recurring word, proposed as a term
    hidden = _hidden(text, vocabulary=vocabulary)
    assert not any("relationship" in h or "variables" in h for h in hidden)


def test_one_noun_of_a_pair_is_asked_with_its_twin() -> None:
    tariffs = "The 1921 reform raised both tariffs and quotas on imported steel."
    assert "tariffs and quotas" in _hidden(tariffs)
    assert "tariffs" not in _hidden(tariffs)
    shells = ("As seawater turns acidic, it becomes harder for oysters and mussels to build "
              "calcium carbonate shells.")
    toks, found = _at(shells, "mussels")
    assert core(toks, found, len(toks)) == (found[0] - 2, found[0])
    # names, and items of a longer list, are left to the rules for them
    toks, found = _at("Caravans linked Timbuktu and Cairo.", "Cairo")
    assert core(toks, found, len(toks)) == found
    toks, found = _at("Ports traded wool, salt and timber.", "timber")
    assert core(toks, found, len(toks)) == found


def test_a_hedge_before_the_copula_leaves_the_predicate_to_ask() -> None:
    text = "The cost of the new vaccine will likely be lower than the cost of the old one."
    assert _hidden(text) == ["lower"]


# --- chunks that are no phrase ---------------------------------------------------------------


@pytest.mark.parametrize(("text", "chunk", "noun_phrase"), [
    ("Lumen is also a compact index storing manuscripts in two monasteries.",
     "index storing manuscripts", "index"),
    ("The reef hosts sponges filtering plankton from the current.",
     "sponges filtering plankton", "sponges"),
])
def test_a_participle_clause_is_not_hidden_with_the_noun_it_modifies(
    text: str, chunk: str, noun_phrase: str
) -> None:
    assert _core(text, chunk) == noun_phrase


def test_a_compound_with_an_ing_word_stays_whole() -> None:
    text = "The chip contains signal processing units that run in parallel."
    assert _core(text, "signal processing units") == "signal processing units"
    assert _hidden(text)[0] == "signal processing units"


@pytest.mark.parametrize(("text", "words"), [
    ("Toxicity in mice depends on the dose/response profile of each compound.", "dose"),
    ("Toxicity in mice depends on the dose/response profile of each compound.",
     "response profile"),
    ("Early charts encode a harbour to bearing table for each coast.", "a harbour"),
    ("A monopsonist faces an upward-sloping labour supply curve, so wages stay low.",
     "upward-sloping labour supply"),
])
def test_a_word_split_from_its_unit_is_no_answer(text: str, words: str) -> None:
    toks, found = _at(text, words)
    assert is_unfit_answer(toks, found, 0, len(toks))
    assert not any(h in (words, words.removeprefix("a ")) for h in _hidden(text))


def test_a_plural_subject_and_its_verb_are_not_read_as_one_compound() -> None:
    toks, found = _at("In dry years the cells divide, so the colony grows.", "cells")
    assert not is_unfit_answer(toks, found, 0, len(toks))


def test_a_possessive_keeps_the_noun_phrase_it_opens() -> None:
    text = "Lava flows record reversals of the Earth's magnetic field over millions of years."
    assert _hidden(text)[0] == "reversals"  # not "reversals of the Earth's", cut mid-phrase


# --- examples and glosses that give the answer away ------------------------------------------


def test_an_example_in_parentheses_after_the_phrase_gives_it_away() -> None:
    text = ("Early charts encode a harbour to bearing table (e.g. listing a compass point for "
            "each pair of ports) to support coastal navigation.")
    hidden = _hidden(text, given=frozenset({"chart"}))
    assert not any(h in ("a harbour", "harbour", "bearing table") for h in hidden)
    assert not any(h in ("compass point", "ports", "pair") for h in hidden)  # inside the example


def test_a_plain_gloss_right_after_the_phrase_gives_it_away() -> None:
    text = ("The reform was driven by the careful choice of the tariff schedule (lower import "
            "duties) and naval guarantees")
    assert not any("tariff schedule" in h for h in _hidden(text))
    toks, found = _at(text, "tariff schedule")
    assert is_unfit_answer(toks, found, 0, len(toks))
    cited = "Yields rose after the adoption of crop rotation (Smith 1998) across the county."
    toks, found = _at(cited, "crop rotation")
    assert not is_unfit_answer(toks, found, 0, len(toks))  # a citation glosses nothing
