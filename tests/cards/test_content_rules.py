"""Cards driven by what a sentence says, whatever its label: reasons, definitions, mappings with
their cue, lists with their lead-in, and highlights in other languages (fixtures in biology,
economics, computer science and history, none keyed to the example note's words)."""

from __future__ import annotations

import pytest

from anki_export.cards.asked import ask
from anki_export.cards.card import Card
from anki_export.cards.rules import make_cards
from anki_export.language.scripts import highlight_language
from anki_export.language.sentences import split_sentences
from anki_export.read.annotations import read_annotations
from anki_export.read.discover import read_note
from tests.cards.test_quality import CHOOSER
from tests.conftest import FIXTURES

CARDS = FIXTURES / "cards"
BIOLOGY = "content-rules-biology-colour-callouts"
ECONOMICS = "content-rules-economics-callouts"
COMPUTING = "content-rules-computer-science-quoted"
HISTORY = "content-rules-history-and-claims"
LANGUAGES = "content-rules-other-languages"


def _made(name: str) -> tuple[list[Card], dict[int, str], dict[int, str]]:
    """A fixture's cards, the roles its card-less annotations are counted under, and why."""
    config = CHOOSER  # the content rules on every sentence, as the fixtures review them
    note = read_note(CARDS / f"{name}.md")
    reasons: dict[int, str] = {}
    cards, skipped = make_cards(note, read_annotations(note, config)[0], config, [], reasons)
    return cards, {a.line: a.role for a in skipped}, reasons


def _questions(name: str) -> dict[int, tuple[str, str]]:
    """Question and answer of each question card of a fixture, by line."""
    return {c.annotation.line: (c.front, c.answer) for c in _made(name)[0] if c.kind == "qa"}


@pytest.mark.parametrize(("name", "line", "question", "answer"), [
    (BIOLOGY, 13, "Why do enzymes speed up chemical reactions?",
     "They lower the activation energy of the reaction."),
    (BIOLOGY, 24, "Why can the proton gradient drive ATP synthase?",
     "The inner membrane is impermeable to protons."),
    (ECONOMICS, 12, "Why does a fall in aggregate demand raise unemployment in the short run?",
     "Nominal wages are sticky."),
    (ECONOMICS, 15, "Why did inflation accelerate in the 1970s?",
     "Oil prices quadrupled after the embargo."),
    (COMPUTING, 21, "Why does Round-robin scheduling give poor turnaround time?",
     "It stretches every job to the length of the longest."),
    (HISTORY, 24, "Why did the crown's debts keep growing?",
     "The nobility refused to pay the land tax."),
    (HISTORY, 27, "Why did the deputies claim to speak for the whole nation?",
     "In 1789 the Third Estate proclaimed itself the National Assembly."),
])
def test_a_reason_in_any_highlight_becomes_a_why_question(name: str, line: int, question: str,
                                                          answer: str) -> None:
    assert _questions(name)[line] == (question, answer)


@pytest.mark.parametrize(("name", "line", "question", "answer"), [
    (BIOLOGY, 16, "What is an enzyme?",
     "A protein that speeds up a chemical reaction without being consumed."),
    (BIOLOGY, 30, "What is apoptosis?", "The programmed death of a cell."),
    (ECONOMICS, 18, "What is opportunity cost?", "The value of the next-best alternative forgone."),
    (COMPUTING, 12, "What is thrashing?",
     "A state in which the system spends most of its time paging."),
])
def test_a_definition_asks_for_what_its_term_means(name: str, line: int, question: str,
                                                  answer: str) -> None:
    assert _questions(name)[line] == (question, answer)


def test_a_definition_of_this_takes_its_meaning_from_the_sentence_before() -> None:
    sentences = split_sentences(
        "Scale-free networks survive random failures but collapse when hubs are attacked. In a "
        "disease context, this is termed the hub vulnerability principle (Smith et al. 2001).")
    asked = ask(sentences, 1)
    assert asked is not None
    assert asked.question == "In a disease context, what is the hub vulnerability principle?"
    assert asked.answer.startswith("Scale-free networks survive") and asked.uses == (0,)


