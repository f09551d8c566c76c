"""Plugin markers in Obsidian comments (`%% OZRP-ANNO-QUOTE-BEGIN %%`), read as nothing.

Input: a `SourceNote`. Output: the same note without the `%%…%%` spans that name where a block
begins or ends (maybe with the plugin's JSON data, `%% X-BEGIN {"id": …} %%`), line for line,
for the readers only: Obsidian shows none of it, so the highlight and comment such markers
bracket read as the quote and the lines they are. Comments of other words (`%% fold %%`,
`%% begin annotations %%`, a reader's `%%…%%` comment) stay.
"""

from __future__ import annotations

import re
from dataclasses import replace

from anki_export.read.notes import SourceNote

_MARKER = re.compile(
    r"[ \t]*%%[ \t]*[A-Z][A-Z0-9]*(?:[-_][A-Z0-9]+)*[-_](?:BEGIN|END|START|STOP)"
    r"(?:[ \t]+\{[^\n]*\})?[ \t]*%%")


def without_markers(note: SourceNote) -> SourceNote:
    """`note` without its block markers (the note itself when it has none)."""
    if "%%" not in note.text or _MARKER.search(note.text) is None:
        return note
    return replace(note, text=_MARKER.sub("", note.text))
