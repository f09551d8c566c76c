"""Deck names and tags a source's cards are filed under.

Input: a `SourceNote` and the parent deck. Output: strings valid for Anki.
"""

from __future__ import annotations

import re
from functools import lru_cache

from anki_export.notes import SourceNote

MAX_TITLE = 60
_SITE_SUFFIX = re.compile(r"\s+[-|–—]\s+[^-|–—]{2,40}$")


def deck_name(note: SourceNote, parent: str) -> str:
    """`Parent::Short title` for the source's deck, or the note's own `anki-deck`."""
    if note.deck:
        return "::".join(part.strip() for part in note.deck.split("::") if part.strip())
    title = short_title(note) or note.citekey
    parent = "::".join(part.strip() for part in parent.split("::") if part.strip())
    return f"{parent}::{title}" if parent else title


def short_title(note: SourceNote) -> str:
    """The title without a web page's site name, cut on a word boundary to about 60 characters."""
    return _short_title(note.title, note.item_type)


@lru_cache(maxsize=1024)  # asked for every card of a source
def _short_title(title: str, item_type: str | None) -> str:
    if (item_type or "").lower() in {"webpage", "blogpost", "forumpost"}:
        title = _SITE_SUFFIX.sub("", title)
    title = " ".join(title.replace("::", ":").split())
    if len(title) <= MAX_TITLE:
        return title
    cut = title[:MAX_TITLE].rsplit(" ", 1)[0].rstrip(" ,;:-–—")
    return cut + "…"


def citekey_tag(citekey: str) -> str:
    """The citekey as an Anki tag: no spaces or quotes, and `::` kept from nesting it."""
    tag = re.sub(r"[\s\"]+", "_", citekey.strip()).replace("::", "_")
    return tag.strip(":") or "untitled"


def role_tag(role: str) -> str:
    """Tag that lets the user find cards by role: `role::claim`."""
    return f"role::{role}"
