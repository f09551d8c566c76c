"""A note read as a glossary: a formula tied to its term asks "Formula of <term>?", a term the
reader glossed asks "What is <term>?", an acronym the note uses again asks what it stands for;
a bare term still makes no card."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from anki_export.cards.card import Card
from anki_export.cards.glossary import term_of
from anki_export.cards.rules import make_cards
from anki_export.cli import cli
from anki_export.config import Config
from anki_export.read.annotation import Annotation
from anki_export.read.notes import parse_note
from tests.anki_engine import import_package, open_collection, rendered_cards

NOTE = parse_note("---\ncitekey: test2024\ntitle: A Test Source\n---\n", Path("t.md"))


def _highlight(line: int, text: str, comment: str | None = None) -> Annotation:
    return Annotation(line=line, text=text, raw_text=text, page_label="2",
                      annotation_key=f"KEY{line:05d}", comment=comment)


def _cards(*annotations: Annotation) -> list[Card]:
    return make_cards(NOTE, annotations, Config())[0]


def _asked(cards: list[Card]) -> list[tuple[str, str]]:
    return [(card.text, card.answer) for card in cards if card.kind == "qa"]


def test_a_formula_whose_comment_names_its_term_asks_for_itself_by_the_term() -> None:
    cards = _cards(_highlight(10, "𝐾 = [C]^𝑐[D]^𝑑 / [A]^𝑎[B]^𝑏", comment="Equilibrium constant"))
    assert _asked(cards) == [("Formula of Equilibrium constant?", "𝐾 = [C]^𝑐[D]^𝑑 / [A]^𝑎[B]^𝑏")]
    assert cards[0].annotation.comment is None  # it only named the term, now on the front


def test_the_term_highlight_before_a_formula_gives_its_name_and_makes_no_card_of_its_own() -> None:
    term = _highlight(10, "[[Henderson–Hasselbalch equation]]")
    formula = _highlight(12, "pH = p𝐾a + log([A⁻]/[HA])", comment="buffers: pH near pKa")
    cards, skipped = make_cards(NOTE, [term, formula], Config())
    assert _asked(cards) == [("Formula of Henderson–Hasselbalch equation?",
                              "pH = p𝐾a + log([A⁻]/[HA])")]
    assert cards[0].annotation.comment == "buffers: pH near pKa"  # says more: on the back
    assert [a.line for a in skipped] == [10]
    assert cards[0].also_highlighted == ()  # the term is on the front, not carried again


def test_a_comment_naming_the_acronym_of_the_term_before_takes_its_full_name() -> None:
    term = _highlight(10, "[[Ordinary least squares]] (OLS)")
    formula = _highlight(12, "β̂ = (XᵀX)⁻¹Xᵀ𝑦", comment="OLS")
    asked = _asked(_cards(term, formula))
    assert ("Formula of Ordinary least squares (OLS)?", "β̂ = (XᵀX)⁻¹Xᵀ𝑦") in asked
    assert ("What does OLS mean?", "Ordinary least squares") in asked  # used again


def test_an_acronym_the_note_never_uses_again_is_not_asked() -> None:
    term = _highlight(10, "Gross domestic product (GDP)")
    assert _asked(_cards(term)) == []


def test_a_formula_tied_to_no_term_makes_no_card() -> None:
    sentence = _highlight(8, "Prices rose faster than wages in every quarter of the year.")
    formula = _highlight(10, "𝑌 = 𝐶 + 𝐼 + 𝐺 + 𝑁𝑋", comment="sums four parts of spending")
    assert "Formula" not in " ".join(card.text for card in _cards(sentence, formula))


def test_a_law_stated_in_the_highlight_before_names_the_formula() -> None:
    law = _highlight(8, "Okun's law states that output falls by about two percent for each "
                        "point of unemployment above its natural rate")
    formula = _highlight(10, "Δ𝑌/𝑌 = 𝑘 − 𝑐Δ𝑢")
    assert ("Formula of Okun's law?", "Δ𝑌/𝑌 = 𝑘 − 𝑐Δ𝑢") in _asked(_cards(law, formula))


def test_a_term_the_reader_glossed_asks_what_it_is_and_a_specific_gloss_the_reverse() -> None:
    term = _highlight(10, "Le Chatelier's principle",
                      comment="an equilibrium shifts to counteract a change of conditions")
    asked = _asked(_cards(term))
    gloss = "an equilibrium shifts to counteract a change of conditions"
    assert asked == [("What is Le Chatelier's principle?", gloss),
                     (f"Which term is this: “{gloss}”?", "Le Chatelier's principle")]


def test_a_vague_or_cited_gloss_is_not_asked_the_other_way_round() -> None:
    pointing = _highlight(10, "elasticity", comment="other measure of response, in percent")
    cited = _highlight(20, "Gini coefficient", comment="the usual inequality index, Gini 1912")
    asked = _asked(_cards(pointing, cited))
    assert [front for front, _ in asked] == ["What is elasticity?", "What is Gini coefficient?"]


def test_a_bare_term_or_a_term_its_comment_only_restates_makes_no_card() -> None:
    bare = _highlight(10, "[[Avogadro constant]]")
    restated = _highlight(20, "F-Test", comment="F-test")
    assert _cards(bare, restated) == []


def test_a_term_marked_as_a_critique_is_not_asked_by_its_comment() -> None:
    critique = Annotation(line=10, text="Survivorship bias", raw_text="Survivorship bias",
                          role="critique", annotation_key="KEY00010",
                          comment="only the funds that lasted are in the sample")
    assert not any(card.text.startswith("What is") for card in _cards(critique))


def test_phrases_and_list_labels_are_not_terms() -> None:
    assert term_of("perform predictive analysis") is None  # a verb phrase
    assert term_of("usually used for forecasting") is None
    assert term_of("1st usage") is None  # a label of a list item
    assert term_of("Inflation was highly persistent") is None  # a short sentence
    assert term_of("𝑦 = 𝑎 + 𝑏𝑥") is None  # a formula
    assert term_of("[[Molar mass]] (M)") is None  # a one-letter symbol is no acronym …
    assert term_of("[[Molar mass]]") is not None
    found = term_of("[[Net present value]] (NPV)")
    assert found is not None and (found.name, found.acronym) == ("Net present value", "NPV")


GLOSSARY_NOTE = """\
---
title: Chemical equilibrium, a primer
citekey: primer2021
---

