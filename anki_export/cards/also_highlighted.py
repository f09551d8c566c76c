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
from anki_export.cards.standalone import is_formula
from anki_export.read.annotation import Annotation

ALSO_HIGHLIGHTED = "Also highlighted: "
"""Opens each carried line on the back."""
MAX_CARRIED = 6
"""Lines one card's back carries at most."""
MAX_CARRIED_CHARS = 900
"""Characters of carried lines one card's back holds at most (a single longer line may go
alone on a card that carries nothing else)."""
_WIKILINK = re.compile(r"\[\[([^\]|]+)(?:\|([^\]]+))?\]\]")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:\s|$)")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
# A highlight that opens by leaning on the one before ("Thus …", "This …") belongs with it.
_LEANS_BACK = re.compile(r"^(?:thus|hence|therefore|so|consequently|this|these|that|those|it|"
                         r"they|such|however|but|and|also|moreover|furthermore)\b", re.I)


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


def as_shown(text: str) -> str:
    """Text as a card shows it: wikilinks by their label ("[[A|b]]" -> "b"), a word broken
    over a line ("non-\\nlinear") joined again, runs of whitespace as single spaces."""
    joined = re.sub(r"(?<=\w-)\s*\n\s*(?=\w)", "", text)
    return _collapsed(_WIKILINK.sub(lambda m: m.group(2) or m.group(1), joined))


def also_line(annotation: Annotation) -> str:
    """One highlight as the back of another card shows it: its text, page and comment."""
    page = f" (p. {annotation.page_label})" if annotation.page_label else ""
    comment = _collapsed(annotation.comment or "")
    return f"{ALSO_HIGHLIGHTED}“{_collapsed(annotation.text)}”{page}" + (
        f" — {comment}" if comment else "")


def carry_skipped(
    cards: Sequence[Card], skipped: Sequence[Annotation], starts: Sequence[int]
) -> list[Card]:
    """The cards, each no-card highlight carried by the nearest card of its section (before
    it, else after it) that has room, else by the nearest card of the note that has.

    Only highlights the rules found nothing worth asking in are carried: a vetoed one was
    refused by the reader, and references, other languages and missing images are not text
    worth showing beside a card. A highlight some card already shows is not repeated; a bare
    formula rides on the line of the term it names ("MLR") and, naming nothing, is left off.
    A card carries at most `MAX_CARRIED` lines of `MAX_CARRIED_CHARS` in all, so backs stay
    short; a line longer than that goes only to a card that carries nothing yet. When every
    card is full, the card that carries fewest lines takes one more: a highlight on a long
    back is better than one asked by a cloze of a sentence with nothing worth asking (graded
    cards of such sentences are mostly bad), or lost.
    """
    shown = [_collapsed(" ".join((card.text, card.answer, card.extra))) for card in cards]
    carried: dict[int, list[str]] = {}
    for line, text in _carried_lines(skipped, shown):
        leans_back = _LEANS_BACK.match(text.removeprefix(f"{ALSO_HIGHLIGHTED}“")) is not None
        hosts = _hosts(line, cards, starts, leans_back)
        host = next((i for i in hosts if _has_room(carried.get(i, []), text)),
                    min(hosts, key=lambda i: len(carried.get(i, [])), default=None))
        if host is not None:
            carried.setdefault(host, []).append(text)
    return [replace(card, also_highlighted=(*card.also_highlighted, *carried[index]))
            if index in carried else card for index, card in enumerate(cards)]


def _carried_lines(skipped: Sequence[Annotation], shown: Sequence[str]) -> list[tuple[int, str]]:
    """(note line, back line) of each highlight worth carrying, a formula folded into the line
    of the term right before it that its comment names."""
    lines: list[tuple[int, str]] = []
    term = ""
    for annotation in sorted(skipped, key=lambda a: a.line):
        text = _collapsed(annotation.text)
        if annotation.role != NO_CARD or not text or any(
                text in back or as_shown(text) in back for back in shown):
            continue  # a card already shows it (an argument's card quotes its claim, a
            # formula's card names its term)
        if not is_formula(text):
            lines.append((annotation.line, also_line(annotation)))
            term = _collapsed(annotation.text).strip("[]").casefold()
            continue
        comment = _collapsed(annotation.comment or "").casefold()
        if lines and comment and term and (comment in term or term in comment):
            page = f" (p. {annotation.page_label})" if annotation.page_label else ""
            line, previous = lines[-1]
            lines[-1] = (line, f"{previous}: “{text}”{page}")  # "SLR (p. 2): “y = …” (p. 2)"
        elif comment:
            lines.append((annotation.line, also_line(annotation)))
        term = ""
    return lines


def _has_room(lines: Sequence[str], text: str) -> bool:
    """Whether a card carrying `lines` may carry `text` too."""
    if not lines:
        return True
    return len(lines) < MAX_CARRIED and sum(map(len, lines)) + len(text) <= MAX_CARRIED_CHARS


def _hosts(
    line: int, cards: Sequence[Card], starts: Sequence[int], leans_back: bool
) -> list[int]:
    """Indexes of the cards that may carry a highlight at `line`, best first: the nearest in
    its section, before it or after it (a card four highlights back is further from the
    highlight's idea than the next one), the one before it on a tie, then the nearest in the
    note. A highlight that leans on the one before it ("Thus …") goes before it first."""
    section = _section(line, starts)
    ranked = sorted(
        (
            _section(card.annotation.line, starts) != section,
            leans_back and card.annotation.line > line,
            abs(card.annotation.line - line),
            card.annotation.line > line,
            index,
        )
        for index, card in enumerate(cards)
        if card.annotation.line != line
    )
    return [index for *_, index in ranked]
