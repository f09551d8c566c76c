"""Comments in anchored layouts: what sits between one annotation's text and the next, once the
template's own lines are set aside, and is marked as the reader's, is the annotation's comment."""

from __future__ import annotations

from pathlib import Path

from anki_export.config import Config
from anki_export.read.annotation import Annotation
from anki_export.read.annotations import read_annotations
from anki_export.read.config_file import load_config
from anki_export.read.notes import parse_note

LINK = "zotero://open-pdf/library/items/FIELD001?page={page}&annotation={key}"


def _read(body: str) -> list[Annotation]:
    note = parse_note("---\ntitle: x\n---\n" + body, Path("note.md"))
    annotations, _ = read_annotations(note, load_config(None))
    return annotations


def test_the_templates_fields_under_a_highlight_are_no_comment_the_labelled_one_is() -> None:
    body = ("---\n\n> Tides move the fresh water lens twice a day.\n"
            f"[Page 2]({LINK.format(page=2, key='TIDE0001')})\n**Colour**: Purple\n\n\n\n"
            "**Comment**: Check against the well logs.\nAnd the rain gauge.\n"
            "**Page**: 2\n**Colour**: Purple\n\n---\n\n> Pumping lowers the lens.\n"
            f"[Page 5]({LINK.format(page=5, key='PUMP0001')})\n**Colour**: Purple\n\n\n---\n")
    first, second = _read(body)
    assert first.raw_text == "Tides move the fresh water lens twice a day."
    assert first.comment == "Check against the well logs.\nAnd the rain gauge."
    assert (second.raw_text, second.comment) == ("Pumping lowers the lens.", None)


def test_a_field_the_template_could_not_fill_is_no_comment_of_an_image() -> None:
    body = ("---\n\n> Salt enters from below.\n"
            f"[Page 2]({LINK.format(page=2, key='SALT0001')})\n**Colour**: Purple\n\n---\n\n"
            "![[zotero/FIELD001/image-3-x10-y20.png]]\n**Page**: {annotation.page}\n\n\n"
            "**Comment**: Cross-section of the wedge.\n**Page**: 3\n\n---\n\n"
            "> The wedge retreats in wet years.\n"
            f"[Page 4]({LINK.format(page=4, key='WEDG0001')})\n")
    texts = [(a.raw_text, a.comment, bool(a.image)) for a in _read(body)]
    assert texts[1] == ("", "Cross-section of the wedge.", True)


def test_a_quote_apart_after_a_callout_is_its_comment_when_the_next_annotation_follows() -> None:
    body = ("%% begin annotations %%\n\n> [!tip]\n> \n> Bells rang the hours before clocks did. - "
            f"[p.3]({LINK.format(page=3, key='BELL0001')})\n\n\n\n> Which bells? Ask the "
            "archivist.\nThe abbey ones, probably.\n\n\n\n> [!note]\n> \n> Sundials failed in "
            f"winter. - [p.4]({LINK.format(page=4, key='SUND0001')})\n\n\n%% end annotations %%\n")
    first, second = _read(body)
    assert first.raw_text == "Bells rang the hours before clocks did."
    assert first.comment == "Which bells? Ask the archivist.\nThe abbey ones, probably."
    assert (second.raw_text, second.comment) == ("Sundials failed in winter.", None)


def test_a_quote_apart_after_an_image_and_its_link_is_the_images_comment() -> None:
    body = ("> [!tip]\n> \n> Bells rang the hours. - "
            f"[p.3]({LINK.format(page=3, key='BELL0001')})\n\n\n"
            "![[zotero/FIELD001/image-5-x1-y2.png]]\n\n"
            f"[p.5]({LINK.format(page=5, key='IMAG0001')})\n\n\n> A map of the bell towers.\n\n\n"
            f"> [!note]\n> \n> Sundials failed. - [p.6]({LINK.format(page=6, key='SUND0001')})\n")
    image = _read(body)[1]
    assert (bool(image.image), image.comment) == (True, "A map of the bell towers.")


def test_a_quote_that_runs_into_the_next_link_is_that_highlights_text_not_a_comment() -> None:
    body = ("> [!tip]\n> \n> Bells rang the hours. - "
            f"[p.3]({LINK.format(page=3, key='BELL0001')})\n\n\n> Sundials failed in winter.\n"
            f"[p.6]({LINK.format(page=6, key='SUND0001')})\n")
    first, second = _read(body)
    assert (first.comment, second.raw_text) == (None, "Sundials failed in winter.")


