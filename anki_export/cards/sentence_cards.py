"""Cloze notes made from sentences of a highlight, and from the pairs of a mapping sentence.

Input: sentences and the spans chosen to hide. Output: `Card`s with stable discriminators.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from anki_export.cards.card import Card, Cloze
from anki_export.cards.clozes import Span, choose_targets
from anki_export.cards.context import SourceContext
from anki_export.cards.mappings import Pair
from anki_export.ids import sentence_discriminator
from anki_export.read.annotation import Annotation

# Sentence openings that point back to the sentence before ("It", "This decision", "They").
_REFERRING = re.compile(
    r"^(?:it|its|this|that|these|those|they|their|them|he|his|she|her|such|both|the latter|"
    r"the former)\b", re.I)
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)


def sentence_clozes(
    annotation: Annotation,
    context: SourceContext,
    sentences: Sequence[str],
    whole: str,
    named: bool,
    rule: str = "passage-cloze",
    before: Mapping[str, str] | None = None,
) -> list[Card]:
    """One cloze note per sentence with something worth hiding.

    A note stands for the whole highlight when it is the only one; otherwise it is told apart
    by its sentence's words, so that editing one sentence leaves the other notes' identities
    alone (and a change in which word is hidden never makes a new note). A sentence that opens
    with "It", "This", "They"... shows the sentence before it, which says what that refers to.
    """
    made: list[tuple[str, tuple[Span, ...]]] = []
    for sentence in sentences:
        spans = choose_targets(sentence, context.vocabulary)
        if spans:
            made.append((sentence, spans[:1]))
    single = len(made) == 1 and not named
    cards: list[Card] = []
    seen: set[str] = set()
    for sentence, spans in made:
        key = "" if single else _unique(sentence_discriminator(sentence), seen)
        extra = "" if sentence.strip() == whole.strip() else whole
        text, shown = sentence, spans
        context_sentence = (before or {}).get(sentence)
        if context_sentence and _REFERRING.match(sentence):
            text = f"{context_sentence} {sentence}"
            offset = len(context_sentence) + 1
            shown = tuple(Span(s.start + offset, s.end + offset) for s in spans)
        cards.append(cloze_card(rule, annotation, context, text, shown, extra, key))
    return cards


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
    return Card("cloze", rule, context.note, annotation, text, clozes, extra=extra,
                discriminator=discriminator)


def pair_clozes(pair: Pair) -> tuple[Cloze, Cloze] | None:
    """c1 hides the item ("[...] is internally aligned"), c2 its category ("Jesus is [...]")."""
    lowered = pair.sentence.casefold()
    subject_text = _ARTICLE.sub("", pair.subject)
    subject = lowered.find(subject_text.casefold())
    category = lowered.find(pair.category.casefold(), max(subject, 0) + len(subject_text))
    if subject < 0 or category < 0:
        return None
    return (Cloze(subject, subject + len(subject_text), 1),
            Cloze(category, category + len(pair.category), 2))


def _unique(key: str, seen: set[str]) -> str:
    """`key`, or `key#2`, `key#3`... when an earlier note of the same annotation took it."""
    candidate, n = key, 1
    while candidate in seen:
        n += 1
        candidate = f"{key}#{n}"
    seen.add(candidate)
    return candidate
