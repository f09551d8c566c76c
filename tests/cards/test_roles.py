"""A phrase's role in its sentence decides what a cloze hides (fixtures in several domains).

`sentence-roles-several-domains.md` (computing, biology, economics, history) has a reviewed
golden; these tests name what each rule must do on it and on sentences of other domains.
"""

from __future__ import annotations

import pytest

from anki_export.cards.guessable import is_misshapen
from anki_export.cards.roles import heads_an_of_phrase, is_counted_relatum, is_named_class
from anki_export.cards.standalone import clause_around, front_of
from anki_export.language.tokens import Phrase, Token, tokenize
from tests.cards.test_standalone import _fronts, _hidden

ROLES = "sentence-roles-several-domains"


def _at(text: str, words: str) -> tuple[list[Token], Phrase]:
    """The tokens of `text` and the phrase that spells `words` in it."""
    toks = tokenize(text)
    wanted = words.split()
    for k in range(len(toks)):
        if [t.text for t in toks[k : k + len(wanted)]] == wanted:
            return toks, (k, k + len(wanted) - 1)
    raise AssertionError(f"{words!r} not in {text!r}")


def test_a_bare_definite_subject_shows_the_sentence_before_unless_that_names_its_noun() -> None:
    (evicted,) = [f for f in _fronts(ROLES, 9) if "evicted" in f]
    assert evicted.startswith("We propose a cache")  # "The entries": whose? the cache's
    (encodes,) = [f for f in _fronts(ROLES, 12) if "encodes" in f]
    assert encodes.startswith("The genome encodes")  # "a … genome" was named just before
    assert front_of("The outputs are summed to obtain the total.", False, True).refers_to
    assert not front_of("The Krebs cycle produces NADH.", False, True).refers_to  # a name
    assert not front_of("The outputs of the encoder are summed.", False, True).refers_to


@pytest.mark.parametrize(("text", "head", "empty"), [
    ("driven by the rapid adoption of networked information technology", "rapid adoption", True),
    ("ended by the gradual loss of overseas colonial trade monopolies", "gradual loss",
     True),
    ("it must have a good model of the base objective", "good model", False),
    ("the cells express high levels of uncoupling protein", "high levels", False),
    ("regulated by the precise timing of circadian hormone release", "precise timing", True),
    ("40% of the adult population of Florence", "40%", False),
])
def test_a_head_whose_of_phrase_says_more_is_empty_by_its_role(
    text: str, head: str, empty: bool
) -> None:
    toks, found = _at(text, head)
    assert heads_an_of_phrase(toks, found, len(toks)) is empty
    if empty and "adoption" in text:
        assert _hidden(ROLES, 15) == ["networked information technology"]


@pytest.mark.parametrize(("text", "word", "guessable"), [
    ("scientists study the relationship between two variables in surveys", "variables", True),
    ("trade flows among several countries of the union", "countries", True),
    ("the gene has two exons and one intron", "exons", False),
    ("recombination between two Holliday junctions", "Holliday", False),
])
def test_the_noun_counted_after_between_completes_itself(
    text: str, word: str, guessable: bool
) -> None:
    toks, found = _at(text, word)
    assert is_counted_relatum(toks, found) is guessable


@pytest.mark.parametrize(("text", "words", "guessable"), [
    ("Measles and other childhood diseases declined after 1963.", "childhood diseases", True),
    ("Tariffs or other trade barriers raise domestic prices.", "trade barriers", True),
    ("Measles and mumps declined after 1963.", "mumps", False),
])
def test_the_class_of_an_example_the_card_shows_is_given(
    text: str, words: str, guessable: bool
) -> None:
    toks, found = _at(text, words)
    assert is_named_class(toks, found) is guessable


@pytest.mark.parametrize(("text", "word", "cut"), [
    ("risks scale up to brain region pathophysiology over years", "brain", True),
    ("tariffs protected the steel industry of Pittsburgh", "steel", True),
    ("the brain changes over years", "brain", False),  # "changes" is the verb here
    ("the cells divide rapidly", "cells", False),
])
def test_a_word_cut_off_from_the_noun_it_modifies_is_no_answer(
    text: str, word: str, cut: bool
) -> None:
    toks, found = _at(text, word)
    assert is_misshapen(toks, found, 0, len(toks)) is cut


def test_a_long_front_reporting_a_finding_asks_the_finding() -> None:
    assert _fronts(ROLES, 24) == ["The urban unrest of 1789 had [...] as much as political ones."]
    long = ("While clustering attempts to separate modules, thousands of links remain between "
            "them after clustering, which is expected given the shared regulators of many "
            "genes, indicating that independent modules are a convenient simplification.")
    lo, hi = clause_around(long, 0, 5)
    assert long[lo:hi] == "independent modules are a convenient simplification."
    short = "Clustering leaves links between modules, indicating that modules overlap."
    assert clause_around(short, 0, 5) == (0, len(short))  # short fronts are shown whole
