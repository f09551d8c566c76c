"""Card rules: which cards each annotation becomes, per rule and as goldens for whole notes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from anki_export.cards.card import Card
from anki_export.cards.rules import RULES, make_cards
from anki_export.config import Config
from anki_export.read.annotation import Annotation
from anki_export.read.annotations import read_annotations
from anki_export.read.config_file import load_config
from anki_export.read.discover import read_note
from anki_export.read.notes import parse_note
from tests.conftest import EXAMPLE, FIXTURES

NOTE = parse_note("---\ncitekey: test2024\ntitle: A Test Source\n---\n", Path("t.md"))


def _annotation(text: str, role: str, key: str, comment: str | None = None) -> Annotation:
    return Annotation(line=1, text=text, raw_text=text, role=role, label=role, page_label="1",
                      attachment_key="ATTACH01", annotation_key=key, comment=comment)


def _cards(*annotations: Annotation, config: Config | None = None) -> list[Card]:
    return make_cards(NOTE, list(annotations), config or Config())[0]


def card_summary(card: Card) -> dict[str, Any]:
    """A card as a reader reviews it: what is asked, what is answered, and why it exists."""
    summary: dict[str, Any] = {
        "source": f"{card.source.path.name}:{card.annotation.line}",
        "role": card.annotation.role,
        "rule": card.rule,
        "front": card.front,
        "back": card.answer if card.kind == "qa" else list(card.hidden()),
    }
    if card.extra:
        summary["extra"] = card.extra
    if card.annotation.comment:
        summary["comment"] = card.annotation.comment
    if card.discriminator:
        summary["discriminator"] = card.discriminator
    return summary


def _note_cards(path: Path, config: Config) -> list[dict[str, Any]]:
    note = read_note(path)
    annotations, _ = read_annotations(note, config)
    return [card_summary(c) for c in make_cards(note, annotations, config)[0]]


def test_example_note_cards_match_the_reviewed_golden(golden) -> None:  # type: ignore[no-untyped-def]
    golden(FIXTURES / "DoesSGDProduce.cards.json", _note_cards(EXAMPLE, load_config(None)))


@pytest.mark.parametrize("path", sorted((FIXTURES / "notes").glob("*.md")), ids=lambda p: p.stem)
def test_fixture_note_cards_match_their_golden(path: Path, golden) -> None:  # type: ignore[no-untyped-def]
    golden(path.with_suffix(".cards.json"), _note_cards(path, load_config(None)))


def test_rule_table_has_reader_overrides_first_and_one_catch_all_last() -> None:
    overrides = [rule for rule in RULES if rule.override]
    assert RULES[: len(overrides)] == tuple(overrides)
    assert RULES[-1].name == "passage-clozes" and RULES[-1].roles is None
    assert all(rule.roles or rule.when or rule.name == "image-card"
               for rule in RULES[len(overrides) : -1])
    assert len({rule.name for rule in RULES}) == len(RULES)


def test_claim_becomes_a_cloze_that_hides_its_predicate() -> None:
    (card,) = _cards(_annotation("Ptolemaic astronomy was highly inaccurate", "claim", "K0000001"))
    assert (card.kind, card.rule) == ("cloze", "claim-cloze")
    assert card.hidden() == ("highly inaccurate",)


def test_argument_is_asked_for_given_the_claim_right_after_it() -> None:
    argument = _annotation("Its epicycles needed constant adjustment", "personal-critic",
                           "K0000001")
    claim = _annotation("Ptolemaic astronomy was highly inaccurate", "claim", "K0000002")
    question = _cards(argument, claim)[0]
    assert (question.kind, question.rule) == ("qa", "argument-question")
    assert question.text == "Why was Ptolemaic astronomy highly inaccurate?"
    assert question.answer == "Its epicycles needed constant adjustment"
    assert question.extra == "Claim (p. 1): Ptolemaic astronomy was highly inaccurate"


def test_argument_after_its_claim_pairs_with_the_claim_before_it() -> None:
    claim = _annotation("Ptolemaic astronomy was highly inaccurate", "claim", "K0000002")
    argument = _annotation("Its epicycles needed constant adjustment", "personal-critic",
                           "K0000001")
    (question,) = _cards(claim, argument)
    assert question.text == "Why was Ptolemaic astronomy highly inaccurate?"


def test_a_claim_its_argument_asks_about_makes_no_cloze_that_would_give_the_answer_away() -> None:
    claim = replace(_annotation("Ptolemaic astronomy was highly inaccurate", "claim", "K0000002"),
                    line=7)
    argument = _annotation("Its epicycles needed constant adjustment", "personal-critic",
                           "K0000001")
    reasons: dict[int, str] = {}
    cards, skipped = make_cards(NOTE, [argument, claim], Config(), None, reasons)
    assert [c.rule for c in cards] == ["argument-question"]
    assert [a.role for a in skipped] == ["no-card"]
    assert "the question of its argument (line 1) asks why it holds" in reasons[7]


def test_a_claim_alone_still_hides_its_predicate() -> None:
    claim = _annotation("Ptolemaic astronomy was highly inaccurate", "claim", "K0000002")
    other = _annotation("Copernicus moved the Sun to the centre", "claim", "K0000003")
    assert [c.rule for c in _cards(claim, other)] == ["claim-cloze", "claim-cloze"]


def test_claim_without_a_question_form_is_quoted_in_a_fixed_frame() -> None:
    argument = _annotation("Sales fell after the tax rose", "personal-critic", "K0000001")
    claim = _annotation("how prices respond to taxes", "claim", "K0000002")
    question = _cards(argument, claim)[0]
    assert question.text == "What argument supports the claim “how prices respond to taxes”?"
    assert question.extra == ""


def test_argument_without_any_claim_still_makes_a_card() -> None:
    (card,) = _cards(_annotation("Mitochondria descend from free-living bacteria",
                                 "personal-critic", "K0000001"))
    assert card.kind == "cloze"


def test_mapping_sentence_gives_one_note_per_pair_testing_both_directions() -> None:
    text = ("In this model, the cache is fast memory, the disk is slow storage, "
            "and the network is remote storage.")
    cards = _cards(_annotation(text, "supporting-evidence", "K0000001"))
    pairs = [c for c in cards if c.rule == "mapping-pair"]
    assert [c.hidden() for c in pairs] == [
        ("cache", "fast memory"), ("disk", "slow storage"), ("network", "remote storage")]
    assert len({c.guid for c in cards}) == len(cards)
    assert all(c.extra == text for c in pairs)


def test_pair_identity_follows_the_subject_not_its_position() -> None:
    first = "The cache is fast memory, the disk is slow storage, and the tape is cold storage."
    reordered = "The disk is slow storage, the cache is fast memory, and the tape is cold storage."
    guids = {c.hidden()[0]: c.guid for c in _cards(_annotation(first, "supporting-evidence", "K1"))}
    again = {c.hidden()[0]: c.guid for c in _cards(_annotation(reordered, "supporting-evidence",
                                                               "K1"))}
    assert guids == again


def test_several_sentences_make_one_cloze_note_per_sentence_with_the_whole_on_the_back() -> None:
    text = ("The Treaty of Westphalia ended the Thirty Years' War in 1648. "
            "It established the principle of state sovereignty.")
    cards = _cards(_annotation(text, "important", "K0000001"))
    assert len(cards) == 2
    # "It" needs the sentence before it, shown as context on the second card.
    assert [c.text for c in cards] == [
        "The Treaty of Westphalia ended the Thirty Years' War in 1648.",
        "The Treaty of Westphalia ended the Thirty Years' War in 1648. "
        "It established the principle of state sovereignty."]
    assert "state sovereignty" in cards[1].hidden()[0]
    assert all(c.extra == text and c.discriminator.startswith("sentence:") for c in cards)


def test_references_make_no_card_unless_configured() -> None:
    reference = _annotation("Polybius describes the mixed constitution of Rome in book 6.",
                            "reference", "K0000001")
    cards, skipped = make_cards(NOTE, [reference], Config())
    assert cards == [] and skipped == [reference]
    cards, skipped = make_cards(NOTE, [reference], Config(skip_roles=frozenset()))
    assert len(cards) == 1 and skipped == []


def test_unlabelled_highlight_still_makes_a_card() -> None:
    (card,) = _cards(_annotation("Photosynthesis converts light energy into chemical energy",
                                 "highlight", "K0000001"))
    assert card.kind == "cloze" and card.hidden()


def test_long_highlight_with_nothing_worth_hiding_makes_no_card_and_keeps_the_reason() -> None:
    text = "and so on and so forth, as it were, and then some more of the same again"
    reasons: dict[int, str] = {}
    cards, skipped = make_cards(NOTE, [_annotation(text, "important", "K0000001")], Config(),
                                [], reasons)
    assert cards == [] and [a.role for a in skipped] == ["no-card"]
    assert "no subject and verb" in reasons[skipped[0].line]


def test_a_highlight_with_nothing_to_hide_is_never_asked_to_be_recited() -> None:
    # every number on it is a bound a learner would not hide; no "What does the highlight on
    # p. 1 that begins … say?" card, which nobody can answer
    text = ("By analogy with Raoult's law, a vapour pressure p below about 3.3 kPa and an "
            "activity a between 0.2 and 0.8 favour ideal mixing of the two liquids [12]")
    reasons: dict[int, str] = {}
    cards, skipped = make_cards(NOTE, [_annotation(text, "highlight", "K0000001")], Config(),
                                [], reasons)
    assert cards == [] and [a.role for a in skipped] == ["no-card"]
    assert "reciting the whole passage is no question" in reasons[1]


def test_short_highlight_with_nothing_worth_hiding_makes_no_card_and_says_so() -> None:
    problems: list = []
    cards, skipped = make_cards(NOTE, [_annotation("and so on", "important", "K0000001")],
                                Config(), problems)
    assert cards == [] and [a.role for a in skipped] == ["no-card"]
    assert [p.message.split(",")[0] for p in problems] == [
        "nothing worth asking in this short highlight"]


def test_no_two_notes_of_the_example_share_a_guid() -> None:
    note = read_note(EXAMPLE)
    annotations, _ = read_annotations(note, Config())
    cards = make_cards(note, annotations, Config())[0]
    assert len({c.guid for c in cards}) == len(cards)


def test_an_edit_elsewhere_in_the_highlight_keeps_the_other_sentence_identities() -> None:
    base = _annotation("The Nile flooded every summer. Farmers planted in the black silt.",
                       "important", "K0000001")
    edited = replace(base, text="The Nile flooded each summer. Farmers planted in the black silt.")
    guids = {c.text: c.guid for c in _cards(base)}
    after = {c.text: c.guid for c in _cards(edited)}
    silt = "Farmers planted in the black silt."
    assert guids[silt] == after[silt]


def test_a_highlight_vetoed_in_the_note_or_the_config_makes_no_card() -> None:
    vetoed = _annotation("Rome was founded in 753 BC", "claim", "K0000001",
                         comment="Legend, not history.\nanki: skip")
    listed = _annotation("Carthage was destroyed in 146 BC", "claim", "K0000002")
    kept = _annotation("Augustus became the first emperor in 27 BC", "claim", "K0000003")
    cards, skipped = make_cards(NOTE, [vetoed, listed, kept],
                                Config(skip=frozenset({"K0000002"})))
    assert [c.annotation.annotation_key for c in cards] == ["K0000003"]
    assert [(a.annotation_key, a.role) for a in skipped] == [
        ("K0000001", "vetoed"), ("K0000002", "vetoed")]


def test_a_single_card_can_be_vetoed_by_its_guid() -> None:
    text = "The cache is fast memory, the disk is slow storage, and the tape is cold storage."
    annotation = _annotation(text, "supporting-evidence", "K0000001")
    cards = _cards(annotation)
    unwanted = cards[0].guid
    kept = _cards(annotation, config=Config(skip=frozenset({unwanted})))
    assert [c.guid for c in kept] == [c.guid for c in cards[1:]]
