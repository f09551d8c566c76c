"""Pattern 3, an empty word is hidden: a light verb, adjective or general noun goes, the idea stays.

Input: a `Shown` card. Output: the reason its answer says nothing on its own, or nothing.
"""

from __future__ import annotations

from anki_export.cards.judging.shown import Shown, visible, words
from anki_export.language.words import (
    COPULAS,
    KEEP_LEAD,
    PREPOSITIONS,
    RELATIVES,
    STRIP_DETS,
    WordInfo,
    word_info,
    word_set,
)

# A noun this common is known to any reader ("tests", "processes", "deficits"): alone it names
# no idea of the source; the terms a source teaches are rarer ("acetate", "rubisco").
GENERAL_NOUN_ZIPF = 3.5
# A common noun the highlight stops on, its sentence unfinished: what it was about is cut off.
CUT_OFF_NOUN_ZIPF = 4.2
PHRASE_NOUN_ZIPF = 4.0  # with a modifier, only the most general nouns make an empty phrase
# Adjectives that select or rank rather than describe: with a general noun they name nothing.
VAGUE_MODIFIERS = word_set("""certain various different particular specific key main major
    significant important general overall relevant additional""")
NUMBERS = word_set("one two three four five six seven eight nine ten")
# Nouns that only point at a kind of thing, whatever the text is about ("places [an object]
# in one location", "decode [sequences] from … neurons"): alone, they name no idea.
SHELL_NOUNS = word_set("""thing things object objects item items element elements entity
    entities aspect aspects factor factors kind kinds type types part parts sequence sequences
    component components feature features property properties quantity quantities amount
    amounts information data stuff piece pieces""")
OF_WINDOW = 4  # the words of an "of" phrase read as the head's complement
LIGHT_VERB_ZIPF = 4.0  # a finite verb this common links its subject and object, no more
OBJECT_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "this", "these"})
HEADS = frozenset({"VERB", "AUX", "ADJ", "ADV"})
# What a head word governs begins with a preposition or a relative word (closed classes); these
# prepositions open a phrase of place, time or means that belongs to the clause, not the head
# ("carry [oxygen] from the lungs", "the logs are [identical] in all entries").
ADJUNCTS = word_set("""in at from through during by within across after before over under
    throughout around near since until among between behind beyond when""")
GOVERNED = (PREPOSITIONS | RELATIVES) - ADJUNCTS
# A predicate adjective or participle rarer than this, with nothing it governs after it, is
# itself the idea ("identical", "abolished", "haploid"); commoner ones ("slow", "produced") say
# little the rest of the sentence does not.
PREDICATE_ZIPF = 4.3
AGENT_OR_RESULT = word_set("by so such")


def hides_an_empty_word(card: Shown) -> str | None:
    """Why the hidden words carry no idea of their own, or None."""
    if card.kind == "qa":
        return None
    hidden = [w for w in words(card.answer) if w.lower() not in STRIP_DETS | {"a", "an"}]
    following = (words(visible(card.front)[1]) or [""])[0].lower()
    if len(hidden) == 1 and hidden[0].lower() in SHELL_NOUNS:
        return f"hides {hidden[0]!r}, a noun that names a kind of anything, not an idea"
    if len(hidden) == 1:
        copula = (words(visible(card.front)[0]) or [""])[-1].lower() in COPULAS
        return _empty_single(hidden[0], following, visible(card.front)[1].strip(), copula)
    if len(hidden) >= 2 and (head := _head_before_of(hidden, visible(card.front)[1])):
        return head
    if len(hidden) == 2:
        return _vague_phrase(hidden)
    return None


def _head_before_of(hidden: list[str], end: str) -> str | None:
    """A phrase ending on a general noun that only frames the "of" phrase left visible: the
    numbers it holds ("in a [molar ratio] of roughly 60:20:20"), after a possessive what the
    share or part is of ("the top [5 percent's share] of wealth"), or after an adjective what
    it qualifies: the learner sees the content and guesses the frame."""
    after = words(end)
    head = word_info(hidden[-1].lower())
    if after[:1] != ["of"] or "NOUN" not in head.tags or head.zipf < GENERAL_NOUN_ZIPF:
        return None
    counted = any(c.isdigit() for w in after[1:OF_WINDOW] for c in w)
    possessed = any(w.endswith(("'s", "’s")) for w in hidden[:-1])
    quantity = any(c.isdigit() for w in hidden for c in w) or hidden[0].lower() in NUMBERS
    if quantity and not possessed:
        return None  # "within [two years] of the harvest": the quantity is the fact asked
    # An adjective and a general noun ("the [judicious choice] of the objective"): the noun only
    # frames what the "of" phrase names.
    # "[a more potent form] of learning": only modifiers before the head, no noun of its own.
    described = all(_modifier(w) for w in hidden[:-1])
    general = head.zipf >= PHRASE_NOUN_ZIPF
    if counted or possessed or (described and general):
        return f"hides {' '.join(hidden)!r}, the frame of the 'of …' phrase left visible"
    return None


