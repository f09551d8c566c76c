"""Reading every common shape of Zotero annotation notes: fixtures, layouts and real notes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from anki_export.errors import ExportError
from anki_export.ids import annotation_identity
from anki_export.read.annotation import Annotation
from anki_export.read.annotations import read_annotations
from anki_export.read.config_file import load_config
from anki_export.read.discover import read_note
from anki_export.read.notes import SourceNote, parse_note
from anki_export.read.shapes import SHAPES, parse_shapes
from anki_export.read.shapes.meaning import find_legend, heading_meaning
from tests.conftest import EXAMPLE, FIXTURES, SHARED
from tests.read.test_annotations import _as_json

SHAPE_NOTES = sorted((FIXTURES / "shapes").glob("*.md"))
REAL_NOTES = SHARED / "real-notes" if (SHARED / "real-notes").is_dir() else None
LINK = "zotero://open-pdf/library/items/ATTACH01?page={page}&annotation={key}"


def _shape(name: str) -> list[Annotation]:
    return parse_shapes(read_note(FIXTURES / "shapes" / f"{name}.md"))[0]


def _note(text: str) -> SourceNote:
    return parse_note(text, Path("x.md"))


@pytest.mark.parametrize("path", SHAPE_NOTES, ids=lambda p: p.stem)
def test_shape_fixture_yields_its_expected_annotations(  # type: ignore[no-untyped-def]
    path: Path, golden
) -> None:
    annotations, problems = read_annotations(read_note(path), load_config(None))
    golden(path.with_suffix(".annotations.json"), _as_json(annotations, problems, path.parent))


@pytest.mark.parametrize("path", [*SHAPE_NOTES, EXAMPLE], ids=lambda p: p.stem)
def test_no_annotation_is_reported_twice(path: Path) -> None:
    annotations = parse_shapes(read_note(path))[0]
    lines = [a.line for a in annotations]
    assert lines == sorted(set(lines))
    keys = [(a.attachment_key, a.annotation_key) for a in annotations if a.annotation_key]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("path", SHAPE_NOTES, ids=lambda p: p.stem)
def test_every_fixture_annotation_has_text_or_image_and_some_have_comments(path: Path) -> None:
    annotations = parse_shapes(read_note(path))[0]
    assert 3 <= len(annotations) <= 6
    assert all(a.raw_text or a.image for a in annotations)
    assert all(a.text == a.raw_text for a in annotations)
    assert any(a.comment for a in annotations)


# Colour-name callouts ------------------------------------------------------------------------


def test_colour_name_callout_reads_colour_link_and_bold_bullet_comment() -> None:
    first = _shape("colour-name-callout-grouped-headings")[0]
    assert (first.colour, first.page_label, first.annotation_key) == ("green", "21", "OXYG0001")
    assert first.comment == "C'est exactement l'argument de Condillac sur la langue bien faite."


def test_br_in_a_comment_is_a_newline_and_its_next_line_lost_its_quote_prefix() -> None:
    second = _shape("colour-name-callout-grouped-headings")[1]
    assert second.comment == (
        "Lavoisier, A. (1787) Méthode de nomenclature chimique. Paris, Cuchet.\n"
        "Guyton de Morveau, L.-B. (1782) Mémoire sur les dénominations chimiques."
    )


def test_image_annotation_keeps_its_path_and_comment_with_no_text() -> None:
    image = _shape("colour-name-callout-grouped-headings")[2]
    assert image.raw_text == ""
    assert image.image == (
        "Media/zotero_images/bensaudeRevolutionChimique1993/"
        "bensaudeRevolutionChimique1993-2-x298-y493.png"
    )
    assert image.comment is not None and image.comment.startswith("Tableau des substances")


def test_group_headings_give_label_and_a_colour_the_callout_lacks() -> None:
    annotations = _shape("colour-name-callout-grouped-headings")
    assert [a.label for a in annotations] == [
        "Point remarquable",
        "À retenir / bonne référence",
        "À retenir / bonne référence",
        "Définition",
        "Point critique pour mon mémoire",
    ]
    assert annotations[3].colour == "purple"  # from the 🟣 heading: the callout has none


def test_a_word_in_the_callout_title_other_than_the_type_is_its_label() -> None:
    text = f"> [!quote|red]+ Important ([page. 3]({LINK.format(page=3, key='AAAA0001')}))\n> t\n"
    assert [a.label for a in parse_shapes(_note(text))[0]] == ["Important"]


def test_primary_reader_does_not_repeat_colour_name_callouts() -> None:
    note = read_note(FIXTURES / "shapes" / "colour-name-callout-grouped-headings.md")
    primary = parse_shapes(note, shape="callout")[0]
    assert primary  # the primary reader alone misreads these callouts...
    assert len(parse_shapes(note)[0]) == 5  # ...but the specific reader wins their lines


# Malformed callouts: colour outside the brackets ------------------------------------------------


def test_colour_outside_the_brackets_is_read_with_its_alpha() -> None:
    annotations = [a for a in _shape("malformed-callout-colour-outside") if a.raw_text]
    assert [a.colour for a in annotations] == ["yellow", "green", "red"]


def test_note_comment_runs_on_over_lines_without_quote_prefix_and_blank_lines() -> None:
    first = _shape("malformed-callout-colour-outside")[1]
    assert first.comment == (
        "1. I/Q를 복소수 하나로 다루면 위상 관계가 구조적으로 보존됨.\n"
        "실수 네트워크는 이 관계를 데이터에서 배워야 함\n\n"
        "2. 파라미터 수도 절반 가까이 줄어듦."
    )


def test_bare_zotero_images_are_image_annotations_with_their_comment() -> None:
    images = [a for a in _shape("malformed-callout-colour-outside") if a.image]
    assert [a.image for a in images] == [
        "AMR_Papers/images/image-2-x64-y512.png",
        "AMR_Papers/images/image-8-x310-y62.png",
    ]
    assert [a.comment for a in images] == [None, "혼동 행렬: 16QAM과 64QAM이 서로 가장 많이 혼동됨"]


def test_images_without_link_take_the_page_in_their_name_so_identities_differ() -> None:
    images = [a for a in _shape("malformed-callout-colour-outside") if a.image]
    assert [a.page_index for a in images] == [2, 8]
    assert annotation_identity(images[0]) != annotation_identity(images[1])


def test_one_heading_over_all_annotations_is_a_section_title_not_a_label() -> None:
    assert {a.label for a in _shape("malformed-callout-colour-outside")} == {None}


@pytest.mark.parametrize(
    ("title", "meaning"),
    [
        ("💙 To keep in mind", ("To keep in mind", "blue")),
        ("🗝️ Key point", ("Key point", None)),
        ("Yellow: Claim", ("Claim", "yellow")),
        ("Gelb – These", ("These", "yellow")),
        ("Green energy transition", ("Green energy transition", None)),
        ("PDF Annotations", (None, None)),
        ("Imported on 2024-01-02 10:00", (None, None)),
    ],
)
def test_a_group_heading_gives_label_and_colour(
    title: str, meaning: tuple[str | None, str | None]
) -> None:
    assert heading_meaning(title) == meaning


def test_a_legend_needs_several_coloured_lines_in_a_row() -> None:
    lines = ["Intro", "- 🟡 Important", "- 🔴 Weaknesses and caveats", "- Blue: Questions", ""]
    assert find_legend(lines) == {
        "yellow": "Important",
        "red": "Weaknesses and caveats",
        "blue": "Questions",
    }
    assert find_legend(["Red: a lone line is prose", "", "text"]) == {}


def test_in_a_legend_table_the_cell_beside_the_coloured_name_is_the_label() -> None:
    rows = ['| <mark class="hltr-gray">Colour</mark> | Meaning |', "| --- | --- |",
            '| <mark class="hltr-red">Red</mark>              | Method caveats       |',
            '| <mark class="hltr-blue">Blue</mark>            | Open questions       |']
    assert find_legend(rows) == {"red": "Method caveats", "blue": "Open questions"}


def test_quotes_a_template_escaped_with_a_backslash_read_as_quotes() -> None:
    text = ('- <mark class="hltr-red">The \\"commons\\" is a regime of rules.</mark> '
            f"[Page 2]({LINK.format(page=1, key='KEY00001')})\n"
            '  - Ostrom\\\'s \\"design principles\\", again.\n')
    (annotation,) = parse_shapes(_note(text))[0]
    assert annotation.raw_text == 'The "commons" is a regime of rules.'
    assert annotation.comment == "Ostrom's \"design principles\", again."


# <mark> spans -----------------------------------------------------------------------------------


def test_bullet_marks_take_text_from_the_quotes_and_comments_from_tab_nested_bullets() -> None:
    annotations = _shape("mark-style-bullets-tab-comments")
    assert annotations[0].raw_text == (
        "keystone species exert an influence on their community disproportionate to their abundance"
    )
    assert annotations[0].label is None  # "Highlight" in the mark is the type, not a label
    assert annotations[0].comment == "Paine's sea star is the classic case"
    # The wrapped comment line lost its tabs and is still part of the comment.
    assert annotations[1].comment == (
        "top-down control, the reverse of bottom-up limitation by nutri-\nents"
    )
    assert [a.colour for a in annotations] == [
        "yellow", "yellow", "green", "purple", None, "yellow"]  # fmt: skip


def test_image_between_bullets_is_its_own_annotation_with_the_nested_comment() -> None:
    image = _shape("mark-style-bullets-tab-comments")[4]
    assert (image.raw_text, image.link, image.comment) == (
        "", None, "Willow height before and after 1995")  # fmt: skip


def test_highlightr_class_gives_the_colour_and_a_line_repeating_the_link_the_comment() -> None:
    annotations = _shape("highlightr-mark-class")
    assert [a.colour for a in annotations] == ["yellow", "red", "green", None, "blue"]
    assert annotations[0].raw_text.startswith("Es ist überall nichts in der Welt")
    assert annotations[0].comment == "Berühmter erster Satz; vgl. Aristoteles' Glücksgüter."
    assert annotations[2].comment is None


def test_a_colour_legend_in_the_note_labels_coloured_annotations() -> None:
    labels = [a.label for a in _shape("highlightr-mark-class")]
    assert labels == ["These", "Einwand", "Beleg", None, None]


def test_a_colour_legend_colours_annotations_whose_group_heading_names_a_label() -> None:
    callout = "> [!quote]+ Highlight ([page. 2]({link}))\n> text {n}\n"
    text = (
        "- 🟡 Important\n- 🔴 Disagree\n\n"
        f"#### Important\n\n{callout.format(link=LINK.format(page=2, key='LGND0001'), n=1)}\n"
        f"#### Disagree\n\n{callout.format(link=LINK.format(page=3, key='LGND0002'), n=2)}"
    )
    annotations = parse_shapes(_note(text))[0]
    assert [(a.label, a.colour) for a in annotations] == [
        ("Important", "yellow"),
        ("Disagree", "red"),
    ]


@pytest.mark.parametrize(
    ("style", "colour"),
    [
        ('style="background: #5fb236"', "green"),
        ('style="background-color: #FFD40080"', "yellow"),
        ('style="background-color: rgb(255, 102, 102)"', "red"),
        ('class="hltr-purple"', "purple"),
        ('class="customZot-Blue "', "blue"),
        ('style="background-color: #00ffcc"', "blue"),  # off the palette: the nearest entry
    ],
)
def test_mark_colour_comes_from_its_style_or_class(style: str, colour: str) -> None:
    text = f"<mark {style}>water boils</mark> [(p. 2)]({LINK.format(page=2, key='AAAA0001')})\n"
    assert [a.colour for a in parse_shapes(_note(text))[0]] == [colour]


# Type callouts ----------------------------------------------------------------------------------


def test_type_callouts_take_the_comment_after_the_callout() -> None:
    annotations = _shape("type-callouts-highlight-image-note")
    assert annotations[0].raw_text == (
        "QUIC implements TCP-like properties at the application layer atop a UDP transport"
    )
    assert annotations[0].comment is not None and annotations[0].comment.startswith("🔤QUIC")
    assert annotations[1].comment is None
    assert (
        annotations[4].comment
        == "並べ替えに弱いのは NACK の閾値が固定だから。\n論文の 5.3 節も参照。"
    )


def test_image_and_note_type_callouts() -> None:
    image, note = _shape("type-callouts-highlight-image-note")[2:4]
    assert image.image == "Attachments/zotero/kakhkiTakingLongLook2017-4-x72-y582.png"
    assert (image.raw_text, image.annotation_key) == ("", "FIGR0003")
    assert (note.raw_text, note.colour) == (
        "Check whether the results still hold with BBR instead of Cubic", "red")  # fmt: skip


def test_type_callout_comment_inside_the_callout_may_lose_its_quote_prefix() -> None:
    link = LINK.format(page=6, key="YOLO0002")
    mark = '<mark class="customZot-Yellow ">'
    text = (
        f"> [!Highlight]\n> {mark}boxes both models predict get a boost.</mark> ([6]({link}))\n"
        ">  \n> **Comment**:\n> \n> 두 모델이 모두 예측한 박스에 가중치 부여\n"
        "YOLO: 빠른 처리 속도\n  \n"
        f"> [!Image]\n> {mark} Image</mark>\n> ![[yolo-6-x10-y20.png]] \n"
    )
    annotations, _ = parse_shapes(_note(text))
    assert [(a.raw_text, a.colour, a.comment, a.image) for a in annotations] == [
        ("boxes both models predict get a boost.", "yellow",
         "두 모델이 모두 예측한 박스에 가중치 부여\nYOLO: 빠른 처리 속도", None),
        ("", "yellow", None, "yolo-6-x10-y20.png"),
    ]  # fmt: skip


def test_type_callout_with_an_empty_line_before_its_mark_is_still_a_type_callout() -> None:
    link = LINK.format(page=2, key="CCCC0001")
    text = f'> [!Highlight]\n>\n> <mark style="background: #ff6666">t </mark> [(p.2)]({link})\n'
    assert [(a.raw_text, a.colour) for a in parse_shapes(_note(text))[0]] == [("t", "red")]


def test_a_type_callout_without_a_link_is_a_callout_of_the_readers() -> None:
    assert parse_shapes(_note("> [!note]\n> <span style=\"color: red\">my own</span>\n")) == (
        [], [])  # fmt: skip


# ZotLit -----------------------------------------------------------------------------------------


def test_zotlit_keys_come_from_the_block_id_and_build_the_link() -> None:
    first = _shape("zotlit-note-callout-block-id")[0]
    assert (first.annotation_key, first.attachment_key, first.page_label, first.page_index) == (
        "LENS0001", "K7ASTR0N", "1", 1)  # fmt: skip
    assert first.link == ("zotero://open-pdf/library/items/K7ASTR0N?page=1&annotation=LENS0001")


def test_zotlit_comment_follows_the_separator_and_may_span_lines() -> None:
    annotations = _shape("zotlit-note-callout-block-id")
    assert annotations[1].comment == (
        "🔤数据与 ΛCDM 一致，S8 的不确定度约 3%。🔤\n"
        "注意：与 Planck 的张力只有 2σ 左右，\n"
        "还不能说是新物理。"
    )
    assert annotations[3].comment is None
    assert (annotations[2].image, annotations[2].raw_text) == ("FIGA0003.png", "")
    assert [a.label for a in annotations] == ["研究问题", "主要结论", "图表", "疑惑点"]


# Zotero 7 notes ---------------------------------------------------------------------------------


def test_zotero_note_comment_is_on_the_same_line_and_page_label_from_the_citation() -> None:
    annotations = _shape("zotero7-add-note-from-annotations")
    assert annotations[0].comment == "The famous r > g; he calls it a contradiction, not a law."
    assert annotations[1].comment is None
    assert (annotations[2].page_label, annotations[2].page_index) == ("271", 287)
    assert annotations[4].comment == "Utopian by his own account;\ncompare Saez & Zucman 2019."
    assert all(a.colour is None for a in annotations)


def test_zotero_note_image_with_links_in_either_order() -> None:
    image = _shape("zotero7-add-note-from-annotations")[3]
    assert (image.image, image.annotation_key, image.page_label) == (
        "Pasted image 20240411093012.png", "FIGU0004", "275")  # fmt: skip


def test_zotero_note_text_is_the_quote_after_a_readers_prefix() -> None:
    pdf = LINK.format(page=4, key="XJVY0001")
    text = (
        "- 3. rasterization “a tile-based rasterizer” ([Kerbl et al., 2023, p. 4]"
        f"(zotero://select/library/items/YUP8JCNQ)) ([pdf]({pdf}))\n"
    )
    assert [a.raw_text for a in parse_shapes(_note(text))[0]] == ["a tile-based rasterizer"]


# ZotFile ----------------------------------------------------------------------------------------


def test_zotfile_page_label_is_the_printed_page_and_there_is_no_key() -> None:
    annotations = _shape("zotfile-extracted-annotations")
    assert [(a.page_label, a.page_index) for a in annotations] == [
        ("112", 4), ("115", 7), ("118", 10), ("119", 11)]  # fmt: skip
    assert all(a.annotation_key is None and a.attachment_key == "LENI5Q8R" for a in annotations)


def test_zotfile_note_paragraph_after_a_highlight_is_its_comment() -> None:
    annotations = _shape("zotfile-extracted-annotations")
    assert annotations[0].comment == (
        "Igual que en el andaluz occidental: ¿origen común o desarrollo paralelo?"
    )
    assert annotations[1].comment is None
    assert annotations[2].comment == (
        "Contradice a la tabla 2 de la página anterior.\n"
        "Revisar el número de hablantes por grupo de edad."
    )


def test_zotfile_note_with_no_highlight_before_it_is_skipped_with_a_warning() -> None:
    text = "_lonely ([note on p.3](zotero://open-pdf/library/items/ATTACH01?page=3))_\n"
    annotations, problems = parse_shapes(_note(text))
    assert annotations == []
    assert [(p.line, "no highlight" in p.message) for p in problems] == [(1, True)]


def test_zotfile_lines_may_end_with_a_block_id() -> None:
    link = "zotero://open-pdf/library/items/XCG3LJZV?page=1"
    text = (
        f'"a highlight" ([Li et al 2020:414]({link})) ^b7d2e1\n\n'
        f"_Why? ([note on p.414]({link}))_ ^a1\n"
    )
    annotations = parse_shapes(_note(text))[0]
    assert [(a.raw_text, a.page_label, a.comment) for a in annotations] == [
        ("a highlight", "414", "Why?")
    ]


def test_keyless_annotations_are_reported_once_per_note() -> None:
    _, problems = read_annotations(
        read_note(FIXTURES / "shapes" / "zotfile-extracted-annotations.md"), load_config(None)
    )
    keyless = [p for p in problems if "no Zotero annotation key" in p.message]
    assert [(p.line, p.message.split()[0]) for p in keyless] == [(23, "4")]


# Other PDF readers ------------------------------------------------------------------------------


def test_file_links_give_the_page_from_their_fragment_and_off_palette_colours_map() -> None:
    annotations = _shape("other-reader-file-links-off-palette")
    assert [(a.page_label, a.page_index) for a in annotations] == [
        ("3", 3), ("3", 3), ("57", 61), ("138", 142)]  # fmt: skip
    assert [a.colour for a in annotations] == ["orange", "green", "blue", "purple"]
    assert all(a.link and a.link.startswith("file:///") for a in annotations)
    assert annotations[3].comment == (
        "Polemica con Rousseau,\nvedi la Lettre sur la musique française."
    )


# Detection and forcing --------------------------------------------------------------------------


def test_shapes_lists_every_reader_name() -> None:
    assert set(SHAPES) >= {"callout", "colour-callout", "mark", "zotlit", "zotero-note", "zotfile"}


def test_forcing_a_shape_runs_only_that_template_reader_and_the_anchored_reader_after_it() -> None:
    note = read_note(FIXTURES / "shapes" / "zotlit-note-callout-block-id.md")
    zotlit = parse_shapes(note, shape="zotlit")[0]
    assert [a.reader for a in zotlit] == ["zotlit"] * 4
    # The zotfile reader finds nothing here; the block ids it left are the anchored reader's.
    anchored = parse_shapes(note, shape="zotfile")[0]
    assert [a.reader for a in anchored] == ["anchored"] * 4
    assert [(a.annotation_key, a.raw_text, a.comment) for a in anchored] == [
        (a.annotation_key, a.raw_text, a.comment) for a in zotlit]
    mixed = _note(
        '"a zotfile highlight" ([Ann :3](zotero://open-pdf/library/items/ATTACH01?page=3))\n\n'
        f"“a zotero highlight” ([Ann, 2020, p. 4](zotero://select/library/items/ITEM0001)) "
        f"([pdf]({LINK.format(page=4, key='BBBB0001')}))\n"
    )
    assert [a.raw_text for a in parse_shapes(mixed)[0]] == [
        "a zotfile highlight", "a zotero highlight"]  # fmt: skip
    assert [(a.raw_text, a.reader) for a in parse_shapes(mixed, shape="zotfile")[0]] == [
        ("a zotfile highlight", "zotfile"), ("a zotero highlight", "anchored")]  # fmt: skip


def test_forcing_an_unknown_shape_is_an_error() -> None:
    with pytest.raises(ExportError, match="unknown note shape 'roam'"):
        parse_shapes(_note("text\n"), shape="roam")


def test_a_note_of_unknown_shape_has_no_annotations_and_no_error() -> None:
    note = _note("# Reading list\n\n- Kuhn\n\n> a quote of my own\n\n<mark>no link</mark>\n")
    assert parse_shapes(note) == ([], [])


# Real notes from public vaults ------------------------------------------------------------------


def _expected_count(text: str) -> int:
    """Annotations counted without the readers: keyed PDF links, ZotLit block ids, bare images."""
    keys = set(re.findall(r"\]\(zotero://open-pdf/[^)\s]*annotation=([A-Z0-9]{8})", text))
    block_ids = re.findall(r"\^[A-Z0-9]{8}a[A-Z0-9]{8}p\d+\s*$", text, re.M)
    images = re.findall(r"^!\[\[[^\]]*-\d+-x\d+-y\d+\.png\]\]\s*$", text, re.M)
    return len(keys) + len(block_ids) + len(images)


@pytest.mark.skipif(REAL_NOTES is None, reason="shared/real-notes is not next to the project")
@pytest.mark.parametrize(
    "name",
    [
        "en-genenet-quote-colorname-grouped-headings-comments-images.md",
        "zh-zotlit-note-callout-blockid-translated-comments.md",
        "en-zotero7-native-add-note-citation-links-no-frontmatter.md",
        "en-bullet-list-mark-style-tab-nested-comments-math-unicode-images.md",
    ],
)
def test_every_annotation_of_a_real_note_is_found(name: str) -> None:
    assert REAL_NOTES is not None
    note = read_note(REAL_NOTES / name)
    annotations, _ = parse_shapes(note)
    expected = _expected_count(note.text)
    assert expected > 0
    assert len(annotations) == expected
    assert all(a.raw_text.strip() or a.image for a in annotations)
    assert len({a.line for a in annotations}) == len(annotations)


# Any text ---------------------------------------------------------------------------------------

_FRAGMENTS = sorted(
    {line for path in SHAPE_NOTES for line in path.read_text(encoding="utf-8").split("\n")}
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS) | st.text(max_size=30), max_size=30))
def test_any_mix_of_shape_lines_is_read_without_error_and_in_order(lines: list[str]) -> None:
    note = _note("\n".join(lines))
    annotations = parse_shapes(note)[0]
    numbers = [a.line for a in annotations]
    assert numbers == sorted(set(numbers))
    # Counted in the note's text, whose lone CRs are line breaks as in any editor.
    assert all(1 <= n <= note.text.count("\n") + 1 for n in numbers)
    assert all(a.raw_text or a.image for a in annotations)


def test_every_note_a_reader_signature_fits_holds_its_hints() -> None:
    from anki_export.read.shapes import _READERS

    notes = [*SHAPE_NOTES, *sorted((FIXTURES / "notes").glob("*.md")), EXAMPLE]
    notes += sorted(REAL_NOTES.glob("*.md")) if REAL_NOTES else []
    for path in notes:
        text = path.read_text(encoding="utf-8")
        for reader in _READERS:
            if reader.signature.search(text):
                assert all(hint in text for hint in reader.hints), (path.name, reader.name)
