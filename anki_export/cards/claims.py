"""What an English sentence asserts: the predicate of a claim, or the term a definition defines.

Input: `Token`s and a clause's token range; output: the `Phrase` a cloze should hide, found by
rules over closed word classes and lemminflect's readings (no statistical parser)."""

from __future__ import annotations

from collections.abc import Sequence

from anki_export.language.phrases import (
    complex_preposition,
    is_genus,
    object_complement,
    phrase,
    skip_opener,
    term,
)
from anki_export.language.tokens import (
    Phrase,
    Token,
    is_adverb,
    is_number,
    is_participle,
    is_verb_only,
    starts_with,
)
from anki_export.language.verbs import finite_verb
from anki_export.language.words import (
    ANCHORS,
    BE_FORMS,
    CAUSATIVES,
    COPULAS,
    HAVES,
    KEEP_LEAD,
    LIGHT_NOUNS,
    MODALS,
    PARTICLES,
    PREPOSITIONS,
    RAISING,
    RELATIVES,
    STRIP_DETS,
    VISIBLE_ADVERBS,
    verb_lemma,
    word_set,
)

_ADJ_COMPLEMENTS = word_set("to with from than")
_HEDGES = word_set("likely unlikely")  # "will likely be": an adverb before a verb
_FREE_RELATIVES = word_set("what whatever whoever")  # "given to {whatever accelerates …}"
_FORWARD_DEFINERS = (
    *[(verb, "defined", "as") for verb in ("is", "are", "was", "were")],
    *(("refers", "to"), ("refer", "to"), ("means",), ("denotes",), ("stands", "for")),
)
_BACKWARD_DEFINERS = (("called",), ("known", "as"), ("termed",), ("named",))
_DEFINER_HEADS = frozenset(d[0] for d in _FORWARD_DEFINERS + _BACKWARD_DEFINERS)
_COPULA_DEFINERS = word_set("is are was were")


def claim(toks: Sequence[Token], lo: int, hi: int) -> Phrase | None:
    """The core of what the clause toks[lo:hi] asserts about its subject."""
    if hi - lo < 2:
        return None
    lo = skip_opener(toks, lo, hi)
    anchors = [
        a
        for a in range(lo + 1, hi)
        if toks[a].lower in ANCHORS and toks[a - 1].lower not in RELATIVES
    ]
    verb = finite_verb(toks, lo, hi)
    if verb is not None and not (anchors and anchors[0] < verb):
        found = _object(toks, verb, hi)  # "Land values {rise sharply} wherever … are scarce"
        if found:
            return found
    for a in anchors:
        found = _after_anchor(toks, a, hi)
        if found:
            return found
    return _object(toks, verb, hi) if verb is not None else None


def _after_anchor(toks: Sequence[Token], a: int, hi: int) -> Phrase | None:
    """The predicate after a copula, modal or auxiliary at index a."""
    word = toks[a].lower
    if word in COPULAS:
        return _complement(toks, a, hi)
    i = _past_adverbs(toks, a + 1, hi)  # "will marginally lower": adverbs of the verb stay visible
    if i >= hi:
        return None
    nxt = toks[i].lower
    if nxt in COPULAS:
        return _complement(toks, i, hi)
    if nxt in HAVES or word in HAVES:
        return _after_have(toks, i if nxt in HAVES else a, hi)
    return _object(toks, i, hi) if word in MODALS else None


def _past_adverbs(toks: Sequence[Token], i: int, hi: int) -> int:
    """Index of the first token from i that is not an adverb (nor a hedge used as one: "will
    {likely} be more complex", but "likely to be" is a predicate)."""
    while i < hi and (
        toks[i].lower in VISIBLE_ADVERBS
        or is_adverb(toks[i])
        or (toks[i].lower in _HEDGES and i + 1 < hi and toks[i + 1].lower in COPULAS)
    ):
        i += 1
    return i


