"""Signals that say where a note without links holds annotations, and how its entries end."""

from __future__ import annotations

from pathlib import Path

from anki_export.read.annotation import Annotation
from anki_export.read.annotations import read_annotations
from anki_export.read.config_file import load_config
from anki_export.read.notes import parse_note

HEAD = "---\ntitle: Tide mills of the Atlantic coast\n---\n"


def _read(body: str) -> list[Annotation]:
    annotations, _ = read_annotations(parse_note(HEAD + body, Path("n.md")), load_config(None))
    return annotations


def _pairs(body: str) -> list[tuple[str, str | None]]:
    return [(a.raw_text, a.comment) for a in _read(body)]


def test_a_passage_in_polish_quotes_is_read_without_them() -> None:
    body = (
        "## Cytaty\n\n##### \n\n"
        "> „Młyny pływowe pracowały dwa razy na dobę.” (Nowak, 2019, s. 12) \n\n##### \n\n"
        "> „Staw zamykano przy przypływie.” (Nowak, 2019, s. 14) \n\n##### \n\n"
        "> „Koło obracało się tylko przy odpływie.” (Nowak, 2019, s. 15) \n"
    )
    assert [a.raw_text for a in _read(body)] == [
        "Młyny pływowe pracowały dwa razy na dobę.",
        "Staw zamykano przy przypływie.",
        "Koło obracało się tylko przy odpływie.",
    ]


ITEM_LINK = "(zotero://select/library/items/7QWERTY2)"
GLUED = (
    "## 📌 PDF 批注\n"
    f"> 潮汐磨坊每天工作两次。 [p.3]{ITEM_LINK}\n\n\n"
    f"**我的评价**：和书上说的不一样。> 水坝在涨潮时关闭。 [p.5]{ITEM_LINK}\n\n"
    f"> 水轮只在退潮时转动。 [p.9]{ITEM_LINK}\n\n\n"
    "**我的评价**：第一行\n第二行> 磨坊主住在岸边。 [p.11]{ITEM_LINK}\n"
).replace("{ITEM_LINK}", ITEM_LINK)


def test_a_page_linked_to_the_item_is_a_page_reference_and_no_anchor() -> None:
    found = _read(GLUED)
    assert [(a.page_label, a.link) for a in found] == [
        ("3", None), ("5", None), ("9", None), ("11", None)]


def test_an_entry_glued_to_the_comment_above_it_is_split_off_at_its_quote_mark() -> None:
    assert [(a.line, *pair) for a, pair in zip(_read(GLUED), _pairs(GLUED), strict=True)] == [
        (5, "潮汐磨坊每天工作两次。", "和书上说的不一样。"),
        (8, "水坝在涨潮时关闭。", None),
        (10, "水轮只在退潮时转动。", "第一行\n第二行"),
        (14, "磨坊主住在岸边。", None),
    ]


def test_a_labelled_paragraph_after_blank_lines_is_the_comment_on_the_passage_above() -> None:
    body = (
        "## Annotations\n\n"
        "> The dam closed at high tide. (p. 5)\n\n\n**My comment**: as in Brittany.\n\n"
        "> The wheel turned on the ebb only. (p. 9)\n\n"
        "See also the chapter on salt pans.\n"
    )
    assert _pairs(body) == [
        ("The dam closed at high tide.", "as in Brittany."),
        ("The wheel turned on the ebb only.", None),
    ]


def _marked(text: str, page: int, colour: str = "yellow") -> str:
    return f'- <mark class="hltr-{colour}">"{text}" (SILVA , 2021, p. {page}.)</mark></br>\n\t\n\n'


MARKED = (
    "## Leituras\n\nMy own paragraph before the list.\n\n"
    + _marked("The mill pond filled twice a day.", 4)
    + "\t- a good opening line</br>\n\n"
    + _marked("The miller lived by the tide table.", 6, "red")
    + "\t![[anexos/silva2021/image-7-x40-y300.png]]\n\t\n\n"
    + "\t- Figure 2: the pond at low tide.</br>\n\n"
    + _marked("Salt water rotted the wheel in ten years.", 9)
    + "## Perguntas\n\n- Where are the mill's account books?\n"
)


def test_three_marked_items_that_cite_their_page_say_the_note_holds_annotations() -> None:
    assert [(a.raw_text, a.page_label, a.colour) for a in _read(MARKED) if not a.image] == [
        ("The mill pond filled twice a day.", "4", "yellow"),
        ("The miller lived by the tide table.", "6", "red"),
        ("Salt water rotted the wheel in ten years.", "9", "yellow"),
    ]


def test_two_marked_items_with_no_heading_of_annotations_are_the_readers_own() -> None:
    body = MARKED.split("\t![[")[0]
    assert _read(body) == []


def test_an_item_nested_after_blank_lines_is_the_comment_of_the_item_above() -> None:
    assert [a.comment for a in _read(MARKED)][:2] == ["a good opening line", None]


