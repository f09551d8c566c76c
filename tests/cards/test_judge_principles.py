"""The judge on the principles read from held-out graded sets 0.6, 0.7 and 0.8: a front that
shows the other side of its answer, a label a colon spells out, damaged words, an answer that
takes the clause's verb with its subject.

Sentences written for these tests, in domains no graded set uses (none is a fixture note's);
each bad card has a good card of the same shape that must stay unflagged.
"""

from __future__ import annotations

import pytest

from anki_export.cards.judging.judge import judge
from anki_export.cards.judging.shown import Pattern, Shown, Source

OPTICS = Source("Lens aberrations in microscope objectives", "smithLens2004")
DAIRY = Source("Cheese ripening and the chemistry of milk proteins", "foxCheese2017")
VOLCANO = Source("Magma ascent and eruption styles", "cashmanMagma2013")


def _patterns(front: str, answer: str, source: Source, kind: str = "cloze") -> set[Pattern]:
    """The patterns the judge finds in one card."""
    card = Shown(front, answer, kind="qa" if kind == "qa" else "cloze", line=1,
                 label="qa" if kind == "qa" else "c1")
    return {v.pattern for v in judge([card], source) if v.card is card}


@pytest.mark.parametrize(("front", "answer", "source"), [
    ("Spherical aberration blurs the image most in [...] of the lens, and least in the inner "
     "zone, where rays pass close to the axis.", "the outer zone", OPTICS),
    ("A low pH is [...] but not a sufficient condition for the curd to knit.", "a necessary",
     DAIRY),
    ("Basaltic magmas erupt at [...] temperatures, whereas rhyolitic magmas erupt at lower ones "
     "and explode.", "higher", VOLCANO),
])
def test_an_answer_whose_other_side_the_front_shows_is_guessable(front: str, answer: str,
                                                                 source: Source) -> None:
    assert "guessable" in _patterns(front, answer, source)


@pytest.mark.parametrize(("front", "answer", "source"), [
    ("Spherical aberration blurs the image most at the outer zone of the lens, and least at "
     "[...] where rays pass close to the axis.", "the centre", OPTICS),
    ("Basaltic magmas erupt hotter and flow, whereas rhyolitic magmas are [...] and explode.",
     "viscous", VOLCANO),
])
def test_an_answer_with_no_opposite_on_the_front_is_still_asked(front: str, answer: str,
                                                                source: Source) -> None:
    assert "guessable" not in _patterns(front, answer, source)


def test_most_words_of_the_answer_shown_in_another_form_give_it_away() -> None:
    front = ("Because rennet-coagulated curd retains more calcium, cheesemakers say that "
             "calcium retention drives [...].")
    assert "guessable" in _patterns(front, "curd retaining calcium", DAIRY)
    assert "guessable" not in _patterns(front, "a firmer, more elastic texture", DAIRY)


@pytest.mark.parametrize(("front", "answer"), [
    ("Ripening proceeds through [...]: glycolysis of residual lactose, lipolysis of milk fat "
     "and proteolysis of caseins.", "three main processes"),
    ("Long ripening is [...]: its cost grows with every month the wheels occupy the cave.",
     "expensive"),
])
def test_a_common_label_the_colon_spells_out_is_empty(front: str, answer: str) -> None:
    assert "empty-word" in _patterns(front, answer, DAIRY)


def test_a_term_the_colon_defines_is_still_asked() -> None:
    front = ("The curd is then [...]: stacked and turned in slabs so that whey drains and the "
             "texture becomes fibrous.")
    assert "empty-word" not in _patterns(front, "cheddared", DAIRY)


@pytest.mark.parametrize(("front", "answer", "kind"), [
    ("Why were bjec thought to correct coma fully, largely?", "Their curvature was chosen for "
     "spherical aberration only.", "qa"),
    ("Once the [...] order of the elem", "refractive", "cloze"),
    ("[...] is a cemented doublet: it brings two colours to one focus.", "chro lens", "cloze"),
    ("Because the glass absorbs below 350 nm, the objective transmits little at [...]\ufffd",
     "ultraviolet wavelengths", "cloze"),
    ("Why did a steeper lens curvature worsens spherical aberration?",
     "Marginal rays are bent more than paraxial ones.", "qa"),
])
def test_damaged_words_do_not_stand_alone(front: str, answer: str, kind: str) -> None:
    assert "not-standalone" in _patterns(front, answer, OPTICS, kind)


@pytest.mark.parametrize(("front", "answer", "kind"), [
    ("Why does a steeper lens curvature increase spherical aberration, which limits the "
     "aperture?", "Marginal rays are bent more than paraxial ones.", "qa"),
    ("An apochromat brings [...] to one focus, where an achromat brings two.", "three colours",
     "cloze"),
    ("Field curvature bends the image onto a curved surface, the Petzval [...].", "surface",
     "cloze"),
])
def test_whole_words_and_questions_stand_alone(front: str, answer: str, kind: str) -> None:
    assert "not-standalone" not in _patterns(front, answer, OPTICS, kind)


