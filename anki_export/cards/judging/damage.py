"""Pattern 2 again, read from the words themselves: text the learner sees is damaged.

A highlight cut mid-word, a character the PDF lost, or a sentence turned into a question
without its verb agreeing leaves a card the learner must mend before recalling anything.

Input: a `Shown` card. Output: the reason its text is damaged, or nothing.
"""

from __future__ import annotations

import re
from itertools import pairwise

from anki_export.cards.judging.fragments import NOUN_POSITION as NOUN_PLACE
from anki_export.cards.judging.shown import GAP, Shown, reads_as_english, words
from anki_export.language.words import word_info, word_set

LOST = "\ufffd"  # the replacement character a PDF leaves for a glyph it could not map
EDGE_WORDS = 3  # a cut word sits at the highlight's start or end, or just after a question's opener
BROKEN_WORD_ZIPF = 2.5  # rarer unknown short pieces ("samp", "sugg", "ites") are cut words
_PIECE = re.compile(r"[a-z]{2,4}")  # longer unknown words are mostly rare terms, not pieces
SUPPORT = word_set("do does did")
# "Comment: the degree of rate control is the better concept": a reader's label opening the
# text a card asks or answers with, as the note-taking tool wrote it.
_ASIDE = re.compile(r"(?:^|[“\"‘'(]\s*)(?:comment|note|my note|nb|kommentar|commentaire|"
                    r"anmerkung|notiz)\s*:", re.IGNORECASE)
# "… within a span of 75-145 years, in c.": an abbreviation whose full stop the sentence
# splitter took for the sentence's end.
_ABBREVIATION_END = re.compile(r"(?:^|\s)(?:c|ca|cf|approx|std|vs|viz|fig|figs|eq|eqs|vol|pp|"
                               r"resp|e\.g|i\.e)\.$")
# Where a question's own clause ends: a side clause after it may have its own "-s" verb.
_CLAUSE_END = re.compile(r"[,;:(]|\b(?:which|that|who|where|when|because|since|if)\b")


def damaged(card: Shown) -> str | None:
    """Why the card's words are damaged, or None."""
    if LOST in card.front or LOST in card.answer:
        return "shows U+FFFD, a character the PDF lost"
    if _ASIDE.search(card.front) or _ASIDE.match(card.answer):
        return "asks or answers with the reader's own aside ('Comment: …'), not the source's idea"
    if _ABBREVIATION_END.search(card.front):
        return "ends on an abbreviation: the sentence was split at its full stop"
    for check in (_cut_word, _do_with_inflected_verb):
        reason = check(card)
        if reason:
            return reason
    return None


def _cut_word(card: Shown) -> str | None:
    """A short piece of a word, unknown to the word list, at the highlight's edge ("Once the
    [...] order of the samp", "[ird compass] is …", "Why were ites thought …?")."""
    front = card.front.replace(GAP, f" {card.answer} " if card.kind == "cloze" else " ")
    said = words(front)
    if not reads_as_english(card.front):
        return None  # "Mezi lety …", "Der blev i alt …": short words of another language
    for word in said[:EDGE_WORDS] + said[-1:]:
        info = word_info(word.lower())
        if _PIECE.fullmatch(word) and not info.tags and info.zipf < BROKEN_WORD_ZIPF:
            return f"shows {word!r}, a word cut by the highlight's edge"
    return None


def _do_with_inflected_verb(card: Shown) -> str | None:
    """"Why did a binding minimum wage … reduces employment?": after "do", "does" or "did" the
    verb is bare; an "-s" form shows the sentence was turned into a question wrongly."""
    if card.kind != "qa":
        return None
    asked = words(_CLAUSE_END.split(card.front)[0])
    if len(asked) < 4 or asked[0].lower() not in ("why", "how", "when") \
            or asked[1].lower() not in SUPPORT:
        return None
    for previous, word in pairwise(asked[2:]):
        info = word_info(word.lower())
        # A word that may be a plural noun ("the posterior dates", "ice shelves") is one.
        if "VBZ" in info.forms and not info.tags & {"NOUN", "AUX"} and word.lower() != "is" \
                and previous.lower() not in NOUN_PLACE:
            return f"'{asked[0]} {asked[1]} …' with the inflected verb {word!r}: not a question"
    return None
