"""Gaps the rest of their sentence fills in: one side of a short contrast, an acronym spelled out.

Input: a text's `Token`s and a candidate `Phrase`; output: whether the card would give the
hidden words away. "[...] rather than correlational" is "causal"; "never tested in [...] but
only together with" is "isolation"; "The [...] model … susceptible, infectious and recovered"
is "SIR"; "Non-pharmaceutical interventions ([...])" is "NPIs".
"""

from __future__ import annotations

from collections.abc import Sequence

from anki_export.language.lexicon import lemma_of
from anki_export.language.tokens import Phrase, Token, is_acronym, is_content
from anki_export.language.words import PREPOSITIONS

# A side of a contrast longer than this is a claim of its own, not one of a pair of words.
_SIDE = 3
# Markers of a two-way contrast, as lowercase word sequences: "X rather than Y".
_PAIRING = (("rather", "than"), ("instead", "of"), ("as", "opposed", "to"), ("but", "not"),
            ("and", "not"), ("not",))
# Words that set two clauses against each other: "X is {stronger} here, whereas there Y …".
_CONTRASTING = frozenset({"whereas", "while", "but", "unlike", "conversely"})
_DEGREE_WORDS = frozenset({"more", "less", "most", "least", "better", "worse", "best", "worst"})
# Endings of adjectives a lexicon may not list: "correlational", "endogenous", "allosteric".
_PROPERTY_ENDINGS = ("al", "ous", "ive", "ic", "ary", "ible", "able", "ful", "less")
_NEGATIONS = frozenset({"not", "never", "no", "neither", "nor"})
_BUT_FILLERS = frozenset({"only", "rather", "instead", "also"})
# How far before the hidden words a negation may open "never tested in [...] but …".
_NEGATION_REACH = 4


def gives_itself_away(toks: Sequence[Token], found: Phrase) -> bool:
    """Whether the card's own words fill the gap: the other side of a short contrast, or the
    words an acronym abbreviates."""
    return (_is_contrasted(toks, found) or _spelled_out(toks, found)
            or _mirrors_a_degree(toks, found))


def _is_contrasted(toks: Sequence[Token], found: Phrase) -> bool:
    """Whether the hidden words are one side of a two-way contrast of properties whose other,
    short side shows: "{causal} rather than correlational", "{causal}, not correlational",
    "never tested in {isolation} but only together", "did not clear {quickly} but only after".
    Two things contrasted ("glycogen rather than fat") are a fact to recall, not a pair."""
    first, last = found
    if last - first + 1 > _SIDE:
        return False
    other = _other_side(toks, first, last)
    return other is not None and (_is_property(toks[last]) or _is_property(toks[other]))


def _other_side(toks: Sequence[Token], first: int, last: int) -> int | None:
    """The index of a word of the contrast's other side, when the hidden words are one side."""
    for marker in _PAIRING:
        n = len(marker)
        after = last + 1
        comma_not = marker == ("not",) and _comma_before(toks, after)
        if (marker != ("not",) or comma_not) and _run(toks, after, n) == marker:
            length = _side_length(toks, after + n)  # "{causal} rather than Y"
            return after + n + length - 1 if length <= _SIDE else None
        if marker != ("not",) and _run(toks, first - n, n) == marker:
            short = _side_length(toks, first - n, forward=False) <= _SIDE  # "Y rather than {X}"
            return first - n - 1 if short and first - n > 0 else None
    k = first - 1
    while k > 0 and (toks[k].lower in _BUT_FILLERS or toks[k].lower in PREPOSITIONS):
        k -= 1
    if k > 0 and toks[k].lower == "but" and _negated_before(toks, k, 2 * _SIDE + 2):
        return k - 1  # "not tested alone but (only) {together}", "not by X but by {Y}"
    k = last + 1
    if k + 1 < len(toks) and toks[k].lower == "but" and _negated_before(toks, first,
                                                                          _NEGATION_REACH):
        j = k + 1  # "never in {isolation} but only together": past "only", "by", "in"
        while j + 1 < len(toks) and (toks[j].lower in _BUT_FILLERS
                                     or toks[j].lower in PREPOSITIONS):
            j += 1
        return j if j > k + 1 else None
    return None


def _is_property(t: Token) -> bool:
    """Whether a word names a property (an adjective or adverb, not a thing): such a word and
    its opposite make a pair the learner completes ("causal"/"correlational")."""
    tags = t.info.tags
    if tags:
        return bool(tags & {"ADJ", "ADV"}) and "NOUN" not in tags
    return t.lower.endswith(_PROPERTY_ENDINGS)


def _run(toks: Sequence[Token], k: int, n: int) -> tuple[str, ...]:
    """The n lowercase words from toks[k], joined without punctuation, or () if not there."""
    if k < 0 or k + n > len(toks) or not all(t.joined for t in toks[k + 1 : k + n]):
        return ()
    return tuple(t.lower for t in toks[k : k + n])


def _comma_before(toks: Sequence[Token], k: int) -> bool:
    """Whether a comma stands right before toks[k] ("{causal}, not correlational")."""
    return 0 <= k < len(toks) and toks[k].gap.strip() == ","