def test_a_labelled_quote_apart_after_a_colour_callout_is_its_comment_with_its_lazy_line() -> None:
    body = (f"> [!quote|Purple]+ [p. 2]({LINK.format(page=2, key='GRIP0001')})\n"
            "> Suction cups slip on wet leaves.\n\n>\n> **Reader's aside**: Only in the morning?"
            "<br />\nCompare the dew sensor.\n\n\n\n"
            f"> [!quote|Purple]+ [p. 4]({LINK.format(page=4, key='GRIP0002')})\n"
            "> Fingers bruise soft fruit.\n")
    first, second = _read(body)
    assert first.raw_text == "Suction cups slip on wet leaves."
    assert first.comment == "Only in the morning?\nCompare the dew sensor."
    assert (second.raw_text, second.comment) == ("Fingers bruise soft fruit.", None)


def test_a_line_after_a_quoted_line_ending_in_a_break_goes_on_with_the_quote() -> None:
    body = (f"> [!quote|Purple]+ [p. 2]({LINK.format(page=2, key='GRIP0001')})\n"
            "> Compliance is the fingertip's give<br />\nunder a one newton load.\n\n\n"
            f"> [!quote|Purple]+ [p. 4]({LINK.format(page=4, key='GRIP0002')})\n"
            "> Fingers bruise soft fruit.\n")
    first, _ = _read(body)
    assert first.raw_text == "Compliance is the fingertip's give under a one newton load."


def test_a_citekey_after_the_link_is_no_comment() -> None:
    body = (f"- ==Peat holds water.== [p. 4]({LINK.format(page=4, key='PEAT0001')}) "
            "[@virta2024suo]\n")
    [annotation] = _read(body)
    assert (annotation.raw_text, annotation.comment) == ("Peat holds water.", None)


def test_an_embedded_image_link_is_an_image_whose_own_page_link_carries_its_comment() -> None:
    cache = "file:///home/u/Zotero/cache/library/{key}.png"
    body = (f"- ==Peat holds water.== [p. 4]({LINK.format(page=4, key='PEAT0001')})\n- - -\n"
            f"![IMGA0001aFIELD001p6]({cache.format(key='IMGA0001')})Water table, 2015-2022: "
            f"[p. 6]({LINK.format(page=6, key='IMGA0001')})\n- - -\n"
            f"![IMGB0001aFIELD001p8]({cache.format(key='IMGB0001')})- ==Methane rises.== "
            f"[p. 9]({LINK.format(page=9, key='METH0001')})\n")
    read = [(a.raw_text, a.comment, bool(a.image), a.annotation_key) for a in _read(body)]
    assert read == [("Peat holds water.", None, False, "PEAT0001"),
                    ("", "Water table, 2015-2022", True, "IMGA0001"),
                    ("", None, True, "IMGB0001"),
                    ("Methane rises.", None, False, "METH0001")]


def test_a_paragraph_ending_in_a_colon_right_above_one_highlight_item_is_its_comment() -> None:
    body = (f"## Water\n\nThe lag the field guide mentioned?\nCheck table 3.:\n"
            f"- ==Peat holds water.== [p. 4]({LINK.format(page=4, key='PEAT0001')})\n- - -\n")
    [annotation] = _read(body)
    assert annotation.comment == "The lag the field guide mentioned?\nCheck table 3."


def test_a_paragraph_ending_in_a_colon_above_a_list_of_highlights_is_none_of_their_comments(
) -> None:
    body = (f"## Water\n\nWhat the paper finds:\n"
            f"- ==Peat holds water.== [p. 4]({LINK.format(page=4, key='PEAT0001')})\n"
            f"- ==Moss returns late.== [p. 5]({LINK.format(page=5, key='MOSS0001')})\n")
    assert [a.comment for a in _read(body)] == [None, None]


def test_a_link_whose_type_label_names_a_note_is_the_readers_sticky_note_not_a_highlight() -> None:
    body = (f"- **Highlight:** \"Allotments halved.\" [(Page 3)]"
            f"({LINK.format(page=3, key='ALLO0001')})\n  \n"
            "- **Sticky Note:** Draw a map myself? [(Page 5)]"
            f"({LINK.format(page=5, key='STIC0001')})\n  \n"
            f"- **Highlight:** \"Leases go to the federation.\" [(Page 6)]"
            f"({LINK.format(page=6, key='LEAS0001')})\n")
    assert [a.raw_text for a in _read(body)] == ["Allotments halved.",
                                                 "Leases go to the federation."]
    typed = body.replace("**Sticky Note:**", "**Note:**")
    assert [a.raw_text for a in _read(typed)] == ["Allotments halved.",
                                                  "Leases go to the federation."]


