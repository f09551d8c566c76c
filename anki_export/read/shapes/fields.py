"""Records of labelled fields without links: `> [!quote] **Location:** 2` / `> **Highlight:** text`.

Input: a `SourceNote` with no anchor. Output: an `Annotation` per record (a callout, a blockquote
or a paragraph) that holds a field labelled as the highlighted text, in any of the languages
templates write; the label says which part is what: the text, its page or location, the comment
(`Note:`, `Comment:`, `批注`). A record with no comment field takes the paragraph right under it
that opens with a comment label (`💬 _Note:_ my words`, Zotero Integration's Annotation Review),
or the nested quote of the template's, glued after the text (`**_Highlight_** | text > >> my
words`, a bar after the label) or right under it. A record a later import writes again is
read once, with a warning.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from anki_export.errors import Problem
from anki_export.read.anchors import find_anchors
from anki_export.read.annotation import Annotation
from anki_export.read.notes import SourceNote
from anki_export.read.shapes import common, sections
from anki_export.read.shapes.lines import comment_label, has_comment_label

# `**Highlight:** text`, `Texto: text`, `**_Highlight_** | text`: the label in bold, italics or
# both, or plain; a colon after it, or a bar after a label set in bold or italics (a plain
# `Quote | Page` is a table's header row).
_FIELD = re.compile(
    r"^(?P<wrap>[*_]{1,3})?(?P<label>[^\W\d_][\w \-]{0,24}?)[*_]{0,3}\s*(?(wrap)[:：|]|[:：])"
    r"\s*[*_]{0,3}(?:\s+|(?<=[:：|])|$)",
)
# Quote markers glued inside a line after the text (`text > >> comment`): the template's nested
# quote for the comment, whose newlines its whitespace control (or `nl2br`) took away.
_GLUED_COMMENT = re.compile(r"\s+(?:>\s*)*>>\s*")
_BREAK = re.compile(r"[ \t]*</?br\s*/?>[ \t]*", re.I)
_TEXT_LABELS = frozenset((
    "highlight", "highlighted text", "highlighted", "text", "quote", "excerpt", "passage",
    "resaltado", "subrayado", "texto", "cita", "destacado", "surlignage", "texte", "citation",
    "extrait", "markierung", "hervorhebung", "zitat", "textstelle", "evidenziazione", "testo",
    "citazione", "destaque", "trecho", "markering", "citat", "markeerding", "citaat",
    "高亮", "摘录", "原文", "标注", "划线", "ハイライト", "引用", "本文", "하이라이트", "인용",
))
_PLACE_LABELS = frozenset((
    "page", "location", "loc", "p", "pp", "página", "pagina", "ubicación", "posición", "seite",
    "s", "position", "posizione", "sida", "页", "页码", "頁", "ページ", "페이지",
))
_COMMENT_LABELS = frozenset((
    "note", "notes", "comment", "comments", "my note", "my notes", "nota", "notas",
    "comentario", "comentarios", "remarque", "commentaire", "notiz", "kommentar", "anmerkung",
    "commento", "anteckning", "kommentaar", "opmerking", "批注", "评论", "备注", "笔记", "想法",
    "コメント", "メモ", "메모", "코멘트",
))
# A line that may open a labelled field, in a callout or blockquote or not: the cheap test.
SIGNATURE = re.compile(
    r"^(?:[ \t]*>)*[ \t]*(?:\[![^\]\n]*\][+-]?[ \t]*)?[*_]{0,3}[^\W\d_][\w \-]{0,24}?"
    r"[*_]{0,3}[ \t]*[:\uff1a|]",
    re.M,
)
_CALLOUT_HEAD = re.compile(r"^\[![^\]\n]*\][+-]?\s*")
_REPEATED = (
    "{count} record(s) repeat ones above (the annotations imported again?); only the first "
    "copy is read"
)


def parse(note: SourceNote) -> tuple[list[Annotation], list[Problem]]:
    """The records of labelled fields in `note`, when it has no anchor (whose reader reads
    around its links) and two or more records, or one in an annotations section."""
    if find_anchors(note):
        return [], []
    inside = sections.inside_sections(note)
    records = list(_records(note.lines, note.body_start))
    if len(records) < 2 and not any(inside[start] for start, *_ in records):
        return [], []
    found: list[Annotation] = []
    seen: set[tuple[str, str | None, str | None]] = set()
    repeats: list[int] = []
    for start, text, place, comment in records:
        # A template that adds each new batch below the last may write a record again
        # (Zotero Integration's `persist`, once a highlight changed colour): read once.
        if (identity := (" ".join(text.casefold().split()), place, comment)) in seen:
            repeats.append(start + 1)
            continue
        seen.add(identity)
        found.append(common.build(start + 1, text, comment=comment, page_label=place))
    problems = [Problem(_REPEATED.format(count=len(repeats)), note.path, repeats[0])
                ] if repeats else []
    return found, problems


def _records(
    lines: Sequence[str], body_start: int
) -> list[tuple[int, str, str | None, str | None]]:
    """(start, text, place, comment) of each record with a text field, in order."""
    found = []
    index = body_start
    while index < len(lines):
        if not lines[index].strip() or (
                common.is_boundary(lines[index]) and not common.CALLOUT.match(lines[index])):
            index += 1
            continue
        end = _block_end(lines, index)
        fields = _fields([_content(line) for line in lines[index:end]])
        if "text" in fields:
            comment = fields.get("comment")
            if comment is None and len(glued := _GLUED_COMMENT.split(fields["text"], 1)) == 2:
                fields["text"], comment = glued[0], common.comment_text([glued[1]])
            fields["text"] = _BREAK.sub(" ", fields["text"])  # `nl2br`'s, in a text's value
            if comment is None and (below := _nested_below(lines, index, end) or _comment_below(
                    lines, end)) is not None:
                comment, end = below
            found.append((index, fields["text"], fields.get("place"), comment))
        index = end
    return found


def _block_end(lines: Sequence[str], index: int) -> int:
    """Index past the block (a blockquote or callout, else a paragraph) starting at `index`."""
    quoted = common.is_quoted(lines[index])
    index += 1
    while index < len(lines) and lines[index].strip() and (
            common.is_quoted(lines[index]) == quoted) and not common.CALLOUT.match(lines[index]):
        if not quoted and common.is_boundary(lines[index]):
            break
        index += 1
    return index


def _content(line: str) -> str:
    """A record's line without its quote marker or callout header."""
    content = common.unquote(line).strip() if common.is_quoted(line) else line.strip()
    return _CALLOUT_HEAD.sub("", content)


