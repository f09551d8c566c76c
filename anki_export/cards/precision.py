"""Whether an ordinary sentence's cloze is worth a card of its own.

Input: a card's text and the span its cloze hides. Output: whether the span is a TERM the
sentence defines, names or describes, or the NUMBER the sentence reports; else why not.

Graded cards from ordinary sentences (no label that says more, no "because", no definition
verb; sets judged/ to judged-0.8) are good where they hide a term asked from its description
("the {old-wood effect}, the offset between …", "often called the {Cantor alloy}", "the
{Sabatier} principle states that …": 27 good, 2 weak, 7 bad, the bad ones dangling "This is
termed" fronts that the fronts' rules now refuse) or a value the sentence reports ("averages
only {33%}", "close to {1.0}": 5 good, 5 weak, 4 bad). A predicate after "is" or a reporting
verb ("is {most severe}", "are {sensitive} to", "showed an inverted {U-shaped} …") is good 9
times and bad 30 (weak 16): an empty adjective, a generic class, a word the rest of the sentence
gives away. So only terms and reported numbers are asked; other highlights - a list's head, a
generic noun, a predicate, a side number, one side of a contrast - are shown on the back of a
card beside them. Judged by word positions and closed word classes only, so the rule carries
over to any domain.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from anki_export.cards.claims import definition
from anki_export.language.tokens import (
    Phrase,
    Token,
    is_acronym,
    is_adverb,
    is_capitalised,
    is_number,
    is_participle,
    sentence_ranges,
    tokenize,
)
from anki_export.language.words import (
    BE_FORMS,
    COPULAS,
    PREPOSITIONS,
    STRIP_DETS,
    may_be_cut,
    word_set,
)

NEITHER = ("its cloze would hide neither a term the sentence defines or names nor the number "
           "it reports (a list's head, a generic word, a predicate, a side number or one side "
           "of a contrast), so it is shown on the back of a card beside it instead")
"""Why a sentence makes no cloze card of its own, for `explain`."""

# Nouns that name a law, principle or model after the name they carry: "the {Sabatier} principle"
_NAMING_NOUNS = word_set(
    """law laws principle principles effect effects theory theories thesis mechanism
    mechanisms hypothesis paradox criterion rule conjecture theorem equation"""
)
# Verbs a named law or principle asserts with: "{Duverger's law} holds that …"
_ASSERTING = word_set("states state holds hold says say predicts predict posits asserts claims")
_NAMING_VERBS = word_set("called termed named dubbed known")
_DESCRIBING = word_set("described defined characterised characterized regarded")
# Relative words and glosses after a comma that describe the word before it.
_GLOSS_OPENERS = word_set("which who whose i.e the a an")
# Words that hedge or bound a number and stay visible: "averages only {33%}", "above {400 MPa}".
_HEDGES = word_set(
    "only about around roughly nearly approximately almost just some close to above below over "
    "under up at least most more less than exceeding beyond")
_COMPARATORS = word_set("close above below exceeding beyond")
_REPORTING = word_set(
    """show shows showed shown find finds found reveal reveals revealed report reports
    reported demonstrate demonstrates demonstrated observe observes observed yield yields
    yielded""")
# After the span, these make it one side of a contrast or of a pair: "{a necessary} but not a
# sufficient condition", "{smaller} in the short run than in the long run".
_FINITE = frozenset({"VBZ", "VBD", "VBP"})
_CLAUSE_OPENERS = word_set("that which who where when whereas while but and")
# What follows a point estimate: its standard error or interval, "0.05 (s.e. 0.07)", "2.1 ± 0.3".
_UNCERTAINTY = re.compile(r"\s*(?:±|\+/-|\(\s*(?:s\.?e\.?|sd|95\s*%|ci\b|p\s*[<=>]))", re.I)
_CONTRAST = word_set("whereas while but unlike")


def precise_target(text: str, start: int, end: int) -> str | None:
    """None when the cloze text[start:end] is worth a card of its own, else why it is not."""
    toks = tokenize(text)
    inside = [k for k, t in enumerate(toks) if start <= t.start and t.end <= end]
    if not inside:
        return NEITHER
    found = (inside[0], inside[-1])
    lo, hi = next(((a, b) for a, b in sentence_ranges(toks) if a <= found[0] < b),
                  (0, len(toks)))
    if _UNCERTAINTY.match(text[end:]):
        return NEITHER  # a point estimate: the words after its standard error are the finding
    if _is_term(toks, found, lo, hi) or _is_finding(toks, found, lo, hi):
        return None
    return NEITHER


# --- terms ----------------------------------------------------------------------------------


def _is_term(toks: Sequence[Token], found: Phrase, lo: int, hi: int) -> bool:
    """A term the sentence defines, names or describes (and does not just spell out)."""
    first, last = found
    if _expands_an_acronym(toks, last, hi) or _one_side(toks, found, hi):
        return False  # "{sharp-wave ripples} (SWRs)": the card shows its own answer
    if first == 0 and may_be_cut(toks[0].text, at_start=True):
        return False  # "{ird compass} is …": the selection cut the term, no answer to give
    defined = definition(toks, lo, hi)
    if defined and defined[0] <= last and first <= defined[1]:
        return True  # "X is a Y that …", "X, a Y, …", "… is called X"
    return (
        _is_named(toks, first)
        or _names_a_law(toks, found, hi)
        or _is_glossed(toks, found, lo, hi)
        or _is_described_as(toks, found, hi)
    )


def _expands_an_acronym(toks: Sequence[Token], last: int, hi: int) -> bool:
    """Whether an acronym in parentheses follows the span."""
    return last + 1 < hi and "(" in toks[last + 1].gap and is_acronym(toks[last + 1])


def _is_named(toks: Sequence[Token], first: int) -> bool:
    """"… often called the {Cantor alloy}", "known as {X}": the sentence gives its name."""
    k = first - 1
    if k >= 0 and toks[k].lower in STRIP_DETS | {"a", "an"}:
        k -= 1
    if k >= 0 and toks[k].lower == "as" and k > 0 and toks[k - 1].lower == "known":
        return True
    return k >= 0 and toks[k].lower in _NAMING_VERBS and toks[k].lower != "known"


def _names_a_law(toks: Sequence[Token], found: Phrase, hi: int) -> bool:
    """"The {Sabatier} principle states that …", "{Duverger's law} holds …", "In {Neo-Riemannian}
    theory …": a named law, principle or theory, asked from what it says."""
    first, last = found
    noun = next((k for k in (last, last + 1) if k < hi and toks[k].lower in _NAMING_NOUNS
                 and (k == last or toks[k].joined)), None)
    if noun is None or (noun == last and first == last):
        return False  # the bare noun "{theory}" names nothing
    named = any(is_capitalised(toks[k]) and not toks[k].initial for k in range(first, noun))
    named = named or any(is_capitalised(toks[k]) for k in range(first, noun) if k > 0)
    after = noun + 1
    asserts = after < hi and (toks[after].lower in _ASSERTING
                              or (toks[after].lower == "in" and after + 1 < hi
                                  and toks[after + 1].lower == "which"))
    return named or asserts


