"""The Admonition plugin's blocks (```` ```ad-cite ````), read as the callouts they render as.

Input: a `SourceNote`. Output: the same note with each ```` ```ad-<type> ```` fence written as a
`> [!type] title` callout, line for line (so line numbers hold), for the readers only: the
plugin renders such a fence as a callout of markdown, and Zotero Integration templates put a
highlight's quote and comment in one. Other fences stay code.
"""

from __future__ import annotations

import re
from dataclasses import replace

from anki_export.read.notes import SourceNote

_OPEN = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})[ \t]*ad-(?P<type>[\w-]+)[ \t]*$")
# The plugin's parameters, on the block's first lines: `title: …`, `collapse: open`, …
_PARAMETER = re.compile(r"^[ \t]*(?P<name>title|collapse|icon|color)[ \t]*:[ \t]*(?P<value>.*)$",
                        re.I)


def as_callouts(note: SourceNote) -> SourceNote:
    """`note` with its Admonition fences written as callouts (the note itself when it has none)."""
    if "ad-" not in note.text:
        return note
    lines = note.lines
    at = note.body_start
    changed = False
    while at < len(lines):
        opening = _OPEN.match(lines[at])
        close = _closing(lines, at, opening.group("fence")) if opening else None
        if opening is None or close is None:
            at += 1
            continue
        lines[at : close + 1] = _callout(opening.group("type"), lines[at + 1 : close])
        changed, at = True, close + 1
    return replace(note, text="\n".join(lines)) if changed else note


def _closing(lines: list[str], opening: int, fence: str) -> int | None:
    """The line that closes the fence opened on line `opening` (at least as long, same mark)."""
    for at in range(opening + 1, len(lines)):
        stripped = lines[at].strip()
        if stripped and stripped == stripped[0] * len(stripped) and stripped[0] == fence[0] and (
            len(stripped) >= len(fence)
        ):
            return at
    return None


def _callout(kind: str, body: list[str]) -> list[str]:
    """The lines of a callout of `kind` holding `body`: as many as the fence had."""
    title = ""
    parameters = 0
    while parameters < len(body) and (found := _PARAMETER.match(body[parameters])):
        if found.group("name").lower() == "title":
            title = found.group("value").strip()
        parameters += 1
    header = f"> [!{kind}] {title}".rstrip()
    quoted = [f"> {line}".rstrip() for line in body[parameters:]]
    return [header, *([">"] * parameters), *quoted, ""]
