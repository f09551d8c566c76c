"""The entries a template repeats in a note of extracted annotations that has no link at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from anki_export.read.annotation import Annotation
from anki_export.read.annotations import read_annotations
from anki_export.read.config_file import load_config
from anki_export.read.notes import parse_note

HEAD = "---\ncitekey: haddadReefs2022\ntitle: Coral Reefs\n---\n"
PARAGRAPHS = (
    "## Annotations\n\n"
    "Bleaching followed every marine heatwave longer than four weeks. (p. 3)\n\n"
    "> the four-week threshold is the useful part\n\n"
    "Recovery took a decade on the outer reef. (p. 7)\n"
)
QUOTES = (
    "> Larvae settled twice as often on rough tiles.\n> \n> \n> good figure for the talk\n\n\n"
    "> Herbivorous fish kept the algae below 10 % cover.\n> \n> \n\n\n"
)


def _read(body: str) -> list[Annotation]:
    annotations, _ = read_annotations(parse_note(HEAD + body, Path("n.md")), load_config(None))
    return annotations


def _texts(body: str) -> list[tuple[str, str | None]]:
    return [(a.raw_text, a.comment) for a in _read(body)]


def test_paragraphs_ending_with_their_page_are_read_with_the_quote_under_them_as_comment() -> None:
    assert [(a.raw_text, a.page_label, a.comment) for a in _read(PARAGRAPHS)] == [
        ("Bleaching followed every marine heatwave longer than four weeks.", "3",
         "the four-week threshold is the useful part"),
        ("Recovery took a decade on the outer reef.", "7", None),
    ]


def test_one_paragraph_of_the_readers_that_cites_a_page_is_not_read() -> None:
    body = "## Annotations\n\nSee the method again before the seminar (p. 12)\n\n> ask Omar\n"
    assert _read(body) == []


def test_a_quote_under_a_paragraph_that_cites_its_own_page_is_a_passage_not_a_comment() -> None:
    body = PARAGRAPHS.replace("> the four-week threshold is the useful part",
                              "> Corals on shaded slopes bleached less. (p. 5)")
    assert [a.page_label for a in _read(body)] == ["3", "5", "7"]
    assert all(a.comment is None for a in _read(body))


def test_the_same_paragraphs_in_a_note_with_an_annotation_link_are_left_to_the_anchors() -> None:
    link = "[p. 9](zotero://open-pdf/library/items/ABCD2345?page=9&annotation=WXYZ6789)"
    body = PARAGRAPHS + f"\nNurseries doubled the cover in two years. {link}\n"
    assert [a.reader for a in _read(body)] == ["anchored"]


def test_an_embed_whose_alias_cites_a_page_is_an_image_with_the_alias_as_comment() -> None:
    body = PARAGRAPHS + "\n![[haddadReefs2022-8-x40-y200.png|Figure 3: cover by depth (p. 8)]]\n"
    image = _read(body)[-1]
    assert (image.image, image.raw_text, image.comment, image.page_label) == (
        "haddadReefs2022-8-x40-y200.png", "", "Figure 3: cover by depth", "8")


def test_a_comment_item_with_one_child_ending_with_a_bare_page_is_that_childs_comment() -> None:
    body = ("## Annotations\n\n- worth quoting\n\t- Reefs near rivers bleached first. p. 4\n"
            "- Nitrogen doubled after floods. p. 6\n")
    assert [(a.raw_text, a.page_label, a.comment) for a in _read(body)] == [
        ("Reefs near rivers bleached first.", "4", "worth quoting"),
        ("Nitrogen doubled after floods.", "6", None),
    ]


def test_an_item_with_several_children_keeps_them_as_the_readers_notes() -> None:
    body = ("## Annotations\n\n- my questions\n\t- Reefs near rivers bleached first. p. 4\n"
            "\t- and the lagoons? p. 5\n- Nitrogen doubled after floods. p. 6\n")
    assert _texts(body) == [("Nitrogen doubled after floods.", None)]


def test_a_list_quoted_as_a_whole_is_read_as_the_list() -> None:
    body = ("## Annotations\n\n> - worth quoting\n> \t- Reefs near rivers bleached first. p. 4\n\n"
            "> - Nitrogen doubled after floods. p. 6\n")
    assert _texts(body) == [("Reefs near rivers bleached first.", "worth quoting"),
                            ("Nitrogen doubled after floods.", None)]


def test_a_run_of_blockquotes_is_read_first_paragraph_text_the_others_comment() -> None:
    assert _texts("## Annotations\n\n" + QUOTES) == [
        ("Larvae settled twice as often on rough tiles.", "good figure for the talk"),
        ("Herbivorous fish kept the algae below 10 % cover.", None),
    ]


def test_blockquotes_are_read_only_where_the_note_says_it_holds_annotations() -> None:
    assert _read("## Reading notes\n\n" + QUOTES) == []


def test_a_single_blockquote_among_prose_is_the_readers_quotation() -> None:
    body = "## Annotations\n\nAs my supervisor put it:\n\n> Reefs are slow.\n\nI disagree.\n"
    assert _read(body) == []


def test_an_imported_batch_heading_marks_the_note_and_opens_a_run_of_one() -> None:
    body = ("## Notes\n\n" + QUOTES + "### Imported: 2024-01-09 8:02 pm\n\n"
            "> Cover fell by a third on the windward side.\n")
    assert [text for text, _ in _texts(body)] == [
        "Larvae settled twice as often on rough tiles.",
        "Herbivorous fish kept the algae below 10 % cover.",
        "Cover fell by a third on the windward side.",
    ]


def test_quotes_of_a_run_that_open_differently_from_most_of_it_are_not_entries() -> None:
    body = "## Annotations\n\n> ▌ Reefs are slow.\n\n> ▌ Fish are fast.\n\n> my own words\n"
    assert [text for text, _ in _texts(body)] == ["▌ Reefs are slow.", "▌ Fish are fast."]


def test_a_run_with_a_quote_that_cites_a_page_reads_only_that_passage() -> None:
    body = ("## Annotations\n\n> Reefs near rivers bleached first. (p. 4)\n\n"
            "> my note on it\n\n> another thought\n")
    assert _texts(body) == [("Reefs near rivers bleached first.", None)]


def test_zotero_integrations_bibliography_heading_marks_the_note_as_an_import() -> None:
    body = "## Coral Reefs\n\n### Formatted Bibliography\n\nHaddad, O. (2022). Coral reefs.\n\n"
    assert len(_read(body + QUOTES)) == 2
    assert _read(body.replace("Formatted Bibliography", "Bibliography") + QUOTES) == []


def test_zotlits_frontmatter_marks_the_note_as_its_literature_note() -> None:
    items = "- worth quoting\n\t- Reefs near rivers bleached first. p. 4\n"
    zotlit = HEAD.replace("citekey:", "zotero-key: QW7E2R9T\ncitekey:")
    note = parse_note(zotlit + items, Path("n.md"))
    assert [a.raw_text for a in read_annotations(note, load_config(None))[0]] == [
        "Reefs near rivers bleached first."]
    assert _read(items) == []


def test_a_label_in_front_of_an_entrys_comment_is_no_part_of_it() -> None:
    body = "## Annotations\n\n" + QUOTES.replace("> good figure", "> Comment: good figure")
    assert _texts(body)[0] == ("Larvae settled twice as often on rough tiles.",
                               "good figure for the talk")
    body = PARAGRAPHS.replace("> the four-week", "> 💬 the four-week")
    assert _read(body)[0].comment == "the four-week threshold is the useful part"


def test_a_highlight_of_two_lines_whose_second_lost_its_quote_mark_stays_one_entry() -> None:
    body = ("## Annotations\n\n> Larvae settled twice as often\non rough tiles.\n> \n> \n"
            "> good figure\n\n\n> Herbivorous fish kept the algae down.\n")
    assert _texts(body) == [("Larvae settled twice as often on rough tiles.", "good figure"),
                            ("Herbivorous fish kept the algae down.", None)]


def test_an_entry_with_no_text_is_no_entry_and_does_not_end_the_run() -> None:
    alone = "> \n> \n> a note of mine on the figure\n\n\n"
    body = "## Annotations\n\n" + QUOTES.replace("\n\n\n> Herb", f"\n\n\n{alone}> Herb")
    assert [text for text, _ in _texts(body)] == [
        "Larvae settled twice as often on rough tiles.",
        "Herbivorous fish kept the algae below 10 % cover.",
    ]


def test_an_alias_without_a_page_leaves_the_image_to_its_citation_below() -> None:
    body = PARAGRAPHS + ("\n![[haddadReefs2022-8-x40-y200.png|400]]\n"
                         "(Haddad, 2022, p. 8) cover by depth\n")
    image = _read(body)[-1]
    assert (image.image, image.page_label, image.comment) == (
        "haddadReefs2022-8-x40-y200.png", "8", "cover by depth")


def test_an_exports_frontmatter_naming_its_highlights_marks_the_note() -> None:
    named = HEAD.replace("title: Coral Reefs", "title: Coral Reefs\ncategory: highlights")
    note = parse_note(named + "## Reading\n\n" + QUOTES, Path("n.md"))
    assert len(read_annotations(note, load_config(None))[0]) == 2
    assert _read("## Reading\n\n" + QUOTES) == []


def test_the_e_readers_generated_at_footer_marks_the_note() -> None:
    footer = "\n_Generated at: 2024-04-13 08:10:22_\n"
    assert len(_read("## Reading\n\n" + QUOTES + footer)) == 2
    assert _read("## Reading\n\n" + QUOTES + "\n_Generated at the lab_\n") == []


BRACKETED = (
    "> Reefs near rivers bleached first [4]\nNote: check the river data  #key\n\n"
    "> Turtles avoided the warmest lagoons [6] #doubt\n\n"
    "> Nurseries lost half their fish [9]\n"
)


def test_blockquotes_ending_with_a_bracketed_page_are_read_with_the_note_line_under_them() -> None:
    assert [(a.raw_text, a.page_label, a.comment) for a in _read("# haddad2022\n\n" + BRACKETED)
            ] == [("Reefs near rivers bleached first", "4", "check the river data"),
                  ("Turtles avoided the warmest lagoons", "6", None),
                  ("Nurseries lost half their fish", "9", None)]


def test_quoted_passages_citing_their_page_mark_a_note_only_when_three_or_more_repeat() -> None:
    two = BRACKETED.rsplit("\n\n", 1)[0] + "\n"
    assert _read("# haddad2022\n\n" + two) == []


def test_a_heading_of_annotations_elsewhere_keeps_cited_quotes_outside_it_unread() -> None:
    body = "## Annotations\n\n" + BRACKETED + "\n## Questions\n\n“Why now?” (my note, p. 3)\n"
    assert [a.raw_text for a in _read(body)][-1] == "Nurseries lost half their fish"


def test_zoteros_comment_colon_blockquote_reads_the_text_before_its_citation() -> None:
    body = ("## Annotations\n\n> worth a slide:\n> \n> Reefs near rivers bleached first\n> \n"
            "> (Haddad, 2022, p. 4)\n")
    assert _texts(body) == [("Reefs near rivers bleached first", "worth a slide")]
    unsaid = body.replace("worth a slide:", "Reefs far from rivers did not")
    assert [(" ".join(text.split()), said) for text, said in _texts(unsaid)] == [
        ("Reefs far from rivers did not Reefs near rivers bleached first", None)]


PAGES = (
    "### Page 2 @ 12 April 2024 09:14:02 PM\n*Reefs near rivers bleached first.*\n\n---\n"
    "my note\n### Page 5 @ 12 April 2024 09:20:47 PM\n~~Turtles avoided lagoons~~\n"
)


def test_headings_naming_their_page_head_one_entry_each_with_the_note_after_a_rule() -> None:
    assert [(a.raw_text, a.page_label, a.comment) for a in _read(PAGES)] == [
        ("Reefs near rivers bleached first.", "2", "my note"),
        ("Turtles avoided lagoons", "5", None)]


def test_a_single_page_heading_or_one_with_the_readers_words_heads_no_entry() -> None:
    assert _read(PAGES.split("### Page 5")[0]) == []
    assert _read("## Page 2: why it matters\nReefs are slow.\n\n## Page 5: so what\nOk.\n") == []


def test_blockquotes_ending_with_a_link_of_their_own_are_left_to_the_anchors() -> None:
    linked = ("## Highlights\n\n> Reefs near rivers bleached first [⤴️](https://app.example/r#a1)"
              "  #key  ^a1\n\n> Turtles avoided lagoons [⤴️](https://app.example/r#b2)  ^b2\n")
    read = _read(linked)
    assert [(a.text, a.reader) for a in read] == [
        ("Reefs near rivers bleached first", "anchored"), ("Turtles avoided lagoons", "anchored")]


def test_blockquotes_closed_by_block_ids_are_left_to_the_anchors() -> None:
    body = ("## Highlights\n\n> Reefs near rivers bleached first ^h7k2m9\n\n"
            "> Turtles avoided lagoons ^p3x8q1\n\nI doubt the turtle data.\n")
    assert [(a.text, a.reader) for a in _read(body)] == [
        ("Reefs near rivers bleached first", "anchored"), ("Turtles avoided lagoons", "anchored")]


def test_a_bracketed_page_may_name_itself_as_a_page() -> None:
    body = "# haddad2022\n\n" + BRACKETED.replace("[6]", "[p. 6]")
    assert [a.page_label for a in _read(body)] == ["4", "6", "9"]


def test_headings_naming_only_a_page_head_entries_only_where_the_note_holds_annotations() -> None:
    bare = "## p. 2\nReefs are slow to recover.\n\n## p. 5\nI doubt the turtle data.\n"
    assert _read(bare) == []
    assert [a.page_label for a in _read("# Highlights\n\n" + bare)] == ["2", "5"]


def _clipping(text: str, place: str, note: str | None) -> str:
    """One clipping as an e-reader exporter writes it: quote, fields line, id, tags, note."""
    said = f"## Note\n\n{note}\n- Monday, May 4, 2026 9:15 PM\n\n#ReaderNote\n\n" if note else ""
    return f"# \n\n> {text}\n> - {place}, Date Monday, May 4, 2026 9:14 PM\n\n" \
           f"- 0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b\n\n#Reader #Quote\n\n{said}"


def test_quotes_closed_by_a_line_of_place_fields_are_clippings_with_a_note_heading() -> None:
    body = (_clipping("Reefs recover in a decade.", "Page 12, Location 180-182",
                      "Useful &amp; short.")
            + _clipping("Algae &quot;win&quot; after storms.", "Location 1502-1504", None)
            + _clipping("Larvae settle on rough tiles.", "Page 40, Location 600-601", "Check."))
    assert [(a.raw_text, a.page_label, a.comment) for a in _read(body)] == [
        ("Reefs recover in a decade.", "12", "Useful & short."),
        ('Algae "win" after storms.', None, None),
        ("Larvae settle on rough tiles.", "40", "Check."),
    ]


def test_a_note_heading_after_the_readers_own_words_is_no_clippings_comment() -> None:
    clips = [_clipping(f"Passage number {n}.", f"Page {n}, Location {n}0-{n}1", None)
             for n in (1, 2, 3)]
    body = "".join(clips) + "My summary of the book.\n\n## Note\n\nnot about a clipping\n"
    assert [(a.raw_text, a.comment) for a in _read(body)] == [
        (f"Passage number {n}.", None) for n in (1, 2, 3)]


def test_quotes_run_together_on_one_line_are_one_highlight_each() -> None:
    body = ("## Annotations\n\n### Important\n\n"
            " >Reefs recover in a decade >algae win after storms >Larvae settle on tiles.\n")
    assert [a.raw_text for a in _read(body)] == [
        "Reefs recover in a decade", "algae win after storms", "Larvae settle on tiles."]


def test_paragraphs_that_are_each_one_code_span_are_a_templates_highlights() -> None:
    body = ("## Annotations\n\n### Notes\n\n```Reefs recover in a decade.```\n\n"
            "```Algae win after storms.```\n")
    assert [a.raw_text for a in _read(body)] == [
        "Reefs recover in a decade.", "Algae win after storms."]


def test_a_comparison_in_a_quote_and_code_outside_annotations_stay_as_they_are() -> None:
    body = ("## My notes\n\n```pip install reefs```\n\n```pip install algae```\n\n"
            "## Annotations\n\n> Cover fell where p >0.05 held.\n> \n> \n\n"
            "> Cover rose.\n> \n> \n")
    assert [a.raw_text for a in _read(body)] == ["Cover fell where p >0.05 held.", "Cover rose."]


@pytest.mark.parametrize("place", [
    "- Your Highlight on page 12 | Location 180-182 | Added on Monday, May 4, 2026",
    "— Page 12, Location 180-182",
])
def test_an_e_readers_place_line_in_other_spellings_closes_its_quote(place: str) -> None:
    body = "".join(f"> Passage number {n}.\n> {place}\n\n#Reader\n\n" for n in (1, 2, 3))
    assert [(a.raw_text, a.page_label) for a in _read(body)] == [
        (f"Passage number {n}.", "12") for n in (1, 2, 3)]