def _after_have(toks: Sequence[Token], h: int, hi: int) -> Phrase | None:
    """After "have": a perfect ("has shown that …") or a possession ("must have a good model")."""
    i = h + 1
    if i + 1 < hi and toks[i].lower == "to":
        return _object(toks, i + 1, hi)  # "will have to understand …"
    if i < hi and "VERB" in toks[i].info.tags and verb_lemma(toks[i].lower) != toks[i].lower:
        return _object(toks, i, hi)
    return phrase(toks, i, hi)


def _complement(toks: Sequence[Token], c: int, hi: int) -> Phrase | None:
    """What the copula at c says of its subject: "{highly improbable}", "likely to be {…}"."""
    i = c + 1
    while i < hi and toks[i].lower in VISIBLE_ADVERBS | {"been", "being", "be"}:
        i += 1
    if i >= hi:
        return None
    t, nxt = toks[i], toks[i + 1].lower if i + 1 < hi else ""
    if t.lower in RAISING and nxt == "to" and i + 2 < hi:
        return _object(toks, i + 2, hi)  # "likely to be {more numerous}"
    if t.lower == "to" and nxt:
        return _object(toks, i + 1, hi)  # "how likely models are to result from …"
    if t.lower == "that":
        return claim(toks, i + 1, hi)
    if t.lower in PREPOSITIONS:
        return phrase(toks, i + 1, hi)
    if toks[c].lower in BE_FORMS and _is_passive(toks, i, hi):
        return _passive(toks, i, hi)
    j = _past_adverbs(toks, i, hi)  # "was initially argued that …": the adverb stays visible
    if j == i and "ADV" in t.info.tags:
        j = i + 1  # "was {long} assumed that …" ("long", "once", "first" are adverbs too)
    if j > i and toks[c].lower in BE_FORMS and _reports(toks, j, hi):
        return _passive(toks, j, hi)  # but "is {nowhere stated} in …" is the point
    if "ADJ" in t.info.tags and nxt == "to" and i + 2 < hi and is_verb_only(toks[i + 2]):
        found = _object(toks, i + 2, hi)  # "It is difficult to resolve {the fine structure}"
        if found:
            return found
    found = phrase(toks, i, hi)
    if found and found[0] == found[1] and toks[found[0]].lower in LIGHT_NOUNS:
        after = found[1] + 1  # "the name given to {whatever accelerates …}" is about that
        if after < hi and toks[after].joined and is_participle(toks[after]):
            return _passive(toks, after, hi) if _is_passive(toks, after, hi) else found
    if found and found[0] == found[1] and "ADJ" in t.info.tags and nxt in _ADJ_COMPLEMENTS:
        tail = phrase(toks, i + 2, hi)  # "equal to the base objective"
        if tail and toks[i + 1].joined and tail[1] - i < 5:
            return i, tail[1]
    return found


def _is_passive(toks: Sequence[Token], p: int, hi: int) -> bool:
    """Whether toks[p] after "is" is a passive participle: "{made} of basalt", "{limited} by …"."""
    t = toks[p]
    if not is_participle(t) or t.lower.endswith("ing"):
        return False
    if is_verb_only(t):
        return True
    i = _past_adverbs(toks, p + 1, hi)
    if i < hi and toks[i].lower in PARTICLES:
        i += 1
    return i < hi and toks[i].joined and (toks[i].lower in PREPOSITIONS or toks[i].lower == "as")


def _reports(toks: Sequence[Token], p: int, hi: int) -> bool:
    """Whether toks[p] is a passive participle of saying or proposing, with the clause it
    governs after it: "argued {that …}", "proposed {to explain …}"."""
    if p + 2 >= hi or not _is_passive(toks, p, hi):
        return False
    nxt = toks[p + 1].lower
    return nxt == "that" or (nxt == "to" and is_verb_only(toks[p + 2]))


