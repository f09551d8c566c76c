"""Card quality: what a learner reviews for each card rule and failure mode, read card by card.

Every note in `fixtures/cards/` is built as `anki-export build` builds it (read, repair, rules,
then `distinct_fronts`, with `precise_clozes` off: these fixtures review the cloze chooser on
every sentence, which the default gate would leave to ride on backs) and compared with its
reviewed golden `<name>.cards.json`. The targeted
tests name the behaviour each fixture is there for. Cards judged bad when the goldens were
reviewed stay in the goldens as the tool makes them; `KNOWN_BAD` lists what a good card would
be, as strict expected failures, so fixing the tool shows up here, and a fixed card moves to
`REVIEWED`, which keeps it fixed.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest

from anki_export.cards.card import Card
from anki_export.cards.fronts import distinct_fronts
from anki_export.cards.quality import check
from anki_export.cards.questions import claim_to_question
from anki_export.cards.rules import make_cards
from anki_export.language.words import is_stopword
from anki_export.read.annotation import Annotation
from anki_export.read.annotations import read_annotations
from anki_export.read.config_file import load_config
from anki_export.read.discover import read_note
from tests.cards.test_rules import card_summary
from tests.conftest import FIXTURES, ROOT

CARDS = FIXTURES / "cards"
CHOOSER = replace(load_config(None), precise_clozes=False)
"""The config these fixtures are built with: every ordinary sentence gets its cloze."""
NOTES = sorted(CARDS.glob("*.md"))
FFFD = "\ufffd"


@cache
def _build(name: str) -> tuple[tuple[Annotation, ...], tuple[Card, ...], tuple[str, ...]]:
    """A fixture's annotations, its cards as a build makes them, and its warnings."""
    config = CHOOSER
    note = read_note(CARDS / f"{name}.md")
    annotations, problems = read_annotations(note, config)
    problems = [*note.problems, *problems]
    cards, _skipped = make_cards(note, annotations, config, problems)
    cards = distinct_fronts(cards, problems)
    warnings = tuple(str(p).replace(f"{ROOT}/", "") for p in problems)
    return tuple(annotations), tuple(cards), warnings


def _cards(name: str, line: int | None = None) -> list[Card]:
    """The cards of a fixture, or of its annotation starting on `line`."""
    return [c for c in _build(name)[1] if line is None or c.annotation.line == line]


def _annotation(name: str, line: int) -> Annotation:
    """The annotation of a fixture that starts on `line`, after repair."""
    (found,) = [a for a in _build(name)[0] if a.line == line]
    return found


def _known_defect(reason: str) -> pytest.MarkDecorator:
    """A test of what a good card would be, failing until the function named is fixed."""
    return pytest.mark.xfail(strict=True, raises=AssertionError, reason=reason)


def _card(name: str, line: int, containing: str = "") -> Card:
    """The one card of the annotation on `line` whose text holds `containing`."""
    (found,) = [c for c in _cards(name, line) if containing in c.text]
    return found


# --- every fixture --------------------------------------------------------------------------


@pytest.mark.parametrize("path", NOTES, ids=lambda p: p.stem)
def test_fixture_cards_match_their_reviewed_golden(path: Path, golden) -> None:  # type: ignore[no-untyped-def]
    golden(path.with_suffix(".cards.json"), [card_summary(c) for c in _cards(path.stem)])


SHORT = ("nothing worth asking in this short highlight, so no card; mark what to hide with ==…== "
         "or write a Q: … A: comment")
