"""The judge reads a card as a learner does: what the front leaves to choose, and what it gives
away, in several domains (sentences written for these tests, none a fixture note's).

Each test gives cards a reader would delete for one general reason and cards alike in shape
that a reader keeps.
"""

from __future__ import annotations

import pytest

from anki_export.cards.judging.judge import judge
from anki_export.cards.judging.shown import Pattern, Shown, Source

MEDICINE = Source("Hypertension and stroke in older adults", "leeHypertension2019")
SOCIOLOGY = Source("Schooling and social mobility", "breenMobility2010")
CHEMISTRY = Source("Catalysis in the petroleum industry", "ertlCatalysis2008")
HISTORY = Source("The fall of the Western Roman Empire", "heatherFall2005")
SLEEP = Source("Sleep consolidates memory", "walkerSleep2017")
TRADE = Source("Tariffs and the decline of world trade", "irwinTariffs2011")


def _patterns(front: str, answer: str, source: Source) -> set[Pattern]:
    """The patterns the judge finds in one cloze card."""
    card = Shown(front, answer, line=1)
    return {v.pattern for v in judge([card], source) if v.card is card}


@pytest.mark.parametrize(("front", "answer", "source"), [
    ("Smokers over sixty are at [...] risk of a second stroke.", "high", MEDICINE),
    ("Tracking by ability at age ten harmed [...] children most.", "poor", SOCIOLOGY),
    ("The reforms gave [...] power to the provincial governors.", "military", HISTORY),
])
def test_a_common_adjective_hidden_before_its_noun_is_guessable(front: str, answer: str,
                                                                source: Source) -> None:
    assert "guessable" in _patterns(front, answer, source)


@pytest.mark.parametrize(("front", "answer", "source"), [
    ("Zeolites made [...] cracking the main route to petrol.", "catalytic", MEDICINE),
    ("The [...] legions were withdrawn from Britain in 410.", "Gallic", HISTORY),
    ("Amlodipine lowers [...] pressure within a week.", "systolic", MEDICINE),
    ("Students from [...] families left school two years earlier.", "working-class", SOCIOLOGY),
])
def test_a_rare_or_named_modifier_is_not_guessed_from_its_noun(front: str, answer: str,
                                                               source: Source) -> None:
    assert "guessable" not in _patterns(front, answer, source)


@pytest.mark.parametrize(("front", "answer", "source"), [
    ("The collapse of order in the [...] ended the villa economy of the provinces.", "West",
     HISTORY),
    ("Wages across the [...] fell once the gold standard returned.", "world", TRADE),
])
def test_a_very_common_noun_closing_a_phrase_before_the_verb_is_guessable(
        front: str, answer: str, source: Source) -> None:
    assert "guessable" in _patterns(front, answer, source)


@pytest.mark.parametrize(("front", "answer", "source"), [
    ("The collapse of order in [...] ended the villa economy of the provinces.", "Gaul",
     HISTORY),
    ("Zeolite pores in the [...] sieve out the larger molecules.", "sorbent", CHEMISTRY),
])
def test_a_rarer_noun_in_that_place_is_asked(front: str, answer: str, source: Source) -> None:
    assert "guessable" not in _patterns(front, answer, source)


@pytest.mark.parametrize(("front", "answer", "source"), [
    ("Walker argues that deep sleep [...] in older adults too.", "consolidates memory", SLEEP),
    ("Irwin finds that the Smoot-Hawley Act [...] by a quarter.", "cut world trade", TRADE),
    ("Cohort studies show that lowering blood pressure [...] by a third.",
     "prevents stroke", MEDICINE),
])
def test_a_verb_on_the_titles_subject_is_read_off_the_title(front: str, answer: str,
                                                            source: Source) -> None:
    assert "guessable" in _patterns(front, answer, source)