def test_a_label_the_template_repeats_with_a_word_or_two_is_a_field_whatever_its_language() -> None:
    body = (f"> Pierwszy fragment.\n[Strona 4]({LINK.format(page=4, key='PIER0001')})\n"
            "Barwa: Żółta\n\nUwagi: Ważne dla rozdziału 2.\nStrona: 4\n\n"
            f"> Drugi fragment.\n[Strona 6]({LINK.format(page=6, key='DRUG0001')})\n"
            "Barwa: Niebieska\n")
    first, second = _read(body)
    assert (first.raw_text, first.comment) == ("Pierwszy fragment.", "Ważne dla rozdziału 2.")
    assert (second.raw_text, second.comment) == ("Drugi fragment.", None)


def test_dates_hex_colours_and_roman_pages_in_fields_are_the_templates_not_comments() -> None:
    body = (f"> Tides move the lens.\n[Page ii]({LINK.format(page=2, key='TIDE0001')})\n"
            "**Colour**: #ffd400\n**Added**: 15 January 2024, 10:32\n**Page**: ii\n\n"
            "**Comment**: Check the logs.\n\n---\n\n> Pumping lowers it.\n"
            f"[Page 5]({LINK.format(page=5, key='PUMP0001')})\n**Colour**: #ff6666\n"
            "**Added**: 1/16/2024, 9:01:55 AM\n**Page**: 5\n")
    assert [a.comment for a in _read(body)] == ["Check the logs.", None]


def test_an_emphasised_note_line_loses_the_templates_short_label_in_any_language() -> None:
    body = (f"- Peat holds water for years. [(p. 3)]({LINK.format(page=3, key='PEAT0001')})\n"
            "    - *Note: check the dry summer*\n"
            f"- Moss returns late. [(p. 4)]({LINK.format(page=4, key='MOSS0001')})\n"
            "    - _Mein Kommentar: erst nach fünf Jahren_\n")
    assert [a.comment for a in _read(body)] == ["check the dry summer", "erst nach fünf Jahren"]


def test_the_last_callouts_quote_apart_before_the_readers_heading_is_its_comment() -> None:
    body = ("## Annotations\n\n> [!tip]\n> \n> Bells rang the hours. - "
            f"[p.3]({LINK.format(page=3, key='BELL0001')})\n\n\n> Which bells?\n\n\n"
            "## My notes\n\nClocks came late.\n")
    [annotation] = _read(body)
    assert annotation.comment == "Which bells?"


def test_a_quote_nested_deeper_than_the_highlights_after_a_blank_line_is_its_comment() -> None:
    body = (f"> Bells rang the hours.\n> — [p. 3]({LINK.format(page=3, key='BELL0001')})\n\n"
            "> > Which bells?\n\n"
            f"> Sundials failed.\n> — [p. 4]({LINK.format(page=4, key='SUND0001')})\n")
    first, second = _read(body)
    assert (first.comment, second.raw_text) == ("Which bells?", "Sundials failed.")


def test_a_heading_naming_the_comment_right_under_the_text_holds_it_not_the_readers_section(
) -> None:
    body = (f"### Highlight\nBells rang the hours. [p. 3]({LINK.format(page=3, key='BELL0001')})\n"
            "#### Kommentar\nWhich bells?\n\n### Highlight\n"
            f"Sundials failed. [p. 4]({LINK.format(page=4, key='SUND0001')})\n\n"
            "## My notes\n\nClocks came late.\n")
    assert [a.comment for a in _read(body)] == ["Which bells?", None]


def test_fields_among_the_nested_items_go_and_so_does_the_comment_items_label() -> None:
    body = (f"- \"Bells rang the hours.\" [p. 3]({LINK.format(page=3, key='BELL0001')})\n"
            "  - Kommentti: Mitkä kellot?\n  - Väri: keltainen\n"
            f"- \"Sundials failed.\" [p. 4]({LINK.format(page=4, key='SUND0001')})\n"
            "  - Väri: sininen\n")
    assert [a.comment for a in _read(body)] == ["Mitkä kellot?", None]


