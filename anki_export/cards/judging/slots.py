"""Pattern 1 again, read from the gap's slot: what the words around the gap leave to choose.

Input: a `Shown` card (and the source's name words). Output: the reason the learner picks the
answer from a handful of common words, or reads it off the source's title, or nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from anki_export.cards.judging.guessable import NUMBER_WORDS
from anki_export.cards.judging.shown import Shown, content_words, same_word, visible, words
from anki_export.language.words import word_info

# An adjective this common ("high", "young", "black", "social") before its noun is one of a
# handful the noun takes; the terms a source teaches ("catalytic", "regulatory") are rarer.
COMMON_MODIFIER_ZIPF = 4.5
PREDICATE_TAGS = frozenset({"VERB", "ADV", "AUX"})


def common_modifier(card: Shown) -> str | None:
    """A lone common adjective hidden before the noun it modifies ("harmed [Black] children",
    "at [high] risk"): the noun calls up the few adjectives it usually takes, so the learner
    guesses among them, and the idea (the rest of the sentence) stays visible."""
    hidden = words(card.answer)
    if card.kind == "qa" or len(hidden) != 1 or not hidden[0].isalpha():
        return None
    word = hidden[0].lower()
    info = word_info(word)
    if "ADJ" not in info.tags or info.zipf < COMMON_MODIFIER_ZIPF or word in NUMBER_WORDS:
        return None
    after = visible(card.front)[1]
    following = (words(after) or [""])[0]
    joined = after[:1] == " " and after[1:2].isalpha()  # no comma or bracket between the two
    if joined and following.islower() and "NOUN" in word_info(following).tags:
        return f"hides {hidden[0]!r}, one of the few common words '{following}' takes"
    return None


def states_the_title(card: Shown, names: Sequence[str]) -> str | None:
    """The answer says of the title's subject what the title says: its only nouns are title or
    citekey words and the rest is a verb or adverb ("have [reliably reduced inequality]" in
    a book on violence and inequality): the learner reads it off the source's name."""
    hidden = content_words(card.answer)
    if card.kind == "qa" or len(hidden) < 2:
        return None
    named = [w for w in hidden if any(same_word(w, n) for n in names)]
    predicate = [w for w in hidden if w not in named
                 and (tags := word_info(w.lower()).tags) and tags <= PREDICATE_TAGS]
    # The title's word is what the predicate is about (a noun), and a verb says what of it.
    subject = all("NOUN" in word_info(w.lower()).tags for w in named)
    acts = any("VERB" in word_info(w.lower()).tags for w in predicate)
    if named and subject and acts and len(named) + len(predicate) == len(hidden):
        return f"hides {card.answer!r}: the source's title names {' '.join(named)!r}"
    return None