@pytest.mark.parametrize(("front", "answer", "source"), [
    ("Walker argues that deep sleep [...] in older adults too.", "clears adenosine", SLEEP),
    ("Irwin finds that the Smoot-Hawley Act [...] by a quarter.", "raised import duties",
     TRADE),
    ("The pump of a heart failing with age is [...].", "barely aligned", MEDICINE),
])
def test_a_predicate_the_title_does_not_name_is_asked(front: str, answer: str,
                                                      source: Source) -> None:
    assert "guessable" not in _patterns(front, answer, source)


@pytest.mark.parametrize(("front", "answer", "source"), [
    ("Spaced practice is [...] of learning than cramming.", "a far stronger kind", SLEEP),
    ("Hydrocracking is [...] of cracking than the thermal route.", "a much safer form",
     CHEMISTRY),
])
def test_only_modifiers_on_a_general_head_before_of_is_an_empty_word(
        front: str, answer: str, source: Source) -> None:
    assert "empty-word" in _patterns(front, answer, source)


@pytest.mark.parametrize(("front", "answer", "source"), [
    ("A clearing house can be described as [...] and a ledger of claims to a net position.",
     "netting a payment", TRADE),
    ("The drug works by [...] and the chloride channels of the kidney tubule.",
     "blocking the sodium", MEDICINE),
])
def test_a_gap_taking_a_verb_and_the_first_of_its_objects_does_not_stand_alone(
        front: str, answer: str, source: Source) -> None:
    assert "not-standalone" in _patterns(front, answer, source)


@pytest.mark.parametrize(("front", "answer", "source"), [
    ("The drug works by [...] and so lowers the volume of blood.", "blocking sodium channels",
     MEDICINE),
    ("[...] and the chloride channels are both blocked by the drug.", "The sodium channels",
     MEDICINE),
])
def test_a_whole_verb_phrase_or_a_noun_before_and_stands_alone(front: str, answer: str,
                                                               source: Source) -> None:
    assert "not-standalone" not in _patterns(front, answer, source)


def test_a_front_with_words_but_no_content_around_the_gap_does_not_stand_alone() -> None:
    assert "not-standalone" in _patterns("Over and over, most of it was then [...] in all of "
                                         "them.", "Byzantine", HISTORY)
    assert "not-standalone" not in _patterns("Over and over, most of the forum was then [...] "
                                             "in all of the provinces.", "Byzantine", HISTORY)


@pytest.mark.parametrize(("front", "answer", "source"), [
    ("Gluconeogenesis makes glucose in the liver, which also stores it as glycogen, burning "
     "[...] from fat.", "acetyl-CoA", MEDICINE),
    ("Plants such as maize first fix [...] into malate, which concentrates CO2 around rubisco.",
     "carbon dioxide", CHEMISTRY),
    ("Muscles burn [...] fastest; adenosine triphosphate lasts only seconds.", "ATP", MEDICINE),
    ("The index tracks [...] per head, since GDP alone hides population growth.",
     "gross domestic product", TRADE),
])
def test_a_symbol_on_the_front_that_abbreviates_the_answer_shows_it(front: str, answer: str,
                                                                    source: Source) -> None:
    guessable = "guessable" in _patterns(front, answer, source)
    assert guessable == (answer != "acetyl-CoA")  # the first card shows no symbol of its answer


@pytest.mark.parametrize(("front", "answer", "source"), [
    ("Diuretics lower [...] before the ACE inhibitors are added.", "blood pressure", MEDICINE),
    ("The Smoot-Hawley Act raised [...] on 20,000 goods, the GATT later cut them.",
     "import duties", TRADE),
])
def test_a_symbol_that_does_not_spell_the_answer_shows_nothing(front: str, answer: str,
                                                               source: Source) -> None:
    assert "guessable" not in _patterns(front, answer, source)


