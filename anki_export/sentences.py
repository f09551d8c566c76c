"""Split a highlight into sentences.

Input: one highlight's text; output: its sentences, trimmed, in order (pysbd's English rules)."""

from __future__ import annotations

import pysbd

# Building a segmenter compiles many rules, so one is made once and reused.
_SEGMENTER = pysbd.Segmenter(language="en", clean=False)


def split_sentences(text: str) -> tuple[str, ...]:
    """The sentences of a highlight, trimmed, in order (pysbd, English rules)."""
    return tuple(part for part in (s.strip() for s in _SEGMENTER.segment(text)) if part)
