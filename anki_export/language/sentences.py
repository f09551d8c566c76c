"""Split a highlight into sentences.

Input: one highlight's text; output: its sentences, trimmed, in order (pysbd's English rules)."""

from __future__ import annotations

import re
from functools import lru_cache

# A possible sentence boundary: end punctuation and space before more text, or a line break.
# Without one there is a single sentence, and pysbd (still the slowest step) need not run.
_POSSIBLE_BOUNDARY = re.compile(r"[.!?…]\S*\s+\S|\n")
# Abbreviations pysbd ends a sentence at ("Mean and std. | of accuracy", "et al. | 2012"): a
# part ending in one continues when the next part does not open like a sentence.
_ABBREVIATION_END = re.compile(
    r"\b(?:std|e\.g|i\.e|et al|al|figs?|eqs?|tab|vs|cf|approx|resp|ca|no|sec|ref|refs|var)\.$",
    re.IGNORECASE,
)
_CONTINUES = re.compile(r"[a-z0-9(\[]")  # a sentence opens with a capital, not these


def split_sentences(text: str) -> tuple[str, ...]:
    """The sentences of a highlight, trimmed, in order (pysbd, English rules)."""
    stripped = text.strip()
    if not _POSSIBLE_BOUNDARY.search(stripped):
        return (stripped,) if stripped else ()
    return _segment(stripped)


@lru_cache(maxsize=4096)
def _segment(text: str) -> tuple[str, ...]:
    """pysbd's sentences of `text`, or the whole text where pysbd would lose characters."""
    # pysbd loads here, on first use: a run that splits no highlight never pays for it.
    from anki_export.language.segmenter import pysbd_sentences

    # `Segmenter.segment` would also map each sentence back onto the text with a regex built
    # per sentence (most of its time); we only need the sentences, checked just below.
    sentences = tuple(part for part in (s.strip() for s in pysbd_sentences(text)) if part)
    # pysbd drops characters on a few odd inputs (":.!?"); a card must never lose text
    if "".join("".join(sentences).split()) != "".join(text.split()):
        return (text,)
    return _rejoined(text, sentences)


def _rejoined(text: str, sentences: tuple[str, ...]) -> tuple[str, ...]:
    """The sentences, with parts split at an abbreviation joined again (text as in `text`)."""
    joined: list[str] = []
    for sentence in sentences:
        previous = joined[-1] if joined else ""
        if previous and _ABBREVIATION_END.search(previous) and _CONTINUES.match(sentence):
            start = text.find(previous)
            end = text.find(sentence, start + len(previous))
            if start >= 0 and end >= 0:  # keep the text between them exactly as it was
                joined[-1] = text[start : end + len(sentence)]
                continue
        joined.append(sentence)
    return tuple(joined)
