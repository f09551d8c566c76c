"""Quality figures for a set of cards: what `anki-export cards --check` reports.

Input: the `Card`s of a build. Output: a `Report` of figures and findings; hard findings (an
empty cloze, a duplicate front) make the check fail. Besides these mechanical faults, each
source's cards are read as a reader would (`judging/`): those findings are soft.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from anki_export.cards.card import Card
from anki_export.cards.judging.judge import judge, shown_cards
from anki_export.cards.judging.shown import Source
from anki_export.language.words import is_stopword
from anki_export.read.notes import short_title

MAX_HIDDEN_SHARE = 0.6
_LINK = re.compile(r"\[[^\]]*\]\([^)]*\)|\[\[[^\]]*\]\]|\w+://\S+")


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing wrong with one card."""

    card: Card
    message: str
    hard: bool
    """Hard findings fail the check: the card cannot work as it is."""
    pattern: str = ""
    """What a reader holds against the card (see `judging.shown.PATTERNS`); empty for the
    mechanical findings."""
    label: str = ""
    """Which Anki card of the note a reader's finding is about: `c1`, `c2`, … or `qa`."""
    front: str = ""
    """That card's front as the learner sees it, the asked gap as `[...]`."""
    answer: str = ""
    """What that card hides, or its answer."""


@dataclass(frozen=True, slots=True)
class Report:
    """What a reader of the deck would want to know before reviewing it."""

    notes: int
    cards: int
    by_rule: Counter[str]
    findings: tuple[Finding, ...]
    damaged: int
    """Cards still showing U+FFFD (text the PDF lost that could not be repaired)."""
    cards_by_source: dict[Path, int] = field(default_factory=dict)
    """Anki cards per note file, for the per-source figures."""

    @property
    def failed(self) -> bool:
        """Whether any finding is hard."""
        return any(finding.hard for finding in self.findings)


def check(cards: Sequence[Card]) -> Report:
    """Check every card against the rules for good cards."""
    findings = [f for card in cards for f in _card_findings(card)]
    findings += _duplicate_fronts(cards)
    findings += _read_as_a_reader(cards)
    damaged = sum(1 for c in cards if "\ufffd" in c.text + c.answer + c.extra)
    return Report(
        notes=len(cards),
        cards=sum(card.anki_cards for card in cards),
        by_rule=Counter(card.rule for card in cards),
        findings=tuple(findings),
        damaged=damaged,
        cards_by_source=dict(_cards_by_source(cards)),
    )


def _cards_by_source(cards: Sequence[Card]) -> Counter[Path]:
    """How many Anki cards each note file makes."""
    counts: Counter[Path] = Counter()
    for card in cards:
        counts[card.source.path] += card.anki_cards
    return counts


def _card_findings(card: Card) -> list[Finding]:
    """What is wrong with one card on its own."""
    if card.kind == "qa":
        empty = not card.text.strip() or not card.answer.strip()
        return [Finding(card, "question or answer is empty", True)] if empty else []
    if not card.clozes:
        return [Finding(card, "cloze note without a cloze", True)]
    findings = []
    hidden: Counter[int] = Counter()  # per Anki card, i.e. per cloze number
    links = [m.span() for m in _LINK.finditer(card.text)]
    for cloze in card.clozes:
        span = card.text[cloze.start : cloze.end]
        hidden[cloze.number] += len(span)
        words = re.findall(r"\w+", span)
        if not words:
            findings.append(Finding(card, f"c{cloze.number} hides nothing", True))
        elif all(is_stopword(word) for word in words):
            findings.append(Finding(card, f"c{cloze.number} hides only stopwords: '{span}'", False))
        if _cuts_a_word(card.text, cloze.start, cloze.end):
            findings.append(Finding(card, f"c{cloze.number} cuts a word: '{span}'", False))
        if any(cloze.start < end and start < cloze.end for start, end in links):
            findings.append(Finding(card, f"c{cloze.number} is inside a link", False))
    for number, share in hidden.items():
        # A mapping pair is two short phrases: hiding one of them is the point of the card.
        if card.rule != "mapping-pair" and share > MAX_HIDDEN_SHARE * len(card.text):
            percent = share * 100 // len(card.text)
            findings.append(Finding(card, f"c{number} hides {percent}% of the text", False))
    return findings


def _read_as_a_reader(cards: Sequence[Card]) -> list[Finding]:
    """The judge's verdicts on each source's cards, as soft findings."""
    by_source: dict[object, list[Card]] = {}
    for card in cards:
        by_source.setdefault(card.source.path, []).append(card)
    findings = []
    for notes in by_source.values():
        shown = [(note, one) for note in notes for one in shown_cards(note)]
        source = Source(short_title(notes[0].source), notes[0].source.citekey)
        owner = {id(one): note for note, one in shown}
        for verdict in judge([one for _, one in shown], source):
            seen = verdict.card
            message = f"{seen.label} {verdict.pattern}: {verdict.reason}"
            findings.append(Finding(owner[id(seen)], message, False, verdict.pattern, seen.label,
                                    seen.front, seen.answer))
    return findings


def _cuts_a_word(text: str, start: int, end: int) -> bool:
    """Whether a span starts or ends inside a word."""
    before = text[start - 1 : start] if start else ""
    after = text[end : end + 1]
    inside = text[start : start + 1] + text[end - 1 : end] if end > start else ""
    return bool(re.match(r"\w\w", before + inside[:1]) or re.match(r"\w\w", inside[1:] + after))


def _duplicate_fronts(cards: Sequence[Card]) -> list[Finding]:
    """Cards of one deck whose fronts are the same: the learner cannot tell what is asked."""
    seen: dict[tuple[str, str], Card] = {}
    findings = []
    for card in cards:
        for front in card.fronts():
            key = (short_title(card.source), front)
            first = seen.setdefault(key, card)
            if first is not card:
                where = f"{first.source.path}:{first.annotation.line}"
                findings.append(Finding(card, f"same front as the card from {where}: '{front}'",
                                        True))
    return findings
