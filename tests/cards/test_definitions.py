"""A sentence that defines a term, in any of the forms texts use, asks "What is <term>?" where
no cloze hides the term (the source's subject: its title's words would give it away); a claim
that only says something of its subject ("X is a poor proxy for Y") is no definition."""

from __future__ import annotations

from pathlib import Path

import pytest

from anki_export.cards.definitions import definition
from anki_export.cards.rules import make_cards
from anki_export.config import Config
from anki_export.read.annotation import Annotation
from anki_export.read.notes import parse_note

NOTE = parse_note("---\ncitekey: test2024\ntitle: Watersheds, lichens, gross value added and "
                  "sister chromatids\n---\n", Path("t.md"))


@pytest.mark.parametrize(("sentence", "question", "answer"), [
    ("A watershed is an area of land that drains all its streams to a common outlet",
     "What is a watershed?", "An area of land that drains all its streams to a common outlet."),
    ("The Hanseatic League was … ", None, None),
    ("Lichens are composite organisms in which an alga lives among the filaments of a fungus",
     "What are lichens?", "Composite organisms in which an alga lives among the filaments of a "
     "fungus."),
    ("Gross value added (GVA): the value of output less the value of intermediate consumption",
     "What is gross value added (GVA)?",
     "The value of output less the value of intermediate consumption."),
    ("sister chromatids, copies of a chromosome that are joined at the centromere",
     "What are sister chromatids?", "Copies of a chromosome that are joined at the centromere."),
])
def test_a_definition_is_asked_what_its_term_is(
        sentence: str, question: str | None, answer: str | None) -> None:
    text = sentence.strip()
    annotation = Annotation(line=10, text=text, raw_text=text, page_label="2",
                            annotation_key="KEY00010")
    asked = [(c.text, c.answer) for c in make_cards(NOTE, [annotation], Config())[0]
             if c.kind == "qa"]
    assert asked == ([(question, answer)] if question else [])


@pytest.mark.parametrize("sentence", [
    "Code coverage alone is a poor proxy for fault detection, since a test can run a line",
    "Transformers are well-suited to tasks with long-range dependencies",
    "Because contact rates fall in winter, the virus spreads less",
    "Ancient harbours, in which ships waited for the wind, silted up over centuries",
])
def test_a_claim_about_its_subject_is_no_definition(sentence: str) -> None:
    assert definition(sentence) is None
