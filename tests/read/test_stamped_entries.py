"""Entries an e-reader's exporter sets apart with a stamp line (page and time, or a created date):
each entry's passage is read as the text, the note callout or labelled paragraph as its
comment, whether the stamps open the entries or close them."""

from __future__ import annotations

from pathlib import Path

from anki_export.read.annotation import Annotation
from anki_export.read.notes import parse_note
from anki_export.read.shapes import parse_shapes


def _read(text: str) -> list[Annotation]:
    return parse_shapes(parse_note(text, Path("x.md")))[0]


OPENING = """---
title: Tidal Marshes
---

## Chapter 2: Salt

*Page 31 | 2025-03-02 08:10:44*
<mark style="background: #ffd400;">Cordgrass pumps salt out through glands in its leaves.</mark>
> [!NOTE] Note
> > Compare with mangroves.
> Check the 1998 survey.

*Page 40 | 2025-03-02 08:31:02*
<u>Marsh peat rises by trapping sediment at each high tide.</u>

---

## My own notes

The marsh chapter is the best part.
"""

CLOSING = """---
title: Clocks and Towns
---

## Highlights

## 1. Bells

Town bells set the working day long before clocks had minute hands.

*Created: 2024-05-01T19:02:11.000Z*

Guilds paid for the bells and decided when they rang.

**Note:** Who paid decides who keeps time.

*Created: 2024-05-01T19:20:40.000Z*
"""


def test_stamps_that_open_entries_give_the_passage_under_each_and_the_note_callout_its_comment(
) -> None:
    found = _read(OPENING)
    assert [(a.raw_text, a.comment, a.page_label) for a in found] == [
        ("Cordgrass pumps salt out through glands in its leaves.",
         "Compare with mangroves.\nCheck the 1998 survey.", "31"),
        ("Marsh peat rises by trapping sediment at each high tide.", None, "40"),
    ]


def test_stamps_that_close_entries_give_the_passage_before_each_and_a_labelled_note_its_comment(
) -> None:
    found = _read(CLOSING)
    assert [(a.raw_text, a.comment) for a in found] == [
        ("Town bells set the working day long before clocks had minute hands.", None),
        ("Guilds paid for the bells and decided when they rang.",
         "Who paid decides who keeps time."),
    ]


def test_a_diary_of_bare_dates_is_no_export() -> None:
    diary = ("## Log\n\n*2025-03-02*\nWalked the marsh at dawn.\n\n"
             "*2025-03-03*\nRain all day, read indoors.\n")
    assert _read(diary) == []


def test_an_entry_of_template_fields_only_is_no_annotation() -> None:
    fields = ("## Highlights\n\n> A quoted passage the template marks itself.\n\n"
              "Chapter progress: 12 %\nDate: 2023-11-04 21:37:12\n\n---\n\n"
              "> Another quoted passage.\n\nChapter progress: 40 %\nDate: 2023-11-05 21:37:12\n")
    assert all("progress" not in a.raw_text for a in _read(fields))
