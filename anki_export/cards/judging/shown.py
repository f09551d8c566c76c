"""The records the judge reads and writes, and the word facts every pattern shares.

Input: plain card text. Output: `Shown` cards, `Source` context, `Verdict`s, and word helpers
(words of a text, content words, whether two words are one word in two forms).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from anki_export.language.scripts import highlight_language
from anki_export.language.words import CLOSED_CLASS, KEEP_LEAD, word_info

Pattern = Literal["guessable", "not-standalone", "empty-word", "reference", "list"]
PATTERNS: tuple[Pattern, ...] = ("guessable", "not-standalone", "empty-word", "reference", "list")
GAP = "[...]"
_WORD = re.compile(r"[^\W_](?:[\w'’\-]*[^\W_])?")
_CAMEL = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
ENGLISH_ZIPF = 2.5  # a word English text uses at least this often
ENGLISH_SHARE = 2 / 3  # of a highlight's words, for it to be read as English
MIN_SHARED_PREFIX = 4  # "copy" / "copying", "attend" / "attention": one word in two forms


@dataclass(frozen=True, slots=True)
class Shown:
    """One Anki card as the learner sees it."""

    front: str
    """The question side as plain text, the asked gap shown as `[...]` (Q/A: the question)."""
    answer: str
    """What the gap hides (the clozes of one number joined by " / "), or the Q/A answer."""
    back: str = ""
    """What the back adds: the whole highlight, or the claim an argument is about."""
    kind: Literal["cloze", "qa"] = "cloze"
    line: int = 0
    """The source line of the highlight: cards of one highlight share it."""
    label: str = "c1"
    """Which card of its note: `c1`, `c2`, … or `qa`."""


@dataclass(frozen=True, slots=True)
class Source:
    """What the learner knows of the source besides the card: its title and citekey."""

    title: str
    citekey: str = ""


@dataclass(frozen=True, slots=True)
class Verdict:
    """One reason a reader would delete or rewrite one card."""

    pattern: Pattern
    reason: str
    card: Shown


def words(text: str) -> list[str]:
    """The words of a text, hyphenated words kept whole."""
    return _WORD.findall(text)


def is_content(word: str) -> bool:
    """A word that can carry the idea: not a stopword, not a closed-class word."""
    lower = word.lower()
    if lower in CLOSED_CLASS or lower in KEEP_LEAD:
        return False
    return any(c.isdigit() for c in word) or not word_info(lower).stop


def content_words(text: str) -> list[str]:
    """The words of a text that can carry its idea."""
    return [w for w in words(text) if is_content(w) and (len(w) > 1 or w.isupper())]


def same_word(a: str, b: str) -> bool:
    """Whether two words are one word in two forms ("models"/"model", "copy"/"copying")."""
    a, b = a.lower(), b.lower()
    if a == b:
        return True
    if a.isalpha() and b.isalpha() and word_info(a).lemma == word_info(b).lemma:
        return True
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) < MIN_SHARED_PREFIX or not (shorter.isalpha() and longer.isalpha()):
        return False
    if longer.startswith(shorter):
        return True
    if not (word_info(a).tags and word_info(b).tags):
        return False  # a shared start says nothing of unknown or foreign words ("decisis")
    shared = len(_common_prefix(a, b))
    return shared >= MIN_SHARED_PREFIX + 1 and shared >= len(shorter) - 3


def _common_prefix(a: str, b: str) -> str:
    """The longest start both words share."""
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def name_words(source: Source) -> list[str]:
    """The words of the title and the citekey (split at capitals and digits)."""
    found = words(source.title)
    for piece in re.split(r"[\W_]+", source.citekey):
        found += _CAMEL.findall(piece)
    return [w for w in found if is_content(w) and len(w) > 1]


def visible(front: str) -> tuple[str, str]:
    """The front before and after the asked gap (the whole front and "" if it has none)."""
    before, _, after = front.partition(GAP)
    return before, after


def reads_as_english(text: str) -> bool:
    """Whether a front is English: written in Latin letters, and most of its words ones English
    text uses (a highlight in Czech or Catalan is not, and its short words are whole)."""
    letters = [w for w in words(text.replace(GAP, " ")) if w.isalpha()]
    known = [w for w in letters if word_info(w.lower()).zipf >= ENGLISH_ZIPF]
    return highlight_language(text) == "en" and len(known) >= ENGLISH_SHARE * len(letters)
