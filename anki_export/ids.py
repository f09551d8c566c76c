"""Every identity Anki sees: note GUIDs, note-type, field, template and deck IDs.

These must never change between versions: Anki attaches review history to them.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from difflib import SequenceMatcher
from typing import Protocol

import genanki

NAMESPACE = "anki-export"
"""Mixed into every GUID so ours never collide with another tool's notes."""

CLOZE_MODEL_ID = 1_739_180_401
QA_MODEL_ID = 1_739_180_402
"""Chosen once, never changed: a new ID would make Anki treat every note as new."""


class Anchored(Protocol):
    """What identifies a highlight: the parts of `read.annotation.Annotation` a GUID is made of.

    Identity sits below every stage, so it names the fields it reads instead of importing the
    reader's record.
    """

    @property
    def annotation_key(self) -> str | None: ...
    @property
    def attachment_key(self) -> str | None: ...
    @property
    def raw_text(self) -> str: ...
    @property
    def image(self) -> str | None: ...
    @property
    def page_index(self) -> int | None: ...
    @property
    def page_label(self) -> str | None: ...


def annotation_identity(annotation: Anchored) -> str:
    """What stays the same for a highlight across edits, re-imports and renamed citekeys.

    The Zotero annotation key (with its attachment key) when the note has one; otherwise the
    attachment key, the page and the normalised text, which survive re-imports of the highlight
    but not an edit of its text (`state/identity.py` carries the notes of an edited one over).
    """
    if annotation.annotation_key:
        return f"{annotation.attachment_key or ''}/{annotation.annotation_key}"
    # An image annotation has no text: the embedded image's name stands in for it.
    text = annotation.raw_text if annotation.raw_text.strip() else (annotation.image or "")
    words = re.sub(r"\W+", " ", text.casefold()).split()
    digest = hashlib.sha256(" ".join(words).encode()).hexdigest()[:16]
    page = annotation.page_index if annotation.page_index is not None else annotation.page_label
    return f"{annotation.attachment_key or ''}/p{page or ''}/t{digest}"


def note_guid(annotation: Anchored, kind: str, discriminator: str = "") -> str:
    """GUID of one Anki note: annotation identity + note kind + what the note tests."""
    return guid_of(annotation_identity(annotation), kind, discriminator)


def guid_of(identity: str, kind: str, discriminator: str = "") -> str:
    """`note_guid` from an annotation identity as the state records it."""
    return str(genanki.guid_for(NAMESPACE, identity, kind, discriminator))


def sentence_discriminator(sentence: str) -> str:
    """Tells apart the notes of one highlight by the words of the sentence each tests."""
    return "sentence:" + hashlib.sha256(word_slug(sentence).encode()).hexdigest()[:12]


def pair_discriminator(subject: str) -> str:
    """Tells apart the notes of a mapping sentence by the item each pair tests."""
    return f"pair:{word_slug(subject)}"


def word_slug(text: str) -> str:
    """Lowercase words joined by hyphens: ignores case, spacing and punctuation."""
    return "-".join(re.findall(r"\w+", text.casefold()))


SIMILAR_ENOUGH = 0.6
"""Word-level similarity from which an edited sentence (or keyless highlight) keeps its notes."""


def similarity(a: str, b: str) -> float:
    """How alike two texts are, word by word: 2 * words in common (in order) / all words.

    difflib's ratio over the casefolded words, so case, spacing and punctuation do not count:
    one word changed in a ten-word sentence scores 0.9, a sentence and an unrelated one near 0.
    """
    words_a, words_b = word_slug(a).split("-"), word_slug(b).split("-")
    return SequenceMatcher(None, words_a, words_b, autojunk=False).ratio()


def carried_over(earlier: Mapping[str, str], now: Sequence[str]) -> dict[int, str]:
    """Which earlier note each current text continues: index in `now` → key of `earlier`.

    The rule that keeps review history across edits: a current text takes the identity of the
    earlier text it matches best, when their similarity is at least `SIMILAR_ENOUGH` and no
    other pair of the two matches better. Pairs are taken best first, each side once; ties go
    to the earlier position in `now`, then the smaller key, so the answer never depends on
    the order the state returns records in.
    """
    pairs = sorted(
        ((similarity(old, new), index, key) for key, old in earlier.items()
         for index, new in enumerate(now)),
        key=lambda pair: (-pair[0], pair[1], pair[2]))
    taken: dict[int, str] = {}
    for score, index, key in pairs:
        if score < SIMILAR_ENOUGH:
            break
        if index not in taken and key not in taken.values():
            taken[index] = key
    return taken


def deck_id(name: str) -> int:
    """Deck ID derived from the full deck name (`Research::Title`)."""
    return _stable_int(f"{NAMESPACE}/deck/{name}")


def field_id(model_id: int, name: str) -> int:
    """Stable ID of a note-type field; Anki matches fields by it when a note type is updated."""
    return _stable_int(f"{NAMESPACE}/field/{model_id}/{name}")


def template_id(model_id: int, name: str) -> int:
    """Stable ID of a card template."""
    return _stable_int(f"{NAMESPACE}/template/{model_id}/{name}")


def _stable_int(text: str) -> int:
    """A positive integer below 2**53 (exact in JSON and JavaScript) from a hash of `text`."""
    return int(hashlib.sha256(text.encode()).hexdigest()[:13], 16) + 1
