"""Logseq highlight pages (`hls__…`): a block per highlight, with properties under its text.

Input: a `SourceNote`. Output: `Annotation`s from each block whose properties say
`ls-type:: annotation`: its text (an area highlight, `hl-type:: area`, is an image Logseq keeps
as `assets/<pdf>/<page>_<id>_<stamp>.png`), `hl-page::`, `hl-color::`, and the child blocks
under it as the reader's comment. Blocks without those properties are the reader's own.
"""

from __future__ import annotations

import re
from dataclasses import replace

from anki_export.errors import Problem
from anki_export.read.annotation import Annotation
from anki_export.read.notes import SourceNote
from anki_export.read.shapes import common, meaning

SIGNATURE = re.compile(r"^[ \t]+ls-type::[ \t]*annotation[ \t]*$", re.M)
_BLOCK = re.compile(r"^(?P<indent>[ \t]*)-[ \t]+(?P<text>.*)$")
_PROPERTY = re.compile(r"^[ \t]*(?P<name>[\w-]+)::[ \t]*(?P<value>.*?)\s*$")
_AREA_TEXT = re.compile(r"^\[:span\]$")


def parse(note: SourceNote) -> tuple[list[Annotation], list[Problem]]:
    """Every highlight block of a Logseq highlight page, in order."""
    lines = note.lines
    folder = _assets_folder(lines)
    found: list[Annotation] = []
    problems: list[Problem] = []
    index = 0
    while index < len(lines):
        block = _BLOCK.match(lines[index])
        if block is None:
            index += 1
            continue
        depth = _width(block.group("indent"))
        properties, end = _properties(lines, index + 1)
        if properties.get("ls-type") != "annotation":
            index = end
            continue
        comment, end = _children(lines, end, depth)
        text = block.group("text").strip()
        image = None
        if properties.get("hl-type") == "area" or _AREA_TEXT.match(text):
            image = _area_image(folder, properties)
            text = ""
        page = properties.get("hl-page") or None
        annotation = common.build(index + 1, text, colour=meaning.colour_name(
            properties.get("hl-color")), comment=comment, image=image, page_label=page)
        if page and page.isdigit():
            annotation = replace(annotation, page_index=int(page))
        if not common.empty(annotation, note, problems):
            found.append(annotation)
        index = end
    return found, problems


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
