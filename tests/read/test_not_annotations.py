"""What the readers must not take for an annotation, or for an annotation's colour."""

from __future__ import annotations

from pathlib import Path

from anki_export.read.annotation import Annotation
from anki_export.read.annotations import read_annotations
from anki_export.read.config_file import load_config
from anki_export.read.notes import parse_note
from anki_export.read.shapes.common import TAG_LINE, comment_text

HEAD = "---\ncitekey: tanakaSleepLoss2019\ntitle: Sleep Loss\n---\n"
LINK = "zotero://open-pdf/library/items/SLP19HPC?page={page}&annotation={key}"
CITE = "([Tanaka, 2019, p. 5](zotero://select/library/items/TNK19SLP))"
RED = '<mark style="background: #ff6666">'


def _read(body: str) -> list[Annotation]:
    return read_annotations(parse_note(HEAD + body, Path("n.md")), load_config(None))[0]


def test_a_metadata_callout_with_a_link_to_the_whole_pdf_is_no_annotation() -> None:
    body = ("> [!info] Metadata\n> **Title:** Tidal Forcing\n"
            "> **PDF:** [Sorensen.pdf](zotero://open-pdf/library/items/GRNL7T2C)\n")
    assert _read(body) == []


def test_a_template_callout_whose_colour_is_a_placeholder_is_no_annotation() -> None:
    body = (">[!quote|{{annotation.color}}] {{annotation.colorCategory}}\n>\n"
            "{{annotation.annotatedText}} [(p. {{annotation.page}})]({{annotation.desktopURI}})\n")
    assert _read(body) == []


def test_a_label_line_after_a_paragraph_is_not_a_highlight_whose_text_is_the_label() -> None:
    body = ("Message passing beat random forests on four datasets.\n"
            '\t<mark class="hltr-orange" >Highlight</mark> '
            f"[Page 1]({LINK.format(page=1, key='MSGP4K2Q')})\n")
    # The link-anchored reader takes the paragraph before the label line as the highlight.
    assert [(a.raw_text, a.colour) for a in _read(body)] == [
        ("Message passing beat random forests on four datasets.", "orange")]


def test_a_readers_mark_inside_a_research_note_highlight_neither_takes_it_nor_colours_it() -> None:
    body = (">[!quote|#2ea8e5] Supporting evidence\n>\n"
            f"Recovery sleep restored encoding {RED}only partially</mark> "
            f"[(p. 4)]({LINK.format(page=4, key='RCVR7W2N')})\n")
    [annotation] = _read(body)
    assert (annotation.line, annotation.colour, annotation.label, annotation.raw_text) == (
        5, "blue", "Supporting evidence", "Recovery sleep restored encoding only partially")


def test_a_readers_mark_inside_a_zotero_note_quote_is_not_its_colour() -> None:
    body = (f"“Caffeine restored vigilance but {RED}not encoding</mark>” {CITE} "
            f"([pdf]({LINK.format(page=6, key='CFFN9B1T')}))\n")
    [annotation] = _read(body)
    assert annotation.colour is None
    coloured = body.replace("“Caffeine", '“<span style="background-color: #a28ae580">Caffeine')
    coloured = coloured.replace("encoding</mark>”", "encoding</mark></span>”")
    assert [a.colour for a in _read(coloured)] == ["purple"]


def test_a_readers_mark_inside_a_zotlit_highlight_is_not_its_colour() -> None:
    body = ("> [!note] Page 8\n> \n"
            '> naps restored <mark class="hltr-red">alertness</mark> but not ==encoding==\n'
            "> \n> ---\n> ^NAPS6R3KaSLP19HPCp8\n")
    [annotation] = _read(body)
    assert annotation.colour is None
    assert annotation.raw_text == "naps restored alertness but not ==encoding=="


def test_a_readers_mark_in_a_bullet_rows_text_is_not_its_colour() -> None:
    body = (f'- "the deficit grew with {RED}hours awake</mark>" | '
            '<mark style="background: #5fb236">Highlight</mark> '
            f"([7]({LINK.format(page=7, key='HRSW2P5D')}))\n")
    assert [a.colour for a in _read(body)] == ["green"]


def test_equals_marks_inside_a_highlight_stay_in_its_text_and_leave_its_colour() -> None:
    body = (">[!quote|#ffd400] Claim\n>\n"
            "One night without sleep reduced ==hippocampal encoding== by 40% "
            f"[(p. 2)]({LINK.format(page=2, key='ENCD4K8Q')})\n")
    [annotation] = _read(body)
    assert annotation.raw_text == "One night without sleep reduced ==hippocampal encoding== by 40%"
    assert annotation.colour == "yellow"


def test_marks_in_the_readers_own_prose_are_no_annotation() -> None:
    body = ("My summary: the ==key claim== is that "
            '<mark style="background: #5fb236">a single night</mark> is enough.\n\n'
            '<mark class="hltr-red">Open question:</mark> does this hold for naps?\n')
    assert _read(body) == []


def test_a_blockquote_right_under_a_marked_highlight_is_its_comment() -> None:
    body = ('<mark style="background: #5fb236">Networks disagree on 30% of errors</mark> '
            f"[(p. 2)]({LINK.format(page=2, key='DSAG7K2M')})\n"
            "> Diversity comes from the initialisation.\n> Not from the data order.\n")
    assert [a.comment for a in _read(body)] == [
        "Diversity comes from the initialisation.\nNot from the data order."]


def test_a_tags_field_is_no_comment_but_a_link_alone_is_the_readers_words() -> None:
    assert comment_text(["Tags: [[patience]] [[virtue]]", "my words"]) == "my words"
    assert comment_text(["**Annotation tags:** #a, #b", "mine"]) == "mine"
    assert TAG_LINE.match("[[Another note]]") is None
    assert comment_text(["see [[Another note]]"]) == "see [[Another note]]"