def test_an_embed_with_a_zotero_image_name_alone_is_an_image_annotation_of_its_page() -> None:
    images = [(a.image, a.page_label, a.comment) for a in _read(MARKED) if a.image]
    assert images == [("anexos/silva2021/image-7-x40-y300.png", "7",
                       "Figure 2: the pond at low tide.")]


LABELLED = (
    "# Reading list\n\n"
    "- [Tide mills revisited](https://example.org/tide-mills) *example.org* - 2025-03-02\n"
    "    - Tags: #mills\n"
    "    - **Note**: \n      my note on the whole page, not on a highlight\n"
    "    - **Highlights**:\n"
    "        - A tide mill stores the sea  \n          behind a dam.\n"
    "          - *Note: the whole idea  \n            in one line*\n"
    "        - The wheel turns on the ebb.\n"
    "- [Another page](https://example.org/other) *example.org* - 2025-03-04\n"
    "    - Tags: #mills\n\n"
    "## My summary\n\n- Visit the mill at Eling.\n"
)


def test_the_items_under_a_label_naming_highlights_are_highlights_with_nested_comments() -> None:
    assert _pairs(LABELLED) == [
        ("A tide mill stores the sea behind a dam.", "the whole idea in one line"),
        ("The wheel turns on the ebb.", None),
    ]


def test_items_under_a_label_that_names_no_highlights_are_not_read() -> None:
    assert _read(LABELLED.replace("**Highlights**", "**Reminders**")) == []


NUMBERED = (
    "## Annotations\n\n"
    "#### item 1\n\nThe dam closed at high tide.\n\nas in Brittany\n\n"
    "##### fields\n- type: highlight\n- page 12\n\n"
    "#### item 2\n\n![[zotero/lee2020/image-14-x10-y20.png]]\n\nthe pond at low tide\n\n"
    "##### fields\n- type: image\n- page 14\n\n"
    "#### item 3\n\nThe wheel turned on the ebb only.\n\n\n"
    "##### fields\n- type: highlight\n- page 15\n\n"
    "## My thoughts\n\n#### Part 1\n\nMy own words.\n"
)


def test_headings_numbered_alike_each_head_an_entry_whose_fields_are_no_comment() -> None:
    assert [(a.raw_text, a.image, a.comment, a.page_label) for a in _read(NUMBERED)] == [
        ("The dam closed at high tide.", None, "as in Brittany", "12"),
        ("", "zotero/lee2020/image-14-x10-y20.png", "the pond at low tide", "14"),
        ("The wheel turned on the ebb only.", None, None, "15"),
    ]


def test_one_numbered_heading_is_the_readers_own_section() -> None:
    body = NUMBERED.split("#### item 2")[0]
    assert _read(body) == []


CLOSED = (
    "%% begin annotations %%\n\n"
    "Imported on 2025-02-01#10:00:00 - below\n\n\n"
    "Key point\n#mills  The dam closed at high tide.\n\n"
    "comment:\nas in Brittany<br />\nand Wales\n\n"
    "2025-02-01#09:58\n\n(see PDF p. 5)\n\n\n"
    "DisputedThe wheel turned on the ebb only.\n\n2025-02-01#09:59\n\n(see PDF p. 9)\n\n\n"
    "Figure\n“” could not be found.\n\ncomment:\nthe pond at low tide\n\n"
    "2025-02-01#10:00\n\n(see PDF p. 11)\n\n"
    "%% end annotations %%\n\n## My notes\n\nVisit Eling (see p. 3).\n"
)


def test_entries_closed_by_a_page_line_drop_their_date_fields_and_label_lines() -> None:
    assert [(a.raw_text, bool(a.image), a.comment, a.page_label) for a in _read(CLOSED)] == [
        ("The dam closed at high tide.", False, "as in Brittany\nand Wales", "5"),
        ("The wheel turned on the ebb only.", False, None, "9"),
        ("", True, "the pond at low tide", "11"),
    ]


def test_a_label_glued_to_the_text_stays_when_no_entry_shows_its_label_line() -> None:
    body = CLOSED.replace("Key point\n", "").replace("Figure\n", "")
    assert [a.raw_text for a in _read(body)][1] == "DisputedThe wheel turned on the ebb only."


def test_one_page_line_closes_no_entries() -> None:
    body = CLOSED.split("DisputedThe")[0] + "%% end annotations %%\n"
    assert _read(body) == []


def test_a_labelled_paragraph_is_left_alone_where_the_template_writes_comments_above() -> None:
    body = (
        "## Annotations\n\n**My comment**: on the dam\n\n"
        "> The dam closed at high tide. (p. 5)\n\n**My comment**: on the wheel\n\n"
        "> The wheel turned on the ebb only. (p. 9)\n"
    )
    assert _read(body)[0].comment != "on the wheel"


