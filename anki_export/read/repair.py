"""Repair PDF-extraction damage in one highlight's text.

Input: the raw highlight text. Output: a `Repair` with the repaired text and what stayed unsure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from anki_export.language.lexicon import zipf_frequency

FFFD = "\ufffd"
OPEN_QUOTE, CLOSE_QUOTE, EM_DASH = "\u201c", "\u201d", "\u2014"

# Our own table, not ftfy's: ftfy also splits the IJ/DŽ digraphs and maps U+FB05 to long s + t.
_LIGATURE_CHARS = str.maketrans({
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
    "\ufb05": "st", "\ufb06": "st",
})  # fmt: skip
_NEEDS_REPAIR = re.compile("[\ufffd\ufb00-\ufb06]")
_LOST_LIGATURES = ("fi", "fl", "ff", "ffi", "ffl")
_CONTRACTION_SUFFIXES = frozenset({"s", "t", "ll", "re", "ve", "d", "m"})
# wordfreq lists words down to zipf 1.0; real but rare ones ("identifiability" 1.18) sit there.
_MIN_ZIPF = 1.0
# Zipf is log10, so 2.0 means the bare word is 100 times commoner than the ligature word.
_QUOTE_MARGIN = 2.0
# After whitespace collapsing, a following word is " " plus maybe an opening-quote U+FFFD.
_NEXT_INITIAL = re.compile(r" \ufffd?([^\W\d_])")
# The next U+FFFD closes a word ("better�"): it can pair with an opening one.
_CLOSER_AHEAD = re.compile(r"[^\ufffd]*[^\W\d_]\ufffd(?![^\W\d_])")
_SENTENCE_END = re.compile(r"[.!?] ")
# A capitalised item followed, later in the sentence, by "� and": one item of a list
# ("Jesus is internally aligned� Martin Luther is corrigibly aligned� and Blaise Pascal...").
_LIST_ITEM_AHEAD = re.compile(r" [^.!?\ufffd]{1,80}\ufffd (?:and|or) ")
_FFFD_RE = re.compile(FFFD)
# Words that begin short openers ("To be explicit", "For example"), which end with a comma.
_INTRO_WORDS = frozenset({
    "to", "in", "for", "as", "on", "at", "by", "with", "without", "after", "before", "unlike",
    "like", "given", "since", "because", "if", "when", "while", "although", "though", "from",
    "during", "despite", "under", "through",
})  # fmt: skip
# Word tails that wordfreq lists as tokens but that start no sentence ("ing the model").
_WORD_TAILS = frozenset({
    "ing", "ings", "tion", "tions", "ation", "ations", "ment", "ments", "ness", "ity", "ities",
    "ly",
})  # fmt: skip
_CUT_WORD_ZIPF = 2.0
_COPULAS = frozenset({"is", "are", "was", "were"})
_SNIPPET_RADIUS = 15


@dataclass(frozen=True, slots=True)
class Repair:
    """Highlight text after repair, with what could not be repaired."""

    text: str  # repaired text (whitespace collapsed, trimmed)
    unresolved: tuple[str, ...]  # one context snippet (~30 chars) per U+FFFD left in `text`
    starts_mid_word: bool  # the selection seems to start mid-word ("n order for"); text unchanged


def repair_text(raw: str) -> Repair:
    """Repair ligatures, U+FFFD and whitespace in one highlight."""
    if not _NEEDS_REPAIR.search(raw):  # the common case: nothing but whitespace to tidy
        text = " ".join(raw.split())
        return Repair(text, (), _starts_mid_word(text))
    text = " ".join(raw.translate(_LIGATURE_CHARS).split())
    if FFFD in text:
        text = _resolve_all(text)
    return Repair(text, _unresolved_snippets(text), _starts_mid_word(text))


def _resolve_all(text: str) -> str:
    """Replace every U+FFFD that its context decides; leave the others."""
    done, start, quote_open = "", 0, False
    i = text.find(FFFD)
    while i != -1:
        done += text[start:i]
        fix = _resolve(text, i, done, quote_open)
        quote_open = (quote_open or fix == OPEN_QUOTE) and fix != CLOSE_QUOTE
        done += fix
        start = i + 1
        i = text.find(FFFD, start)
    return done + text[start:]


def _resolve(text: str, i: int, done: str, quote_open: bool) -> str:
    """Decide what the U+FFFD at text[i] stands for, given the repaired text before it."""
    before, after = done[-1:], text[i + 1 : i + 2]
    left, right = _trailing_letters(done), _leading_letters(text, i + 1)
    if left and right:  # inside a word: a ligature ("di�cult") or an apostrophe ("he�ll")
        return _best_fill(left, right, True)[1] or FFFD
    if right:  # at a word start: a ligature ("�gure") or an opening quote ("�model")
        score, fill = _best_fill("", right, False)
        if before in ("", " ", "(") and _CLOSER_AHEAD.match(text, i + 1):
            # Commas make closers common, so a real ligature word ("�at" flat) wins unless the
            # bare word is far commoner ("�in" fin); a lone letter is rarely quoted ("�x" fix).
            stem = _zipf(right) if len(right) > 1 else 0.0
            if not fill or stem - score >= _QUOTE_MARGIN:
                return OPEN_QUOTE
        return fill or FFFD
    if before and not before.isspace():  # at a word end
        if left:  # "o�" is "off" but "do�" is "do" plus punctuation: beat the bare word
            score, fill = _best_fill(left, "", False)
            if fill and score > _zipf(left):
                return fill
        return CLOSE_QUOTE if quote_open else _punctuation(text, i, done)
    if before == " " and after == " ":  # "God � he"
        return EM_DASH
    return FFFD


def _punctuation(text: str, i: int, done: str) -> str:
    """Pick the comma or full stop that a word-final U+FFFD most likely was."""
    if i + 1 == len(text):
        return "."
    following = _NEXT_INITIAL.match(text, i + 1)
    if not following:
        return FFFD
    initial, words = following.group(1), _sentence_so_far(done)
    opener = 0 < len(words) <= 3 and words[0].lower() in _INTRO_WORDS
    if initial.islower():
        # No comma parts a short subject from its verb ("Gradient hacking� is"): a lost
        # footnote mark or closing quote is likelier, and nothing tells which.
        verb = _leading_letters(text, following.start(1))
        short_subject = 0 < len(words) <= 3 and not opener
        return FFFD if short_subject and verb in _COPULAS else ","
    if initial.isupper():
        # "To be explicitly� Jesus": after a short opener a capital is a name, not a sentence.
        list_item = _LIST_ITEM_AHEAD.match(text, i + 1) is not None
        return "," if len(words) == 1 or opener or list_item else "."
    return FFFD


def _sentence_so_far(done: str) -> list[str]:
    """Return the words of the current sentence, or [] when its start was not selected."""
    words = _SENTENCE_END.split(done)[-1].split()
    return words if words and words[0][:1].isupper() else []


@lru_cache(maxsize=16384)
def _best_fill(left: str, right: str, contraction: bool) -> tuple[float, str]:
    """Return (zipf, fill) for the most frequent real word left + fill + right, or (0, "")."""
    fills = list(_LOST_LIGATURES)
    if contraction and right.lower() in _CONTRACTION_SUFFIXES:
        fills.append("'")
    best = max((_zipf(left + fill + right), fill) for fill in fills)
    if best[0] < _MIN_ZIPF:
        return 0.0, ""
    word = left + right
    return best[0], best[1].upper() if len(word) > 1 and word.isupper() else best[1]


@lru_cache(maxsize=65536)
def _zipf(word: str) -> float:
    """Return the English Zipf frequency of a word (0 if unknown)."""
    return float(zipf_frequency(word, "en"))


def _trailing_letters(text: str) -> str:
    """Return the letters that end text."""
    i = len(text)
    while i and text[i - 1].isalpha():
        i -= 1
    return text[i:]


def _leading_letters(text: str, start: int) -> str:
    """Return the letters of text that begin at start."""
    end = start
    while end < len(text) and text[end].isalpha():
        end += 1
    return text[start:end]


def _unresolved_snippets(text: str) -> tuple[str, ...]:
    """Return a short context snippet for each U+FFFD left in text."""
    return tuple(
        text[max(0, m.start() - _SNIPPET_RADIUS) : m.end() + _SNIPPET_RADIUS]
        for m in _FFFD_RE.finditer(text)
    )


def _starts_mid_word(text: str) -> bool:
    """Guess whether the selection starts inside a word ("n order for", "tion of")."""
    first = _leading_letters(text, 0)
    if not first or not first[0].islower():
        return False
    if len(first) == 1:  # a stray letter before a space, other than the words "a" and "i"
        return first not in "ai" and text[1:2] == " "
    if first in _WORD_TAILS:
        return True
    # An unknown word is cut only if one lost letter makes a real word ("ntanglement"); a rare
    # but whole word ("corrigibly") is not.
    return _zipf(first) < _MIN_ZIPF and any(
        _zipf(letter + first) >= _CUT_WORD_ZIPF for letter in "abcdefghijklmnopqrstuvwxyz")
