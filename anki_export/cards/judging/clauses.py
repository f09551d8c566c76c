"""Patterns 2 and 3, read from the clause around the gap: what the gap takes from the sentence.

A gap that takes the sentence's only verb along with the end of its subject ("Infants as young
as [15 months look] longer …") leaves a front with no clause and an answer that is no phrase. A
gap right before a colon hides a common word the colon then spells out ("Losses occur through
[three main pathways]: leaching, volatilisation and denitrification"): the label is empty, the
content stays visible.

Input: a `Shown` cloze card. Output: the reason, or nothing.
"""

from __future__ import annotations

import re
from itertools import pairwise

from anki_export.cards.judging.constituents import DETERMINERS, SUBORDINATORS
from anki_export.cards.judging.fragments import AUXILIARIES, FINITE
from anki_export.cards.judging.shown import Shown, content_words, visible, words
from anki_export.language.words import PREPOSITIONS, RELATIVES, word_info, word_set

# Where the gap's own clause ends: a verb after these is a side clause's, not the gap's.
CLAUSE_OPENERS = SUBORDINATORS | RELATIVES | word_set("as than so since whom whose")
NOUN_PLACE = DETERMINERS | PREPOSITIONS | word_set("a an of to")  # a word after these is no verb
LABEL_ZIPF = 3.5  # a word this common, which the colon then spells out, names no idea of its own
MIN_SPELLED_OUT = 4  # the words after the colon that say what the label stood for
NUMBER_WORDS = word_set("two three four five six seven eight nine ten twenty thirty forty fifty "
                        "hundred thousand several many")
_SENTENCE_END = re.compile(r"[.;:!?](?:\s|$)")
# "Beta-lactamases are [...] that break …": a term, its copula, the gap, and the clause or
# phrase that says what the term does or where it is.
_DEFINED = re.compile(r"^(?!(?:We|It|They|He|She|This|These|Those|You|I)\s)[A-Z][^,.;:\[]{1,80}?"
                      r"\s(?:is|are|was|were)\s+(?:an?\s+)?\[\.\.\.\]\s+"
                      r"(?:(?:that|which|who)\s+\w|(?:in|found|formed)\b.*\b(?:that|which|who)\s+\w)")
MAX_CLASS_WORDS = 3  # "[transient microanatomical structures]": a class, not a description
# Words that open a phrase their preposition completes ("relative to", "due to", "independent
# of"): a gap ending on one, with the preposition shown after it, hides half a phrase.
_NEEDS = {"relative": "to", "due": "to", "prior": "to", "close": "to", "similar": "to",
          "equal": "to", "compared": "to with", "according": "to", "proportional": "to",
          "comparable": "to with", "owing": "to", "independent": "of", "regardless": "of",
          "instead": "of", "rather": "than", "more": "than", "less": "than", "fewer": "than"}


def answer_welds_subject_and_verb(card: Shown) -> str | None:
    """The answer holds a noun and then the verb of the gap's clause, and the clause has no
    other verb ("The chloride mass balance (CMB) [method estimates recharge] as R = …")."""
    hidden = words(card.answer)
    before, after = visible(card.front)
    if card.kind == "qa" or len(hidden) < 2 or not re.match(r"\s+\w", after):
        return None  # punctuation right after the gap closes a phrase of its own
    clause_before = words(_SENTENCE_END.split(before)[-1])
    clause_after = words(_SENTENCE_END.split(after)[0])
    # "The [coupling effect hypothesis] states that …": a word right after a gap that can be a
    # verb is the verb of the noun phrase the gap hides.
    next_is_verb = bool(clause_after) and bool(word_info(clause_after[0].lower()).forms & FINITE)
    if next_is_verb or _finite_verb(clause_before[::-1], reverse=True) \
            or _finite_verb(clause_after, hidden[-1]):
        return None
    for noun, verb in pairwise(hidden):
        if noun.lower() in NUMBER_WORDS or noun[:1].isdigit():
            continue  # "[fifty times] as much", "[15 months]": a count, not a subject
        subject = word_info(noun.lower())
        acts = word_info(verb.lower())
        nounish = subject.plural or noun.isupper() or "NOUN" in subject.tags
        # The verb agrees with its subject ("method estimates", "months look"); a noun that
        # may be a verb but does not agree is a compound's head ("human experience").
        agrees = acts.forms & ({"VBP"} if subject.plural else {"VBZ"}) or (
            "NOUN" not in acts.tags and acts.forms & FINITE)
        if nounish and agrees and noun.lower() not in NOUN_PLACE:
            return (f"the answer {card.answer!r} holds the clause's only verb ({verb!r}) with "
                    "its subject: no phrase of its own")
    return None