EXPECTED_WARNINGS = {
    "standalone-fragments-and-cut-words": [
        "tests/fixtures/cards/standalone-fragments-and-cut-words.md:12: highlight seems to start "
        "mid-word ('ransport of pyruvate …'); the card completes the word where the note's "
        "other highlights show it, else opens with '…'",
        f"tests/fixtures/cards/standalone-fragments-and-cut-words.md:18: {SHORT}",
        f"tests/fixtures/cards/standalone-fragments-and-cut-words.md:36: {SHORT}",
    ],
    "light-heads-and-long-fronts": [
        f"tests/fixtures/cards/light-heads-and-long-fronts.md:18: {SHORT}"],
    "duplicates-and-stopwords": [
        f"tests/fixtures/cards/duplicates-and-stopwords.md:18: {SHORT}",
        f"tests/fixtures/cards/duplicates-and-stopwords.md:21: {SHORT}",
        "tests/fixtures/cards/duplicates-and-stopwords.md:15: same card as "
        "tests/fixtures/cards/duplicates-and-stopwords.md:12; made once",
        "tests/fixtures/cards/duplicates-and-stopwords.md:27: same card as "
        "tests/fixtures/cards/duplicates-and-stopwords.md:24; made once",
    ],
    "pdf-damage-ligatures-and-punctuation": [
        "tests/fixtures/cards/pdf-damage-ligatures-and-punctuation.md:24: highlight seems to "
        "start mid-word ('ntanglement between photon …'); the card completes the word where "
        "the note's other highlights show it, else opens with '…'",
        "tests/fixtures/cards/pdf-damage-ligatures-and-punctuation.md:27: could not repair "
        f"damaged text near 'Dark energy{FFFD} is the name gi'",
    ],
    "reader-overrides": [
        "tests/fixtures/cards/reader-overrides.md:20: cloze: 'germline' is not in the highlight",
    ],
}


@pytest.mark.parametrize("path", [
    pytest.param(p, id=p.stem) for p in NOTES
])
def test_each_fixture_warns_about_exactly_what_went_wrong(path: Path) -> None:
    assert list(_build(path.stem)[2]) == EXPECTED_WARNINGS.get(path.stem, [])


@pytest.mark.parametrize("path", NOTES, ids=lambda p: p.stem)
def test_no_duplicate_fronts_in_any_fixture(path: Path) -> None:
    report = check(_cards(path.stem))
    assert [f.message for f in report.findings if f.hard] == []


@pytest.mark.parametrize("path", NOTES, ids=lambda p: p.stem)
def test_every_cloze_span_is_on_word_boundaries_and_not_a_stopword(path: Path) -> None:
    for card in _cards(path.stem):
        for cloze in card.clozes:
            before = card.text[cloze.start - 1 : cloze.start] if cloze.start else ""
            after = card.text[cloze.end : cloze.end + 1]
            span = card.text[cloze.start : cloze.end]
            assert span == span.strip() and re.search(r"\w", span), span
            assert not (re.match(r"\w", span) and re.match(r"\w", before)), span
            assert not (re.search(r"\w$", span) and re.match(r"\w", after)), span
            assert not all(is_stopword(word) for word in re.findall(r"\w+", span)), span


def _reasons(name: str) -> dict[int, str]:
    """Why each annotation of a fixture that made no card of a sentence made none, by line."""
    config = CHOOSER
    note = read_note(CARDS / f"{name}.md")
    annotations, _ = read_annotations(note, config)
    reasons: dict[int, str] = {}
    make_cards(note, annotations, config, [], reasons)
    return reasons


@pytest.mark.parametrize("path", NOTES, ids=lambda p: p.stem)
def test_every_annotation_outside_skipped_roles_makes_a_card_or_says_why_not(path: Path) -> None:
    annotations, cards, _ = _build(path.stem)
    carded = {c.annotation.line for c in cards}
    silent = [a.line for a in annotations if a.line not in carded]
    warned = {int(w.split(":")[1]) for w in _build(path.stem)[2]
              if "same card" in w or "nothing worth asking" in w}
    references = {a.line for a in annotations if a.role == "reference"}
    assert set(silent) <= warned | references | set(_reasons(path.stem))


def _reasons(name: str) -> dict[int, str]:
    """Why the rules made no card of an annotation of a fixture, by its line."""
    config = CHOOSER
    note = read_note(CARDS / f"{name}.md")
    reasons: dict[int, str] = {}
    make_cards(note, read_annotations(note, config)[0], config, [], reasons)
    return reasons


def test_a_topic_phrase_without_a_verb_of_its_own_makes_no_card_and_says_why() -> None:
    assert _cards(CLAIMS, 26) == []
    assert "topic phrase" in _reasons(CLAIMS)[26] or "fragment" in _reasons(CLAIMS)[26]


# --- claims ---------------------------------------------------------------------------------

CLAIMS = "claims-copular-modal-and-lexical-verbs"


