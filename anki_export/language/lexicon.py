"""wordfreq's word frequencies and lemminflect's lemmas and inflections, loaded on first use.

Input: a word (with a language, part of speech or tag); output: what the library says of it.
Importing the two takes a while (frequency tables, lemminflect's numpy models), so they are
imported by the first question, and a run that reads no note (`--help`, or a rebuild where no
note changed) never loads them. Callers cache the answers they ask for often.
"""

from __future__ import annotations

from typing import cast


def zipf_frequency(word: str, language: str, wordlist: str = "best") -> float:
    """How common `word` is in `language` on the Zipf scale (0 when unknown)."""
    from wordfreq import zipf_frequency as zipf

    return float(zipf(word, language, wordlist=wordlist))


def all_lemmas(word: str, upos: str | None = None) -> dict[str, tuple[str, ...]]:
    """lemminflect's lemmas of `word` by universal POS tag (`upos` alone if given)."""
    from lemminflect import getAllLemmas

    return cast("dict[str, tuple[str, ...]]", getAllLemmas(word, upos=upos))


def all_inflections(lemma: str, upos: str | None = None) -> dict[str, tuple[str, ...]]:
    """lemminflect's inflections of `lemma` by Penn tag (`upos` readings alone if given)."""
    from lemminflect import getAllInflections

    return cast("dict[str, tuple[str, ...]]", getAllInflections(lemma, upos=upos))


def lemma_of(word: str, upos: str, lemmatize_oov: bool = True) -> tuple[str, ...]:
    """lemminflect's lemmas of `word` as a `upos`; unknown words by its rules, if asked."""
    from lemminflect import getLemma

    return cast("tuple[str, ...]", getLemma(word, upos=upos, lemmatize_oov=lemmatize_oov))


def inflection(lemma: str, tag: str, inflect_oov: bool = True) -> tuple[str, ...] | None:
    """lemminflect's forms of `lemma` for a Penn tag; unknown lemmas by its rules, if asked."""
    from lemminflect import getInflection

    return cast("tuple[str, ...] | None", getInflection(lemma, tag=tag, inflect_oov=inflect_oov))
