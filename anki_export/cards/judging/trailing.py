"""Pattern 4 again: a place or a period hidden at the end of a trailing side clause.

"…, which in turn determines how many times they divide when they return to the [dark zone].",
"… fossil groundwater that infiltrated under the wetter climate of the late [Pleistocene].":
the sentence's point comes first and stays visible; the gap closes a side clause after it, in
the phrase that says where or when. A learner asked it recalls a setting, not the finding.

Input: a `Shown` cloze card. Output: the reason its gap is a side setting, or nothing.
"""

from __future__ import annotations

from anki_export.cards.judging.constituents import DETERMINERS
from anki_export.cards.judging.fragments import has_verb
from anki_export.cards.judging.shown import Shown, reads_as_english, visible, words
from anki_export.language.words import PREPOSITIONS, word_info, word_set

MIN_WORDS_BEFORE = 20  # a shorter front is one clause, and its last phrase may be its point
MAX_CLAUSE_WORDS = 12  # from the side clause's first word to the gap
MAX_MODIFIERS = 2  # "of the late [...]", "in southwestern [...]"
_RELATIVES = word_set("which that who")  # their clause's verb comes at once
_SUBORDINATORS = word_set("when where while whereas because until")  # a subject comes first


def hides_a_trailing_setting(card: Shown) -> str | None:
    """The gap ends a long front, after a preposition, inside a side clause with a verb of its
    own that follows a main clause with a verb (numbers are left to the side-number check)."""
    if card.kind == "qa" or any(c.isdigit() for c in card.answer) \
            or not reads_as_english(card.front):
        return None
    before, after = visible(card.front)
    said = words(before)
    if words(after) or len(said) < MIN_WORDS_BEFORE:
        return None
    k = len(said) - 1
    while k > 0 and len(said) - 1 - k < MAX_MODIFIERS and (
            said[k].lower() in DETERMINERS or _modifier(said[k])):
        k -= 1
    if said[k].lower() not in PREPOSITIONS:
        return None
    opener = next((j for j in range(k - 1, max(k - MAX_CLAUSE_WORDS, 0), -1)
                   if said[j].lower() in _RELATIVES | _SUBORDINATORS), None)
    if opener is None or not has_verb(" ".join(said[:opener])):
        return None
    reporter = word_info(said[opener - 1].lower())
    if said[opener].lower() == "that" and "VERB" in reporter.tags and "NOUN" not in reporter.tags:
        return None  # "authors argue that …": the reported claim is the sentence's point
    clause = said[opener + 1 : k]
    if said[opener].lower() in _SUBORDINATORS and clause and (
            word_info(clause[0].lower()).forms and "NOUN" not in word_info(clause[0].lower()).tags):
        return None  # "when compared to [...]": a participle, no clause of its own
    # A relative is its clause's subject: "that infiltrated …" ("that" is no article there).
    if not has_verb(" ".join(clause)):
        return None
    return (f"hides {card.answer!r}, where or when in a side clause ('{said[opener]} …') after "
            "the sentence's point, which stays visible")


def _modifier(word: str) -> bool:
    """An adjective before the hidden noun ("late", "southwestern"), not a noun itself."""
    tags = word_info(word.lower()).tags
    return "ADJ" in tags and "NOUN" not in tags and word.islower()
