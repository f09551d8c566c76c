"""What the answer names instead of teaching: an eponym, or the asked term in another language.

"the [Riemann] hypothesis is equivalent to the error bound …": the name only says whose the
hypothesis is, guessable from the phrase it stands in, while the result stays visible. "The
[Sabatier] principle states that …" asks the name from what the principle says, a term card.
"What is so-called wood-wide web?" answered by the reader's Portuguese translation and a
doubt never says what the term means.

Input: a `Shown` card. Output: the reason its answer is a name or a translation, or nothing.
"""

from __future__ import annotations

from anki_export.cards.judging.shown import Shown, visible, words
from anki_export.language.scripts import NAMES, highlight_language
from anki_export.language.words import word_set

# Nouns a name is given to ("the Riemann hypothesis", "Glen's exponent", "Down syndrome").
NAMED_THINGS = word_set("""hypothesis conjecture theorem lemma law principle constant equation
    inequality effect cycle exponent distribution paradox criterion syndrome disease series
    transform integral operator limit bound number function""")
# What the named thing says, when the front says it: "The Sabatier principle states that …".
_SAYING = word_set("""states state holds hold says say asserts assert predicts predict posits
    posit claims claim describes describe defines define that which whereby where in""")
_NAMING = word_set("called termed named dubbed known")  # "often called the [...] alloy"
NAMING_REACH = 3  # "known as the [...]": the naming verb stands this close before the gap
MAX_NAME_WORDS = 2
MIN_ANSWER_WORDS = 3  # a shorter answer (a term) says too little to tell its language


def hides_an_eponym(card: Shown) -> str | None:
    """A person's name hidden before the noun it names ("the [...] hypothesis"), when the front
    does not say what the named thing states: the name only attributes what stays visible."""
    # A formula's letters are no English words; the language of the words around it counts.
    if card.kind == "qa" or highlight_language(card.front) != "en":
        return None
    name = words(card.answer)
    if not 1 <= len(name) <= MAX_NAME_WORDS or not all(_is_name(w) for w in name):
        return None
    before, after = visible(card.front)
    following = [w.lower() for w in words(after)]
    if not following or following[0] not in NAMED_THINGS or not after.startswith(" "):
        return None
    if any(w.lower() in _NAMING for w in words(before)[-NAMING_REACH:]):
        return None  # the card asks the name the front gives the thing: a term card
    rest = after.split(",", 1)
    glossed = len(rest) == 2 and (words(rest[1])[:1] or [""])[0].lower() in _SAYING
    if glossed or after.lstrip()[len(following[0]):].lstrip()[:1] == ":" \
            or _says_what_it_states(following[1:]):
        return None
    return (f"hides {card.answer!r}, the name of the {following[0]}, while what it states "
            "stays visible: an eponym, not the idea")


def _is_name(word: str) -> bool:
    """A capitalised name ("Riemann", "Glen's"), not an acronym or an adjective made of a name
    ("Neo-Riemannian", "Gaussian", whose theory the card may ask)."""
    bare = word.removesuffix("'s").removesuffix("’s")
    return bare[:1].isupper() and bare[1:].islower() and bare.isalpha() \
        and not bare.lower().endswith(("ian", "ean"))


def _says_what_it_states(following: list[str]) -> bool:
    """Whether the words after the named noun say what it states ("states that …", "(1950)
    holds that …")."""
    said = [w for w in following if not w.isdigit()]  # a year in brackets: "(1950) holds …"
    return bool(said) and said[0] in _SAYING


def answers_in_another_language(card: Shown) -> str | None:
    """A question in English answered in another language (the reader's translation of the
    asked term, 🔤 … 🔤 in ZotLit notes): it restates the question, never answers it."""
    if card.kind != "qa" or len([w for w in words(card.answer) if w.isalpha()]) \
            < MIN_ANSWER_WORDS:
        return None
    asked, answered = highlight_language(card.front), highlight_language(card.answer)
    if asked != "en" or answered == asked:
        return None
    language = NAMES.get(answered, answered)
    term = card.front.rstrip("?").split(" ")[-2:]
    restates = all(w.lower() in card.answer.lower() for w in term)
    what = "restates the asked term in translation" if restates else "is a translation"
    return f"answers an English question in {language}: the answer {what}, not what it means"