def test_claims_hide_their_predicate_whatever_the_verb() -> None:
    hidden = {c.annotation.line: c.hidden() for c in _cards(CLAIMS)}
    assert hidden[12] == ("highly lethal",)  # "X are highly Y"
    assert hidden[15] == ("susceptible strains",)  # "X will Z": the object of the verb
    assert hidden[19] == ("spread of resistance plasmids",)  # "X favors Y"
    assert hidden[23] == ("treatment of wound infections",)  # past tense
    assert all(c.rule == "claim-cloze" for c in _cards(CLAIMS))


def test_claims_become_why_questions_with_the_auxiliary_their_verb_needs() -> None:
    questions = {a.line: claim_to_question(a.text) for a in _build(CLAIMS)[0]}
    assert questions[12] == ("Why are carbapenem-resistant enterobacteria highly lethal in "
                             "intensive care units?")  # jargon unknown to lemminflect, lowercased
    assert questions[15] == ("Why will resistant strains outcompete susceptible strains "
                             "whenever an antibiotic is present?")
    assert questions[19] == ("Why does horizontal gene transfer favor the spread of resistance "
                             "plasmids?")
    assert questions[23] == ("Why did the mass production of penicillin transform the treatment "
                             "of wound infections during the Second World War?")
    assert questions[26] is None  # a noun clause asserts nothing to ask "why" about


def test_comment_after_the_link_on_the_same_line_reaches_the_card() -> None:
    assert _card(CLAIMS, 30).annotation.comment == "compare with porin loss, which keeps drugs out"


# --- critiques ------------------------------------------------------------------------------

CRITIQUES = "critiques-paired-with-claims"
ZONING = "Why are zoning restrictions the main cause of high housing costs in coastal cities?"


def test_critique_after_its_claim_asks_about_the_claim_before_it() -> None:
    card = _card(CRITIQUES, 15)
    assert (card.kind, card.rule) == ("qa", "argument-question")
    assert card.text == "Why does rent control reduce the supply of rental housing?"
    assert card.extra == "Claim (p. 12): Rent control reduces the supply of rental housing"


def test_critique_before_its_claim_asks_about_the_claim_after_it() -> None:
    assert _card(CRITIQUES, 18).text.startswith(ZONING)


def test_two_critiques_of_one_claim_get_numbered_questions() -> None:
    assert [_card(CRITIQUES, 18).text, _card(CRITIQUES, 25).text] == [
        f"{ZONING} (1 of 2)", f"{ZONING} (2 of 2)"]
    assert _card(CRITIQUES, 25).annotation.comment is not None


def test_without_distinct_fronts_two_critiques_of_one_claim_would_share_a_front() -> None:
    note = read_note(CARDS / f"{CRITIQUES}.md")
    annotations, _ = read_annotations(note, CHOOSER)
    cards, _ = make_cards(note, annotations, CHOOSER)
    (finding,) = [f for f in check(cards).findings if f.hard]
    assert finding.card.annotation.line == 25
    assert finding.message.startswith(f"same front as the card from {CARDS / CRITIQUES}.md:18")


def test_critique_with_no_claim_near_it_becomes_a_cloze() -> None:
    (card,) = _cards(CRITIQUES, 32)
    assert (card.kind, card.rule) == ("cloze", "passage-cloze")


# --- definitions, numbers, names -----------------------------------------------------------

DEFINITIONS = "definitions-numbers-and-names"


def test_definitions_hide_the_defined_term() -> None:
    assert _card(DEFINITIONS, 12).hidden() == ("pandemic",)  # "X is a Y that …"
    assert _card(DEFINITIONS, 21).hidden() == ("Quarantine",)  # "X, a Y, …"


def test_named_entity_and_year_sentence_hides_the_name() -> None:
    assert _card(DEFINITIONS, 18).hidden() == ("Constantinople",)


def test_unlabelled_highlights_are_plain_highlights_and_still_make_cards() -> None:
    roles = {a.line: a.role for a in _build(DEFINITIONS)[0]}
    assert roles[18] == roles[24] == "highlight"
    assert _cards(DEFINITIONS, 18) and _cards(DEFINITIONS, 24)