def _side_length(toks: Sequence[Token], k: int, forward: bool = True) -> int:
    """How many words the other side of the contrast runs from toks[k] (forward) or up to
    toks[k] (back), until punctuation or the sentence ends."""
    if forward:  # up to punctuation or a phrase it governs: "endogenous {in the model}"
        end = k
        while (end + 1 < len(toks) and toks[end + 1].joined
               and toks[end + 1].lower not in PREPOSITIONS):
            end += 1
        return end - k + 1 if k < len(toks) else 99
    start = k - 1
    while start > 0 and toks[start].joined and not toks[start].info.stop:
        start -= 1
    return k - start


def _negated_before(toks: Sequence[Token], k: int, reach: int) -> bool:
    """Whether a negation stands among the `reach` words before toks[k], in its sentence."""
    sentence = toks[k].sentence if k < len(toks) else -1
    return any(
        toks[j].lower in _NEGATIONS or toks[j].lower.endswith("n't")
        for j in range(max(0, k - reach), k)
        if toks[j].sentence == sentence
    )


def _spelled_out(toks: Sequence[Token], found: Phrase) -> bool:
    """Whether a hidden acronym's letters are the initials of words the card shows, in order:
    "The {SIR} model … susceptible, infectious and recovered", "Non-pharmaceutical
    interventions ({NPIs})" (a hyphenated word gives one initial per part)."""
    first, last = found
    if first == last and _names_symbol(toks, first):
        return True
    if first != last or not is_acronym(toks[first]):
        return False
    letters = "".join(c for c in toks[first].text if c.isalpha())
    letters = letters[:-1] if letters.endswith("s") and letters[:-1].isupper() else letters
    letters = letters.casefold()
    if len(letters) < 2:
        return False
    sentence = toks[first].sentence
    shown = [t for k, t in enumerate(toks) if t.sentence == sentence and k != first]
    runs = [[c for t in shown if is_content(t) for c in _initials(t, split)]
            for split in (False, True)]
    return any(letters in "".join(run) for run in runs if len(letters) >= 3) or any(
        "".join(run).endswith(letters) for run in _runs_before(toks, first)
    )


def _initials(t: Token, split: bool) -> list[str]:
    """The word's initial, or one per hyphenated part ("non-pharmaceutical" -> n, p)."""
    parts = [p for p in t.text.split("-") if p] if split else [t.text]
    return [p[0].casefold() for p in parts if p[0].isalpha()]


def _runs_before(toks: Sequence[Token], k: int) -> list[list[str]]:
    """Initials of the words right before toks[k] (as whole words and by hyphenated parts),
    for an acronym in parentheses after its expansion."""
    sentence = toks[k].sentence
    before = [t for t in toks[max(0, k - 6) : k] if t.sentence == sentence and is_content(t)]
    return [[c for t in before for c in _initials(t, split)] for split in (False, True)]


def _names_symbol(toks: Sequence[Token], k: int) -> bool:
    """Whether toks[k] is a symbol right after its own name, whose letter it takes: "the
    effective reproduction number {Rt}", "the Hubble constant {H0}"."""
    symbol = toks[k].text
    tail = symbol[1:]
    if not (symbol[0].isupper() and 2 <= len(symbol) <= 4
            and (any(c.isdigit() for c in tail) or (len(tail) == 1 and tail.islower()))):
        return False  # a symbol with a subscript: "Rt", "H0", "T1"; not a word or an acronym
    if k == 0 or not toks[k].joined or toks[k - 1].sentence != toks[k].sentence:
        return False
    name = [t for t in toks[max(0, k - 3) : k] if is_content(t)]
    return any(t.text[:1].casefold() == symbol[0].casefold() for t in name)


def _mirrors_a_degree(toks: Sequence[Token], found: Phrase) -> bool:
    """Whether a hidden comparison ("{stronger}", "less {useful}") faces another across a
    contrast ("…, whereas in less digital ones strong ties mattered more"): the other clause
    gives its direction away."""
    first, last = found
    graded = toks[max(0, first - 1) : last + 1]  # "less {useful}": the degree word is shown
    if not any(_is_degree(t) for t in graded):
        return False
    sentence = toks[first].sentence
    turn = next((k for k, t in enumerate(toks)
                 if t.sentence == sentence and t.lower in _CONTRASTING), None)
    if turn is None:
        return False
    other = range(turn + 1, len(toks)) if last < turn else range(0, turn)
    return any(toks[k].sentence == sentence and _is_degree(toks[k]) for k in other)


def _is_degree(t: Token) -> bool:
    """A comparative or superlative: "more", "most", "stronger", "weakest", "earlier"."""
    if t.lower in _DEGREE_WORDS:
        return True
    if not t.lower.endswith(("er", "est")) or not t.info.tags & {"ADJ", "ADV"}:
        return False
    if "NOUN" in t.info.tags:
        return False
    return any(base != t.lower for base in lemma_of(t.lower, "ADJ", lemmatize_oov=False))
