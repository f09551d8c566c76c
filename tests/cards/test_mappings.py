"""Tests for anki_export.mappings: sentences that map several items onto several categories."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anki_export.cards.mappings import Pair, find_pairs

JESUS = (
    "To be explicitly, Jesus is internally aligned, Martin Luther is corrigibly aligned, "
    "and Blaise Pascal is deceptively aligned"
)


def test_the_alignment_analogy_maps_three_people_onto_three_kinds_of_alignment() -> None:
    assert find_pairs(JESUS) == (
        Pair("Jesus", "internally aligned", "Jesus is internally aligned"),
        Pair("Martin Luther", "corrigibly aligned", "Martin Luther is corrigibly aligned"),
        Pair("Blaise Pascal", "deceptively aligned", "Blaise Pascal is deceptively aligned"),
    )


MAPPINGS = [
    # biology
    (
        "In other words, DNA is the blueprint, RNA is the messenger, and proteins are the workers.",
        [("DNA", "the blueprint"), ("RNA", "the messenger"), ("proteins", "the workers")],
    ),
    (
        "The heart is a pump and the lungs are bellows",
        [("The heart", "a pump"), ("the lungs", "bellows")],
    ),
    (
        "Mitochondria: energy production; Ribosomes: protein synthesis; Nucleus: genetic storage",
        [
            ("Mitochondria", "energy production"),
            ("Ribosomes", "protein synthesis"),
            ("Nucleus", "genetic storage"),
        ],
    ),
    # history
    (
        "Athens was a democracy, Sparta was an oligarchy, and Persia was a monarchy.",
        [("Athens", "a democracy"), ("Sparta", "an oligarchy"), ("Persia", "a monarchy")],
    ),
    (
        "Here, Luther represents reform; Loyola represents renewal",
        [("Luther", "reform"), ("Loyola", "renewal")],
    ),
    # computing
    (
        "Here, the king corresponds to the CPU, the ministers to the cores, and the peasants to"
        " the threads",
        [("the king", "the CPU"), ("the ministers", "the cores"), ("the peasants", "the threads")],
    ),
    ("Stack \u2014 LIFO, Queue \u2014 FIFO", [("Stack", "LIFO"), ("Queue", "FIFO")]),
    (
        "The mapping is as follows: the CPU is the brain, the RAM is the short-term memory, and"
        " the disk is the long-term memory",
        [
            ("the CPU", "the brain"),
            ("the RAM", "the short-term memory"),
            ("the disk", "the long-term memory"),
        ],
    ),
    ("x = 3, y = 4", [("x", "3"), ("y", "4")]),
    # economics
    (
        "Supply is the seller side; demand is the buyer side",
        [("Supply", "the seller side"), ("demand", "the buyer side")],
    ),
    (
        "Inflation corresponds to rising prices, deflation to falling prices",
        [("Inflation", "rising prices"), ("deflation", "falling prices")],
    ),
    (
        "Red stands for danger, green stands for safety, while yellow stands for caution",
        [("Red", "danger"), ("green", "safety"), ("yellow", "caution")],
    ),
    (
        "Monopolies are price makers while small firms are price takers",
        [("Monopolies", "price makers"), ("small firms", "price takers")],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), MAPPINGS)
def test_mapping_sentences_yield_one_pair_per_item(
    sentence: str, expected: list[tuple[str, str]]
) -> None:
    assert [(p.subject, p.category) for p in find_pairs(sentence)] == expected


@pytest.mark.parametrize(
    ("sentence", "clauses"),
    [
        (
            "In other words, DNA is the blueprint, RNA is the messenger, and proteins are the"
            " workers",
            ["DNA is the blueprint", "RNA is the messenger", "Proteins are the workers"],
        ),
        (
            "Here, the king corresponds to the CPU, the ministers to the cores",
            ["The king corresponds to the CPU", "The ministers correspond to the cores"],
        ),
        ("Stack \u2014 LIFO, Queue \u2014 FIFO", ["Stack \u2014 LIFO", "Queue \u2014 FIFO"]),
        ("Stack: LIFO; Queue: FIFO", ["Stack: LIFO", "Queue: FIFO"]),
    ],
)
def test_each_pair_carries_its_clause_as_a_short_sentence(
    sentence: str, clauses: list[str]
) -> None:
    assert [p.sentence for p in find_pairs(sentence)] == clauses


def test_a_clause_starting_with_the_article_a_gets_a_capital_but_a_variable_does_not() -> None:
    sentence = "In this analogy, the page table is the catalogue, a page is a chapter"
    assert [p.sentence for p in find_pairs(sentence)] == [
        "The page table is the catalogue", "A page is a chapter"]
    assert [p.sentence for p in find_pairs("x = 3, y = 4")] == ["x = 3", "y = 4"]
    assert [p.sentence for p in find_pairs("x is the input, y is the output")] == [
        "x is the input", "y is the output"]


NOT_MAPPINGS = [
    "In general, modeling the world better is a very natural modification for SGD to make to the"
    " model, and it seems likely",
    "Jesus is internally aligned",
    "However, the results were mixed, and the model is slow",
    "The results are mixed, the model is slow, and the data are noisy",
    "If the price is high, demand is low",
    "He thinks the sky is blue, she thinks the grass is green",
    "It is cold, and there is snow",
    "Out of all possible pointers, there are only very few pointers that robustly point at a"
    " model of the base objective",
    "Note: this is important; Warning: that too",
    "Jesus, Martin Luther, and Blaise Pascal are aligned with God",
    "The capital is Paris, the capital is Paris",
    "Prices rose, wages fell, and unemployment climbed",
    "The Roman Empire was a vast state that spanned three continents, and its army was the"
    " largest professional force of the ancient world",
    "",
]


@pytest.mark.parametrize("sentence", NOT_MAPPINGS)
def test_ordinary_sentences_are_not_mappings(sentence: str) -> None:
    assert find_pairs(sentence) == ()


def test_pairs_are_frozen_and_slotted() -> None:
    pair = Pair("a", "b", "a is b")
    with pytest.raises(dataclasses.FrozenInstanceError):
        pair.subject = "c"  # type: ignore[misc]
    assert not hasattr(pair, "__dict__")


def _assert_well_formed(sentence: str) -> None:
    """The output contract: () or at least two pairs whose sides come from the input."""
    pairs = find_pairs(sentence)
    assert pairs == () or len(pairs) >= 2
    for pair in pairs:
        assert pair.subject and pair.subject in sentence
        assert pair.category and pair.category in sentence


@given(st.text())
def test_any_text_gives_no_pairs_or_pairs_taken_from_it(text: str) -> None:
    _assert_well_formed(text)


SALAD = (
    "X", "Y", "Z", "the", "a", "cell", "is", "are", "was", "stands", "for", "corresponds", "to",
    "represents", "and", "while", ",", ";", ":", "\u2014", "=", "it", "there", "if", "A", "B",
)  # fmt: skip


@given(
    st.lists(
        st.sampled_from(SALAD),
        max_size=16,
    )
)
def test_mapping_like_word_salad_gives_well_formed_pairs(words: list[str]) -> None:
    _assert_well_formed(" ".join(words))


def test_long_and_chains_are_parsed_without_backtracking_blowup() -> None:
    sentence = " and ".join(f"Item{i} is group {i}" for i in range(20))
    assert len(find_pairs(sentence)) == 20
    assert find_pairs(" and ".join(["word"] * 200)) == ()
