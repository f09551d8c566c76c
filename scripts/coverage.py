"""How many text highlights of each note are still on some card (front or back).

Usage: python scripts/coverage.py NOTE ...

A highlight counts as covered when some card of its note was made from it (the card's source
line is the highlight's: its front may be cut to one clause or drop an opener such as
"However,", and its back then shows the whole highlight), or when its text (whitespace
collapsed) appears in the plain text of a shown field of some card of its note: Text, Front,
Back or Extra (a highlight carried onto another card's back), or as a card shows it (a
wikilink by its label: "[[Heaps' law]]" on "Formula of Heaps' law?"). Each distinct highlight
text is counted once. Runs `anki-export annotations` and `cards` with the Python
that runs it, so it measures whichever version is importable.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

SHOWN = ("Text", "Front", "Back", "Extra")
"""Fields a learner sees on the card (the others are metadata)."""


_WIKILINK = re.compile(r"\[\[([^\]|]+)(?:\|([^\]]+))?\]\]")


def _as_shown(text: str) -> str:
    """A highlight's text with its wikilinks as a card shows them ("[[A|b]]" -> "b")."""
    return " ".join(_WIKILINK.sub(lambda m: m.group(2) or m.group(1), text).split())


def _json(*arguments: str) -> list[dict[str, Any]]:
    """The JSON an `anki-export` command prints."""
    done = subprocess.run([sys.executable, "-m", "anki_export", *arguments],
                          capture_output=True, text=True, check=False)
    return list(json.loads(done.stdout or "[]"))


def _plain(field: str) -> str:
    """A field's HTML as collapsed plain text, clozes opened."""
    text = re.sub(r"\{\{c\d+::(.*?)(?:::[^}]*)?\}\}", r"\1", field, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def coverage(note: Path) -> tuple[int, int]:
    """(covered, total) text highlights of one note."""
    annotations = _json("annotations", str(note), "--format", "json")
    lines_of: dict[str, set[int]] = {}
    for a in annotations:
        if a.get("kind") == "highlight" and str(a.get("text") or "").strip():
            lines_of.setdefault(" ".join(str(a["text"]).split()), set()).add(int(a["line"]))
    with tempfile.TemporaryDirectory() as scratch:
        cards = _json("cards", str(note), "--format", "json",
                      "--state", str(Path(scratch) / "state.sqlite3"))
    shown = [_plain(str(card["fields"].get(name, ""))) for card in cards for name in SHOWN]
    card_lines = {int(str(card["source"]).rsplit(":", 1)[1]) for card in cards}
    covered = sum(1 for text, lines in lines_of.items()
                  if lines & card_lines
                  or any(text in field or _as_shown(text) in field for field in shown))
    return covered, len(lines_of)


def main(notes: list[str]) -> None:
    """Print covered/total per note, and over all of them."""
    all_covered = all_total = 0
    for name in notes:
        covered, total = coverage(Path(name))
        all_covered, all_total = all_covered + covered, all_total + total
        print(f"{covered}/{total}  {name}")
    if len(notes) > 1:
        print(f"{all_covered}/{all_total}  all")


if __name__ == "__main__":
    main(sys.argv[1:])
