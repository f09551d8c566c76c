"""Numbers that set up a study rather than state what it found.

Input: a text's `Token`s, a candidate `Phrase` holding a number, and its sentence's bounds;
output: whether the number is the study's setting: how long it ran ("conducted over {5 years}")
or how much it covered in a sentence that reports its finding elsewhere ("we analyse {20
million} people", "monitored {150,000 stars} …, and showed that …"). A setting is trivia a
learner rarely needs; a number is worth asking when it is the finding ("above {400 MPa}").
"""

from __future__ import annotations

from collections.abc import Sequence

from anki_export.language.tokens import Phrase, Token, is_capitalised, is_nounish, is_number
from anki_export.language.words import word_set

# Units of time: a number of them after a preposition of extent is a duration.
_TIME_UNITS = word_set(
    "second seconds minute minutes hour hours day days week weeks month months year years "
    "decade decades century centuries"
)
_EXTENT = word_set("over for during across within spanning lasting")
# Words that hedge a number and stay visible: "over {roughly} 5 years", "more than 20 million".
_APPROXIMATORS = word_set("about around roughly nearly almost approximately some more than over")
_FIRST_PERSON = word_set("we our us")
# Prepositions that open a sentence with when or where it happened: "In the 2003 outbreak, …".
_SCENE = word_set("in during at over after before since")
_REPORTING_FORMS = frozenset({"VBD", "VBZ", "VBP"})


def is_setting(toks: Sequence[Token], found: Phrase, lo: int, hi: int) -> bool:
    """Whether the number in the phrase is a duration or a count of what a study covered."""
    first, last = found
    k = next((i for i in range(first, last + 1) if is_number(toks[i])), None)
    if k is None and first == last and first > lo and toks[first].joined:
        k = first - 1 if is_number(toks[first - 1]) else None  # "150,000 {stars}"
    if k is None:
        return False
    if _is_condition(toks, k, lo) or _in_opening_phrase(toks, k, lo, hi):
        return True
    counted = _counted_noun(toks, k, last, hi)
    if counted is not None and toks[counted].info.lemma in _TIME_UNITS:
        return _after_extent(toks, k, lo)
    if counted is None or not (toks[counted].info.plural or toks[counted].info.stop):
        return False  # a plural noun or a common collective ("people") is counted
    return _is_first_person(toks, lo, k) or _reports_later(toks, last + 1, hi)


def _is_condition(toks: Sequence[Token], k: int, lo: int) -> bool:
    """Whether the number is the condition a noun holds under: "nano-twinning {at 77 K}",
    "strength at {1600 °C}" (but "melts at {1538 °C}", after a verb, is the finding)."""
    if k - 2 < lo or toks[k - 1].lower != "at" or not toks[k - 1].joined:
        return False
    before = toks[k - 2]
    return is_nounish(before) and not before.info.forms and not before.info.stop


def _counted_noun(toks: Sequence[Token], k: int, last: int, hi: int) -> int | None:
    """The noun the number counts or measures: the last word of its phrase, or the next."""
    after = last if last > k else last + 1
    while after < hi and after <= last + 1 and toks[after].joined:
        t = toks[after]
        if is_number(t) or t.lower in ("million", "billion", "thousand", "hundred"):
            after += 1
            continue
        return after if is_nounish(t) and not is_capitalised(t) else None  # not "5 Nobel"
    return None


def _after_extent(toks: Sequence[Token], k: int, lo: int) -> bool:
    """Whether a preposition of extent comes before the number, past its hedges."""
    i = k - 1
    while i > lo and toks[i].lower in _APPROXIMATORS and toks[i].lower not in ("over",):
        i -= 1
    return i >= lo and toks[i].lower in _EXTENT


def _is_first_person(toks: Sequence[Token], lo: int, k: int) -> bool:
    """Whether the sentence is the authors saying what they did ("We analyse …"), the number
    outside any "that" clause that would report a finding."""
    return toks[lo].lower in _FIRST_PERSON and not any(t.lower == "that" for t in toks[lo:k])


def _reports_later(toks: Sequence[Token], start: int, hi: int) -> bool:
    """Whether a finite verb with a "that" clause follows: "…, and its yield {showed that} …"."""
    return reported_clause(toks, start, hi) is not None


def _in_opening_phrase(toks: Sequence[Token], k: int, lo: int, hi: int) -> bool:
    """Whether the number names the scene in a phrase that opens the sentence, before the comma
    that ends it: "in the {2003} SARS outbreak in Singapore, a few cases …". A date that ends
    the phrase is when the sentence's event happened, a fact: "In April {1992}, New Jersey …"."""
    start = max((i for i in range(lo, k + 1) if ":" in toks[i].gap), default=lo)
    if toks[start].lower not in _SCENE or any("," in t.gap for t in toks[start + 1 : k + 1]):
        return False
    if k + 1 >= hi or not toks[k + 1].joined or not is_nounish(toks[k + 1]):
        return False  # the number modifies no noun: a date
    return any("," in toks[i].gap for i in range(k + 1, min(hi, k + 8)))


def reported_clause(toks: Sequence[Token], lo: int, hi: int) -> int | None:
    """Where the clause a finite verb reports starts ("… showed that {planets …}"), or None."""
    return next(
        (i + 1 for i in range(max(lo, 1), hi - 1)
         if toks[i].lower == "that" and toks[i - 1].info.forms & _REPORTING_FORMS),
        None,
    )
