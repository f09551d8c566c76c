"""Link families: links a template writes once per annotation anchor it, whatever the tool;
and the text and comment found next to such anchors in the layouts their tools write."""

from __future__ import annotations

from pathlib import Path

from anki_export.config import Config
from anki_export.read.annotations import read_note_annotations
from anki_export.read.link_families import with_families
from anki_export.read.notes import parse_note
from anki_export.read.shapes import read_shapes


def _anchors(body: str) -> list[str | None]:
    note = parse_note(f"---\ntitle: x\n---\n{body}", Path("x.md"))
    return [a.annotation_id for a in with_families(note, [])]


def test_links_of_any_scheme_that_differ_only_in_an_id_are_anchors() -> None:
    body = ("> Cells divide. [↗](notely://hl/4f1c2a9e)\n\n"
            "> Cells grow. [↗](notely://hl/7b3d0e15)\n")
    assert _anchors(body) == ["4f1c2a9e", "7b3d0e15"]


def test_a_uuid_in_the_fragment_of_a_web_link_is_the_id() -> None:
    base = "https://reader.example/me/some-paper-3f1#"
    body = (f"> One. [⤴️]({base}5c1e9b7a-2f44-4d0b-9a61-0e8c7d3b21f5)\n\n"
            f"> Two. [⤴️]({base}a7d02f61-93c8-4b55-8e17-6f4a0b9c2d38)\n"
            f"[Read on the site](https://reader.example/me/some-paper-3f1)\n")
    assert _anchors(body) == ["5c1e9b7a-2f44-4d0b-9a61-0e8c7d3b21f5",
                              "a7d02f61-93c8-4b55-8e17-6f4a0b9c2d38"]


def test_an_id_in_url_escaped_json_of_a_query_is_found_and_a_zotero_key_kept() -> None:
    link = ("obsidian://zotero-reader?file=a%2Fb.md&navigation=%7B%22annotationID%22%3A%22{}%22%7D")
    body = f"[p. 1]({link.format('R7KQ2M4D')})\n\n[p. 2]({link.format('W2NB8T6C')})\n"
    note = parse_note(f"---\ntitle: x\n---\n{body}", Path("x.md"))
    assert [a.annotation_key for a in with_families(note, [])] == ["R7KQ2M4D", "W2NB8T6C"]


def test_the_same_link_on_every_entry_and_links_to_other_works_are_no_family() -> None:
    body = ("- One. [Smith](zotero://select/library/items/ITEM0001)\n"
            "- Two. [Smith](zotero://select/library/items/ITEM0001)\n"
            "- Brown 2020 https://doi.org/10.1051/0004-6361/202140001\n"
            "- Berg 2021 https://doi.org/10.1051/0004-6361/202038877\n"
            "- [site](https://example.org/about) and [blog](https://example.org/news)\n")
    assert _anchors(body) == []


def test_one_link_alone_is_no_family() -> None:
    assert _anchors("> Cells divide. [↗](notely://hl/4f1c2a9e)\n") == []


def test_block_ids_anchor_entries_only_when_they_look_like_ids_and_nothing_else_does() -> None:
    body = "> Cells divide. ^a1b2c3\n\n> Cells grow. ^d4e5f6\n\n## Summary ^summary\n"
    assert _anchors(body) == ["a1b2c3", "d4e5f6"]
    linked = body.replace("^a1b2c3", "[↗](notely://hl/11aa) ^a1b2c3").replace(
        "^d4e5f6", "[↗](notely://hl/22bb) ^d4e5f6")
    assert _anchors(linked) == ["11aa", "22bb"]


def test_a_local_pdf_linked_on_every_entry_without_a_page_anchors_each() -> None:
    pdf = "file:///home/a/x.pdf"
    body = f"[Full text PDF]({pdf})\n\n" + "".join(
        f"> Claim {n}. [↗]({pdf})\n\n" for n in range(3))
    assert len(_anchors(body)) == 3


def test_a_note_whose_family_links_go_unread_is_warned_about() -> None:
    body = "".join(f"[↗](notely://hl/{n}a{n}b)\n\n" for n in range(3))
    note = parse_note(f"---\ntitle: x\n---\n{body}", Path("x.md"))
    reading = read_note_annotations(note, Config())
    assert len(read_shapes(note).anchors) == 3 and reading.unread
    assert any("annotation links were not read" in p.message for p in reading.problems)


# Text and comments next to such anchors ---------------------------------------------------------

LINK = "reader://hl/{}"


def _read(body: str) -> list[tuple[str, str | None]]:
    note = parse_note(f"---\ntitle: x\n---\n{body}", Path("x.md"))
    return [(a.text, a.comment) for a in read_shapes(note).annotations]


def test_plugin_markers_in_percent_comments_and_their_json_are_no_text() -> None:
    entry = ('%% TOOL-ANNO-BEGIN {{"id":"{k}","text":""}} %%\n'
             "> [!tool-highlight] [Doe2020, s. {n}](reader://hl/{k})\n"
             "> %% TOOL-QUOTE-BEGIN %%\n> > Quoted words {n}.\n> %% TOOL-QUOTE-END %%\n>\n"
             "> %% TOOL-COMM-BEGIN %%\n> Said {n}.\n> %% TOOL-COMM-END %% ^{k}\n"
             "%% TOOL-ANNO-END %%\n\n")
    body = entry.format(k="A1B2C3D4", n=1) + entry.format(k="E5F6G7H8", n=2)
    assert _read(body) == [("Quoted words 1.", "Said 1."), ("Quoted words 2.", "Said 2.")]


def test_a_line_that_lost_its_quote_marker_goes_on_with_the_quote_or_comment_above() -> None:
    body = "".join(f"> [!note] [p. {n}]({LINK.format(f'{n}f{n}e')})\n> > First half {n}\n"
                   f"second half {n}.\n>\n> Said\nmore {n}.\n\n" for n in (1, 2))
    assert _read(body) == [("First half 1 second half 1.", "Said\nmore 1."),
                           ("First half 2 second half 2.", "Said\nmore 2.")]


def test_a_highlight_of_several_quoted_paragraphs_ends_where_its_link_is() -> None:
    body = (f"> One. [↗]({LINK.format('1a')})\n\nSaid.\n\n> Two a.\n>\n"
            f"> Two b. [↗]({LINK.format('2b')})\n")
    assert _read(body) == [("One.", "Said."), ("Two a. Two b.", None)]


def test_tags_and_a_block_id_after_the_link_are_no_comment() -> None:
    body = "".join(f"> Claim {n}. [↗]({LINK.format(f'{n}c')})  #method  ^{n}c{n}\n\n"
                   for n in (1, 2))
    assert _read(body) == [("Claim 1.", None), ("Claim 2.", None)]


def test_a_nested_callout_titled_with_a_label_holds_the_comment_on_its_lazy_lines() -> None:
    body = "".join(f"> [!tldr] Claim {n}. [🔗]({LINK.format(f'{n}d')})\n"
                   f">> [!info] 📝 **My Note**:\nSaid {n}.\n\n" for n in (1, 2))
    assert _read(body) == [("Claim 1.", "Said 1."), ("Claim 2.", "Said 2.")]


def test_a_list_of_links_named_in_a_few_words_is_no_family() -> None:
    body = ("- [Issue 12](https://tracker.example/x/issues/12)\n"
            "- [Issue 15](https://tracker.example/x/issues/15)\n")
    assert _anchors(body) == []
    assert len(_anchors(body.replace("- [Issue", "- Seen here: [Issue"))) == 2
