"""Whether a capitalised first word is an ordinary word or a name, for rephrasing a claim.

Input: one lowercase word (the claim's first word, which a question moves inside itself);
output: whether it loses its capital there ("Efflux pumps …" → "Why do efflux pumps …?")."""

from __future__ import annotations

import re
from functools import lru_cache

from anki_export.language.lexicon import all_lemmas, zipf_frequency

# Names are shared across languages ("Luther", "Markov"); English jargon is not ("efflux").
_NAME_LANGUAGES = ("de", "fr", "es", "it", "nl", "pt")
_SHARED_BY = 3  # languages that use a word about as often as English does, for a name
# Gaussian, European, Chinese, Ptolemaic: unknown words ending so are likelier names than jargon
# (an unknown "Photosynthetic" keeps its capital too: frequencies cannot tell the two apart)
_PROPER_ADJECTIVE = re.compile(r"(?:an|ese|ic)$")


@lru_cache(maxsize=4096)
def is_ordinary(word: str) -> bool:
    """Whether a capitalised first word is an ordinary word, not a name (Jesus, Markov, Luther's).

    Words lemminflect knows are ordinary; of the others ("efflux", "carbapenem-resistant"), those
    that look like names are not: possessives, proper adjectives, and words other languages use
    as often as English does.
    """
    if all_lemmas(word):
        return True
    if word.endswith(("'s", "s'", "\u2019s")) or _PROPER_ADJECTIVE.search(word):
        return False
    return not _is_international(word)


def _is_international(word: str) -> bool:
    """Whether other languages use the word about as often as English: a name, not jargon."""
    english = zipf_frequency(word, "en")
    if english == 0:
        return True  # known nowhere: a rare name is likelier than jargon
    shared = sum(zipf_frequency(word, other) >= english - 1 for other in _NAME_LANGUAGES)
    return shared >= _SHARED_BY
