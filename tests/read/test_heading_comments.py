"""Headings a template writes as comments over annotations, and headings that are structure."""

from __future__ import annotations

from pathlib import Path

import pytest

from anki_export.read.notes import parse_note
from anki_export.read.shapes import read_shapes

REMARK = "Contradicts the survey data from the northern sites, check the appendix"


def _entry(number: int, comment: str = "") -> str:
    link = f"zotero://open-pdf/library/items/ATTACH01?page={number}&annotation=KEY{number:05d}"
    entry = f"“Passage number {number} of the paper.” (Lee, 2020, p. {number})"
    return f"{entry} [p. {number}]({link})" + (f" {comment}" if comment else "")


def _note(*runs: tuple[str, int]) -> str:
    """A note whose `### title` headings each hold `count` anchored entries."""
    parts, number = ["# Paper", "", "## Annotations", ""], 0
    for title, count in runs:
        parts += [f"### {title}"]
        for _ in range(count):
            number += 1
            parts += [_entry(number), ""]
    return "\n".join(parts)


def _comments(text: str) -> list[tuple[str | None, str | None]]:
    reading = read_shapes(parse_note(text, Path("x.md")))
    return [(a.comment, a.label) for a in reading.annotations]


def test_headings_alternating_with_single_entries_are_their_comments() -> None:
    text = _note((REMARK, 2), ("Key number", 1), ("Why only one season of fieldwork?", 1))
    assert _comments(text) == [(REMARK, None), (None, None), ("Key number", None),
                               ("Why only one season of fieldwork?", None)]


@pytest.mark.parametrize("titles", [
    ("1. Introduction", "2. Methods", "3. Results"),  # the paper's section titles
    ("🟡 Key point", "🔴 Disagree", "🟢 Method"),  # colour groups
    ("Page 4", "Page 9", "Page 12"),  # pages
    ("Definition", "Main result", "Objection"),  # names, no heading says anything
])
def test_structure_headings_are_never_comments(titles: tuple[str, str, str]) -> None:
    text = _note((titles[0], 1), (titles[1], 1), (REMARK if "Definition" not in titles
                                                 else titles[2], 1))
    assert all(comment is None for comment, _ in _comments(text))


def test_headings_over_entries_with_comments_of_their_own_are_categories() -> None:
    parts = ["## Comments", f"### {REMARK}", _entry(1, "my own remark"), "",
             "### Main result", _entry(2), "", "### Objection", _entry(3, "ask the group")]
    comments = [comment for comment, _ in _comments("\n".join(parts))]
    assert REMARK not in " ".join(filter(None, comments))


def test_headings_over_entries_without_links_are_not_taken_as_comments() -> None:
    parts = ["## Annotations", f"### {REMARK}", "“Passage one.” (p. 1)", "",
             "### Key number", "“Passage two.” (p. 2)", "", "### Another point", "“Three.” (p. 3)"]
    assert all(comment is None for comment, _ in _comments("\n".join(parts)))


def test_an_empty_group_heading_over_several_entries_leaves_the_others_groups() -> None:
    # a colour group's heading the template left empty (no name for the colour) holds two
    parts = ["## Annotations", "### Background", "**_Highlight_** | Passage one.", "",
             "**_Highlight_** | Passage two.", "", "### ", "**_Highlight_** | Passage three.", "",
             "**_Highlight_** | Passage four.", "", "### Key conclusions",
             "**_Highlight_** | Passage five."]
    assert all(comment is None for comment, _ in _comments("\n".join(parts)))
