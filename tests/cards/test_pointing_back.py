"""A highlight that opens by pointing back ("To address this limitation,", "This approach")
is shown with the highlight before it in its section when that names what it points at, and
makes no card when nothing on the card says what it points at."""

from __future__ import annotations

from pathlib import Path

import pytest

from anki_export.cards.card import NO_CARD, Card
from anki_export.cards.rules import make_cards
from anki_export.cards.standalone import front_of
from anki_export.config import Config
from anki_export.read.annotation import Annotation
from anki_export.read.notes import parse_note

STEAM = "Early steam engines lost most of the heat of their fuel as waste in one cylinder."
CONDENSER = "To reduce this waste, James Watt added a separate condenser to the engine."


@pytest.mark.parametrize(("sentence", "noun"), [
    ("To address this limitation, later courts adopted the rational basis test.", "limitation"),
    ("Under such conditions, the enzyme unfolds within a few minutes.", "condition"),
    ("This approach is considered controversial by critics of judicial review.", "approach"),
    ("These methods reduce the variance of the estimate at a small cost in bias.", "method"),
])
def test_a_pointer_with_a_word_any_source_could_use_needs_what_it_points_at(
    sentence: str, noun: str
) -> None:
    front = front_of(sentence, first=True, last=True)
    assert front.needs_context and front.points_at == noun


@pytest.mark.parametrize("sentence", [
    "These sampling methods reduce the variance of the estimate at a small cost in bias.",
    "Tools such as CRISPR, however, cut the genome at a chosen site.",
])
def test_a_pointer_that_names_its_noun_stands_alone(sentence: str) -> None:
    assert not front_of(sentence, first=True, last=True).needs_context


def _cards(body: str, highlights: list[tuple[int, str]]) -> tuple[list[Card], list[Annotation]]:
    note = parse_note("---\ncitekey: hall1990\ntitle: Industrial history\n---\n" + body,
                      Path("steam.md"))
    annotations = [Annotation(line=line, text=text, raw_text=text, role="highlight",
                              annotation_key=f"K{line:07d}") for line, text in highlights]
    return make_cards(note, annotations, Config())


def _texts_of(cards: list[Card], line: int) -> list[str]:
    return [card.text for card in cards if card.annotation.line == line]


def test_the_highlight_before_in_the_section_is_shown_when_it_names_what_is_pointed_at() -> None:
    cards, _ = _cards("# Engines\n" + "\n" * 10, [(6, STEAM), (8, CONDENSER)])
    assert any(text.startswith(STEAM + " To reduce this waste") for text in _texts_of(cards, 8))


def test_a_heading_between_the_highlights_leaves_the_pointer_with_no_card() -> None:
    cards, skipped = _cards("# Engines\n\n\n## Condensers\n" + "\n" * 10,
                            [(6, STEAM), (9, CONDENSER)])
    assert _texts_of(cards, 9) == []
    assert [a.role for a in skipped if a.line == 9] == [NO_CARD]


def test_a_highlight_before_that_does_not_name_it_is_not_shown_as_its_context() -> None:
    other = "Coal prices in Cornwall were high because coal came by sea from Wales."
    cards, _ = _cards("# Engines\n" + "\n" * 10, [(6, other), (8, CONDENSER)])
    assert _texts_of(cards, 8) == []


def test_a_clause_before_the_first_comma_is_no_pointer_phrase() -> None:
    sentence = "Galen is a second such physician, who trusted anatomy learned from apes."
    assert not front_of(sentence, first=True, last=True).needs_context
