"""A gap its own card fills in is never hidden: one side of a short contrast of properties, an
acronym whose words the card spells out (sentences from economics, biology, computing, law)."""

from __future__ import annotations

import pytest

from anki_export.cards.clozes import choose_targets
from anki_export.cards.giveaways import gives_itself_away
from anki_export.language.tokens import tokenize


def _gives_away(text: str, hidden: str) -> bool:
    toks, words = tokenize(text), hidden.split()
    (start,) = [k for k in range(len(toks)) if [t.text for t in toks[k : k + len(words)]] == words]
    return gives_itself_away(toks, (start, start + len(words) - 1))


def _hidden(text: str) -> list[str]:
    return [text[s.start : s.end] for s in choose_targets(text)]


@pytest.mark.parametrize(("text", "hidden"), [
    ("Because tariffs were assigned by lottery, the estimated effects are causal rather than "
     "correlational.", "causal"),
    ("Under the new rules the liability is strict, not fault-based.", "strict"),
    ("In this design a module is never compiled in isolation but only together with its "
     "callers.", "isolation"),
    ("The bond market did not adjust gradually but only after a sudden repricing.", "gradually"),
    ("The shock is treated as exogenous rather than endogenous in the model.", "exogenous"),
])
def test_one_side_of_a_contrast_of_properties_completes_itself(text: str, hidden: str) -> None:
    assert _gives_away(text, hidden)
    assert hidden not in _hidden(text)


@pytest.mark.parametrize(("text", "hidden"), [
    ("Muscle cells store energy as glycogen rather than fat.", "fat"),
    ("The enzyme is not inhibited by ATP but by citrate.", "citrate"),
    ("Firms hire mostly through referrals, not job boards.", "referrals"),
    ("Prices are set by auctions rather than by posted offers from many competing sellers.",
     "auctions"),
    ("Cells do not divide when starved, but resume once fed.", "starved"),
])
def test_two_things_contrasted_or_a_long_alternative_are_still_facts_to_recall(
        text: str, hidden: str) -> None:
    assert not _gives_away(text, hidden)


@pytest.mark.parametrize(("text", "hidden"), [
    ("The SEIR model splits the population into susceptible, exposed, infectious and removed "
     "hosts.", "SEIR"),
    ("Gross domestic product (GDP) fell by a tenth in the first year of the war.", "GDP"),
    ("Non-fungible tokens (NFTs) record ownership of a digital item on a blockchain.", "NFTs"),
    ("The court applied the ADA, the Americans with Disabilities Act, to private employers.",
     "ADA"),
])
def test_an_acronym_whose_words_the_card_shows_is_not_hidden(text: str, hidden: str) -> None:
    assert _gives_away(text, hidden)
    assert hidden not in _hidden(text)


@pytest.mark.parametrize(("text", "hidden"), [
    ("The PCR test detects viral RNA in nasal swabs within an hour.", "PCR"),
    ("The HMM assigns hidden states to each observed symbol in the sequence.", "HMM"),
])
def test_an_acronym_not_spelled_out_on_the_card_may_be_asked(text: str, hidden: str) -> None:
    assert not _gives_away(text, hidden)


@pytest.mark.parametrize(("text", "hidden", "given"), [
    ("The Hubble constant H0 sets the age of the universe.", "H0", True),
    ("Above the critical temperature Tc the metal loses its superconductivity.", "Tc", True),
    ("The dissociation constant Kd measures how tightly a ligand binds.", "Kd", False),
    ("Vitamin B12 deficiency causes a macrocytic anaemia.", "B12", False),
])
def test_a_symbol_right_after_its_own_name_is_a_label_not_a_fact(
        text: str, hidden: str, given: bool) -> None:
    assert _gives_away(text, hidden) is given


@pytest.mark.parametrize(("text", "hidden", "given"), [
    ("Subsidies helped exporters more in poor regions, whereas in rich regions they mattered "
     "less.", "more", True),
    ("Mid-sized farms gained the most, whereas the smallest and the largest farms were less "
     "profitable.", "profitable", True),
    ("Drought years were hotter than average, but rainfall was normal.", "hotter", False),
    ("Yields were higher on clay soils than on sandy ones.", "higher", False),
])
def test_a_comparison_facing_another_across_whereas_gives_its_direction_away(
        text: str, hidden: str, given: bool) -> None:
    assert _gives_away(text, hidden) is given
