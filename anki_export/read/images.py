"""Image annotations' files: found beside the note, from the vault root, or anywhere by name.

Input: the annotations of a note and its vault. Output: the annotations with `image_file` set.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

from anki_export.errors import Problem
from anki_export.read.annotation import Annotation
from anki_export.read.notes import SourceNote


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
