"""The door of judging: every card of a source against the five patterns a reader sees.

Input: a source's `Shown` cards and its `Source`; or a build's `Card`s. Output: `Verdict`s.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from anki_export.cards.card import Card
from anki_export.cards.judging.clauses import (
    answer_stops_inside_a_phrase,
    answer_welds_subject_and_verb,
    hides_the_class_of_a_definition,
    label_the_colon_spells_out,
)
from anki_export.cards.judging.contrasts import restates_its_answer
from anki_export.cards.judging.damage import damaged
from anki_export.cards.judging.edges import ends_cut_short, opens_on_a_cut_opener
from anki_export.cards.judging.empty import hides_an_empty_word
from anki_export.cards.judging.eponyms import answers_in_another_language, hides_an_eponym
from anki_export.cards.judging.fragments import is_fragment, opens_without_a_verb
from anki_export.cards.judging.guessable import (
    completes_itself,
    names_the_subject,
    shows_its_answer,
    topic_words,
    twins,
)
from anki_export.cards.judging.lists import in_a_list_or_parallel
from anki_export.cards.judging.references import hides_a_reference
from anki_export.cards.judging.shown import Pattern, Shown, Source, Verdict, name_words, words
from anki_export.cards.judging.side_numbers import hides_a_side_number
from anki_export.cards.judging.slots import common_modifier, states_the_title
from anki_export.cards.judging.standalone import not_standalone
from anki_export.cards.judging.trailing import hides_a_trailing_setting

CardCheck = Callable[[Shown], "str | None"]
CHECKS: tuple[tuple[Pattern, CardCheck], ...] = (
    ("reference", hides_a_reference),
    ("reference", hides_a_side_number),
    ("reference", hides_an_eponym),
    ("reference", hides_a_trailing_setting),
    ("not-standalone", not_standalone),
    ("not-standalone", is_fragment),
    ("not-standalone", opens_without_a_verb),
    ("not-standalone", damaged),
    ("not-standalone", opens_on_a_cut_opener),
    ("not-standalone", ends_cut_short),
    ("not-standalone", answer_welds_subject_and_verb),
    ("not-standalone", answer_stops_inside_a_phrase),
    ("empty-word", hides_an_empty_word),
    ("empty-word", label_the_colon_spells_out),
    ("empty-word", hides_the_class_of_a_definition),
    ("empty-word", answers_in_another_language),
    ("list", in_a_list_or_parallel),
    ("guessable", shows_its_answer),
    ("guessable", completes_itself),
    ("guessable", restates_its_answer),
    ("guessable", common_modifier),
)


def judge(cards: Sequence[Shown], source: Source) -> list[Verdict]:
    """What a reader would hold against each card of one source (a card may have several)."""
    names, topics = name_words(source), topic_words(cards)
    paired = twins(cards)
    verdicts = []
    for i, card in enumerate(cards):
        subject = None if _alternatives(card, cards) else (
            names_the_subject(card, names, topics) or states_the_title(card, names))
        if subject:
            verdicts.append(Verdict("guessable", subject, card))
        verdicts += [Verdict(p, reason, card) for p, check in CHECKS if (reason := check(card))]
        if i in paired:
            verdicts.append(Verdict("guessable", paired[i], card))
    return verdicts


def _alternatives(card: Shown, cards: Sequence[Shown]) -> bool:
    """Whether another card of the same highlight hides another kind of the same thing ("Jesus
    is [internally aligned]", "Pascal is [deceptively aligned]"): the card asks which of the
    kinds, and a title that names one kind does not say which card it belongs to."""
    head = (words(card.answer) or [""])[-1].lower()
    return len(words(card.answer)) >= 2 and any(
        other.line == card.line and other.answer != card.answer
        and (words(other.answer) or [""])[-1].lower() == head for other in cards)


def shown_cards(card: Card) -> Iterator[Shown]:
    """Each Anki card of a note as the learner sees it."""
    if card.kind == "qa":
        yield Shown(card.text, card.answer, card.extra, "qa", card.annotation.line, "qa")
        return
    numbers = sorted({c.number for c in card.clozes})
    for number, front in zip(numbers, card.fronts(), strict=True):
        hidden = [card.text[c.start : c.end] for c in card.clozes if c.number == number]
        yield Shown(front, " / ".join(hidden), card.extra, "cloze", card.annotation.line,
                    f"c{number}")
