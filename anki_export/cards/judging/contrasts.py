"""Pattern 1 again, read from another part of the same front: the answer is restated beside it.

A front can give its answer away without repeating a word of it: by stating its opposite
("[causal] rather than correlational", "polarised into [a dark zone] … and a light zone"), by
naming what a hidden symbol stands for ("the reproduction number [Rt]"), by listing the words a
hidden acronym spells ("the [SIR] model divides the population into susceptible, infectious and
recovered …"), or by showing most of its words in another form ("false-belief performance … is
necessary for [representing false beliefs]").

Input: a `Shown` cloze card. Output: the reason the front restates its answer, or nothing.
"""

from __future__ import annotations

import re

from anki_export.cards.judging.guessable import abbreviates
from anki_export.cards.judging.shown import Shown, content_words, same_word, visible, words
from anki_export.language.opposites import opposites
from anki_export.language.words import PREPOSITIONS, word_info, word_set

# "[causal] rather than correlational": one side of a two-sided contrast, the other shown.
_OTHER_SIDE = re.compile(r"^\s*,?\s*(?:rather than|instead of|as opposed to|and not|but not|"
                         r"not)\s+([\w-]+)\b", re.IGNORECASE)
NEGATIONS = word_set("not never no nor neither")
NEGATION_WINDOW = 3  # "is never tested in [...] but …": the negation that frames the gap
SYMBOL_LENGTH = 4  # Rt, R0, Kd, Tm: a quantity's symbol, not a word
NAME_WINDOW = 3  # the symbol's name stands in the last few words before it
LIST_JOINERS = word_set("and or the")
_GRADED = ("r", "er", "est", "ly")  # "late" -> "later", "close" -> "closely"
# Ends of a pair that also rank, or name a kind rather than a degree, without a second side in
# view ("the [dominant] systematic", "voting becomes [voluntary]"): alone, no even-odds guess.
RANKS = word_set("""dominant recessive major minor first last present absent voluntary
    involuntary active passive formal informal public private static dynamic explicit implicit
    qualitative quantitative analog digital linear nonlinear""")
MAX_POLE_WORDS = 3  # "[a dark zone]": one end of a scale with its article and noun
MOSTLY_SHOWN = 2 / 3  # this share of an answer's words on the front leaves little to recall


def restates_its_answer(card: Shown) -> str | None:
    """Why the front restates the hidden words in another form, or None."""
    if card.kind == "qa":
        return None
    for check in (_one_side_of_a_contrast, _other_end_shown, _one_end_alone, _mostly_shown,
                  _symbol_after_its_name, _acronym_spelled_out):
        reason = check(card)
        if reason:
            return reason
    return None


def _one_side_of_a_contrast(card: Shown) -> str | None:
    """A one-word answer set against the word shown as its opposite ("[causal] rather than
    correlational", "never tested in [isolation] but only together with …"): a two-sided
    contrast with one side shown leaves only the other to fill in."""
    hidden = words(card.answer)
    if len(hidden) != 1 or any(c.isdigit() for c in card.answer):
        return None
    before, after = visible(card.front)
    other = _OTHER_SIDE.match(after)
    if other and "ADJ" in word_info(other[1].lower()).tags | _tags_of_unknown(other[1]):
        return f"'[...] … {other[1]}': the contrast names the answer's opposite"
    negated = any(w.lower() in NEGATIONS for w in words(before)[-NEGATION_WINDOW - 1:])
    if negated and re.match(r"^\s*,?\s*but\b", after):
        return "'not … [...] but …': the contrast states what the answer is opposed to"
    return None


def _other_end_shown(card: Shown) -> str | None:
    """A short answer naming one end of a scale or one side of a distinction whose other end the
    front shows ("resolves upward in [an outer voice], but may fall … in an inner voice",
    "[a necessary] but not a sufficient condition", "simulate [a positive Mov], whereas
    observational estimates are negative"): the learner fills in the opposite of what is shown."""
    hidden = [w.lower() for w in words(card.answer)]
    if len(hidden) > MAX_POLE_WORDS or any(c.isdigit() for c in card.answer):
        return None
    before, after = visible(card.front)
    shown = {part.lower() for w in words(f"{before} {after}") for part in (w, *w.split("-"))}
    for word in hidden:
        # "selected later" against "leave the GC [early]": a graded form of the opposite counts.
        other = sorted(s for s in shown if any(s == o or (s.startswith(o) and s[len(o):] in
                                                          _GRADED) for o in opposites(word)))
        if other and word not in shown:
            return f"the front shows {other[0]!r}, so the answer is its other side ({word!r})"
    return None