def _passive(toks: Sequence[Token], p: int, hi: int) -> Phrase | None:
    """After the passive participle at p, the fact it states: "signed in {1648}", what was
    said ("it was argued that {…}") or what it is for ("proposed to explain {…}")."""
    i = _past_adverbs(toks, p + 1, hi)
    if i + 1 < hi and toks[i].lower == "that":
        return claim(toks, i + 1, hi)  # the verb of saying is no fact; what was said is
    if i + 1 < hi and toks[i].lower == "to" and is_verb_only(toks[i + 1]):
        return _object(toks, i + 1, hi)
    if i + 1 < hi and toks[i].lower in PARTICLES and toks[i + 1].joined:
        i += 1  # "struck down by {the Supreme Court}"
    if i < hi and (toks[i].lower in PREPOSITIONS or toks[i].lower == "as"):
        after = complex_preposition(toks, i)  # "quantised in units of {the flux quantum}"
        i = after if after > i else i + 1
    if i < hi and toks[i].lower in _FREE_RELATIVES:
        return claim(toks, i, hi) or (p, p)
    if i < hi and not (toks[i].info.stop and toks[i].lower not in STRIP_DETS | KEEP_LEAD):
        found = phrase(toks, i, hi)
        if found:
            return found
    return p, p


def _object(toks: Sequence[Token], v: int, hi: int) -> Phrase | None:
    """What the verb at index v acts on: "favors {deceptive alignment}", "result in {…}"."""
    if toks[v].lower in COPULAS:
        return _complement(toks, v, hi)
    i = v + 1
    if i >= hi:
        return None
    nxt = toks[i]
    if nxt.lower == "that":
        return claim(toks, i + 1, hi)  # "we argue that …"
    if nxt.lower == "to" and i + 1 < hi and "VERB" in toks[i + 1].info.tags:
        return _object(toks, i + 1, hi)  # "wants to study the Bible"
    if starts_with(toks, i, ("in", "order", "to")):
        return None  # a purpose clause, not an object
    if nxt.lower in PARTICLES and i + 1 < hi and toks[i + 1].joined:
        i += 1  # the particle belongs to the verb: "strike down {statutes}"
    elif nxt.lower in PREPOSITIONS:
        after = complex_preposition(toks, i)
        i = after if after > i else i + 1
    while i < hi - 1 and is_adverb(toks[i]):
        i += 1  # hedges stay visible: "killed roughly {a third of Europe's population}"
    found = phrase(toks, i, hi)
    if found is None and is_adverb(nxt) and nxt.joined and not toks[v].info.stop:
        return v, v + 1  # intransitive: "likely to {happen incidentally}"
    if nxt.lower == "between" and found and is_number(toks[found[0]]):
        return v, v  # one end of a range says little: "rents {doubled} between 2010 and 2019"
    k = found[1] + 1 if found else hi
    if k < hi and toks[k].joined and object_complement(toks, k, hi):
        return object_complement(toks, k, hi)  # "made books {dramatically cheaper}"
    if verb_lemma(toks[v].lower) in CAUSATIVES and starts_with(toks, k, ("to",)):
        return _object(toks, k + 1, hi)  # "allows researchers to edit {genes}", not "researchers"
    return found


# --- definitions ----------------------------------------------------------------------------


def definition(toks: Sequence[Token], lo: int, hi: int) -> Phrase | None:
    """The defined term of "X is a Y that …", "X, a Y, …", "X refers to Y", "… is called X"."""
    lo = skip_opener(toks, lo, hi)
    for a in range(lo + 1, min(hi, lo + 6)):  # a defined term is short, so its verb comes early
        if "," in toks[a].gap:
            return _appositive(toks, lo, a, hi)
        word = toks[a].lower
        if word in _COPULA_DEFINERS and is_genus(toks, a + 1, hi):
            return term(toks, lo, a)
        if word not in _DEFINER_HEADS:
            continue
        if any(starts_with(toks, a, d) for d in _FORWARD_DEFINERS):
            return term(toks, lo, a)
        for d in _BACKWARD_DEFINERS:
            if starts_with(toks, a, d):
                found = phrase(toks, a + len(d), hi)
                return found if found and found[1] - found[0] < 4 else None
    return None


def _appositive(toks: Sequence[Token], lo: int, comma: int, hi: int) -> Phrase | None:
    """X in "X, a Y, …", where the token at `comma` follows the first comma."""
    closes = any("," in toks[k].gap for k in range(comma + 1, hi))
    if toks[comma].lower in {"a", "an", "the"} and toks[comma].gap.strip() == "," and closes:
        return term(toks, lo, comma)
    return None
