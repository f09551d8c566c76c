"""The judge on the principles read from held-out set 0.9: a front whose opener was cut, a
front cut short at its end, an eponym hidden while what it names stays visible, a question
answered in another language.

Sentences written for these tests, in domains no graded set uses; each bad card has a good
card of the same shape that must stay unflagged.
"""

from __future__ import annotations

import pytest

from anki_export.cards.judging.shown import Source
from tests.cards.test_judge_principles import _patterns

RAIL = Source("Track gauge and the economics of railway networks", "puffertTracks2009")
BEES = Source("Honey bee foraging and the waggle dance", "seeleyHoneybee2010")
FLUIDS = Source("Turbulence in pipe flow", "pope2000")




@pytest.mark.parametrize("front", [
    "To the British network, which kept its many gauges for decades, the Prussian lines "
    "adopted the standard gauge of [...] within a single generation.",
    "Contrast, foragers returning from a poor patch dance for [...] only.",
])
def test_a_front_that_lost_its_opener_does_not_stand_alone(front: str) -> None:
    assert "not-standalone" in _patterns(front, "a few seconds", RAIL)


@pytest.mark.parametrize("front", [
    "To limit transshipment costs, the Prussian lines adopted the standard gauge of [...] "
    "within a single generation.",
    "To our knowledge, foragers returning from a rich patch always dance for [...].",
    "To the early engineers, a narrow gauge of [...] seemed cheaper to build in the hills.",
    "To Brunel, the broad gauge of [...] was worth its cost in speed.",
    "Unlike the British network, the Prussian lines adopted the standard gauge of [...] "
    "within a single generation.",
])
def test_an_infinitive_or_whole_opener_stands_alone(front: str) -> None:
    assert "not-standalone" not in _patterns(front, "1435 mm", RAIL)


@pytest.mark.parametrize(("front", "answer"), [
    ("Scouts that found the richer patch danced [...] circuits, while the poor", "more"),
    ("The waggle run's angle to the vertical gives the [...] of the food, and its duration "
     "roughly its distance on the comb, within a few hundred metres of the hive after a "
     "strongly-scented flor", "direction"),
    ("The recruits search the area the dance encodes and find the flowers by [...], which is "
     "partly individually lear", "scent"),
])
def test_a_front_cut_short_at_its_end_does_not_stand_alone(front: str, answer: str) -> None:
    assert "not-standalone" in _patterns(front, answer, BEES)


@pytest.mark.parametrize(("front", "answer"), [
    ("Scouts that found the richer patch danced [...] circuits, while the poor ones danced few",
     "more"),
    ("The waggle run's angle to the vertical gives the [...] of the food, measured from the "
     "sun's azimuth", "direction"),
    ("Recruits find the flowers by [...], then learn their colour", "scent"),
    ("Foraging range depends on [...], colony size, and the season", "forage density"),
    ("Dance floors have moved to the hive entrance in [...], since the 1990s", "managed hives"),
])
def test_a_front_that_ends_on_whole_words_stands_alone(front: str, answer: str) -> None:
    assert "not-standalone" not in _patterns(front, answer, BEES)


@pytest.mark.parametrize("front", [
    "the [...] number is equivalent to the ratio of inertial to viscous forces in the pipe, "
    "and flow turns turbulent above about 2300",
    "With [...] constant κ = 0.41, the mean velocity grows with the logarithm of the "
    "distance from the wall.",
])
def test_an_eponym_that_only_attributes_a_visible_result_is_a_reference(front: str) -> None:
    answer = "Reynolds" if "number" in front else "Kármán"
    assert "reference" in _patterns(front, answer, FLUIDS)


@pytest.mark.parametrize(("front", "answer"), [
    ("The [...] hypothesis states that at high Reynolds numbers the small scales of "
     "turbulence are statistically isotropic.", "Kolmogorov"),
    ("The [...] equation, which balances pressure, viscous and inertial forces, has no general "
     "solution in three dimensions.", "Navier"),
    ("The ratio of inertial to viscous forces is often called the [...] number.", "Reynolds"),
    ("The [...] hypothesis (1941) holds that the small scales are universal.", "Kolmogorov"),
    ("[...] first measured the onset of turbulence by injecting dye into water in a glass "
     "pipe.", "Osborne Reynolds"),
])
def test_a_name_asked_from_what_it_states_or_as_a_fact_is_kept(front: str, answer: str) -> None:
    assert "reference" not in _patterns(front, answer, FLUIDS)


def test_a_question_answered_by_a_translation_is_no_answer() -> None:
    answer = "🔤a chamada \"dança do requebrado\" — termo popular, não científico?🔤"
    assert "empty-word" in _patterns("What is the waggle dance?", answer, BEES, kind="qa")


def test_a_question_answered_in_its_own_language_is_kept() -> None:
    answer = "a figure-eight run whose angle and length give the direction and distance of food"
    assert "empty-word" not in _patterns("What is the waggle dance?", answer, BEES, kind="qa")


@pytest.mark.parametrize("front", [
    "Turbulent pipe flow loses more pressure per metre than laminar flow at the same rate, "
    "which is why long oil pipelines are heated where they run through the [...].",
    "Friction factors measured in rough pipes approach a constant at high Reynolds numbers, "
    "and engineers read them from the chart that Moody published for the [...].",
])
def test_a_place_at_the_end_of_a_trailing_side_clause_is_a_side_detail(front: str) -> None:
    assert "reference" in _patterns(front, "permafrost", FLUIDS)


@pytest.mark.parametrize("front", [
    "Turbulent pipe flow loses more pressure per metre than laminar flow at the same rate, "
    "and the loss grows roughly with the square of the [...].",
    "Friction factors measured in rough pipes approach a constant at high Reynolds numbers "
    "and are read from charts when compared with the [...].",
    "Heating keeps the oil above its pour point in [...].",
    "Because heated lines lose less pressure in cold ground, several operators now argue "
    "that heating pays for itself on every line longer than a few kilometres in the [...].",
])
def test_a_gap_in_the_main_clause_or_a_short_front_is_asked(front: str) -> None:
    assert "reference" not in _patterns(front, "mean velocity", FLUIDS)
