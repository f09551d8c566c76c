"""Cloze notes made from sentences of a highlight, and from the pairs of a mapping sentence.

Input: sentences and the spans chosen to hide. Output: `Card`s with stable discriminators.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence

from anki_export.cards.also_highlighted import previous_in_section
from anki_export.cards.card import NO_CARD, Card, Cloze
from anki_export.cards.clozes import Span, choose_targets
from anki_export.cards.context import SourceContext
from anki_export.cards.mappings import Pair
from anki_export.cards.precision import NEITHER, precise_target
from anki_export.cards.standalone import clause_around, front_of, is_caption
from anki_export.ids import sentence_discriminator
from anki_export.language.sentences import split_sentences
from anki_export.language.tokens import is_content, tokenize
from anki_export.language.words import verb_lemma
from anki_export.read.annotation import Annotation

_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)


def sentence_clozes(
    annotation: Annotation,
    context: SourceContext,
    sentences: Sequence[str],
    whole: str,
    named: bool,
    rule: str = "passage-cloze",
    before: Mapping[str, str] | None = None,
    precise: bool = False,
) -> list[Card]:
    """One cloze note per sentence that stands alone and has something worth hiding.

    A note stands for the whole highlight when it is one sentence; otherwise it is told apart
    by its sentence's words, so that editing one sentence leaves the other notes' identities
    alone (and a change in which word is hidden, or in how the front shows the sentence, never
    makes a new note). With `precise` (an ordinary sentence, no label or wording that says more),
    a cloze is made only on a term the sentence defines or names, or on the finding it reports
    (see `precision`). A sentence that opens with "It", "This", "They"... shows the sentence
    before it, unless that sentence holds the answer; without it, it makes no card. Why a
    sentence made no card is kept in `context.reasons` for `explain`.
    """
    made: list[tuple[str, str, Span]] = []
    given = context.given | _recurring(sentences)
    before = dict(before or {})
    earlier = previous_in_section(annotation, context.annotations, context.sections)
    opening = next((s for s in sentences if whole.strip().startswith(s.strip())), None)
    across = opening if earlier is not None and opening not in before else None
    if earlier is not None and opening is not None and across is not None:
        # the highlight's first sentence may point back to the highlight before it
        before[opening] = ([*split_sentences(earlier.text)] or [earlier.text])[-1]
    if sentences and is_caption(sentences[0]):  # the rest of a caption is caption too
        context.reasons.setdefault(annotation.line, (NO_CARD, "a table or figure caption"))
        return []
    for sentence in sentences:
        shown = _card_text(
            sentence, whole, context, before.get(sentence), given, across=sentence == across,
            precise=precise,
        )
        if isinstance(shown, str):
            context.reasons.setdefault(
                annotation.line, (NO_CARD, f"'{_opening(sentence)}': {shown}")
            )
        else:
            made.append((sentence, *shown))
    # one sentence, one note for the whole highlight; else each note is named by its sentence
    # (not by how many notes are made, which would rename notes whenever a rule changes)
    single = len(sentences) == 1 and not named
    cards: list[Card] = []
    seen: set[str] = set()
    for sentence, text, span in made:
        key = "" if single else _unique(sentence_discriminator(sentence), seen)
        extra = "" if sentence.strip() == whole.strip() else whole
        cards.append(cloze_card(rule, annotation, context, text, (span,), extra, key))
    return cards


def _recurring(sentences: Sequence[str]) -> frozenset[str]:
    """Lemmas that recur in three or more sentences of a long highlight: its theme, given."""
    if len(sentences) < 4:
        return frozenset()
    counts = Counter(
        lemma for s in sentences for lemma in {t.info.lemma for t in tokenize(s) if is_content(t)}
    )
    return frozenset(lemma for lemma, n in counts.items() if n >= 3)


def _card_text(
    sentence: str,
    whole: str,
    context: SourceContext,
    previous: str | None,
    given: frozenset[str],
    across: bool = False,
    precise: bool = False,
) -> tuple[str, Span] | str:
    """The text a sentence's card shows and the span it hides, or why it makes no card;
    `across` says `previous` ends the highlight before this one, not this highlight; with
    `precise`, the first target that `precision` finds worth a card of its own."""
    stripped = whole.strip()
    source = "\n".join(a.text for a in context.annotations)
    front = front_of(sentence, stripped.startswith(sentence), stripped.endswith(sentence), source)
    if front.reason:
        return front.reason
    spans = choose_targets(front.text, context.vocabulary, given)
    if not spans:
        return "nothing in it worth hiding that the card would not give away"
    framed = (_in_clause(front.text, span, context, given) for span in spans)
    kept = next(((text, span) for text, span in framed
                 if not precise or precise_target(text, span.start, span.end) is None), None)
    if kept is None:
        return NEITHER
    text, span = kept
    if not front.leans_back:
        return text, span
    earlier = front_of(previous, stripped.startswith(previous), False, source) if previous else None
    named = front.refers_to or front.points_at
    if across and earlier is not None and not _holds(earlier.text, named):
        earlier = None  # another highlight is context only when it names what this points at
    if front.refers_to and _holds(earlier.text if earlier else "", front.refers_to):
        return text, span  # "a decoder … The decoder is …": the subject is resolved already
    if earlier is None or earlier.reason or earlier.needs_context:
        if front.needs_context:
            return "it opens with a word that points to a sentence the card cannot show"
        return text, span
    if _holds(earlier.text, text[span.start : span.end]):
        return "the sentence it points back to holds its answer"
    shown = earlier.text if earlier.text[-1:] in ".!?" else f"{earlier.text}."
    offset = len(shown) + 1
    return f"{shown} {text}", Span(span.start + offset, span.end + offset)


def _in_clause(
    text: str, span: Span, context: SourceContext, given: frozenset[str]
) -> tuple[str, Span]:
    """The text a card shows for a target: its clause alone when the sentence has several,
    hiding what that clause asserts."""
    lo, hi = clause_around(text, span.start, span.end)
    if (lo, hi) != (0, len(text)):  # the clause alone: hide what it asserts, as a sentence
        piece = text[lo].upper() + text[lo + 1 : hi] + ("" if text[hi - 1] in ".!?" else ".")
        chosen = choose_targets(piece, context.vocabulary, given)
        if chosen:
            return piece, chosen[0]
        if lo <= span.start and span.end <= hi:
            return piece, Span(span.start - lo, span.end - lo)
    return text, span


def _holds(text: str, answer: str) -> bool:
    """Whether a text shows the answer again: every content word of it (as a word, a lemma or
    a word of the same stem: "interact" for "interaction")."""
    shown = {t.info.lemma for t in tokenize(text)} | {t.lower for t in tokenize(text)}
    words = [t for t in tokenize(answer) if is_content(t) and not t.info.stop]
    return bool(words) and all(
        t.info.lemma in shown
        or t.lower in shown
        or verb_lemma(t.lower) in shown
        or any(w.startswith(t.lower[:6]) for w in shown if len(t.lower) >= 7)
        for t in words
    )


def _opening(sentence: str) -> str:
    """The first words of a sentence, to name it in a reason."""
    words = sentence.split()
    return " ".join(words[:5]) + (" …" if len(words) > 5 else "")


def preceding(sentences: Sequence[str]) -> dict[str, str]:
    """Each sentence's predecessor in the highlight."""
    return {sentence: sentences[i - 1] for i, sentence in enumerate(sentences) if i > 0}


