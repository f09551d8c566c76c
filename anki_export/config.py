"""The options of a build, resolved once and passed down the pipeline as one frozen record.

`read/config_file.py` reads them from `anki-export.toml` and the command line.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_PARENT_DECK = "Research"


def _frozen(mapping: Mapping[str, str] | None = None) -> Mapping[str, str]:
    """A copy the config owns (a plain dict: it must pickle for worker processes)."""
    return dict(mapping or {})


@dataclass(frozen=True, slots=True)
class Config:
    """Everything a build needs to know beyond the notes themselves."""

    parent_deck: str = DEFAULT_PARENT_DECK
    """Every source's deck is created under this deck."""
    colours: Mapping[str, str] = field(default_factory=_frozen)
    """Palette colour name → role, for annotations without a label."""
    labels: Mapping[str, str] = field(default_factory=_frozen)
    """Label (as a slug) → role, to rename a reader's own labels."""
    skip_roles: frozenset[str] = frozenset({"reference"})
    """Roles that make no card."""
    skip: frozenset[str] = frozenset()
    """Vetoed cards: Zotero annotation keys (all cards of a highlight) or note GUIDs."""
    precise_clozes: bool = True
    """An ordinary sentence makes a cloze only on a term it defines or names, or on the finding
    it reports (`cards.precision`); its other highlights ride on the backs of the cards beside
    them."""
    shape: str | None = None
    """Read every note as this shape (see `read.shapes.SHAPES`) instead of detecting it."""
    path: Path | None = None
    """The config file these options came from, if any."""

    _digest: str = field(init=False, repr=False, compare=False, default="")
    """`digest()`, computed once: it is asked for every note a build plans."""

    def __post_init__(self) -> None:
        data: list[object] = [dict(self.colours), dict(self.labels), sorted(self.skip_roles),
                              self.shape]
        # Off, the digest is that of builds made before the gate existed (their cards are the
        # same); on (the default), every such build is planned again.
        if self.precise_clozes:
            data.append("precise-clozes")
        digest = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:12]
        object.__setattr__(self, "_digest", digest)

    def digest(self) -> str:
        """A short hash of the options that change cards (recorded with each built note)."""
        return self._digest
