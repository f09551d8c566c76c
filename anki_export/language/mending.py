"""The whole word a highlight cut at its start, when another highlight of the source shows it.

Input: the cut first word, the words after it and the source's other highlights; output: the
word as the source shows it, or None. Nothing is guessed from word lists: "tion of a" may be
"formation", "precipitation" or "dependence"-like words alike, and a wrong guess on a card is
worse than an honest "…".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from anki_export.language.tokens import tokenize
from anki_export.language.verbs import finite_verb, main_verb
from anki_export.language.words import ANCHORS, PREPOSITIONS

# How many words after the cut one must follow the completion in the other highlight: two
# common words ("of the", "of a") follow thousands of words; five say it is the same passage.
SHARED_WORDS = 5
# Fewer words than this after the cut: too little to recognise the passage by.
_MIN_SHARED = 3
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n\s*)$")
# A subject left after a cut is short: "… code is", "… depreciation of the currency made".
_MAX_SUBJECT_WORDS = 6


@dataclass(frozen=True, slots=True)
class Mended:
    """The whole word another highlight shows for a cut one."""

    word: str
    """The whole word, as the other highlight spells it ("order" cut as "rder" -> "order")."""
    opens_sentence: bool
    """Whether the word begins its sentence there, so the card may begin with it capitalised;
    else the card's sentence began before it and the card must still open with "…"."""


def shown_whole(stub: str, following: Sequence[str], source: str) -> Mended | None:
    """The whole word `stub` was cut from, when `source` holds the same passage: a word ending
    in `stub` followed by the same next words (up to `SHARED_WORDS`) as in the cut highlight."""
    stub = stub.strip("\"'“”‘’()[]")
    shared = [w for w in following[:SHARED_WORDS] if w]
    if not stub.isalpha() or len(shared) < _MIN_SHARED:
        return None
    passage = r"\s+".join(re.escape(w) for w in shared)
    pattern = re.compile(rf"(?<![\w-])(\w+{re.escape(stub)})\s+{passage}(?![\w-])")
    found = pattern.search(source)
    if found is None:
        return None
    return Mended(found.group(1), bool(_SENTENCE_START.search(source[: found.start()])))


def mended_first_word(stub: str, following: Sequence[str], source: str) -> str:
    """What a card shows for a highlight's cut first word: the whole word where another
    highlight shows the passage (capitalised where it opens its sentence there), else "…"."""
    whole = shown_whole(stub, following, source)
    if whole is None:
        return "…"
    return whole.word[0].upper() + whole.word[1:] if whole.opens_sentence else f"… {whole.word}"


def keeps_its_subject(after_cut: str) -> bool:
    """Whether the words after a cut first word still open with a subject and its verb ("…
    code is written in C"), so the card says something; not a phrase cut from a longer one
    ("… of pyruvate into", "… layers, to build the network")."""
    toks = tokenize(after_cut)
    if not toks or toks[0].lower in PREPOSITIONS:
        return False
    anchor = next((k for k, t in enumerate(toks) if t.lower in ANCHORS), None)
    verb = finite_verb(toks, 0, len(toks))
    if verb is None:  # a lenient reading, but not a plural noun read as a verb ("… layers, MLP")
        verb = main_verb(toks, 0, len(toks))
        info = toks[verb].info if verb is not None else None
        if info is not None and "NOUN" in info.tags and "VBD" not in info.forms:
            verb = None
    if verb is not None and verb + 1 < len(toks) and "," in toks[verb + 1].gap:
        verb = None  # "… depth-wise layers, MLP and …": a noun in a list, not a verb
    ends = [k for k in (anchor, verb) if k is not None]
    if not ends or not 0 < min(ends) <= _MAX_SUBJECT_WORDS:
        return False
    subject = toks[: min(ends)]
    return not any("," in t.gap or t.lower == "to" for t in [*subject, toks[min(ends)]][1:])