def _is_glossed(toks: Sequence[Token], found: Phrase, lo: int, hi: int) -> bool:
    """A term with its gloss beside it: "{hapax legomena}, words that occur only once", "the
    {old-wood effect}, the offset between …", "{X}, which measure …", "{X} (the …)"."""
    first, last = found
    after = last + 1
    if after >= hi or first > lo + 3:
        return False  # a described term opens its sentence, give or take an article
    gap = toks[after].gap
    if "(" in gap:
        return not is_number(toks[after]) and toks[after].text[0].islower()
    if "," not in gap and ":" not in gap:
        return False
    word = toks[after]
    if word.lower in _GLOSS_OPENERS:
        return True
    # "words that occur …": a bare plural noun and a relative clause
    return (after + 1 < hi and toks[after + 1].lower in {"that", "which", "who"}
            and not is_participle(word) and word.text[0].islower())


def _is_described_as(toks: Sequence[Token], found: Phrase, hi: int) -> bool:
    """"Kuhn described {normal science} as puzzle-solving"."""
    first, last = found
    k = first - 1
    if k >= 0 and toks[k].lower in STRIP_DETS | {"a", "an"}:
        k -= 1
    return (k >= 0 and toks[k].lower in _DESCRIBING and last + 1 < hi
            and toks[last + 1].lower == "as")


