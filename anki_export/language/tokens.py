"""Split a highlight into word tokens and tell what kind of word each token is.

Input: a highlight's text; output: `Token`s with offsets, sentence numbers, link masks and cached
word facts, and predicates over them (adverb, noun-like, participle, name-like, ...)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from functools import lru_cache, partial
from typing import NamedTuple

from anki_export.language.references import reference_ranges
from anki_export.language.words import ABBREVIATIONS, WordInfo, language_of, word_info

_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_WORD = rf"[^\W_](?:[^\W_]|[{_MARKS}])*"
# Apostrophes and hyphens join word parts; "." and "," join only digits (3.5, 1,648).
_TOKEN = re.compile(
    rf"{_WORD}(?:['\u2019\-\u2013]{_WORD}|(?<=\d)[.,](?=\d){_WORD})*(?:(?<=\d)%(?![^\W_]))?"
)
# Links, URLs, wikilinks, HTML tags and entities, typed clozes, template tags: never hidden
# (nor citations and figure numbers: see `references`).
_MASK = re.compile(
    r"\[\[.*?\]\]|!?\[[^\]\n]*\]\([^)\s]*\)|<a\b[^>]*>.*?</a>|<[^>\n]*>|&#?\w+;|\{\{.*?\}\}|\{%.*?%\}"
    r"|(?:[a-z][a-z0-9+.\-]*://|www\.)\S+|[\w.+\-]+@[\w\-]+\.[\w.]+",
    re.IGNORECASE | re.DOTALL,
)
_SPACE = re.compile(r"\s+")
_SENTENCE_GAP = re.compile(r"[.!?…][\"'\u201d\u2019)\]]*\s|\n\s*\n")
_PHRASE_START_GAP = re.compile(r"[:;\"\u201c\u2018(\[\u2022*#>|]")
_UNKNOWN_ZIPF = 3.0  # a sentence with many rarer words may not be English at all

Phrase = tuple[int, int]  # first and last token index, inclusive


class Token(NamedTuple):
    """One word of a text, with its offsets and context.

    A named tuple rather than a frozen dataclass: `tokenize` makes one per word, and a frozen
    dataclass sets each of its fields through `object.__setattr__`, which made building tokens
    half of tokenizing. It is just as immutable, so tokenized texts can be cached and shared.
    """

    text: str
    lower: str
    start: int
    end: int
    gap: str  # the characters between the previous token and this one
    joined: bool  # only whitespace separates it from the previous token
    initial: bool  # first word of a sentence, quotation or list item
    masked: bool  # inside a link, URL, wikilink, HTML tag or typed cloze
    sentence: int
    info: WordInfo


# A token built straight from its fields' tuple: `Token(...)` would first call the named
# tuple's own constructor, a Python function, and tokenize builds one token per word.
_new_token = partial(tuple.__new__, Token)


def _mask_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of links, URLs, wikilinks, HTML, typed clozes and references."""
    references = reference_ranges(text)
    if not any(s in text for s in ("[", "<", "://", "&", "@", "www.", "{")):  # most have none
        return references
    return [m.span() for m in _MASK.finditer(text)] + references


def _is_joining(gap: str, previous: str) -> bool:
    """Whether a gap keeps two words in one phrase: spaces, or a plural possessive (Years' War)."""
    if gap[:1] in ("'", "\u2019") and previous.endswith("s"):
        gap = gap[1:]
    return _SPACE.fullmatch(gap) is not None


def _ends_sentence(previous: Token, gap: str, word: str) -> bool:
    """Whether a sentence ends between `previous` and `word` (not after "v." or "e.g.")."""
    if word[0].islower() or not _SENTENCE_GAP.search(gap):
        return False
    return not (gap[0] == "." and (len(previous.lower) == 1 or previous.lower in ABBREVIATIONS))


