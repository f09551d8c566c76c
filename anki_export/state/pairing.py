"""Arguments stay with their claims: an argument's note goes on asking about the claim it was
made for, and is never turned into a question about another claim.

Input: one file's cards and the state of earlier builds. Output: the cards, an argument asking
again about its earlier claim while that claim is in the note, or, once the claim is gone,
given a note of its own (the old note is then retired); and a warning saying which.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from anki_export.cards.arguments import claim_asked_about, question_about
from anki_export.cards.card import Card
from anki_export.deck.fields import extra_text, plain_text
from anki_export.deck.notetypes import CLOZE_FIELDS, QA_FIELDS
from anki_export.errors import Problem
from anki_export.ids import (
    CLOZE_MODEL_ID,
    QA_MODEL_ID,
    SIMILAR_ENOUGH,
    annotation_identity,
    similarity,
    word_slug,
)
from anki_export.read.annotation import Annotation
from anki_export.state.store import State

_FRONT, _BACK, _EXTRA = (QA_FIELDS.index(name) for name in ("Front", "Back", "Extra"))
_CLOZE_TEXT, _CLOZE_EXTRA = CLOZE_FIELDS.index("Text"), CLOZE_FIELDS.index("Extra")


def keep_pairings(cards: Sequence[Card], state: State,
                  problems: list[Problem]) -> tuple[list[Card], set[str]]:
    """The cards with every argument asking about the claim its earlier note asked about.

    Returns the cards and the annotations whose new notes a warning has already explained.
    """
    claims = _claims(cards)
    explained: set[str] = set()
    kept: list[Card] = []
    asked = {id(card): _earlier_claim(card, state) for card in cards}
    for card in cards:
        earlier = asked[id(card)]
        if earlier is None or card.partner is None or word_slug(card.partner.text) == earlier:
            kept.append(card)
            continue
        claim = next((c for c in claims if c is not card.annotation
                      and earlier in _texts(c, state)), None)
        if claim is not None and claim is not card.partner:
            kept.append(replace(question_about(card.annotation, claim, card.source,
                                               card.discriminator), carried=card.carried))
            continue
        if claim is not None or _edited(card.partner, earlier, asked, card):
            kept.append(card)  # the same claim, edited since
            continue
        own = replace(card, carried="",
                      discriminator=f"claim:{annotation_identity(card.partner)}")
        if state.note(own.guid) is None:
            explained.add(annotation_identity(card.annotation))
            problems.append(Problem(
                "the claim this argument's card asked about is gone: that card is kept, tagged "
                "retired, and a new card asks about the claim now beside the argument",
                card.source.path, card.annotation.line))
        kept.append(own)
    return kept, explained


def _edited(partner: Annotation, earlier: str, asked: dict[int, str | None], card: Card) -> bool:
    """Whether the claim beside the argument is its earlier claim, edited: a claim its argument
    asks about makes no note of its own, so its earlier words are only in the question. A claim
    another argument's question asked about is that argument's, however alike the words."""
    others = {words for key, words in asked.items() if key != id(card) and words}
    now = word_slug(partner.text)
    return now not in others and similarity(now, earlier) >= SIMILAR_ENOUGH


def _claims(cards: Sequence[Card]) -> list[Annotation]:
    """The claims a file's cards show: claims' own cards, and the claims arguments ask about."""
    found = [card.annotation for card in cards if card.annotation.role == "claim"]
    found += [card.partner for card in cards if card.partner is not None]
    return list({annotation_identity(claim): claim for claim in found}.values())


def _earlier_claim(card: Card, state: State) -> str | None:
    """The words of the claim the earlier note of an argument question asked about."""
    if card.rule != "argument-question":
        return None
    record = state.note(card.guid)
    if record is None or record.note_type != QA_MODEL_ID:
        return None
    claim = claim_asked_about(plain_text(record.fields[_FRONT]),
                              extra_text(record.fields[_EXTRA]))
    return word_slug(claim) if claim is not None else None


def _texts(claim: Annotation, state: State) -> set[str]:
    """The words of a claim now, and as its notes in the state show it (before an edit)."""
    texts = {word_slug(claim.text)}
    for _, record in state.notes_of(annotation_identity(claim)):
        shown = (_CLOZE_TEXT, _CLOZE_EXTRA) if record.note_type == CLOZE_MODEL_ID else (
            _BACK, _EXTRA)
        texts.update(word_slug(extra_text(record.fields[i])) for i in shown)
    return texts
