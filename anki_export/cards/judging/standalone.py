"""Pattern 2, the front does not stand alone: it leans on text the card does not show.

Input: a `Shown` card. Output: the reason its front cannot be read on its own, or nothing.
"""

from __future__ import annotations

import re

from anki_export.cards.judging.shown import GAP, Shown, visible, words
from anki_export.language.words import PREPOSITIONS, word_info, word_set

MAX_SENTENCE_WORDS = 40  # past this the sentence asked holds several ideas, none asked sharply
MIN_VISIBLE_WORDS = 4  # fewer words around the gap leave many answers possible
OPENING_WORDS = 3  # an anaphor this early has nothing on the card to point back to
CUT_WORD_ZIPF = 2.0  # rarer unknown words at the end of an unpunctuated front were cut off
# Words that point back to something said before; closed classes, so listed.
ANAPHORS = word_set("this these those such they them their he she his it its")
DEMONSTRATIVES = word_set("this these those such")
CLAUSE_JOINERS = word_set("while whereas because although which who that since so but")
DETERMINERS = word_set("the a an this these that those its their his her our")
DANGLING_ENDS = word_set("and or but because which that whereas while")
_ENUMERATOR = re.compile(r"^\s*(?:\(?[ivx]{1,4}\)|\(?[a-z0-9]\)|\d+\.)\s*", re.IGNORECASE)


def not_standalone(card: Shown) -> str | None:
    """Why the front cannot be read on its own, or None."""
    front = _ENUMERATOR.sub("", card.front).strip()
    if card.kind == "cloze" and (cut := _gap_cuts_a_phrase(card)):
        return cut
    for check in (_dangling_opener, _damaged_start, _damaged_end, _unbalanced, _too_long,
                  _too_little, _trailing_lead_in):
        reason = check(front)
        if reason:
            return reason
    return None


def _first_sentence(front: str) -> str:
    """The front up to its first full stop (a carried context sentence is what grounds it)."""
    match = re.search(r"[.!?]\s+[A-Z(]", front)
    return front[: match.start() + 1] if match else front


def _dangling_opener(front: str) -> str | None:
    """An opening "This", "They", "Such" … with nothing before it on the card to point at."""
    sentence = _first_sentence(front).split(GAP)[0]
    opening = words(sentence.split(",")[0])[:OPENING_WORDS]
    after_opener = words(sentence.split(",", 1)[1])[:1] if "," in sentence[:60] else []
    # "In a disease context, this is …": a demonstrative after an opening phrase points back
    # too; a personal pronoun there ("If a model …, it must …") usually points into the phrase.
    opening += [w for w in after_opener if w.lower() in DEMONSTRATIVES]
    for word in opening:
        if word.lower() in ANAPHORS:
            return f"opens on {word!r}, which points at text the card does not show"
    return None


def _gap_cuts_a_phrase(card: Shown) -> str | None:
    """A gap that runs from one clause into the next ("scarce while land"), from a subject into
    its verb ("Efflux pumps export | the antibiotic"), or stops inside a phrase ("of the
    Earth's | magnetic field")."""
    hidden = words(card.answer)
    for word in hidden[1:-1]:
        if word.lower() in CLAUSE_JOINERS:
            return f"the gap {card.answer!r} runs across a clause boundary ({word!r})"
    if not hidden:
        return None
    last = hidden[-1].lower()
    if last in PREPOSITIONS | DETERMINERS or last.endswith(("'s", "’s")):
        return f"the gap {card.answer!r} stops inside a phrase"
    following = (words(visible(card.front)[1]) or [""])[0].lower()
    joined = not visible(card.front)[1][:1].strip()  # no punctuation between gap and next word
    if len(hidden) >= 2 and joined and following in DETERMINERS and "VERB" in word_info(last).tags:
        return f"the gap {card.answer!r} runs from a subject into its verb"
    return None


def _damaged_start(front: str) -> str | None:
    """A front that starts mid-sentence (lowercase, or on stray punctuation) or mid-word."""
    start = front.lstrip("\"'“‘«")
    if start.startswith(GAP):
        return None
    if start[:1] in ")]},;:.-–—":
        return f"starts on a stray {start[:1]!r}: the highlight was cut"
    first = (words(start) or [""])[0]
    if start[:1].islower() and first[1:].islower():
        if not word_info(first.lower()).tags and word_info(first.lower()).zipf < CUT_WORD_ZIPF:
            return f"starts mid-word ({first!r})"
        return f"starts mid-sentence ({first!r}): no subject on the card"
    return None


def _damaged_end(front: str) -> str | None:
    """An unpunctuated front whose last word is not a word: the highlight stops mid-word."""
    end = front.rstrip()
    if not end or end.endswith((".", "!", "?", ")", "]", '"', "”", "’", GAP)):
        return None
    last = (words(end) or [""])[-1]
    piece = last.split("-")[-1]
    if len(piece) == 1 and piece.isupper():
        return f"ends on a single letter ({last!r}): the highlight stops mid-word"
    info = word_info(piece.lower())
    if piece.islower() and not info.tags and info.zipf < CUT_WORD_ZIPF:
        return f"ends mid-word ({last!r})"
    return None


def _unbalanced(front: str) -> str | None:
    """An opened bracket never closed, or a closed one never opened: text is missing."""
    text = front.replace(GAP, "")
    for opening, closing in ("()", "[]"):
        if text.count(opening) != text.count(closing):
            alone = opening if text.count(opening) > text.count(closing) else closing
            return f"an unmatched {alone!r}: part of the sentence is missing"
    return None


def _too_long(front: str) -> str | None:
    """A sentence too long to ask one thing (a context sentence carried before it may add)."""
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z(])", front)
    asked = next((s for s in sentences if GAP in s), front)
    n = len(words(asked))
    if n > MAX_SENTENCE_WORDS:
        return f"the sentence asked is {n} words long: more than one idea to read"
    return None


def _too_little(front: str) -> str | None:
    """Too few words around the gap to point at one answer (a mapping half, a bare list item)."""
    before, after = visible(front)
    n = len(words(before)) + len(words(after))
    if GAP in front and n < MIN_VISIBLE_WORDS:
        return f"only {n} words around the gap: many answers fit"
    return None


def _trailing_lead_in(front: str) -> str | None:
    """A front that ends on a colon or a conjunction: its point comes after it."""
    end = front.rstrip()
    if end.endswith(GAP):
        return None
    last = (words(end) or [""])[-1].lower()
    if end.endswith(":") or (last in DANGLING_ENDS | PREPOSITIONS and not end.endswith(".")):
        return "ends on a lead-in (a colon or a conjunction): its point is on another card"
    return None
