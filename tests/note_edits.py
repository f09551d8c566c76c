"""Edits a reader makes to a note between builds, shared by the update and import tests."""

from __future__ import annotations

from pathlib import Path


def edit_note(path: Path, old: str, new: str) -> None:
    """Replace text in a note (the text must be there)."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def delete_annotation(path: Path, key: str) -> None:
    """Remove the callout whose link holds annotation `key`, as deleting it in Zotero would."""
    lines = path.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if f"annotation={key}" in line)
    start = max(i for i in range(index) if lines[i].startswith(">[!quote"))
    path.write_text("\n".join(lines[:start] + lines[index + 1 :]), encoding="utf-8")
