"""The record one Anki note becomes, made by the card rules and written by the packager.

A `Card` holds plain text and where its clozes are; HTML is made later, in `fields.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from anki_export.ids import note_guid
from anki_export.read.annotation import Annotation
from anki_export.read.notes import SourceNote

Kind = Literal["cloze", "qa"]


NO_CARD = "no-card"
"""Stands in for the role of an annotation with nothing worth asking (warned about)."""

@dataclass(frozen=True, slots=True)
class Cloze:
    """One hidden span of a cloze note: `text[start:end]` becomes `{{cN::...}}`."""

    start: int
    end: int
    number: int
    """Anki's cloze number N: review history is attached to it, so it must stay stable."""


@dataclass(frozen=True, slots=True)
class Card:
    """One Anki note (a cloze note yields one Anki card per cloze number)."""

    kind: Kind
    """Which note type: cloze or question/answer."""
    rule: str
    """Name of the rule that made it (see `rules.RULES`)."""
    source: SourceNote
    """The literature note it came from."""
    annotation: Annotation
    """The highlight it tests."""
    text: str
    """Cloze: the passage holding the clozes. Q/A: the question."""
    clozes: tuple[Cloze, ...] = ()
    """Cloze notes only: the spans of `text` to hide."""
    answer: str = ""
    """Q/A notes only: the answer."""
    extra: str = ""
    """Context shown on the back (the whole highlight, or the claim an argument is about)."""
    discriminator: str = ""
    """Tells apart several notes of one kind from one annotation, by what each tests."""
    partner: Annotation | None = None
    """The claim an argument's question asks about (argument questions only)."""
    carried: str = ""
    """The GUID of an earlier build's note that this one continues, when an edit of its
    highlight changed what the GUID is derived from (see `state/identity.py`)."""
    also_highlighted: tuple[str, ...] = ()
    """Lines for the back naming highlights beside this one that make no card of their own
    (see `also_highlighted.carry_skipped`); shown after `extra`."""
    guid: str = field(init=False, repr=False, compare=False)
    """Anki's identity for this note (see `ids.note_guid`), computed once."""

    def __post_init__(self) -> None:
        guid = self.carried or note_guid(self.annotation, self.kind, self.discriminator)
        object.__setattr__(self, "guid", guid)

    @property
    def front(self) -> str:
        """The question side as plain text, every cloze shown as `[...]` (a summary)."""
        if self.kind == "qa":
            return self.text
        return self._with_gaps(lambda cloze: True)

    def fronts(self) -> tuple[str, ...]:
        """The question side of each Anki card of this note, as Anki shows it (plain text)."""
        if self.kind == "qa":
            return (self.text,)
        numbers = sorted({c.number for c in self.clozes})
        return tuple(self._with_gaps(_numbered(n)) for n in numbers)

    def _with_gaps(self, hidden: Callable[[Cloze], bool]) -> str:
        """The text with the clozes chosen by `hidden` replaced by `[...]`."""
        pieces, position = [], 0
        for cloze in sorted(self.clozes, key=lambda c: c.start):
            if hidden(cloze):
                pieces += [self.text[position : cloze.start], "[...]"]
                position = cloze.end
        return "".join([*pieces, self.text[position:]])

    @property
    def anki_cards(self) -> int:
        """How many cards Anki makes of this note: one per cloze number, else one."""
        return len({c.number for c in self.clozes}) if self.kind == "cloze" else 1

    def hidden(self) -> tuple[str, ...]:
        """The text of each cloze, in cloze-number order."""
        ordered = sorted(self.clozes, key=lambda c: c.number)
        return tuple(self.text[c.start : c.end] for c in ordered)


def _numbered(number: int) -> Callable[[Cloze], bool]:
    """A test for the clozes of one Anki card."""
    return lambda cloze: cloze.number == number
