"""Pattern 2 again, read from the sentence's verbs: a front that is no whole sentence.

A highlight cut short, or a selection the reader's tool mended wrongly, leaves a sentence that
reads fluently word by word but states nothing: its main clause, a reported "that …" clause or
its last coordinated clause has no verb. Surface checks (a lowercase start, a cut word) do not
see it, because every word is whole.

Input: a `Shown` card. Output: the reason its front is a fragment, or nothing.
"""

from __future__ import annotations

import re

from anki_export.cards.judging.constituents import DETERMINERS, SUBORDINATORS
from anki_export.cards.judging.shown import GAP, Shown, reads_as_english, words
from anki_export.language.words import PREPOSITIONS, RELATIVES, word_info, word_set

FINITE = frozenset({"VBD", "VBZ", "VBP"})
AUXILIARIES = word_set("is are was were be been has have had do does did can could may might "
                       "must shall should will would cannot")
# A word after these is a noun's ("the size", "of rise"), not a verb's.
NOUN_POSITION = DETERMINERS | PREPOSITIONS | word_set("a an of each every")
MIN_FRAGMENT_WORDS = 3  # "…, and so on." is an idiom, not a lost clause
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])")


def is_fragment(card: Shown) -> str | None:
    """Why the front's asked sentence is no whole sentence, or None (a question is left to the
    question checks)."""
    if card.kind == "qa":
        return None
    sentences = _SENTENCE.split(card.front.strip())
    asked = next((s for s in sentences if GAP in s), sentences[-1])
    for check in (_verbless_report, _verbless_last_clause, _no_main_verb):
        reason = check(asked)
        if reason:
            return reason
    return None


def has_verb(text: str, after: str = "") -> bool:
    """Whether a stretch of text holds a finite verb (or the gap, which may be one): a word
    with a finite form that is not in a noun's place ("the size"), or an auxiliary; `after`
    is the word before the stretch ("that waters …": its first word is the subject)."""
    if GAP in text:
        return True
    said = [w.lower() for w in words(text)]
    for previous, word in zip([after, *said], said, strict=False):
        if word in AUXILIARIES:
            return True
        if word_info(word).forms & FINITE and previous not in NOUN_POSITION:
            return True
    return False


def _verbless_report(sentence: str) -> str | None:
    """"… its yield showed that planets between the size of Earth and Neptune.": a verb of
    saying or finding reports a "that" clause with no verb; what was found was cut away."""
    said = words(sentence)
    for i in range(len(said) - 2, 0, -1):  # a "that" ending the sentence reports nothing
        if said[i].lower() != "that" or said[i + 1].lower() == "of":
            continue  # "that of Neptune": a pronoun, no clause
        reporter = word_info(said[i - 1].lower())
        lexical = "VERB" in reporter.tags and said[i - 1].lower() not in AUXILIARIES
        joined = re.search(rf"\b{re.escape(said[i - 1])}\s+that\b", sentence)
        if not (lexical and joined and reporter.forms & (FINITE | {"VBN"})):
            continue
        rest = sentence[_offset(sentence, said, i):]
        if len(words(rest)) >= MIN_FRAGMENT_WORDS and not has_verb(rest, after="that"):
            return (f"'{said[i - 1]} that …' reports a clause with no verb: what was "
                    "found is cut from the card")
        return None
    return None


def _verbless_last_clause(sentence: str) -> str | None:
    """"Light is filtered through the [...], and the wavelength dependence of the depth.": a
    clause joined by ", and" that has no verb while the one before it has: the sentence was
    cut or spliced (in a list, "A, B, and the rest", the item before it has no verb either)."""
    parts = re.split(r",\s+(?:and|but)\s+", sentence.rstrip())
    if len(parts) < 2:
        return None
    last, before = parts[-1], re.split(r"[,;:]", parts[-2])[-1]
    first = (words(last) or [""])[0].lower()
    if first not in DETERMINERS or len(words(last)) < MIN_FRAGMENT_WORDS:
        return None
    if not has_verb(last) and has_verb(before) and not _listing(parts[-2]):
        opening = " ".join(words(last)[:4])
        return f"its last clause ('{opening} …') has no verb: the sentence was cut"
    return None


