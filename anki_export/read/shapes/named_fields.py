"""A record of named fields before an anchor: which field is the highlight, which the comment.

Input: the contents of the lines found before or after an anchor's line. Output: the text and
comment a record of `Name:: value` (or `**Name:** value`) fields holds, or None when the lines
are no such record. Apple Books, Kindle and Readwise templates write every annotation as a few
named fields; only the highlight's field is its text, a note's field its comment, and the
others (chapter, context, location, date) are neither.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from anki_export.read.shapes import common, lines
from anki_export.read.shapes.blocks import Block
from anki_export.read.shapes.lines import Around

# `📝 Note:: words`, `- **Highlight:** words`, `Context:: words`: a short name, then the value.
_FIELD = re.compile(
    r"^[^\w\s*_]*\s*(?:\*\*|__)?(?P<name>[^\W\d_][\w .'-]{0,30}?)\s*"
    r"(?:::|(?:\*\*|__)\s*:|:\s*(?:\*\*|__))\s*(?P<value>.*)$"
)
HOW = "the highlight's field of the record above the link"
"""How `above` says it found the text."""
_TEXT_NAMES = frozenset({
    "highlight", "highlights", "quote", "text", "excerpt", "passage", "highlighted text",
    "citation", "zitat", "markierung", "hervorhebung", "surlignage", "extrait", "passaggio",
    "evidenziazione", "evidenziato", "destacado", "subrayado", "cita", "destaque", "trecho",
    "markering", "citat", "高亮", "摘录", "划线", "原文", "ハイライト", "引用",
})  # fmt: skip
"""Names a record gives the highlighted passage, in the languages of the readers' notes."""
_COMMENT_NAMES = frozenset({
    "note", "notes", "comment", "comments", "annotation", "my note", "my notes", "thoughts",
    "notiz", "kommentar", "anmerkung", "note personnelle", "commentaire", "remarque", "nota",
    "commento", "comentario", "comentário", "anteckning", "笔记", "批注", "评论",
    "备注", "想法", "メモ", "コメント", "注釈",
})  # fmt: skip
"""Names a record gives the reader's own words."""
_NO_VALUE = frozenset({"n/a", "na", "none", "-", "—", "null", "undefined", "无", "なし"})
"""What a template prints in a field with nothing in it."""


@dataclass(frozen=True, slots=True)
class Record:
    """The highlight and comment of one record of named fields."""

    text: str
    comment: str | None


def above(index: int, around: Around) -> Block | None:
    """The record of fields right above the anchor's line (no blank line between, the same
    quote depth): its highlight field as the text, its note field as the comment."""
    depth = lines.parse(around.lines[index]).depth
    first = index
    while first - 1 >= around.floor and first - 1 not in around.covered:
        current = lines.parse(around.lines[first - 1])
        if current.blank or current.depth != depth or common.HEADING.match(around.lines[first - 1]):
            break
        first -= 1
    if first == index:
        return None
    found = record([lines.parse(raw).content for raw in around.lines[first:index]])
    if found is None:
        return None
    return Block(first, index, [found.text], found.comment, HOW)


def record(parts: list[str]) -> Record | None:
    """The record `parts` (line contents, in order) make, when they open with a field, hold a
    field named as the highlight and hold nothing but fields (a line that is no field goes on
    the field above: a value over two lines)."""
    named: list[tuple[str, list[str]]] = []
    for part in parts:
        if not part.strip():
            continue
        field = _FIELD.match(part.strip())
        if field is not None:
            named.append((field.group("name").strip().lower(), [field.group("value")]))
        elif named:
            named[-1][1].append(part)
        else:
            return None
    texts = [values for name, values in named if name in _TEXT_NAMES]
    if not texts:
        return None
    comments = [values for name, values in named if name in _COMMENT_NAMES]
    comment = _value(comments[0]) if comments else None
    return Record(_value(texts[0]) or "", common.comment_text([comment]) if comment else None)


def _value(values: list[str]) -> str | None:
    """A field's value over its lines, or None for a template's placeholder (`N/A`)."""
    text = "\n".join(v.strip() for v in values).strip()
    return None if text.lower() in _NO_VALUE or not text else text