# --- mappings -------------------------------------------------------------------------------

MAPPINGS = "mapping-sentences-in-several-forms"


def test_each_mapping_form_gives_one_note_per_pair_hiding_item_then_category() -> None:
    pairs = {line: [c.hidden() for c in _cards(MAPPINGS, line) if c.rule == "mapping-pair"]
             for line in (12, 15, 18, 22)}
    assert pairs[12] == [("Registers", "the fastest storage"),
                         ("Main memory", "the working storage"),
                         ("disk", "the permanent storage")]  # "A is X, B is Y, and C is Z"
    assert pairs[15] == [("L1 cache", "a desk drawer"), ("L2 cache", "a filing cabinet"),
                         ("Main memory", "the university library")]  # "A corresponds to X, B to Y"
    assert pairs[18] == [("Stack", "local variables of active calls"),
                         ("heap", "dynamically allocated objects"),
                         ("data segment", "global variables")]  # "X: A; Y: B"
    assert pairs[22] == [("page table", "the catalogue"), ("page", "a chapter"),
                         ("page fault", "a trip to the stacks")]  # inside a paragraph


def test_gapped_mapping_repeats_its_verb_in_every_pair() -> None:
    assert _card(MAPPINGS, 15, "L2").text == "The L2 cache corresponds to a filing cabinet"


def test_mapping_inside_a_paragraph_leaves_the_other_sentences_as_clozes() -> None:
    rest = [c for c in _cards(MAPPINGS, 22) if c.rule == "passage-cloze"]
    assert [c.text for c in rest] == ["Operating systems hide the hierarchy behind virtual memory.",
                                      "Every process sees one flat address space.",
                                      "The cost of a page fault is measured in milliseconds."]
    whole = _annotation(MAPPINGS, 22).text
    assert all(c.extra == whole for c in rest)


def test_a_contrast_of_two_clauses_is_not_read_as_a_mapping() -> None:
    (card,) = _cards(MAPPINGS, 25)
    assert card.rule == "passage-cloze" and card.hidden() == ("a few hundred cycles",)


# --- long paragraphs ------------------------------------------------------------------------

LONG = "long-paragraph-minimum-information"


def test_long_highlight_makes_one_cloze_per_sentence_with_the_whole_on_the_back() -> None:
    cards = _cards(LONG, 12)
    whole = _annotation(LONG, 12).text
    assert len(cards) == 4 and all(c.extra == whole for c in cards)  # 6 sentences, 4 facts
    assert all(len(c.clozes) == 1 for c in cards)  # one fact per card
    assert len({c.discriminator for c in cards}) == len(cards)


def test_sentences_that_say_nothing_make_no_card_in_evidence() -> None:
    texts = [c.text for c in _cards(LONG, 18)]
    assert "We return to it below." not in texts
    assert "Nothing more needs to be said here." not in texts


def test_sentences_without_a_fact_make_no_card() -> None:
    texts = [c.text for c in _cards(LONG, 12)]
    assert "This is worth remembering." not in texts
    assert "As we will see, things are more complicated than that." not in texts


# --- PDF damage -----------------------------------------------------------------------------

DAMAGE = "pdf-damage-ligatures-and-punctuation"


def test_lost_ligatures_and_punctuation_are_repaired() -> None:
    texts = {a.line: a.text for a in _build(DAMAGE)[0]}
    assert texts[12] == ("It is difficult to resolve the fine structure of hydrogen without a "
                         "strong magnetic field")
    assert texts[15].startswith("Planck assumed that energy is emitted in discrete quanta. The "
                                "assumption removed the “ultraviolet catastrophe” and won")
    assert texts[18] == ("Electrons, which are fermions, obey the Pauli exclusion principle — "
                         "no two of them share a quantum state, that's why atoms have shells")
    assert "flux" in texts[21] and "first" in texts[21] and "\ufb02" not in texts[21]
    assert "1,200 kilometres, as the Micius satellite" in texts[24]  # double spaces collapsed


def test_no_fffd_remains_in_cards_except_the_undecidable_one() -> None:
    damaged = [c for c in _cards(DAMAGE) if FFFD in c.text + c.answer + c.extra]
    assert [c.annotation.line for c in damaged] == [27]
    assert damaged[0].text.count(FFFD) == 1
    assert check(_cards(DAMAGE)).damaged == 1


