"""Pattern 4 again: a number or date hidden in the setting of a finding, not in the finding.

"A freshwater hosing of [0.1 Sv] … reduced the AMOC by 25%", "Following the collapse of the
ice shelf in [2002], the glaciers … accelerated": the number sits in the phrase that describes
the subject or frames the clause, before the clause's verb; what the sentence found comes after
it and stays visible. A learner asked it recalls a detail of the method, not the result.

Input: a `Shown` cloze card. Output: the reason its number is a side detail, or nothing.
"""

from __future__ import annotations

import re

from anki_export.cards.judging.fragments import AUXILIARIES, FINITE, NOUN_POSITION
from anki_export.cards.judging.shown import Shown, reads_as_english, visible, words
from anki_export.language.words import PREPOSITIONS, word_info

# A number, maybe a range, signed or approximate, with up to two words of unit ("0.1 Sv",
# "3675-3625 cal BC", "200 ms", "2002").
_NUMBER = re.compile(r"^[~≈<>]?\s*[−\-–]?\d[\d,.\s–\-]*(?:\s*[A-Za-zµ°%]{1,6}\.?){0,2}$")
# Where the gap's clause starts: a verb before these belongs to another clause.
_CLAUSE_START = re.compile(r"\b(?:whereas|while|but|which|why|that|because|although|when|"
                           r"where)\b|[;:]")
# Where the gap's clause ends: a verb after these belongs to another clause.
_CLAUSE_END = re.compile(r"\b(?:whereas|while|but|because|although)\b|[;:]|\.(?:\s|$)")
PRESENT = frozenset({"VBZ", "VBP"})
ARTICLES = frozenset({"the", "a", "an", "its", "their", "this", "these", "those"})


def hides_a_side_number(card: Shown) -> str | None:
    """A number in the phrase that describes its clause's subject (after a common noun, before
    any present-tense verb of the clause), while a verb follows it in the same clause."""
    if card.kind == "qa" or not _NUMBER.match(card.answer.strip()) \
            or not reads_as_english(card.front):
        return None
    before, after = visible(card.front)
    sentence = re.split(r"[.!?]\s", before)[-1]
    setting = words(_CLAUSE_START.split(sentence)[-1])
    # "hosing of [...]", "delayed by [...]", "in [...]": a preposition ties the number to the
    # noun or participle it describes; right after a verb ("advanced [2.8 km]") it is the
    # verb's object, the finding.
    if not setting or setting[-1].lower() not in PREPOSITIONS:
        return None
    # "A bus lane that stops [...] before …": the first word of a relative clause is its verb.
    if _CLAUSE_START.search(sentence) and word_info(setting[0].lower()).forms & FINITE:
        return None
    # A past form before the gap is as often a participle describing the subject ("the
    # stimulation delayed by [...]", "first convened at Lübeck in [...]") as the verb; a
    # present form or an auxiliary is the clause's verb, and the number is then its object.
    for previous, word in zip(["", *setting], setting, strict=False):
        info = word_info(word.lower())
        # "Exposure ages cluster at [...]": a plural noun's present form is its verb.
        agrees = word_info(previous.lower()).plural and "VBP" in info.forms
        if word.lower() in AUXILIARIES or (info.forms & PRESENT and (
                "NOUN" not in info.tags or agrees)):
            return None
    # "In April [1992], New Jersey raised …", "In [49] BCE …": a date that opens the clause
    # dates its verb; one after a common noun dates or measures that noun.
    if not any(w.islower() and "NOUN" in word_info(w).tags for w in setting):
        return None
    if not _verb_follows(_CLAUSE_END.split(after)[0]):
        return None
    return (f"hides {card.answer!r}, a number in the setting of the clause, while what the "
            "clause found stays visible")


def _verb_follows(rest: str) -> bool:
    """Whether a verb of the gap's clause follows it: an auxiliary, or a verb that is no noun,
    after a word that is no article, preposition or adjective ("in covered rows", "the nearest
    planted street" hold participles as adjectives). A comma followed by anything but an
    article or a verb ends the clause (", with almost no boulders dated …" is a side phrase)."""
    said = words(_own_part(rest))
    for previous, word in zip(["", *said], said, strict=False):
        info, before = word_info(word.lower()), word_info(previous.lower())
        if word.lower() in AUXILIARIES:
            return True
        modified = previous.lower() in NOUN_POSITION or before.tags == {"ADJ"} or (
            "ADJ" in before.tags and previous.lower().endswith("est"))
        verb = info.forms & FINITE and not info.tags & {"NOUN", "ADV"}  # "over", "down"
        if verb and not modified:
            return True
    return False


def _own_part(rest: str) -> str:
    """The text after the gap up to a comma that opens a side phrase (", with …", ", mostly
    …"); past a comma that an article or a verb follows, the clause goes on ("[1356], brought
    together …", "[2002], the glaciers … accelerated")."""
    parts = rest.split(",")
    kept = parts[0]
    for part in parts[1:]:
        first = (words(part) or [""])[0].lower()
        info = word_info(first)
        if first not in ARTICLES and not (info.forms & FINITE and "NOUN" not in info.tags):
            break
        kept += "," + part
    return kept
