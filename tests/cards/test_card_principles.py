"""Principles a card keeps whatever the note: a translation the reader wrote is no gloss, a
contrast keeps the opener that holds its other side, a name that only attributes a result is
not hidden, and a formula is asked by the name its comment opens with."""

from __future__ import annotations

from tests.cards.test_glossary import _cards, _highlight


def test_a_term_glossed_only_by_its_marked_translation_is_not_asked() -> None:
    term = _highlight(10, "the so-called rain shadow",
                      comment="🔤a chamada sombra de chuva — termo de livro didático?🔤")
    assert [card.text for card in _cards(term)] == []


def test_a_term_glossed_in_another_language_without_a_marker_is_not_asked() -> None:
    term = _highlight(10, "Marginal utility", comment=(
                      "die zusätzliche Befriedigung, die eine weitere Einheit des Gutes stiftet"))
    assert not any(card.text.startswith("What is") for card in _cards(term))


def test_a_so_called_term_glossed_in_english_is_asked_without_its_announcer() -> None:
    term = _highlight(10, "the so-called rain shadow",
                      comment="the dry side of a mountain range, where descending air warms")
    assert "What is rain shadow?" in [card.text for card in _cards(term)]


def test_a_contrast_keeps_the_opener_that_holds_its_other_side() -> None:
    finding = _highlight(10, "In contrast to the Roman roads, which took centuries to build, "
                             "the Inca network of 40,000 kilometres was laid in under a century.")
    texts = [card.text for card in _cards(finding)]
    assert texts and all(not text.startswith("To the Roman") for text in texts)
    assert all("In contrast to the Roman roads" in text for text in texts)


def test_a_name_that_only_attributes_a_result_is_not_hidden() -> None:
    law = _highlight(10, "the Hubble law gives a recession velocity proportional to distance, "
                         "about 70 km/s for every megaparsec")
    hidden = [word for card in _cards(law) for word in card.hidden()]
    assert "Hubble" not in hidden


def test_a_formula_is_asked_by_the_name_its_comment_opens_with() -> None:
    formula = _highlight(10, "𝑅₀ = 𝛽 / 𝛾",
                         comment="basic reproduction number, above 1 the outbreak grows")
    cards = _cards(formula)
    assert [(card.text, card.answer) for card in cards] == [
        ("Formula of basic reproduction number?", "𝑅₀ = 𝛽 / 𝛾")]
    assert cards[0].annotation.comment is not None  # the remark after the name is on the back


def test_a_name_may_be_hidden_where_the_sentence_states_the_result_it_names() -> None:
    law = _highlight(10, "The Bergmann rule states that within a broadly distributed group, "
                         "populations in colder regions have larger bodies")
    hidden = [word for card in _cards(law) for word in card.hidden()]
    assert "Bergmann" in hidden
