"""Card rules: which Anki notes each annotation becomes.

Input: `Annotation`s of one source. Output: `Card`s. Rules are an ordered table; the first
row whose roles match an annotation makes its cards. A new card type is one function and one row.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from anki_export.cards.also_highlighted import also_line, carry_skipped, section_starts
from anki_export.cards.arguments import claim_argued_about, question_about
from anki_export.cards.card import NO_CARD, Card
from anki_export.cards.clozes import source_vocabulary
from anki_export.cards.content import content_cards
from anki_export.cards.context import SourceContext
from anki_export.cards.glossary import glossary_cards, is_glossary_entry
from anki_export.cards.guessable import subject_words
from anki_export.cards.overrides import listed_clozes, marked_clozes, reader_question
from anki_export.cards.sentence_cards import preceding, sentence_clozes
from anki_export.config import Config
from anki_export.errors import Problem
from anki_export.language.scripts import NAMES, highlight_language
from anki_export.language.sentences import split_sentences
from anki_export.read.annotation import Annotation
from anki_export.read.notes import SourceNote

VETOED = "vetoed"
"""Stands in for the role of a skipped annotation that the reader vetoed."""
SHORT_HIGHLIGHT = 8
"""Words up to which a highlight with nothing to hide is warned about: too short to ask."""
OTHER_LANGUAGE = "other-language"
"""Stands in for the role of a highlight in a language no card rule reads."""
CLOZE_LANGUAGES = frozenset({"en", "de", "fr", "es", "it", "nl", "pt"})
"""Languages a cloze rule exists for (English grammar; numbers, names and rare words in the
others, judged by that language's word frequencies)."""
NO_IMAGE = "missing-image"
"""Stands in for the role of an image annotation whose image file was not found."""
ARGUMENT_ROLES = frozenset({"personal-critic", "argument", "critique"})
"""Roles whose highlight argues about the claim beside it."""
_TOPIC = re.compile(r"^\s*(?:how|whether|why)\b", re.I)
"""A highlight opening with a question word states no claim ("how likely X is to …")."""
_WORD = re.compile(r"\w+")
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
    """When it makes no card, the next row that applies gets the annotation (else: no card),
    unless it recorded why it made none (`context.reasons`): then it has decided."""
    when: Callable[[Annotation], bool] | None = None
    """Applies only to annotations for which this is true (None: to every one of its roles)."""


def claim_cloze(annotation: Annotation, context: SourceContext) -> list[Card]:
    """A claim hides what it asserts, unless its argument's question already asks about it."""
    argument = next((a for a in context.annotations if a.role in ARGUMENT_ROLES
                     and claim_argued_about(a, context.annotations) is annotation), None)
    if argument is not None:
        context.reasons[annotation.line] = (NO_CARD,
            f"the question of its argument (line {argument.line}) asks why it holds, so a "
            "cloze of it would give that card's answer away")
        return []
    if _TOPIC.match(annotation.text) and "?" not in annotation.text:
        context.reasons[annotation.line] = (NO_CARD, (
            "a topic phrase (it opens with a question word and states nothing); mark what to "
            "hide with ==…== or write a Q: … A: comment"))
        return []
    made = content_cards(annotation, context, "claim-cloze")
    kept = [card for card in made if not _answers_the_title(card, context)]
    if made and not kept:
        context.reasons[annotation.line] = (NO_CARD, (
            "what it asserts is already in the source's title, shown on every card, so a card "
            "would show its own answer"))
        return []
    return kept or nothing_to_ask(annotation, context)


def _answers_the_title(card: Card, context: SourceContext) -> bool:
    """Whether every word a cloze hides is a word of the source's title (shown on the card)."""
    title = {w.casefold() for w in _WORD.findall(context.note.title)}
    hidden = [w.casefold() for text in card.hidden() for w in _WORD.findall(text)]
    return card.kind == "cloze" and bool(hidden) and all(w in title for w in hidden)


def argument_question(annotation: Annotation, context: SourceContext) -> list[Card]:
    """A critique or argument asks for itself, given the claim it argues about."""
    claim = claim_argued_about(annotation, context.annotations)
    if claim is None:
        return passage_clozes(annotation, context)
    return [question_about(annotation, claim, context.note)]


def passage_clozes(annotation: Annotation, context: SourceContext) -> list[Card]:
    """Whatever its label, each sentence by what it says: mappings, reasons, terms, clozes."""
    return (content_cards(annotation, context, "passage-cloze")
            or nothing_to_ask(annotation, context))


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


def nothing_to_ask(annotation: Annotation, context: SourceContext) -> list[Card]:
    """Last resort, when nothing is worth hiding: no card. A prompt to recite a whole passage
    from its opening words ("What does the highlight on p. 7 that begins … say?") is one a
    learner cannot answer and deletes; the highlight is shown on the back of a card of its
    section instead, and the reader is told how to ask for a card.
    """
    if len(annotation.text.split()) <= SHORT_HIGHLIGHT:
        context.problems.append(Problem(
            "nothing worth asking in this short highlight, so no card; mark what to hide with "
            "==…== or write a Q: … A: comment", context.note.path, annotation.line))
    elif annotation.line not in context.reasons:
        context.reasons[annotation.line] = (NO_CARD, (
            "nothing in it worth hiding that the card would not give away, and reciting the "
            "whole passage is no question; mark what to hide with ==…== or write a Q: … A: "
            "comment"))
    return []


def other_language(annotation: Annotation, context: SourceContext) -> list[Card]:
    """A highlight in another language: clozes where a rule for it exists, never an English
    question around its words; otherwise no card, and the reason is recorded."""
    code = highlight_language(annotation.text)
    name = NAMES.get(code, code)
    if code not in CLOZE_LANGUAGES:
        context.reasons[annotation.line] = (OTHER_LANGUAGE, (
            f"written in {name}: anki-export has no card rule for it, and an English question "
            "around its words would not help; write a Q: … A: comment or mark ==…=="))
        return []
    sentences = list(split_sentences(annotation.text)) or [annotation.text]
    rule = "claim-cloze" if annotation.role == "claim" else "passage-cloze"
    cards = sentence_clozes(annotation, context, sentences, annotation.text, named=False,
                            rule=rule, before=preceding(sentences))
    if not cards:
        context.reasons[annotation.line] = (NO_CARD, (
            f"written in {name}: its cloze rule found nothing worth hiding (only numbers, names "
            "and rare words are hidden in that language)"))
    return cards


def is_glossary_term(annotation: Annotation) -> bool:
    """A formula or a term, unless the reader marked it as arguing (its comment is the
    argument then, not a gloss)."""
    return annotation.role not in ARGUMENT_ROLES and is_glossary_entry(annotation)


def is_foreign(annotation: Annotation) -> bool:
    """Whether a highlight is written in another language than English."""
    return highlight_language(annotation.text) != "en"


RULES: tuple[Rule, ...] = (
    Rule("reader-question", None, reader_question, override=True, passes_on=True),
    Rule("reader-marked-cloze", None, marked_clozes, override=True, passes_on=True),
    Rule("reader-listed-cloze", None, listed_clozes, override=True, passes_on=True),
    Rule("image-card", None, image_card, passes_on=True),
    Rule("other-language", None, other_language, when=is_foreign),
    Rule("glossary", None, glossary_cards, passes_on=True, when=is_glossary_term),
    Rule("claim-cloze", frozenset({"claim"}), claim_cloze),
    Rule("argument-question", ARGUMENT_ROLES, argument_question),
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
    its role says why: `vetoed`, `missing-image`, `other-language` or `no-card`. Warnings go to
    `problems`; why a rule made nothing goes to `reasons`, by the annotation's line.
    """
    texts = [a.text for a in annotations]
    context = SourceContext(note, tuple(annotations), source_vocabulary(texts), config,
                            problems if problems is not None else [],
                            subject_words(note.title, note.citekey, texts),
                            tuple(section_starts(note.lines, note.body_start)),
                            precise=config.precise_clozes)
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
            role, _ = context.reasons.get(annotation.line, (NO_CARD, ""))
            why = annotation.role if skip else VETOED if proposed else role
            skipped.append(replace(annotation, role=why))
        cards += made
    cards, skipped = _ask_the_uncarried(cards, skipped, context)
    if reasons is not None:
        reasons.update({line: why for line, (_, why) in context.reasons.items()})
    return carry_skipped(cards, skipped, context.sections), skipped


def _ask_the_uncarried(
    cards: list[Card], skipped: list[Annotation], context: SourceContext
) -> tuple[list[Card], list[Annotation]]:
    """The cards, with a cloze after all for each highlight the precision rule left without a
    card that no card beside it could carry (a note whose every highlight is an ordinary
    sentence has no card to carry them, and a full back takes no more): shown nowhere, it would
    be lost to the learner. Every such highlight is tried, not only those whose recorded reason
    is the gate's: the reason kept for a highlight of several sentences may be another
    sentence's ("ion.": a fragment), and without the gate a highlight gets the cards it had."""
    if not context.precise:
        return cards, skipped
    carried = carry_skipped(cards, skipped, context.sections)
    shown = " ".join(line for card in carried for line in card.also_highlighted)
    lost = [a for a in skipped if a.role == NO_CARD and also_line(a) not in shown]
    if not lost:
        return cards, skipped
    # The first pass gave its reasons and warnings: only a warning it did not give is added.
    loose = replace(context, precise=False, problems=[], reasons={})
    made = [(a, _first_cards(_as_read(a, context), loose, overrides_only=False)) for a in lost]
    context.problems.extend(p for p in loose.problems if p not in context.problems)
    asked = [a for a, new in made if new]
    for annotation in asked:
        context.reasons.pop(annotation.line, None)
    order = {a.line: i for i, a in enumerate(context.annotations)}
    cards = sorted([*cards, *(c for _, new in made for c in new)],
                   key=lambda c: order.get(c.annotation.line, 0))
    return cards, [a for a in skipped if not any(a is b for b in asked)]


def _as_read(skipped: Annotation, context: SourceContext) -> Annotation:
    """The annotation a skipped one was, with its own role (a skipped one's says why not)."""
    return next((a for a in context.annotations if replace(a, role=skipped.role) == skipped),
                skipped)


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
        if rule.when is not None and not rule.when(annotation):
            continue
        if rule.roles is None or annotation.role in rule.roles:
            before = context.reasons.get(annotation.line)
            made = rule.make(annotation, context)
            decided = context.reasons.get(annotation.line) is not before  # it said why not
            if made or not rule.passes_on or decided:
                return made
    return []