@pytest.mark.parametrize(("front", "answer", "source"), [
    ("Older adults with [...] of stroke, the trial found, gained most from lower targets.",
     "a history", MEDICINE),
    ("[...] improves supervised learning, above all with few labels.",
     "Self-supervised pretraining learning", SOCIOLOGY),
    ("Mobility fell most for [...] in the cohorts born after 1960.", "more rural schools",
     SOCIOLOGY),
])
def test_a_contrast_on_a_shared_head_or_a_modifier_of_the_title_is_asked(
        front: str, answer: str, source: Source) -> None:
    assert "guessable" not in _patterns(front, answer, source)


@pytest.mark.parametrize(("front", "answer", "source"), [
    ("In a trial with [...] in three countries, 300 of them had a second stroke.",
     "2,000 patients", MEDICINE),
    ("Among [...] surveyed in 1990, a third had left school at sixteen.", "5,000 adults",
     SOCIOLOGY),
])
def test_a_count_that_sets_a_studys_scene_is_a_reference(front: str, answer: str,
                                                         source: Source) -> None:
    assert "reference" in _patterns(front, answer, source)


@pytest.mark.parametrize(("front", "answer", "source"), [
    ("In [...], a third of the legions were recruited from outside Italy.", "AD 200", HISTORY),
    ("Statins cut strokes by a fifth in a trial with [...].", "2,000 patients", MEDICINE),
])
def test_a_count_in_the_finding_is_not_a_reference(front: str, answer: str,
                                                   source: Source) -> None:
    assert "reference" not in _patterns(front, answer, source)


@pytest.mark.parametrize(("front", "answer", "source"), [
    ("In Venice, Bellini painted [...] on canvas, in Florence, Botticelli painted the myths "
     "of Venus, and in Rome, Raphael painted the papal rooms.", "altarpieces", HISTORY),
    ("In Kenya, farmers grow [...] for export, in Ghana, farmers grow cocoa, and in Brazil, "
     "farmers grow coffee.", "tea", TRADE),
])
def test_one_of_three_parallel_clauses_is_a_list_item(front: str, answer: str,
                                                      source: Source) -> None:
    assert "list" in _patterns(front, answer, source)


def test_two_parallel_clauses_that_differ_at_the_gap_are_no_list() -> None:
    assert "list" not in _patterns("In Kenya, farmers grow [...] for export, while in Ghana, "
                                   "farmers grow cocoa.", "tea", TRADE)


@pytest.mark.parametrize(("front", "answer", "source"), [
    ("Zeolite Y is a porous [...] at high temperature, which gives it its selectivity.",
     "framework cracking alkanes", CHEMISTRY),
    ("The NHS is a unified [...] across all regions, which keeps costs low.",
     "service funding hospitals", MEDICINE),
])
def test_a_gap_from_inside_a_noun_phrase_into_its_clause_does_not_stand_alone(
        front: str, answer: str, source: Source) -> None:
    assert "not-standalone" in _patterns(front, answer, source)


def test_a_definition_asked_under_a_date_is_a_broken_question() -> None:
    card = Shown("By 1450, what is a codex?", "Books had replaced scrolls.", kind="qa", line=1)
    good = Shown("In Roman law, what is a codex?", "A bound book of laws.", kind="qa", line=2)
    verdicts = judge([card, good], HISTORY)
    assert {v.card for v in verdicts if v.pattern == "not-standalone"} == {card}


@pytest.mark.parametrize(("front", "answer", "source"), [
    ("Surveys combine galaxy counts and [...] lensing to weigh the dark matter.",
     "weak gravitational", CHEMISTRY),
    ("Hospitals adopted [...] screening for all older patients.", "routine genetic", MEDICINE),
])
def test_a_gap_of_modifiers_whose_noun_stays_visible_is_no_phrase(front: str, answer: str,
                                                                  source: Source) -> None:
    assert "not-standalone" in _patterns(front, answer, source)


@pytest.mark.parametrize(("front", "answer", "source"), [
    ("[...] stars fuse helium after leaving the main sequence.", "Red giant", CHEMISTRY),
    ("Raft calls this guarantee the [...] property of the log.", "Leader Append-Only", TRADE),
])
def test_a_noun_or_a_name_used_as_a_modifier_is_a_whole_answer(front: str, answer: str,
                                                               source: Source) -> None:
    assert "hides modifiers" not in " ".join(
        v.reason for v in judge([Shown(front, answer, line=1)], source))


