"""What a card rule may look at beyond its own annotation: the whole source it came from.

Made once per note by `rules.make_cards`; every rule and card maker takes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from anki_export.config import Config
from anki_export.errors import Problem
from anki_export.read.annotation import Annotation
from anki_export.read.notes import SourceNote


@dataclass(frozen=True, slots=True)
class SourceContext:
    """What a rule may look at beyond its own annotation: the whole source."""

    note: SourceNote
    annotations: tuple[Annotation, ...]
    """Every annotation of the source, in note order."""
    vocabulary: frozenset[str]
    """Terms that recur across the source's annotations (good cloze targets)."""
    config: Config
    problems: list[Problem] = field(default_factory=list)
    """Warnings the rules raise (collected here, returned by `make_cards`)."""
    given: frozenset[str] = frozenset()
    """Lemmas of the source's subject and topic, which a cloze never hides alone."""
    sections: tuple[int, ...] = ()
    """The 1-based lines of the note's headings, which divide its highlights into sections."""
    precise: bool = False
    """Whether an ordinary sentence's cloze is made only on a term or a finding (`precision`,
    `Config.precise_clozes`); off for a highlight no other card could carry on its back."""
    reasons: dict[int, tuple[str, str]] = field(default_factory=dict)
    """Why a rule made no card of an annotation, by its line: the role it is counted under in
    the build's summary, and the sentence `anki-export explain` shows."""
