"""Which language a highlight is written in, cheaply: its script first, then common words.

Input: a highlight's text. Output: a language code ("en", "de", "zh"…) and its English name.
Letters outside the Latin script decide at once; Latin text is voted on word by word with
wordfreq's small lists (see `tokens.language`), never its large ones.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from functools import lru_cache

from anki_export.language.tokens import language, tokenize

_SCRIPTS = {
    "CJK": "zh", "HIRAGANA": "ja", "KATAKANA": "ja", "HANGUL": "ko", "CYRILLIC": "ru",
    "GREEK": "el", "ARABIC": "ar", "HEBREW": "he", "DEVANAGARI": "hi", "THAI": "th",
}  # fmt: skip
NAMES = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
    "nl": "Dutch", "pt": "Portuguese", "zh": "Chinese", "ja": "Japanese", "ko": "Korean",
    "ru": "Cyrillic script", "el": "Greek", "ar": "Arabic", "he": "Hebrew", "hi": "Devanagari",
    "th": "Thai", "other": "a script anki-export does not read",
}  # fmt: skip
# Greek letters stand for variables in English text ("β0 + β1x"): only words of them count.
_MIN_FOREIGN_SHARE = 0.5


def highlight_language(text: str) -> str:
    """The language most of a highlight's letters and words belong to ("en" when unsure)."""
    scripts = Counter(_script(c) for c in text if c.isalpha())
    letters = sum(scripts.values())
    if not letters:
        return "en"
    foreign, count = next(((s, n) for s, n in scripts.most_common() if s != "LATIN"), ("", 0))
    if foreign and count > _MIN_FOREIGN_SHARE * letters and not _is_math(text):
        return _SCRIPTS.get(foreign, "other")
    toks = tokenize(text)
    return language(toks, 0, len(toks)) if toks else "en"


@lru_cache(maxsize=1024)
def _script(char: str) -> str:
    """The first word of a letter's Unicode name: LATIN, CJK, CYRILLIC…"""
    name = unicodedata.name(char, "")
    if name.startswith("MATHEMATICAL"):
        return "LATIN"  # math-italic letters (as in formulas) are variables, not a script
    return name.split(" ", 1)[0] if name else "LATIN"


def _is_math(text: str) -> bool:
    """Whether the text reads as a formula: few letters in a row, operators between them."""
    return sum(c in "=+−-×·^_∑∫" for c in text) >= 2 and not any(
        len(word) > 3 for word in text.split() if word.isalpha())
