"""Choose what a cloze card hides in a highlight.

Input: one highlight's repaired text (and optionally the source's recurring vocabulary); output:
up to three character `Span`s to hide, most important first."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from anki_export import words as w
from anki_export.words import Phrase, Token

MAX_SPANS = 3
MAX_PER_SENTENCE = 2
HIDDEN_SHARE = 0.6
MIN_VISIBLE_WORDS = 3
MAX_CLAUSE_WORDS = 80  # grammar looks no further into a sentence, which also bounds recursion
_FORBIDDEN = ("{{", "}}", "::")
_ADJ_COMPLEMENTS = frozenset({"to", "with", "from", "than"})
_FORWARD_DEFINERS = (
    *[(verb, "defined", "as") for verb in ("is", "are", "was", "were")],
    *(("refers", "to"), ("refer", "to"), ("means",), ("denotes",), ("stands", "for")),
)
_BACKWARD_DEFINERS = (("called",), ("known", "as"), ("termed",), ("named",))
_DEFINER_HEADS = frozenset(d[0] for d in _FORWARD_DEFINERS + _BACKWARD_DEFINERS)
_COPULA_DEFINERS = frozenset({"is", "are", "was", "were"})

Candidate = tuple[Phrase, tuple[float, ...]]  # a phrase and its sort key


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range [start, end) of the text to hide."""

    start: int
    end: int


def choose_targets(text: str, vocabulary: frozenset[str] = frozenset()) -> tuple[Span, ...]:
    """Spans of `text` to hide in a cloze card, most important first; () if none is worth it."""
    toks = w.tokenize(text)
    if len(toks) <= MIN_VISIBLE_WORDS:
        return ()
    return _select(text, toks, _candidates(toks, vocabulary))


def source_vocabulary(texts: Iterable[str], min_count: int = 2) -> frozenset[str]:
    """Lowercase content words (and bigrams) that occur in at least `min_count` of the texts."""
    counts = Counter(term for text in texts for term in w.source_terms(w.tokenize(text)))
    return frozenset(term for term, n in counts.items() if n >= min_count)


# --- rule 1: the claim's predicate --------------------------------------------------------


def _claim(toks: Sequence[Token], lo: int, hi: int) -> Phrase | None:
    """The core of what the clause toks[lo:hi] asserts about its subject."""
    if hi - lo < 2:
        return None
    lo = w.skip_opener(toks, lo, hi)
    for a in range(lo + 1, hi):
        if toks[a].lower in w.ANCHORS and toks[a - 1].lower not in w.RELATIVES:
            found = _after_anchor(toks, a, hi)
            if found:
                return found
    verb = _finite_verb(toks, lo, hi)
    return _object(toks, verb, hi) if verb is not None else None


def _after_anchor(toks: Sequence[Token], a: int, hi: int) -> Phrase | None:
    """The predicate after a copula, modal or auxiliary at index a."""
    word = toks[a].lower
    if word in w.COPULAS:
        return _complement(toks, a, hi)
    i = a + 1
    while i < hi and (toks[i].lower in w.VISIBLE_ADVERBS or w.is_adverb(toks[i])):
        i += 1  # "will marginally lower": adverbs of the verb stay visible
    if i >= hi:
        return None
    nxt = toks[i].lower
    if nxt in w.COPULAS:
        return _complement(toks, i, hi)
    if nxt in w.HAVES or word in w.HAVES:
        return _after_have(toks, i if nxt in w.HAVES else a, hi)
    return _object(toks, i, hi) if word in w.MODALS else None


def _after_have(toks: Sequence[Token], h: int, hi: int) -> Phrase | None:
    """After "have": a perfect ("has shown that …") or a possession ("must have a good model")."""
    i = h + 1
    if i + 1 < hi and toks[i].lower == "to":
        return _object(toks, i + 1, hi)  # "will have to understand …"
    if i < hi and "VERB" in toks[i].info.tags and w.verb_lemma(toks[i].lower) != toks[i].lower:
        return _object(toks, i, hi)
    return w.phrase(toks, i, hi)


def _complement(toks: Sequence[Token], c: int, hi: int) -> Phrase | None:
    """What the copula at c says of its subject: "{highly improbable}", "likely to be {…}"."""
    i = c + 1
    while i < hi and toks[i].lower in w.VISIBLE_ADVERBS | {"been", "being", "be"}:
        i += 1
    if i >= hi:
        return None
    t, nxt = toks[i], toks[i + 1].lower if i + 1 < hi else ""
    if t.lower in w.RAISING and nxt == "to" and i + 2 < hi:
        return _object(toks, i + 2, hi)  # "likely to be {more numerous}"
    if t.lower == "to" and nxt:
        return _object(toks, i + 1, hi)  # "how likely models are to result from …"
    if t.lower == "that":
        return _claim(toks, i + 1, hi)
    if t.lower in w.PREPOSITIONS:
        return w.phrase(toks, i + 1, hi)
    if toks[c].lower in w.BE_FORMS and w.is_verb_only(t) and not t.lower.endswith("ing"):
        return _passive(toks, i, hi)
    found = w.phrase(toks, i, hi)
    if found and found[0] == found[1] and "ADJ" in t.info.tags and nxt in _ADJ_COMPLEMENTS:
        tail = w.phrase(toks, i + 2, hi)  # "equal to the base objective"
        if tail and toks[i + 1].joined and tail[1] - i < 5:
            return i, tail[1]
    return found


