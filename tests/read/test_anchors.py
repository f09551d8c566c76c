"""Anchors: every form of link or id that Zotero and the Obsidian plugins write to point at one
annotation or one page of the PDF, and nothing else."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from anki_export.read.anchor import Anchor
from anki_export.read.anchors import find_anchors
from anki_export.read.discover import read_note
from anki_export.read.notes import parse_note
from tests.conftest import EXAMPLE, SHARED

REAL_NOTES = SHARED / "real-notes" if (SHARED / "real-notes").is_dir() else None


def _anchors(body: str, frontmatter: str = "") -> list[Anchor]:
    return find_anchors(parse_note(frontmatter + body, Path("x.md")))


def _one(body: str) -> Anchor:
    (anchor,) = _anchors(body)
    return anchor


def _facts(anchor: Anchor) -> tuple[str | None, str | None, str | None, int | None]:
    return anchor.annotation_id, anchor.annotation_key, anchor.attachment_key, anchor.page_index


def test_zotero_open_pdf_links_of_user_and_group_libraries_carry_keys_and_page() -> None:
    user = _one("text [(p. 3)](zotero://open-pdf/library/items/ATTACH01?page=3&annotation=KEY00001)")
    group = _one("text [p](zotero://open-pdf/groups/4711/items/ATTACH01?page=3&annotation=KEY00001)")
    assert _facts(user) == _facts(group) == ("KEY00001", "KEY00001", "ATTACH01", 3)
    assert user.page_label == "3"
    assert user.markup.startswith("[(p. 3)](zotero://") and user.line == 1


def test_parameters_in_any_order_and_any_html_or_url_escaping_give_the_same_anchor() -> None:
    forms = [
        "zotero://open-pdf/library/items/ATTACH01?page=3&annotation=KEY00001",
        "zotero://open-pdf/library/items/ATTACH01?annotation=KEY00001&page=3",
        "zotero://open-pdf/library/items/ATTACH01?page=3&amp;annotation=KEY00001",
        "zotero://open-pdf/library/items/ATTACH01?page=3&#38;annotation=KEY00001",
        "zotero://open-pdf/library/items/ATTACH01?page%3D3%26annotation%3DKEY00001",
        "zotero://open-pdf/library/items/ATTACH01?page=3;annotation=KEY00001",
    ]
    assert {_facts(_one(f"text [pdf]({url})")) for url in forms} == {
        ("KEY00001", "KEY00001", "ATTACH01", 3)}  # fmt: skip


def test_an_empty_item_key_and_ids_that_are_no_zotero_keys_still_anchor() -> None:
    anchor = _one("\t<mark class=\"hltr-orange\">Highlight</mark> "
                  "[Page 1](zotero://open-pdf/library/items/?page=1&annotation=highlight-p1x380y464)")
    assert _facts(anchor) == ("highlight-p1x380y464", None, None, 1)
    assert anchor.page_label == "1"


def test_annotation_undefined_names_no_annotation_but_its_page_still_anchors() -> None:
    anchor = _one("[Go to annotation](zotero://open-pdf/library/items/ATTACH01?page=18&annotation="
                  "undefined) “text”")
    assert _facts(anchor) == (None, None, "ATTACH01", 18)


def test_zotero7_open_links_and_zotfile_paths_are_anchors() -> None:
    zotero7 = _one("> text [zotero](zotero://open/library/items/ATTACH01?annotation=KEY00001&page=62)")
    zotfile = _one('"text" ([p. 5](zotero://open-pdf/0_ATTACH01/5))')
    bare = _one("text <zotero://open-pdf/library/items/ATTACH01?page=7&annotation=KEY00002>")
    assert _facts(zotero7) == ("KEY00001", "KEY00001", "ATTACH01", 62)
    assert _facts(zotfile) == (None, None, "ATTACH01", 5)
    assert _facts(bare) == ("KEY00002", "KEY00002", "ATTACH01", 7)


def test_a_non_numeric_page_keeps_only_the_page_its_link_text_shows() -> None:
    shown = _one("text [p. xii](zotero://open-pdf/library/items/ATTACH01?page=xii&annotation=K0000001)")
    hidden = _one("text [pdf](zotero://open-pdf/library/items/ATTACH01?page=xii&annotation=K0000001)")
    assert (shown.page_index, shown.page_label) == (None, "xii")
    assert (hidden.page_index, hidden.page_label) == (None, None)


def test_a_link_to_a_page_of_a_local_pdf_anchors_but_one_to_the_whole_pdf_does_not() -> None:
    page = _one("text [(p. 3)](file:///home/ana/Papers/Thaler%202008.pdf#page=3)")
    named = _one("> [page 8](file:///home/ana/Papers/Thaler_2008_Nudge.pdf)")
    assert (page.page_index, page.url) == (3, "file:///home/ana/Papers/Thaler%202008.pdf#page=3")
    assert (named.page_index, named.page_label) == (None, "8")
    assert _anchors(
        "[PDF](zotero://open-pdf/library/items/ATTACH01)\n"
        "[attachment](<file:///home/x/Zotero/storage/K7/Kwan 2024 - HiNeRV.pdf>)\n"
        "[pdf](file:///home/x/Does%20SGD.pdf)\n"
    ) == []


def test_pdfplus_wikilinks_to_a_selection_or_an_annotation_are_anchors_with_their_colour() -> None:
    selection = _one("> ([[paper.pdf#page=2&selection=14,0,18,22&color=yellow|paper, p.2]])")
    annotation = _one("> [!PDF|green] [[paper.pdf#page=6&annotation=412R|paper, p.6]]")
    embed = _one("![[paper.pdf#page=9&selection=1,0,2,5&color=255,208,0]]")
    assert (selection.page_index, selection.colour, selection.label) == (2, "yellow", "paper, p.2")
    assert _facts(annotation) == ("412R", None, None, 6)
    assert (embed.page_index, embed.colour) == (9, "255,208,0")


def test_zotlit_block_ids_are_anchors_with_both_keys_and_the_page() -> None:
    anchor = _one("> text\n> ^ZDU6Y7D6aNXTAQGZ4p1")
    assert (anchor.kind, anchor.line) == ("block-id", 2)
    assert _facts(anchor) == ("ZDU6Y7D6", "ZDU6Y7D6", "NXTAQGZ4", 1)
    assert _anchors("see ^abc123\nand ^ZDU6Y7D6aNXTAQGZ4p1 in the middle of a line\n") == []


def test_zotero_note_html_attributes_carry_the_annotation_key_page_and_colour() -> None:
    data = ("%7B%22attachmentURI%22%3A%22http%3A%2F%2Fzotero.org%2Fusers%2F1%2Fitems%2FATTACH01%22"
            "%2C%22annotationKey%22%3A%22KEY00001%22%2C%22color%22%3A%22%23ffd400%22%2C%22pageLabel"
            "%22%3A%2243%22%2C%22position%22%3A%7B%22pageIndex%22%3A52%7D%7D")
    anchor = _one(f'<p><span class="highlight" data-annotation="{data}">“text”</span></p>')
    assert (anchor.kind, *_facts(anchor)) == ("attribute", "KEY00001", "KEY00001", "ATTACH01", 53)
    assert (anchor.page_label, anchor.colour) == ("43", "#ffd400")
    assert anchor.markup.startswith('<span class="highlight"') and anchor.markup.endswith('">')
    # Better Notes wraps a page link in the span: one annotation, one anchor.
    wrapped = _one(f'<span data-annotation="{data}"><a href="zotero://open/library/items/'
                   'ATTACH01?page=53">“text”</a></span>')
    assert (wrapped.annotation_key, wrapped.url) == (
        "KEY00001", "zotero://open/library/items/ATTACH01?page=53")
    assert _one('<span data-annotation-key="KEY00002">text</span>').annotation_key == "KEY00002"


def test_citation_note_and_web_links_are_not_anchors() -> None:
    assert _anchors(
        "“text” ([Arik and Pfister, 2020, p. 1](zotero://select/library/items/EH5DCRUW))\n"
        "[a note](zotero://note/u/ABCD1234/)\n"
        "[web](https://doi.org/10.1038/nature10523) [paper](https://example.org/x.pdf#page=3)\n"
        "[[Some note#page=3]] and [[Some note]]\n"
    ) == []


def test_anchors_in_the_frontmatter_in_code_or_in_a_template_placeholder_are_not_counted() -> None:
    link = "zotero://open-pdf/library/items/ATTACH01?page=3&annotation=KEY00001"
    frontmatter = f"---\nsource: \"[p. 3]({link})\"\n---\n"
    body = (
        f"```js\nconst x = '[p. 3]({link})';\n```\n"
        f"Inline `[p. 3]({link})` code.\n"
        "[p. {{annotation.page}}](zotero://open-pdf/library/items/{{key}}?page=1&annotation={{id}})\n"
        f"```zotero-annot\n> the one that counts [zotero]({link})\n```\n"
    )
    anchors = _anchors(body, frontmatter)
    assert [(a.line, a.annotation_key) for a in anchors] == [(10, "KEY00001")]


def test_two_links_on_one_line_are_two_anchors_unless_one_id_names_both() -> None:
    link = "zotero://open-pdf/library/items/ATTACH01?page={}&annotation={}"
    two = _anchors(f"a [1]({link.format(1, 'KEY00001')}) b [2]({link.format(2, 'KEY00002')})")
    same = _anchors(f"a [1]({link.format(1, 'KEY00001')}) b [again]({link.format(1, 'KEY00001')})")
    assert [a.annotation_key for a in two] == ["KEY00001", "KEY00002"]
    assert [a.annotation_key for a in same] == ["KEY00001"]


@pytest.mark.parametrize(
    "name", sorted(p.name for p in REAL_NOTES.glob("*-*.md")) if REAL_NOTES else [])
def test_every_annotation_link_of_a_real_note_is_an_anchor_and_nothing_else(name: str) -> None:
    assert REAL_NOTES is not None
    note = read_note(REAL_NOTES / name)
    keys = set(re.findall(r"annotation=([A-Z0-9]{8})", note.text))
    keys |= set(re.findall(r"\^([A-Z0-9]{8})a[A-Z0-9]{8}p\d+\s*$", note.text, re.M))
    assert {a.annotation_key for a in find_anchors(note)} == keys


def test_the_example_has_one_anchor_per_annotation() -> None:
    anchors = find_anchors(read_note(EXAMPLE))
    assert len(anchors) == 22 and all(a.annotation_key for a in anchors)


def test_a_frontmatter_that_runs_to_the_last_line_leaves_no_body_to_scan() -> None:
    link = "zotero://open-pdf/library/items/ATTACH01?page=3&annotation=KEY00001"
    assert find_anchors(parse_note(f"---\ntitle: x\n[p. 3]({link})\n---", Path("x.md"))) == []


def test_letters_whose_lower_case_is_longer_keep_anchors_on_their_own_lines() -> None:
    link = "zotero://open-pdf/library/items/ATTACH01?page={}&annotation=KEY0000{}"
    anchors = _anchors("İİİİ İstanbul\n" * 3 + f"text [p. 1]({link.format(1, 1)})\n"
                       + "İ\n" * 5 + f"text [p. 2]({link.format(2, 2)})\n")
    assert [(a.line, a.annotation_key) for a in anchors] == [(4, "KEY00001"), (10, "KEY00002")]


def test_links_to_one_kindle_readwise_or_hypothesis_highlight_are_anchors_without_a_key() -> None:
    found = _anchors(
        "a — location: [12](kindle://book?action=open&asin=B0KINDLE1&location=12)\n"
        "> b ([Location 40](https://readwise.io/to_kindle?action=open&asin=B0KINDLE1&location=40))\n"
        "> c ([View Highlight](https://readwise.io/open/512345678))\n"
        "d — [Updated on 2024-06-01](https://hyp.is/Qw3rTy1AEe-abcdEfGhIj/example.org/page)\n")
    assert [a.line for a in found] == [1, 2, 3, 4]
    assert [a.annotation_id for a in found] == [None, None, "512345678", "Qw3rTy1AEe-abcdEfGhIj"]
    assert all(a.annotation_key is None and a.attachment_key is None for a in found)


def test_links_to_a_whole_book_or_site_of_those_services_are_no_anchors() -> None:
    assert _anchors("* [Kindle link](kindle://book?action=open&asin=B0KINDLE1)\n"
                    "[Readwise](https://readwise.io/bookreview/123)\n"
                    "[Hypothesis](https://hyp.is/)\n") == []
