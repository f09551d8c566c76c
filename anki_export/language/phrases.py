"""Short phrases inside a highlight's tokens: the units a cloze can hide.

Input: `Token`s and a position; output: the noun or adjective phrase, number with its unit,
defined term or object complement found there, as a `Phrase` (first and last token index)."""

from __future__ import annotations

from collections.abc import Sequence

from anki_export.language.tokens import (
    Phrase,
    Token,
    is_adverb,
    is_capitalised,
    is_nounish,
    is_number,
    is_participle,
    is_verb_only,
    starts_with,
)
from anki_export.language.words import (
    CLOSED_CLASS,
    DISCOURSE,
    INTRO_CLAUSES,
    KEEP_LEAD,
    MULTIPLIERS,
    REFERENCES,
    RELATIVES,
    STRIP_DETS,
    word_set,
)

MAX_PHRASE = 6  # tokens; longer phrases are cut back to their head
MIN_CLAUSE_WORDS = 3  # an opener is skipped only if a clause of at least this many words follows
GENUS_FOLLOWERS = RELATIVES | word_set("of for in used by to with")  # "a strategy {that} …"
# Heads that mean nothing without their "of": "a large number {of steps}".
QUANTITIES = word_set(
    """number numbers amount amounts lot lots majority minority third half quarter percent
    share proportion fraction group set series range dozen couple variety pair"""
)
COMPARATIVES = word_set("more less fewer")  # "more than sixty times" is one quantity
# Prepositions of several words: "quantised in units of {the flux quantum}".
COMPLEX_PREPOSITIONS = tuple(
    tuple(p.split())
    for p in (
        "in units of", "in terms of", "by means of", "in the form of", "on the basis of",
        "as a result of", "in the case of", "with respect to", "in relation to", "as part of",
        "in favour of", "in favor of", "on behalf of", "by way of", "in the presence of",
    )
)  # fmt: skip


def phrase(toks: Sequence[Token], i: int, hi: int) -> Phrase | None:
    """The short noun or adjective phrase starting at token i, without a leading "the"."""
    while i < hi - 1 and toks[i].lower in STRIP_DETS and toks[i + 1].joined:
        i += 1
    if i < hi and is_number(toks[i]) and not toks[i].masked:
        return number_span(toks, i, hi)  # "{40%} of the population": the number is the fact
    j, noun_seen, head_seen, ofs, content = i, False, False, 0, 0
    while j < hi and (j == i or toks[j].joined) and not toks[j].masked:
        t, prev = toks[j], toks[j - 1].lower if j > i else ""
        if j + 1 < hi and toks[j + 1].gap == "(":
            break  # a formula such as O(n log n) is not a phrase
        if t.lower == "of" and noun_seen:
            if ofs or _ends_before_of(toks, i, j, hi, content):
                break  # one "of" at most: "{40%} of the population of Florence"
            ofs, j = ofs + 1, j + 1
        elif (prev, t.lower in STRIP_DETS) == ("of", True) or (
            t.lower == "than" and prev in COMPARATIVES  # "more than sixty times"
        ):
            j += 1
        elif head_seen and _ends_noun_phrase(toks, j):
            break
        elif (
            t.lower in KEEP_LEAD
            or is_common_content(toks, j, hi)
            or not (
                t.info.stop
                or t.lower in CLOSED_CLASS
                or (noun_seen and (is_verb_only(t) or is_adverb(t)))
            )
        ):
            noun_seen = noun_seen or is_nounish(t)
            head_seen = head_seen or (is_nounish(t) and t.lower not in KEEP_LEAD)
            content += not t.info.stop and t.lower not in KEEP_LEAD
            j += 1
        else:
            break
    return _number_in(toks, _trim(toks, i, j - 1), hi)


def _number_in(toks: Sequence[Token], found: Phrase | None, hi: int) -> Phrase | None:
    """The number a phrase holds, which is its fact ("distances of {1,200 km}"); else the phrase."""
    for k in range(found[0], found[1] + 1) if found else ():
        if is_number(toks[k]) and not (k and toks[k - 1].lower in REFERENCES):
            return number_span(toks, k, hi)
    return found


def _ends_noun_phrase(toks: Sequence[Token], j: int) -> bool:
    """Whether toks[j] follows a noun phrase instead of belonging to it.

    A participle starts a reduced relative ("the name {given} to …") and an adjective after a
    noun is what a verb made of it ("held the Missouri Compromise {unconstitutional}").
    """
    t = toks[j]
    if t.info.tags == frozenset({"ADJ"}) and not t.info.stop:  # not after "the Earth's"
        return is_nounish(toks[j - 1]) and not toks[j - 1].lower.endswith(("'s", "\u2019s"))
    suffixed = t.lower.endswith(("ed", "en", "wn"))
    return is_participle(t) and (suffixed or "NOUN" not in t.info.tags)


def _ends_before_of(toks: Sequence[Token], i: int, j: int, hi: int, content: int) -> bool:
    """Whether a compound term stops before "of" + one bare noun: "{fine structure} of hydrogen"."""
    if content < 2 or toks[j - 1].lower in QUANTITIES or j + 1 >= hi:
        return False
    after = toks[j + 1]
    if not after.joined or after.info.stop or after.lower in KEEP_LEAD or not is_nounish(after):
        return False
    return j + 2 >= hi or not toks[j + 2].joined or toks[j + 2].info.stop


