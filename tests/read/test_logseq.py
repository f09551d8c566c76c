"""Logseq pages of highlights: Logseq's own `hls__` pages and Zotero pages kept in a graph."""

from __future__ import annotations

from pathlib import Path

from anki_export.read.notes import parse_note
from anki_export.read.shapes import read_shapes


def _read(text: str) -> list[tuple[str, str | None]]:
    reading = read_shapes(parse_note(text, Path("x.md")))
    return [(a.raw_text, a.comment) for a in reading.annotations]


def test_blocks_sharing_a_highlights_properties_are_highlights_without_a_marker() -> None:
    text = (
        "- Teilchen im Fluss sedimentieren ab 0,2 mm binnen einer Stunde.\n"
        "  hl-page:: 3\n  hl-color:: yellow\n"
        "\t- gilt nur bei Niedrigwasser\n"
        "- Die Trübung folgt dem Abfluss mit einem Tag Verzug.\n"
        "  hl-page:: 5\n  hl-color:: blue\n"
        "- Messreihe nachfragen\n  hl-page:: 9\n"
    )
    assert _read(text) == [
        ("Teilchen im Fluss sedimentieren ab 0,2 mm binnen einer Stunde.",
         "gilt nur bei Niedrigwasser"),
        ("Die Trübung folgt dem Abfluss mit einem Tag Verzug.", None),
    ]


def test_the_marker_on_every_highlight_is_the_templates_and_picks_the_highlights() -> None:
    text = (
        "- » first passage of the paper\n  mtime:: 2024-01-02 10:00:00\n"
        "- » second passage of the paper\n  mtime:: 2024-01-02 10:05:00\n"
        "- my own reminder\n  mtime:: 2024-01-03 09:00:00\n"
    )
    assert _read(text) == [("first passage of the paper", None),
                           ("second passage of the paper", None)]


def test_one_block_with_a_highlights_property_is_the_readers_own() -> None:
    text = "# Reading list\n\n- finish chapter 3\n  mtime:: 2024-01-02 10:00:00\n- call Ana\n"
    assert _read(text) == []