def test_a_gap_ending_on_a_subordinator_stops_inside_a_clause() -> None:
    assert "not-standalone" in _patterns("Tariffs rose on the [...] the election was over.",
                                         "imported steel once", TRADE)
    assert "not-standalone" in _patterns("Stroke risk fell in [...] blood pressure was treated.",
                                         "patients whose", MEDICINE)


def test_a_plural_subject_and_its_verb_hidden_before_their_object_is_no_phrase() -> None:
    assert "not-standalone" in _patterns("[...] wealth in the hands of a few families.",
                                         "Extractive guilds concentrate", HISTORY)
    assert "not-standalone" not in _patterns("[...] hold wealth in the hands of a few "
                                             "families.", "Extractive guilds", HISTORY)


def test_this_standing_for_a_noun_points_at_text_not_shown() -> None:
    assert "not-standalone" in _patterns("Historians have called this the [...].",
                                         "crisis of the third century", HISTORY)
    assert "not-standalone" not in _patterns("Historians call the years 235 to 284 the [...].",
                                             "crisis of the third century", HISTORY)
    assert "not-standalone" not in _patterns("Wages of the poor rose faster than those of the "
                                             "[...].", "guild masters", HISTORY)


def test_a_gap_from_a_noun_into_an_adjectives_phrase_is_no_phrase() -> None:
    assert "not-standalone" in _patterns("Tariffs had an effect on [...] to their size.",
                                         "trade proportional", TRADE)
    assert "not-standalone" not in _patterns("Tariffs had an effect [...] to their size.",
                                             "roughly proportional", TRADE)


def test_a_lowercase_start_that_is_a_whole_clause_stands_alone() -> None:
    assert "not-standalone" not in _patterns("wild bee numbers fell by [...] between the "
                                             "villages and the city.", "a third", MEDICINE)
    assert "not-standalone" in _patterns("workers that fled the cities, and not [...] who "
                                         "stayed on the land", "the serfs", HISTORY)


def test_a_title_naming_one_of_the_kinds_a_highlights_cards_ask_gives_none_away() -> None:
    source = Source("Deceptive signals in animal communication", "searcySignals2005")
    honest = Shown("Among the signals: the peacock's tail is [...]", "an honest signal", line=5)
    deceptive = Shown("Among the signals: the bee orchid's scent is [...]", "a deceptive signal",
                      line=5, label="c2")
    alone = {v.pattern for v in judge([deceptive], source)}
    together = {v.pattern for v in judge([honest, deceptive], source) if v.card is deceptive}
    assert "guessable" in alone
    assert "guessable" not in together


@pytest.mark.parametrize(("front", "answer", "source"), [
    ("Pensions were set by the [...] had worked in the mill.", "number of years a widow", TRADE),
    ("Tolls had [...] was counted in.", "no visible effect unless freight", TRADE),
    ("Patients admitted before day [...] recovered their speech.", "10 usually", MEDICINE),
    ("Ports raised [...] fiscal revenue.", "a far higher share of national", TRADE),
])
def test_a_gap_running_into_the_next_clause_or_phrase_does_not_stand_alone(
        front: str, answer: str, source: Source) -> None:
    assert "not-standalone" in _patterns(front, answer, source)


@pytest.mark.parametrize(("front", "answer", "source"), [
    ("Pensions were set by the [...] in the mill.", "number of years worked", TRADE),
    ("Mitochondria [...] come from the mother.", "almost always", MEDICINE),
    ("Exporters asked for [...] for marine shipping insurance.", "a far lower rate", TRADE),
])
def test_a_gap_that_ends_its_phrase_stands_alone(front: str, answer: str,
                                                 source: Source) -> None:
    assert "not-standalone" not in _patterns(front, answer, source)
