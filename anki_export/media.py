"""Image annotations' files: found beside the note or in the vault, named for Anki's media.

Input: the image path a note embeds. Output: the file, and a collision-free media name.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from functools import cache
from pathlib import Path

from anki_export.annotation import Annotation
from anki_export.errors import Problem
from anki_export.notes import SourceNote


def resolve_images(
    annotations: list[Annotation], note: SourceNote, vault: Path | None
) -> tuple[list[Annotation], list[Problem]]:
    """Annotations with their image files found; a missing file is a warning, not a failure."""
    problems = []
    result = []
    for annotation in annotations:
        if not annotation.image:
            result.append(annotation)
            continue
        found = find_image(annotation.image, note.path, vault)
        if found is None:
            problems.append(Problem(f"image {annotation.image} not found beside the note or in "
                                    "the vault; it is left out of the card", note.path,
                                    annotation.line))
        result.append(replace(annotation, image_file=found))
    return result, problems


def find_image(image: str, note_path: Path, vault: Path | None) -> Path | None:
    """Where Obsidian would find `image`: beside the note, from the vault root, else by name."""
    embedded = Path(image.split("|")[0].strip())
    for folder in (note_path.parent, vault):
        if folder is not None and (folder / embedded).is_file():
            return folder / embedded
    if vault is not None:
        return _by_name(vault).get(embedded.name)
    return None


@cache
def _by_name(vault: Path) -> dict[str, Path]:
    """Every image file in the vault by file name (Obsidian resolves bare names this way)."""
    found: dict[str, Path] = {}
    for path in sorted(vault.rglob("*")):
        if path.suffix.lower() in {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"}:
            found.setdefault(path.name, path)
    return found


def media_name(path: Path) -> str:
    """A name that differs whenever the content differs: `anki-export-<hash>.png`."""
    return _media_name(path.resolve(), path.stat().st_mtime_ns)


@cache
def _media_name(path: Path, mtime_ns: int) -> str:
    """`media_name`, computed once per file version."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:20]
    return f"anki-export-{digest}{path.suffix.lower()}"