@pytest.mark.parametrize(("front", "answer"), [
    ("Crystals as small as [...] longer when the magma rises slowly through the conduit.",
     "10 microns grow"),
    ("The melt inclusion (MI) [...] as P = ρ g h, where ρ is the density of the crust.",
     "method estimates pressure"),
])
def test_an_answer_holding_the_clause_verb_with_its_subject_is_no_phrase(front: str,
                                                                        answer: str) -> None:
    assert "not-standalone" in _patterns(front, answer, VOLCANO)


@pytest.mark.parametrize(("front", "answer"), [
    ("The [...] states that bubbles nucleate once the melt is supersaturated in water.",
     "nucleation threshold hypothesis"),
    ("Magma holds about [...] as much water at depth as at the surface.", "fifty times"),
    ("[...], which measure sulphur dioxide from orbit, track degassing before eruptions.",
     "Satellite spectrometers"),
])
def test_a_noun_phrase_whose_verb_stands_outside_the_gap_is_a_phrase(front: str,
                                                                    answer: str) -> None:
    assert "not-standalone" not in _patterns(front, answer, VOLCANO)


@pytest.mark.parametrize(("front", "answer"), [
    ("Calderas are [...] that form when the roof of an emptied magma chamber collapses.",
     "large depressions"),
    ("Tephra layers (TLs) are [...] in lake sediments that record single eruptions.",
     "thin beds"),
])
def test_the_general_class_of_a_definition_is_an_empty_answer(front: str, answer: str) -> None:
    assert "empty-word" in _patterns(front, answer, VOLCANO)


@pytest.mark.parametrize(("front", "answer"), [
    ("A caldera is [...] of a volcano whose magma chamber has emptied.", "the collapsed summit"),
    ("Calderas are [...] that form when the roof of an emptied magma chamber collapses.",
     "collapse craters formed over the chamber's roof as the pressure drops"),
])
def test_a_definition_asked_on_what_it_says_is_still_asked(front: str, answer: str) -> None:
    assert "empty-word" not in _patterns(front, answer, VOLCANO)


@pytest.mark.parametrize(("front", "answer", "kind"), [
    # A term and its definition beside it, as a glossary writes them.
    ("lens [...], the distance from the lens at which parallel rays meet", "focal length",
     "cloze"),
    # "those" after "than" stands for what the sentence itself names.
    ("Why are coma errors harder to correct than those of spherical aberration?",
     "Coma depends on the field angle, which one lens shape cannot fix for every point.", "qa"),
    # "cannot" is the main clause's verb.
    ("Chromatic errors, which depend on the glass, cannot be removed by bending a single lens, "
     "and a doublet is [...] for that.", "needed", "cloze"),
    # A rare word that corpora hold is whole, though no word list has it.
    ("Hot water lets the adsorbed dyes [...] and then desorb", "swell", "cloze"),
])
def test_fronts_that_look_cut_but_are_whole_stand_alone(front: str, answer: str,
                                                        kind: str) -> None:
    assert "not-standalone" not in _patterns(front, answer, OPTICS, kind)


@pytest.mark.parametrize(("front", "answer"), [
    ("A dose of [...] given before milking raised the yield by 12% in the first week.",
     "40 mg"),
    ("Following the flood of the cellar in [...], the cheeses that had ripened there developed "
     "a blue rind.", "1994"),
    ("The guild, first chartered at Gouda in [...], levied a fee on every cheese it weighed.",
     "1668"),
])
def test_a_number_in_the_setting_of_a_finding_is_a_side_detail(front: str,
                                                                answer: str) -> None:
    assert "reference" in _patterns(front, answer, DAIRY)


@pytest.mark.parametrize(("front", "answer"), [
    ("In April [...], the guild raised the weighing fee from two to three stuivers.", "1668"),
    ("Ripening losses fell by [...] in humidified rooms over eight weeks.", "4%"),
    ("The cellar absorbed about [...] of the excess moisture, with almost no wheels cracked.",
     "60%"),
    ("Mature Gouda holds about [...] of water.", "30%"),
])
def test_a_number_that_is_the_finding_is_asked(front: str, answer: str) -> None:
    assert "reference" not in _patterns(front, answer, DAIRY)


@pytest.mark.parametrize(("front", "answer"), [
    ("The rind stays [...] when the wheels are waxed, since no air reaches them.", "weaker"),
    ("The pH change is [...] when lactate is converted to carbonate by the moulds.", "positive"),
])
def test_a_lone_end_of_a_two_sided_scale_is_an_even_odds_guess(front: str, answer: str) -> None:
    assert "guessable" in _patterns(front, answer, DAIRY)


@pytest.mark.parametrize(("front", "answer"), [
    ("Washed rinds are dominated by [...], which give them their smell.", "coryneform bacteria"),
    ("[...] means that whey proteins denature when milk is heated above 70 °C, while caseins "
     "gain stability.", "Heat lability"),
    ("Photometric errors remain the [...] source of noise in the survey.", "dominant"),
])
def test_an_answer_with_no_second_side_is_asked(front: str, answer: str) -> None:
    assert "guessable" not in _patterns(front, answer, DAIRY)


