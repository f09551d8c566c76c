"""Choose what a cloze card hides in a highlight.

Input: one highlight's repaired text (and optionally the source's recurring vocabulary); output:
up to three character `Span`s to hide, most important first."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial

from anki_export.cards.answers import aside_words, core, head_word, is_unfit_answer
from anki_export.cards.claims import claim, definition
from anki_export.cards.coordination import is_list_item, is_twin_name
from anki_export.cards.giveaways import gives_itself_away
from anki_export.cards.guessable import (
    governed,
    is_echoed,
    is_light,
    is_misshapen,
    is_subject,
    whole_name,
)
from anki_export.cards.roles import (
    governed_part,
    heads_an_of_phrase,
    is_counted_relatum,
    is_empty_predicate,
    is_named_class,
)
from anki_export.cards.settings import is_setting, reported_clause
from anki_export.cards.targets import (
    names,
    numbers,
    rarest,
    source_terms,
    states_a_fact,
    vocabulary_terms,
)
from anki_export.language.phrases import skip_opener
from anki_export.language.tokens import (
    Phrase,
    Token,
    is_content,
    is_nounish,
    language,
    sentence_ranges,
    tokenize,
)
from anki_export.language.verbs import main_verb
from anki_export.language.words import RARE_ZIPF, STRIP_DETS

MAX_SPANS = 3
MAX_PER_SENTENCE = 2
HIDDEN_SHARE = 0.6
MIN_VISIBLE_WORDS = 3
MAX_CLAUSE_WORDS = 80  # grammar looks no further into a sentence, which also bounds recursion
_FORBIDDEN = ("{{", "}}", "::")
_PAIR_WORDS = frozenset({"both", "either", "neither"})

Candidate = tuple[Phrase, tuple[float, ...]]  # a phrase and its sort key


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range [start, end) of the text to hide."""

    start: int
    end: int


def choose_targets(
    text: str, vocabulary: frozenset[str] = frozenset(), given: frozenset[str] = frozenset()
) -> tuple[Span, ...]:
    """Spans of `text` to hide in a cloze card, most important first; () if none is worth it.

    `given` holds the lemmas a learner knows without recall (the source's subject and topic,
    see `guessable.subject_words`): a phrase made only of them is never hidden.
    """
    toks = tokenize(text)
    if len(toks) <= MIN_VISIBLE_WORDS:
        return ()
    candidates = [c for c in map(partial(_contentful, toks), _candidates(toks, vocabulary)) if c]
    chosen = _select(text, toks, candidates, given)
    fallback = [c for c in map(partial(_cored, toks), _rarest(toks, given)) if c]
    return chosen or _select(text, toks, fallback, given)


