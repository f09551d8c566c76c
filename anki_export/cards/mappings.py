"""Detect mapping sentences ("X is A, Y is B, and Z is C") in a highlight.

Input: one repaired sentence. Output: the item→category pairs it states, or () if none.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from anki_export.language.lexicon import all_lemmas


@dataclass(frozen=True, slots=True)
class Pair:
    """One item mapped onto one category inside a mapping sentence."""

    subject: str  # e.g. "Jesus"
    category: str  # e.g. "internally aligned"
    sentence: str  # the clause that states the pair, e.g. "Jesus is internally aligned"


Parser = Callable[[str], "Pair | None"]

_MAX_WORDS = 6
_MAX_SENTENCE_WORDS = 120
_TRIM = " \t\n\"'\u201c\u201d\u2018\u2019()[]"
_END_RE = re.compile(r"[\s.!?…]+$")
_LINK_RE = re.compile(
    r"\s+(is|are|was|were|stands? for|stood for|correspond(?:s|ed)? to|represent(?:s|ed)?|"
    r"map(?:s|ped)? (?:on)?to|denot(?:es|e|ed)|refer(?:s|red)? to|equals?)\s+",
    re.IGNORECASE,
)
_SYMBOL_RE = re.compile("\\s*[\u2014\u2013=\u2192\u21d2]\\s*|\\s+(?:-{1,2}|->)\\s+")
_COLON_RE = re.compile(r":\s+")
_SEPARATOR_RE = re.compile(r"\s*;\s*|,\s+")
# A gapped clause repeats only the link's preposition: "X corresponds to A, Y to B".
_GAP_RES = {p: re.compile(rf"\s+{p}\s+", re.IGNORECASE) for p in ("to", "for", "onto")}
_LEAD_CONJ_RE = re.compile(r"^(?:and|while|whereas)\s+", re.IGNORECASE)
_INNER_CONJ_RE = re.compile(r"\s+(?:and|while|whereas)\s+", re.IGNORECASE)
_WORD_RE = re.compile("[\\w'\u2019-]+")

_BE = frozenset({"is", "are", "was", "were"})
_PRONOUNS = frozenset({
    "it", "this", "that", "there", "they", "he", "she", "we", "i", "you", "these", "those",
    "which", "who", "what",
})  # fmt: skip
# A side that starts like a subordinate clause or a prepositional phrase is not an item.
_OPENERS = frozenset({
    "if", "because", "although", "though", "since", "when", "while", "whereas", "unless",
    "until", "given", "whether", "how", "what", "why", "where", "once", "so", "but", "then",
    "thus", "hence", "that", "which", "who", "of", "in", "on", "at", "for", "with", "to",
    "from", "by", "about", "over", "under", "after", "before", "during",
})  # fmt: skip
_DETERMINERS = frozenset({"a", "an", "the", "one", "its", "their", "our", "his", "her", "my"})
_STOPWORDS = _DETERMINERS | {"of", "and", "or", "to", "in", "on", "for", "with", "very", "more"}


def find_pairs(sentence: str) -> tuple[Pair, ...]:
    """Pairs stated by a sentence that maps several items onto several categories; () if it is not such a sentence."""  # noqa: E501
    text = _END_RE.sub("", sentence.strip())
    if len(text.split()) > _MAX_SENTENCE_WORDS:
        return ()  # far longer than any list of short pairs; also bounds the search
    # "The roles are as follows: X is A, Y is B" introduces the list with a colon frame.
    tail = _COLON_RE.split(text, maxsplit=1)[-1]
    attempts = [(_colon_pairs, text)]
    attempts += [
        (finder, source) for source in (text, tail) for finder in (_symbol_pairs, _link_pairs)
    ]
    for finder, source in attempts:
        pairs = finder(source)
        if len(pairs) >= 2 and len({p.subject.lower() for p in pairs}) == len(pairs):
            return tuple(pairs)
    return ()


@lru_cache(maxsize=4096)
def _lemmas(word: str) -> dict[str, tuple[str, ...]]:
    """lemminflect's lemmas by universal POS tag, for a lowercase word."""
    return dict(all_lemmas(word)) if word else {}


def _tags(word: str) -> frozenset[str]:
    """Universal POS tags lemminflect knows for a lowercase word."""
    return frozenset(_lemmas(word))


def _words(text: str) -> list[str]:
    """Lowercase words of `text`."""
    return [w.lower() for w in _WORD_RE.findall(text)]


def _valid_side(text: str, *, subject: bool) -> bool:
    """True for a short phrase that can be one side of a pair."""
    words = _words(text)
    if not 1 <= len(words) <= _MAX_WORDS or len(text.split()) > _MAX_WORDS:
        return False
    if words[0] in _OPENERS or _LINK_RE.search(f" {text} ") or any(c in text for c in ",;:"):
        return False
    if not subject:
        return True
    # A subject that is only a pronoun, or holds a finite verb, is a clause, not an item.
    return not set(words) <= _PRONOUNS and not any(_is_finite_verb(w) for w in words)


def _is_finite_verb(word: str) -> bool:
    """True for an -s or base verb form that cannot be a noun or adjective (thinks, seems)."""
    tags = _tags(word)
    return "VERB" in tags and not tags & {"NOUN", "ADJ", "PROPN"} and not word.endswith("ed")


