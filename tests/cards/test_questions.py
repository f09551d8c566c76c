"""Tests for anki_export.questions: claims become 'Why …?' questions or None."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anki_export.cards.questions import claim_to_question

# Claims highlighted in DoesSGDProduce.md (with the U+FFFD damage repaired).
SGD_CLAIMS = [
    (
        "internally aligned models are highly improbable",
        "Why are internally aligned models highly improbable?",
    ),
    (
        "corrigibly aligned models are also highly improbable",
        "Why are corrigibly aligned models also highly improbable?",
    ),
    (
        "deceptively aligned models are likely to be more numerous",
        "Why are deceptively aligned models likely to be more numerous?",
    ),
    (
        "we argue that SGD systematically favors deceptive alignment.",
        "Why does SGD systematically favor deceptive alignment?",
    ),
    (
        "SGD will take a large number of training steps to converge to an internally aligned"
        " model.",
        "Why will SGD take a large number of training steps to converge to an internally aligned"
        " model?",
    ),
    (
        "SGD will take a large number of steps to converge to a corrigible model.",
        "Why will SGD take a large number of steps to converge to a corrigible model?",
    ),
]

COPULA_AND_MODALS = [
    ("The model is deceptive", "Why is the model deceptive?"),
    ("SGD is a local search algorithm", "Why is SGD a local search algorithm?"),
    ("Napoleon was defeated at Waterloo", "Why was Napoleon defeated at Waterloo?"),
    ("The cell has divided", "Why has the cell divided?"),
    ("It is likely to happen", "Why is it likely to happen?"),
    ("Viruses can't reproduce alone", "Why can't viruses reproduce alone?"),
    ("Viruses cannot reproduce alone", "Why can viruses not reproduce alone?"),
    ("Antibiotics do not work against viruses", "Why do antibiotics not work against viruses?"),
    (
        "Transformers have replaced recurrent networks",
        "Why have transformers replaced recurrent networks?",
    ),
    ("The will of the people is sovereign", "Why is the will of the people sovereign?"),
    ("Demand curves can slope upward", "Why can demand curves slope upward?"),
    (
        "Modeling the world better is a natural modification",
        "Why is modeling the world better a natural modification?",
    ),
]

DO_SUPPORT = [
    ("Gradient descent converged slowly", "Why did gradient descent converge slowly?"),
    (
        "The mitochondria produce most of the cell's ATP",
        "Why do the mitochondria produce most of the cell's ATP?",
    ),
    (
        "The Federal Reserve raised interest rates in 1980",
        "Why did the Federal Reserve raise interest rates in 1980?",
    ),
    ("Prices fell sharply after the war", "Why did prices fall sharply after the war?"),
    ("The Roman Empire fell in 476", "Why did the Roman Empire fall in 476?"),
    ("The cell has a nucleus", "Why does the cell have a nucleus?"),
    ("The enzyme binds the substrate", "Why does the enzyme bind the substrate?"),
    (
        "Compilers translate source code into machine code",
        "Why do compilers translate source code into machine code?",
    ),
    ("A hash table stores keys and values", "Why does a hash table store keys and values?"),
    ("The algorithm runs in linear time", "Why does the algorithm run in linear time?"),
    ("The government taxes imports", "Why does the government tax imports?"),
    ("SGD favors models that are deceptive", "Why does SGD favor models that are deceptive?"),
    ("The team set a record", "Why did the team set a record?"),
    ("SGD favors this", "Why does SGD favor this?"),
    ("Tariffs raise prices for consumers", "Why do tariffs raise prices for consumers?"),
    (
        "Interest rates affect the value of the currency",
        "Why do interest rates affect the value of the currency?",
    ),
    ("The model results show a trend", "Why do the model results show a trend?"),
    ("SGD models converge slowly", "Why do SGD models converge slowly?"),
    (
        "The king's ministers controlled the treasury",
        "Why did the king's ministers control the treasury?",
    ),
    (
        "The printing press spread Protestant ideas quickly",
        "Why did the printing press spread Protestant ideas quickly?",
    ),
    (
        "Larger batch sizes reduce gradient noise",
        "Why do larger batch sizes reduce gradient noise?",
    ),
    (
        "GPT-4 outperforms GPT-3 on most benchmarks",
        "Why does GPT-4 outperform GPT-3 on most benchmarks?",
    ),
    (
        "Martin Luther nailed the theses to the door",
        "Why did Martin Luther nail the theses to the door?",
    ),
]

FRAMES = [
    ("I think that the cell has a nucleus", "Why does the cell have a nucleus?"),
    ("the authors claim that inflation erodes savings", "Why does inflation erode savings?"),
    ("it is clear that demand exceeds supply", "Why does demand exceed supply?"),
    ("Thus, we argue that SGD is biased", "Why is SGD biased?"),
    ("In general, the market clears", "Why does the market clear?"),
]

NOT_QUESTIONABLE = [
    "how likely deceptive models are to result from a particular training process",
    "Only a small number of objectives a model could have are equal to the base objective",
    "Given that a random model that optimizes for the base objective is likely to be deceptive,"
    " the default expectation is that the model that SGD converges to is deceptive.",
    "Because of instrumental convergence, there are many objectives that result in the model"
    " optimizing for the base objective.",
    "A model becoming marginally more deceptive will marginally lower the training loss. A model"
    " that learns marginally more about the training process seems like it should get marginally"
    " more deceptive",
    "There might be a few Martin Luthers, but robustly pointing to the Bible is a difficult task",
    "Cells that divide quickly are vulnerable to chemotherapy",
    "Consider the model that is deceptive",
    "Models trained with RLHF often exhibit sycophancy",
    "The mitochondria, which are organelles, produce ATP",
    "Is this a question?",
    "this episode of the AI Alignment Podcast",
    "SGD; the optimiser",
    "SGD favors the",
    "The model is deceptive because",
    "",
    "   ",
    "Deception.",
]


@pytest.mark.parametrize(("claim", "question"), SGD_CLAIMS)
def test_highlighted_claims_become_why_questions(claim: str, question: str) -> None:
    assert claim_to_question(claim) == question


@pytest.mark.parametrize(("claim", "question"), COPULA_AND_MODALS)
def test_auxiliary_moves_in_front_of_the_subject(claim: str, question: str) -> None:
    assert claim_to_question(claim) == question


@pytest.mark.parametrize(("claim", "question"), DO_SUPPORT)
def test_lexical_verbs_get_do_support_with_their_base_form(claim: str, question: str) -> None:
    assert claim_to_question(claim) == question


@pytest.mark.parametrize(("claim", "question"), FRAMES)
def test_reporting_frames_and_discourse_markers_are_dropped(claim: str, question: str) -> None:
    assert claim_to_question(claim) == question


@pytest.mark.parametrize("claim", NOT_QUESTIONABLE)
def test_fragments_clauses_and_several_sentences_give_none(claim: str) -> None:
    assert claim_to_question(claim) is None


@pytest.mark.parametrize(
    "claim",
    [
        "We set the learning rate to 0.1",  # past or present?
        "The cell's ATP production rates increase",  # which word is the verb?
    ],
)
def test_ambiguous_verb_readings_give_none_rather_than_a_guess(claim: str) -> None:
    assert claim_to_question(claim) is None


@pytest.mark.parametrize(
    ("claim", "question"),
    [
        ("The model is large", "Why is the model large?"),
        ("SGD is fast", "Why is SGD fast?"),
        ("Jesus is internally aligned", "Why is Jesus internally aligned?"),
        ("Martin Luther is corrigibly aligned", "Why is Martin Luther corrigibly aligned?"),
        ("I am tired", "Why am I tired?"),
    ],
)
def test_only_an_ordinary_first_word_is_lowercased(claim: str, question: str) -> None:
    assert claim_to_question(claim) == question


@pytest.mark.parametrize(
    ("claim", "question"),
    [
        (
            "Carbapenem-resistant enterobacteria are highly lethal in intensive care units",
            "Why are carbapenem-resistant enterobacteria highly lethal in intensive care units?",
        ),
        (
            "Efflux pumps expel several classes of antibiotics from the cell",
            "Why do efflux pumps expel several classes of antibiotics from the cell?",
        ),
        # names stay capitalised: other languages share them, or nobody knows them
        ("Napoleon was defeated at Waterloo", "Why was Napoleon defeated at Waterloo?"),
        (
            "Markov chains converge to a stationary distribution",
            "Why do Markov chains converge to a stationary distribution?",
        ),
        ("Hubinger argues convincingly", "Why does Hubinger argue convincingly?"),
        ("Gaussian processes are flexible", "Why are Gaussian processes flexible?"),
        ("NASA launched the probe in 1977", "Why did NASA launch the probe in 1977?"),
        ("mRNA vaccines are unstable", "Why are mRNA vaccines unstable?"),
    ],
)
def test_a_first_word_unknown_to_lemminflect_is_lowercased_unless_it_looks_like_a_name(
    claim: str, question: str
) -> None:
    assert claim_to_question(claim) == question


def test_whitespace_and_trailing_punctuation_are_normalised() -> None:
    assert claim_to_question("  The model\n is   deceptive ;") == "Why is the model deceptive?"
    assert claim_to_question("\u201cThe model is deceptive.\u201d") == "Why is the model deceptive?"


@given(st.text())
def test_any_text_gives_none_or_a_why_question(text: str) -> None:
    question = claim_to_question(text)
    assert question is None or (question.startswith("Why ") and question.endswith("?"))


SALAD = (
    "the", "a", "model", "models", "is", "are", "was", "will", "has", "had", "does", "did", "not",
    "SGD", "favors", "converged", "produce", "cells", "that", "which", ",", ".", ";", "because",
    "data", "results", "show", "quickly", "I", "we", "it",
)  # fmt: skip


@given(
    st.lists(
        st.sampled_from(SALAD),
        max_size=12,
    )
)
def test_word_salad_gives_none_or_a_why_question(words: list[str]) -> None:
    question = claim_to_question(" ".join(words))
    assert question is None or (question.startswith("Why ") and question.endswith("?"))


@pytest.mark.parametrize("claim", [
    "ascertainment bias",  # an unknown singular noun before a noun that is also a verb
    "overdiagnosis bias",
    "groundwater recharge",
    "market forces",  # a plural noun ending the phrase, not "Why does market force?"
    "interest rates",
    "the hedge funds",
])
def test_a_noun_compound_is_no_subject_and_verb(claim: str) -> None:
    assert claim_to_question(claim) is None


@pytest.mark.parametrize(("claim", "question"), [
    ("Cytokines recruit neutrophils", "Why do cytokines recruit neutrophils?"),
    ("Mitochondria produce ATP", "Why do mitochondria produce ATP?"),
    ("fungi decompose lignin", "Why do fungi decompose lignin?"),
])
def test_an_unknown_plural_still_takes_do(claim: str, question: str) -> None:
    assert claim_to_question(claim) == question
