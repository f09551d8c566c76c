"""Definitions in the forms a text gives them, asked as "What is <term>?".

Input: one sentence without its final punctuation. Output: the term, the verb to ask with and
the definition, or None. "A map projection is a systematic transformation of …", "Growth
hormone (GH): the peptide that …", "twin primes, pairs of primes that differ by 2".
"""

from __future__ import annotations

import re

from anki_export.cards.glossary import term_of
from anki_export.language.capitals import is_ordinary
from anki_export.language.words import CLOSED_CLASS, is_cut_word, word_info, word_set

# Adjectives that judge rather than classify: "X is a poor proxy for Y" is a claim about X.
_JUDGING = word_set("poor good better best bad worse worst major minor key main important "
                    "useful weak strong crucial central serious common rare great small large "
                    "only first second last necessary sufficient promising powerful")
_ARTICLES = ("a ", "an ", "the ")
_NOT_NAMES = word_set("this it they these those because since although while when if unless "
                      "whereas though as so such")

_DEFINING = re.compile(r"\b(?:that|which|who|whose|where|whereby|of|from|between|by|used|"
                       r"for|with|in)\b", re.I)
# "A map projection is a systematic transformation of …": a term, "is", a noun phrase with an
# article that says what kind of thing it is and how it differs (a clause or a complement).
_IS_A = re.compile(
    r"^(?:(?P<article>the|an?)\s+)?(?P<term>[^,;:()]{2,50}?)\s+(?P<verb>is|are)\s+"
    r"(?P<gloss>[^;:]{16,})$", re.I | re.S)
# "Total fertility rate (TFR): the number of …": a term with its acronym, a colon, a gloss.
_ACRONYM_COLON = re.compile(
    r"^(?P<term>[^:;,()]{2,60}?\s*\([A-Z][\w&-]{1,9}\))\s*:\s+(?P<gloss>(?:an?|the)\s+.{12,})$",
    re.S)
# "twin primes, pairs of primes that differ by 2": a term and, set off by a comma, the kind of
# thing it is with a relative clause, and no verb of the sentence after it.
_APPOSITIVE = re.compile(
    r"^(?:the\s+)?(?P<term>[^,;:()]{2,50}?),\s+(?P<gloss>(?!(?:in|on|at|by|for|with|from|to|of|"
    r"under|through|and|or|but|as)\b)(?:[a-z][\w'’-]*\s+){1,4}"
    r"(?:of\s+[\w'’-]+\s+)?(?:that|which|who|whose)\s+[^,;:()]{6,})$", re.S)
_SENTENCE_VERB = re.compile(r"\b(?:is|are|was|were|has|have|had|shows?|showed|found)\b", re.I)


def definition(sentence: str) -> tuple[str, str, str] | None:
    """("a map projection", "is", "A systematic transformation of …") for a sentence that
    defines a term, else None."""
    found = _is_a(sentence) or _acronym_colon(sentence) or _appositive(sentence)
    if found is None:
        return None
    term, verb, gloss = found
    gloss = gloss.strip()
    return term, verb, gloss[:1].upper() + gloss[1:]


def _is_a(sentence: str) -> tuple[str, str, str] | None:
    match = _IS_A.match(sentence)
    if match is None or _DEFINING.search(match["gloss"]) is None:
        return None
    gloss = match["gloss"]
    has_article = gloss.lower().startswith(_ARTICLES)
    if not has_article and match["verb"].lower() != "are":
        return None  # "X is used to …", "X is unusual in …": a predicate, not a kind
    words = [w.casefold().strip(",") for w in gloss.split()]
    first = words[1 if has_article else 0]
    if not has_article and not any("NOUN" in word_info(w).tags and w not in CLOSED_CLASS
                                   for w in words[:2]):
        return None  # "Xs are well-suited to …": a property, not a kind of thing
    if first in _JUDGING or first in CLOSED_CLASS or word_info(first).forms & {
            "VBN", "VBD", "VBG", "VBZ"} or _SENTENCE_VERB.match(first):
        return None
    article = (match["article"] or "").lower()
    named = _named(match["term"])
    if named is None or (article == "the" and not _DEFINING.search(match["gloss"][:60])):
        return None
    shown = f"{article} {named}".strip() if article in {"a", "an", "the"} else named
    return shown, match["verb"].lower(), match["gloss"]


def _acronym_colon(sentence: str) -> tuple[str, str, str] | None:
    match = _ACRONYM_COLON.match(sentence)
    named = _named(match["term"]) if match else None
    return (named, "is", match["gloss"]) if match and named else None


def _appositive(sentence: str) -> tuple[str, str, str] | None:
    match = _APPOSITIVE.match(sentence)
    if match is None or _SENTENCE_VERB.search(match["gloss"].split(" ", 1)[0]):
        return None
    named = _named(match["term"])
    if named is None:
        return None
    plural = named.endswith("s") and not named.endswith("ss")
    return named, "are" if plural else "is", match["gloss"]


def _named(text: str) -> str | None:
    """The term as a question shows it ("tenebrism", "Total fertility rate (TFR)"), or None
    when the words are no name (a sentence's subject phrase, a pronoun)."""
    found = term_of(text.strip())
    if found is None:
        return None
    opening = found.name.split()[0]
    if opening.casefold() in _NOT_NAMES or is_cut_word(opening, at_start=True):
        return None  # "Because contact rates …", "rs are …" (a word cut by the selection)
    last = found.name.split()[-1].casefold()
    info = word_info(last)
    if info.adverb or ("ADV" in info.tags and "NOUN" not in info.tags):
        return None  # "Code coverage alone": a subject with a modifier, not a name
    first, _, rest = found.shown.partition(" ")
    several = bool(rest) or first.endswith("s")  # "Raft is …" may name one thing: kept
    if several and first[:1].isupper() and first[1:].islower() and is_ordinary(first.lower()):
        first = first.lower()  # "Earthquakes are …" asks "What are earthquakes?"
    return " ".join(filter(None, [first, rest]))
