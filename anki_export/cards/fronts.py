"""No two cards of a deck may ask the same thing: tell duplicate fronts apart, or drop copies.

Input: a build's `Card`s, file by file. Output: the cards, with questions numbered where needed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from anki_export.cards.card import Card
from anki_export.errors import Problem
from anki_export.read.notes import short_title


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


class DistinctCards:
    """Cards of a vault, one note file at a time: each GUID once, each front once per deck.

    Within a file, `distinct_fronts` decides (numbering questions that differ only in their
    answers). Across files, only a compact index of what came before is kept, so a vault of any
    size streams through: a later copy is dropped and a later front that answers differently is
    warned about (it cannot number a card that has already been written).
    """

    def __init__(self) -> None:
        self._owners: dict[str, tuple[Path, int]] = {}
        """GUID → where its card came from."""
        self._fronts: dict[int, tuple[int, Path, int]] = {}
        """hash(deck, front) → hash(answer) and where: hashes keep big vaults small in memory."""

    def of_file(self, cards: Sequence[Card], problems: list[Problem]) -> list[Card]:
        """A file's cards without GUIDs or fronts already seen; warnings go to `problems`."""
        cards = distinct_fronts(self._unique_guids(cards, problems), problems)
        kept = []
        for card in cards:
            key = [hash((short_title(card.source), front)) for front in card.fronts()]
            earlier = next((self._fronts[k] for k in key if k in self._fronts), None)
            if earlier is None:
                kept.append(card)
                continue
            answer, path, line = earlier
            if answer == hash(_answer(card)):
                problems.append(Problem(f"same card as {path}:{line}; made once",
                                        card.source.path, card.annotation.line))
                continue
            problems.append(Problem(
                f"a card asks the same as the one from {path}:{line} but answers differently: "
                f"'{card.fronts()[0]}'", card.source.path, card.annotation.line))
            kept.append(card)
        for card in kept:
            where = (hash(_answer(card)), card.source.path, card.annotation.line)
            for front in card.fronts():
                self._fronts.setdefault(hash((short_title(card.source), front)), where)
        return kept

    def _unique_guids(self, cards: Sequence[Card], problems: list[Problem]) -> list[Card]:
        """One card per GUID: the same highlight read from two notes makes its cards once."""
        warned: set[int] = set()
        unique = []
        for card in cards:
            owner = self._owners.get(card.guid)
            if owner is None:
                self._owners[card.guid] = (card.source.path, card.annotation.line)
                unique.append(card)
            elif id(card.annotation) not in warned:
                warned.add(id(card.annotation))
                problems.append(Problem(
                    f"annotation {card.annotation.annotation_key} was already read at "
                    f"{owner[0]}:{owner[1]}; its cards are made once",
                    card.source.path, card.annotation.line))
        return unique
