"""Finding annotations in notes: every fixture note against its expected annotations."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from anki_export.config import Config
from anki_export.read.annotation import Annotation
from anki_export.read.annotations import read_annotations
from anki_export.read.config_file import load_config
from anki_export.read.discover import read_note
from anki_export.read.notes import parse_note
from anki_export.read.shapes.callout import parse
from tests.conftest import EXAMPLE, FIXTURES

NOTES = sorted((FIXTURES / "notes").glob("*.md"))


def _as_json(annotations: list[Annotation], problems: list[Any], root: Path) -> dict[str, Any]:
    return {
        "annotations": [
            {k: v for k, v in dataclasses.asdict(a).items() if v is not None}
            for a in annotations
        ],
        "warnings": [str(p).replace(str(root) + "/", "") for p in problems],
    }


@pytest.mark.parametrize("path", NOTES, ids=lambda p: p.stem)
def test_fixture_note_yields_its_expected_annotations(path: Path, golden) -> None:  # type: ignore[no-untyped-def]
    note = read_note(path)
    annotations, problems = read_annotations(note, load_config(None))
    golden(path.with_suffix(".annotations.json"), _as_json(annotations, problems, path.parent))


def test_example_note_yields_its_expected_annotations(golden) -> None:  # type: ignore[no-untyped-def]
    annotations, problems = read_annotations(read_note(EXAMPLE), load_config(None))
    golden(FIXTURES / "DoesSGDProduce.annotations.json",
           _as_json(annotations, problems, EXAMPLE.parent))


def test_example_note_has_22_annotations_with_keys_pages_and_labels() -> None:
    annotations, problems = read_annotations(read_note(EXAMPLE), Config())
    assert len(annotations) == 22
    # The one U+FFFD that context cannot decide ("Gradient hacking� is": a footnote mark or a
    # closing quote?) stays, and is reported.
    assert [(p.line, p.message) for p in problems] == [
        (104, "highlight seems to start mid-word ('n order for …'); the card completes the word "
              "where the note's other highlights show it, else opens with '…'"),
        (107, "could not repair damaged text near 'radient hacking\ufffd is a strategy '")]
    assert all(a.attachment_key == "SMLZN3L8" and a.annotation_key for a in annotations)
    assert {a.label for a in annotations} == {
        "Reference", "Claim", "Personal critic", "Supporting evidence", "Important"}
    assert [a.page_label for a in annotations][:3] == ["1", "2", "3"]


def test_label_on_the_next_line_is_the_label_not_the_text() -> None:
    note = read_note(FIXTURES / "notes" / "label-on-next-line.md")
    first = parse(note)[0][0]
    assert first.label == "Claim"
    assert first.raw_text == "normal science does not aim at novelties of fact or theory"


def test_comment_after_annotation_belongs_to_it_even_after_a_blank_line() -> None:
    note = read_note(FIXTURES / "notes" / "comment-after-annotation.md")
    comments = [a.comment for a in parse(note)[0]]
    assert comments == [
        "So photorespiration is suppressed.\n\n1. Why bundle sheath cells?\n2. Compare with CAM "
        "plants",
        "Both are grasses.",
        None,
    ]


def test_end_marker_on_the_last_text_line_is_not_part_of_the_text_or_a_comment() -> None:
    note = read_note(FIXTURES / "notes" / "comment-after-annotation.md")
    last = parse(note)[0][-1]
    assert last.raw_text == "The C4 pathway evolved independently more than sixty times"
    assert last.comment is None


def test_inline_comment_after_the_link_is_read() -> None:
    text = (">[!quote|#ffd400] Claim\n>\nwater boils at 100 °C at sea level "
            "[(p. 1)](zotero://open-pdf/library/items/AAAA1111?page=1&annotation=BBBB2222)"
            " %%only at 1 atm%%\n")
    annotation = parse(parse_note(text, Path("x.md")))[0][0]
    assert annotation.comment == "only at 1 atm"


def test_unlabelled_annotation_gets_the_highlight_role_unless_colours_are_mapped() -> None:
    note = read_note(FIXTURES / "notes" / "unlabelled-colours.md")
    plain, _ = read_annotations(note, load_config(None))
    assert [a.role for a in plain] == ["highlight"] * 3
    assert [a.colour for a in plain] == ["yellow", "yellow", "blue"]
    preset = Config(colours={"yellow": "claim", "blue": "supporting-evidence"})
    assert [a.role for a in read_annotations(note, preset)[0]] == [
        "claim", "claim", "supporting-evidence"]


def test_same_annotation_key_twice_keeps_one_copy_with_a_warning() -> None:
    note = read_note(FIXTURES / "notes" / "two-import-batches.md")
    annotations, problems = read_annotations(note, Config())
    assert [a.annotation_key for a in annotations] == ["ROME0001", "ROME0002"]
    assert annotations[0].raw_text.endswith("every year")
    assert [p.line for p in problems] == [15]
    assert "appears again (first at line 7)" in problems[0].message


def test_a_whole_second_import_batch_adds_nothing_and_is_one_warning_with_the_count() -> None:
    link = "zotero://open-pdf/library/items/ATTACH01?page={0}&annotation=KEY0000{0}"
    batch = "".join(f">[!quote|#ffd400] Claim\n>\npassage number {page} [(p. {page})]"
                    f"({link.format(page)})\n\n" for page in (1, 2, 3))
    note = parse_note(f"## First\n\n{batch}## Again\n\n{batch}", Path("x.md"))
    annotations, problems = read_annotations(note, Config())
    assert [a.annotation_key for a in annotations] == ["KEY00001", "KEY00002", "KEY00003"]
    assert [(p.line, p.message) for p in problems] == [(17, (
        "3 annotations appear again (a second import?), the first KEY00001 (first at "
        "line 3); using the later copies"))]


def test_text_spread_over_several_lines_is_joined() -> None:
    note = read_note(FIXTURES / "notes" / "multi-line-text.md")
    first = parse(note)[0][0]
    assert first.raw_text == ("The Transformer dispenses with recurrence entirely and relies on "
                              "attention to draw global dependencies")


def test_annotation_without_link_is_kept_with_a_warning() -> None:
    text = ">[!quote|#ffd400] Claim\n>\nan unlinked highlight\n>[!quote|#ffd400] Claim\n>\nnext\n"
    annotations, problems = parse(parse_note(text, Path("x.md")))
    assert [a.raw_text for a in annotations] == ["an unlinked highlight", "next"]
    assert [(p.line, "no Zotero link" in p.message) for p in problems] == [(1, True), (4, True)]


def test_unterminated_comment_stops_at_the_next_callout_with_a_warning() -> None:
    link = "[(p. 1)](zotero://open-pdf/library/items/AAAA1111?page=1&annotation=BBBB{})"
    text = (f">[!quote|#ffd400] Claim\n>\nfirst {link.format('0001')}\n%%never closed\nstill\n"
            f">[!quote|#ffd400] Claim\n>\nsecond {link.format('0002')}\n")
    annotations, problems = parse(parse_note(text, Path("x.md")))
    assert [a.comment for a in annotations] == ["never closed\nstill", None]
    assert [(p.line, "never closed" in p.message) for p in problems] == [(4, True)]


def test_ordinary_callouts_without_colour_or_link_are_not_annotations() -> None:
    note = read_note(FIXTURES / "notes" / "no-annotations.md")
    assert parse(note) == ([], [])


def test_a_passage_exported_twice_without_a_zotero_link_is_read_once_with_the_count() -> None:
    place = "[Highlighted](calibre://view-book/Library/7/EPUB?open_at=epubcfi(/6/{0}:10))"
    batch = "".join(f"{place.format(n)} on 2026-01-0{n}:\n> Salt decided the price of the "
                    f"herring catch, year {n}.\n\n---\n\n" for n in (2, 4))
    note = parse_note(f"# Sent\n\n{batch}# Sent again\n\n{batch}", Path("x.md"))
    annotations, problems = read_annotations(note, Config())
    assert [a.raw_text[-7:] for a in annotations] == ["year 2.", "year 4."]
    assert [p.message.split(";")[0] for p in problems if "again" in p.message] == [
        "2 annotations appear again (a second import?), the first 'Salt decided the …' "
        "(first at line 3)"]



def test_a_highlight_mark_around_the_whole_text_is_the_templates_and_goes() -> None:
    link = "[Page {0}](zotero://open-pdf/library/items/AAAA1111?page={0}&annotation=BBBB000{0})"
    note = parse_note(
        f"## highlights\n\n\"==Peat stores a third of soil carbon.==\u201d{link.format(3)}\n\n"
        f"\"Peat stores ==a third== of soil ==carbon==.\u201d{link.format(4)}\n", Path("x.md"))
    annotations, _ = read_annotations(note, Config())
    assert [a.raw_text for a in annotations] == [
        "Peat stores a third of soil carbon.", "Peat stores ==a third== of soil ==carbon==."]
