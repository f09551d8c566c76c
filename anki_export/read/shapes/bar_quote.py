"""Web highlights whose template marks each quote with a colour bar: WuCai's `> █  text`.

Input: a `SourceNote`. Output: `Annotation`s without key or page: one per quote that opens with
the bar (`█`), its comment the `> __想法__` line after it (a `__label__` or `**label**` and a
colon, full-width or not), with a line that continues it without `>`. The clipped page the
template adds under `## Page Markdown` repeats highlighted sentences as prose, without the bar:
never read.
"""

from __future__ import annotations

import re

from anki_export.errors import Problem
from anki_export.read.annotation import Annotation
from anki_export.read.notes import SourceNote
from anki_export.read.shapes import common

SIGNATURE = re.compile(r"^[ \t]*>[ \t]*\u2588", re.M)
_BAR = re.compile(r"^\u2588+\s*")
# `__想法__` and a full-width colon, `**Idea**: …`: the template's label for the reader's thought.
_LABEL = re.compile(r"^(?:__|\*\*)[^_*\n]{1,12}(?:__|\*\*)\s*[:：]\s*")


def parse(note: SourceNote) -> tuple[list[Annotation], list[Problem]]:
    """The bar-marked quotes of `note` with their comments, in order."""
    lines = note.lines
    found: list[Annotation] = []
    index = note.body_start
    while index < len(lines):
        content = common.unquote(lines[index]).strip()
        if not (common.is_quoted(lines[index]) and _BAR.match(content)):
            index += 1
            continue
        start = index
        text = [_BAR.sub("", content)]
        said: list[str] = []
        index += 1
        while index < len(lines) and lines[index].strip():
            line = lines[index]
            content = common.unquote(line).strip()
            if common.is_quoted(line) and (_BAR.match(content) or common.CALLOUT.match(line)):
                break
            if not common.is_quoted(line) and not said:
                break  # a line of the note's own after a quote with no comment
            if said or _LABEL.match(content):
                said.append(_LABEL.sub("", content, count=1) if not said else content)
            else:
                text.append(content)
            index += 1
        passage = common.clean_text(" ".join(text))
        if passage:
            found.append(common.build(start + 1, passage, comment=common.comment_text(said)))
    return found, []
