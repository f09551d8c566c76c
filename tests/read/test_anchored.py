"""The anchored reader: every anchor no template reader took becomes an annotation, found by
proximity; what it cannot read is warned about; identities stay those of the template readers."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from anki_export.config import Config
from anki_export.ids import annotation_identity
from anki_export.read.annotation import Annotation
from anki_export.read.annotations import read_annotations, read_note_annotations
from anki_export.read.config_file import load_config
from anki_export.read.discover import read_note
from anki_export.read.notes import parse_note
from anki_export.read.shapes import parse_shapes, read_shapes
from tests.conftest import EXAMPLE, FIXTURES, SHARED
from tests.read.test_annotations import _as_json

ANCHORED = sorted((FIXTURES / "anchored").glob("*.md"))
REAL_NOTES = SHARED / "real-notes" if (SHARED / "real-notes").is_dir() else None
LINK = "zotero://open-pdf/library/items/ATTACH01?page={page}&annotation={key}"


def _read(text: str) -> list[Annotation]:
    return parse_shapes(parse_note(text, Path("x.md")))[0]


def _one(text: str) -> Annotation:
    (annotation,) = _read(text)
    return annotation


@pytest.mark.parametrize("path", ANCHORED, ids=lambda p: p.stem)
def test_anchored_fixture_yields_its_expected_annotations(  # type: ignore[no-untyped-def]
    path: Path, golden
) -> None:
    annotations, problems = read_annotations(read_note(path), load_config(None))
    golden(path.with_suffix(".annotations.json"), _as_json(annotations, problems, path.parent))


def test_every_annotation_of_an_anchored_fixture_is_the_anchored_readers() -> None:
    for path in ANCHORED:
        annotations = parse_shapes(read_note(path))[0]
        assert all(a.reader == "anchored" for a in annotations), path.name


# Identity --------------------------------------------------------------------------------------


def test_an_annotation_found_by_its_key_gets_the_identity_a_template_reader_gives_it() -> None:
    link = LINK.format(page=3, key="KEY00001")
    callout = _one(f">[!quote|#ffd400] Claim\n>\nnormal science does not aim at novelty "
                   f"[(p. 3)]({link})\n")
    anchored = _one(f"[Go to annotation]({link}) “normal science does not aim at novelty” "
                    "([Kuhn, 1962, p. 3](zotero://select/library/items/ITEM0001))\n")
    assert (callout.reader, anchored.reader) == ("callout", "anchored")
    assert annotation_identity(callout) == annotation_identity(anchored) == "ATTACH01/KEY00001"


def test_an_anchored_annotation_without_a_key_falls_back_to_pdf_page_and_text() -> None:
    annotation = _one("Defaults are powerful.\n[page 8](file:///home/ana/Nudge.pdf#page=8)\n")
    assert annotation.annotation_key is None
    assert annotation_identity(annotation).startswith("/p8/t")


def test_a_page_that_is_no_number_is_the_one_the_link_text_or_citation_shows_else_warned() -> None:
    link = "zotero://open-pdf/library/items/ATTACH01?page=xii&annotation=KEY00001"
    cited = _one(f"[Go to annotation]({link}) “Cells divide.” ([A, 2020, p. xii](zotero://select/"
                 "library/items/ITEM0001))\n")
    assert (cited.page_label, cited.page_index) == ("xii", None)
    reading = read_note_annotations(parse_note(f"[Go to annotation]({link}) “Cells divide.”\n",
                                               Path("x.md")), Config())
    assert reading.annotations[0].page_label is None
    assert [p.message for p in reading.problems] == [
        "the link's page 'xii' is not a page number and its text shows no page; the card shows "
        "none"]


# Text by proximity -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "text", "comment"),
    [
        # quoted after the link, comment after the citation (Zotero 6's note)
        ('[Go to annotation]({link}) “Cells divide.” ([A, 2020, p. 3](zotero://select/library/'
         "items/ITEM0001)) my comment", "Cells divide.", "my comment"),
        # quoted before the link, a label between
        ('- "Cells divide." | <mark style="background: #ffd400">Highlight</mark> ([3]({link}))',
         "Cells divide.", None),
        # the rest of the line before the link, the comment after it
        ("Cells divide by mitosis. [p. 3]({link}) %%my comment%%", "Cells divide by mitosis.",
         "my comment"),
        # the rest of the line after the link, up to the citation
        ("> [Go to annotation]({link}) cells divide ([A, 2020, p. 3](zotero://select/library/"
         "items/ITEM0001)) see chapter 4", "cells divide", "see chapter 4"),
        # the link's own text, when it is the highlight
        ("- [Cells divide by mitosis.]({link})", "Cells divide by mitosis.", None),
        # a one-line callout, its header before the text
        ("> [!quote] Cells divide. [p. 3]({link})", "Cells divide.", None),
        # a template's type label in front, tags after
        ("**Highlight** (p. 3): Cells divide. #bio #exam [open]({link})", "Cells divide.", None),
    ],
)
def test_text_on_the_anchor_line_is_found_quoted_marked_or_as_the_rest_of_the_line(
    line: str, text: str, comment: str | None
) -> None:
    annotation = _one(line.format(link=LINK.format(page=3, key="KEY00001")) + "\n")
    assert (annotation.raw_text, annotation.comment) == (text, comment)


def test_a_line_with_only_a_label_and_the_link_takes_the_paragraph_before_it() -> None:
    link = LINK.format(page=1, key="KEY00001")
    annotation = _one(f"# Notes\n\nMy own summary.\n\n## Highlights\n\nCells divide.\n\n"
                      f"They do so by mitosis.\n\tOrange Highlight [Page 1]({link})\n")
    assert annotation.raw_text == "Cells divide. They do so by mitosis."
    assert (annotation.line, annotation.colour) == (7, "orange")


def test_paragraphs_before_a_link_stop_at_the_previous_annotation() -> None:
    first, second = (LINK.format(page=p, key=f"KEY0000{p}") for p in (1, 2))
    annotations = _read(f"One.\n[p. 1]({first})\n\nTwo.\n\nThree.\n[p. 2]({second})\n")
    assert [(a.line, a.raw_text) for a in annotations] == [(1, "One."), (4, "Two. Three.")]


def test_a_quote_the_link_opens_is_the_text_and_a_rule_in_it_starts_the_comment() -> None:
    annotation = _one("> [!PDF|purple] [[paper.pdf#page=4&selection=1,0,2,9|paper, p.4]]\n"
                      "> Attention is computed in parallel.\n> \n> ---\n> faster than RNNs\n")
    assert (annotation.raw_text, annotation.comment) == (
        "Attention is computed in parallel.", "faster than RNNs")
    assert (annotation.colour, annotation.page_index) == ("purple", 4)


def test_in_the_quote_a_link_opens_the_line_after_a_quoted_passage_is_its_comment() -> None:
    annotation = _one("> ([[paper.pdf#page=4&selection=1,0,2,9|paper, p.4]])\n"
                      "> *\" Attention is computed in parallel. \"*\n> faster than RNNs\n")
    assert (annotation.raw_text, annotation.comment) == (
        "Attention is computed in parallel.", "faster than RNNs")


def test_a_bold_label_in_front_of_the_text_is_its_label() -> None:
    annotation = _one(f"**Claim** (p. 3): Cells divide. [open]({LINK.format(page=3, key='K1')})\n")
    assert (annotation.raw_text, annotation.label) == ("Cells divide.", "Claim")


def test_a_link_after_an_image_makes_an_image_annotation() -> None:
    link = LINK.format(page=2, key="IMG00001")
    annotation = _one(f"![](images/fig2.png)\n[Go to annotation]({link})"
                      " ([A, 2020, p. 2](zotero://select/library/items/ITEM0001)) Figure 2\n")
    assert (annotation.image, annotation.raw_text, annotation.comment) == (
        "images/fig2.png", "", "Figure 2")


# Comments --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("below", "comment"),
    [
        ("Comment: one of mine", "one of mine"),
        ("**Note:** one of mine", "one of mine"),
        ("**one of mine**", "one of mine"),
        ("\t- one of mine\n\t- and another", "one of mine\nand another"),
        ("> one of mine", "one of mine"),
        ("\n%%one of mine\nover two lines%%", "one of mine\nover two lines"),
        ("\none of mine, after a blank line and not marked as a comment", None),
    ],
)
def test_the_lines_below_are_the_comment_when_marked_as_one(
    below: str, comment: str | None
) -> None:
    annotations = _read(f"- Cells divide. [p. 3]({LINK.format(page=3, key='KEY00001')})\n{below}\n")
    assert annotations[0].comment == comment


def test_an_unmarked_line_below_is_the_comment_when_no_next_link_needs_it_as_its_text() -> None:
    first, second = LINK.format(page=3, key="KEY00001"), LINK.format(page=4, key="KEY00002")
    own_text = _read(f'"Cells divide." [p. 3]({first})\nmy comment\n\n'
                     f'"Cells die." [p. 4]({second})\n')
    text_above = _read(f'"Cells divide." [p. 3]({first})\nCells die.\n[p. 4]({second})\n')
    assert [(a.raw_text, a.comment) for a in own_text] == [
        ("Cells divide.", "my comment"), ("Cells die.", None)]
    assert [(a.raw_text, a.comment) for a in text_above] == [
        ("Cells divide.", None), ("Cells die.", None)]


def test_the_same_annotation_linked_again_brings_its_comment() -> None:
    link = LINK.format(page=5, key="KEY00001")
    annotation = _one(f"Cells divide.\n[Page 5]({link})\n\nCheck the figure.\n[Page 5]({link})\n")
    assert (annotation.raw_text, annotation.comment) == ("Cells divide.", "Check the figure.")


# Colour ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("note", "colour"),
    [
        ("> [!quote|#ff6666] Claim\n> Cells divide.\n> [p. 3]({link})\n", "red"),
        ("Cells divide.\nGreen Highlight [Page 3]({link})\n", "green"),
        ('<mark style="background-color: #5fb23680">Cells divide.</mark>\n[p. 3]({link})\n',
         "green"),
        ("Cells divide.\n[[x.pdf#page=3&selection=1,2,3,4&color=blue|x, p.3]]\n", "blue"),
        ("#### 🟡 Claims\nCells live.\n[p. 2]({link2})\n#### 🔴 Important\nCells divide.\n"
         "[p. 3]({link})\n", "red"),
    ],
)
def test_colour_comes_from_wherever_the_note_gives_one(note: str, colour: str | None) -> None:
    links = {"link": LINK.format(page=3, key="KEY00001"), "link2": LINK.format(page=2, key="K2")}
    annotations = _read(note.format(**links))
    assert annotations[-1].colour == colour


def test_a_colour_legend_gives_an_anchored_annotation_its_label() -> None:
    link = LINK.format(page=1, key="KEY00001")
    annotation = _one(
        f"- 🟠 Key idea\n- 🔵 Method\n\nCells divide.\nOrange Highlight [Page 1]({link})\n")
    assert (annotation.colour, annotation.label) == ("orange", "Key idea")


# What stays out, and what is left unread -------------------------------------------------------


def test_a_table_row_gives_the_text_and_comment_from_the_cells_beside_the_link() -> None:
    link = LINK.format(page=12, key="KEY00001")
    annotation = _one(f"| Page | Highlight | Comment |\n|---|---|---|\n"
                      f"| [12]({link}) | Peer production is a new mode. | key term |\n")
    assert (annotation.raw_text, annotation.comment, annotation.page_label) == (
        "Peer production is a new mode.", "key term", "12")


def test_a_page_link_inside_a_sentence_of_the_note_is_a_reference_not_an_annotation() -> None:
    link = "zotero://open-pdf/library/items/RAWL0001?page={}"
    prose = (f"The original position comes early ([p. 11]({link.format(11)})) and returns later.\n"
             f"It is stated on [p. 266]({link.format(266)}), and I disagree.\n")
    highlight = f"Cells divide. [p. 3]({LINK.format(page=3, key='KEY00001')})\n"
    reading = read_note_annotations(parse_note(prose + highlight, Path("x.md")), Config())
    assert [a.raw_text for a in reading.annotations] == ["Cells divide."]
    assert [a.line for a in reading.references] == [1, 2]
    assert (reading.unread, [p.message for p in reading.problems]) == ([], [])
    # A note holding nothing else is not silently "without annotations".
    alone = read_note_annotations(parse_note(prose, Path("x.md")), Config())
    assert alone.annotations == [] and len(alone.unread) == 2
    assert alone.problems[0].message.startswith("2 annotation links were not read")


def test_a_heading_that_only_names_a_page_keeps_the_group_above_it() -> None:
    links = [LINK.format(page=p, key=f"KEY0000{p}") for p in (1, 2)]
    annotations = _read(
        f"## 🟡 Key ideas\n### Page 1\nCells divide.\n[Open]({links[0]})\n"
        f"## 🔴 Disagree\n### Page 2\nCells never die.\n[Open]({links[1]})\n"
        "> My comment: they do\n")
    assert [(a.label, a.colour, a.comment) for a in annotations] == [
        ("Key ideas", "yellow", None), ("Disagree", "red", "they do")]


def test_the_template_readers_keep_what_they_read_and_the_anchored_reader_takes_the_rest() -> None:
    callout, extra = LINK.format(page=2, key="CALL0001"), LINK.format(page=3, key="REST0001")
    annotations = _read(
        f">[!quote|#ffd400] Claim\n>\nCells divide [(p. 2)]({callout})\n%%a comment%%\n\n"
        f"## Later\n\n[Go to annotation]({extra}) “Cells die.” "
        "([A, 2020, p. 3](zotero://select/library/items/ITEM0001))\n"
    )
    assert [(a.reader, a.raw_text, a.comment) for a in annotations] == [
        ("callout", "Cells divide", "a comment"), ("anchored", "Cells die.", None)]


def test_a_paragraph_after_a_closed_record_is_the_next_ones_comment_not_after_header_tags() -> None:
    pdf = "([pdf](zotero://open-pdf/library/items/ATTACH01?page={0}&annotation=KEY0000{0}))"
    cite = "([Ortega, 2017, p. {0}](zotero://select/library/items/ITEM0001))"
    first, second = _read(
        f"**Tags:** #trade #ports\n\nMy own summary of the paper.\n\n> “Ports grew.” "
        f"{pdf.format(1)}\n\n{cite.format(1)}\n\nThe reason I kept the next one.\n\n"
        f"> “Costs fell.” {pdf.format(2)}\n\n{cite.format(2)}  \n#trade/costs\n")
    assert (first.comment, second.comment) == (None, "The reason I kept the next one.")


def test_prose_headings_and_the_whole_pdf_link_stay_out() -> None:
    reading = read_shapes(parse_note(
        "# Title\n\n[PDF](zotero://open-pdf/library/items/ATTACH01)\n\n## Summary\n\nMy words.\n",
        Path("x.md")))
    assert (reading.annotations, reading.anchors, reading.unread) == ([], [], [])


def test_anchors_nothing_reads_are_warned_about_once_with_the_first_line_and_the_count() -> None:
    note = parse_note("# A\n[p. 1](zotero://open-pdf/library/items/ATTACH01?page=1&annotation=A"
                      "0000001)\n# B\n[Go to annotation](zotero://open-pdf/library/items/ATTACH01"
                      "?page=2&annotation=B0000001)\n", Path("Papers/my notes.md"))
    reading = read_note_annotations(note, Config())
    assert reading.annotations == [] and len(reading.unread) == 2
    assert [str(p) for p in reading.problems] == [
        "Papers/my notes.md:2: 2 annotation links were not read (first: \"[p. 1](zotero://…)\"); "
        "see anki-export explain 'Papers/my notes.md'"]


@pytest.mark.skipif(REAL_NOTES is None, reason="shared/real-notes is not next to the project")
def test_the_real_notes_and_the_example_leave_no_anchor_unread_nor_to_the_anchored_reader() -> None:
    assert REAL_NOTES is not None
    for path in [EXAMPLE, *sorted(REAL_NOTES.glob("*-*.md"))]:
        reading = read_shapes(read_note(path))
        assert reading.unread == [], path.name
        assert all(a.reader != "anchored" for a in reading.annotations), path.name


_FRAGMENTS = sorted(
    {line for path in ANCHORED for line in path.read_text(encoding="utf-8").split("\n")}
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS) | st.text(max_size=30), max_size=30))
def test_any_mix_of_anchored_lines_is_read_without_error_once_per_line(lines: list[str]) -> None:
    reading = read_shapes(parse_note("\n".join(lines), Path("x.md")))
    numbers = [a.line for a in reading.annotations]
    assert numbers == sorted(set(numbers))
    assert all(a.raw_text or a.image for a in reading.annotations)
    read = len([a for a in reading.annotations if a.reader == "anchored"])
    assert read + len(reading.unread) <= len(reading.anchors)


def test_kindle_location_links_nothing_reads_are_warned_about_like_zotero_ones() -> None:
    note = parse_note("# Highlights\n\n| loc |\n|---|\n"
                      "| [12](kindle://book?action=open&asin=B0KINDLE1&location=12) |\n",
                      Path("book.md"))
    reading = read_note_annotations(note, Config())
    assert reading.annotations == [] and len(reading.unread) == 1
    assert "1 annotation link was not read" in str(reading.problems[-1])
