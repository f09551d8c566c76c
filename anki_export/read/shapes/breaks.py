"""One annotation written as lines joined with `<br>` on one line, its type first.

Input: what precedes an anchor on its line (`<mark>HIGHLIGHT</mark><br>"text"<br>_Comment_:
words<br>- On `). Output: its text, comment and image, and the type the first part names. A
template that writes a record on one line (Markdown tables, callouts) joins its fields with
`<br>`: each field is a line, the type word is no text, the words before the link are its label.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from anki_export.read.shapes import common, lines

_BREAK = re.compile(r"</?br\s*/?>", re.I)
_TYPE_MARK = re.compile(r"^<(mark|span|font)\b[^>]*>(?P<inner>[^<]*)</\1>$", re.I)
_COMMENT_AFTER = re.compile(r"\s*\)?\s*(?:</?br\s*/?>\s*)+(?:--|\u2014|\u2013)?\s", re.I)
_QUOTES = {'"': '"', "\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201c"}


@dataclass(frozen=True, slots=True)
class Fields:
    """The fields of one `<br>`-joined record."""

    kind: str
    """The type its first field names (`highlight`, `note`, `image`), lower case."""
    text: str
    comment: str | None
    image: str | None


def fields(before: str) -> Fields | None:
    """The record `before` holds, or None when it is not one (no `<br>`, or its first field
    is not a type word)."""
    if "br" not in before.lower() or _BREAK.search(before) is None:
        return None
    parts = [part.strip() for part in _BREAK.split(common.unquote(before))]
    head = _TYPE_MARK.match(parts[0])
    kind = head.group("inner").strip().lower() if head else ""
    if kind not in common.TYPE_WORDS:
        return None
    if parts and len(parts) > 2 and len(parts[-1].split()) <= 3:
        parts.pop()  # `- On `: the words that introduce the link
    text, comment, image = [], [], None
    for part in parts[1:]:
        if lines.has_comment_label(part):
            comment.append(lines.comment_label(part))
        elif (path := common.image_path(part)) is not None:
            image = path
        elif lines.clean(part):
            text.append(part)
    said = html.unescape(" ".join(comment)) if comment else None
    return Fields(kind, _unquoted(html.unescape("\n".join(text).strip())), said, image)


def _unquoted(text: str) -> str:
    """`text` without the quotes a template wraps around the whole of it."""
    closing = _QUOTES.get(text[:1])
    if closing and len(text) > 1 and text.endswith(closing):
        return text[1:-1].strip()
    return text


def comment_after_link(after: str) -> bool:
    """Whether the words after a link open on a line break (`[text](…)<br>-- *comment*`): a
    template that writes the highlight as the link's label, and the comment after it."""
    return _COMMENT_AFTER.match(after) is not None
