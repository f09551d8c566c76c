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
