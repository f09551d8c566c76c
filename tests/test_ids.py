"""Identity: pinned IDs and GUID rules. A failure here means users would lose review history."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from anki_export.cards.card import Card
from anki_export.deck.notetypes import cloze_note_type, qa_note_type
from anki_export.ids import CLOZE_MODEL_ID, QA_MODEL_ID, annotation_identity, deck_id, note_guid
from anki_export.read.annotation import Annotation
from anki_export.read.notes import parse_note

ANNOTATION = Annotation(line=40, text="internally aligned models are highly improbable",
                        raw_text="internally aligned models are highly improbable\ufffd",
                        attachment_key="SMLZN3L8", annotation_key="5IMI2PYV", page_label="3")

# Never edit these values: every user's notes in Anki are matched by them.
PINNED_CLOZE_FIELDS = {
    "Text": 2734470212724928, "Extra": 2573970402010231, "Comment": 1682780877477103,
    "Image": 578914133420678, "Title": 3056317429082436, "Citekey": 1544989125940412,
    "Citation": 3742973269581608, "Page": 4456223635358124, "ZoteroLink": 1369204731900916,
    "ObsidianLink": 1176470273581126, "AnnotationKey": 3768824434618840,
    "Role": 3484899542901006, "Colour": 643845140354483, "OriginalText": 2346375377133216,
}
PINNED_QA_FIELDS = {
    "Front": 2652156838099880, "Back": 2631003719105510, "Extra": 4258831319983128,
    "Comment": 1952978486135335, "Image": 4175509948605691, "Title": 45378319428910,
    "Citekey": 2496621392810933, "Citation": 1481595146300468, "Page": 2546578953731020,
    "ZoteroLink": 232207173997173, "ObsidianLink": 1310294810917432,
    "AnnotationKey": 3965005260714504, "Role": 741131808156333, "Colour": 748400147412925,
    "OriginalText": 1886838224158776,
}


def test_note_type_ids_names_fields_and_templates_never_change() -> None:
    cloze, qa = cloze_note_type(), qa_note_type()
    assert (CLOZE_MODEL_ID, QA_MODEL_ID) == (1739180401, 1739180402)
    assert (cloze.model_id, cloze.name, qa.model_id, qa.name) == (
        1739180401, "anki-export Cloze", 1739180402, "anki-export Q/A")
    assert {f["name"]: f["id"] for f in cloze.field_dicts()} == PINNED_CLOZE_FIELDS
    assert [f["name"] for f in cloze.field_dicts()] == list(PINNED_CLOZE_FIELDS)
    assert {f["name"]: f["id"] for f in qa.field_dicts()} == PINNED_QA_FIELDS
    assert [f["name"] for f in qa.field_dicts()] == list(PINNED_QA_FIELDS)
    assert [(t["name"], t["id"]) for t in cloze.template_dicts()] == [("Cloze", 3042031813275115)]
    assert [(t["name"], t["id"]) for t in qa.template_dicts()] == [("Card 1", 2502976761510120)]


def test_guid_of_a_known_annotation_is_pinned() -> None:
    assert note_guid(ANNOTATION, "cloze") == "B1S>DN}hvw"
    assert note_guid(ANNOTATION, "qa") == "P@f(lm(f|g"
    assert note_guid(ANNOTATION, "cloze", "pair:jesus") == "OSG)<xs|r,"


def test_deck_id_is_derived_from_the_deck_name_and_pinned() -> None:
    assert deck_id("Research::Does SGD Produce Deceptive Alignment?") == 3878524823757010
    assert deck_id("Research::Other") != deck_id("Research::Does SGD Produce Deceptive Alignment?")
    assert 0 < deck_id("x") < 2**53


def test_guid_is_stable_when_highlight_text_changes() -> None:
    edited = replace(ANNOTATION, text="internally aligned models are improbable",
                     raw_text="internally aligned models are improbable", comment="new",
                     label="Important", role="important", page_label="4")
    assert note_guid(edited, "cloze") == note_guid(ANNOTATION, "cloze")


def test_guid_does_not_depend_on_the_citekey_or_the_note_file() -> None:
    first = parse_note("---\ncitekey: hubinger2022\n---\n", Path("a.md"))
    renamed = parse_note("---\ncitekey: HubingerDoesSGD\n---\n", Path("moved/b.md"))
    card = Card("cloze", "claim-cloze", first, ANNOTATION, "text")
    assert replace(card, source=renamed).guid == card.guid


def test_guid_tells_apart_kinds_and_discriminators_and_attachments() -> None:
    guids = {
        note_guid(ANNOTATION, "cloze"),
        note_guid(ANNOTATION, "qa"),
        note_guid(ANNOTATION, "cloze", "pair:jesus"),
        note_guid(ANNOTATION, "cloze", "pair:martin-luther"),
        note_guid(replace(ANNOTATION, attachment_key="OTHERPDF"), "cloze"),
        note_guid(replace(ANNOTATION, annotation_key="OTHERKEY"), "cloze"),
    }
    assert len(guids) == 6


def test_without_an_annotation_key_identity_falls_back_to_page_and_normalised_text() -> None:
    keyless = replace(ANNOTATION, annotation_key=None, page_index=3)
    respaced = replace(keyless, raw_text="  Internally  aligned models are highly improbable!")
    edited = replace(keyless, raw_text="internally aligned models are unlikely")
    assert annotation_identity(keyless).startswith("SMLZN3L8/p3/t")
    assert annotation_identity(respaced) == annotation_identity(keyless)
    assert annotation_identity(edited) != annotation_identity(keyless)