def cloze_card(
    rule: str,
    annotation: Annotation,
    context: SourceContext,
    text: str,
    spans: Sequence[Span],
    extra: str = "",
    discriminator: str = "",
) -> Card:
    """A cloze note hiding `spans` of `text`, numbered c1, c2... in order of importance."""
    clozes = tuple(Cloze(s.start, s.end, n) for n, s in enumerate(spans, start=1))
    return Card(
        "cloze",
        rule,
        context.note,
        annotation,
        text,
        clozes,
        extra=extra,
        discriminator=discriminator,
    )


def pair_clozes(pair: Pair) -> tuple[Cloze, Cloze] | None:
    """c1 hides the item ("[...] is internally aligned"), c2 its category ("Jesus is [...]")."""
    lowered = pair.sentence.casefold()
    subject_text = _ARTICLE.sub("", pair.subject)
    subject = lowered.find(subject_text.casefold())
    category = lowered.find(pair.category.casefold(), max(subject, 0) + len(subject_text))
    if subject < 0 or category < 0:
        return None
    return (
        Cloze(subject, subject + len(subject_text), 1),
        Cloze(category, category + len(pair.category), 2),
    )


def _unique(key: str, seen: set[str]) -> str:
    """`key`, or `key#2`, `key#3`... when an earlier note of the same annotation took it."""
    candidate, n = key, 1
    while candidate in seen:
        n += 1
        candidate = f"{key}#{n}"
    seen.add(candidate)
    return candidate
