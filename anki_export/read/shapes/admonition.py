"""The Admonition plugin's blocks (```` ```ad-cite ````), read as the callouts they render as.

Input: a `SourceNote`. Output: the same note with each ```` ```ad-<type> ```` fence written as a
`> [!type] title` callout, line for line (so line numbers hold), for the readers only: the
plugin renders such a fence as a callout of markdown, and Zotero Integration templates put a
highlight's quote and comment in one. A fence inside a callout (ZotLit's callout around an
`ad-note`) leaves its markdown to that callout. Other fences stay code.
"""

from __future__ import annotations

import re
from dataclasses import replace

from anki_export.read.notes import SourceNote

_OPEN = re.compile(
    r"^(?P<quote>[ \t]*(?:>[ \t]?)*)[ \t]*(?P<fence>`{3,}|~{3,})[ \t]*ad-(?P<type>[\w-]+)[ \t]*$")
_QUOTE = re.compile(r"^[ \t]*(?:>[ \t]?)*")
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
        if quote := opening.group("quote").rstrip():
            # A fence inside a callout (ZotLit's callout around a template's `ad-note`): its
            # markdown is the callout's own, each line already quoted; the fences go.
            body = lines[at + 1 : close]
            parameters = 0
            while parameters < len(body) and _PARAMETER.match(_unquoted(body[parameters])):
                parameters += 1
            lines[at : close + 1] = [quote, *[quote] * parameters, *body[parameters:], quote]
        else:
            lines[at : close + 1] = _callout(opening.group("type"), lines[at + 1 : close])
        changed, at = True, close + 1
    return replace(note, text="\n".join(lines)) if changed else note


def _closing(lines: list[str], opening: int, fence: str) -> int | None:
    """The line that closes the fence opened on line `opening` (at least as long, same mark,
    inside the same quote)."""
    depth = _depth(lines[opening])
    for at in range(opening + 1, len(lines)):
        if depth and _depth(lines[at]) < depth:
            return None  # the quote ended first: the fence was never closed inside it
        if _depth(lines[at]) != depth:
            continue
        stripped = _unquoted(lines[at]).strip()
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


def _depth(raw: str) -> int:
    """How many `>` open the line."""
    found = _QUOTE.match(raw)
    return found.group().count(">") if found else 0


def _unquoted(raw: str) -> str:
    """The line without the `>` markers that open it."""
    found = _QUOTE.match(raw)
    return raw[found.end() :] if found else raw
