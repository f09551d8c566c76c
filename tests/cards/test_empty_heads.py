"""A cloze hides the point of a sentence, not the empty word that governs it nor the setting of
a study (sentences of several domains, none from a graded set).

An everyday adjective with its preposition ("responsible for X"), a verb of saying or proposing
("it was argued that X", "proposed to explain X") and a degree phrase ("most stable in X") only
name a relation: the phrase they govern is what to recall. A number is asked when it is the
finding, not when it says how long a study ran or how much it covered.
"""

from __future__ import annotations

import pytest

from anki_export.cards.clozes import choose_targets
from anki_export.cards.roles import is_empty_predicate
from tests.cards.test_roles import _at


def _hidden(text: str) -> list[str]:
    return [text[s.start : s.end] for s in choose_targets(text)]


@pytest.mark.parametrize(("text", "empty", "point"), [
    ("Enzyme activity in the liver is dependent on dietary cholesterol intake.",
     "dependent", "dietary cholesterol intake"),
    ("Late medieval guilds were responsible for apprenticeship contracts in most towns.",
     "responsible", "apprenticeship contracts"),
    ("Tree ring widths are sensitive to summer precipitation in semi-arid regions.",
     "sensitive", "summer precipitation"),
    ("Grammatical gender is most stable in pronouns, which resist analogical levelling longest.",
     "stable", "pronouns"),
    ("Parliament was largely responsible for the abolition of the slave trade.",
     "responsible", "abolition of the slave trade"),
    ("The reaction rate is highly dependent on the solvent polarity.",
     "dependent", "solvent polarity"),
])
def test_an_everyday_adjective_gives_way_to_the_phrase_it_governs(
    text: str, empty: str, point: str
) -> None:
    hidden = _hidden(text)
    assert point in hidden
    assert not any(empty in h for h in hidden)


@pytest.mark.parametrize(("text", "point"), [
    ("Crop yields under drip irrigation were substantially higher than under flood irrigation.",
     "substantially higher"),  # a comparative is the finding
    ("The ground state of the crystal is metastable at room temperature.",
     "metastable"),  # a technical adjective is the point
    ("Soil moisture is inversely proportional to the depth of the water table.",
     "inversely proportional"),  # a technical relation is the point
    ("Byzantine court ritual is notoriously difficult to reconstruct from the chronicles.",
     "notoriously difficult"),  # an infinitive after it is no phrase to ask
])
def test_a_comparative_technical_or_modified_adjective_stays_the_target(
    text: str, point: str
) -> None:
    assert _hidden(text)[0] == point


def test_the_adjective_alone_is_an_empty_predicate_only_after_a_copula() -> None:
    toks, found = _at("Cases were responsible for most deaths.", "responsible")
    assert is_empty_predicate(toks, found, len(toks))
    toks, found = _at("A responsible for most deaths.", "responsible")
    assert not is_empty_predicate(toks, found, len(toks))


@pytest.mark.parametrize(("text", "empty", "point"), [
    ("It was initially argued that volcanic outgassing supplied the nitrogen of the early "
     "atmosphere.", "argued", "nitrogen of the early atmosphere"),
    ("Two mechanisms have been proposed to explain glacier surges: basal hydrology and thermal "
     "switching.", "explain", "glacier surges"),
])
def test_a_verb_of_saying_or_proposing_gives_way_to_what_was_said(
    text: str, empty: str, point: str
) -> None:
    hidden = _hidden(text)
    assert point in hidden
    assert not any(empty in h for h in hidden)


@pytest.mark.parametrize(("text", "setting"), [
    ("The cohort study followed 12,000 households over 8 years, and it showed that rural "
     "incomes converged with urban incomes.", ("12,000", "8 years")),
    ("We interviewed 340 nurses across four hospitals about their night shifts.", ("340",)),
    ("The panel was surveyed for 6 months before the election.", ("6 months",)),
    ("The nickel superalloy retains a hardness above 600 HV at 900 °C.", ("900",)),
    ("In the 1918 influenza pandemic, young adults accounted for a large share of deaths.",
     ("1918",)),
])
def test_a_number_that_sets_up_a_study_is_not_asked(text: str, setting: tuple[str, ...]) -> None:
    assert not any(s in h for h in _hidden(text) for s in setting)


@pytest.mark.parametrize(("text", "finding"), [
    ("The nickel superalloy retains a hardness above 600 HV at 900 °C.", "600 HV"),
    ("Pure iron melts at 1538 °C.", "1538"),
    ("Median survival rose to 14 months with the new protocol.", "14 months"),
    ("The Roman census of 28 BC counted 4,063,000 citizens.", "4,063,000 citizens"),
])
def test_a_number_that_is_the_finding_is_still_asked(text: str, finding: str) -> None:
    assert finding in _hidden(text)


def test_a_sentence_that_reports_a_finding_after_its_setting_asks_the_finding() -> None:
    text = ("The census team counted 8,000 nests along the coast in two seasons, and the survey "
            "showed that colonies near fishing ports are the fastest-declining group of seabirds.")
    hidden = _hidden(text)
    assert "fastest-declining group" in hidden[0]
    assert not any("8,000" in h for h in hidden)


@pytest.mark.parametrize(("text", "topic", "term"), [
    ("The enzyme is heat-labile: it loses its activity within minutes above 60 °C.",
     "heat", "heat-labile"),
    ("Meltwater at the glacier bed is sediment-laden: it carries ground rock to the outwash "
     "plain.", "sediment", "sediment-laden"),
])
def test_a_term_made_of_the_topic_and_a_rare_word_is_asked(
    text: str, topic: str, term: str
) -> None:
    spans = choose_targets(text, given=frozenset({topic}))
    assert term in [text[s.start : s.end] for s in spans]


def test_a_compound_of_the_topic_and_an_everyday_word_stays_the_topic() -> None:
    text = "Most detectors in the benchmark are CNN-based: they learn texture filters."
    spans = choose_targets(text, given=frozenset({"cnn"}))
    assert "CNN-based" not in [text[s.start : s.end] for s in spans]


def test_the_date_of_the_event_a_sentence_opens_with_is_still_asked() -> None:
    text = "In March 1979, the Three Mile Island reactor suffered a partial meltdown."
    assert "1979" in _hidden(text)
