"""Arguments and the claims they argue about: which claim, the question it makes, and back.

Input: an argument's `Annotation` and the source's claims. Output: its question `Card`; and,
from an earlier note's question and back, the claim it asked about (`claim_asked_about`).
"""

from __future__ import annotations

from collections.abc import Sequence

from anki_export.cards.card import Card
from anki_export.cards.questions import claim_to_question
from anki_export.read.annotation import Annotation
from anki_export.read.notes import SourceNote

_QUOTED = ("What argument supports the claim “", "”?")


def question_about(argument: Annotation, claim: Annotation, note: SourceNote,
                   discriminator: str = "") -> Card:
    """The question an argument becomes, given the claim it argues about."""
    question = claim_to_question(claim.text)
    extra = _claim_context(claim)
    if question is None:  # the claim is quoted in full in the question itself
        question, extra = f"{_QUOTED[0]}{_unstopped(claim.text)}{_QUOTED[1]}", ""
    return Card("qa", "argument-question", note, argument, question, answer=argument.text,
                extra=extra, discriminator=discriminator, partner=claim)


def claim_argued_about(
    annotation: Annotation, annotations: Sequence[Annotation]
) -> Annotation | None:
    """The claim an argument is about: the claim right after it, else the one right before."""
    index = annotations.index(annotation)
    following = annotations[index + 1] if index + 1 < len(annotations) else None
    if following is not None and following.role == "claim":
        return following
    preceding = annotations[index - 1] if index > 0 else None
    return preceding if preceding is not None and preceding.role == "claim" else None


def _claim_context(claim: Annotation) -> str:
    """The claim as the source words it, for the back of a question rephrased from it."""
    page = f" (p. {claim.page_label})" if claim.page_label else ""
    return f"Claim{page}: {claim.text}"


def _unstopped(text: str) -> str:
    """Text without a trailing full stop, for quoting inside a question."""
    return text.strip().rstrip(".")


def claim_asked_about(front: str, extra: str) -> str | None:
    """The claim an argument question was made from, read back from its question and back."""
    if extra.startswith("Claim") and ": " in extra:
        return extra.partition(": ")[2]
    opening, closing = _QUOTED
    if front.startswith(opening) and closing in front:
        return front[len(opening) : front.rindex(closing)]
    return None