def is_common_content(toks: Sequence[Token], j: int, hi: int) -> bool:
    """A frequent noun or adjective before a content word: "a {good} model", "{time} limit"."""
    t = toks[j]
    if not t.info.tags & {"NOUN", "ADJ"} or t.lower in CLOSED_CLASS or j + 1 >= hi:
        return False
    return toks[j + 1].joined and not toks[j + 1].info.stop


def _trim(toks: Sequence[Token], first: int, last: int) -> Phrase | None:
    """Drop trailing function words and adverbs, cut long phrases to their head, reject empties."""
    while last >= first and (toks[last].info.stop or is_adverb(toks[last])):
        last -= 1
    if last - first + 1 > MAX_PHRASE:
        ofs = [k for k in range(first + 1, first + MAX_PHRASE + 1) if toks[k].lower == "of"]
        # "a good model of the base objective" -> "a good model"; no "of": keep the head noun's end
        return _trim(toks, first, ofs[-1] - 1) if ofs else _trim(toks, last - 3, last)
    if any(not toks[k].info.stop for k in range(first, last + 1)):
        return first, last
    return None


def number_span(toks: Sequence[Token], k: int, hi: int, language: str = "en") -> Phrase:
    """The number at k with its multiplier and unit: "3.5 billion years", "50 Prozent"."""
    last = k
    while last + 1 < hi and toks[last + 1].joined and toks[last + 1].lower in MULTIPLIERS:
        last += 1
    t = toks[k].text
    is_year = len(t) == 4 and t.isdecimal() and 1000 <= int(t) <= 2100
    units = 2 if language == "en" else 1  # other languages' phrases follow other rules
    while not is_year and last + 1 < hi and last - k < units and _is_unit(toks, last + 1, hi):
        if language != "en" and not is_capitalised(toks[last + 1]):
            break  # a German unit is a noun, and German nouns are capitalised
        last += 1  # "0.75 percentage points", "20,000 protein-coding genes"
    return k, last


def _is_unit(toks: Sequence[Token], k: int, hi: int) -> bool:
    """A word that can measure a number: "years", "km", "Kelvin" (not a name or a verb)."""
    t = toks[k]
    if not t.joined or t.info.stop or t.masked or not is_nounish(t):
        return False
    name_follows = k + 1 < hi and toks[k + 1].joined and is_capitalised(toks[k + 1])
    return not (is_capitalised(t) and name_follows)  # "300 {Kelvin}", not "3 Martin Luthers"


def complex_preposition(toks: Sequence[Token], i: int) -> int:
    """Index after a preposition of several words at i ("in units of"), or i if none is there."""
    for words in COMPLEX_PREPOSITIONS:
        if toks[i].lower == words[0] and starts_with(toks, i, words):
            return i + len(words)
    return i


def skip_opener(toks: Sequence[Token], lo: int, hi: int) -> int:
    """Index where the main clause starts, past "Thus", "Given that …," and similar openers."""
    for _ in range(3):
        if lo >= hi - 1:
            break
        first = toks[lo]
        if first.lower in DISCOURSE or is_adverb(first):
            lo += 1
        elif first.lower in INTRO_CLAUSES:
            comma = next((k for k in range(lo + 1, hi) if "," in toks[k].gap), hi)
            if hi - comma < MIN_CLAUSE_WORDS:
                break
            lo = comma
        else:
            break
    return lo


def term(toks: Sequence[Token], lo: int, end: int) -> Phrase | None:
    """toks[lo:end] as a defined term: short, one phrase, starting and ending with content words."""
    while lo < end and toks[lo].lower in {"the", "a", "an"}:
        lo += 1
    if not 0 < end - lo <= 4 or any(t.masked for t in toks[lo:end]):
        return None
    if not all(t.joined for t in toks[lo + 1 : end]):
        return None
    if toks[lo].info.stop or toks[end - 1].info.stop or is_adverb(toks[lo]):
        return None
    return lo, end - 1


def is_genus(toks: Sequence[Token], i: int, hi: int) -> bool:
    """Whether toks[i:] reads "a/an Y that|of …" (or "the Y that …"): the class of a term."""
    if i >= hi or toks[i].lower not in {"a", "an", "the"}:
        return False
    followers = GENUS_FOLLOWERS if toks[i].lower != "the" else RELATIVES
    for k in range(i + 1, min(hi, i + 6)):  # the class itself is a short phrase
        t = toks[k]
        if not t.joined:
            return toks[i].lower != "the" and k > i + 1
        if t.lower in followers:
            return k > i + 1
        if t.info.stop and not is_common_content(toks, k, hi):
            return False
    return hi <= i + 5 and toks[i].lower != "the"


def object_complement(toks: Sequence[Token], k: int, hi: int) -> Phrase | None:
    """An adjective after an object, saying what the verb made of it ("made books cheaper")."""
    last = k
    while last < hi - 1 and is_adverb(toks[last]) and toks[last + 1].joined:
        last += 1
    if toks[last].info.tags != {"ADJ"} or toks[last].info.stop:
        return None
    after = toks[last + 1] if last + 1 < hi else None
    if after is not None and after.joined and not after.info.stop and is_nounish(after):
        return None  # it modifies the next noun: "the 2008 {financial} crisis"
    return k, last
