"""The cue that makes a card of an analogy answerable: which analogy its sentence is part of.

Input: a highlight and its source. Output: "In the Christian God analogy", taken from the sentence
that sets the analogy up (in the highlight or in the one just before it), or None.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from anki_export.cards.context import SourceContext
from anki_export.language.sentences import split_sentences
from anki_export.read.annotation import Annotation

_NAME = r"(?P<np>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})"
_PHRASE = r"(?P<np>(?:the\s+|a\s+|an\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,3}?)"
# "As an analogy, we can consider the Christian God, who …"
_CONSIDER = re.compile(
    rf"\banalog(?:y|ous|ies)\b[^.;:]*?\b(?:consider|imagine|take|think of|look at)\s+"
    rf"(?:the\s+|a\s+|an\s+)?{_NAME}", re.I)
_CONSIDER_NAME = re.compile(
    rf"\b(?:consider|imagine|take|think of|look at)\s+(?:the\s+|a\s+)?{_NAME}")
# "By analogy with a city, …", "In the analogy to the immune system, …"
_WITH = re.compile(
    rf"\banalogy\s+(?:to|with)\s+{_PHRASE}(?=\s*[,.;:]|\s+(?:who|which|that|where)\b)", re.I)
_MAX_LEAD_WORDS = 12
# Frames that say nothing of what the list is about ("To be explicit,", "In other words,").
_EMPTY_FRAME = re.compile(r"^\s*(?:to be|in other words|that is|namely|explicitly|specifically|"
                          r"in short|in sum|put simply|more precisely|for example|for instance|"
                          r"in (?:this|that|the|our) (?:analogy|example|case|picture|model))\b",
                          re.I)
_ITEM = re.compile(r"^\s*\(?(?:[ivx]{1,4}|\d{1,2}|[a-h])[.)]\s")
_QUOTES = " \t\"“”'‘’"
# "First, because X has benefits:" introduces the list of X's benefits.
_LEAD_OPENER = re.compile(r"^(?:(?:first|second|third|finally|moreover|also)\s*,?\s+)?"
                          r"(?:because|since|as|given that)?\s*", re.I)


def is_setup(sentence: str) -> bool:
    """Whether a sentence only sets up an analogy that later sentences spell out."""
    return _cue(sentence) is not None and ":" not in sentence


def cue_of(annotation: Annotation, context: SourceContext) -> tuple[str | None, str | None]:
    """The analogy a highlight's cards belong to: set up in it (for all its cards), and else set
    up in the highlight just before (for its mapping cards only, which spell that analogy out)."""
    for sentence in split_sentences(annotation.text):
        found = _cue(sentence)
        if found:
            return found, found
    return None, _cue_before(annotation, context)


def _cue_before(annotation: Annotation, context: SourceContext) -> str | None:
    """The analogy set up in the highlight just before this one."""
    index = next((i for i, a in enumerate(context.annotations) if a is annotation), -1)
    if index > 0:
        for sentence in reversed(split_sentences(context.annotations[index - 1].text)):
            found = _cue(sentence)
            if found:
                return found
    return None


def lead_in(sentence: str) -> str | None:
    """The frame that introduces a list, if short: before a colon ("A cell is like a city: …"),
    or before the first comma ("Of the three estates, …")."""
    lead, colon, _ = sentence.partition(":")
    if colon and 1 < len(lead.split()) <= _MAX_LEAD_WORDS:
        return lead.strip()
    frame, comma, _ = sentence.partition(",")
    if comma and 2 < len(frame.split()) <= 6 and not _EMPTY_FRAME.match(frame):
        return frame.strip()
    return None


def list_leads(sentences: Sequence[str]) -> dict[int, str]:
    """For each enumerated item ("(ii) they are …"), the lead-in that opened its list."""
    leads: dict[int, str] = {}
    lead = None
    for index, sentence in enumerate(sentences):
        if lead is not None and _ITEM.match(sentence):
            leads[index] = lead
            continue
        lead = None
        text = sentence.strip(_QUOTES)
        if text.endswith(":") and index + 1 < len(sentences) and _ITEM.match(sentences[index + 1]):
            lead = _LEAD_OPENER.sub("", text[:-1]).strip()
            lead = lead[:1].upper() + lead[1:] if len(lead.split()) > 1 else None
    return leads


def _cue(sentence: str) -> str | None:
    """"In the X analogy" from a sentence that sets up an analogy, or None."""
    match = _CONSIDER.search(sentence)
    if match is None and re.search(r"\banalog", sentence, re.I):
        match = _CONSIDER_NAME.search(sentence)
    if match is not None:
        return f"In the {match['np']} analogy"
    match = _WITH.search(sentence)
    if match is not None:
        phrase = match["np"].strip()
        return f"In the analogy with {phrase}"
    return None
