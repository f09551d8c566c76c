"""Logseq pages of highlights: a block per highlight, with properties under its text.

Input: a `SourceNote`. Output: `Annotation`s from each block whose properties say it is a
highlight: `ls-type:: annotation` (Logseq's own `hls__…` pages; an area highlight,
`hl-type:: area`, is an image Logseq keeps as `assets/<pdf>/<page>_<id>_<stamp>.png`), or, on a
page where several blocks carry them, the properties only a highlight has (`hl-page::`,
`hl-color::`, `hl-stamp::`, `mtime::`, as Zotero document pages kept in a graph write under
each `- 📖 text`). The child blocks under a highlight are the reader's comment; a marker that
opens every highlight (`📖`) is the template's, not the text's. Blocks without those
properties are the reader's own.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from anki_export.errors import Problem
from anki_export.read.annotation import Annotation
from anki_export.read.notes import SourceNote
from anki_export.read.shapes import common, meaning

# Properties Logseq or a Zotero page template writes under each highlight, and under nothing else.
_HIGHLIGHT_PROPERTIES = ("ls-type", "hl-page", "hl-color", "hl-stamp", "mtime")
SIGNATURE = re.compile(rf"^[ \t]*(?:{'|'.join(_HIGHLIGHT_PROPERTIES)})::", re.M)
_BLOCK = re.compile(r"^(?P<indent>[ \t]*)-[ \t]+(?P<text>.*)$")
_PROPERTY = re.compile(r"^[ \t]*(?P<name>[\w-]+)::[ \t]*(?P<value>.*?)\s*$")
_AREA_TEXT = re.compile(r"^\[:span\]$")
# A leading run of emoji or symbols and the space after it (`📖 `, `» `).
_MARKER = re.compile(r"^(?P<marker>[^\w\s\"'\u201c\u201e\u00ab(\[*_=<>]+)\s+(?=\S)")
_Block = tuple[int, int, str, dict[str, str]]
"""A block that carries a highlight's property: its line index, depth, text and properties."""


def parse(note: SourceNote) -> tuple[list[Annotation], list[Problem]]:
    """Every highlight block of a Logseq page of highlights, in order."""
    lines = note.lines
    folder = _assets_folder(lines)
    highlights, marker = _highlights(_blocks(lines))
    found: list[Annotation] = []
    problems: list[Problem] = []
    for index, depth, text, properties in highlights:
        comment, _ = _children(lines, _properties(lines, index + 1)[1], depth)
        image = None
        if properties.get("hl-type") == "area" or _AREA_TEXT.match(text):
            image = _area_image(folder, properties)
            text = ""
        elif marker and text.startswith(f"{marker} "):
            text = text.removeprefix(marker).lstrip()
        page = properties.get("hl-page") or None
        annotation = common.build(index + 1, text, colour=meaning.colour_name(
            properties.get("hl-color")), comment=comment, image=image, page_label=page)
        if page and page.isdigit():
            annotation = replace(annotation, page_index=int(page))
        if not common.empty(annotation, note, problems):
            found.append(annotation)
    return found, problems


def _blocks(lines: list[str]) -> list[_Block]:
    """(index, depth, text, properties) of each block that carries a highlight's property."""
    blocks = []
    for index, line in enumerate(lines):
        block = _BLOCK.match(line)
        if block is None:
            continue
        properties, _ = _properties(lines, index + 1)
        if any(name in properties for name in _HIGHLIGHT_PROPERTIES):
            blocks.append((index, _width(block.group("indent")), block.group("text").strip(),
                           properties))
    return blocks


def _highlights(blocks: list[_Block]) -> tuple[list[_Block], str | None]:
    """The highlight blocks, and the marker that opens each of them (removed from its text).

    Logseq marks its own (`ls-type:: annotation`). A template's are the blocks that share its
    mark: the emoji or symbol opening most blocks that carry a highlight's property, else the
    properties most of them carry; a block of the reader's with an `mtime::` lacks it. One block
    with such a property is a note's, not a page of highlights.
    """
    own = [b for b in blocks if b[3].get("ls-type") == "annotation"]
    carriers = [b for b in blocks if "ls-type" not in b[3]]
    markers = Counter(m.group("marker") for b in carriers if (m := _MARKER.match(b[2])))
    for marker, count in markers.most_common(1):
        if count >= 2:
            return sorted(own + [b for b in carriers if b[2].startswith(f"{marker} ")]), marker
    for names, count in Counter(_names(b) for b in carriers).most_common(1):
        if count >= 2:
            own += [b for b in carriers if _names(b) >= names]
    return sorted(own), None


def _names(block: _Block) -> frozenset[str]:
    """Which of a highlight's properties a block carries."""
    return frozenset(name for name in _HIGHLIGHT_PROPERTIES if name in block[3])


def _width(indent: str) -> int:
    """How deep an indent is: a tab counts as one level, as do two spaces."""
    return indent.count("\t") * 2 + indent.count(" ")


def _properties(lines: list[str], index: int) -> tuple[dict[str, str], int]:
    """The `name:: value` lines right under a block's first line, and the index after them."""
    properties: dict[str, str] = {}
    while index < len(lines) and not _BLOCK.match(lines[index]):
        match = _PROPERTY.match(lines[index])
        if match is None:
            break
        properties.setdefault(match.group("name").lower(), match.group("value"))
        index += 1
    return properties, index


def _children(lines: list[str], index: int, depth: int) -> tuple[str | None, int]:
    """The blocks nested under a highlight (the reader's comment) and the index after them."""
    parts: list[str] = []
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            index += 1
            continue
        block = _BLOCK.match(line)
        indent = block.group("indent") if block else line[: len(line) - len(line.lstrip())]
        if _width(indent) <= depth:
            break
        if block is not None:
            parts.append(block.group("text").strip())
        elif not _PROPERTY.match(line) and parts:
            parts.append(line.strip())  # a child block's second line
        index += 1
    return common.comment_text(parts), index


def _assets_folder(lines: list[str]) -> str:
    """Where Logseq keeps this page's area images: `../assets/<pdf name>/`."""
    for line in lines[:20]:
        match = _PROPERTY.match(line)
        if match and match.group("name").lower() == "title":
            return f"../assets/{match.group('value').removeprefix('hls__')}/"
    return "../assets/"


def _area_image(folder: str, properties: dict[str, str]) -> str:
    """The image file Logseq wrote for an area highlight."""
    parts = [properties.get(name, "") for name in ("hl-page", "id", "hl-stamp")]
    return f"{folder}{'_'.join(parts)}.png"
