"""Card rules: which Anki notes each annotation becomes.

Input: `Annotation`s of one source. Output: `Card`s. Rules are an ordered table; the first
row whose roles match an annotation makes its cards. A new card type is one function and one row.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from anki_export.cards.arguments import claim_argued_about, question_about
from anki_export.cards.card import Card
from anki_export.cards.clozes import source_vocabulary
from anki_export.cards.context import SourceContext
from anki_export.cards.guessable import subject_words
from anki_export.cards.mappings import find_pairs
from anki_export.cards.overrides import listed_clozes, marked_clozes, reader_question
from anki_export.cards.sentence_cards import (
    pair_clozes,
    preceding,
    sentence_clozes,
)
from anki_export.config import Config
from anki_export.errors import Problem
from anki_export.ids import pair_discriminator
from anki_export.language.sentences import split_sentences
from anki_export.read.annotation import Annotation
from anki_export.read.notes import SourceNote

VETOED = "vetoed"
"""Stands in for the role of a skipped annotation that the reader vetoed."""
NO_CARD = "no-card"
"""Stands in for the role of an annotation with nothing worth asking (warned about)."""
SHORT_HIGHLIGHT = 8
"""Words up to which a highlight with no cloze target makes no recall card."""
NO_IMAGE = "missing-image"
"""Stands in for the role of an image annotation whose image file was not found."""
_VETO = re.compile(r"^\s*anki:\s*skip\s*$", re.I | re.M)

Make = Callable[[Annotation, SourceContext], list[Card]]


@dataclass(frozen=True, slots=True)
class Rule:
    """One row of the rule table."""

    name: str
    roles: frozenset[str] | None
    """Roles the rule applies to; None for any role."""
    make: Make
    """Makes the cards."""
    override: bool = False
    """The reader's own instruction: applies even to roles that make no card by default."""
    passes_on: bool = False
    """When it makes no card, the next row that applies gets the annotation (else: no card)."""


def claim_cloze(annotation: Annotation, context: SourceContext) -> list[Card]:
    """A claim hides what it asserts (its predicate), so the card tests the idea."""
    sentences = split_sentences(annotation.text) or (annotation.text,)
    cards = sentence_clozes(annotation, context, sentences, annotation.text, named=False,
                             rule="claim-cloze", before=preceding(sentences))
    return cards or recall_question(annotation, context)


def argument_question(annotation: Annotation, context: SourceContext) -> list[Card]:
    """A critique or argument asks for itself, given the claim it argues about."""
    claim = claim_argued_about(annotation, context.annotations)
    if claim is None:
        return passage_clozes(annotation, context)
    return [question_about(annotation, claim, context.note)]


def evidence_clozes(annotation: Annotation, context: SourceContext) -> list[Card]:
    """Evidence: each item of a mapping sentence tested alone, other sentences as clozes."""
    cards: list[Card] = []
    rest: list[str] = []
    sentences = split_sentences(annotation.text)
    for sentence in sentences:
        pairs = find_pairs(sentence)
        if not pairs:
            rest.append(sentence)
        for pair in pairs:
            clozes = pair_clozes(pair)
            if clozes is None:
                rest.append(pair.sentence)
                continue
            subject = pair.sentence[clozes[0].start : clozes[0].end]
            cards.append(Card("cloze", "mapping-pair", context.note, annotation, pair.sentence,
                              clozes, extra=sentence, discriminator=pair_discriminator(subject)))
    cards += sentence_clozes(annotation, context, rest, whole=annotation.text, named=bool(cards),
                              before=preceding(sentences))
    return cards or recall_question(annotation, context)


def passage_clozes(annotation: Annotation, context: SourceContext) -> list[Card]:
    """A highlight becomes one cloze per sentence that carries a fact."""
    sentences = list(split_sentences(annotation.text)) or [annotation.text]
    cards = sentence_clozes(annotation, context, sentences, annotation.text, named=False,
                             before=preceding(sentences))
    return cards or recall_question(annotation, context)


