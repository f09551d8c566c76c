"""Questions where graded clozes were weak or bad: a term with its gloss ("X: a Y that …",
"X (the …)", "X, the …"), a formula a sentence names, what a goal requires, reasons that keep
their condition and drop their citation, glossed process terms and named formulas in a glossary
note; a highlight that makes no card rides on a back even when every back is full (fixtures in
economics, ecology, medicine, chemistry, history and computer science)."""

from __future__ import annotations

from pathlib import Path

import pytest

from anki_export.cards.also_highlighted import ALSO_HIGHLIGHTED
from anki_export.cards.asked import ask
from anki_export.cards.card import Card
from anki_export.cards.rules import make_cards
from anki_export.config import Config
from anki_export.read.annotation import Annotation
from anki_export.read.notes import parse_note

NOTE = parse_note("---\ncitekey: test2024\ntitle: A Test Source\n---\n", Path("t.md"))


def _asked(sentence: str) -> tuple[str, str] | None:
    found = ask([sentence], 0)
    return (found.question, found.answer) if found else None


def _highlight(line: int, text: str, comment: str | None = None) -> Annotation:
    return Annotation(line=line, text=text, raw_text=text, page_label="2",
                      annotation_key=f"KEY{line:05d}", comment=comment)


def _cards(*annotations: Annotation) -> list[Card]:
    return make_cards(NOTE, annotations, Config())[0]


@pytest.mark.parametrize(("sentence", "question", "answer"), [
    ("Monopoly: a market in which a single seller faces many buyers and can set its price "
     "above marginal cost.", "What is monopoly?",
     "A market in which a single seller faces many buyers and can set its price above "
     "marginal cost."),
    ("the Gini coefficient (the area between the Lorenz curve and the line of equality, "
     "doubled)", "What is the Gini coefficient?",
     "The area between the Lorenz curve and the line of equality, doubled."),
    ("the net primary production (NPP), the carbon fixed by plants minus what they respire",
     "What is the net primary production (NPP)?",
     "The carbon fixed by plants minus what they respire."),
])
def test_a_term_with_its_gloss_asks_what_it_is(sentence: str, question: str, answer: str) -> None:
    assert _asked(sentence) == (question, answer)


@pytest.mark.parametrize("sentence", [
    "three crusader states of the Levant: the County of Edessa, the Principality of Antioch "
    "and the Kingdom of Jerusalem",  # a list after the colon, not a gloss
    "Rubisco, the enzyme that fixes carbon dioxide, is the most abundant protein on Earth.",
])
def test_a_list_or_a_sentence_about_its_term_is_no_gloss(sentence: str) -> None:
    assert _asked(sentence) is None


def test_a_formula_a_sentence_names_asks_for_itself_by_that_name() -> None:
    sentence = ("The basic reproduction number, R0 = β / γ, exceeds one whenever an infection "
                "can invade a fully susceptible population.")
    assert _asked(sentence) == ("Formula of the basic reproduction number (R0)?", "R0 = β / γ")


def test_what_a_goal_requires_is_asked_for_with_the_goal() -> None:
    sentence = ("In order for a catalyst to be reused, it must survive the reaction unchanged, "
                "which rules out most soluble complexes.")
    assert _asked(sentence) == (
        "In order for a catalyst to be reused, what must it survive?",
        "The reaction unchanged, which rules out most soluble complexes.")


def test_a_reason_keeps_the_condition_it_holds_under_and_reads_as_one_question() -> None:
    sentence = ("Under perfect competition, a tax levied on sellers raises the price buyers pay, "
                "since sellers pass part of it on.")
    assert _asked(sentence) == (
        "Under perfect competition, why does a tax levied on sellers raise the price buyers "
        "pay?", "Sellers pass part of it on.")


def test_a_reason_leaves_its_citation_off_the_question() -> None:
    sentence = ("Because a cartel member gains by undercutting the others, a cartel between "
                "rival producers rarely lasts long (Stigler 1964; Levenstein 1997).")
    assert _asked(sentence) == (
        "Why does a cartel between rival producers rarely last long?",
        "A cartel member gains by undercutting the others.")


def test_a_reason_whose_subject_the_selection_cut_is_not_asked() -> None:
    assert _asked("Because the grain tax was paid in kind, ites were thought to span several "
                  "reigns.") is None


def test_a_process_term_glossed_by_the_reader_asks_what_it_is() -> None:
    cards = _cards(_highlight(10, "paging", comment="moving memory pages to disk when RAM runs "
                                                    "out, loading them back on access"))
    assert next((c.text, c.answer) for c in cards) == (
        "What is paging?", "moving memory pages to disk when RAM runs out, loading them back "
        "on access")


def test_a_formula_whose_left_side_is_a_name_asks_for_itself_by_that_name() -> None:
    cards = _cards(_highlight(10, "𝑇ℎ𝑟𝑜𝑢𝑔ℎ𝑝𝑢𝑡 = completed jobs over elapsed time"))
    assert [(c.text, c.answer) for c in cards] == [
        ("Formula of Throughput?", "𝑇ℎ𝑟𝑜𝑢𝑔ℎ𝑝𝑢𝑡 = completed jobs over elapsed time")]


def test_a_comment_labelled_as_a_remark_is_no_gloss() -> None:
    cards = _cards(_highlight(10, "rate-limiting enzyme",
                              comment="Comment: flux control coefficients say more"))
    assert [c for c in cards if c.kind == "qa"] == []


def test_a_highlight_rides_on_a_back_when_every_back_is_full() -> None:
    glossed = _highlight(10, "paging", comment="moving memory pages to disk when RAM runs out")
    sentences = [_highlight(12 + 2 * k, f"The scheduler in release {k} was rewritten from "
                            f"scratch by a team of {k + 3} engineers over two years.")
                 for k in range(9)]
    cards = _cards(glossed, *sentences)
    assert all(c.annotation.line == 10 for c in cards)  # no cloze of an ordinary sentence
    carried = [line for c in cards for line in c.also_highlighted]
    assert len(carried) == 9 and all(line.startswith(ALSO_HIGHLIGHTED) for line in carried)


@pytest.mark.parametrize(("sentence", "question", "answer"), [
    ("Because the crown seized the monasteries, they paid for its wars for a decade.", None,
     None),  # "its" would be left unnamed: not asked
    ("Because the enzyme needs magnesium, it stalls in chelated buffers, which is why assays "
     "add excess salt.", "Why does the enzyme stall in chelated buffers?",
     "The enzyme needs magnesium."),
    ("Because planar graphs exclude large cliques, they can be coloured with four colours, "
     "whereas general graphs may need many more.",
     "Why can planar graphs be coloured with four colours?", "Planar graphs exclude large "
     "cliques."),
])
def test_a_reason_names_the_pronoun_its_effect_opens_with_and_asks_one_effect(
        sentence: str, question: str | None, answer: str | None) -> None:
    found = _asked(sentence)
    assert (found[0] if found else None, found[1] if found else None) == (question, answer)


@pytest.mark.parametrize(("sentence", "question", "answer"), [
    ("Because the printing press made copies cheap, pamphlets could circulate widely, which made "
     "the Reformation a mass movement.", "Why could pamphlets circulate widely?",
     "The printing press made copies cheap."),
    ("Wetlands store carbon for millennia, since waterlogged soils slow decay, but they also emit "
     "methane when they warm.", "Why do wetlands store carbon for millennia?",
     "Waterlogged soils slow decay."),
])
def test_a_reason_leaves_off_a_further_consequence_and_a_contrast(
        sentence: str, question: str, answer: str) -> None:
    assert _asked(sentence) == (question, answer)
