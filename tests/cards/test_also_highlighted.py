"""Highlights that make no card are carried on the back of a card of their section, a few
short lines per card."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from anki_export.cards.also_highlighted import (
    MAX_CARRIED,
    also_line,
    carry_skipped,
    section_starts,
)
from anki_export.cards.card import NO_CARD, Card
from anki_export.cards.rules import VETOED, make_cards
from anki_export.config import Config
from anki_export.deck.fields import card_fields, extra_text
from anki_export.read.annotation import Annotation
from anki_export.read.notes import parse_note

NOTE = parse_note("---\ncitekey: test2024\ntitle: A Test Source\n---\n", Path("t.md"))


def _highlight(line: int, text: str, role: str = NO_CARD, comment: str | None = None,
               page: str = "4") -> Annotation:
    return Annotation(line=line, text=text, raw_text=text, role=role, page_label=page,
                      annotation_key=f"KEY{line:05d}", comment=comment)


def _card(line: int, text: str = "Photosynthesis makes sugar from light.") -> Card:
    return Card("qa", "recall-question", NOTE, _highlight(line, text, role="highlight"),
                f"What does line {line} say?", answer=text, extra="the whole highlight")


def test_a_skipped_highlight_rides_on_the_nearest_card_before_it_in_its_section() -> None:
    cards = [_card(10), _card(20), _card(40)]
    carried = carry_skipped(cards, [_highlight(25, "chlorophyll", comment="the green one")],
                            section_starts([""] * 50, 0))
    expected = "Also highlighted: “chlorophyll” (p. 4) — the green one"
    assert carried[1].also_highlighted == (expected,)
    assert carried[0].also_highlighted == carried[2].also_highlighted == ()


def test_with_no_card_before_it_in_its_section_the_nearest_card_after_it_carries_it() -> None:
    lines = ["# Methods", *[""] * 10, "## Results", *[""] * 40]  # headings on lines 1 and 12
    cards = [_card(5), _card(20), _card(30)]
    carried = carry_skipped(cards, [_highlight(14, "p < 0.05", page="")], section_starts(lines, 0))
    assert carried[1].also_highlighted == ("Also highlighted: “p < 0.05”",)
    assert carried[0].also_highlighted == ()


def test_a_highlight_alone_in_its_section_is_carried_by_the_nearest_card_of_the_note() -> None:
    lines = ["# One", "", "", "# Two", "", ""]
    cards = [_card(2)]
    carried = carry_skipped(cards, [_highlight(5, "the Hill equation")], section_starts(lines, 0))
    assert carried[0].also_highlighted == ("Also highlighted: “the Hill equation” (p. 4)",)


def test_a_formula_rides_on_the_line_of_the_term_its_comment_names() -> None:
    cards = [_card(10)]
    skipped = [_highlight(12, "[[Michaelis–Menten kinetics]] (MM)"),
               _highlight(13, "𝑣 = 𝑉[𝑆] / (𝐾 + [𝑆])", comment="MM")]
    carried = carry_skipped(cards, skipped, [])
    assert carried[0].also_highlighted == (
        "Also highlighted: “[[Michaelis–Menten kinetics]] (MM)” (p. 4): "
        "“𝑣 = 𝑉[𝑆] / (𝐾 + [𝑆])” (p. 4)",)


def test_a_formula_that_names_nothing_is_not_carried() -> None:
    cards = [_card(10)]
    assert carry_skipped(cards, [_highlight(12, "ΔG = ΔH − TΔS")], []) == cards


def test_a_full_back_passes_the_next_highlights_to_the_nearest_card_with_room() -> None:
    cards = [_card(10), _card(20)]
    terms = ["glycolysis", "pyruvate", "acetyl-CoA", "citrate", "oxaloacetate", "NADH",
             "FADH2", "ubiquinone"]
    skipped = [_highlight(21 + k, term) for k, term in enumerate(terms)]
    carried = carry_skipped(cards, skipped, [])
    assert len(carried[1].also_highlighted) == MAX_CARRIED
    assert carried[0].also_highlighted == tuple(also_line(a) for a in skipped[MAX_CARRIED:])


def test_a_long_highlight_goes_to_a_card_whose_back_carries_nothing_yet() -> None:
    cards = [_card(10), _card(30)]
    long = "Long passage about the electron transport chain. " * 12
    skipped = [_highlight(21, long), _highlight(22, long)]
    carried = carry_skipped(cards, skipped, [])
    assert [len(card.also_highlighted) for card in carried] == [1, 1]


def test_headings_in_frontmatter_and_code_blocks_start_no_section() -> None:
    lines = ["---", "# yaml comment", "---", "text", "```", "# shell comment", "```", "## Real"]
    assert section_starts(lines, 3) == [8]


def test_only_highlights_with_nothing_worth_asking_are_carried() -> None:
    cards = [_card(10)]
    others = [_highlight(12, "vetoed words", role=VETOED),
              _highlight(13, "Zitat", role="other-language"),
              _highlight(14, "", role="missing-image"),
              _highlight(15, "see also", role="reference")]
    assert carry_skipped(cards, others, []) == cards


def test_a_highlight_another_card_already_shows_is_not_repeated() -> None:
    cards = [_card(10, "Tariffs raise import prices for consumers and firms alike.")]
    assert carry_skipped(cards, [_highlight(12, "import prices")], []) == cards


def test_carrying_changes_no_front_answer_or_guid_and_adds_a_line_to_extra() -> None:
    cards = [_card(10), _card(20)]
    carried = carry_skipped(cards, [_highlight(11, "Krebs cycle"), _highlight(12, "ATP")], [])
    assert [(c.front, c.answer, c.guid) for c in carried] == [
        (c.front, c.answer, c.guid) for c in cards]
    extra = card_fields(carried[0])["Extra"]
    assert extra == ("the whole highlight<br>Also highlighted: “Krebs cycle” (p. 4)<br>"
                     "Also highlighted: “ATP” (p. 4)")


def test_make_cards_carries_a_short_highlight_of_a_statute_on_the_card_beside_it() -> None:
    text = ("---\ncitekey: law2020\ntitle: Contract Law\n---\n# Formation\n"
            + "\n" * 20)
    note = parse_note(text, Path("law.md"))
    long = ("A contract is formed when an offer is accepted and consideration is given by "
            "each party, as the Statute of Frauds requires in 1677.")
    highlights = [_highlight(6, long, role="highlight"),
                  _highlight(8, "the mailbox rule", role="highlight")]
    cards, skipped = make_cards(note, highlights, Config())
    assert [a.role for a in skipped] == [NO_CARD]
    assert cards and cards[0].also_highlighted == (also_line(skipped[0]),)


def test_a_cards_own_extra_is_read_back_from_its_field_without_the_carried_lines() -> None:
    """The state reads an argument's claim back from its Extra: carried lines must not join it."""
    with_extra, without = _card(10), replace(_card(20), extra="")
    carried = carry_skipped([with_extra, without], [_highlight(11, "ATP"), _highlight(21, "NADH")],
                            [])
    assert [extra_text(card_fields(c)["Extra"]) for c in carried] == ["the whole highlight", ""]
    assert card_fields(carried[1])["Extra"] == "Also highlighted: “NADH” (p. 4)"


def test_a_skipped_highlight_rides_on_the_card_right_after_it_when_that_one_is_nearer() -> None:
    cards = [_card(10), _card(32)]
    carried = carry_skipped(cards, [_highlight(30, "stomata open at dawn")],
                            section_starts([""] * 50, 0))
    assert carried[0].also_highlighted == ()
    assert carried[1].also_highlighted == ("Also highlighted: “stomata open at dawn” (p. 4)",)


def test_a_skipped_highlight_that_leans_on_the_one_before_rides_on_the_card_before_it() -> None:
    cards = [_card(10), _card(32)]
    carried = carry_skipped(cards, [_highlight(30, "Thus the leaf loses water at noon")],
                            section_starts([""] * 50, 0))
    assert carried[0].also_highlighted == (
        "Also highlighted: “Thus the leaf loses water at noon” (p. 4)",)