def test_the_original_damaged_text_is_kept_beside_the_repair() -> None:
    assert FFFD in _annotation(DAMAGE, 12).raw_text
    assert "\ufb02" in _annotation(DAMAGE, 21).raw_text


def test_selection_starting_mid_word_is_reported() -> None:
    assert any(":24: " in warning for warning in _build(DAMAGE)[2])


# --- reader overrides -----------------------------------------------------------------------

OVERRIDES = "reader-overrides"


def test_marked_spans_become_the_clozes_and_lose_their_markers() -> None:
    card = _card(OVERRIDES, 12)
    assert card.rule == "reader-cloze" and card.hidden() == ("3' end", "Okazaki fragments")
    assert "==" not in card.text


def test_reader_question_comment_replaces_the_default_cards() -> None:
    (card,) = _cards(OVERRIDES, 15)
    assert (card.kind, card.rule) == ("qa", "reader-question")
    assert card.text == "Why can't DNA polymerase start a new strand on its own?"
    assert card.answer == "It can only extend an existing free 3' hydroxyl group."
    assert card.extra == "DNA polymerase requires an RNA primer to begin synthesis"


def test_cloze_comment_hides_the_spans_it_names() -> None:
    (card,) = _cards(OVERRIDES, 20)
    assert card.rule == "reader-cloze" and card.hidden() == ("Telomerase", "reverse transcriptase")


def test_cloze_comment_naming_a_span_not_in_the_highlight_is_reported() -> None:
    assert any(":20: " in warning for warning in _build(OVERRIDES)[2])


def test_reader_question_on_a_reference_still_makes_a_card() -> None:
    (card,) = _cards(OVERRIDES, 24)
    assert card.annotation.role == "reference" and card.rule == "reader-question"
    assert card.text == "Which experiment showed that DNA replication is semiconservative?"


def test_reference_without_an_override_makes_no_card() -> None:
    assert _cards(OVERRIDES, 32) == []


def test_typed_cloze_syntax_is_shown_literally_and_never_hidden() -> None:
    (card,) = _cards(OVERRIDES, 29)
    assert "{{c1::uracil}}" in card.front and "A::U and G::C" in card.front
    assert not any(m in h for h in card.hidden() for m in ("{{", "}}", "::"))


# --- duplicates and stopwords ---------------------------------------------------------------

DUPLICATES = "duplicates-and-stopwords"


def test_same_sentence_under_two_keys_makes_one_card_and_a_warning() -> None:
    assert len(_cards(DUPLICATES, 12)) == 1 and _cards(DUPLICATES, 15) == []
    assert any(w.endswith(":15: same card as tests/fixtures/cards/duplicates-and-stopwords.md:12; "
                          "made once") for w in _build(DUPLICATES)[2])


def test_same_sentence_as_claim_and_as_important_makes_one_card() -> None:
    assert len(_cards(DUPLICATES, 24)) == 1 and _cards(DUPLICATES, 27) == []


def test_stopword_only_short_highlight_makes_no_card_and_says_how_to_ask_for_one() -> None:
    assert _cards(DUPLICATES, 18) == [] and _cards(DUPLICATES, 21) == []
    warnings = _build(DUPLICATES)[2]
    assert all(any(w.endswith(f":{line}: {SHORT}") for w in warnings) for line in (18, 21))


def test_no_fixture_card_asks_to_recite_a_highlight() -> None:
    assert not [c for path in NOTES for c in _cards(path.stem) if c.rule == "recall-question"]


# --- non-English text -----------------------------------------------------------------------

GERMAN = "german-claims-with-umlauts"


def test_german_highlights_keep_their_umlauts_and_each_makes_a_card() -> None:
    annotations, cards, warnings = _build(GERMAN)
    assert warnings == ()
    assert {c.annotation.line for c in cards} == {a.line for a in annotations}
    shown = " ".join(c.front + " ".join(c.hidden()) + c.answer for c in cards)
    assert all(ch in shown for ch in "äöüß")


