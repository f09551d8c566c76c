"""ZotFile's "Extracted Annotations": `"text" ([Author 2020:30](zotero://open-pdf/…?page=4))`.

Input: a `SourceNote`. Output: `Annotation`s without key or colour (ZotFile records neither);
the comment is the `_comment ([note on p.30](…))_` paragraph that follows a highlight.
"""

from __future__ import annotations

import re

from anki_export.errors import Problem
from anki_export.read.annotation import Annotation
from anki_export.read.links import PdfLink
from anki_export.read.notes import SourceNote
from anki_export.read.shapes import common
from anki_export.read.shapes.lines import colour_words, labelled

_NOTE_LINK = re.compile(r"\s*\(\[note on p\.[^\]]*\]\((?:zotero://open-pdf|file://)[^)\s]*\)\)")
SIGNATURE = re.compile(
    r"[\"\u201d]\s*\(\[[^\]\n]*:[^\]\n]*\]\((?:zotero://open-pdf|file://)[^)\s]*\)\)"
    r"|\(\[note on p\.",
    re.M,
)
_PREFIX = re.compile(r"^\s*(?:>\s*)*(?:[-*+]\s+)?")
_QUOTED = re.compile(r"^[\"\u201c].*[\"\u201d]$")
_WRAPPER = re.compile(r"^(?:\*\*|__|\*|_)")
# mdnotes can end every exported block with an Obsidian block id.
_BLOCK_ID = re.compile(r"\s\^[\w-]+\s*$")


def parse(note: SourceNote) -> tuple[list[Annotation], list[Problem]]:
    """All extracted highlights of `note` with their notes, in order."""
    lines = note.lines
    found: list[Annotation] = []
    problems: list[Problem] = []
    index = note.body_start
    while index < len(lines):
        highlight = _highlight(lines[index])
        if highlight is None:
            if _NOTE_LINK.search(lines[index]):
                problems.append(Problem(_LONE_NOTE, note.path, index + 1))
            index += 1
            continue
        text, link, page = highlight
        text, colour = _colour_label(text)
        comment, after = _comment(lines, index + 1)
        annotation = common.build(index + 1, text, link, comment=comment, page_label=page,
                                  colour=colour)
        if not common.empty(annotation, note, problems):
            found.append(annotation)
        index = after
    return found, problems


_LONE_NOTE = "ZotFile note with no highlight right before it; skipped"


def _highlight(line: str) -> tuple[str, PdfLink, str | None] | None:
    """(text, link, printed page) of an extracted highlight line, else None."""
    content = _BLOCK_ID.sub("", _PREFIX.sub("", line)).strip()
    link = common.find_link(content)
    if link is None or link.annotation_key is not None or content[link.end :].strip() != ")":
        return None
    before = common.text_before_link(content, link).strip()
    if not _QUOTED.match(before):
        return None
    label = content[link.start + 1 : content.index("](", link.start)]
    page = label.rsplit(":", 1)[1].strip() if ":" in label else link.page_label
    return common.strip_quotes(before), link, page or None


def _colour_label(text: str) -> tuple[str, str | None]:
    """The text without the label a template put in front of it, inside the quotes
    (mdnotes' `**(Yellow)** - text`), and the colour that label names."""
    rest, _ = labelled(text)
    if rest == text or not text.endswith(rest):
        return text, None
    return rest, colour_words(text[: len(text) - len(rest)])


def _comment(lines: list[str], index: int) -> tuple[str | None, int]:
    """The note paragraph right after a highlight (`_… ([note on p.4](…))_`); next index."""
    start = index
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start >= len(lines):
        return None, index
    # ZotFile wraps the note in emphasis (`_note ([note on p.4](…))_`); mdnotes' export does
    # not: the paragraph right after the highlight that ends with the note link is its note.
    opening = _WRAPPER.match(_PREFIX.sub("", lines[start]).strip())
    end = start
    while end < len(lines) and lines[end].strip() and not _NOTE_LINK.search(lines[end]):
        if end > start and _highlight(lines[end]):
            return None, index
        end += 1
    if end >= len(lines) or not _NOTE_LINK.search(lines[end]):
        return None, index
    parts = [_BLOCK_ID.sub("", _PREFIX.sub("", line)).strip() for line in lines[start : end + 1]]
    text = _NOTE_LINK.sub("", "\n".join(parts)).strip()
    if opening is not None:
        wrapper = opening.group(0)
        text = text.removeprefix(wrapper).removesuffix(wrapper).strip()
    return text or None, end + 1
