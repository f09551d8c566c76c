"""Anchors of e-book readers (calibre's viewer, Zotero's EPUB reader): links to one place in a
book, the metadata a template writes beside them, and records a template closes with a rule."""

from __future__ import annotations

from pathlib import Path

from anki_export.read.anchors import find_anchors
from anki_export.read.annotation import Annotation
from anki_export.read.notes import parse_note
from anki_export.read.shapes import parse_shapes


def _read(text: str) -> list[Annotation]:
    return parse_shapes(parse_note(text, Path("x.md")))[0]


def _calibre(place: str, stamp: str = "on 2025-11-03 at 08:15:00 UTC +2:00:") -> str:
    return f"[Highlighted](calibre://view-book/Library/7/EPUB?open_at=epubcfi({place})) {stamp}"


def test_a_link_whose_target_holds_balanced_parentheses_is_one_anchor_to_its_own_closing() -> None:
    note = parse_note(f"{_calibre('/6/4!/2/8:10')}\n> Tides set the calendar.\n", Path("x.md"))
    (anchor,) = find_anchors(note)
    assert anchor.url == "calibre://view-book/Library/7/EPUB?open_at=epubcfi(/6/4!/2/8:10)"
    assert anchor.annotation_id == "epubcfi(/6/4!/2/8:10)"
    assert anchor.markup.endswith(":10))")


def test_a_calibre_link_to_the_whole_book_is_no_anchor() -> None:
    note = parse_note("[Open](calibre://view-book/Library/7/EPUB)\n> Tides.\n", Path("x.md"))
    assert find_anchors(note) == []


def test_a_date_stamp_after_the_link_is_no_text_the_quote_below_it_is() -> None:
    found = _read(f"{_calibre('/6/4:10')}\n> Tides set the fishing calendar.\n\n---\n\n"
                  f"{_calibre('/6/8:2', '— 14.02.2026, 19:02')}\n> Salt decided the price.\n")
    assert [a.raw_text for a in found] == ["Tides set the fishing calendar.",
                                           "Salt decided the price."]
    assert [a.reader for a in found] == ["anchored", "anchored"]


def test_words_beside_a_date_are_still_text() -> None:
    (found,) = _read(f"{_calibre('/6/4:10', 'Treaty signed on 1648-10-24 at Münster')}\n")
    assert found.raw_text == "Treaty signed on 1648-10-24 at Münster"


def test_the_paragraphs_up_to_the_rule_that_closes_a_record_are_its_comment() -> None:
    found = _read(
        f"{_calibre('/6/4:10')}\n> Tides set the fishing calendar.\n\nFirst thought.\n\n"
        f"Second thought.\n\n---\n\n{_calibre('/6/8:2')}\n> Salt decided the price.\n\n"
        "Check the tables.\n\n---\n"
    )
    assert [a.comment for a in found] == ["First thought.\n\nSecond thought.", "Check the tables."]


def test_a_paragraph_after_the_last_record_that_no_rule_closes_is_no_comment() -> None:
    found = _read(
        f"{_calibre('/6/4:10')}\n> Tides set the fishing calendar.\n\n---\n\n"
        f"{_calibre('/6/8:2')}\n> Salt decided the price.\n\nMy own summary of the book.\n"
    )
    assert [a.comment for a in found] == [None, None]