def test_a_german_critique_is_never_wrapped_in_an_english_question() -> None:
    card = _card(GERMAN, 19)
    assert card.kind == "cloze"
    assert card.front.startswith("Ein ") and "What" not in card.front and "Why" not in card.front


# --- cards judged bad on review -------------------------------------------------------------

# Cards a review found bad, with what a good card hides and what was wrong (now fixed).
REVIEWED = [
    (CLAIMS, 30, "several classes of antibiotics", "the noun 'pumps' was read as the verb, so "
     "the real verb 'expel' was hidden with its object"),
    (CRITIQUES, 32, "poverty", "the noun 'towers' was read as the verb and the participle "
     "'built' hidden"),
    (DEFINITIONS, 15, "40%", "the phrase ran through 'of' chains: the number, what it counts "
     "and the city were hidden as one"),
    (DEFINITIONS, 24, "50 percent", "the noun 'wages' was read as the verb"),
    (DEFINITIONS, 27, "Giovanni Boccaccio", "the guessable 'the epidemic' outranked the name"),
    (DUPLICATES, 12, "extent of the market", "the participle 'limited' was hidden instead of "
     "its agent"),
    (LONG, 12, "John Marshall", "the weak object 'the opinion' outranked the name"),
    (LONG, 12, "statutes", "the particle 'down' was hidden with the object of 'strike down'"),
    (LONG, 18, "unconstitutional", "the object complement was swallowed into the object"),
    (LONG, 18, "worst decision", "the 'as' complement was not followed, so 'ranked' was hidden"),
    (MAPPINGS, 22, "virtual memory", "'hide' after a plural subject was not seen; the "
     "recurring word 'memory' was hidden alone, cutting the term"),
    (MAPPINGS, 22, "milliseconds", "'measured' (also an adjective) was hidden instead of what "
     "it is measured in"),
    (DAMAGE, 12, "fine structure", "'It is difficult to X' hid the adjective and the verb"),
    (DAMAGE, 21, "flux quantum", "the British participle 'quantised' was hidden as an "
     "adjective"),
    (DAMAGE, 27, "expansion of the universe", "the phrase ran on into the participle: 'name "
     "given'"),
    (OVERRIDES, 29, "thymine", "'asks students to fill in' hid the indirect object "
     "'students'"),
    (GERMAN, 12, "Entropie", "capitalised German nouns were read as a name ('Systems')"),
    (GERMAN, 22, "Umwandlung", "'Die Umwandlung von Wärme' was read as a name joined by "
     "'von'"),
    (GERMAN, 25, "300 Kelvin", "the capitalised unit did not attach to its number"),
]


@pytest.mark.parametrize(("name", "line", "good", "was"), REVIEWED,
                         ids=[f"{n}:{line}:{good}" for n, line, good, _ in REVIEWED])
def test_reviewed_card_hides_what_the_sentence_is_about(
    name: str, line: int, good: str, was: str
) -> None:
    assert any(good in card.hidden() for card in _cards(name, line)), was


def test_german_cards_hide_a_rare_word_or_a_number_never_a_run_of_capitalised_nouns() -> None:
    for card in _cards(GERMAN):
        for hidden in card.hidden():
            assert len(hidden.split()) == 1 or hidden[0].isdigit(), hidden


def _bad(name: str, line: int, good: str, culprit: str, containing: str = "") -> object:
    """A card judged bad: a good one would hide `good`; `culprit` is the function at fault."""
    return pytest.param(name, line, containing, good, id=f"{name}:{line}:{good}",
                        marks=_known_defect(culprit))


_NO_GERMAN_GRAMMAR = ("clozes._foreign_proposals: text in another language gets no grammar "
                      "rules by design, so its rarest word is hidden, not its predicate")
KNOWN_BAD = [
    _bad(GERMAN, 12, "nimmt niemals ab", _NO_GERMAN_GRAMMAR),
    _bad(GERMAN, 22, "grundsätzlich begrenzt", _NO_GERMAN_GRAMMAR),
]


@pytest.mark.parametrize(("name", "line", "containing", "good"), KNOWN_BAD)
def test_known_bad_card_would_hide_what_the_sentence_is_about(
    name: str, line: int, containing: str, good: str
) -> None:
    assert good in _card(name, line, containing).hidden()