def test_passages_with_their_page_alone_below_are_read_without_their_quote_marks() -> None:
    body = ("## Annotations\n\n> The dam closed.\n\n(p. 5)\n\n"
            "\"The wheel turned.\"\n\n(p. 9)\n\n(p. 12)\n\nmy words\n")
    assert [(a.raw_text, a.page_label) for a in _read(body)] == [
        ("The dam closed.", "5"), ("The wheel turned.", "9")]


def test_marked_items_make_only_the_section_holding_them_annotations() -> None:
    body = MARKED.replace("- Where are the mill's account books?",
                          "- Check the mill's account books (p. 3)\n- and the tide table (p. 5)")
    assert [a.raw_text for a in _read(body) if not a.image] == [
        a.raw_text for a in _read(MARKED) if not a.image]


def test_a_quoted_question_with_the_readers_words_before_its_page_is_no_cited_entry() -> None:
    body = MARKED.replace("- Where are the mill's account books?",
                          '- "How old is the mill?" ask the archive (p. 3)')
    assert "How old is the mill?" not in " ".join(a.raw_text for a in _read(body))


def test_a_numbered_entrys_list_of_fields_is_no_comment_and_its_title_may_give_the_page() -> None:
    body = (
        "## Highlights\n\n"
        "### Highlight 1 (p. 4)\n\nThe dam closed at high tide.\n\n- type: highlight\n"
        "- color: #ffd400\n\nComment: as in Brittany\n\n"
        "### Highlight 2 (p. 6)\n\nThe wheel turned on the ebb only.\n\n- type: highlight\n"
    )
    assert [(a.raw_text, a.comment, a.page_label) for a in _read(body)] == [
        ("The dam closed at high tide.", "as in Brittany", "4"),
        ("The wheel turned on the ebb only.", None, "6"),
    ]


def test_headings_alike_but_for_a_date_are_batches_not_numbered_entries() -> None:
    body = NUMBERED
    for item, date in (("1", "03-01"), ("2", "03-09"), ("3", "03-12")):
        body = body.replace(f"#### item {item}", f"#### Imported 2025-{date}")
    assert all(a.reader != "numbered-headings" for a in _read(body))


def test_a_page_line_in_brackets_closes_entries_too_but_a_page_field_item_does_not() -> None:
    bracketed = CLOSED.replace("(see PDF p. ", "[p. ").replace(")\n", "]\n")
    assert [a.page_label for a in _read(bracketed)] == ["5", "9", "11"]
    listed = CLOSED.replace("(see PDF p. ", "- page ").replace(")\n", "\n")
    assert _read(listed) == []


def test_a_frontmatter_tag_naming_highlights_says_the_note_holds_them() -> None:
    body = "> The dam closed. \n> \n> as in Brittany\n\n> The wheel turned.\n"
    tagged = parse_note("---\ntags: [mills, zotero/highlights]\n---\n" + body, Path("n.md"))
    untagged = parse_note("---\ntags: [mills]\n---\n" + body, Path("n.md"))
    assert [a.raw_text for a in read_annotations(tagged, load_config(None))[0]] == [
        "The dam closed.", "The wheel turned."]
    assert read_annotations(untagged, load_config(None))[0] == []


def test_a_heading_naming_highlights_in_another_language_opens_a_section() -> None:
    body = "## Markierungen\n\n> Die Mühle lief zweimal am Tag.\n\n> Das Rad drehte bei Ebbe.\n"
    assert [a.raw_text for a in _read(body)] == [
        "Die Mühle lief zweimal am Tag.", "Das Rad drehte bei Ebbe."]


def test_page_lines_that_open_their_entries_close_none() -> None:
    body = ("## Annotations\n\n(p. 5)\n\nThe dam closed at high tide.\n\n"
            "(p. 9)\n\nThe wheel turned on the ebb only.\n")
    assert all(a.reader != "closed-entries" for a in _read(body))


def test_three_numbered_entries_that_each_name_their_page_need_no_annotations_heading() -> None:
    bare = NUMBERED.replace("## Annotations", "## Reading")
    assert [a.page_label for a in _read(bare)] == ["12", "14", "15"]
    assert _read(bare.replace("- page 15\n", "")) == []


def test_a_glued_entry_counts_among_the_cited_quotes_that_mark_a_note() -> None:
    body = GLUED.replace("## 📌 PDF 批注", "## 📌 读书").split("\n\n\n**我的评价**：第一行")[0]
    assert [a.page_label for a in _read(body)] == ["3", "5", "9"]


def test_a_short_heading_ending_with_annotations_opens_their_section() -> None:
    entries = '- "Mills ground twice a day." (p. 3)\n- "The pond closed at high tide." (p. 4)\n'
    assert [a.raw_text for a in _read("## Notes from PDF Annotations\n\n" + entries)] == [
        "Mills ground twice a day.", "The pond closed at high tide."]
    # a sentence of the reader's that ends with the word is no heading of a section
    assert _read("## Why I doubt the dates given in these highlights\n\n" + entries) == []
