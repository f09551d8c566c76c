"""Find the main lexical verb of a clause, after a subject it agrees with.

Input: `Token`s and a clause's token range; output: the verb's index. Plural nouns that can be
verbs ("pumps", "wages", "towers") and reduced relatives ("towers built in the 1960s …") are read
as part of the subject, so "Efflux pumps {expel} …" finds "expel"."""

from __future__ import annotations

from collections.abc import Sequence

from anki_export.language.tokens import (
    Token,
    is_acronym,
    is_adverb,
    is_capitalised,
    is_nounish,
    is_number,
    is_participle,
    is_verb_only,
)
from anki_export.language.words import (
    ANCHORS,
    KEEP_LEAD,
    PLURAL_PRONOUNS,
    PREPOSITIONS,
    PRONOUNS,
    STRIP_DETS,
    VISIBLE_ADVERBS,
    word_set,
)

MAX_SUBJECT = 12  # tokens
_FINITE = frozenset({"VBZ", "VBD", "VBP"})
# Words after which a new clause, with its own subject, starts: "we argue {that} SGD favors …".
_CLAUSE_OPENERS = word_set("that how why whether when where if because since whereas although")
_DETERMINERS = STRIP_DETS | KEEP_LEAD | {"a", "an"}
_COORDINATORS = word_set("and or")


def finite_verb(toks: Sequence[Token], lo: int, hi: int) -> int | None:
    """Index of the first finite lexical verb after a subject ("SGD systematically {favors}")."""
    opening = lo  # where the clause holding toks[k] starts: after "that", "how", …
    for k in range(lo + 1, hi):
        if toks[k - 1].lower in _CLAUSE_OPENERS:
            opening = k
        forms = verb_forms(toks[k])
        if not forms or (is_capitalised(toks[k]) and not toks[k].initial):
            continue
        start = opening
        while start < k and is_adverb(toks[start]):
            start += 1  # "how {quickly} resistance genes move"
        end = k - 1
        while end > start and _is_verb_adverb(toks[end]):
            end -= 1  # "SGD {systematically} favors", "Central banks {rarely} follow"
        if end < start or not _agrees(toks, start, end, forms):
            continue
        if _is_subject(toks, start, end) and not _is_in_subject(toks, start, k, hi):
            return k
    return None


def verb_forms(t: Token) -> frozenset[str]:
    """The finite verb forms (VBZ, VBD, VBP) a content word can take; empty for other words."""
    if t.info.stop or t.masked or t.lower.endswith("ing") or t.lower in ANCHORS:
        return frozenset()
    return t.info.forms & _FINITE


def _is_verb_adverb(t: Token) -> bool:
    """An adverb between a subject and its verb."""
    return t.lower in VISIBLE_ADVERBS or is_adverb(t)


def _head(toks: Sequence[Token], start: int, end: int) -> Token:
    """The noun the subject toks[start:end+1] is about: the last one before its modifiers."""
    for j in range(start + 1, end + 1):
        t = toks[j]
        modifier = t.lower in PREPOSITIONS or t.lower in _COORDINATORS or is_participle(t)
        if modifier and is_nounish(toks[j - 1]) and not is_participle(toks[j - 1]):
            return toks[j - 1]
    return toks[end]


def _agrees(toks: Sequence[Token], start: int, end: int, forms: frozenset[str]) -> bool:
    """Whether a verb with these forms can follow the subject toks[start:end+1]."""
    if "VBD" in forms:
        return True
    head = _head(toks, start, end)
    coordinated = any(toks[j].lower in _COORDINATORS for j in range(start, end + 1))
    plural = head.info.plural or head.lower in PLURAL_PRONOUNS or coordinated
    if is_acronym(head) and not head.text.endswith("s"):
        plural = False  # SGD, DNA
    return ("VBP" in forms and plural) or ("VBZ" in forms and not plural)


def _is_subject(toks: Sequence[Token], start: int, end: int) -> bool:
    """Whether toks[start:end+1] reads as one noun phrase, modifiers included.

    "The daily wages of agricultural labourers in England", "Public housing towers built in the
    1960s"; not "A model that", "it should", or a phrase broken by a comma.
    """
    part = toks[start : end + 1]
    if len(part) > MAX_SUBJECT or any(t.masked for t in part):
        return False
    if len(part) == 1 and part[0].lower in PRONOUNS | PLURAL_PRONOUNS:
        return True
    for j in range(start, end + 1):
        t, prev = toks[j], toks[j - 1] if j > start else None
        if prev is not None and not t.joined:
            return False
        if t.lower in _DETERMINERS:
            if prev is not None and is_nounish(prev) and prev.lower not in _DETERMINERS:
                return False  # a new noun phrase: "objectives {a} model could have"
        elif t.lower in PREPOSITIONS or t.lower in _COORDINATORS:
            if prev is None or j == end or not (is_nounish(prev) or is_participle(prev)):
                return False
        elif t.info.stop or t.lower in PRONOUNS or _is_bare_verb(toks, j):
            return False
    last = toks[end]
    return last.lower not in _DETERMINERS and (is_nounish(last) or "ADJ" in last.info.tags)