@lru_cache(maxsize=1024)
def tokenize(text: str) -> tuple[Token, ...]:
    """The words of a text with offsets, sentence numbers and cached word facts.

    Cached, because a source's vocabulary and its cloze targets tokenize the same highlights.
    """
    masks = _mask_ranges(text)
    tokens: list[Token] = []
    sentence, prev_end, prev = 0, 0, None
    for m in _TOKEN.finditer(text):
        start, end = m.span()
        word, gap = text[start:end], text[prev_end:start]
        if prev is None:
            joined, initial = False, True
        elif gap == " ":  # the common case, decided without regexes
            joined, initial = True, False
        else:
            if _ends_sentence(prev, gap, word):
                sentence += 1
            joined = _is_joining(gap, prev.lower)
            initial = prev.sentence != sentence or _PHRASE_START_GAP.search(gap) is not None
        masked = bool(masks) and any(s < end and start < e for s, e in masks)
        lower = word.lower()
        prev = _new_token(
            (word, lower, start, end, gap, joined, initial, masked, sentence, word_info(lower))
        )
        tokens.append(prev)
        prev_end = end
    return tuple(tokens)


def sentence_ranges(toks: Sequence[Token]) -> Iterator[tuple[int, int]]:
    """Token ranges [lo, hi) of the text's sentences."""
    lo = 0
    for k in range(1, len(toks) + 1):
        if k == len(toks) or toks[k].sentence != toks[lo].sentence:
            yield lo, k
            lo = k


def starts_with(toks: Sequence[Token], i: int, words: tuple[str, ...]) -> bool:
    """Whether the tokens from i spell the given words."""
    return tuple(t.lower for t in toks[i : i + len(words)]) == words


def language(toks: Sequence[Token], lo: int, hi: int) -> str:
    """The language of toks[lo:hi]: "en", or the other language most of its words belong to."""
    part = [t for t in toks[lo:hi] if t.lower.isalpha()]
    if 3 * len([t for t in part if t.info.zipf < _UNKNOWN_ZIPF]) < len(part):
        return "en"  # most words are common English ones: no need to ask other languages
    votes = Counter(language_of(t.lower) for t in part if not is_acronym(t))
    english = votes.pop("en", 0)
    votes.pop("", None)
    if not votes:
        return "en"
    other, count = votes.most_common(1)[0]
    return other if sum(votes.values()) > english and count >= 2 else "en"


# --- word classes -------------------------------------------------------------------------


def is_term_word(t: Token) -> bool:
    """A content word that can belong to the source's vocabulary."""
    return not t.masked and not t.info.stop and (len(t.lower) >= 3 or is_acronym(t))


def is_content(t: Token) -> bool:
    """A word that carries meaning, including frequent ones such as "good" or "time"."""
    return t.info.content  # the classes of a word are decided once, in `word_info`


def is_adverb(t: Token) -> bool:
    """An -ly adverb such as "highly" or "marginally"."""
    return t.info.adverb


def is_nounish(t: Token) -> bool:
    """A word that can head a noun phrase (unknown words are usually names or jargon)."""
    return t.info.nounish


def is_verb_only(t: Token) -> bool:
    """A word that cannot be a noun or adjective, e.g. "put" (ends a noun phrase)."""
    return t.info.verb_only


def is_participle(t: Token) -> bool:
    """A past participle such as "limited", "made", "given" or "quantised"."""
    return "VBN" in t.info.forms


def is_acronym(t: Token) -> bool:
    """SGD, LLMs, mRNA, CRISPR-Cas9: a name-like word with two or more capitals."""
    return not t.text[1:].islower() and sum(map(str.isupper, t.text)) >= 2


def is_capitalised(t: Token) -> bool:
    """A word starting with a capital letter, other than the pronoun I."""
    return t.text[0].isupper() and t.lower != "i"


def is_number(t: Token) -> bool:
    """A number such as 1648, 3.5 or 40%."""
    return t.text[0].isdigit()
