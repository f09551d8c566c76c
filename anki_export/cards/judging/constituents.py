"""Pattern 2, read from the gap's edges: a gap that is no phrase of its own.

Input: a `Shown` cloze card. Output: the reason its gap cuts across phrases (so the front reads
as broken text and the answer as a fragment), or nothing.
"""

from __future__ import annotations

from itertools import pairwise

from anki_export.cards.judging.guessable import NUMBER_WORDS
from anki_export.cards.judging.shown import Shown, visible, words
from anki_export.language.words import (
    PREPOSITIONS,
    RELATIVES,
    VISIBLE_ADVERBS,
    word_info,
    word_set,
)

CLAUSE_JOINERS = word_set("while whereas because although which who that since so but")
DETERMINERS = word_set("the a an this these that those its their his her our")
ARTICLES = word_set("a an the")
SUBORDINATORS = word_set("once when whenever whereas although though because unless if while")
OPENERS = PREPOSITIONS | DETERMINERS | SUBORDINATORS | RELATIVES  # a phrase goes on after these


def gap_cuts_a_phrase(card: Shown) -> str | None:
    """A gap that runs from one clause into the next ("scarce while land"), stops inside a
    phrase ("of the Earth's | magnetic field"), runs from a subject into its verb, from inside
    a noun phrase into the clause modifying it, or takes a verb and one of its two objects."""
    hidden = words(card.answer)
    if not hidden:
        return None
    for word in hidden[1:-1]:
        if word.lower() in CLAUSE_JOINERS | SUBORDINATORS:
            return f"the gap {card.answer!r} runs across a clause boundary ({word!r})"
    # "allotted by the [number of cows a household] could winter": a noun and then an article
    # start a second noun phrase, the subject of a clause the gap cuts into.
    for noun, article in pairwise(hidden):
        info = word_info(noun.lower())
        if article.lower() in ARTICLES and "NOUN" in info.tags and (info.plural or
                                                                    "VERB" not in info.tags):
            return f"the gap {card.answer!r} runs into the next clause ('{noun} {article} …')"
    last = hidden[-1].lower()
    if last in OPENERS or last.endswith(("'s", "’s")):
        return f"the gap {card.answer!r} stops inside a phrase"
    before, after = visible(card.front)
    if after[:1].strip():
        return None  # punctuation closes the gap: whatever it ends on, the phrase ends there
    following = words(after)[:3]  # enough to tell what follows the gap
    if _subject_into_verb(hidden, following):
        return f"the gap {card.answer!r} runs from a subject into its verb"
    if _into_its_clause(hidden, words(before)[-2:]):
        return f"the gap {card.answer!r} runs from inside a noun phrase into its clause"
    if _modifiers_without_their_noun(hidden, following, after):
        return f"the gap {card.answer!r} hides modifiers and leaves their noun visible"
    if _into_the_verbs_phrase(hidden, following):
        return f"the gap {card.answer!r} runs into the adverb of the verb after it"
    if _noun_into_adjective_phrase(hidden, following):
        return f"the gap {card.answer!r} runs from a noun into an adjective's phrase"
    if _first_of_two_objects(hidden, following):
        return f"the gap {card.answer!r} takes a verb and only the first of its objects"
    return None


def _subject_into_verb(hidden: list[str], following: list[str]) -> bool:
    """"Efflux pumps [export] the antibiotic", "the [elasticity estimates cluster] around
    zero": the gap ends on the verb of a subject it also hides, the rest of the clause
    visible."""
    if len(hidden) < 2 or any(w.lower() in NUMBER_WORDS or w[:1].isdigit() for w in hidden):
        return False  # "[roughly ten times] that of": a multiple, not a subject and its verb
    nxt = (following or [""])[0].lower()
    last, plural = word_info(hidden[-1].lower()), word_info(hidden[-2].lower())
    # "that" and then a verb opens a relative clause on the hidden noun ("fed by [mantle
    # plumes] that stay …"); "that" and a subject is the object clause of a hidden verb
    # ("Learning styles [theory holds] that people learn …").
    if nxt in DETERMINERS and "VERB" in last.tags and not _relative_that(following):
        return True
    # "[Extractive institutions concentrate] power": a plural noun and a verb that agrees with
    # it, then the verb's object or phrase.
    then = word_info(nxt)
    goes_on = nxt in PREPOSITIONS | DETERMINERS or (nxt.islower() and "NOUN" in then.tags)
    return ("VBP" in last.forms and "NOUN" in plural.tags and hidden[-2].lower().endswith("s")
            and plural.plural and goes_on)