def _listing(text: str) -> bool:
    """Whether the clause before ", and" ends a list of two or more commas' items."""
    return text.count(",") >= 2 and not has_verb(text.rsplit(",", 1)[-1])


def _no_main_verb(sentence: str) -> str | None:
    """"Dependence of the coefficients, which we fit …, since fixing them was shown to …": a
    noun phrase opens the sentence, side clauses follow, and no verb of its own ever comes."""
    segments = [s.strip() for s in re.split(r"[,;]\s*", sentence) if s.strip()]
    if len(segments) < 2 or GAP in segments[0]:
        return None
    head = words(segments[0])
    if not head or not head[0][:1].isupper() or has_verb(segments[0]):
        return None
    opener = head[0].lower()
    if opener in PREPOSITIONS | SUBORDINATORS | RELATIVES or "NOUN" not in word_info(opener).tags:
        return None  # "In 1850, …", "Although …,": an opening phrase, the clause comes after
    side = (words(segments[1]) or [""])[0].lower()
    if side not in RELATIVES:
        return None  # "Temperature, pressure and …": a list or an apposition, not a frame
    for segment in segments[2:]:
        first = (words(segment) or [""])[0].lower()
        if segment.startswith(GAP) or first in AUXILIARIES or (
                word_info(first).forms & FINITE and "NOUN" not in word_info(first).tags):
            return None  # "The enzyme, which we purified, binds …": the main verb comes back
    return (f"opens on the noun phrase '{' '.join(head[:4])}' and never gives it a verb: "
            "no claim is made")


def _offset(sentence: str, said: list[str], index: int) -> int:
    """Where the word after `said[index]` starts in the sentence."""
    position = 0
    for word in said[: index + 1]:
        position = sentence.index(word, position) + len(word)
    return position


# A sentence ends at ". " and a capital, but not after an abbreviation ("Marbury v. Madison").
_FIRST_SENTENCE_END = re.compile(r"(?<!\bv\.)(?<!\bvs\.)(?<!\bal\.)(?<!\bca\.)(?<!\bc\.)"
                                 r"(?<!\bSt\.)(?<!\bDr\.)(?<=[.!?])\s+(?=[A-Z(…])")
NON_FINITE_AFTER = word_set("be been being to having")
# "voice-leading [...], the tendency to …", "Stack: local variables …": a term and its gloss
# need no verb.
_GLOSSED = re.compile(r"^[\w-]+(?:\s[\w-]+)?\s\[\.\.\.\],\s(?:the|a|an)\s|:")


def opens_without_a_verb(card: Shown) -> str | None:
    """The front's first sentence, its gap filled, has no finite verb at all ("[3675-3625 cal
    BC], rather than being spread over half a millennium", "The resulting rise of [...]"): a
    phrase cut from a sentence, or the tail of another highlight, states nothing."""
    if card.kind == "qa" or not reads_as_english(card.front):
        return None
    first = _FIRST_SENTENCE_END.split(card.front.strip())[0]
    if _GLOSSED.search(first):
        return None
    shown = words(first.replace(GAP, f" {card.answer} "))
    said = [w.lower() for w in shown]
    for i, word in enumerate(said):
        previous, earlier = (said[i - 1] if i else ""), (said[i - 2] if i > 1 else "")
        if word in AUXILIARIES - {"be", "been"} and (i == 0 or shown[i].islower()):
            return None  # "weeks of May" holds no "may"
        info = word_info(word)
        if not info.forms & FINITE or word in PREPOSITIONS:
            continue
        if previous in NOUN_POSITION | NON_FINITE_AFTER:
            continue  # "the size", "being spread", "to rise"
        described = word_info(previous).tags & {"ADJ"} or "VBG" in word_info(previous).forms
        if earlier in NOUN_POSITION and described and "NOUN" in info.tags:
            continue  # "the resulting rise": a noun after its article and modifier
        return None
    opening = " ".join(words(first)[:6])
    return f"the front's first sentence has no verb: '{opening} …' states nothing"
