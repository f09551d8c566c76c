"""Tests for anki_export.repair: PDF-extraction damage in highlight text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from anki_export.read.repair import Repair, repair_text
from tests.conftest import EXAMPLE

EXAMPLE_NOTE = EXAMPLE
LDQ, RDQ = "\u201c", "\u201d"  # curly double quotes, escaped so they cannot be misread

# Every annotation text in examples/DoesSGDProduce.md that holds a U+FFFD, with its repair.
EXAMPLE_NOTE_CASES = [
    (
        "internally aligned models are highly improbable�",
        "internally aligned models are highly improbable.",
    ),
    (
        "Out of all possible pointers� there are only very few pointers that robustly point at"
        " a model of the base objective",
        "Out of all possible pointers, there are only very few pointers that robustly point at"
        " a model of the base objective",
    ),
    (
        "Because of instrumental convergence� there are many objectives that result in the model"
        " optimizing for the base objective�",
        "Because of instrumental convergence, there are many objectives that result in the model"
        " optimizing for the base objective.",
    ),
    (
        "As an analogy� we can consider the Christian God� who is trying to produce humans that"
        " are aligned with his values� One such person is Jesus� who has the same objective as"
        " God � he just fundamentally wants to do the same thing� Another such person is Martin"
        " Luther� who is aligned with God because he wants to study the Bible� �gure out what it"
        " says to do� then do that� Finally� we have Blaise Pascal� who is aligned with God"
        " because he thinks if he does what God wants he�ll go to heaven in the future�"
        " Correspondingly� there is only one Jesus because there is only one human objective"
        " that is exactly the same as what God wants� There might be a few Martin Luthers� but"
        " robustly pointing to the Bible is a di�cult task� so there are not going to be that"
        " many� However� anyone that believed what Blaise Pascal believed about God could become"
        " another Pascal� so there are many possible Pascal",
        "As an analogy, we can consider the Christian God, who is trying to produce humans that"
        " are aligned with his values. One such person is Jesus, who has the same objective as"
        " God \u2014 he just fundamentally wants to do the same thing. Another such person is"
        " Martin Luther, who is aligned with God because he wants to study the Bible, figure out"
        " what it says to do, then do that. Finally, we have Blaise Pascal, who is aligned with"
        " God because he thinks if he does what God wants he'll go to heaven in the future."
        " Correspondingly, there is only one Jesus because there is only one human objective"
        " that is exactly the same as what God wants. There might be a few Martin Luthers, but"
        " robustly pointing to the Bible is a difficult task, so there are not going to be that"
        " many. However, anyone that believed what Blaise Pascal believed about God could become"
        " another Pascal, so there are many possible Pascal",
    ),
    (
        # "explicitly� Jesus" is a comma after a short opener; "aligned� Martin" was probably a
        # comma in a list too, but a capital after a long clause reads as a new sentence.
        "To be explicitly� Jesus is internally aligned� Martin Luther is corrigibly aligned� and"
        " Blaise Pascal is deceptively aligned",
        "To be explicitly, Jesus is internally aligned, Martin Luther is corrigibly aligned, and"
        " Blaise Pascal is deceptively aligned",
    ),
    (
        "Given that a random model that optimizes for the base objective is likely to be"
        " deceptive� the default expectation is that the model that SGD converges to is"
        " deceptive�",
        "Given that a random model that optimizes for the base objective is likely to be"
        " deceptive, the default expectation is that the model that SGD converges to is"
        " deceptive.",
    ),
    (
        "we argue that SGD systematically favors deceptive alignment�",
        "we argue that SGD systematically favors deceptive alignment.",
    ),
    (
        "SGD will take a large number of training steps to converge to an internally aligned"
        " model�",
        "SGD will take a large number of training steps to converge to an internally aligned"
        " model.",
    ),
    (
        "SGD will take a large number of steps to converge to a corrigible model�",
        "SGD will take a large number of steps to converge to a corrigible model.",
    ),
    (
        "A model becoming marginally more deceptive will marginally lower the training loss� A"
        " model that learns marginally more about the training process seems like it should get"
        " marginally more deceptive",
        "A model becoming marginally more deceptive will marginally lower the training loss. A"
        " model that learns marginally more about the training process seems like it should get"
        " marginally more deceptive",
    ),
    (
        "In general� �model the world better� is a very natural modi�cation for SGD to make to"
        " the model� In this sense� even if the marginal bene�t of modeling the training process"
        " better is unclear� it seems likely to happen incidentally as a result of natural model"
        " performance improvement�",
        f"In general, {LDQ}model the world better{RDQ} is a very natural modification for SGD to"
        " make to the model. In this sense, even if the marginal benefit of modeling the training"
        " process better is unclear, it seems likely to happen incidentally as a result of"
        " natural model performance improvement.",
    ),
    (
        "For example� if a model is being trained to predict text� some of the text it is going"
        " to predict is going to be about SGD� The model will have to understand how SGD works in"
        " order to predict that text properly� Thus� as a natural result of the training process�"
        " the model will learn to model the training process� potentially becoming deceptive�",
        "For example, if a model is being trained to predict text, some of the text it is going"
        " to predict is going to be about SGD. The model will have to understand how SGD works in"
        " order to predict that text properly. Thus, as a natural result of the training process,"
        " the model will learn to model the training process, potentially becoming deceptive.",
    ),
    (
        "Since this pointer is built at runtime instead of by SGD� there might be more"
        " optimization power put into making this pointer robust",
        "Since this pointer is built at runtime instead of by SGD, there might be more"
        " optimization power put into making this pointer robust",
    ),
    (
        "Thus the marginal increase in deception might result in more optimization pressure being"
        " applied to building a robust pointer� causing SGD to favor deceptive alignment�",
        "Thus the marginal increase in deception might result in more optimization pressure being"
        " applied to building a robust pointer, causing SGD to favor deceptive alignment.",
    ),
    (
        "In order for a model to be internally aligned� it must have a good model of the world�"
        " which is an approximately su�cient condition for deception�",
        "In order for a model to be internally aligned, it must have a good model of the world,"
        " which is an approximately sufficient condition for deception.",
    ),
    (
        "n order for a model to be corrigibly aligned� it must have a good model of the base"
        " objective� which is also an approximately su�cient condition for deception�",
        "n order for a model to be corrigibly aligned, it must have a good model of the base"
        " objective, which is also an approximately sufficient condition for deception.",
    ),
    (
        # A comma never parts a short subject from its verb: the source had a footnote mark or
        # a closing quote here, and nothing tells which, so it stays and is reported.
        "Gradient hacking� is a strategy that a deceptively aligned model could use to preserve"
        " its current objective�",
        "Gradient hacking� is a strategy that a deceptively aligned model could use to preserve"
        " its current objective.",
    ),
]

# Short cases from note-formats.md, the brief, and the edges of each rule.
LOST_LIGATURE_CASES = [
    ("the �gure shows", "the figure shows"),
    ("a di�cult task", "a difficult task"),
    ("a natural modi�cation", "a natural modification"),
    ("an approximately su�cient condition", "an approximately sufficient condition"),
    ("the marginal bene�t of", "the marginal benefit of"),
    ("�nally we stop", "finally we stop"),  # capitalisation is kept, not guessed
    ("Di�cult cases", "Difficult cases"),
    ("DI�CULT CASES", "DIFFICULT CASES"),
    ("its e�ect on the o�ce", "its effect on the office"),
    ("under the in�uence of", "under the influence of"),
    ("a �u�y cat", "a fluffy cat"),  # two in one word
    ("the identi�ability of", "the identifiability of"),  # rare but listed
    ("take it o� the table", "take it off the table"),  # word end: "off" beats "o"
    ("you can �x it", "you can fix it"),
    ("(�gure 3)", "(figure 3)"),
]

LOST_PUNCTUATION_CASES = [
    ("Jesus� who has", "Jesus, who has"),
    ("his values� One such", "his values. One such"),
    ("as God � he just", "as God \u2014 he just"),
    ("he�ll go", "he'll go"),
    ("we don�t know", "we don't know"),
    ("the model�s output", "the model's output"),
    ("�model the world better�", f"{LDQ}model the world better{RDQ}"),
    ("models learn �in the wild� too", f"models learn {LDQ}in the wild{RDQ} too"),  # not "fin"
    ("so we process it properly�", "so we process it properly."),
    ("then do� then stop", "then do, then stop"),  # "doff" is rarer than "do"
    ("a �at region� which", "a flat region, which"),  # a ligature word beats a quote
    ("However� Smith disagrees", "However, Smith disagrees"),  # a name after an opener
    ("in 2019� the", "in 2019, the"),
]

LIGATURE_CODE_POINT_CASES = [
    ("\ufb01gure", "figure"),
    ("\ufb02ow", "flow"),
    ("e\ufb00ect", "effect"),
    ("e\ufb03cient", "efficient"),
    ("ba\ufb04ing", "baffling"),
    ("\ufb06ep and la\ufb05", "step and last"),
]

WHITESPACE_CASES = [
    ("  two  spaces\tand\nnewline  ", "two spaces and newline"),
    ("trailing space ", "trailing space"),
    ("\u00a0non-breaking\u00a0 space", "non-breaking space"),
    ("", ""),
]

UNDECIDABLE_CASES = [
    ("a misspeci�cation of the loss", "misspeci�cation"),  # not in the frequency list
    ("see pages 3�4 for details", "pages 3�4"),  # a dash or a hyphen, digits say nothing
    ("� he said", "� he said"),  # nothing on the left
    ("state�of�the�art", "state"),  # hyphens are not among the rules
    ("Gradient hacking� is a strategy", "hacking� is a"),
]


@pytest.mark.parametrize(("raw", "expected"), EXAMPLE_NOTE_CASES)
def test_example_note_highlight_is_repaired_as_a_reader_would(raw: str, expected: str) -> None:
    repaired = repair_text(raw)
    assert repaired.text == expected
    assert len(repaired.unresolved) == expected.count("\ufffd")


def test_example_note_cases_cover_every_damaged_highlight_in_the_note() -> None:
    damaged = [
        re.sub(r" \[\(p\. .*$", "", line)
        for line in EXAMPLE_NOTE.read_text(encoding="utf-8").splitlines()
        if "\ufffd" in line
    ]
    covered = {raw for raw, _ in EXAMPLE_NOTE_CASES}
    assert [text for text in damaged if text not in covered] == []
    assert sum(raw.count("\ufffd") for raw, _ in EXAMPLE_NOTE_CASES) == 66


@pytest.mark.parametrize(("raw", "expected"), LOST_LIGATURE_CASES)
def test_lost_ligature_is_restored_from_word_frequency(raw: str, expected: str) -> None:
    assert repair_text(raw) == Repair(expected, (), False)


@pytest.mark.parametrize(("raw", "expected"), LOST_PUNCTUATION_CASES)
def test_lost_punctuation_is_restored_from_context(raw: str, expected: str) -> None:
    assert repair_text(raw) == Repair(expected, (), False)


@pytest.mark.parametrize(("raw", "expected"), LIGATURE_CODE_POINT_CASES)
def test_ligature_code_points_become_plain_letters(raw: str, expected: str) -> None:
    assert repair_text(raw).text == expected


@pytest.mark.parametrize(("raw", "expected"), WHITESPACE_CASES)
def test_whitespace_runs_collapse_to_one_space_and_ends_are_trimmed(
    raw: str, expected: str
) -> None:
    assert repair_text(raw) == Repair(expected, (), False)


@pytest.mark.parametrize(("raw", "snippet_part"), UNDECIDABLE_CASES)
def test_undecidable_replacement_character_stays_and_is_reported(
    raw: str, snippet_part: str
) -> None:
    repaired = repair_text(raw)
    assert repaired.text == raw
    assert len(repaired.unresolved) == raw.count("\ufffd")
    assert snippet_part in repaired.unresolved[0]
    assert all(len(snippet) <= 31 for snippet in repaired.unresolved)


def test_other_words_are_left_alone_even_when_misspelt() -> None:
    raw = "shortcycle de mographics artificial 2 intelligence fine-tunin"
    assert repair_text(raw).text == raw


@pytest.mark.parametrize(
    ("raw", "flag"),
    [
        ("n order for a model", True),
        ("tion of the model", True),
        ("ing the weights", True),
        ("a model of the world", False),
        ("In order for a model", False),
        ("the model", False),
        ("e.g. the model", False),
    ],
)
def test_selection_starting_mid_word_is_flagged_but_not_changed(raw: str, flag: bool) -> None:
    repaired = repair_text(raw)
    assert repaired.starts_mid_word is flag
    assert repaired.text == raw


REPAIRED_CHARACTERS = "\ufffd\ufb00\ufb01\ufb02\ufb03\ufb04\ufb05\ufb06"
# Pieces that meet the repair rules often, mixed with any character at all.
DAMAGE_PRONE_TEXT = st.lists(
    st.one_of(
        st.sampled_from([*"ab fiOT.,'()3\n\t\u00a0\ufffd\ufb01\ufb03", "he", "ll", "gure", "  "]),
        st.characters(),
    ),
    max_size=40,
).map("".join)


@settings(deadline=None)
@given(DAMAGE_PRONE_TEXT)
def test_any_text_is_repaired_without_error_and_every_leftover_is_reported(raw: str) -> None:
    repaired = repair_text(raw)
    assert not re.search(r"\s\s", repaired.text)
    assert repaired.text == repaired.text.strip()
    assert len(repaired.unresolved) == repaired.text.count("\ufffd")


@settings(deadline=None)
@given(st.text(st.characters(exclude_characters=REPAIRED_CHARACTERS)))
def test_undamaged_text_only_has_its_whitespace_collapsed(raw: str) -> None:
    assert repair_text(raw).text == " ".join(raw.split())