def _relative_that(following: list[str]) -> bool:
    """Whether "that" after the gap opens a relative clause, its verb next ("that stay nearly
    fixed"), rather than an object clause with its own subject ("that people learn")."""
    if following[:1] != ["that"] or len(following) < 2:
        return False
    then = word_info(following[1].lower())
    subject_then_verb = len(following) > 2 and word_info(following[2].lower()).verb_only
    return "VERB" in then.tags and following[1].lower() not in DETERMINERS and not subject_then_verb


def _into_its_clause(hidden: list[str], preceding: list[str]) -> bool:
    """"a unified [representation encoding videos] in both frames": the gap opens inside a
    noun phrase (its article and modifier stay visible) and runs on into the clause modifying
    the noun. ("cut [port handling costs]": no article, the verb's object is whole.)"""
    if len(preceding) < 2 or preceding[0].lower() not in DETERMINERS:
        return False
    modifier = word_info(preceding[1].lower())
    if not ("ADJ" in modifier.tags or "VBN" in modifier.forms):
        return False
    return any("NOUN" in word_info(noun.lower()).tags and "VBG" in word_info(verb.lower()).forms
               for noun, verb in pairwise(hidden[:-1]))


def _modifiers_without_their_noun(hidden: list[str], following: list[str], after: str) -> bool:
    """"galaxy clustering and [weak gravitational] lensing", "coupled with [a very high level
    of international] financial transparency": the gap ends on an adjective whose noun follows
    it visibly; one hidden adjective alone ("[catalytic] cracking") is a fair question."""
    if len(hidden) < 2 or not following or not after.startswith(" "):
        return False
    last, nxt = word_info(hidden[-1].split("-")[-1].lower()), word_info(following[0].lower())
    nominal = bool(nxt.tags & {"NOUN", "ADJ"}) or "VBG" in nxt.forms
    # An adjective and nothing else: "[Red giant] stars" ends on a noun used as a modifier,
    # "the [Leader Append-Only] property" on a name; but before another adjective the phrase
    # surely goes on ("[… of international] financial transparency").
    more = nxt.tags == {"ADJ"}
    adjective = "ADJ" in last.tags and (last.tags <= {"ADJ", "ADV"} or more)
    return adjective and hidden[-1].islower() and following[0].islower() and nominal


def _into_the_verbs_phrase(hidden: list[str], following: list[str]) -> bool:
    """"until day [65 still] copied a song": the gap ends on an adverb of the verb that follows
    it, after words of another phrase."""
    if len(hidden) < 2 or not following:
        return False
    last, first, verb = (word_info(w.lower()) for w in (hidden[-1], hidden[0], following[0]))
    finite = bool(verb.forms & {"VBD", "VBZ", "VBP"}) and verb.tags <= {"VERB", "AUX"}
    adverb = last.tags == {"ADV"} or hidden[-1].lower() in VISIBLE_ADVERBS
    return adverb and "ADV" not in first.tags and finite


def _noun_into_adjective_phrase(hidden: list[str], following: list[str]) -> bool:
    """"an influence on their [community disproportionate] to their abundance": the gap ends
    on an adjective whose complement ("to …") stays visible, after a noun of another phrase."""
    if len(hidden) < 2 or following[:1] not in (["to"], ["of"], ["with"], ["for"]):
        return False
    noun, adjective = word_info(hidden[-2].lower()), word_info(hidden[-1].lower())
    return "NOUN" in noun.tags and "ADJ" in adjective.tags and "NOUN" not in adjective.tags


def _first_of_two_objects(hidden: list[str], following: list[str]) -> bool:
    """"described as [mapping a query] and a set of pairs to an output": the gap takes a verb
    and the first of its objects; the second, joined by "and", stays visible."""
    opener = word_info(hidden[0].lower())
    verbal = "VBG" in opener.forms or (bool(opener.tags) and opener.tags <= {"VERB"})
    joined_on = following[:1] in (["and"], ["or"])
    coordinated = joined_on and len(following) > 1 and following[1].lower() in DETERMINERS
    return len(hidden) >= 2 and hidden[0].islower() and verbal and coordinated