def _fields(contents: list[str]) -> dict[str, str]:
    """The record's text, place and comment by what their labels say; an unlabelled line goes
    on the field above it. Empty when the first line with words holds no field."""
    fields: dict[str, list[str]] = {}
    current: str | None = None
    for content in contents:
        match = _FIELD.match(content)
        kind = _kind(match.group("label")) if match else None
        if match and kind is not None:
            current = kind
            value = content[match.end() :].strip()
            fields.setdefault(kind, []).extend([value] if value else [])
        elif match and (current is None or match.group("wrap")):
            current = "other"  # `**Tags:** …`: a field of the record the card does not use
        elif current is None and content:
            return {}  # words before any field: prose, not a record
        elif current is not None and content:
            fields.setdefault(current, []).append(content)
    return {kind: " ".join(words) for kind, words in fields.items()
            if kind != "other" and words}


def _kind(label: str) -> str | None:
    """What a field's label says its value is: `text`, `place` or `comment`."""
    label = label.strip().casefold()
    if label in _TEXT_LABELS:
        return "text"
    if label in _PLACE_LABELS:
        return "place"
    return "comment" if label in _COMMENT_LABELS else None


def _nested_below(lines: Sequence[str], start: int, end: int) -> tuple[str | None, int] | None:
    """The blockquote right under a record that is a paragraph (no blank line between, no
    callout): the template's quote of its comment (`**_Highlight_** | text` / `>> comment`)."""
    if common.is_quoted(lines[start]) or end >= len(lines) or not common.is_quoted(
            lines[end]) or common.CALLOUT.match(lines[end]):
        return None
    stop = end
    while stop < len(lines) and common.is_quoted(lines[stop]):
        stop += 1
    said = [common.unquote(line).strip() for line in lines[end:stop]]
    if "text" in _fields(said):
        return None  # the next record, quoted
    return common.comment_text([part for part in said if part]), stop


def _comment_below(lines: Sequence[str], end: int) -> tuple[str | None, int] | None:
    """The paragraph right under a record (blank lines between) that opens with a comment
    label, without it; and the index after it."""
    at = common.skip_blank(lines, end)
    if at >= len(lines) or common.is_quoted(lines[at]) or common.is_boundary(lines[at]) or (
            not has_comment_label(lines[at])):
        return None
    stop = _block_end(lines, at)
    if "text" in _fields([_content(line) for line in lines[at:stop]]):
        return None  # the next record (`**Highlight:** …`), whose label reads as a comment's
    said = [_unlabelled(lines[at]), *(line.strip() for line in lines[at + 1 : stop])]
    return common.comment_text([part for part in said if part]), stop


def _unlabelled(line: str) -> str:
    """A comment's first line without its label: `💬 _Note:_ words` gives `words`."""
    rest = comment_label(line)
    match = _FIELD.match(rest)
    if match and _kind(match.group("label")) == "comment":
        return rest[match.end() :].strip()
    return rest
