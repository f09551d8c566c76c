"""Citations, reference numbers and figure numbers are found, so no card ever hides them."""

from __future__ import annotations

import pytest

from anki_export.cards.standalone import front_of
from anki_export.language.references import reference_ranges, strip_references
from anki_export.language.sentences import split_sentences
from anki_export.language.words import is_cut_word


def _found(text: str) -> list[str]:
    return [text[a:b] for a, b in reference_ranges(text)]


@pytest.mark.parametrize(("text", "reference"), [
    ("Hubs are vulnerable to targeted attack (Albert et al. 2000).", "(Albert et al. 2000)"),
    ("Prices rose sharply (Friedman & Schwartz 1963; Romer 1992).",
     "(Friedman & Schwartz 1963; Romer 1992)"),
    ("Armies lived off the land [12, 31].", "[12, 31]"),
    ("Losses approached a third (see Fig. 3).", "(see Fig. 3)"),
    ("which is expected given the domains (Figs. 1,3) indicating", "(Figs. 1,3)"),
    ("As Wilson (2009) argues, the peace held.", "(2009)"),
    ("the pathophysiology (Belmaker & Agam 2008; Sibille & ", "(Belmaker & Agam 2008; Sibille & "),
    # a page, several citations in brackets, a possessive name before the year
    ("Money is a veil over barter (Pigou 1949, p. 24).", "(Pigou 1949, p. 24)"),
    ("Rents fall with distance (von Thünen 1826, pp. 12–15).", "(von Thünen 1826, pp. 12–15)"),
    ("Cities grow by accretion [Batty et al. 1999; Krugman & Fujita 1996].",
     "[Batty et al. 1999; Krugman & Fujita 1996]"),
    ("Cities grow by accretion [Batty 1999", "[Batty 1999"),
    ("Keynes’s (1936) liquidity preference ties interest to money.", "(1936)"),
    ("As Braudel (1949, p. 101) puts it, the sea unites.", "(1949, p. 101)"),
    ("Land rents rise near cities (Ricardo 1817a, b).", "(Ricardo 1817a, b)"),
    ("As Modigliani and Miller 1958 showed, leverage does not change value.", "1958"),
    ("Hubs form early, as Barabási et al. 1999 argued.", "1999"),
])
def test_citations_and_pointers_are_found(text: str, reference: str) -> None:
    assert reference in _found(text)


@pytest.mark.parametrize("text", [
    "Galton suggested the concept in 1894 (in London).",
    "The war ended in 1648 after thirty years.",
    "Accuracy was measured over 15 runs (on average).",
    "The budget grew [from 1990 on] in real terms.",
    "Exports collapsed in March and April 2009 across Asia.",
    "The treaty of 1648 [signed in Münster] ended the war.",
])
def test_facts_with_numbers_are_not_references(text: str) -> None:
    assert _found(text) == []


def test_a_front_drops_its_parenthesised_citations_and_keeps_its_punctuation_tidy() -> None:
    text = "Hubs provide a focus (next section), (Miller et al. 2008; Ray et al. 2008)."
    assert strip_references(text) == "Hubs provide a focus (next section)."


@pytest.mark.parametrize("text", [
    "Mean and std. of oxygen consumption were measured in 12 cell lines.",
    "The effect was first shown by Parker et al. 1984 in Bohemia.",
])
def test_sentences_are_not_split_at_an_abbreviation(text: str) -> None:
    assert split_sentences(text) == (text,)


def test_words_cut_by_the_selection_are_recognised_at_either_edge() -> None:
    assert is_cut_word("mploys", at_start=True) and is_cut_word("n", at_start=True)
    assert is_cut_word("fine-tunin", at_start=False) and is_cut_word("appro", at_start=False)
    assert not is_cut_word("corrigibly", at_start=True)
    assert not is_cut_word("regression", at_start=False)


def test_an_unknown_stub_a_letter_or_two_completes_is_cut_at_the_end() -> None:
    # "offers a simil": no list knows "simil", and two letters make "similar"
    assert is_cut_word("simil", at_start=False)
    assert not is_cut_word("monomeric", at_start=False)  # rare but whole
    assert not is_cut_word("homophily", at_start=False)
    front = front_of("Core-powered mass loss offers a simil", False, True)
    assert front.text.endswith("offers a …")
