"""Passages listed with a page reference and no link, read only inside an annotations section."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from anki_export.cli import cli
from anki_export.ids import annotation_identity
from anki_export.read.annotation import Annotation
from anki_export.read.annotations import read_annotations
from anki_export.read.config_file import load_config
from anki_export.read.notes import parse_note
from anki_export.read.shapes import SHAPES, parse_shapes
from tests.conftest import FIXTURES

HEAD = "---\ncitekey: okekeUrbanHeat2018\ntitle: Urban Heat\n---\n"
LIST = (
    "## Highlights\n\n"
    '- "Nights in city centres were up to 7 °C warmer" (p. 30)\n'
    "- Mortality rose by 2.1% per degree of nighttime temperature (p. 31)\n"
    "\t- the night matters, not the day\n"
    "- “The effect was concentrated among people over 75” (pp. 33-34)\n"
)


def _read(body: str) -> tuple[list[Annotation], list[str]]:
    annotations, problems = read_annotations(parse_note(HEAD + body, Path("n.md")),
                                             load_config(None))
    return annotations, [problem.message for problem in problems]


def test_each_listed_passage_is_read_with_its_page_comment_and_no_key() -> None:
    annotations, _ = _read(LIST)
    assert [(a.line, a.raw_text, a.page_label, a.comment) for a in annotations] == [
        (7, "Nights in city centres were up to 7 °C warmer", "30", None),
        (8, "Mortality rose by 2.1% per degree of nighttime temperature", "31",
         "the night matters, not the day"),
        (10, "The effect was concentrated among people over 75", "33-34", None),
    ]
    assert all(a.annotation_key is None and a.colour is None for a in annotations)


def test_a_second_copy_of_the_list_adds_nothing_and_one_warning_counts_it() -> None:
    first, _ = _read(LIST)
    twice, warnings = _read(LIST + "\n" + LIST.replace("## Highlights", "## Highlights (again)"))
    assert [a.line for a in twice] == [a.line for a in first]
    repeats = [w for w in warnings if "repeat" in w]
    assert repeats == ["3 quoted passage(s) repeat ones listed above (the list imported again?); "
                       "only the first copy is read"]


def test_a_passage_keeps_its_identity_when_the_list_moves_in_the_note() -> None:
    before, _ = _read(LIST)
    after, _ = _read("## My summary\n\nA paragraph of my own.\n\n" + LIST)
    assert [a.line for a in after] != [a.line for a in before]
    assert [annotation_identity(a) for a in after] == [annotation_identity(a) for a in before]


def test_the_same_passages_outside_an_annotations_section_are_not_read() -> None:
    assert _read(LIST.replace("## Highlights", "## My reading list"))[0] == []
    assert _read(LIST.replace("## Highlights\n\n", ""))[0] == []


def test_a_heading_of_the_same_level_ends_the_section_and_a_lower_one_does_not() -> None:
    body = LIST + "\n### Chapter 3\n\n- \"Heat alerts cut deaths by a third\" (p. 40)\n"
    assert [a.page_label for a in _read(body)[0]] == ["30", "31", "33-34", "40"]
    body = LIST + "\n## References\n\n- \"Heat alerts cut deaths by a third\" (p. 40)\n"
    assert [a.page_label for a in _read(body)[0]] == ["30", "31", "33-34"]


def test_begin_and_end_markers_make_a_section_and_close_it() -> None:
    body = ('%% begin annotations %%\n> Nights were warmer in the centre (p. 30)\n'
            '%% end annotations %%\n\n> A quotation of my own (p. 5)\n')
    assert [a.raw_text for a in _read(body)[0]] == ["Nights were warmer in the centre"]


def test_a_list_of_reminders_with_one_page_reference_is_not_read() -> None:
    body = ("## Highlights\n\n- reread the fisheries chapter\n- Ostrom disagrees (p. 3)\n"
            "- ask for the data\n")
    assert _read(body)[0] == []


def test_prose_and_an_unquoted_paragraph_with_a_page_are_not_read() -> None:
    body = "## Annotations\n\nI should look at this again (p. 21).\n\nAs they say (p. 4)\n"
    assert _read(body)[0] == []


def test_a_passage_with_a_pdf_link_is_left_to_the_reader_of_its_shape() -> None:
    link = "zotero://open-pdf/library/items/VRG17BRD?page=4"
    body = f'## Highlights\n\n"Song learning closes at 90 days" ([Varga :30]({link}))\n'
    annotations, _ = _read(body)
    assert [(a.raw_text, a.link) for a in annotations] == [
        ("Song learning closes at 90 days", link)]


def test_the_shape_can_be_forced_by_its_name() -> None:
    assert "quoted-list" in SHAPES
    note = parse_note(HEAD + LIST, Path("n.md"))
    assert len(parse_shapes(note, shape="quoted-list")[0]) == 3
    assert parse_shapes(note, shape="callout")[0] == []


def test_cards_of_a_reimported_list_keep_their_guids_and_the_cli_warns(tmp_path: Path) -> None:
    path = tmp_path / "heat.md"
    path.write_text(HEAD + LIST, "utf-8")
    first = _cards(path, tmp_path / "one.sqlite3")
    path.write_text(HEAD + LIST + "\n" + LIST, "utf-8")
    result = CliRunner().invoke(cli, ["cards", str(path), "--format", "json",
                                      "--state", str(tmp_path / "two.sqlite3")])
    assert result.exit_code == 0
    assert {row["guid"] for row in json.loads(result.stdout)} == {row["guid"] for row in first}
    assert first
    assert f"{path}:14: 3 quoted passage(s) repeat ones listed above" in result.stderr


def test_the_fixture_list_is_read_as_its_expectation_says() -> None:
    path = FIXTURES / "formats" / "quoted-list-highlights-section.md"
    annotations, problems = read_annotations(parse_note(path.read_text("utf-8"), path),
                                             load_config(None))
    assert len(annotations) == 5
    assert [p.line for p in problems if "repeat" in p.message] == [36]


def _cards(path: Path, state: Path) -> list[dict[str, object]]:
    result = CliRunner().invoke(cli, ["cards", str(path), "--format", "json", "-q",
                                      "--state", str(state)])
    assert result.exit_code == 0, result.output
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


def test_a_callout_without_a_link_is_left_to_the_callout_reader() -> None:
    body = '## Annotations\n\n>[!quote|#ffd400] Claim\n>\n"Nights were warmer" (p. 30)\n'
    assert [(a.line, a.label) for a in _read(body)[0]] == [(7, "Claim")]


def test_zotero2md_items_with_an_emphasised_page_and_a_trailing_html_comment_are_read() -> None:
    body = ("# Highlights\n\n"
            "- Compulsory voting equalises turnout across income groups. (*Page 206*)"
            "<!--(Highlighted on 2023-01-14T10:02:33Z)-->\n"
            "- the fine for abstention has not been adjusted since 1997 (*Page 209*)"
            "<!--(Highlighted on 2023-01-14T10:09:51Z)-->\n"
            "  - **Comment**: Tiny fine, yet turnout is high.\n"
            "  - [[enforcement]] #law\n")
    (first, second), _ = _read(body)
    assert (first.raw_text, first.page_label, first.comment) == (
        "Compulsory voting equalises turnout across income groups.", "206", None)
    assert (second.raw_text, second.page_label, second.comment) == (
        "the fine for abstention has not been adjusted since 1997", "209",
        "Tiny fine, yet turnout is high.")


def test_a_comment_after_a_break_on_the_passages_line_is_its_comment() -> None:
    body = ("## 📑 Highlights\n\n"
            "- Ignoring a possibly sentient system's interests has an expected moral cost. (p. 2)"
            "<br>💬 The precautionary argument in one line.\n\n"
            "- Behavioural tests for sentience are gameable by any capable mimic. (p. 5)"
            "<br>🔎 Table 2: indicators\n")
    (first, second), _ = _read(body)
    assert (first.raw_text, first.page_label, first.comment) == (
        "Ignoring a possibly sentient system's interests has an expected moral cost.", "2",
        "The precautionary argument in one line.")
    assert (second.raw_text, second.comment) == (
        "Behavioural tests for sentience are gameable by any capable mimic.", None)


def test_a_quoted_passage_then_its_page_without_parenthesis_and_its_quoted_comment() -> None:
    annotations, _ = _read(
        "## Annotations\n\n### Findings\n\n"
        '"Nights in city centres were warmer.", pg. 30\n\n> the night matters\nnot the day\n\n'
        '"Mortality rose with nighttime heat.", pg. 31\n\n### Methods\n\n'
        '"None", pg. 4\n\n> map of the stations\n'
    )
    assert [(a.raw_text, a.page_label, a.comment, bool(a.image)) for a in annotations] == [
        ("Nights in city centres were warmer.", "30", "the night matters not the day", False),
        ("Mortality rose with nighttime heat.", "31", None, False),
        ("", "4", "map of the stations", True),  # the template printed the missing text
    ]


def test_a_dash_may_set_the_page_apart_from_the_quoted_passage() -> None:
    annotations, _ = _read('## Annotations\n\n"Nights were warmer." — p. 30\n\n'
                           '"Mortality rose." - pg. 31\n')
    assert [(a.raw_text, a.page_label) for a in annotations] == [
        ("Nights were warmer.", "30"), ("Mortality rose.", "31")]


def test_quoted_passages_with_a_bare_page_are_read_with_no_blockquote_in_the_note() -> None:
    annotations, _ = _read('## Annotations\n\n"Nights were warmer.", pg. 30\n\n'
                           '"Mortality rose.", pg. 31\n')
    assert [a.raw_text for a in annotations] == ["Nights were warmer.", "Mortality rose."]
