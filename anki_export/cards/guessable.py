"""What a cloze must not hide because the learner needs no memory to fill it.

Input: a text's `Token`s, a candidate `Phrase` and the source's subject words; output: whether
the phrase is guessable (the source's subject, echoed on the card, one item of a list), and
for an empty head ("capable of X", "is termed X") the phrase it governs, which is worth asking.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from anki_export.cards.coordination import is_clause
from anki_export.language.phrases import phrase
from anki_export.language.tokens import (
    Phrase,
    Token,
    is_acronym,
    is_capitalised,
    is_content,
    is_nounish,
    is_number,
    tokenize,
)
from anki_export.language.words import (
    KEEP_LEAD,
    PREPOSITIONS,
    RARE_ZIPF,
    word_info,
    word_set,
)

# Words with no content of their own: light verbs, evaluative adjectives, generic nouns. Hiding
# one leaves the idea visible ("is {termed} the X relationship", "are {capable} of X").
LIGHT_HEADS = word_set(
    """capable able unable termed called named dubbed known obtain obtained obtains get gets
    achieve achieves achieved perform performs performed provide provides provided make makes
    made use uses used show shows shown involve involves involved play plays played test tests
    tested process processes processed challenging well-suited suited suitable unsuitable
    comparable significant relevant specific certain various several novel benefit benefits
    advantage advantages advance advances improvement improvements
    statistic statistics deficit deficits focus role roles way ways aspect aspects factor factors
    issue issues change changes effect effects property properties performance result results
    approach approaches method methods technique techniques thing things kind kinds type types
    variety number amount level levels set part parts form forms case cases example examples
    interaction interactions relationship relationships concept concepts thousands hundreds
    millions dozens investigation investigations study studies analysis analyses default
    expectation expectations"""
)
# Words after an empty head that lead to what it governs: "capable {of} X", "a role {in} X".
_QUOTES = ("\u2018", "\u201c", "'", '"')
_OTHERS = word_set("another other others such")
_FINITE = frozenset({"VBZ", "VBD", "VBP"})
_GOVERNING = word_set("of for to in with as on from at by")
# Parts of a compound as common as "based", "level", "driven": the compound is its topic word
# with an empty head. A rarer part ("laden", "resistant") makes the compound a term of its own.
_EVERYDAY_ZIPF = 4.5
_CAMEL = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")


def subject_words(
    title: str, citekey: str, texts: Iterable[str], share: float = 0.3
) -> frozenset[str]:
    """Lemmas a learner sees or knows from the source itself: its title's and citekey's words,
    and its topic, the words that recur in at least `share` of its highlights (3 or more)."""
    title_words = [t for t in tokenize(title) if is_content(t)]
    words = {t.info.lemma for t in title_words}
    words |= {part for t in title_words for part in compound_nouns(t)}
    words |= {w.lower() for w in _CAMEL.findall(citekey) if len(w) > 2 and not w.isdigit()}
    texts = [t for t in texts if t.strip()]
    counts: dict[str, int] = {}
    for text in texts:
        # the reader's own [[links]] count too: they name the topics of the source; so do the
        # nouns inside compounds ("INR-based", "CNN-based INRs": the topic is INRs)
        toks = [t for t in tokenize(text) if is_content(t)]
        lemmas = {t.info.lemma for t in toks if t.text.isalpha()}
        for lemma in lemmas | {part for t in toks for part in compound_nouns(t)}:
            counts[lemma] = counts.get(lemma, 0) + 1
    needed = max(3.0, share * len(texts))
    words |= {lemma for lemma, n in counts.items() if n >= needed}
    return frozenset(words)


def compound_nouns(t: Token) -> frozenset[str]:
    """The lemmas of the nouns and names a hyphenated word is made of ("INR-based" -> inr,
    "video-level" -> video, level), not its participles and adjectives ("based")."""
    if "-" not in t.text.strip("-"):
        return frozenset()
    parts = [tokenize(part) for part in t.text.split("-") if len(part) > 1]
    return frozenset(
        p[0].info.lemma
        for p in parts
        if len(p) == 1 and not p[0].info.stop and (is_nounish(p[0]) or is_acronym(p[0]))
    )


def _is_topic(t: Token, given: frozenset[str], alone: bool = False) -> bool:
    """Whether a word names the source's subject, alone or inside its compound; a compound
    asked `alone` only when its other parts are everyday words ("INR-based", but "Observation
    is {theory-laden}" asks a term of its own)."""
    if t.info.lemma in given or t.lower in given:
        return True
    inside = compound_nouns(t) & given
    rest = [p for p in t.lower.split("-") if p and p not in inside]
    return bool(inside) and not (alone and any(word_info(p).zipf < _EVERYDAY_ZIPF for p in rest))


def is_subject(toks: Sequence[Token], found: Phrase, given: frozenset[str]) -> bool:
    """Whether every content word of the phrase names the source's subject or topic, or the
    phrase is the topic with an empty head ("{INR-based methods}" in a source on INRs)."""
    content = [t for t in toks[found[0] : found[1] + 1] if is_content(t)]
    if len(content) == 1 and content[0].info.forms & _FINITE:
        rest = [
            t
            for t in toks[found[1] + 1 :]
            if t.sentence == toks[found[0]].sentence and is_content(t) and not t.info.stop
        ]
        return bool(rest) and all(t.info.lemma in given for t in rest)  # "{favors} <title>"
    if len(content) > 1 and content[0].info.forms & _FINITE:
        content = content[1:]  # "{favors deceptive alignment}" under a title that names it
    if not content:
        return False
    if all(t.info.lemma in given or t.lower in given for t in content):
        return True
    topical = [t for t in content if _is_topic(t, given, alone=len(content) == 1)]
    return bool(topical) and all(
        t in topical or t.lower in LIGHT_HEADS or t.info.lemma in LIGHT_HEADS for t in content
    )


def is_light(toks: Sequence[Token], found: Phrase) -> bool:
    """Whether every content word of the phrase is an empty head ("certain benefits")."""
    content = [t for t in toks[found[0] : found[1] + 1] if is_content(t)]
    return all(t.lower in LIGHT_HEADS or t.info.lemma in LIGHT_HEADS for t in content)


def governed(toks: Sequence[Token], found: Phrase, hi: int) -> Phrase | None:
    """The phrase an empty head governs: "capable of {reconstructing video}", "termed {the X}"."""
    k = found[1] + 1
    if k < hi and toks[k].lower in _GOVERNING and toks[k].joined:
        k += 1
    if k >= hi or toks[k].masked or not (toks[k].joined or toks[k].gap.strip() in _QUOTES):
        return None
    after = phrase(toks, k, hi)
    if after is None or is_light(toks, after):
        return None
    if all(t.info.zipf >= RARE_ZIPF for t in toks[after[0] : after[1] + 1] if is_content(t)):
        return None  # "comparable with {the state of the art}": an idiom completes itself
    return after


def is_misshapen(toks: Sequence[Token], found: Phrase, lo: int, hi: int) -> bool:
    """Whether the phrase is no unit a learner could recall: it runs into the verb ("{Monetary
    policy works} through"), or is a bare number naming a thing ("uncoupling protein {1}")."""
    first, last = found
    nxt = toks[last + 1] if last + 1 < hi else None
    end = toks[last]
    if lo == first < last and not is_clause(toks, last + 1, hi - 1):
        return True  # the subject with its verb ("{Brown adipocytes express} UCP1") is no term
    if nxt is not None and _continues_compound(end, nxt):
        return True  # "{brain} region pathophysiology": a modifier cut off from its noun
    if first == last and is_number(end) and len(end.text) <= 2 and first > 0:
        before = toks[first - 1]
        return (
            end.joined
            and not before.info.stop
            and before.lower not in PREPOSITIONS
            and (nxt is None or not nxt.joined)
        )
    return False


def _continues_compound(end: Token, nxt: Token) -> bool:
    """Whether `nxt` goes on with the noun compound `end` stops inside: a plain noun, joined
    to it with no punctuation, that is not a verb ("{brain} region", but "{cells} divide")."""
    return (
        nxt.joined
        and not nxt.masked
        and not nxt.info.stop
        and not is_capitalised(nxt)
        and not is_number(nxt)
        and "NOUN" in nxt.info.tags
        and not nxt.info.forms & (_FINITE | {"VBG", "VBN"})
        and "NOUN" in end.info.tags
        and not is_capitalised(end)
    )


def is_echoed(text: str, toks: Sequence[Token], found: Phrase) -> bool:
    """Whether the card shows its answer again: the same words elsewhere, the acronym of the
    hidden words beside them ("{Multivariate linear regression} (MLR)"), or the reverse."""
    first, last = found
    hidden = text[toks[first].start : toks[last].end]
    rest = (text[: toks[first].start] + " " + text[toks[last].end :]).casefold()
    if len(hidden) > 2 and re.search(rf"\b{re.escape(hidden.casefold())}\b", rest):
        return True
    if _spells_acronym(toks, found):
        return True
    part = toks[first : last + 1]
    if any(is_number(t) for t in part):
        return False  # "{300 Kelvin} and 600 Kelvin": the number is the fact, not its unit
    inside = [t for t in part if is_content(t) and t.lower not in _OTHERS]
    same = {
        t.info.lemma
        for k, t in enumerate(toks)
        if t.sentence == toks[first].sentence and not first <= k <= last
    }
    if inside and is_capitalised(inside[-1]) and inside[-1].info.lemma in same:
        return True  # "what {Blaise Pascal} believed … become another Pascal"
    if any(t.lower in KEEP_LEAD for t in part):
        return False  # "only {very few pointers}": the quantity is the fact, not the noun
    outside = {t.info.lemma for k, t in enumerate(toks) if not first <= k <= last}
    # "could become {another Pascal}, so there are many possible Pascals"
    return bool(inside) and all(t.info.lemma in outside for t in inside)


def _spells_acronym(toks: Sequence[Token], found: Phrase) -> bool:
    """Whether a hidden acronym's expansion, or a hidden expansion's acronym, is beside it."""
    first, last = found
    if first == last and is_acronym(toks[first]):
        letters = toks[first].lower.rstrip("s")
        before = "".join(t.text[0] for t in toks[max(0, first - len(letters)) : first])
        return before.casefold() == letters  # "multi-layer perceptrons ({MLPs})"
    initials = "".join(t.text[0] for t in toks[first : last + 1] if is_content(t)).casefold()
    return len(initials) >= 2 and any(
        is_acronym(toks[k]) and toks[k].lower.rstrip("s") == initials
        for k in range(max(0, first - 6), min(len(toks), last + 3))
        if not first <= k <= last
    )


def whole_name(toks: Sequence[Token], found: Phrase, hi: int) -> Phrase:
    """The phrase grown to the end of the name it stops inside ("{Convolutional} Neural
    Networks", "uncoupling {protein} 1")."""
    first, last = found
    nxt = toks[last + 1] if last + 1 < hi else None
    if (
        nxt is not None
        and nxt.joined
        and is_number(nxt)
        and len(nxt.text) <= 2
        and not toks[last].info.stop
    ):
        return first, last + 1  # "{uncoupling protein 1}": the number is part of the name
    if not is_capitalised(toks[last]):
        return found
    while (
        last + 1 < hi
        and toks[last + 1].joined
        and is_capitalised(toks[last + 1])
        and not toks[last + 1].masked
    ):
        last += 1
    return first, last
