"""What Anki stores for a note, as one hash: equal hashes mean importing changes nothing.

Input: a note's type, fields, tags and deck (from a card, the state or a deck package). Output:
a hex digest. The state file keeps these digests, so their values never change.
"""

from __future__ import annotations

import hashlib
import json


def content_hash(note_type: int, fields: tuple[str, ...], tags: tuple[str, ...], deck: str) -> str:
    """A hash of what Anki would store: equal hashes mean importing changes nothing."""
    data = json.dumps([note_type, fields, sorted(tags), deck], ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()