def test_a_bold_line_set_apart_before_the_next_highlight_is_the_comment_not_its_label() -> None:
    body = (f"> Bells rang the hours. ([p. 3]({LINK.format(page=3, key='BELL0001')}))\n\n"
            "**Which bells?**\n\n"
            f"> Sundials failed. ([p. 4]({LINK.format(page=4, key='SUND0001')}))\n\n"
            "**Key claim**\n"
            f"Clocks came late. [p. 5]({LINK.format(page=5, key='CLOC0001')})\n")
    assert [a.comment for a in _read(body)][:2] == ["Which bells?", None]


def test_a_label_the_note_opens_several_comments_with_is_the_templates_in_any_language() -> None:
    body = (f"Bells rang the hours. [p. 3]({LINK.format(page=3, key='BELL0001')})\n"
            "Kommentti: Mitkä kellot?\n\n"
            f"Sundials failed. [p. 4]({LINK.format(page=4, key='SUND0001')})\n"
            "Kommentti: Talvella.\n\n"
            f"Clocks came late. [p. 5]({LINK.format(page=5, key='CLOC0001')})\n")
    assert [a.comment for a in _read(body)] == ["Mitkä kellot?", "Talvella.", None]


def test_a_few_bold_words_set_apart_are_the_readers_heading_not_a_comment() -> None:
    body = (f"> Bells rang the hours. ([p. 3]({LINK.format(page=3, key='BELL0001')}))\n\n"
            "**Methods**\n\n"
            f"> Sundials failed. ([p. 4]({LINK.format(page=4, key='SUND0001')}))\n")
    assert [a.comment for a in _read(body)] == [None, None]


def test_a_type_label_before_every_highlight_is_the_templates_not_a_label_in_any_language(
) -> None:
    body = (f"- **Markierung:** \"Erster Satz.\" [(Seite 3)]({LINK.format(page=3, key='ERST0001')})"
            f"\n  \n- **Markierung:** \"Zweiter Satz.\" [(Seite 5)]"
            f"({LINK.format(page=5, key='ZWEI0001')})\n")
    assert [(a.raw_text, a.label) for a in _read(body)] == [("Erster Satz.", None),
                                                           ("Zweiter Satz.", None)]


def test_a_bold_mark_left_without_its_pair_and_tags_after_a_comment_are_no_part_of_it() -> None:
    tide, pump = LINK.format(page=2, key="TIDE0001"), LINK.format(page=5, key="PUMP0001")
    body = (f"- *“Tides move the lens.”* [(Ruiz, 2021, S. 2)]({tide})"
            "  \n> Check the well logs.**  #hydrology #to-do\n\n"
            f"- *“Pumping lowers it.”* [(Ruiz, 2021, S. 5)]({pump})"
            "  \n> **Compare 1998** and 2004\n")
    first, second = _read(body)
    assert first.comment == "Check the well logs."
    assert second.comment == "**Compare 1998** and 2004"


def test_an_image_that_its_second_link_shows_is_an_image_and_the_words_by_its_first_link_its_comment() -> None:  # noqa: E501
    link = LINK.format(page=3, key="WEDG0001")
    salt = LINK.format(page=2, key="SALT0001")
    body = (f"- *“Salt enters from below.”* [(Ruiz, 2021, S. 2)]({salt})"
            f"\n\n> Cross-section of the wedge** [ ]({link})\n\n"
            f"![](file:///home/ana/Zotero/storage/IMG00001/image.png)[ ]({link})\n")
    first, second = _read(body)
    assert (first.raw_text, first.image) == ("Salt enters from below.", None)
    assert (second.raw_text, second.comment) == ("", "Cross-section of the wedge")
    assert second.image is not None and second.image.endswith("IMG00001/image.png")
    assert second.annotation_key == "WEDG0001"


def test_a_comment_label_after_a_pictograph_is_a_label_in_any_language() -> None:
    link = "[(p. {0})](zotero://open-pdf/library/items/AAAA1111?page={0}&annotation=KEY0000{0})"
    note = parse_note(
        f"## Highlights\n\n> Grazing sheep keep dike grass short and dense. {link.format(3)}\n\n"
        f"- 💡 **Notiz**: Gilt das auch für Ziegen?\n\n\n"
        f"> Mowing twice a year thins the sward. {link.format(4)}\n", Path("x.md"))
    annotations, _ = read_annotations(note, Config())
    assert [(a.raw_text, a.comment) for a in annotations] == [
        ("Grazing sheep keep dike grass short and dense.", "Gilt das auch für Ziegen?"),
        ("Mowing twice a year thins the sward.", None)]