# --- findings -------------------------------------------------------------------------------


def _is_finding(toks: Sequence[Token], found: Phrase, lo: int, hi: int) -> bool:
    """The value the sentence reports: "averages only {33%}", "close to {1.0}", "consumes {3
    ATP} and 2 NADPH" - not a number in its subject ("birds tested above {590 nm} were …"), nor
    a point estimate given with its standard error ("{0.05} (s.e. 0.07)", the words after it
    being the finding)."""
    first, last = found
    if "(" in toks[first].gap or _one_side(toks, found, hi):  # "spindles ({12-15 Hz})"
        return False
    if not any(is_number(toks[k]) for k in range(first, last + 1)):
        return False
    return _is_reported_number(toks, first, lo) and not _in_subject(toks, last, hi)


def _in_subject(toks: Sequence[Token], last: int, hi: int) -> bool:
    """Whether the finite verb of the clause comes after the span: the number is then part of
    what the clause is about, not what it reports."""
    for k in range(last + 1, hi):
        if any(mark in toks[k].gap for mark in ",;:(") or toks[k].lower in _CLAUSE_OPENERS:
            return False  # a clause of its own: "… above 400 MPa, but their ductility is …"
        if toks[k].lower in BE_FORMS or toks[k].lower in _REPORTING:
            return True
    return False


def _one_side(toks: Sequence[Token], found: Phrase, hi: int) -> bool:
    """One side of a contrast or pair the sentence shows the other side of: "{a necessary} but
    not a sufficient …", "{smaller} in the short run than in the long run", "at the {highest
    ranks}, … and at the lowest ranks" (a comparison with a value, "lower than the classical
    value", is a finding)."""
    first, last = found
    for k in range(last + 1, min(hi, last + 7)):
        if any(mark in toks[k].gap for mark in ",;:"):
            break
        word = toks[k].lower
        parallel = k + 1 < hi and toks[k + 1].lower in PREPOSITIONS  # "than in the long run"
        if word in _CONTRAST or (word == "than" and (toks[k - 1].lower == "rather" or parallel)):
            return True
    lead = tuple(t.lower for t in toks[max(0, first - 2) : first])
    if len(lead) < 2 or lead[0] not in PREPOSITIONS:
        return False
    return any(tuple(t.lower for t in toks[k : k + 2]) == lead for k in range(last + 1, hi - 1))


def _skip_back(toks: Sequence[Token], k: int, lo: int, words: frozenset[str]) -> int:
    """The index before the run of `words` (or -ly adverbs) that ends at k."""
    while k >= lo and (toks[k].lower in words or is_adverb(toks[k])):
        k -= 1
    return k


def _is_reported_number(toks: Sequence[Token], first: int, lo: int) -> bool:
    """A number after the verb that reports it, or after a comparison ("close to", "above"):
    not a count of what was studied, a dose or a date beside the finding."""
    hedged = first - 1 >= lo and (toks[first - 1].lower in _HEDGES)
    if hedged and any(toks[k].lower in _COMPARATORS for k in range(max(lo, first - 2), first)):
        return True
    k = _skip_back(toks, first - 1, lo, _HEDGES)
    if k < lo:
        return False
    t = toks[k]
    return t.lower in COPULAS or t.lower in _REPORTING or bool(t.info.forms & _FINITE)