def _is_bare_verb(toks: Sequence[Token], j: int) -> bool:
    """A verb that cannot stand in a noun phrase: not a gerund ("{Operating} systems") nor a
    participle after a noun ("towers {built} in the 1960s")."""
    t = toks[j]
    if not is_verb_only(t) or t.lower.endswith("ing"):
        return False
    return not (is_participle(t) and j > 0 and is_nounish(toks[j - 1]))


def _is_in_subject(toks: Sequence[Token], start: int, k: int, hi: int) -> bool:
    """Whether the verb-like toks[k] is still part of the subject, the verb coming later.

    "Efflux {pumps} expel", "The daily {wages} of …", "Median {rents} in San Francisco doubled",
    "Public housing towers {built} in the 1960s concentrated …".
    """
    t = toks[k]
    if k + 1 >= hi or not toks[k + 1].joined:
        return False
    nxt = toks[k + 1]
    noun = "NOUN" in t.info.tags
    if noun and nxt.lower == "of":
        return True
    j = k + 1
    while j < hi - 1 and _is_verb_adverb(toks[j]) and toks[j + 1].joined:
        j += 1  # "Central banks rarely {follow}"
    plural = noun and t.info.plural
    determined = toks[start].lower in _DETERMINERS  # "The heart pumps …": a verb after a head
    if plural and (toks[j].lower in ANCHORS or _is_next_verb(toks, j, hi, determined)):
        return True  # "Efflux pumps {expel}", "photon pairs {survives}", "wages {may} …"
    if plural or is_participle(t):
        return nxt.lower in PREPOSITIONS and _verb_after_modifiers(toks, k + 1, hi)
    return False


def _is_next_verb(toks: Sequence[Token], j: int, hi: int, determined: bool) -> bool:
    """Whether toks[j], after a plural noun, is surely a verb: "expel", "built in", "survives".

    A past form before a noun is an adjective ("SGD favors {aligned} models"). A word that can
    also be a noun is a verb only before what a verb takes ("Land values {rise} sharply",
    "rates {affect} the value"), and not after "The heart pumps", whose -s word is the verb.
    """
    t, forms = toks[j], verb_forms(toks[j])
    after = toks[j + 1] if j + 1 < hi and toks[j + 1].joined else None
    object_follows = after is not None and not after.info.stop and is_nounish(after)
    if "VBD" in forms and object_follows and "VBP" not in forms:
        return False
    if not forms & {"VBP", "VBD"} and not ("VBZ" in forms and "NOUN" not in t.info.tags):
        return False
    if "NOUN" not in t.info.tags:
        return True
    if determined:
        return False  # "The central bank raises {interest} rates"
    return after is None or after.lower in _DETERMINERS or _is_verb_adverb(after) or object_follows


def _verb_after_modifiers(toks: Sequence[Token], i: int, hi: int) -> bool:
    """Whether a finite verb follows the phrases from i: "in the 1960s {concentrated}"."""
    for j in range(i + 1, min(hi, i + MAX_SUBJECT)):
        t = toks[j]
        if not t.joined or t.masked:
            return False
        if t.lower in ANCHORS:
            return True  # "Construction costs in Boston {are} close to …"
        forms = verb_forms(t)
        if forms and not is_capitalised(t) and toks[j - 1].lower not in _DETERMINERS:
            strong = "NOUN" not in t.info.tags or _is_verb_adverb(toks[j - 1])
            if strong or (j + 1 < hi and toks[j + 1].lower in _DETERMINERS):
                return True
        if not (
            t.lower in PREPOSITIONS
            or t.lower in _DETERMINERS
            or _is_verb_adverb(t)
            or is_number(t)
            or (not t.info.stop and not is_verb_only(t))
        ):
            return False
    return False


_VERB_FOLLOWERS = _DETERMINERS | (PREPOSITIONS - {"to"})


def main_verb(toks: Sequence[Token], lo: int, hi: int) -> int | None:
    """Index of a clause's verb, more leniently than `finite_verb`: also a verb that could be a
    noun ("produce", "converts", "hides") right after a noun and before what a verb takes (an
    article, a quantifier, a preposition, a noun): "Mitochondria {produce} most of …"."""
    found = finite_verb(toks, lo, hi)
    if found is not None:
        return found
    for k in range(lo + 1, hi):
        t, before = toks[k], toks[k - 1]
        if t.info.stop or t.masked or t.lower.endswith("ing") or not t.info.forms & _FINITE:
            continue
        if not ((is_nounish(before) and not before.info.stop) or before.lower in PRONOUNS):
            continue
        if "NOUN" not in t.info.tags or "VBD" in t.info.forms:
            return k
        after = toks[k + 1] if k + 1 < hi else None
        if after is not None and after.joined and not after.lower.endswith("ing") and (
            after.lower in _VERB_FOLLOWERS or is_nounish(after)
        ):
            return k
    return None
