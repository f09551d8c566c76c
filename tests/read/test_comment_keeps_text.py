"""A comment never costs its annotation the text: whatever shape the template gives the
comment between the highlight and its link, the highlight is still read, with that comment."""

from __future__ import annotations

from pathlib import Path

from anki_export.read.annotation import Annotation
from anki_export.read.annotations import read_annotations
from anki_export.read.config_file import load_config
from anki_export.read.notes import parse_note

LINK = "https://reader.example.org/book/ab12/annotation/{key}?cfi=epubcfi(%2F6%2F8)"


def _read(body: str) -> list[Annotation]:
    note = parse_note("---\ntitle: x\n---\n" + body, Path("note.md"))
    annotations, _ = read_annotations(note, load_config(None))
    return annotations


def test_a_labelled_comment_paragraph_between_quote_and_link_keeps_the_quote() -> None:
    body = ("## Chapter one\n"
            "> Glaciers carve the valley floor into a broad U.\n\n"
            "**Note**: Compare with the river valleys of chapter two.\n\n"
            f"*[Page: 12]({LINK.format(key='glac01')})*\n\n\n"
            "> Moraines mark where the ice stood still.\n\n"
            f"*[Page: 15]({LINK.format(key='mora02')})*\n\n\n"
            "> Meltwater sorts the gravel by size.\n\n"
            "**Note**: Field trip stop 3.\n\n"
            f"*[Page: 19]({LINK.format(key='melt03')})*\n")
    read = [(a.raw_text, a.comment) for a in _read(body)]
    assert read == [
        ("Glaciers carve the valley floor into a broad U.",
         "Compare with the river valleys of chapter two."),
        ("Moraines mark where the ice stood still.", None),
        ("Meltwater sorts the gravel by size.", "Field trip stop 3."),
    ]


ZOTERO = "zotero://open-pdf/library/items/PDF00001?page={page}&annotation={key}"
CITE = "([Ortega, 2019, p. {page}](zotero://select/library/items/ITEM0001))"


def test_words_after_the_links_under_a_quote_apart_are_its_comment() -> None:
    body = ("# Notes\n\n> Dunes migrate downwind a few metres each year.\n\n"
            f"{CITE.format(page=4)} ([pdf]({ZOTERO.format(page=4, key='DUNE0001')}))"
            " Check the satellite series.\n\n"
            "> Marram grass holds the foredune in place.\n\n"
            f"{CITE.format(page=6)} ([pdf]({ZOTERO.format(page=6, key='GRAS0001')}))\n\n"
            "## Later\n\nMy own summary of the chapter, not a highlight.\n\n"
            "> Storms can cut a blowout in one night.\n\n"
            f"{CITE.format(page=9)} ([pdf]({ZOTERO.format(page=9, key='STOR0001')}))"
            " Compare with the 2014 storm.\n")
    read = [(a.raw_text, a.comment) for a in _read(body)]
    assert read == [
        ("Dunes migrate downwind a few metres each year.", "Check the satellite series."),
        ("Marram grass holds the foredune in place.", None),
        ("Storms can cut a blowout in one night.", "Compare with the 2014 storm."),
    ]


def test_a_break_after_a_link_whose_label_is_the_highlight_opens_its_comment() -> None:
    body = ("## Highlights\n\n"
            f"- [**\"Peat stores more carbon per hectare than any forest.\"**]"
            f"({ZOTERO.format(page=3, key='PEAT0001')})<br>-- *Ask for the source of the figure.*\n"
            f"- [**\"Drained peat turns from a sink into a source.\"**]"
            f"({ZOTERO.format(page=5, key='DRAI0001')})\n")
    read = [(a.raw_text, a.comment) for a in _read(body)]
    assert read == [
        ("Peat stores more carbon per hectare than any forest.",
         "Ask for the source of the figure."),
        ("Drained peat turns from a sink into a source.", None),
    ]
