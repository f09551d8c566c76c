"""A cloze does not hide what the learner can guess from the card or the source alone: the
source's topic inside a compound, or one name of a pair the card shows the other of."""

from __future__ import annotations

import pytest

from anki_export.cards.clozes import choose_targets
from anki_export.cards.guessable import subject_words


def _hidden(text: str, given: frozenset[str] = frozenset()) -> list[str]:
    return [text[s.start : s.end] for s in choose_targets(text, frozenset(), given)]


def test_the_topic_inside_a_compound_counts_towards_the_sources_topic() -> None:
    texts = ["GAN-based detectors flag fakes.", "Two GAN-based pipelines were run.",
             "The GAN-based model overfits.", "Audio was sampled at 16 kHz."]
    assert "gan" in subject_words("Detecting forged images", "lee2021", texts)


@pytest.mark.parametrize("text", [
    "Existing CRISPR-based methods have failed to edit mitochondrial genomes reliably.",
    "Most CRISPR-based approaches still rely on a guide sequence designed by hand.",
])
def test_the_sources_topic_with_an_empty_head_is_not_hidden(text: str) -> None:
    given = subject_words("Gene editing with CRISPR", "smith2020", [])
    assert not any("CRISPR" in hidden for hidden in _hidden(text, given))


@pytest.mark.parametrize(("text", "names"), [
    ("The vaccine was tested in both Kenya and Uganda during the rainy season of that year.",
     ("Kenya", "Uganda")),
    ("The model was evaluated on the SQuAD and TriviaQA benchmarks for reading comprehension.",
     ("SQuAD", "TriviaQA")),
    ("Trade between Venice and Genoa collapsed after the plague spread along the coast.",
     ("Venice", "Genoa")),
])
def test_a_name_beside_its_visible_twin_is_not_hidden(text: str, names: tuple[str, ...]) -> None:
    assert not any(name in hidden for hidden in _hidden(text) for name in names)


def test_a_name_with_no_twin_can_still_be_hidden() -> None:
    text = "The reform was backed by the Whigs and opposed by most landowners of the north."
    assert "Whigs" in _hidden(text)


def test_a_noun_inside_a_compound_of_the_title_is_the_sources_subject() -> None:
    assert "crispr" in subject_words("CRISPR-based editing of crop genomes", "wu2022", [])