def _one_end_alone(card: Shown) -> str | None:
    """A lone word naming one end of a two-sided scale ("is [positive] when …", "rose
    [faster]"), whatever the front shows."""
    named = content_words(card.answer)
    # "ΔCFS … is [positive] when …", "Prices rose [faster]": a lone end of a two-sided scale is
    # a coin toss the learner wins half the time without knowing anything.
    scale = word_info(named[0].lower()).tags & {"ADJ", "ADV"} if len(named) == 1 else set()
    if scale and opposites(named[0].lower()) and named[0].lower() not in RANKS:
        return f"hides {named[0]!r}, one end of a two-sided scale: a guess with even odds"
    return None


def _mostly_shown(card: Shown) -> str | None:
    """Most words of a longer answer stand on the front in another form, parts of a hyphenated
    word included ("false-belief performance … necessary for [representing false beliefs]")."""
    hidden = content_words(card.answer)
    if len(hidden) < 2 or any(c.isdigit() for c in card.answer):
        return None
    before, after = visible(card.front)
    shown = [part for w in words(f"{before} {after}") for part in (w, *w.split("-"))]
    echoed = [h for h in hidden if any(same_word(h, s) for s in shown)]
    if len(echoed) >= MOSTLY_SHOWN * len(hidden):
        return f"the front shows {', '.join(map(repr, echoed))} of the answer {card.answer!r}"
    return None


def _tags_of_unknown(word: str) -> frozenset[str]:
    """An adjective the word list lacks ("correlational", "observational") by its ending."""
    if not word_info(word.lower()).tags and word.lower().endswith(("al", "ive", "ous", "ic")):
        return frozenset({"ADJ"})
    return frozenset()


def _symbol_after_its_name(card: Shown) -> str | None:
    """A hidden symbol right after the name it stands for ("the effective reproduction number
    [Rt]", "the melting temperature [Tm]"): its first letter is the name's, so the learner
    reads the symbol off the words before it."""
    symbol = card.answer.strip()
    if len(symbol) > SYMBOL_LENGTH or not re.fullmatch(r"[A-Z][a-z0-9]{0,3}|[A-Z][A-Z0-9]", symbol):
        return None
    before = visible(card.front)[0]
    if not before.endswith(" ") or not before.rstrip()[-1:].isalpha():
        return None  # "(…), [Rt]" or "in ([...])": not set beside a name
    named = words(before)[-NAME_WINDOW:]
    if not named or named[-1].lower() in PREPOSITIONS | LIST_JOINERS or word_info(symbol).tags:
        return None
    if any(w[:1].lower() == symbol[0].lower() and "NOUN" in word_info(w.lower()).tags
           for w in named if w.islower()):
        return f"the symbol {symbol!r} stands right after the name it abbreviates"
    return None


def _acronym_spelled_out(card: Shown) -> str | None:
    """A hidden acronym whose letters are the initials of words listed elsewhere on the front
    ("the [SIR] model … susceptible, infectious and recovered compartments")."""
    acronym = card.answer.strip()
    if not re.fullmatch(r"[A-Z]{2,6}s?", acronym):
        return None
    before, after = visible(card.front)
    listed = [w for w in words(before + " " + after) if w.lower() not in LIST_JOINERS]
    letters = acronym.rstrip("s")
    for start in range(len(listed) - len(letters) + 1):
        run = listed[start : start + len(letters)]
        if all(w[:1].lower() == c.lower() for w, c in zip(run, letters, strict=True)) \
                and abbreviates(letters, run):
            return f"the front lists {' '.join(run)!r}, the words {acronym!r} spells"
    return None
