"""Where the reader's comment on an unlinked entry stands, and what it says.

Input: a note's lines and where a passage ends or starts. Output: the comment a template wrote
around it: a labelled paragraph under it (`Note: my words`, right under or after blank lines), a
one-line paragraph ending with a colon above it; and a comment's text without its label.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from anki_export.read.shapes import common, page_refs
from anki_export.read.shapes.lines import comment_label, has_comment_label, names_a_comment

ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])(?:\s+|$)")
"""A list item, at any depth, maybe still empty."""
# A line of an identifier alone (kindle-clip's `- 3f1c2a9e-7b4d-…` under each clipping): the
# template's, no words of the reader.
_ID_LINE = re.compile(r"^\s*(?:[-*+]\s+)?(?=[\w-]*\d)[0-9a-f]{8,}(?:-[0-9a-f]{4,})*\s*$", re.I)


def comment_of(parts: Sequence[str]) -> str | None:
    """A comment from its paragraphs or lines, without a label in front (`Comment:`,
    `**Note:**`, `💬`) unless the label is all there is."""
    if not parts:
        return None
    first = comment_label(parts[0]) or parts[0]
    return common.comment_text([first, *parts[1:]])


def lazy(line: str) -> bool:
    """Whether `line`, right after a quoted paragraph's line, goes on with that paragraph."""
    return bool(line.strip()) and not common.is_boundary(line) and not ITEM.match(line)


def colon_comment_above(lines: Sequence[str], start: int) -> str | None:
    """The one-line paragraph of the reader's right above a passage at `start` that ends with a
    colon (Zotero's note template `<p>{{comment}}:</p>` before a blockquote), without it."""
    above = start - 2
    if above < 0 or lines[start - 1].strip() or not lines[above].rstrip().endswith((":", "\uff1a")):
        return None
    if (above > 0 and lines[above - 1].strip() and not common.HEADING.match(lines[above - 1])) or (
            common.is_boundary(lines[above]) or common.is_quoted(lines[above])
            or ITEM.match(lines[above])):
        return None
    return comment_of([lines[above].rstrip()[:-1]])


def labelled_below(lines: Sequence[str], end: int) -> tuple[str | None, int] | None:
    """The comment a label opens on the lines right under a passage (`Note: my words`), up to
    a blank line or a boundary (its trailing tags are no part of it); and the index after."""
    if end >= len(lines) or common.is_quoted(lines[end]) or not lazy(lines[end]) or (
            comment_label(lines[end]) == lines[end].strip()):
        return None
    stop = end
    while stop < len(lines) and lazy(lines[stop]) and not common.is_quoted(lines[stop]):
        stop += 1
    said = [page_refs.TRAILING_TAGS.sub("", line) for line in lines[end:stop]]
    return comment_of(said), stop


def heading_below(lines: Sequence[str], end: int) -> tuple[str | None, int] | None:
    """The paragraph under a heading that names a comment (`## Note`, as kindle-clip writes
    one under each clipping that has a note), when only the template's lines (ids, tags)
    stand between the passage ending at `end` and it; and the index after the paragraph (a
    list item, such as the note's date, ends it)."""
    at = end
    while at < len(lines) and (not lines[at].strip() or _ID_LINE.match(lines[at]) or (
            common.TAG_LINE.match(lines[at]))):
        at += 1
    heading = common.HEADING.match(lines[at]) if at < len(lines) else None
    if heading is None or not names_a_comment(heading.group("title")):
        return None
    start = common.skip_blank(lines, at + 1)
    stop = start
    while stop < len(lines) and lazy(lines[stop]) and not common.is_quoted(lines[stop]):
        stop += 1
    return (comment_of(lines[start:stop]), stop) if stop > start else None


def labelled_after(
    lines: Sequence[str], start: int, end: int
) -> tuple[str | None, int] | None:
    """The comment a label opens in the paragraph after the blank lines under the passage at
    `start:end` (`**My comment**: words`, as a template writes `{{comment}}` a paragraph
    apart); and the index after it. Not when such a paragraph stands apart above the passage
    too: that template writes each comment before its passage."""
    at = common.skip_blank(lines, end)
    if at == end or at >= len(lines) or _labelled_above(lines, start):
        return None
    return labelled_below(lines, at)


def _labelled_above(lines: Sequence[str], start: int) -> bool:
    """Whether a paragraph opening with a comment label ends blank lines above `start`."""
    above = start - 1
    while above >= 0 and not lines[above].strip():
        above -= 1
    if above == start - 1 or above < 0 or common.is_quoted(lines[above]):
        return False
    while above > 0 and lazy(lines[above - 1]) and not common.is_quoted(lines[above - 1]):
        above -= 1
    return has_comment_label(lines[above])
