"""An ordinary sentence's cloze is made only on a term it defines or names, or on the number it
reports; other highlights ride on the back of a card beside them."""

from __future__ import annotations

from pathlib import Path

import pytest

from anki_export.cards.also_highlighted import also_line
from anki_export.cards.card import NO_CARD
from anki_export.cards.precision import NEITHER, precise_target
from anki_export.cards.rules import make_cards
from anki_export.config import Config
from anki_export.read.annotation import Annotation
from anki_export.read.config_file import load_config
from anki_export.read.notes import parse_note

PRECISE = Config(precise_clozes=True)


def _judged(marked: str) -> str | None:
    """The verdict on a sentence whose target is marked with braces: "the {Coase} theorem"."""
    start = marked.index("{")
    end = marked.index("}") - 1
    return precise_target(marked.replace("{", "").replace("}", ""), start, end)


@pytest.mark.parametrize("sentence", [
    # a term the sentence defines, names or describes
    "The {Coase theorem} holds that bargaining reaches an efficient outcome whatever the "
    "initial allocation of property rights.",
    "The {Mpemba effect}, the observation that hot water can freeze faster than cold water, "
    "remains disputed.",
    "Lake trout in the upper Great Lakes, often called the {mackinaw}, spawn over rocky reefs "
    "in autumn.",
    "{Stare decisis}, the doctrine that courts follow their own precedents, gives the common "
    "law its stability.",
    "{Endosymbionts}, organisms that live inside the cells of their host, supply aphids "
    "with essential amino acids.",
    "Historians described the {Columbian exchange} as the largest transfer of crops and "
    "diseases in history.",
    # the number the sentence reports
    "Annual rainfall in the northern basin averages only {310 mm} across the whole decade.",
    "Median household debt rose above {140%} of disposable income in the countries studied.",
    "Each turn of the urea cycle consumes {3 ATP} and releases one molecule of urea.",
])
def test_a_term_or_a_finding_is_worth_a_card_of_its_own(sentence: str) -> None:
    assert _judged(sentence) is None


@pytest.mark.parametrize("sentence", [
    # a list's head before a colon
    "Tariffs spread through {four channels}: prices, wages, exchange rates and retaliation.",
    # a generic noun
    "The archivists catalogued the {records} that survived the fire of 1721 in Lisbon.",
    # a side number: the count of what was studied
    "Across {48 villages} and 300 households, the survey traced how remittances were spent.",
    # one side of a contrast, or of 'X but not Y'
    "Literacy was {a necessary} but not a sufficient condition for the spread of Protestantism.",
    "Tax revenue is {more volatile} in the short run than in the long run for most states.",
    # an acronym's expansion, which the card shows again
    "Patients with {chronic kidney disease} (CKD) clear the drug more slowly than others.",
    # a passive's verb
    "During the siege, grain stores in the citadel were {requisitioned} by the garrison.",
    # a predicate after "is" or a reporting verb: graded mostly bad (an empty adjective, a
    # word the rest of the sentence gives away)
    "Printed books in Venice were {markedly cheaper} than manuscripts of the same length.",
    "Beavers that build dams are sensitive to the {depth of winter ice} on their ponds.",
    "The survey showed an inverted {U-shaped} relationship between income and trust.",
    # a number in the clause's subject: the condition, not what is found
    "Seedlings grown at temperatures above {30 °C} were stunted in every trial.",
    # a point estimate given with its standard error: the words after it are the finding
    "The estimated elasticity of exports was {0.12} (s.e. 0.09), indistinguishable from zero.",
    # a term the selection cut at its start
    "{olar wind}, the stream of charged particles released by the corona, shapes the "
    "magnetosphere.",
])
def test_a_side_word_is_not_worth_a_card_of_its_own(sentence: str) -> None:
    assert _judged(sentence) == NEITHER


NOTE_TEXT = "---\ncitekey: phys2021\ntitle: Freezing and Trade\n---\n# Notes\n" + "\n" * 20


def _highlight(line: int, text: str) -> Annotation:
    return Annotation(line=line, text=text, raw_text=text, role="highlight", page_label="3",
                      annotation_key=f"KEY{line:05d}")


def test_a_side_highlight_rides_on_the_back_of_the_card_beside_it_and_says_why() -> None:
    note = parse_note(NOTE_TEXT, Path("grain.md"))
    term = _highlight(6, "The Mpemba effect, the observation that hot water can freeze faster "
                         "than cold water, remains disputed.")
    side = _highlight(8, "Merchants shipped the grain along the river in large wooden barges "
                         "every spring.")
    reasons: dict[int, str] = {}
    cards, skipped = make_cards(note, [term, side], PRECISE, reasons=reasons)
    assert [(c.annotation.line, tuple(c.hidden())) for c in cards] == [(6, ("Mpemba effect",))]
    assert [(a.line, a.role) for a in skipped] == [(8, NO_CARD)]
    assert cards[0].also_highlighted == (also_line(side),)
    assert NEITHER in reasons[8]


def test_a_highlight_no_card_could_carry_still_makes_its_cloze() -> None:
    """A note of ordinary sentences only has no card to carry them: they are asked anyway."""
    note = parse_note(NOTE_TEXT, Path("grain.md"))
    side = _highlight(8, "Merchants shipped the grain along the river in large wooden barges "
                         "every spring.")
    cards, skipped = make_cards(note, [side], PRECISE)
    assert [c.annotation.line for c in cards] == [8] and not skipped
    assert cards[0].annotation.role == "highlight"  # its own role, not the reason it had none


def test_a_lost_highlight_is_asked_whatever_reason_its_first_sentence_gave() -> None:
    """The reason kept for a highlight cut mid-sentence is its fragment's, not the gate's."""
    note = parse_note(NOTE_TEXT, Path("grain.md"))
    cut = _highlight(8, "ion. Merchants shipped the grain along the river in large wooden "
                        "barges every spring.")
    cards, skipped = make_cards(note, [cut], PRECISE)
    assert [c.annotation.line for c in cards] == [8] and not skipped


def test_without_the_option_every_sentence_keeps_its_cloze() -> None:
    note = parse_note(NOTE_TEXT, Path("grain.md"))
    side = _highlight(8, "Merchants shipped the grain along the river in large wooden barges "
                         "every spring.")
    term = _highlight(6, "The Mpemba effect, the observation that hot water can freeze faster "
                         "than cold water, remains disputed.")
    cards, skipped = make_cards(note, [term, side], Config(precise_clozes=False))
    assert [c.annotation.line for c in cards] == [6, 8] and not skipped


def test_the_rule_is_on_by_default_and_the_config_file_turns_it_off(tmp_path: Path) -> None:
    path = tmp_path / "anki-export.toml"
    path.write_text("precise_clozes = false\n", encoding="utf-8")
    assert Config().precise_clozes and load_config(None).precise_clozes
    assert not load_config(path).precise_clozes
