"""What a phrase's role in its sentence says about hiding it, whatever its words.

Input: a text's `Token`s and a candidate `Phrase`; output: whether the phrase is an empty head by
its role (the "of" phrase after it says more), the thing a "between two …" relation already
names, or the class of an example the card shows ("X and other {Ys}").
"""

from __future__ import annotations

from collections.abc import Sequence

from anki_export.language.phrases import phrase
from anki_export.language.tokens import (
    Phrase,
    Token,
    is_acronym,
    is_capitalised,
    is_content,
    is_number,
)
from anki_export.language.words import word_set

# "between two {variables}": the relation names what it relates, so the noun is no recall.
_COUNTS = word_set("two three several multiple many both")
_RELATING = word_set("between among across")
_JOINERS = word_set("and or")


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