def _passive(toks: Sequence[Token], p: int, hi: int) -> Phrase | None:
    """After the passive participle at p, the fact it states: "signed in {1648}"."""
    i = p + 1
    while i < hi and (toks[i].lower in w.VISIBLE_ADVERBS or w.is_adverb(toks[i])):
        i += 1
    if i < hi and toks[i].lower in w.PREPOSITIONS and toks[i].lower != "of":
        i += 1
    if i < hi and not (toks[i].info.stop and toks[i].lower not in w.STRIP_DETS | w.KEEP_LEAD):
        found = w.phrase(toks, i, hi)
        if found:
            return found
    return p, p


def _object(toks: Sequence[Token], v: int, hi: int) -> Phrase | None:
    """What the verb at index v acts on: "favors {deceptive alignment}", "result in {…}"."""
    if toks[v].lower in w.COPULAS:
        return _complement(toks, v, hi)
    i = v + 1
    if i >= hi:
        return None
    nxt = toks[i]
    if nxt.lower == "that":
        return _claim(toks, i + 1, hi)  # "we argue that …"
    if nxt.lower == "to" and i + 1 < hi and "VERB" in toks[i + 1].info.tags:
        return _object(toks, i + 1, hi)  # "wants to study the Bible"
    if w.starts_with(toks, i, ("in", "order", "to")):
        return None  # a purpose clause, not an object
    if nxt.lower in w.PREPOSITIONS:
        i += 1
    while i < hi - 1 and w.is_adverb(toks[i]):
        i += 1  # hedges stay visible: "killed roughly {a third of Europe's population}"
    found = w.phrase(toks, i, hi)
    if found is None and w.is_adverb(nxt) and nxt.joined and not toks[v].info.stop:
        return v, v + 1  # intransitive: "likely to {happen incidentally}"
    k = found[1] + 1 if found else hi
    if k < hi and toks[k].joined and w.object_complement(toks, k, hi):
        return w.object_complement(toks, k, hi)  # "made books {dramatically cheaper}"
    if w.verb_lemma(toks[v].lower) in w.CAUSATIVES and w.starts_with(toks, k, ("to",)):
        return _object(toks, k + 1, hi) or found  # "allows researchers to edit {genes}"
    return found


def _finite_verb(toks: Sequence[Token], lo: int, hi: int) -> int | None:
    """Index of the first inflected verb after a subject ("SGD systematically {favors}")."""
    for k in range(lo + 1, hi):
        t = toks[k]
        if t.info.stop or "VERB" not in t.info.tags or t.lower.endswith("ing"):
            continue
        if w.verb_lemma(t.lower) == t.lower:
            continue
        s = k - 2 if w.is_adverb(toks[k - 1]) and k - 2 >= lo else k - 1
        subject = toks[s]
        if subject.lower in w.PRONOUNS and s == lo:
            return k
        # a complement clause starts its own subject: "we argue that {SGD} favors …"
        start = max([j + 1 for j in range(lo, s) if toks[j].lower == "that"], default=lo)
        if (
            not subject.info.stop
            and w.is_nounish(subject)
            and w.is_noun_phrase(toks[start : s + 1])
        ):
            return k
    return None


# --- rule 2: definitions ------------------------------------------------------------------


def _definition(toks: Sequence[Token], lo: int, hi: int) -> Phrase | None:
    """The defined term of "X is a Y that …", "X, a Y, …", "X refers to Y", "… is called X"."""
    lo = w.skip_opener(toks, lo, hi)
    for a in range(lo + 1, min(hi, lo + 6)):  # a defined term is short, so its verb comes early
        if "," in toks[a].gap:
            return _appositive(toks, lo, a, hi)
        word = toks[a].lower
        if word in _COPULA_DEFINERS and w.is_genus(toks, a + 1, hi):
            return w.term(toks, lo, a)
        if word not in _DEFINER_HEADS:
            continue
        if any(w.starts_with(toks, a, d) for d in _FORWARD_DEFINERS):
            return w.term(toks, lo, a)
        for d in _BACKWARD_DEFINERS:
            if w.starts_with(toks, a, d):
                found = w.phrase(toks, a + len(d), hi)
                return found if found and found[1] - found[0] < 4 else None
    return None


