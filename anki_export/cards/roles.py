"""What a phrase's role in its sentence says about hiding it, whatever its words.

Input: a text's `Token`s and a candidate `Phrase`; output: whether the phrase is an empty head by
its role (the "of" phrase after it says more, or the preposition a predicative adjective governs:
"are {sensitive} to X"), the thing a "between two …" relation already names, or the class of an
example the card shows ("X and other {Ys}").
"""

from __future__ import annotations

from collections.abc import Sequence

from anki_export.language.lexicon import lemma_of
from anki_export.language.phrases import phrase
from anki_export.language.tokens import (
    Phrase,
    Token,
    is_acronym,
    is_adverb,
    is_capitalised,
    is_content,
    is_number,
)
from anki_export.language.words import COPULAS, VISIBLE_ADVERBS, word_set

# "between two {variables}": the relation names what it relates, so the noun is no recall.
_COUNTS = word_set("two three several multiple many both")
_RELATING = word_set("between among across")
_JOINERS = word_set("and or")
# Prepositions an adjective takes its complement with: "sensitive {to}", "responsible {for}",
# "dependent {on}", "capable {of}", "similar {to}". The relation is in the complement; the
# adjective only names its kind. ("at", "in" mostly say where: "metastable at 300 K".)
_COMPLEMENT_PREPOSITIONS = word_set("to for on of with from by")
# Degree words that make an adjective a comparison within its domain: "{most visible} at the
# highest ranks" says where; any preposition after it then leads to the point.
_SUPERLATIVES = word_set("most least")
_INTENSIFIERS = word_set("very highly extremely particularly especially quite rather so too")
_DEGREE = _SUPERLATIVES | _INTENSIFIERS
# Adjectives rarer than this are technical predicates that are themselves the point:
# "is {metastable}", "is {proportional} to", "is {resistant} to"; commoner ones are everyday
# words that only name a relation ("responsible", "visible", "sensitive", "dependent").
_TECHNICAL_ZIPF = 4.0


def heads_an_of_phrase(toks: Sequence[Token], found: Phrase, hi: int) -> bool:
    """Whether the phrase is an empty head by its role: a head noun whose "of" phrase says more
    than it does ("the {judicious choice} of the learning objective"), so hiding the head
    leaves the content visible. A name or a number keeps its "of" ("{40%} of the cells")."""
    first, last = found
    k = last + 1
    if k + 1 >= hi or toks[k].lower != "of" or not toks[k].joined:
        return False
    part = toks[first : last + 1]
    if any(t.lower == "of" or is_number(t) or is_capitalised(t) or is_acronym(t) for t in part):
        return False
    after = phrase(toks, k + 1, hi)
    if after is None:
        return False
    mine = sum(1 for t in part if is_content(t))
    theirs = sum(1 for t in toks[after[0] : after[1] + 1] if is_content(t))
    # a head noun rarer than all its "of" phrase says is a term: "the {hydraulic conductivity}
    # of …", but "the judicious {choice} of …" is empty however rare its adjective
    noun = min((t.info.zipf for t in part if "NOUN" in t.info.tags), default=99.0)
    return theirs > mine and noun >= min(t.info.zipf for t in toks[after[0] : after[1] + 1])


def is_counted_relatum(toks: Sequence[Token], found: Phrase) -> bool:
    """Whether the phrase is one noun counted after "between" or "among": "the relationship
    between two {variables}", "a trade-off among several {goals}". The relation already names
    what it relates, so the gap completes itself; the thing related is no recall."""
    first, last = found
    return (
        first == last
        and first > 1
        and toks[first].joined
        and toks[first - 1].lower in _COUNTS
        and toks[first - 2].lower in _RELATING
        and not is_capitalised(toks[first])
    )


def is_named_class(toks: Sequence[Token], found: Phrase) -> bool:
    """Whether the phrase is the class of an example the card shows: "depression and other
    {psychiatric disorders}", "apples or other {fruits}": the example gives the class away."""
    first = found[0]
    return (
        first > 1
        and toks[first].joined
        and toks[first - 1].lower == "other"
        and toks[first - 2].lower in _JOINERS
    )


def is_empty_predicate(toks: Sequence[Token], found: Phrase, hi: int) -> bool:
    """Whether the phrase is an everyday predicative adjective whose preposition phrase holds
    the point: "cases were {responsible} for most transmission", "estimates are {sensitive} to
    the serial interval", "deviations are {most visible} at the highest ranks". Hiding the
    adjective leaves the idea visible, and so does a hedge before it ("largely responsible").
    A comparative ("{substantially lower} than") or a technical adjective ("{inversely
    proportional} to", "{metastable} at") is the finding itself and stays a target."""
    first, last = found
    prep = last + 1
    if prep + 1 >= hi or not toks[prep].joined or not toks[prep + 1].joined:
        return False
    adjective = toks[last]
    if not all(_is_degree(t) for t in toks[first:last]):
        return False
    while first > 0 and toks[first].joined and _is_degree(toks[first - 1]):
        first -= 1  # the adjective alone, its degree word left visible: "most {visible}"
    degree = [t.lower for t in toks[first:last]]
    superlative = bool(set(degree) & _SUPERLATIVES)
    if toks[prep].lower not in (_PREPOSITIONS_AFTER_DEGREE if superlative
                                 else _COMPLEMENT_PREPOSITIONS):
        return False
    if toks[prep].lower == "to" and toks[prep + 1].info.verb_only:
        return False  # "{notoriously difficult} to understand": an infinitive, no phrase
    return (
        _after_copula(toks, first)
        and _is_everyday_adjective(adjective)
        and phrase(toks, prep + 1, hi) is not None
    )


_PREPOSITIONS_AFTER_DEGREE = _COMPLEMENT_PREPOSITIONS | word_set("at in")


def _is_degree(t: Token) -> bool:
    """A word that says how much, before an adjective: "most", "very", "largely", "highly"."""
    return t.lower in _DEGREE or is_adverb(t)


def _after_copula(toks: Sequence[Token], first: int) -> bool:
    """Whether a copula comes right before toks[first], past adverbs that stay visible."""
    k = first - 1
    while k >= 0 and toks[k + 1].joined and toks[k].lower in VISIBLE_ADVERBS:
        k -= 1
    return k >= 0 and toks[k + 1].joined and toks[k].lower in COPULAS


def _is_everyday_adjective(t: Token) -> bool:
    """A common word that can be a predicative adjective, not a comparative ("lower"), a
    number, a name, a plural noun or a verb ("{explain} the properties")."""
    if t.masked or t.info.stop or is_number(t) or is_capitalised(t) or is_acronym(t):
        return False
    if t.info.zipf < _TECHNICAL_ZIPF or t.info.verb_only or t.info.plural:
        return False
    if t.info.forms & {"VBN", "VBD", "VBG"}:
        return False  # a passive or progressive ("is {based} on"): its own rules apply
    return lemma_of(t.lower, "ADJ", lemmatize_oov=False) in ((t.lower,), ())


def governed_part(toks: Sequence[Token], found: Phrase, hi: int) -> Phrase | None:
    """The part after the preposition when the phrase opens on an empty predicate: "{sensitive
    to summer precipitation}" holds "summer precipitation" to recall; None otherwise."""
    first, last = found
    a = first
    while a < last and toks[a].lower in _DEGREE:
        a += 1
    if a + 2 > last or not is_empty_predicate(toks, (first, a), hi):
        return None
    return a + 2, last