def _make(subject: str, link: str, category: str, clause: str) -> Pair | None:
    """A Pair from trimmed sides, or None if either side is not a short phrase."""
    subject, category = subject.strip(_TRIM), category.strip(_TRIM)
    if not (_valid_side(subject, subject=True) and _valid_side(category, subject=False)):
        return None
    text = " ".join(clause.strip(_TRIM).split()) if clause else f"{subject} {link} {category}"
    first = text.split()[0]
    # a mid-sentence clause starts with a capital, unless its first word is a variable ("x = 3")
    if first.isalpha() and first.islower() and (len(first) > 1 or first == "a"):
        text = text[:1].upper() + text[1:]
    return Pair(subject, category, text)


def _expand(piece: str, parse: Parser) -> list[Pair] | None:
    """Parse one comma piece, splitting it at 'and'/'while' when it holds two pairs."""
    piece = _LEAD_CONJ_RE.sub("", piece.strip())
    whole = parse(piece)
    if whole is not None:
        return [whole]
    for match in _INNER_CONJ_RE.finditer(piece):
        left = parse(piece[: match.start()])
        right = _expand(piece[match.end() :], parse) if left is not None else None
        if left is not None and right is not None:
            return [left, *right]
    return None


def _parse_all(pieces: list[str], parse: Parser) -> list[Pair]:
    """Pairs from every piece, or [] if any piece fails."""
    pairs: list[Pair] = []
    for piece in pieces:
        found = _expand(piece, parse)
        if found is None:
            return []
        pairs.extend(found)
    return pairs


def _split_on(pattern: re.Pattern[str], clause: str) -> tuple[str, str, str] | None:
    """(left, separator, right) when `pattern` occurs exactly once in `clause`."""
    matches = list(pattern.finditer(clause))
    if len(matches) != 1:
        return None
    m = matches[0]
    return clause[: m.start()], m.group().strip(), clause[m.end() :]


def _colon_pairs(text: str) -> list[Pair]:
    """'A: X; B: Y' lists, subject before the colon."""
    pieces = text.split(";") if ";" in text else _SEPARATOR_RE.split(text)

    def parse(clause: str) -> Pair | None:
        parts = _split_on(_COLON_RE, clause)
        return _make(parts[0], ":", parts[2], "") if parts else None

    pairs = _parse_all(pieces, parse)
    return [Pair(p.subject, p.category, f"{p.subject}: {p.category}") for p in pairs]


def _symbol_pairs(text: str) -> list[Pair]:
    """'X — A, Y — B' or 'X = A, Y = B' lists."""

    def parse(clause: str) -> Pair | None:
        parts = _split_on(_SYMBOL_RE, clause)
        return _make(parts[0], parts[1], parts[2], "") if parts else None

    return _parse_all(_SEPARATOR_RE.split(text), parse)


def _link_pairs(text: str) -> list[Pair]:
    """'X is A, Y is B, and Z is C' and the gapped 'X corresponds to A, Y to B'."""
    pieces = _SEPARATOR_RE.split(text)
    if len(pieces) > 1 and not _LINK_RE.search(pieces[0]) and len(pieces[0].split()) <= 5:
        pieces = pieces[1:]  # a leading frame such as "In other words,"
    first = _LINK_RE.search(pieces[0])
    if first is None:
        return []
    link = first.group(1)
    family = _family(link)
    gap = link.split()[-1] if len(link.split()) > 1 else ""

    def parse(clause: str) -> Pair | None:
        parts = _split_on(_LINK_RE, clause)
        if parts is not None:
            same = _family(parts[1]) == family  # "X is A, Y represents B" is not one mapping
            return _make(parts[0], parts[1], parts[2], clause) if same else None
        gapped = _split_on(_GAP_RES[gap], clause) if gap in _GAP_RES else None
        return _make(gapped[0], _agree(link, gapped[0]), gapped[2], "") if gapped else None

    pairs = _parse_all(pieces, parse)
    return pairs if family != "be" or _parallel(pairs) else []


def _agree(link: str, subject: str) -> str:
    """Repeat a gapped link verb in the number of its new subject ('the cores correspond to')."""
    verb, *rest = link.split()
    head = _words(subject)[-1] if _words(subject) else ""
    plural = head.endswith("s") and any(n != head for n in _lemmas(head).get("NOUN", ()))
    if plural and verb.lower().endswith("s") and verb.lower() not in _BE:
        verb = verb[:-1]
    return " ".join([verb, *rest])


def _family(link: str) -> str:
    """Lemma of the link verb: 'be' for is/are/was/were, 'stand' for stands/stood."""
    word = link.split()[0].lower()
    return _lemmas(word).get("VERB", (word,))[0]


def _parallel(pairs: list[Pair]) -> bool:
    """True if copular categories look like classes: a shared word, or all noun phrases."""
    if not pairs:
        return False
    content = [{w for w in _words(p.category) if w not in _STOPWORDS} for p in pairs]
    shared = set.intersection(*content)
    return bool(shared) or all(_is_nominal(p.category) for p in pairs)


def _is_nominal(category: str) -> bool:
    """True if the category is a noun phrase rather than an adjective ('a pump', 'energy')."""
    words = _words(category)
    if words[0] in _DETERMINERS:
        return True
    tags = _tags(words[-1])
    return not tags or ("NOUN" in tags and "ADJ" not in tags)