def source_vocabulary(texts: Iterable[str], min_count: int = 2) -> frozenset[str]:
    """Lowercase content words (and bigrams) that occur in at least `min_count` of the texts."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(source_terms(tokenize(text)))
    return frozenset(term for term, n in counts.items() if n >= min_count)


# --- choosing -------------------------------------------------------------------------------


def _candidates(toks: Sequence[Token], vocabulary: frozenset[str]) -> list[Candidate]:
    """Every target the rules propose, keyed by (leaked, tier, sentence, strength, position)."""
    counts = Counter([t.info.lemma for t in toks if is_content(t)])
    repeated = frozenset(lemma for lemma, n in counts.items() if n > 1)
    found: list[Candidate] = []
    for s, (lo, hi) in enumerate(sentence_ranges(toks)):
        lang = language(toks, lo, hi)
        if lang != "en":
            ours = _foreign_proposals(toks, lo, hi, s, lang)
        elif states_a_fact(toks, lo, hi):
            ours = _proposals(toks, lo, hi, s, vocabulary, repeated)
        else:
            continue  # "This is worth remembering.": nothing to ask about
        keyed = [(p, (float(_is_leaked(toks, p, counts)), *key)) for p, key in ours]
        if all(key[0] for _, key in keyed):  # rule 5: a last resort, also against leaked answers
            opening = skip_opener(toks, lo, hi) if lang == "en" else lo
            rare = rarest(toks, opening, hi, repeated, lang)
            keyed += [(rare, (float(_is_leaked(toks, rare, counts)), 4, s, 0))] if rare else []
        found += keyed
    return found


def _proposals(
    toks: Sequence[Token],
    lo: int,
    hi: int,
    s: int,
    vocabulary: frozenset[str],
    repeated: frozenset[str],
) -> list[Candidate]:
    """What rules 1-4 propose for sentence number s, toks[lo:hi], with sort keys."""
    end = min(hi, lo + MAX_CLAUSE_WORDS)
    defined = definition(toks, lo, end)
    best = defined or claim(toks, lo, end)
    finding = reported_clause(toks, lo, end) if best and is_setting(toks, best, lo, end) else None
    best = claim(toks, finding, end) if finding is not None and not defined else best
    found: list[Candidate] = []
    if best and not defined and _is_weak(toks, best):
        found.append((best, (3, s, toks[best[0]].info.zipf)))  # after names and real terms
    elif best:
        found.append((best, (1, s, 1 if defined else 0)))
        if best[0] < best[1] and head_word(toks, best) == best[1] and core(toks, best, hi) == best:
            found.append(((best[1], best[1]), (1, s, 2)))  # its head alone, for short texts
    found += [(p, (2, s, 0, p[0])) for p in numbers(toks, lo, hi)]
    found += [(p, (2, s, 1 + n, p[0])) for n, p in names(toks, lo, hi)]
    terms = [(p, (3, s, z, p[0])) for z, p in vocabulary_terms(toks, lo, hi, vocabulary)]
    rare = rarest(toks, skip_opener(toks, lo, hi), hi, repeated) if terms else None
    if rare and rare[0] < rare[1]:  # a rare phrase outranks a commoner recurring word
        rarity = min(toks[k].info.zipf for k in range(rare[0], rare[1] + 1))
        terms.append((rare, (3, s, rarity - 5.0, rare[0])))
    return found + terms


def _foreign_proposals(
    toks: Sequence[Token], lo: int, hi: int, s: int, language: str
) -> list[Candidate]:
    """Numbers and the rarest word of a sentence in another language: no grammar rules apply."""
    found: list[Candidate] = [(p, (2, s, 0, p[0])) for p in numbers(toks, lo, hi, language)]
    rare = rarest(toks, lo, hi, language=language)
    return [*found, (rare, (3, s, 0))] if rare else found


def _rarest(toks: Sequence[Token], given: frozenset[str]) -> list[Candidate]:
    """The rarest phrase of each English sentence, for when every proposal was guessable."""
    found: list[Candidate] = []
    for s, (lo, hi) in enumerate(sentence_ranges(toks)):
        verb = main_verb(toks, lo, hi)
        if verb is not None and language(toks, lo, hi) == "en" and states_a_fact(toks, lo, hi):
            skipped = given | aside_words(toks, lo, hi)  # not the subject, nor an example
            rare = rarest(toks, verb + 1, hi, skipped)  # in the predicate
            if rare and not toks[rare[1]].lower.endswith("ing"):  # a term, not "{becoming}"
                found.append((rare, (5, s, 0)))
    return found


def _contentful(toks: Sequence[Token], candidate: Candidate) -> Candidate | None:
    """The candidate, or for an empty head ("capable", "termed") the phrase it governs, cut to
    the core a learner can produce."""
    found, key = candidate
    if is_counted_relatum(toks, found):  # "the {relationship between two variables}"
        relation = _relation_before(toks, found[0] - 2)
        if relation is None or is_light(toks, (relation, found[0] - 3)):
            return None  # "the relationship between two {variables}" says nothing to recall
        return _cored(toks, ((relation, found[1]), key))
    hi = _sentence_end(toks, found)
    if is_setting(toks, found, _sentence_start(toks, found), hi):
        return None  # "conducted over {5 years}": the study's setting, not its finding
    found = governed_part(toks, found, hi) or found  # "sensitive to {summer precipitation}"
    if not (
        is_light(toks, found)
        or heads_an_of_phrase(toks, found, hi)
        or is_empty_predicate(toks, found, hi)
    ):
        return _cored(toks, (_before_second_of(toks, whole_name(toks, found, hi), hi), key))
    after = governed(toks, found, hi)
    return _cored(toks, (after, key)) if after else None


def _cored(toks: Sequence[Token], candidate: Candidate) -> Candidate | None:
    """The candidate cut to its core (see `answers.core`), or None when that is still long."""
    found, key = candidate
    cut = core(toks, found, _sentence_end(toks, found))
    return (cut, key) if cut else None


def _sentence_start(toks: Sequence[Token], found: Phrase) -> int:
    """The index of the first token of the sentence that holds the phrase."""
    return min(k for k, t in enumerate(toks) if t.sentence == toks[found[0]].sentence)


def _sentence_end(toks: Sequence[Token], found: Phrase) -> int:
    """The index after the last token of the sentence that holds the phrase."""
    return max(k + 1 for k, t in enumerate(toks) if t.sentence == toks[found[0]].sentence)


def _before_second_of(toks: Sequence[Token], found: Phrase, hi: int) -> Phrase:
    """The phrase without its "of" part when another "of" follows it: "{a simplification of
    the structure} of X" cuts a chain mid-way, so only its head is hidden ("{a simplification}
    of the structure of X")."""
    first, last = found
    inner = next((k for k in range(first + 1, last) if toks[k].lower == "of"), None)
    if inner is None or last + 1 >= hi or toks[last + 1].lower != "of":
        return found
    return first, inner - 1