def _finite_verb(said: list[str], previous: str = "", reverse: bool = False) -> bool:
    """Whether the words hold a finite verb before a side clause opens (read back from the gap
    when `reverse`)."""
    for i, word in enumerate(said):
        lower = word.lower()
        if lower in CLAUSE_OPENERS:
            return False
        if reverse:
            before = said[i + 1].lower() if i + 1 < len(said) else ""
        else:
            before = (said[i - 1] if i else previous).lower()
        info = word_info(lower)
        # "mass balance", "sea level": a word that is also a noun is read as a verb only in
        # its past form ("surveys fell") or in the form that agrees with the noun before it
        # ("siblings pass", "the drug works"), else a compound would end every clause.
        subject = word_info(before)
        agrees = "NOUN" in subject.tags and (
            "VBP" in info.forms if subject.plural else "VBZ" in info.forms)
        # "capitalism unilaterally claims": an adverb stands between subject and verb.
        agrees = agrees or (subject.tags == {"ADV"} and bool(info.forms & FINITE))
        verb = info.forms & FINITE if "NOUN" not in info.tags or agrees else info.forms & {"VBD"}
        if lower in AUXILIARIES or lower == "cannot" or (verb and before not in NOUN_PLACE):
            return True
    return False


def label_the_colon_spells_out(card: Shown) -> str | None:
    """A gap right before a colon, hiding common words the text after the colon spells out
    ("Three sources account for the [new traffic]: trips diverted …, a shift …, and …";
    "Mutation analysis is [expensive]: its cost grows …"). A term the colon defines is rarer
    or unknown to the word list ("Observation is [theory-laden]: …") and is still asked."""
    before, after = visible(card.front)
    # "[...]: local variables of active calls" asks the term a glossary line defines; a label
    # is what a verb or preposition before the gap leads into.
    if card.kind == "qa" or not words(before) or not re.match(r"\s*:\s*\S", after):
        return None
    if len(words(after)) < MIN_SPELLED_OUT:
        return None
    hidden = content_words(card.answer)
    common = [w for w in hidden if w.lower() in NUMBER_WORDS or (
        word_info(w.lower()).tags and word_info(w.lower()).zipf >= LABEL_ZIPF)]
    if hidden and common == hidden:
        return f"hides {card.answer!r}, a label the words after the colon spell out"
    return None


def hides_the_class_of_a_definition(card: Shown) -> str | None:
    """A definition asked on its general class while what sets the term apart stays visible
    ("Beta-lactamases are [enzymes] that break the beta-lactam ring …", "Lines of arrested
    growth are [thin bands] in the cortex … that record …"): the class is a wording to guess,
    and the idea is on the front."""
    hidden = words(card.answer)
    if card.kind == "qa" or not 1 <= len(hidden) <= MAX_CLASS_WORDS:
        return None
    head = word_info(hidden[-1].lower())
    if not _DEFINED.match(card.front) or "NOUN" not in head.tags or "ADJ" in head.tags:
        return None  # "are [highly lethal] in …": a predicate, not a class
    return f"hides {card.answer!r}, the general class of a definition whose point stays visible"


def answer_stops_inside_a_phrase(card: Shown) -> str | None:
    """A longer answer ending on a word whose preposition stands right after the gap ("reduced
    leaching by [40-70% relative] to bare fallow"): the phrase is cut in two."""
    hidden = words(card.answer)
    if card.kind == "qa" or len(hidden) < 2:
        return None
    last = hidden[-1].lower()
    following = (words(visible(card.front)[1]) or [""])[0].lower()
    # "[inversely proportional] to": the answer is that phrase's head with its adverb, whole;
    # after a number or noun ("[40-70% relative]") the head only starts a second phrase.
    before = word_info(hidden[-2].lower())
    starts_another = any(c.isdigit() for c in hidden[-2]) or "NOUN" in before.tags
    if starts_another and following in _NEEDS.get(last, "").split():
        return f"the gap {card.answer!r} stops inside the phrase '{last} {following} …'"
    return None
