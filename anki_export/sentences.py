"""Split a highlight into sentences.

Input: one highlight's text; output: its sentences, trimmed, in order (pysbd's English rules)."""

from __future__ import annotations

import pysbd

# Building a segmenter compiles many rules, so one is made once and reused.
_SEGMENTER = pysbd.Segmenter(language="en", clean=False)


def split_sentences(text: str) -> tuple[str, ...]:
    """The sentences of a highlight, trimmed, in order (pysbd, English rules)."""
    sentences = tuple(part for part in (s.strip() for s in _SEGMENTER.segment(text)) if part)
    # pysbd drops characters on a few odd inputs (":.!?"); a card must never lose text
    if "".join("".join(sentences).split()) != "".join(text.split()):
        return (text.strip(),) if text.strip() else ()
    return sentences
