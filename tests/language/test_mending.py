"""A word the selection cut at the start is made whole only where another highlight shows it."""

from __future__ import annotations

from anki_export.cards.standalone import front_of
from anki_export.language.mending import mended_first_word, shown_whole


def words(text: str) -> list[str]:
    return text.split(" ")


def test_a_cut_word_is_completed_from_another_highlight_of_the_same_passage() -> None:
    source = "Transport of pyruvate into the matrix is slow in yeast."
    cut = "ransport of pyruvate into the matrix requires a carrier."
    front = front_of(cut, True, False, source)
    assert front.text.startswith("Transport of pyruvate into the matrix requires")
    assert front.reason == ""


def test_two_shared_common_words_are_not_the_same_passage() -> None:
    # "of a" follows "liberalisation" elsewhere in the note: no reason to think the cut word
    # was "liberalisation" rather than "regulation" or "protection".
    source = "The liberalisation of a market led to lower prices for consumers."
    stub, rest = "tion", words("of a market economy depends on the rule of law")
    assert shown_whole(stub, rest, source) is None
    assert mended_first_word(stub, rest, source) == "…"


def test_without_the_passage_elsewhere_the_card_opens_with_dots_or_is_not_made() -> None:
    # no word list guess ("Transport", "Protection"): the cut subject leaves a fragment
    front = front_of("tion of the currency made imports dear and wages lag.", True, False, "")
    assert front.text.startswith("… of the currency") and "fragment" in front.reason
    front = front_of("ransport of pyruvate into the matrix requires a carrier.", True, False, "")
    assert front.text.startswith("…") and front.reason


def test_a_word_completed_inside_another_sentence_still_opens_with_dots() -> None:
    # the other highlight shows "depreciation" mid-sentence: the sentence began before it
    source = "Prices rose because the depreciation of the currency made imports dear."
    front = front_of("tion of the currency made imports dear and wages lag.", True, False, source)
    assert front.text.startswith("… depreciation of the currency made imports dear")


def test_the_passage_must_follow_the_completed_word_as_whole_words() -> None:
    source = "Heavy regulation of banks after the crisis raised capital ratios."
    assert shown_whole("tion", words("of banks after the crisis cut lending"), source) is not None
    assert shown_whole("tion", words("of banks after the crises cut lending"), source) is None
    assert shown_whole("lation", words("of banks after the"), source) is not None
    assert shown_whole("tion", words("of banks"), source) is None  # too little to tell


def test_a_card_opening_with_dots_is_made_only_when_a_subject_and_verb_follow() -> None:
    kept = front_of("ource code is usually compiled ahead of time in C.", True, False, "")
    assert kept.text.startswith("… code is usually compiled") and kept.reason == ""
    lost = front_of("mploys depth-wise layers, MLP and pooling layers to build the deep network.",
                    True, False, "")
    assert lost.reason  # "Employs" is not guessed, and what is left has no subject
