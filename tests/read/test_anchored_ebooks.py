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


def _epub(label: str, key: str, kind: str = "epub") -> str:
    return f"[{label}](zotero://open-{kind}/library/items/BOOK0001?annotation={key})"


def test_zotero_links_into_an_epub_or_a_snapshot_are_anchors_with_their_keys() -> None:
    note = parse_note(f"{_epub('4', 'KEYEPUB1')}\n\n> Tides.\n\n"
                      f"{_epub('Location', 'KEYSNAP1', 'snapshot')}\n\n> Salt.\n", Path("x.md"))
    anchors = find_anchors(note)
    assert [(a.annotation_key, a.attachment_key) for a in anchors] == [
        ("KEYEPUB1", "BOOK0001"), ("KEYSNAP1", "BOOK0001")]
    assert anchors[0].page_label == "4"


def test_where_the_first_link_opens_the_quote_below_it_every_link_does_and_the_paragraph_after_each_quote_is_its_comment() -> None:  # noqa: E501
    found = _read(
        "## Highlights\n\n"
        f"{_epub('4', 'KEYEPUB1')}\n\n> Tides set the fishing calendar.\n\nCompare Bergen.\n\n"
        f"{_epub('9', 'KEYEPUB2')}\n\n> Salt decided the price.\n\n#trade\n\n"
        f"{_epub('Location', 'KEYEPUB3')}\n\n> The herring left the sound.\n\nWhen exactly?\n\n"
        f"{_epub('12', 'KEYEPUB4')}\n\n> Trade moved west.\n\n## My thoughts\n\nA good book.\n"
    )
    assert [(a.raw_text, a.comment) for a in found] == [
        ("Tides set the fishing calendar.", "Compare Bergen."),
        ("Salt decided the price.", None),
        ("The herring left the sound.", "When exactly?"),
        ("Trade moved west.", None),
    ]
    assert [a.annotation_key for a in found] == ["KEYEPUB1", "KEYEPUB2", "KEYEPUB3", "KEYEPUB4"]


def test_where_the_first_link_ends_its_text_a_paragraph_above_each_link_is_its_text() -> None:
    found = _read(
        "## Highlights\n\nTides set the fishing calendar.\n\n"
        f"{_epub('4', 'KEYEPUB1')}\n\nSalt decided the price.\n\n{_epub('9', 'KEYEPUB2')}\n"
    )
    assert [a.raw_text for a in found] == ["Tides set the fishing calendar.",
                                           "Salt decided the price."]


def test_a_hypothesis_link_to_one_annotation_is_an_anchor_with_its_id() -> None:
    note = parse_note("> Tides.\n[Open](https://hypothes.is/a/Qw3rTy1AEe-abcdEf)\n",
                      Path("x.md"))
    (anchor,) = find_anchors(note)
    assert anchor.annotation_id == "Qw3rTy1AEe-abcdEf"


def test_a_stamp_with_a_word_or_two_around_it_is_no_text_whatever_its_format() -> None:
    stamps = ["Added on Monday, March 3, 2024 10:22:11 AM", "Erstellt am 14.02.2026, 19:02",
              "— 2024-03-01T10:22:11.512+03:00"]
    text = "".join(f"{_calibre(f'/6/{n}:2', stamp)}\n> Passage {n} of the book.\n\n---\n\n"
                   for n, stamp in enumerate(stamps))
    assert [a.raw_text for a in _read(text)] == [f"Passage {n} of the book." for n in range(3)]
