"""Tests for anki_export.sentences: splitting a highlight into sentences."""

from __future__ import annotations

import pysbd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from anki_export.language.segmenter import pysbd_sentences
from anki_export.language.sentences import split_sentences

SPLITS = [
    pytest.param(
        "A model becoming marginally more deceptive will marginally lower the training loss. "
        "A model that learns marginally more about the training process seems like it should "
        "get marginally more deceptive",
        (
            "A model becoming marginally more deceptive will marginally lower the training loss.",
            "A model that learns marginally more about the training process seems like it should "
            "get marginally more deceptive",
        ),
        id="example-note-two-claims",
    ),
    pytest.param(
        "internally aligned models are highly improbable.",
        ("internally aligned models are highly improbable.",),
        id="example-note-one-claim",
    ),
    pytest.param(
        "In Marbury v. Madison, the Supreme Court established judicial review. It was 1803.",
        (
            "In Marbury v. Madison, the Supreme Court established judicial review.",
            "It was 1803.",
        ),
        id="law-case-name-abbreviation",
    ),
    pytest.param(
        "Dr. Smith weighed 3.5 kg of liver, e.g. from mice. Then he left!  Why?",
        ("Dr. Smith weighed 3.5 kg of liver, e.g. from mice.", "Then he left!", "Why?"),
        id="biology-abbreviations-and-decimals",
    ),
    pytest.param(
        "  spaced   out.   Second one.  ", ("spaced   out.", "Second one."), id="padding-trimmed"
    ),
    pytest.param("one\n\ntwo", ("one", "two"), id="paragraph-break"),
    pytest.param(
        "{{c1::x}} is a cloze. [[Link]] here.",
        ("{{c1::x}} is a cloze.", "[[Link]] here."),
        id="markup-is-plain-text",
    ),
]


@pytest.mark.parametrize(("text", "expected"), SPLITS)
def test_a_highlight_splits_into_its_trimmed_sentences_in_order(
    text: str, expected: tuple[str, ...]
) -> None:
    assert split_sentences(text) == expected


@pytest.mark.parametrize("text", ["", " ", "\n\t  \n"])
def test_blank_text_has_no_sentences(text: str) -> None:
    assert split_sentences(text) == ()


PUNCTUATED = st.text(alphabet=st.sampled_from(list("ab A1 .!?\"'()[]\n\t-:;,\u2026\u201c\u201d")))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300) | PUNCTUATED)
def test_any_text_splits_into_stripped_non_empty_sentences_that_keep_every_character(
    text: str,
) -> None:
    sentences = split_sentences(text)
    assert all(s and s == s.strip() for s in sentences)
    assert "".join("".join(sentences).split()) == "".join(text.split())


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["Cells divide.", "Rome fell in 476!", "Why?", "e.g. this"])))
def test_splitting_is_deterministic(parts: list[str]) -> None:
    text = " ".join(parts)
    assert split_sentences(text) == split_sentences(text)


def test_text_that_pysbd_would_damage_is_kept_whole() -> None:
    assert split_sentences(":.!?") == (":.!?",)


# Words that exercise the pysbd passes `segmenter` may skip: abbreviations in several cases,
# with and without their full stop; lettered, roman and numbered list items; digits, runs of
# "!" and "?", footnote numbers, ellipses, quotations, brackets and dashes, pysbd's own
# stand-in characters, and non-ASCII letters that match ASCII ones when case is ignored.
_PASS_WORDS = st.sampled_from([
    "Fig", "fig.", "Fig.", "v.", "vs.", "no.", "No.", "p.", "pp.", "e.g.", "i.e.", "Dr.", "dr",
    "mr.", "Mr.", "St.", "st", "al.", "et", "is.", "me.", "U.S.", "Ph.D.", "a.m.", "p.m.",
    "A.M.", "P.M.", "Jan.", "Inc.", "ing.", "J.", "Co. KG", "U.S.'s", "The", "It", "I", "He",
    "We", "model", "3", "12", "3.5", "(a)", "(iv)", "a.", "b.", "c)", "i.", "ii.", "iv)", "x.",
    "1.", "2.", "3)", "4)", "!!!", "?!", "Why?", "Yahoo!", "\u01c3Kung", ".12", "40°.", "...",
    ". . .", "'quoted.'", '"said."', "\u201cslanted.\u201d", "\u2018single.\u2019", "[bracket.]",
    "--dash.--", "«arrow.»", "file .pdf", "a@b.com", "x.y", "ƪƪƪ", "∮", "♨", "☝", "∯", "ȸ", "&⎋&",
    "\u212a.", "\u017ft.", "\u0130s.", "\u2019s",
])  # fmt: skip
_GAPS = st.sampled_from([" ", " ", ". ", ", ", "\n", "? ", "! ", ") ", ""])


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.tuples(_PASS_WORDS, _GAPS), max_size=30)
    | st.text(max_size=200)
)
def test_skipping_passes_that_cannot_apply_splits_exactly_as_pysbd(
    parts: list[tuple[str, str]] | str,
) -> None:
    text = parts if isinstance(parts, str) else "".join(w + gap for w, gap in parts)
    if text:
        expected = pysbd.Segmenter(language="en", clean=False).processor(text).process()
        assert pysbd_sentences(text) == [str(s) for s in expected]


def test_the_marks_segmenter_looks_for_are_plain_text_in_pysbds_rules() -> None:
    from pysbd.exclamation_words import ExclamationWords
    from pysbd.lang.english import English

    specials = set(".^$*+?{}[]\\|()")
    stand_ins = [*English.SubSymbolsRules.All, *English.ReinsertEllipsisRules.All]
    patterns = [rule.pattern for rule in stand_ins]
    assert all(not specials & set(p) for p in [*patterns, English.SubSingleQuoteRule.pattern])
    assert all("!" in w or "\u01c3" in w for w in ExclamationWords.EXCLAMATION_WORDS)
    letters_only = [a.strip() for a in English.Abbreviation.ABBREVIATIONS if "." not in a]
    assert all(a.isascii() and a.isalpha() and a.islower() for a in letters_only)