def _modifier(word: str) -> bool:
    """An adjective, adverb or quantifier and nothing else: it can only describe a head."""
    lower = word.lower()
    tags = word_info(lower).tags
    return lower in KEEP_LEAD or (bool(tags) and tags <= {"ADJ", "ADV"})


def _empty_single(word: str, following: str, end: str, copula: bool) -> str | None:
    """A lone verb or adjective, or a common noun that governs the phrase after it ("capable
    of X", "tests which X"): the phrase, which holds the idea, stays visible."""
    if not word[:1].islower() or any(c.isdigit() for c in word):
        return None  # names, acronyms and numbers are facts
    info = word_info(word.split("-")[-1].lower())
    governs = following in GOVERNED
    # "a scaffold of woven bone is [infilled] by primary osteons": a participle the word list
    # lacks, between "is" and its agent, is a passive verb all the same.
    passive = copula and not info.tags and word.endswith("ed") and following == "by"
    if passive:
        return f"hides {word!r}, a passive verb whose agent ('by …') stays visible"
    if info.tags and info.tags <= HEADS:
        head = word_info(following)
        nominal = bool(head.tags & {"NOUN", "ADJ"}) or "VBG" in head.forms  # "… cracking"
        modifies = "ADJ" in info.tags and nominal
        # After "is", "were", "became" a rarer adjective or participle is what the sentence
        # finds ("the logs are [identical]", "learning was [abolished]"), not a frame.
        # Unless what follows holds the content: the agent ("are [influenced] by how choices
        # are framed") or the consequence ("were [reprinted] so quickly that …").
        rare = info.zipf < PREDICATE_ZIPF
        telling = copula and rare and following not in AGENT_OR_RESULT
        # A rare verb with no object, only a phrase of how much or when after it ("rents
        # [doubled] between 2010 and 2019"), is the finding too.
        finite = "VERB" in info.tags and bool(info.forms & {"VBD", "VBZ", "VBP"})
        changed = not copula and finite and rare and (following in ADJUNCTS | {"by"} or not end)
        if (not modifies and not telling and not changed) or governs:  # the content
            return f"hides {word!r}, a verb or adjective whose content stays visible"
    if _light_verb(info, following):
        return f"hides {word!r}, a common verb between its subject and object, both visible"
    # A relative clause after a rarer noun defines a term ("propose [a cache] that keeps …"):
    # the learner recalls the term from its definition; only a common noun is a mere frame.
    needed = CUT_OFF_NOUN_ZIPF if following in RELATIVES else GENERAL_NOUN_ZIPF
    if "NOUN" in info.tags and info.zipf >= needed and governs:
        return f"hides {word!r}, a general noun; what it governs ('{following} …') stays visible"
    if "NOUN" in info.tags and info.zipf >= CUT_OFF_NOUN_ZIPF and not following and not end:
        return f"hides {word!r}, a general noun on which the highlight stops mid-sentence"
    return None


def _light_verb(info: WordInfo, following: str) -> bool:
    """A common finite verb followed by its object's determiner ("before it [reaches] its
    target"): the verb only links the two, and both stay visible."""
    finite = "VERB" in info.tags and bool(info.forms & {"VBZ", "VBD"})
    return finite and info.zipf >= LIGHT_VERB_ZIPF and following in OBJECT_DETERMINERS


def _vague_phrase(hidden: list[str]) -> str | None:
    """A common modifier with a general noun ("certain benefits", "some information")."""
    modifier, noun = (w.lower() for w in hidden)
    # Only a quantifier or an adjective that picks out without describing ("certain", "key")
    # leaves the phrase empty; a describing one is the content ("[fine structure]", "[economic]
    # roots as much as political ones"), and a number is a fact ("[two percent]").
    vague = (modifier in KEEP_LEAD or modifier in VAGUE_MODIFIERS) and modifier not in NUMBERS
    general = "NOUN" in word_info(noun).tags and word_info(noun).zipf >= PHRASE_NOUN_ZIPF
    if vague and general and hidden[0][:1].islower():
        return f"hides {' '.join(hidden)!r}, a phrase too general to be the idea"
    return None
