"""Pattern 4, a reference is hidden: a citation year, a reference number, a figure number,
a caption, a formula or code, none of which a learner means to remember.

Input: a `Shown` card. Output: the reason its gap hides a reference, or nothing.
"""

from __future__ import annotations

import re

from anki_export.cards.judging.shown import Shown, visible, words
from anki_export.language.words import REFERENCES

_YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)[a-z]?$")
_NUMBERS = re.compile(r"^[\d\s,–\-]+$")
_CITATION_BEFORE = re.compile(r"(et al\.?|&)\s*,?\s*$")
_CAPTION = re.compile(r"^\s*(table|figure|fig\.|eq\.|equation|listing|algorithm)\s*[\dA-Z]+[.:]",
                      re.IGNORECASE)
_MATH = re.compile(r"[=+^×÷∑∏√∫≤≥≈∈βαγδθλμσφψω\u0370-\u03ff\U0001d400-\U0001d7ff]")
_CODE = re.compile(r"[`{};]|\w\(\)|::|\b[a-z]+_[a-z_]+\b|\b[a-z]+[A-Z]\w*\(")
MAX_OPEN_DISTANCE = 80  # characters back to an unclosed "(" that holds a citation


def hides_a_reference(card: Shown) -> str | None:
    """Why the gap hides a reference rather than an idea, or None."""
    if card.kind == "qa":
        return None
    before, after = visible(card.front)
    answer = card.answer.strip()
    if _CAPTION.match(card.front):
        return "the card is made from a caption, which states no fact"
    if _MATH.search(answer) or (_MATH.search(before[-3:] + after[:3]) and "=" in card.front):
        return f"hides {answer!r}, part of a formula"
    if _CODE.search(answer):
        return f"hides {answer!r}, a piece of code"
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


def _inside(before: str, opening: str, closing: str) -> bool:
    """Whether the text before the gap leaves a bracket open."""
    return before.rfind(opening) > before.rfind(closing)
