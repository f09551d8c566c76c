"""The reader's own say over a highlight's cards, written in the note itself.

Input: an `Annotation`. Output: `Card`s, or none when the reader wrote no instruction:
`==text==` inside the highlight, or a comment `Q: … A: …` or `cloze: span; span`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from anki_export.cards.card import Card, Cloze
from anki_export.cards.context import SourceContext
from anki_export.errors import Problem
from anki_export.read.annotation import Annotation

_MARKED = re.compile(r"==(?=\S)(.+?)(?<=\S)==")
_QUESTION = re.compile(r"^\s*Q:\s*(?P<q>.+?)\s*(?:\n\s*)?A:\s*(?P<a>.+?)\s*$", re.S | re.I)
_CLOZE_LIST = re.compile(r"^\s*cloze:\s*(?P<spans>.+?)\s*$", re.S | re.I)


def marked_clozes(annotation: Annotation, context: SourceContext) -> list[Card]:
    """`==text==` that the reader marked inside the highlight is what the cloze hides."""
    if _MARKED.search(annotation.text) is None:
        return []
    text, clozes, position = "", [], 0
    for number, match in enumerate(_MARKED.finditer(annotation.text), start=1):
        text += annotation.text[position : match.start()]
        clozes.append(Cloze(len(text), len(text) + len(match.group(1)), number))
        text += match.group(1)
        position = match.end()
    text += annotation.text[position:]
    return [Card("cloze", "reader-cloze", context.note, replace(annotation, text=text), text,
                 tuple(clozes))]


def reader_question(annotation: Annotation, context: SourceContext) -> list[Card]:
    """A comment `Q: … A: …` is the reader's own question; the highlight goes on the back."""
    match = _QUESTION.match(annotation.comment or "")
    if match is None:
        return []
    return [Card("qa", "reader-question", context.note, replace(annotation, comment=None),
                 match["q"], answer=match["a"], extra=annotation.text)]


def listed_clozes(annotation: Annotation, context: SourceContext) -> list[Card]:
    """A comment `cloze: span; span` names the spans to hide (each found in the highlight)."""
    match = _CLOZE_LIST.match(annotation.comment or "")
    if match is None:
        return []
    clozes: list[Cloze] = []
    for wanted in (s.strip() for s in match["spans"].split(";")):
        found = _find_words(annotation.text, wanted, clozes)
        if found is not None:
            clozes.append(Cloze(found[0], found[1], len(clozes) + 1))
        elif wanted:
            context.problems.append(Problem(f"cloze: '{wanted}' is not in the highlight",
                                            context.note.path, annotation.line))
    if not clozes:
        return []
    return [Card("cloze", "reader-cloze", context.note, replace(annotation, comment=None),
                 annotation.text, tuple(clozes))]


def _find_words(text: str, wanted: str, taken: list[Cloze]) -> tuple[int, int] | None:
    """First whole-word, case-insensitive occurrence of `wanted` not overlapping `taken`."""
    if not wanted:
        return None
    pattern = r"(?<!\w)" + re.escape(wanted) + r"(?!\w)"
    for match in re.finditer(pattern, text, re.IGNORECASE):
        if all(match.end() <= c.start or match.start() >= c.end for c in taken):
            return match.start(), match.end()
    return None
