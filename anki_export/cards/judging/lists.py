"""Pattern 5, lists and parallels: one item of a list hidden beside the others, or in parallel
clauses the words they share hidden while what differs stays visible.

Input: a `Shown` card. Output: the reason its gap sits in a list or a parallel, or nothing.
"""

from __future__ import annotations

import re

from anki_export.cards.judging.shown import GAP, Shown, is_content, words
from anki_export.language.words import DISCOURSE, PRONOUNS, RELATIVES

MAX_ITEM_WORDS = 4  # list items are short; longer comma-separated parts are clauses
MIN_ITEMS = 3
ARTICLES = frozenset({"a", "an", "the", "\x00"})
SLOT_TOLERANCE = 1  # parallel clauses repeat a word at about the same position
SUBJECT_SLOT = 2  # the first words of a clause are what parallel clauses differ in
_PARTS = re.compile(r",|;|\bwhereas\b|\bwhile\b")
_COORDINATOR = re.compile(r"^\s*(?:and|or)\s+|\s+(?:and|or)\s+", re.IGNORECASE)


def in_a_list_or_parallel(card: Shown) -> str | None:
    """Why the gap is one item of a list, or the shared part of parallel clauses, or None."""
    if card.kind == "qa" or GAP not in card.front:
        return None
    sentence = _sentence_with_gap(card.front)
    return _list_item(sentence) or _parallel(sentence)


def _sentence_with_gap(front: str) -> str:
    """The sentence of the front that holds the gap."""
    for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z(\[])", front):
        if GAP in sentence:
            return sentence
    return front


def _list_item(sentence: str) -> str | None:
    """The gap is one short item among at least three, the last joined by "and" or "or"."""
    body = sentence.split(":", 1)[1] if ":" in sentence.split(GAP)[0] else sentence
    items: list[tuple[str, bool]] = []  # each item, and whether "and"/"or" joins it on
    for part in re.split(r",|;", body):
        pieces = [p for p in _COORDINATOR.split(part) if p.strip()]
        joined = _COORDINATOR.match(part) is not None
        for k, piece in enumerate(pieces):
            items.append((piece.strip(), joined or k > 0))
    where = next((i for i, (item, _) in enumerate(items) if GAP in item), None)
    if where is None or len(words(items[where][0])) > MAX_ITEM_WORDS + 1:
        return None
    run = [where]
    for step in (-1, 1):
        i = where + step
        # A relative clause ("mice, which are raised …, have …") is no item, and ends the run.
        while (0 <= i < len(items) and len(words(items[i][0])) <= MAX_ITEM_WORDS
               and not _relative(items[i][0])):
            run.append(i)
            i += step
        if step == -1 and i >= 0 and not _relative(items[i][0]):
            run.append(i)  # the first item carries the sentence's start: "exports were furs"
    # A list ends on a short coordinated item; clauses merely next to each other are not one.
    closed = any(items[i][1] for i in run if i > min(run))
    if len(run) >= MIN_ITEMS and closed:
        others = [items[i][0] for i in sorted(run) if i != where]
        return f"hides one item of a list whose other items ({'; '.join(others)}) are visible"
    return None


def _relative(item: str) -> bool:
    """Whether a comma-separated part opens a relative clause."""
    return (words(item) or [""])[0].lower() in RELATIVES


def _parallel(sentence: str) -> str | None:
    """The gap is late in one of several clauses built alike, so it is not what differs."""
    clauses = [_clause_words(c) for c in _PARTS.split(sentence) if words(c)]
    with_gap = next((c for c in clauses if "\x00" in c), None)
    if with_gap is None:
        return None
    twins = [c for c in clauses if c is not with_gap and _alike(c, with_gap)]
    if not twins or with_gap.index("\x00") < SUBJECT_SLOT:
        return None
    # Three or more clauses built alike are a list, each clause an item: hiding what one says
    # asks one item while the others stand beside it.
    if len(twins) + 1 >= MIN_ITEMS and all(_differs_there(t, with_gap) for t in twins):
        return f"hides what one of {len(twins) + 1} parallel clauses says; the others are visible"
    if all(_differs_there(twin, with_gap) for twin in twins):
        return None
    return "hides words shared by parallel clauses; what differs between them stays visible"


def _differs_there(twin: list[str], with_gap: list[str]) -> bool:
    """Whether the twin clause says something else where the gap stands: the word before the
    gap recurs in the twin, and what follows it there is not on the gap's clause ("taken up by
    the oceans, and another quarter by [...]"): the gap is on what differs."""
    lead = [w for w in with_gap[: with_gap.index("\x00")] if w not in ARTICLES]
    if not lead or lead[-1] not in twin:
        # The twin does not repeat what leads to the gap ("…, whereas simple span tasks did
        # not"): it shares nothing there, so the gap hides nothing shared.
        return bool(lead)
    there = twin.index(lead[-1]) + 1
    following = [w for w in twin[there:] if w not in ARTICLES][:1]
    # A pronoun there ("ruled the [...], … ruled it") stands for the same thing.
    return bool(following) and is_content(following[0]) and following[0] not in with_gap


def _clause_words(clause: str) -> list[str]:
    """A clause's lowercase words, the gap as a NUL word, discourse openers dropped."""
    marked = clause.replace(GAP, " \x00 ")
    found = [w.lower() for w in words(marked.replace("\x00", "GAPWORD"))]
    found = ["\x00" if w == "gapword" else w for w in found]
    while found and found[0] in DISCOURSE:
        found.pop(0)
    return found


def _alike(a: list[str], b: list[str]) -> bool:
    """Whether two clauses open alike or repeat a word at about the same place."""
    if len(a) < 2 or len(b) < 2:
        return False
    # Clauses that share a pronoun ("They have …, so they cannot …") speak of one thing; they
    # are not built alike.
    if a[0] == b[0] and a[0] not in ARTICLES | PRONOUNS:
        return True
    for i, word in enumerate(a[:4]):
        near = range(max(0, i - SLOT_TOLERANCE), min(len(b), i + SLOT_TOLERANCE + 1))
        if len(word) > 3 and word not in PRONOUNS and any(b[j] == word for j in near):
            return True
    return False
