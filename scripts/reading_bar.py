"""The reading bar of a folder of notes: how many annotations and comments the readers get.

Usage: python scripts/reading_bar.py FOLDER [--verbose]

FOLDER holds notes `NAME.md`, each beside `NAME.expected.json`: a list, in note order, of the
annotations a person reads in the note, each `{"text": …, "comment": … or null, "anchor": bool}`
(`"text": ""` and `"image": true` for an image). Prints the figures the issue tracker's reading
bar names: anchored and all text annotations read with their text, comments read with their
annotation, annotations read that are no annotation, and notes whose anchors went unread.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from anki_export.read.annotation import Annotation
from anki_export.read.annotations import read_note_annotations
from anki_export.read.config_file import load_config
from anki_export.read.discover import read_note


@dataclass
class Figures:
    anchored: int = 0
    anchored_read: int = 0
    texts: int = 0
    texts_read: int = 0
    comments: int = 0
    comments_read: int = 0
    read: int = 0
    not_annotations: int = 0
    unread_notes: int = 0
    unread_warned: int = 0
    silent_notes: int = 0
    misses: list[str] = field(default_factory=list)


def _norm(text: str | None) -> str:
    """Text compared without case, quote style, spacing, wrapping punctuation or wikilink
    brackets (a card shows `[[Note|words]]` as its words, so both spellings read the same)."""
    text = re.sub(r"\[\[(?:[^\]|]*\|)?([^\]]*)\]\]", r"\1", text or "")
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")
    return " ".join(text.split()).strip(" \"'.*_")


def _words(text: str | None) -> set[str]:
    return set(re.findall(r"\w+", (text or "").casefold()))


def measure(note: Path, figures: Figures) -> None:
    """Add one note's figures."""
    expected = json.loads(note.with_suffix(".expected.json").read_text(encoding="utf-8"))
    reading = read_note_annotations(read_note(note), load_config(None))
    got: list[Annotation] = list(reading.annotations)
    used: set[int] = set()
    for item in expected:
        match = next((i for i, a in enumerate(got) if i not in used and (
            _norm(a.raw_text) == _norm(item["text"]) if item["text"]
            else bool(a.image) and not a.raw_text)), None)
        if item["text"]:
            figures.texts += 1
            figures.anchored += bool(item.get("anchor"))
            figures.texts_read += match is not None
            figures.anchored_read += match is not None and bool(item.get("anchor"))
        if item.get("comment"):
            figures.comments += 1
            if match is not None and _norm(got[match].comment) == _norm(item["comment"]):
                figures.comments_read += 1
            else:
                figures.misses.append(f"{note.name}: comment {item['comment'][:50]!r}")
        if match is None:
            figures.misses.append(f"{note.name}: not read {item['text'][:50]!r}")
        else:
            used.add(match)
    figures.read += len(got)
    known = [_words(item["text"]) | _words(item.get("comment")) for item in expected]
    for index, annotation in enumerate(got):
        mine = _words(annotation.raw_text) | _words(annotation.comment)
        if index not in used and not any(len(mine & k) >= len(mine) / 2 for k in known if mine):
            figures.not_annotations += 1
            figures.misses.append(f"{note.name}:{annotation.line}: no annotation "
                                  f"{annotation.raw_text[:50]!r}")
    warned = any("not read (first:" in p.message for p in reading.problems)
    figures.unread_notes += bool(reading.unread)
    figures.unread_warned += bool(reading.unread) and warned
    figures.silent_notes += bool(reading.anchors) and not reading.annotations and not warned


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    figures = Figures()
    for note in sorted(Path(argv[0]).glob("*.md")):
        if note.with_suffix(".expected.json").exists():
            measure(note, figures)
    if "--verbose" in argv:
        print("\n".join(figures.misses))
    f = figures
    print(f"anchored text annotations read with their text: {f.anchored_read}/{f.anchored}"
          f" = {f.anchored_read / max(f.anchored, 1):.0%}")
    print(f"all text annotations read with their text:      {f.texts_read}/{f.texts}"
          f" = {f.texts_read / max(f.texts, 1):.0%}")
    print(f"comments read with their annotation:            {f.comments_read}/{f.comments}"
          f" = {f.comments_read / max(f.comments, 1):.0%}")
    print(f"annotations read that are no annotation:        {f.not_annotations}/{f.read}"
          f" = {f.not_annotations / max(f.read, 1):.1%}")
    print(f"notes with unread anchors: {f.unread_notes}, warned: {f.unread_warned}; "
          f"notes with anchors reported without annotations: {f.silent_notes}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
