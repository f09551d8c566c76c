"""No two cards of a deck may ask the same thing: tell duplicate fronts apart, or drop copies.

Input: all `Card`s of a build. Output: the cards, with questions numbered where needed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from anki_export.cards import Card
from anki_export.decks import short_title
from anki_export.errors import Problem


def distinct_fronts(cards: Sequence[Card], problems: list[Problem]) -> list[Card]:
    """Cards whose fronts are unique within their source's deck.

    An exact copy (same front, same answer: the same sentence highlighted twice) is dropped with
    a warning. Questions that differ only in their answers (two arguments for one claim) are
    numbered "(1 of 2)", so each card says which one it asks for.
    """
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, card in enumerate(cards):
        for front in card.fronts():
            groups[(short_title(card.source), front)].append(index)
    dropped: set[int] = set()
    numbered: dict[int, str] = {}
    for (_, front), indexes in groups.items():
        if len(set(indexes)) < 2:
            continue
        first = cards[indexes[0]]
        for index in dict.fromkeys(indexes[1:]):
            if index not in dropped and _answer(cards[index]) == _answer(first):
                dropped.add(index)
                problems.append(Problem(
                    f"same card as {first.source.path}:{first.annotation.line}; made once",
                    cards[index].source.path, cards[index].annotation.line))
        remaining = [i for i in dict.fromkeys(indexes) if i not in dropped]
        if len(remaining) > 1 and all(cards[i].kind == "qa" for i in remaining):
            for n, index in enumerate(remaining, start=1):
                numbered[index] = f"{cards[index].text} ({n} of {len(remaining)})"
        elif len(remaining) > 1:
            for index in remaining[1:]:
                problems.append(Problem(
                    f"a card asks the same as the one from {first.source.path}:"
                    f"{first.annotation.line} but answers differently: '{front}'",
                    cards[index].source.path, cards[index].annotation.line))
    return [replace(card, text=numbered[i]) if i in numbered else card
            for i, card in enumerate(cards) if i not in dropped]


def _answer(card: Card) -> tuple[str, ...]:
    """What the card's back answers: the hidden text, or the answer."""
    return card.hidden() if card.kind == "cloze" else (card.answer,)
