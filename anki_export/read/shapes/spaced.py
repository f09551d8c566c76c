"""Entries a template spaces apart with blank lines, their comments marked by their form.

Input: a `SourceNote` with no anchor. Output: an `Annotation` per entry of its annotations
sections, when the entries there show a template's repeated shape: two or more of them followed
by a comment in the form that marks one, an indented paragraph under a list item (`- text`,
blank lines, `  comment`) or a paragraph that is one wikilink (`text`, `[[comment]]`). Every
list item (or paragraph) of the section is then an entry, every embed an image annotation; an
indented paragraph right above an embed is the image's comment (a template that writes an
image's comment before it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from anki_export.errors import Problem
from anki_export.read.anchors import find_anchors
from anki_export.read.annotation import Annotation
from anki_export.read.notes import SourceNote
from anki_export.read.shapes import common, sections

SIGNATURE = re.compile(r"^(?:[ \t]{2,}\S|[ \t]*\[\[)", re.M)
# A paragraph that is one wikilink and nothing else, maybe broken over lines: a comment.
_WIKILINK = re.compile(r"^\[\[(?P<said>[^\[\]]+)\]\]$")
_ITEM = re.compile(r"^[-*+]\s+")
# Entries followed by a comment in its marked form: this many make a template's shape.
_REPEATS = 2


@dataclass(frozen=True, slots=True)
class _Block:
    """A paragraph of the section: what it is and its words."""

    start: int
    """0-based index of its first line."""
    kind: str
    """`item`, `prose`, `indented`, `wikilink`, `image` or `other`."""
    text: str
    """Its words without markers (the path for an image)."""
    said: str | None = None
    """A wikilink on the line right under an image: its comment."""


def parse(note: SourceNote) -> tuple[list[Annotation], list[Problem]]:
    """The spaced entries of `note`'s annotations sections, when they show the shape."""
    if find_anchors(note):
        return [], []
    inside = sections.inside_sections(note)
    blocks = _blocks(note.lines, inside)
    entries = [b for b in blocks if b.kind in ("item", "prose")]
    if not entries or len({b.kind for b in entries}) > 1 or any(
            b.kind == "other" for b in blocks):
        return [], []
    marked = "indented" if entries[0].kind == "item" else "wikilink"
    pairs = sum(first.kind == entries[0].kind and second.kind == marked
                for first, second in pairwise(blocks))
    if pairs < _REPEATS:
        return [], []
    return _annotations(blocks, marked), []


def _annotations(blocks: list[_Block], marked: str) -> list[Annotation]:
    """Entries and images with their comments: a marked block goes to the entry above it, or
    to the image right below it when it is indented."""
    found: list[tuple[int, str, str | None, list[str]]] = []
    for index, block in enumerate(blocks):
        if block.kind in ("item", "prose"):
            found.append((block.start, block.text, None, []))
        elif block.kind == "image":
            found.append((block.start, "", block.text, [block.said] if block.said else []))
            if index and blocks[index - 1].kind == "indented" == marked:
                found[-1][3].insert(0, blocks[index - 1].text)
        elif block.kind == marked and found:
            below = blocks[index + 1] if index + 1 < len(blocks) else None
            if not (marked == "indented" and below is not None and below.kind == "image"):
                found[-1][3].append(block.text)
    return [common.build(start + 1, text, image=image, comment=common.comment_text(said))
            for start, text, image, said in found]


def _blocks(lines: Sequence[str], inside: Sequence[bool]) -> list[_Block]:
    """The paragraphs in the annotations sections, headings left out."""
    blocks: list[_Block] = []
    index = 0
    while index < len(lines):
        if not inside[index] or not lines[index].strip() or common.HEADING.match(lines[index]):
            index += 1
            continue
        end = index + 1
        while end < len(lines) and inside[end] and lines[end].strip() and not (
                common.HEADING.match(lines[end])):
            end += 1
        blocks.append(_block(lines, index, end))
        index = end
    return blocks


def _block(lines: Sequence[str], start: int, end: int) -> _Block:
    """What the paragraph of `lines[start:end]` is."""
    first = lines[start]
    words = " ".join(line.strip() for line in lines[start:end])
    if (image := common.bare_image(first)) is not None:
        rest = " ".join(line.strip() for line in lines[start + 1 : end])
        said = _WIKILINK.match(rest)
        if rest and not said:
            return _Block(start, "other", words)
        return _Block(start, "image", image, said.group("said").strip() if said else None)
    if (said := _WIKILINK.match(words)) is not None:
        return _Block(start, "wikilink", said.group("said").strip())
    if common.is_quoted(first) or common.is_boundary(first) or any(
            _ITEM.match(line) or common.IMAGE.search(line) for line in lines[start + 1 : end]):
        return _Block(start, "other", words)
    if _ITEM.match(first):
        return _Block(start, "item", _ITEM.sub("", words, count=1))
    if first[:1] in (" ", "\t"):
        return _Block(start, "indented", words)
    return _Block(start, "prose", words)
