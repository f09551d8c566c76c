"""Pattern 4, a reference is hidden: a citation year, a reference number, a figure number,
a caption, a formula or code, or the sample size that sets a study's scene, none of which a
learner means to remember.

Input: a `Shown` card. Output: the reason its gap hides a reference, or nothing.
"""

from __future__ import annotations

import re

from anki_export.cards.judging.shown import Shown, visible, words
from anki_export.language.words import REFERENCES, word_info, word_set

_YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)[a-z]?$")
_NUMBERS = re.compile(r"^[\d\s,–\-]+$")
_CITATION_BEFORE = re.compile(r"(et al\.?|&)\s*,?\s*$")
_CAPTION = re.compile(r"^\s*(table|figure|fig\.|eq\.|equation|listing|algorithm)\s*[\dA-Z]+[.:]",
                      re.IGNORECASE)
_MATH = re.compile(r"[=+^×÷∑∏√∫≤≥≈∈βαγδθλμσφψω\u0370-\u03ff\U0001d400-\U0001d7ff]")
_CODE = re.compile(r"[`{};]|\w\(\)|::|\b[a-z]+_[a-z_]+\b|\b[a-z]+[A-Z]\w*\(")
# Prepositions that open a sentence's setting: where, among whom, with what sample.
SCENE_OPENERS = word_set("in with among across from for of")
_OPERATOR = re.compile(r"[=+^×÷∑∏√∫≤≥≈∈]")
_NAMED = re.compile(r"[A-Z]{2}")
MAX_OPEN_DISTANCE = 80  # characters back to an unclosed "(" that holds a citation


def hides_a_reference(card: Shown) -> str | None:
    """Why the gap hides a reference rather than an idea, or None."""
    if card.kind == "qa":
        return None
    before, after = visible(card.front)
    answer = card.answer.strip()
    if _CAPTION.match(card.front):
        return "the card is made from a caption, which states no fact"
    if _formula(answer) or (_MATH.search(before[-3:] + after[:3]) and "=" in card.front):
        return f"hides {answer!r}, part of a formula"
    if _CODE.search(answer):
        return f"hides {answer!r}, a piece of code"
    if setting := _sample_size(card):
        return setting
    if not _NUMBERS.match(answer) and not _YEAR.match(answer):
        return None
    if _inside(before, "[", "]"):
        return f"hides {answer!r}, a bracketed reference number"
    previous = (words(before) or [""])[-1].lower().rstrip(".")
    if previous in REFERENCES:
        return f"hides {answer!r}, the number of a {previous}"
    if _YEAR.match(answer):
        tail = before[-MAX_OPEN_DISTANCE:]
        if _inside(tail, "(", ")") or _CITATION_BEFORE.search(tail):
            return f"hides {answer!r}, the year of a citation"
        if previous and previous.isalpha() and words(before)[-1].isupper():
            return f"hides {answer!r}, a year that is part of a name"
    return None


def _formula(answer: str) -> bool:
    """Whether the answer holds a formula: an operator, or a Greek or math letter standing as a
    symbol; one inside a name of Latin capitals ("ΛCDM", "NF-κB") is part of the name."""
    if _OPERATOR.search(answer):
        return True
    return any(_MATH.search(token) and not _NAMED.search(token) for token in answer.split())


def _inside(before: str, opening: str, closing: str) -> bool:
    """Whether the text before the gap leaves a bracket open."""
    return before.rfind(opening) > before.rfind(closing)


def _sample_size(card: Shown) -> str | None:
    """A count of people or things in the opening phrase that sets the scene ("In a study with
    [43 students] at two universities, 33 of them …"): it locates the finding, which follows
    the comma and stays visible; no learner means to remember it."""
    before, after = visible(card.front)
    hidden = words(card.answer)
    opener = (words(before) or [""])[0]
    counted = len(hidden) >= 2 and any(c.isdigit() for c in hidden[0])
    counts = counted and word_info(hidden[-1].lower()).plural
    opening = opener.lower() in SCENE_OPENERS and opener[:1].isupper() and "," not in before
    if counts and opening and "," in after:  # the comma ends the opening phrase
        return f"hides {card.answer!r}, a count in the phrase that sets the scene"
    return None
