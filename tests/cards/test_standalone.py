"""A card stands alone or is not made; nothing guessable is hidden (fixtures in several domains).

The fixture notes `standalone-fragments-and-cut-words.md` (biology),
`guessable-subject-topic-and-echoes.md` (economics), `references-never-hidden.md` (history) and
`light-heads-and-long-fronts.md` (computer science) have reviewed goldens; these tests name what
each rule must do on them.
"""

from __future__ import annotations

import pytest

from anki_export.cards.clozes import choose_targets
from anki_export.cards.guessable import subject_words
from anki_export.cards.standalone import front_of
from tests.cards.test_quality import _build, _reasons

BIOLOGY = "standalone-fragments-and-cut-words"
ECONOMICS = "guessable-subject-topic-and-echoes"
HISTORY = "references-never-hidden"
COMPUTING = "light-heads-and-long-fronts"


def _hidden(name: str, line: int) -> list[str]:
    return [h for c in _build(name)[1] if c.annotation.line == line for h in c.hidden()]


def _fronts(name: str, line: int) -> list[str]:
    return [c.front for c in _build(name)[1] if c.annotation.line == line]


@pytest.mark.parametrize(("line", "why"), [
    (9, "fragment"),  # "used to separate organelles …": no subject
    (18, ""),  # "It binds tightly …": a pointer with nothing before it (short: warned)
    (24, "list"),  # "(i) they are …; (ii) …; (iii) …"
    (27, "caption"),  # "Table 3: …"
])
def test_what_cannot_stand_alone_makes_no_card(line: int, why: str) -> None:
    assert _fronts(BIOLOGY, line) == []
    assert why in _reasons(BIOLOGY).get(line, "")


def test_a_word_cut_at_the_start_is_not_guessed_and_one_cut_at_the_end_is_shown_as_dots() -> None:
    # "ransport of pyruvate …": no other highlight shows the word, so no "Transport" guessed;
    # "… of pyruvate into …" has lost its subject and makes no card
    assert _fronts(BIOLOGY, 12) == []
    assert "fragment" in _reasons(BIOLOGY).get(12, "")
    front = front_of("The training set was varied for supervised fine-tunin", False, True)
    assert front.text.endswith("for supervised …")


def test_a_pointer_opener_shows_the_sentence_before_unless_that_holds_the_answer() -> None:
    (stabilises,) = [f for f in _fronts(BIOLOGY, 15) if "stabilises" in f]
    assert stabilises.startswith("Cardiolipin is a phospholipid")
    text = "Severity interacts with connectivity. This interaction explains the conflicts."
    cards = [c for c in _build(BIOLOGY)[1] if "interaction" in c.hidden()]
    assert cards == [] and "interaction" not in choose_targets(text)  # never hidden alone


def test_an_abbreviation_does_not_split_a_sentence_into_two_cards() -> None:
    (front,) = _fronts(BIOLOGY, 30)
    assert front.startswith("Mean and std. of membrane potential")


def test_the_title_word_and_the_source_topic_are_never_hidden() -> None:
    hidden = [h.lower() for c in _build(ECONOMICS)[1] for h in c.hidden()]
    assert not any(h in ("inflation", "inflation targeting", "phillips curve") for h in hidden)
    given = subject_words("Does SGD Produce Deceptive Alignment?", "DoesSGDProduce", [])
    text = "we argue that SGD systematically favors deceptive alignment."
    assert choose_targets(text, frozenset(), given) == ()


def test_an_acronym_beside_its_expansion_and_one_item_of_a_list_are_not_hidden() -> None:
    # "because of substitution bias" is asked as a reason; the acronym stays on the front
    (front,) = _fronts(ECONOMICS, 12)
    assert front == "Why does the consumer price index (CPI) overstate the cost of living?"
    assert _hidden(ECONOMICS, 15) == []  # interest rates, exchange rates and asset prices


def test_an_empty_head_hides_the_phrase_it_governs() -> None:
    assert _hidden(ECONOMICS, 18) == ["lowering inflation"]  # not "capable"
    assert _hidden(ECONOMICS, 21) == ["exchange-rate pass-through"]  # "termed"; the term alone
    assert _hidden(COMPUTING, 9) == ["caching"]  # the action's head: the whole is too long


def test_citations_years_reference_numbers_and_figure_numbers_are_never_hidden() -> None:
    for line in (9, 12, 15, 18):
        (front,) = _fronts(HISTORY, line)
        assert "1984" not in front and "[12" not in front and "Fig." not in front
    assert _hidden(HISTORY, 15) == ["57%"]
    assert _hidden(HISTORY, 18) == ["sovereignty of the imperial estates"]  # not "2009"


def test_code_makes_no_card_and_a_long_front_is_cut_to_the_clause_holding_the_cloze() -> None:
    assert _fronts(COMPUTING, 18) == []
    (front,) = _fronts(COMPUTING, 15)
    assert "copy-on-write" not in front and front.startswith("Journaling file systems")