def test_the_meaning_taken_from_the_sentence_before_is_the_idea_without_frame_or_citation(
) -> None:
    sentences = split_sentences(
        "From a theoretical perspective, soil carbon is lost fast after ploughing but regained "
        "slowly under grass (Poulton et al. 2018). In long-term trials, this is termed the "
        "carbon asymmetry of tillage (Smith 2020).")
    asked = ask(sentences, 1)
    assert asked is not None
    assert asked.question == "In long-term trials, what is the carbon asymmetry of tillage?"
    assert asked.answer == ("Soil carbon is lost fast after ploughing but regained slowly under "
                            "grass.")


def test_a_reason_whose_question_would_lean_on_a_pronoun_is_not_asked() -> None:
    cards = [c for c in _made(COMPUTING)[0] if c.annotation.line == 15]
    assert [c.kind for c in cards] == ["cloze"]  # "Why are they the default choice …?": no


def test_a_conclusion_is_asked_for_with_the_sentences_before_it_as_answer() -> None:
    sentences = split_sentences("Interest rates fell sharply. Borrowing became cheap. Thus, "
                                "households bought more houses.")
    asked = ask(sentences, 2)
    assert asked is not None and asked.question == "Why did households buy more houses?"
    assert asked.answer == "Interest rates fell sharply. Borrowing became cheap." and asked.uses


@pytest.mark.parametrize("sentence", [
    "Since 1990, inflation has fallen in most rich economies.",
    "Unemployment has fallen steadily, since the early 1990s.",
    "Since then, the empire declined steadily in the west.",
    "Prices were cut, so that more households could afford the service.",
])
def test_a_time_or_a_purpose_is_not_a_reason(sentence: str) -> None:
    assert ask([sentence], 0) is None


@pytest.mark.parametrize(("sentence", "question", "answer"), [
    ("Selection bias, because sicker patients choose the treatment, inflates the apparent harm "
     "of the drug.", "Why does selection bias inflate the apparent harm of the drug?",
     "Sicker patients choose the treatment."),
    ("Sovereign debt, since it is issued in a currency the state prints, carries little "
     "default risk.", "Why does sovereign debt carry little default risk?",
     "It is issued in a currency the state prints."),
])
def test_a_reason_set_between_subject_and_verb_asks_about_the_whole_claim(
        sentence: str, question: str, answer: str) -> None:
    asked = ask([sentence], 0)
    assert asked is not None and (asked.question, asked.answer) == (question, answer)


def test_a_subject_alone_before_a_reason_is_never_asked_about() -> None:
    sentence = ("overdiagnosis bias, since slow tumours are found by screening, lengthens the "
                "apparent survival")
    asked = ask([sentence], 0)  # not "Why do overdiagnosis bias?"
    assert asked is not None
    assert asked.question == "Why does overdiagnosis bias lengthen the apparent survival?"


@pytest.mark.parametrize(("name", "line", "fronts"), [
    (BIOLOGY, 19, ["In the analogy with a city: The [...] is the city hall",
                   "In the analogy with a city: The nucleus is [...]"]),
    (ECONOMICS, 24, ["In the Water Tank analogy: The [...] is the water level",
                     "In the Water Tank analogy: The stock of capital is [...]"]),
    (HISTORY, 21, ["Of the three estates: The [...] was the First Estate",
                   "Of the three estates: The clergy was [...]"]),
])
def test_mapping_cards_carry_the_cue_that_sets_up_the_analogy_or_list(
        name: str, line: int, fronts: list[str]) -> None:
    first = next(c for c in _made(name)[0] if c.annotation.line == line)
    assert first.rule == "mapping-pair" and list(first.fronts()) == fronts


def test_the_sentence_that_only_sets_up_an_analogy_makes_no_card_of_its_own() -> None:
    cards = [c for c in _made(BIOLOGY)[0] if c.annotation.line == 19]
    assert {c.rule for c in cards} == {"mapping-pair"} and len(cards) == 3


def test_an_analogy_set_up_in_the_highlight_before_frames_only_mapping_cards() -> None:
    why = next(c for c in _made(BIOLOGY)[0] if c.annotation.line == 24)
    assert "analogy" not in why.front