- "[[Equilibrium constant]] (Kc)" | <mark style="background: #a28ae5">Highlight</mark>   ([2](zotero://open-pdf/library/items/ABCD1234?page=2&annotation=EQK00001))

- "𝐾𝑐 = [C]^𝑐[D]^𝑑 / [A]^𝑎[B]^𝑏" | <mark style="background: #ffd400">Highlight</mark>   ([2](zotero://open-pdf/library/items/ABCD1234?page=2&annotation=EQK00002))

\t\t- Kc

- "Le Chatelier's principle" | <mark style="background: #a28ae5">Highlight</mark>   ([3](zotero://open-pdf/library/items/ABCD1234?page=3&annotation=EQK00003))

\t\t- an equilibrium shifts to counteract a change of conditions

- "reaction quotient" | <mark style="background: #a28ae5">Highlight</mark>   ([3](zotero://open-pdf/library/items/ABCD1234?page=3&annotation=EQK00004))
"""


def test_the_real_anki_engine_imports_the_glossary_cards_of_a_bullet_note(tmp_path: Path) -> None:
    note = tmp_path / "primer.md"
    note.write_text(GLOSSARY_NOTE, encoding="utf-8")
    apkg, state = tmp_path / "deck.apkg", tmp_path / "state.sqlite3"
    result = CliRunner().invoke(cli, ["build", str(note), "-o", str(apkg), "--state", str(state)])
    assert result.exit_code == 0, result.output
    col = open_collection(tmp_path)
    try:
        log = import_package(col, apkg)
        cards = {card.question.split("?")[0].split("primer ")[-1]: card
                 for card in rendered_cards(col)}
    finally:
        col.close()
    assert log.new == len(cards) == 4
    formula = cards["Formula of Equilibrium constant (Kc)"]
    assert "𝐾𝑐 = [C]^𝑐[D]^𝑑 / [A]^𝑎[B]^𝑏" in formula.answer
    assert "[...]" not in formula.question  # a formula is never a cloze
    assert "Equilibrium constant" in cards["What does Kc mean"].answer
    assert "counteract a change" in cards["What is Le Chatelier's principle"].answer
    assert any(front.startswith("Which term is this") for front in cards)
    assert not any("reaction quotient" in front for front in cards)  # a bare term


def test_cards_json_names_the_glossary_rules(tmp_path: Path) -> None:
    note = tmp_path / "primer.md"
    note.write_text(GLOSSARY_NOTE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["cards", str(note), "--format", "json", "--quiet",
                                      "--state", str(tmp_path / "s.sqlite3")])
    assert result.exit_code == 0, result.output
    rules = sorted(card["rule"] for card in json.loads(result.stdout))
    assert rules == ["formula-question", "term-question", "term-question", "term-question"]


def test_a_sentence_that_quotes_a_value_in_math_letters_is_no_formula_of_the_term_before() -> None:
    term = _highlight(10, "[[Refractive index]]", comment="n = c / v")
    value = _highlight(12, "light in crown glass, with 𝑛 ≈ 1.52, travels at about 197 000 km/s, "
                           "roughly two thirds of its speed in vacuum")
    cards, _ = make_cards(NOTE, [term, value], Config())
    assert not any(card.text.startswith("Formula of") for card in cards)
