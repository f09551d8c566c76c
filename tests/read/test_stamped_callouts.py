"""E-book exporters' callouts without links: each entry a callout under a highlights heading whose
title or closing line is its metadata (chapter, date, block id). The passage is the text, a bold
label or a symbol line right after the callout the comment, the metadata neither."""

from __future__ import annotations

from pathlib import Path

from anki_export.read.annotation import Annotation
from anki_export.read.annotations import read_annotations
from anki_export.read.config_file import load_config
from anki_export.read.notes import parse_note


def _read(body: str) -> list[Annotation]:
    note = parse_note("---\nbook: A Book\nhighlights_count: 2\n---\n" + body, Path("book.md"))
    annotations, _ = read_annotations(note, load_config(None))
    return annotations


def test_a_callout_titled_with_chapter_and_date_holds_a_passage_and_a_bold_note() -> None:
    body = ("## Highlights\n\n"
            "> [!quote] Chapter 3 • 2024-11-02\n> Rivers were the first roads of the valley.\n\n"
            "> [!quote] Chapter 4 • 2024-11-05\n> Salt paid for the bridges.\n>\n"
            "> **Note:** compare with the toll records.\n")
    annotations = _read(body)
    assert [(a.raw_text, a.comment) for a in annotations] == [
        ("Rivers were the first roads of the valley.", None),
        ("Salt paid for the bridges.", "compare with the toll records."),
    ]


def test_a_closing_date_with_block_id_is_metadata_and_a_symbol_line_after_is_the_comment() -> None:
    body = ("## Highlights\n\n### Part One\n\n"
            "> [!NOTE]\n> The mill ground grain for three villages.\n>\n"
            "> 2024-01-09 08:15:00 ^881_2_10-40\n"
            "\u270e ask who owned the mill.\n\n"
            "> [!NOTE]\n> Floods came every spring.\n>\n> 2024-01-09 08:20:00 ^881_2_90-120\n")
    annotations = _read(body)
    assert [(a.raw_text, a.comment) for a in annotations] == [
        ("The mill ground grain for three villages.", "ask who owned the mill."),
        ("Floods came every spring.", None),
    ]


def test_a_callout_of_the_readers_own_outside_a_highlights_heading_is_no_annotation() -> None:
    body = ("## My thoughts\n\n> [!quote] Chapter 3 • 2024-11-02\n> I think rivers mattered.\n")
    assert _read(body) == []