def _appositive(toks: Sequence[Token], lo: int, comma: int, hi: int) -> Phrase | None:
    """X in "X, a Y, …", where the token at `comma` follows the first comma."""
    closes = any("," in toks[k].gap for k in range(comma + 1, hi))
    if toks[comma].lower in {"a", "an", "the"} and toks[comma].gap.strip() == "," and closes:
        return w.term(toks, lo, comma)
    return None


# --- choosing -------------------------------------------------------------------------------


def _candidates(toks: Sequence[Token], vocabulary: frozenset[str]) -> list[Candidate]:
    """Every target the rules propose, keyed by (leaked, tier, sentence, strength, position)."""
    counts = Counter(t.info.lemma for t in toks if w.is_content(t))
    repeated = frozenset(lemma for lemma, n in counts.items() if n > 1)
    found: list[Candidate] = []
    for s, (lo, hi) in enumerate(w.sentence_ranges(toks)):
        ours = _proposals(toks, lo, hi, s, vocabulary)
        keyed = [(p, (float(_is_leaked(toks, p, counts)), *key)) for p, key in ours]
        if all(key[0] for _, key in keyed):  # rule 5: a last resort, also against leaked answers
            rare = w.rarest(toks, w.skip_opener(toks, lo, hi), hi, repeated)
            keyed += [(rare, (float(_is_leaked(toks, rare, counts)), 4, s, 0))] if rare else []
        found += keyed
    return found


def _proposals(
    toks: Sequence[Token], lo: int, hi: int, s: int, vocabulary: frozenset[str]
) -> list[Candidate]:
    """What rules 1-4 propose for sentence number s, toks[lo:hi], with sort keys."""
    end = min(hi, lo + MAX_CLAUSE_WORDS)
    definition = _definition(toks, lo, end)
    best = definition or _claim(toks, lo, end)
    found: list[Candidate] = [(best, (1, s, 1 if definition else 0))] if best else []
    if best and best[0] < best[1]:  # its head word alone, for texts too short for the phrase
        found.append(((best[1], best[1]), (1, s, 2)))
    found += [(p, (2, s, 0, p[0])) for p in w.numbers(toks, lo, hi)]
    found += [(p, (2, s, 1 + n, p[0])) for n, p in w.names(toks, lo, hi)]
    found += [(p, (3, s, z, p[0])) for z, p in w.vocabulary_terms(toks, lo, hi, vocabulary)]
    return found


def _select(text: str, toks: Sequence[Token], candidates: list[Candidate]) -> tuple[Span, ...]:
    """Greedily keep the best candidates that satisfy every hard constraint."""
    chosen: list[Phrase] = []
    seen: set[str] = set()  # the same words twice would make one card answer another
    per_sentence: Counter[int] = Counter()
    hidden_chars = hidden_words = 0
    for (first, last), _ in sorted(candidates, key=lambda c: (c[1], c[0])):
        size = toks[last].end - toks[first].start
        sentence = toks[first].sentence
        if (
            per_sentence[sentence] >= MAX_PER_SENTENCE
            or hidden_chars + size > HIDDEN_SHARE * len(text)
            or len(toks) - hidden_words - (last - first + 1) < MIN_VISIBLE_WORDS
            or any(first <= b and a <= last for a, b in chosen)
            or _hidden(text, toks, (first, last)).lower() in seen
            or not _is_valid(text, toks, first, last)
        ):
            continue
        chosen.append((first, last))
        seen.add(_hidden(text, toks, (first, last)).lower())
        per_sentence[sentence] += 1
        hidden_chars += size
        hidden_words += last - first + 1
        if len(chosen) == MAX_SPANS:
            break
    return tuple(Span(toks[a].start, toks[b].end) for a, b in chosen)


def _hidden(text: str, toks: Sequence[Token], phrase: Phrase) -> str:
    """The text a phrase hides."""
    return text[toks[phrase[0]].start : toks[phrase[1]].end]


def _is_leaked(toks: Sequence[Token], phrase: Phrase, counts: Counter[str]) -> bool:
    """Whether every content word of the phrase also shows elsewhere, giving the answer away."""
    inside = Counter(t.info.lemma for t in toks[phrase[0] : phrase[1] + 1] if w.is_content(t))
    return all(counts[lemma] > n for lemma, n in inside.items())


def _is_valid(text: str, toks: Sequence[Token], first: int, last: int) -> bool:
    """The hard constraints on a span: one unmasked phrase, a content word, no cloze syntax."""
    part = toks[first : last + 1]
    if not part or any(t.masked for t in part) or not all(t.joined for t in part[1:]):
        return False
    if all(t.info.stop for t in part):
        return False
    hidden = _hidden(text, toks, (first, last))
    return not any(marker in hidden for marker in _FORBIDDEN)
