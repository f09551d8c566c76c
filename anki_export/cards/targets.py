"""Targets found from the words alone, without grammar: numbers, names, the source's vocabulary
and rare words, and whether a sentence states any fact at all.

Input: `Token`s and a sentence's token range; output: `Phrase`s with how strong each is."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from anki_export.language.phrases import number_span
from anki_export.language.tokens import (
    Phrase,
    Token,
    is_acronym,
    is_adverb,
    is_capitalised,
    is_nounish,
    is_number,
    is_term_word,
    is_verb_only,
)
from anki_export.language.words import (
    CLOSED_CLASS,
    NAME_JOINERS,
    RARE_ZIPF,
    REFERENCES,
    TITLES,
    VAGUE,
    word_set,
    zipf_in,
)

_ADJECTIVE_ONLY = frozenset({"ADJ"})
# Nouns that a name before them only attributes ("the Riemann hypothesis", "Zipf's law"): the
# result is what the card should ask, and the name hidden beside it open is a side word.
_EPONYMOUS = word_set(
    "hypothesis theorem law conjecture lemma effect principle equation equations constant bias "
    "paradox problem inequality formula criterion series transform distribution algorithm "
    "projection test rule index method curve cycle number numbers function model")
_STATING = word_set("states says asserts posits predicts holds")


def numbers(toks: Sequence[Token], lo: int, hi: int, language: str = "en") -> Iterator[Phrase]:
    """Numbers with their unit ("3.5 billion years", "40%") and years ("1648")."""
    for k in range(lo, hi):
        t = toks[k]
        if t.masked or not is_number(t) or _is_reference(toks, k, lo):
            continue
        if t.initial and len(t.text) <= 2 and toks[k + 1 : k + 2] and not toks[k + 1].joined:
            continue  # a list marker such as "1." or "2)"
        yield number_span(toks, k, hi, language)


def _is_reference(toks: Sequence[Token], k: int, lo: int) -> bool:
    """A number that points into the text ("chapter {3}", "Table {2}") rather than states a fact."""
    return k > lo and toks[k].joined and toks[k - 1].lower in REFERENCES


def names(toks: Sequence[Token], lo: int, hi: int) -> Iterator[tuple[int, Phrase]]:
    """Named entities and their strength: 0 multi-word names, 1 acronyms, 2 lone names."""
    k = lo
    while k < hi:
        if toks[k].masked or not is_capitalised(toks[k]):
            k += 1
            continue
        last = k
        while last + 1 < hi and toks[last + 1].joined and not toks[last + 1].masked:
            nxt = toks[last + 1]
            if nxt.lower in NAME_JOINERS and _joins_names(toks, last, hi):
                last += 2  # "Treaty {of} Westphalia", "Ludwig {van} Beethoven"
            elif is_capitalised(nxt):
                last += 1
            else:
                break
        first = k
        while first < last and toks[first].info.stop:  # "The Treaty of Westphalia"
            first += 1
        first = _after_titles(toks, first, last)
        found = _name_strength(toks, first, last)
        if found is not None and not _attributes(toks, last, hi):
            yield found, (first, last)
        k = last + 1


def _attributes(toks: Sequence[Token], last: int, hi: int) -> bool:
    """Whether the name ending at toks[last] only attributes the result named after it. Where
    the sentence states that result ("The Sabatier principle states that …"), the name is the
    term it defines, and asking for it asks which result that is."""
    if not (last + 1 < hi and toks[last + 1].joined and toks[last + 1].lower in _EPONYMOUS):
        return False
    return not (last + 2 < hi and toks[last + 2].lower in _STATING)


def _joins_names(toks: Sequence[Token], last: int, hi: int) -> bool:
    """Whether the joiner after toks[last] stands between two names (not "Umwandlung von Wärme")."""
    if last + 2 >= hi or not toks[last + 2].joined:
        return False
    left, right = toks[last], toks[last + 2]
    return not left.info.stop and is_capitalised(right) and not right.info.stop


def _after_titles(toks: Sequence[Token], first: int, last: int) -> int:
    """Skip titles before a personal name: "Chief Justice {John Marshall}", but "King John"."""
    if not all(is_capitalised(t) for t in toks[first : last + 1]):
        return first  # "General Theory of Relativity" is a title, not a person with a rank
    while last - first >= 2 and toks[first].lower in TITLES:
        first += 1
    return first


def _name_strength(toks: Sequence[Token], first: int, last: int) -> int | None:
    """How surely toks[first:last+1] is a name; None when it is not one (or is a title)."""
    capitals = sum(is_capitalised(t) for t in toks[first : last + 1])
    if capitals > 4 or toks[first].info.stop:
        return None  # a title or a shouted sentence, not a name
    if capitals >= 2 and not (toks[first].initial and capitals == 2 and first == last - 1):
        return 0
    if first == last and is_acronym(toks[first]):
        return 1
    if first == last and not toks[first].initial and len(toks[first].text) > 1:
        return 2
    return 0 if capitals >= 2 and not toks[first].info.tags else None


def vocabulary_terms(
    toks: Sequence[Token], lo: int, hi: int, vocabulary: frozenset[str]
) -> Iterator[tuple[float, Phrase]]:
    """The source's own recurring terms, rarest first: its bigrams, then its words grown into
    the term they stand in ("virtual memory"), then its words alone."""
    term = [is_term_word(toks[k]) for k in range(lo, hi)]  # asked once per word, by k - lo
    for k in range(lo, hi):
        if not term[k - lo]:
            continue
        t = toks[k]
        nxt = toks[k + 1] if k + 1 < hi else None
        # a term ends in a noun or participle ("base objective"), not "favors deceptive"
        if (
            nxt is not None
            and term[k + 1 - lo]
            and nxt.joined
            and nxt.info.tags != _ADJECTIVE_ONLY
            and f"{t.info.lemma} {nxt.info.lemma}" in vocabulary
        ):
            yield -10.0 + min(t.info.zipf, nxt.info.zipf), (k, k + 1)
        elif t.info.lemma in vocabulary and _is_jargon(t):
            first = k  # a recurring noun inside a longer term stands for the term: "virtual memory"
            while is_nounish(t) and first > lo and k - first < 2 and toks[first].joined:
                if not _is_noun_modifier(toks[first - 1]):
                    break
                first -= 1
            yield (t.info.zipf - 5.0 if first < k else t.info.zipf), (first, k)


def _is_jargon(t: Token) -> bool:
    """A single word specific enough to test: rare, and not a verb or adverb ("pointer")."""
    if t.info.zipf >= RARE_ZIPF or is_adverb(t) or is_verb_only(t):
        return False
    return "NOUN" in t.info.tags or not t.lower.endswith("ing")


def rarest(
    toks: Sequence[Token],
    lo: int,
    hi: int,
    repeated: frozenset[str] = frozenset(),
    language: str = "en",
) -> Phrase | None:
    """The rarest content word not in `repeated`, grown into a short noun phrase in English."""
    pool = [
        k
        for k, t in enumerate(toks[lo:hi], lo)
        if not t.info.stop  # the test that rules out most words, first
        and t.info.lemma not in repeated
        and not t.masked
        and not is_adverb(t)
        and not is_verb_only(t)
        and sum(map(str.isalpha, t.text)) > 3
        and zipf_in(t.lower, language) < RARE_ZIPF
    ]
    if not pool:
        return None
    if language != "en":  # other languages' phrases follow other rules: the word alone
        known = [k for k in pool if zipf_in(toks[k].lower, language) > 0] or pool
        rarest_known = min(known, key=lambda i: (zipf_in(toks[i].lower, language), i))
        return rarest_known, rarest_known  # a word no list knows may be a compound or a typo
    first = last = min(pool, key=lambda i: (toks[i].info.zipf, i))
    while last + 1 < hi and last - first < 2 and toks[last + 1].joined:
        if not (_is_modifier(toks[last + 1]) and is_nounish(toks[last + 1])):
            break
        last += 1
    while first > lo and last - first < 2 and toks[first].joined:
        if not _is_noun_modifier(toks[first - 1]):
            break
        first -= 1
    return first, last


def _is_noun_modifier(t: Token) -> bool:
    """An adjective or noun before a noun, in one term: "{virtual} memory", "{page} table"."""
    if not _is_modifier(t) or (t.info.tags and not t.info.tags & {"ADJ", "NOUN"}):
        return False
    return "NOUN" in t.info.tags or "VBG" not in t.info.forms  # not "{becoming} deceptive"


def _is_modifier(t: Token) -> bool:
    """A word that can stand in a noun phrase: not a function word, adverb or bare verb."""
    return not (t.masked or t.info.stop or is_adverb(t) or is_verb_only(t))


def states_a_fact(toks: Sequence[Token], lo: int, hi: int) -> bool:
    """Whether toks[lo:hi] holds a number, a name or a content word rarer than common words.

    "This is worth remembering." and "We return to it below." hold none: only common words,
    pointers into the text and vague predicates (worth, complicated, below).
    """
    for k in range(lo, hi):
        t = toks[k]
        if t.masked or t.lower in VAGUE or t.lower in CLOSED_CLASS:
            continue
        if is_number(t):
            if not _is_reference(toks, k, lo):
                return True
        elif _is_rare_content(t) or (is_capitalised(t) and not t.initial) or is_acronym(t):
            return True
    return False


def _is_rare_content(t: Token) -> bool:
    """A content word rarer than the words any text is made of."""
    return not t.info.stop and not is_adverb(t) and t.info.zipf < RARE_ZIPF


def source_terms(toks: Sequence[Token]) -> set[str]:
    """The lemmas of a text's content words and of its two-word phrases ("deceptive model")."""
    term = [is_term_word(t) for t in toks]
    terms = {t.info.lemma for t, is_term in zip(toks, term, strict=True) if is_term}
    terms.update(
        f"{toks[k - 1].info.lemma} {toks[k].info.lemma}"
        for k in range(1, len(toks))
        if term[k - 1] and term[k] and toks[k].joined
    )
    return terms