def image_card(annotation: Annotation, context: SourceContext) -> list[Card]:
    """An image annotation is shown with the reader's comment as the prompt."""
    if annotation.image is None:
        return []
    if annotation.image_file is None:
        return []  # already warned about; a card without its image would ask nothing
    page = f" (p. {annotation.page_label})" if annotation.page_label else ""
    prompt = annotation.comment or f"What does this figure{page} show?"
    return [Card("qa", "image-card", context.note, replace(annotation, comment=None), prompt,
                 answer=annotation.text)]


def recall_question(annotation: Annotation, context: SourceContext) -> list[Card]:
    """Last resort, when nothing is worth hiding: recall the passage from its opening words.

    A short highlight would quote its own answer, so it makes no card; the reader is told how
    to ask for one.
    """
    words = annotation.text.split()
    if len(words) > SHORT_HIGHLIGHT and annotation.line in context.reasons:
        return []  # its sentences were weighed and found not to stand alone: fewer, better
    if len(words) <= SHORT_HIGHLIGHT:
        context.problems.append(Problem(
            "nothing worth asking in this short highlight, so no card; mark what to hide with "
            "==…== or write a Q: … A: comment", context.note.path, annotation.line))
        return []
    opening = " ".join(words[: max(3, min(6, len(words) // 3))]) + " …"
    page = f" on p. {annotation.page_label}" if annotation.page_label else ""
    return [Card("qa", "recall-question", context.note, annotation,
                 f"What does the highlight{page} that begins “{opening}” say?",
                 answer=annotation.text)]


RULES: tuple[Rule, ...] = (
    Rule("reader-question", None, reader_question, override=True, passes_on=True),
    Rule("reader-marked-cloze", None, marked_clozes, override=True, passes_on=True),
    Rule("reader-listed-cloze", None, listed_clozes, override=True, passes_on=True),
    Rule("image-card", None, image_card, passes_on=True),
    Rule("claim-cloze", frozenset({"claim"}), claim_cloze),
    Rule("argument-question", frozenset({"personal-critic", "argument", "critique"}),
         argument_question),
    Rule("evidence-clozes", frozenset({"supporting-evidence", "evidence"}), evidence_clozes),
    Rule("passage-clozes", None, passage_clozes),
)


def make_cards(
    note: SourceNote,
    annotations: Sequence[Annotation],
    config: Config,
    problems: list[Problem] | None = None,
    reasons: dict[int, str] | None = None,
) -> tuple[list[Card], list[Annotation]]:
    """Cards for every annotation of `note`, and the annotations that made none.

    A skipped annotation keeps its role when its role makes no card (references); otherwise
    its role says why: `vetoed`, `missing-image` or `no-card`. Warnings go to `problems`; why a
    sentence made no card goes to `reasons`, by annotation line.
    """
    texts = [a.text for a in annotations]
    context = SourceContext(note, tuple(annotations), source_vocabulary(texts), config,
                            problems if problems is not None else [],
                            subject_words(note.title, note.citekey, texts),
                            reasons if reasons is not None else {})
    cards: list[Card] = []
    skipped: list[Annotation] = []
    for annotation in annotations:
        if is_vetoed(annotation, config):
            skipped.append(replace(annotation, role=VETOED))
            continue
        if not annotation.text.strip() and annotation.image_file is None:
            skipped.append(replace(annotation, role=NO_IMAGE))  # warned about when not found
            continue
        skip = annotation.role in config.skip_roles
        proposed = _first_cards(annotation, context, overrides_only=skip)
        made = [c for c in proposed if c.guid not in config.skip]
        if not made:
            why = annotation.role if skip else VETOED if proposed else NO_CARD
            skipped.append(replace(annotation, role=why))
        cards += made
    return cards, skipped


def is_vetoed(annotation: Annotation, config: Config) -> bool:
    """The reader said no: `%%anki: skip%%` after the highlight, or its key in `skip`."""
    in_note = _VETO.search(annotation.comment or "") is not None
    return in_note or (annotation.annotation_key or "") in config.skip


def _first_cards(
    annotation: Annotation, context: SourceContext, overrides_only: bool
) -> list[Card]:
    """Cards from the first rule that applies to the annotation and makes any."""
    for rule in RULES:
        if overrides_only and not rule.override:
            continue
        if rule.roles is None or annotation.role in rule.roles:
            made = rule.make(annotation, context)
            if made or not rule.passes_on:
                return made
    return []