def _relation_before(toks: Sequence[Token], between: int) -> int | None:
    """Where the noun phrase a "between" phrase hangs on starts ("the {relationship} between"),
    or None when "between" follows no noun ("lies between two …")."""
    start = between
    while (
        start > 0
        and toks[start].joined
        and is_content(toks[start - 1])
        and not (toks[start - 1].info.stop)
    ):
        start -= 1
    return start if start < between and is_nounish(toks[between - 1]) else None


def _is_weak(toks: Sequence[Token], phrase: Phrase) -> bool:
    """A one-word predicate a learner could guess: given ("the {opinion}") or common ("order")."""
    first, last = phrase
    t = toks[first]
    if first != last or not t.text[0].islower():
        return False
    given = first > 0 and t.joined and toks[first - 1].lower in STRIP_DETS
    return given or t.info.zipf >= RARE_ZIPF


def _select(
    text: str, toks: Sequence[Token], candidates: list[Candidate], given: frozenset[str]
) -> tuple[Span, ...]:
    """Greedily keep the best candidates that satisfy every hard constraint."""
    ranges = {toks[lo].sentence: (lo, hi) for lo, hi in sentence_ranges(toks)}
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
            or _is_guessable(text, toks, (first, last), given, ranges[sentence])
        ):
            continue
        chosen.append((first, last))
        seen.add(_hidden(text, toks, (first, last)).lower())
        per_sentence[sentence] += 1
        hidden_chars += size
        hidden_words += last - first + 1
        if len(chosen) == MAX_SPANS:
            break
    return tuple(Span(toks[_past_quantifier(toks, a, b)].start, toks[b].end) for a, b in chosen)


def _past_quantifier(toks: Sequence[Token], first: int, last: int) -> int:
    """The first word to hide: past "both", "either", "neither", which the rest of the
    sentence gives away ("on {both UVG} and MCL-JCV")."""
    return first + 1 if first < last and toks[first].lower in _PAIR_WORDS else first


def _is_guessable(
    text: str, toks: Sequence[Token], found: Phrase, given: frozenset[str], bounds: tuple[int, int]
) -> bool:
    """Whether the learner could fill the gap without recall: the source's subject, an answer
    the card shows again, one item of a list."""
    return (
        is_subject(toks, found, given)
        or is_echoed(text, toks, found)
        or is_list_item(toks, found, *bounds)
        or is_twin_name(toks, found, *bounds)
        or is_misshapen(toks, found, *bounds)
        or is_counted_relatum(toks, found)
        or is_named_class(toks, found)
        or is_unfit_answer(toks, found, *bounds)
        or gives_itself_away(toks, found)
    )


def _hidden(text: str, toks: Sequence[Token], phrase: Phrase) -> str:
    """The text a phrase hides."""
    return text[toks[phrase[0]].start : toks[phrase[1]].end]


def _is_leaked(toks: Sequence[Token], phrase: Phrase, counts: Counter[str]) -> bool:
    """Whether every content word of the phrase also shows elsewhere, giving the answer away."""
    first, last = phrase
    if first == last:  # most phrases are one word: no need to count
        t = toks[first]
        return not is_content(t) or counts[t.info.lemma] > 1
    inside = Counter(t.info.lemma for t in toks[phrase[0] : phrase[1] + 1] if is_content(t))
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
