"""Notes without links whose template marks its parts by form: labelled fields in a record,
entries spaced apart with an indented or wikilink comment. The reader's own words stay out."""

from __future__ import annotations

from pathlib import Path

from anki_export.read.annotation import Annotation
from anki_export.read.notes import parse_note
from anki_export.read.shapes import parse_shapes

HEAD = "---\ntitle: Sleep and memory\n---\n"


def _read(body: str) -> list[Annotation]:
    return parse_shapes(parse_note(HEAD + body, Path("n.md")))[0]


def test_a_record_of_labelled_fields_gives_text_page_and_comment() -> None:
    body = (
        "## Notes\n\n"
        "> [!quote] **Page:** 4\n> **Highlight:** Spindles predicted recall.\n"
        "> **Comment:** only in the young group\n\n"
        "> [!quote] **Page:** 9\n> **Highlight:** Naps helped less.\n"
    )
    assert [(a.raw_text, a.page_label, a.comment) for a in _read(body)] == [
        ("Spindles predicted recall.", "4", "only in the young group"),
        ("Naps helped less.", "9", None),
    ]


def test_one_labelled_paragraph_of_the_readers_own_outside_annotations_is_none() -> None:
    body = "## Thoughts\n\nQuote: sleep is the price we pay for plasticity.\n\nMore later.\n"
    assert _read(body) == []


def test_a_spaced_list_without_marked_comments_is_the_readers_own() -> None:
    body = (
        "## Highlights\n\n- my first idea about spindles\n\n- a second idea\n\n"
        "- a third idea\n"
    )
    assert _read(body) == []


def test_one_wikilink_paragraph_is_no_template_shape() -> None:
    body = "## Annotations\n\nI should reread chapter two.\n\n[[Sleep]]\n\nAnd compare.\n"
    assert _read(body) == []


def test_a_note_with_an_anchor_is_left_to_the_anchored_reader() -> None:
    link = "([p. 3](zotero://open-pdf/library/items/ABCD1234?page=3&annotation=EFGH5678))"
    body = (
        "## Annotations\n\n- Spindles predicted recall.\n\n  so what\n\n"
        f"- Naps helped less. {link}\n\n  why\n"
    )
    assert all(a.reader != "spaced" for a in _read(body))


def test_a_type_label_and_a_bar_open_the_text_and_a_glued_nested_quote_its_comment() -> None:
    body = (
        "## Reading notes\n\n%% begin annotations %%\n\n### Method\n"
        "**_Highlight_** | Spindles predicted recall.\n\n"
        "**_Highlight_** | Naps helped<br />\nless than sleep. > >> only in the young<br />\n"
        "group\n\n**_Note_** > >> a sticky note, no text\n\n%% end annotations %%\n"
    )
    assert [(a.raw_text, a.comment) for a in _read(body)] == [
        ("Spindles predicted recall.", None),
        ("Naps helped less than sleep.", "only in the young\ngroup"),
    ]


def test_a_record_imported_again_is_read_once_with_a_warning() -> None:
    record = "**_Highlight_** | Naps helped less. > >> why\n\n"
    note = parse_note(HEAD + "## Annotations\n\n" + record + "**_Highlight_** | Spindles.\n\n"
                      + "> Imported on 2026-01-02\n\n" + record, Path("n.md"))
    found, problems = parse_shapes(note)
    assert [a.raw_text for a in found] == ["Naps helped less.", "Spindles."]
    assert [p.message[:22] for p in problems if "repeat" in p.message] == [
        "1 record(s) repeat one"]


def test_a_quote_right_under_a_record_is_its_comment_unless_it_is_the_next_record() -> None:
    body = ("## Annotations\n\n**_Highlight_** | Spindles predicted recall.\n>> only the young\n"
            "> \n\n**Highlight:** Naps helped less.\n> **Highlight:** Sleep was shorter.\n")
    assert [(a.raw_text, a.comment) for a in _read(body)] == [
        ("Spindles predicted recall.", "only the young"), ("Naps helped less.", None),
        ("Sleep was shorter.", None)]


def test_a_table_without_outer_bars_is_no_record() -> None:
    assert _read("## Annotations\n\nQuote | Page\n--- | ---\nNaps helped less. | 4\n") == []
