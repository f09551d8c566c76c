"""Deck names and tags a source's cards are filed under.

Input: a `SourceNote` and the parent deck. Output: strings valid for Anki.
"""

from __future__ import annotations

import re

from anki_export.read.notes import SourceNote, short_title


def deck_name(note: SourceNote, parent: str) -> str:
    """`Parent::Short title` for the source's deck, or the note's own `anki-deck`."""
    if note.deck:
        return "::".join(part.strip() for part in note.deck.split("::") if part.strip())
    title = short_title(note) or note.citekey
    parent = "::".join(part.strip() for part in parent.split("::") if part.strip())
    return f"{parent}::{title}" if parent else title


def citekey_tag(citekey: str) -> str:
    """The citekey as an Anki tag: no spaces or quotes, and `::` kept from nesting it."""
    tag = re.sub(r"[\s\"]+", "_", citekey.strip()).replace("::", "_")
    return tag.strip(":") or "untitled"


def role_tag(role: str) -> str:
    """Tag that lets the user find cards by role: `role::claim`."""
    return f"role::{role}"


ORPHAN_TAG = "anki-export::orphaned"
"""Tag of a note whose highlight is gone (or vetoed): re-emitted once, never deleted."""
RETIRED_TAG = "anki-export::retired"
"""Tag of a note that its highlight, still in the notes, no longer makes (the rules changed, or
the highlight was edited, relabelled or given an override): re-emitted once, never deleted."""
