"""Highlights that make no card of their own, carried on the back of a card beside them.

Input: a source's cards, the annotations that made none, and the note's lines. Output: the
cards, with each no-card highlight named in the `also_highlighted` lines of one card of its
section, so the learner still sees it in context. Fronts, answers and GUIDs never change.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from anki_export.cards.card import NO_CARD, Card
from anki_export.read.annotation import Annotation

ALSO_HIGHLIGHTED = "Also highlighted: "
"""Opens each carried line on the back."""
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:\s|$)")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")


def section_starts(lines: Sequence[str], body_start: int) -> list[int]:
    """1-based lines of the note's markdown headings (not in frontmatter or code blocks)."""
    starts, fenced = [], False
    for index in range(body_start, len(lines)):
        if _FENCE.match(lines[index]):
            fenced = not fenced
        elif not fenced and _HEADING.match(lines[index]):
            starts.append(index + 1)
    return starts


def previous_in_section(
    annotation: Annotation, annotations: Sequence[Annotation], starts: Sequence[int]
) -> Annotation | None:
    """The highlight right before `annotation` in the note, when no heading comes between:
    what a highlight that opens by pointing back ("To address this limitation, …") points at."""
    earlier = [a for a in annotations if a.line < annotation.line and a.text.strip()]
    if not earlier:
        return None
    previous = max(earlier, key=lambda a: a.line)
    same = _section(previous.line, starts) == _section(annotation.line, starts)
    return previous if same else None


def _section(line: int, starts: Sequence[int]) -> int:
    """The heading line a note line falls under (0 before the first heading)."""
    return max((start for start in starts if start <= line), default=0)


def _collapsed(text: str) -> str:
    """Text with its runs of whitespace as single spaces."""
    return " ".join(text.split())


def also_line(annotation: Annotation) -> str:
    """One highlight as the back of another card shows it: its text, page and comment."""
    page = f" (p. {annotation.page_label})" if annotation.page_label else ""
    comment = _collapsed(annotation.comment or "")
    return f"{ALSO_HIGHLIGHTED}“{_collapsed(annotation.text)}”{page}" + (
        f" — {comment}" if comment else "")


def carry_skipped(
    cards: Sequence[Card], skipped: Sequence[Annotation], starts: Sequence[int]
) -> list[Card]:
    """The cards, each no-card highlight carried by the nearest card made from a highlight
    before it in its section (else the nearest after it there; else by none).

    Only highlights the rules found nothing worth asking in are carried: a vetoed one was
    refused by the reader, and references, other languages and missing images are not text
    worth showing beside a card. A highlight some card already shows is not repeated.
    """
    shown = [_collapsed(" ".join((card.text, card.answer, card.extra))) for card in cards]
    carried: dict[int, list[str]] = {}
    for annotation in sorted(skipped, key=lambda a: a.line):
        text = _collapsed(annotation.text)
        if annotation.role != NO_CARD or not text or any(text in back for back in shown):
            continue  # a card already shows it (an argument's card quotes its claim)
        host = _host(annotation.line, cards, starts)
        if host is not None:
            carried.setdefault(host, []).append(also_line(annotation))
    return [replace(card, also_highlighted=(*card.also_highlighted, *carried[index]))
            if index in carried else card for index, card in enumerate(cards)]


def _host(line: int, cards: Sequence[Card], starts: Sequence[int]) -> int | None:
    """Index of the card to carry a highlight at `line`: nearest before, else after, in its
    section; the first card of that highlight."""
    section = _section(line, starts)
    same = [(card.annotation.line, index) for index, card in enumerate(cards)
            if card.annotation.line != line and _section(card.annotation.line, starts) == section]
    before = [(-card_line, index) for card_line, index in same if card_line < line]
    after = [(card_line, index) for card_line, index in same if card_line > line]
    nearest = min(before or after, default=None)
    return nearest[1] if nearest is not None else None
