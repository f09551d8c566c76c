"""Entries a template's whitespace control glued onto the line before, split off again.

Input: a note's lines and which lie in its annotations sections. Output: the lines with each
glued entry on a line of its own (run-on quotes `>a >b` as blockquotes of their own, and a
paragraph that is one code span as the blockquote it stands for), which lines lie in the
sections, and for each line the index of the note's line it came from (so that an annotation
still names its line in the note).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from anki_export.read.shapes import common, page_refs

# `**My comment**: words.> next text [p.5](…)`: Nunjucks' `{%-` ate the newline before the next
# entry's `> `; a `>` after the words, then a space, opens the blockquote that was its line.
_GLUED_QUOTE = re.compile(r"^(?P<before>[^>]*\S)(?P<quote>>\s.*)$")
# ` >text >text >text`: a template's loop that writes `>{{text}}` with no newline put each
# highlight's quote marker after the one before it; a marker before a word opens the next.
_RUN_ON = re.compile(r"\s>(?=[^\W\d_]|[\"\u201c\u201e\u00ab])")
# A paragraph that is one code span (`` `text` ``, ```` ```text``` ````): a template that sets
# each highlight apart in a span, as others do in a blockquote.
_CODE_SPAN = re.compile(r"^[ \t]*(?P<ticks>`{1,3})(?P<text>[^`\n]*[^`\s])(?P=ticks)[ \t]*$")


def _apart(line: str) -> list[str] | None:
    """The blockquotes, blank lines between, that a line of run-on quotes or a code span
    stands for; None for any other line."""
    if (span := _CODE_SPAN.match(line)) is not None:
        return [f"> {span.group('text').strip()}"]
    if not common.is_quoted(line) or _RUN_ON.search(common.unquote(line)) is None:
        return None
    quotes = [f"> {part.strip()}" for part in _RUN_ON.split(common.unquote(line))]
    return [line for quote in quotes for line in (quote, "")][:-1]


def unglued(
    lines: Sequence[str], inside: Sequence[bool]
) -> tuple[list[str], list[bool], list[int]]:
    """(lines, inside, origin): each line of the sections that ends with a glued blockquote
    citing its page split in two, the blockquote on the line after the words before it; a
    line of run-on quotes split into its quotes, a code span read as the quote it stands for."""
    result: list[str] = []
    within: list[bool] = []
    origin: list[int] = []
    for index, line in enumerate(lines):
        if inside[index] and (quotes := _apart(line)) is not None:
            result += quotes
            within += [True] * len(quotes)
            origin += [index] * len(quotes)
            continue
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
