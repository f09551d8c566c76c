"""Callout layouts seen in public templates: a dash before the link, a rule before the comment,
a quote set apart in emphasis, an image with the reader's words below it."""

from __future__ import annotations

from pathlib import Path

from anki_export.read.annotation import Annotation
from anki_export.read.annotations import read_annotations
from anki_export.read.config_file import load_config
from anki_export.read.notes import parse_note

LINK = "zotero://open-pdf/library/items/BIOC0001?page={page}&annotation={key}"


def _read(body: str) -> list[Annotation]:
    note = parse_note("---\ncitekey: x2020\n---\n" + body, Path("note.md"))
    annotations, _ = read_annotations(note, load_config(None))
    return annotations


def test_a_dash_that_sets_the_link_apart_is_no_part_of_the_highlight() -> None:
    body = ("> [!quote]\n> Large numbers of strangers cooperate by believing in common myths.\n"
            f"> — [p. 27]({LINK.format(page=27, key='MYTH0001')})\n")
    [annotation] = _read(body)
    assert annotation.raw_text == (
        "Large numbers of strangers cooperate by believing in common myths.")
    assert (annotation.annotation_key, annotation.page_label) == ("MYTH0001", "27")


def test_what_follows_a_rule_inside_the_callout_is_the_comment() -> None:
    body = ("> [!note] Page 3\n> Enzymes lower the activation energy of a reaction.\n> ---\n"
            "> so catalysis is kinetic, not thermodynamic\n"
            f"> [zotero]({LINK.format(page=3, key='ENZY0001')})\n")
    [annotation] = _read(body)
    assert annotation.raw_text == "Enzymes lower the activation energy of a reaction."
    assert annotation.comment == "so catalysis is kinetic, not thermodynamic"


def test_a_quote_set_apart_in_emphasis_is_the_text_and_the_line_below_the_comment() -> None:
    body = (f"> [!cite|#ffd400]+ [(p.29)]({LINK.format(page=29, key='POOL0001')})\n"
            '> *" Common-pool resources are costly to exclude beneficiaries from. "*\n'
            "> the definition\n\n"
            f"> [!cite|#ff6666]+ [(p.90)]({LINK.format(page=90, key='POOL0002')})\n"
            '> *" Clearly defined boundaries are the first design principle. "*\n> \n')
    first, second = _read(body)
    assert (first.raw_text, first.comment, first.colour) == (
        "Common-pool resources are costly to exclude beneficiaries from.", "the definition",
        "yellow")
    assert (second.raw_text, second.comment) == (
        "Clearly defined boundaries are the first design principle.", None)


def test_the_words_below_an_image_in_a_callout_are_its_comment() -> None:
    body = (f"> [!cite|#5fb236]+ [(p. 91)]({LINK.format(page=91, key='POOL0003')})\n"
            "> ![[ostrom-91-x40-y120.png]]\n> table of the eight principles\n")
    [annotation] = _read(body)
    assert (annotation.raw_text, annotation.image, annotation.comment) == (
        "", "ostrom-91-x40-y120.png", "table of the eight principles")


def test_a_passage_wrapped_in_emphasis_and_guillemets_is_read_without_them() -> None:
    body = (">[!Annotation|#2ea8e5]+ \n"
            ">*« la commande inscrit la famille dans l’espace sacré »*"
            f"([5]({LINK.format(page=5, key='4QN2WH74')}))\n>\n>Lien avec la devotio moderna ?\n")
    [annotation] = _read(body)
    assert annotation.raw_text == "la commande inscrit la famille dans l’espace sacré"
    assert annotation.comment == "Lien avec la devotio moderna ?"
    assert (annotation.page_label, annotation.colour) == ("5", "blue")


def test_an_admonition_fence_inside_a_callout_is_read_as_the_callouts_markdown() -> None:
    body = ("> [!note] Page 4\n> \n> ```ad-quote\n> title: Highlight\n"
            "> Enzymes lower the activation energy.\n> \n> ---\n> so catalysis is kinetic\n"
            "> \n> ```\n> ^ENZY0001aBIOC0001p4\n\n"
            "> [!note] Page 5\n> \n> ```ad-quote\n> Rates double every ten degrees.\n> \n> ```\n"
            "> ^RATE0001aBIOC0001p5\n")
    found = _read(body)
    assert [(a.raw_text, a.comment) for a in found] == [
        ("Enzymes lower the activation energy.", "so catalysis is kinetic"),
        ("Rates double every ten degrees.", None)]
    assert [a.line for a in found] == [4, 16]  # line numbers hold


def test_a_code_fence_inside_a_callout_stays_code() -> None:
    body = ("> [!note] Page 4\n> Enzymes lower the activation energy.\n> ```python\n"
            "> rate = k * exp(-e / t)\n> ```\n> ^ENZY0001aBIOC0001p4\n")
    [annotation] = _read(body)
    assert "ad-" not in annotation.raw_text and "```" in annotation.raw_text


def test_a_quote_nested_in_a_colour_callout_after_its_text_is_the_comment() -> None:
    page = "zotero://open-pdf/library/items/BIOC0001?page={page}"
    body = (f">[!quote|#ff6666] [Page 3]({page.format(page=3)})\n> \tEnzymes lower the barrier.\n"
            ">\n>>Only for the catalysed path?\n>\n\n"
            f">[!quote|#5fb236] [Page 4]({page.format(page=4)})\n> \tRates double.\n")
    first, second = _read(body)
    assert (first.raw_text, first.comment) == ("Enzymes lower the barrier.",
                                               "Only for the catalysed path?")
    assert (second.raw_text, second.comment) == ("Rates double.", None)
