"""Entries a template's whitespace control glued onto the line before, split off again.

Input: a note's lines and which lie in its annotations sections. Output: the lines with each
glued entry on a line of its own, which lines lie in the sections, and for each line the index
of the note's line it came from (so that an annotation still names its line in the note).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from anki_export.read.shapes import common, page_refs

# `**My comment**: words.> next text [p.5](…)`: Nunjucks' `{%-` ate the newline before the next
# entry's `> `; a `>` after the words, then a space, opens the blockquote that was its line.
_GLUED_QUOTE = re.compile(r"^(?P<before>[^>]*\S)(?P<quote>>\s.*)$")


def unglued(
    lines: Sequence[str], inside: Sequence[bool]
) -> tuple[list[str], list[bool], list[int]]:
    """(lines, inside, origin): each line of the sections that ends with a glued blockquote
    citing its page split in two, the blockquote on the line after the words before it."""
    result: list[str] = []
    within: list[bool] = []
    origin: list[int] = []
    for index, line in enumerate(lines):
        glued = _GLUED_QUOTE.match(line) if inside[index] and not common.is_quoted(line) else None
        if glued is not None and page_refs.passage(
                common.unquote(glued.group("quote")), "quote") is not None:
            result += [glued.group("before"), glued.group("quote")]
            within += [True, True]
            origin += [index, index]
            continue
        result.append(line)
        within.append(inside[index])
        origin.append(index)
    return result, within, origin
