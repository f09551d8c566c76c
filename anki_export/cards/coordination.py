"""Whether a hidden phrase is one item of a coordination the card shows the rest of.

Input: a text's `Token`s and a candidate `Phrase` in the sentence toks[lo:hi]; output: whether
it is one item of a list of three or more ("A, {B} and C"), or a name beside its visible twin
("both {UVG} and MCL-JCV"): which item was hidden is trivia, not the fact.
"""

from __future__ import annotations

from collections.abc import Sequence

from anki_export.language.tokens import Phrase, Token, is_acronym, is_capitalised
from anki_export.language.words import ANCHORS, word_set

_FINITE = frozenset({"VBZ", "VBD", "VBP"})
_LIST_JOINERS = word_set("and or")
_PAIR_WORDS = word_set("both either neither")
_NAME = 3  # words: a longer capitalised stretch is a title or a sentence, not a name
_ITEM = 5  # tokens: a longer stretch between separators is a clause, not a list item


def is_list_item(toks: Sequence[Token], found: Phrase, lo: int, hi: int) -> bool:
    """Whether the phrase is one item of a list of three or more: "A, {B} and C", "A, B and {C}",
    "{A}, B and C" (an item is the phrase with at most two more words around it)."""
    first, last = found
    left, right = _item_start(toks, first, lo), _item_end(toks, last, hi)
    after = _separator_after(toks, right, hi)
    if after == "," and right - last <= 2:  # "through {A}, B and C"
        nxt = _after_separator(toks, right + 1)
        end = _item_end(toks, nxt, hi)
        if (
            _is_short(nxt, end)
            and _separator_after(toks, end, hi) in (",", "and")
            and not is_clause(toks, nxt, end)
        ):
            return True
    if is_clause(toks, left, first - 1) or is_clause(toks, last + 1, right):
        return False  # "Jesus is {internally aligned}, Luther is …": clauses, not items
    if (last - first + 1) + 5 < right - left + 1:
        return False  # the phrase is part of a longer clause, not an item of its own
    before = _separator(toks, left, lo)
    if before == "," and after in (",", "and"):
        return True
    if before == "and":
        previous = _item_start(toks, _before_separator(toks, left), lo)
        return (
            _is_short(previous, _before_separator(toks, left))
            and _separator(toks, previous, lo) == ","
        )
    return False


def is_clause(toks: Sequence[Token], start: int, end: int) -> bool:
    """Whether toks[start:end+1] holds a verb, so the stretch is a clause, not a list item."""
    return any(
        toks[k].lower in ANCHORS
        or (toks[k].info.forms & _FINITE and "NOUN" not in toks[k].info.tags)
        for k in range(max(start, 0), end + 1)
    )


def _separator(toks: Sequence[Token], k: int, lo: int) -> str:
    """The list separator right before toks[k]: "and" (also ", and", "or"), ",", or ""."""
    if k <= lo or k >= len(toks):
        return ""
    if toks[k - 1].lower in _LIST_JOINERS:
        return "and"
    return "," if "," in toks[k].gap else ""


def _before_separator(toks: Sequence[Token], k: int) -> int:
    """The last token of the item before the separator that precedes toks[k]."""
    return k - 2 if toks[k - 1].lower in _LIST_JOINERS else k - 1


def _after_separator(toks: Sequence[Token], k: int) -> int:
    """The first token of the item after the separator before toks[k]."""
    return k + 1 if k < len(toks) and toks[k].lower in _LIST_JOINERS else k


def _item_start(toks: Sequence[Token], k: int, lo: int) -> int:
    """Where the item holding toks[k] starts: after the nearest separator (at most 5 back)."""
    start = k
    while start > lo and k - start < _ITEM and not _separator(toks, start, lo):
        start -= 1
    return start


def _item_end(toks: Sequence[Token], k: int, hi: int) -> int:
    """Where the item holding toks[k] ends: before the nearest separator (at most 5 on)."""
    end = k
    while (
        end + 1 < hi
        and end - k < _ITEM
        and not _separator(toks, end + 1, 0)
        and toks[end + 1].lower not in _LIST_JOINERS
    ):
        end += 1
    return end


def _is_short(start: int, end: int) -> bool:
    """Whether toks[start:end+1] is short enough to be a list item."""
    return 0 <= end - start < _ITEM


def _separator_after(toks: Sequence[Token], k: int, hi: int) -> str:
    """The list separator right after toks[k]: "and" (also ", and", "or"), ",", or ""."""
    if k + 1 >= hi:
        return ""
    if toks[k + 1].lower in _LIST_JOINERS:
        return "and"
    return "," if "," in toks[k + 1].gap else ""


def is_twin_name(toks: Sequence[Token], found: Phrase, lo: int, hi: int) -> bool:
    """Whether the phrase is a name beside its visible twin: "on both {UVG} and MCL-JCV",
    "{Athens} or Sparta". Which of a pair was hidden is trivia; the pair's role is the fact."""
    first, last = found
    if first < last and toks[first].lower in _PAIR_WORDS:
        first += 1
    named = _name_length(toks, first, last + 1, 1)
    if not named:
        return False
    if named <= last - first:  # "{MCL-JCV datasets}": the name, then the pair's shared noun
        if lo < first - 1 and toks[first - 1].lower in _LIST_JOINERS:
            last = first + named - 1
        else:
            return False
    if last + 2 < hi and toks[last + 1].lower in _LIST_JOINERS and toks[last + 2].joined:
        return _name_length(toks, last + 2, hi, 1) > 0
    k = first - 1
    if k - 1 >= lo and toks[k].lower in _LIST_JOINERS and toks[first].joined and toks[k].joined:
        return _name_length(toks, k - 1, lo - 1, -1) > 0
    return False


def _name_length(toks: Sequence[Token], k: int, stop: int, step: int) -> int:
    """How many words of a name run from toks[k] towards `stop` (0 when none is a name)."""
    n = 0
    while k != stop and n < _NAME and (is_capitalised(toks[k]) or is_acronym(toks[k])):
        if n and not (toks[k].joined if step > 0 else toks[k + 1].joined):
            break
        n, k = n + 1, k + step
    return n
