"""Image files named for Anki's media folder: a name that changes whenever the content does.

Input: an image file. Output: its collision-free media name.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path


def media_name(path: Path) -> str:
    """A name that differs whenever the content differs: `anki-export-<hash>.png`."""
    return _media_name(path.resolve(), path.stat().st_mtime_ns)


@cache
def _media_name(path: Path, mtime_ns: int) -> str:
    """`media_name`, computed once per file version."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:20]
    return f"anki-export-{digest}{path.suffix.lower()}"