@pytest.mark.parametrize(("front", "answer", "kind", "pattern"), [
    # An acronym after the gap spells the hidden words but their leading modifier.
    ("[...] (HRC) cover the cylinder in several layers.", "Thin Helical Reinforcing Coils",
     "cloze", "guessable"),
    # The reader's own remark taken for the source's words.
    ("What is chromatic aberration?", "Comment: the apochromat handbook explains it better",
     "qa", "not-standalone"),
    ("Which term is this: “Note: check this against the Zeiss catalogue”?", "apochromat", "qa",
     "not-standalone"),
    # A sentence split at an abbreviation's full stop.
    ("the lens was ground from [...] of the 12 blanks within 30 days, in c.", "9", "cloze",
     "not-standalone"),
    # A noun that names a kind of anything.
    ("Each observer places [...] in front of the lens and reads the scale.", "an object", "cloze",
     "empty-word"),
])
def test_principles_that_carry_to_other_sets(front: str, answer: str, kind: str,
                                             pattern: Pattern) -> None:
    assert pattern in _patterns(front, answer, OPTICS, kind)


@pytest.mark.parametrize(("front", "answer", "kind", "pattern"), [
    ("[...] (HRC) cover the cylinder in several layers.", "Steel hoops wound by hand", "cloze",
     "guessable"),
    ("What is chromatic aberration?", "Light of different colours is focused at different "
     "distances.", "qa", "not-standalone"),
    ("The objective was cooled to 4 °C.", "", "cloze", "not-standalone"),
    ("Each observer places the [...] in front of the lens and reads the scale.", "vernier",
     "cloze", "empty-word"),
])
def test_cards_of_the_same_shapes_that_a_reader_keeps(front: str, answer: str, kind: str,
                                                      pattern: Pattern) -> None:
    card_front = front if "[...]" in front or kind == "qa" else front.replace("4 °C", "[...] °C")
    card_answer = answer or "4"
    assert pattern not in _patterns(card_front, card_answer, OPTICS, kind)


@pytest.mark.parametrize(("front", "answer"), [
    ("[...], rather than being spread over a whole season", "the first two weeks of May"),
    ("The resulting loss of [...]", "whey protein"),
])
def test_a_front_with_no_verb_at_all_states_nothing(front: str, answer: str) -> None:
    assert "not-standalone" in _patterns(front, answer, DAIRY)


@pytest.mark.parametrize(("front", "answer"), [
    ("The curd, rather than being pressed, is [...] in moulds.", "drained"),
    ("rennet [...], the enzyme mixture that cuts kappa-casein", "chymosin"),
    ("In Gouda v. Edam (1868) the court [...] the name of the cheese to the town.", "tied"),
    ("La cagliata viene [...] nelle forme.", "scolata"),
])
def test_a_front_with_a_verb_or_a_gloss_stands_alone(front: str, answer: str) -> None:
    assert "not-standalone" not in _patterns(front, answer, DAIRY)


def test_a_passive_participle_the_word_list_lacks_is_still_an_empty_verb() -> None:
    front = "In Emmental, the curd grains are [...] by propionic bacteria that make the holes."
    assert "empty-word" in _patterns(front, "outgassed", DAIRY)
    kept = "In Emmental, the holes are [...] in the warm room, three weeks after brining."
    assert "empty-word" not in _patterns(kept, "outgassed", DAIRY)


def test_an_answer_that_stops_inside_a_phrase_is_no_phrase() -> None:
    front = "Waxing cut moisture loss by [...] to unwaxed wheels in 12 of 14 trials."
    assert "not-standalone" in _patterns(front, "30-40% relative", DAIRY)
    kept = "Moisture loss is [...] to the surface of the wheel."
    assert "not-standalone" not in _patterns(kept, "directly proportional", DAIRY)


@pytest.mark.parametrize(("front", "answer", "pattern"), [
    # Read on cards of the reading fixtures, which no check was written from.
    ("The rind advanced [...] in fourteen days, the fastest growth recorded in the cave.",
     "2.8 mm", "reference"),
    ("A cave that stays [...] below the door is a cave in name only.", "2 metres", "reference"),
    ("Occasional bloom is [...] in the rind of the same wheel.", "variability", "empty-word"),
    ("We are [...] who tend to think that every hole has a cause.", "impatient cheesemakers",
     "empty-word"),
    ("Industrial ripening unilaterally claims [...] as a free input to the process.",
     "human experience", "not-standalone"),
    ("In the Gouda market, cheese becomes [...] at twelve months.", "voluntary", "guessable"),
    ("Le fromage est affiné entre [...] et 1452 dans les caves du couvent.", "1437", "reference"),
])
def test_narrowed_checks_keep_cards_of_the_same_shapes(front: str, answer: str,
                                                       pattern: Pattern) -> None:
    assert pattern not in _patterns(front, answer, DAIRY)


def test_a_glossary_line_whose_term_is_cut_does_not_stand_alone() -> None:
    assert "not-standalone" in _patterns("ntes de [...], a cobertura era maior", "1985", DAIRY)