def test_a_claim_its_argument_asks_about_makes_no_card_and_says_why() -> None:
    cards, roles, reasons = _made(HISTORY)
    assert [c.rule for c in cards if c.annotation.line in (12, 15)] == ["argument-question"]
    assert roles[15] == "no-card" and "question of its argument (line 12)" in reasons[15]


def test_a_topic_phrase_labelled_claim_makes_no_card_and_says_why() -> None:
    cards, roles, reasons = _made(HISTORY)
    assert not [c for c in cards if c.annotation.line == 18]
    assert roles[18] == "no-card" and reasons[18].startswith("a topic phrase")


def test_items_of_an_enumerated_list_are_shown_with_the_lead_in_that_names_the_list() -> None:
    sentences = ["First, because tariffs have two effects:", "(i) they raise import prices;",
                 "(ii) they protect local firms."]
    from anki_export.cards.cues import list_leads

    assert list_leads(sentences) == {1: "Tariffs have two effects", 2: "Tariffs have two effects"}


# --- other languages ------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "language"), [
    ("由于酶降低了反应的活化能，因此化学反应速度加快。", "zh"),
    ("Инфляция выросла, потому что центральный банк напечатал деньги.", "ru"),
    ("Die Entropie eines abgeschlossenen Systems nimmt niemals ab, weil Wärme fließt", "de"),
    ("Mitochondria produce most of the cell's ATP because they host oxidative phosphorylation",
     "en"),
    ("𝑦 = β0 + β1𝑥 + 𝜀", "en"),
])
def test_the_language_of_a_highlight_is_told_by_its_script_and_common_words(
        text: str, language: str) -> None:
    assert highlight_language(text) == language


def test_a_highlight_in_a_language_without_a_rule_makes_no_card_counted_and_explained() -> None:
    cards, roles, reasons = _made(LANGUAGES)
    assert not [c for c in cards if c.annotation.line in (18, 21)]
    assert roles[18] == roles[21] == "other-language"
    assert reasons[18].startswith("written in Chinese") and "Cyrillic" in reasons[21]


def test_a_foreign_highlight_never_gets_an_english_question_around_its_words() -> None:
    cards = [c for c in _made(LANGUAGES)[0] if c.annotation.line in (12, 15)]
    assert cards and all(c.kind == "cloze" for c in cards)  # "weil" is no "because"
    english = next(c for c in _made(LANGUAGES)[0] if c.annotation.line == 24)
    assert english.front == "Why do mitochondria produce most of the cell's ATP?"


def test_detecting_the_language_loads_no_large_word_list(monkeypatch: pytest.MonkeyPatch) -> None:
    import anki_export.language.words as words

    asked: list[tuple[str, str]] = []
    real = words.zipf_frequency

    def spy(word: str, lang: str, wordlist: str = "best") -> float:
        asked.append((lang, wordlist))
        return float(real(word, lang, wordlist=wordlist))

    monkeypatch.setattr(words, "zipf_frequency", spy)
    assert highlight_language("Les enfants mangent toujours leurs légumes avant le dessert") == "fr"
    foreign = {wordlist for lang, wordlist in asked if lang != "en"}
    assert foreign == {"small"}  # English's own list is loaded by every build anyway


def test_a_name_introduced_with_what_it_does_asks_who_does_it() -> None:
    asked = ask(["The first emperor was Augustus, who ruled Rome for forty years."], 0)
    assert asked is not None and (asked.question, asked.answer) == (
        "Who ruled Rome for forty years?", "Augustus.")


def test_not_that_many_takes_what_it_counts_from_the_start_of_the_sentence() -> None:
    asked = ask(["There may be a few honest brokers, but trust is costly to verify, so there "
                 "will not be that many."], 0)
    assert asked is not None
    assert asked.question == "Why will there not be many honest brokers?"
    assert asked.answer == "Trust is costly to verify."


def test_a_clause_before_since_keeps_its_own_question() -> None:
    sentence = ("Field trials remain necessary, since greenhouse yields overstate field yields, "
                "and many pests only appear outdoors.")
    asked = ask([sentence], 0)
    assert asked is not None and asked.question == "Why do field trials remain necessary?"
