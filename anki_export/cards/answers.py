"""What a cloze hides, cut to an answer a learner can produce: one real constituent of a few
content words, its informative core, or nothing.

Input: a text's `Token`s, a candidate `Phrase` and its sentence's bounds; output: the phrase cut
to its core (`core`), or whether it is no answer of its own (`is_unfit_answer`).
"""

from __future__ import annotations

from collections.abc import Sequence

from anki_export.cards.guessable import LIGHT_HEADS
from anki_export.language.phrases import QUANTITIES
from anki_export.language.tokens import (
    Phrase,
    Token,
    is_capitalised,
    is_content,
    is_nounish,
    is_number,
)
from anki_export.language.words import KEEP_LEAD, verb_lemma, word_set

MAX_ANSWER_WORDS = 3  # content words: a longer answer is recited, not recalled
_SPECIFIC_VERB = 4.0  # Zipf: rarer verbs ("caching", "compiling") name an action of their own
_INDEFINITE = word_set("a an")
_POSSESSIVE = ("'s", "\u2019s")
# What opens a parenthesis that glosses or exemplifies the phrase before it: "(e.g. …)".
_GLOSSES = frozenset({("e", "g"), ("i", "e"), ("for", "example"), ("for", "instance"),
                      ("such", "as")})


def core(toks: Sequence[Token], found: Phrase, hi: int) -> Phrase | None:
    """The phrase cut to the words a learner can produce, or None when even its core is long.

    "{using} unsupervised pre-training" hides what is used; "a unified representation {encoding
    videos}" hides the noun phrase, not the participle clause after it; "the regulatory structure
    {of multiple systems}" hides the head when the whole is too long or its "of" part is cut.
    """
    found = _whole_pair(toks, _past_verb(toks, found))
    found = _before_participle_clause(toks, found)
    found = _one_side_of(toks, found)
    if _is_long_action(toks, found):
        return _rare_gerund(toks, found[0])
    if not _is_long(toks, found):
        return found
    possessed = _after_possessive(toks, found)
    if possessed is not None and not _is_long(toks, possessed):
        return possessed
    return _distinguishing_modifier(toks, found)


def head_word(toks: Sequence[Token], found: Phrase) -> int:
    """The index of the phrase's head: its last word before an "of" ("the {structure} of …")."""
    first, last = found
    of = next((k for k in range(first + 1, last) if toks[k].lower == "of"), None)
    return of - 1 if of is not None else last


def is_unfit_answer(toks: Sequence[Token], found: Phrase, lo: int, hi: int) -> bool:
    """Whether the phrase is no constituent of its own, or no answer the card asks for: one
    side of "X/Y", the first noun of an "X to Y Z" compound ("a {coordinate} to value
    mapping"), a noun cut from the noun after it ("a labour {supply} curve"), a phrase that an
    "(e.g. …)" after its noun phrase exemplifies, or one inside such an example (an aside)."""
    return (
        _splits_alternatives(toks, found, hi)
        or _opens_to_compound(toks, found, hi)
        or _stops_before_its_noun(toks, found, hi)
        or _glossed_after(toks, found, hi)
        or _in_example(toks, found, lo)
    )


def aside_words(toks: Sequence[Token], lo: int, hi: int) -> frozenset[str]:
    """The lemmas inside the "(e.g. …)" and "(i.e. …)" parentheses of toks[lo:hi]: an example
    is an aside, never what a card asks for."""
    return frozenset(toks[k].info.lemma for k in range(lo, hi) if _in_example(toks, (k, k), lo))


# --- cutting to the core ---------------------------------------------------------------------


def _past_verb(toks: Sequence[Token], found: Phrase) -> Phrase:
    """Without a leading light gerund ("by {using} X" asks for X, the content), nor the verb of
    an infinitive ("to {support} implicit reconstruction": a noun modifier is no verb before
    an adjective, "wind power" but "support implicit …")."""
    first, last = found
    t = toks[first]
    if first == last:
        return found
    infinitive = first > 0 and toks[first - 1].lower == "to" and "VERB" in t.info.tags
    if infinitive and toks[first + 1].info.tags == frozenset({"ADJ"}):
        return first + 1, last
    light = verb_lemma(t.lower) in LIGHT_HEADS or t.info.lemma in LIGHT_HEADS
    return (first + 1, last) if light and "VBG" in t.info.forms and not is_nounish(t) else found


def _whole_pair(toks: Sequence[Token], found: Phrase) -> Phrase:
    """Both nouns of a pair ("X and Y", "both X and Y") for one of them: the other would give
    its twin away, and the pair is the fact ("encodes both {frames and patches}"). Names, and
    items of longer lists ("A, B and C"), are left to the rules for them."""
    first, last = found
    if last == first + 1 and toks[first].lower == "both":
        first = last  # "{both tariffs} and quotas"
    if first != last or not _is_common_noun(toks[first]):
        return found
    if first >= 2 and toks[first - 1].lower == "and":
        pair = (first - 2, first)
    elif first + 2 < len(toks) and toks[first + 1].lower == "and":
        pair = (first, first + 2)
    else:
        return found
    words = toks[pair[0] : pair[1] + 1]
    before = toks[pair[0] - 1] if pair[0] > 0 else None
    if (
        not all(t.joined for t in words[1:])
        or not (_is_common_noun(words[0]) and _is_common_noun(words[2]))
        or "," in words[0].gap  # "A, {B} and C": a longer list
        or (pair[1] + 1 < len(toks) and toks[pair[1] + 1].joined
            and is_nounish(toks[pair[1] + 1]) and not toks[pair[1] + 1].info.stop)
    ):
        return found  # "X and Y cells": the pair modifies a noun, which stays the answer
    return pair if before is None or not is_nounish(before) or before.info.stop else found


def _is_common_noun(t: Token) -> bool:
    """A lowercase noun, not a function word ("frames", not "UVG" or "it")."""
    return is_nounish(t) and not is_capitalised(t) and not t.info.stop and not t.masked


def _before_participle_clause(toks: Sequence[Token], found: Phrase) -> Phrase:
    """The noun phrase without the -ing clause that modifies it: "a unified {representation}
    encoding videos". A compound's first noun is singular ("signal processing units"), and "a"
    needs a singular head, so a plural before the -ing word, or a plural after it under "a",
    shows that the -ing word opens a clause, not a compound."""
    first, last = found
    for k in range(first + 1, last):
        ing, noun = toks[k], toks[k - 1]
        if "VBG" not in ing.info.forms or not is_nounish(noun) or noun.info.stop:
            continue
        after = toks[k + 1 : last + 1]
        if _is_plural(noun) or (_under_indefinite(toks, k - 1) and any(map(_is_plural, after))):
            return first, k - 1
    return found


def _one_side_of(toks: Sequence[Token], found: Phrase) -> Phrase:
    """One side of "A of B" when the whole is long or B stops inside a noun phrase ("of the
    Earth's"): the side holding the phrase's rarest word, which is what it says ("the
    {regulatory structure} of several systems", "the careful choice of {the tariff schedule}").
    A quantity keeps its "of" ("a large number of steps")."""
    first, last = found
    of = next((k for k in range(first + 1, last) if toks[k].lower == "of"), None)
    if of is None or toks[of - 1].lower in QUANTITIES or toks[of - 1].lower in LIGHT_HEADS:
        return found
    if any(is_number(t) or is_capitalised(t) for t in toks[first:of]):
        return found
    if _content(toks, found) <= MAX_ANSWER_WORDS and not toks[last].lower.endswith(_POSSESSIVE):
        return found
    content = [k for k in range(first, last + 1) if is_content(toks[k]) and not toks[k].info.stop]
    rarest = min(content, key=lambda k: _rarity(toks[k]))
    if rarest < of or toks[last].lower.endswith(_POSSESSIVE):
        return first, of - 1
    tail = of + 1
    while tail < last and toks[tail].info.stop and toks[tail].lower not in KEEP_LEAD:
        tail += 1  # "of {the} tariff schedule": the article stays visible
    return tail, last


def _rarity(t: Token) -> float:
    """How common a word is (its Zipf frequency); a hyphenated compound ("pass-through",
    "exchange-rate") is made for the text, so it counts as the rarest of all."""
    return 0.0 if "-" in t.text else t.info.zipf


def _after_possessive(toks: Sequence[Token], found: Phrase) -> Phrase | None:
    """The possessed noun phrase of "the X's Y Z" ("the central bank's {past record}"): the
    possessor only says whose; None when there is no possessive inside the phrase."""
    first, last = found
    k = next((k for k in range(first, last) if toks[k].lower.endswith(_POSSESSIVE)), None)
    return (k + 1, last) if k is not None else None


def _is_long_action(toks: Sequence[Token], found: Phrase) -> bool:
    """Whether the phrase is a gerund whose object makes it too long to recall ("{compiling
    differential expression signatures}"): an action recited as worded, not a term."""
    t = toks[found[0]]
    return "VBG" in t.info.forms and "ADJ" not in t.info.tags and (
        _content(toks, found) > MAX_ANSWER_WORDS
    )


def _rare_gerund(toks: Sequence[Token], k: int) -> Phrase | None:
    """The gerund heading a long action, when it is specific enough to recall ("capable of
    {caching} recent address translations"); a common one ("understanding") says little."""
    return (k, k) if toks[k].info.zipf < _SPECIFIC_VERB else None


def _distinguishing_modifier(toks: Sequence[Token], found: Phrase) -> Phrase | None:
    """For a noun phrase too long to recall, its first modifier when that is an adjective and
    the rest a compound it distinguishes ("an {upward-sloping} labour supply curve"); else None."""
    content = [k for k in range(found[0], found[1] + 1)
               if is_content(toks[k]) and not toks[k].info.stop and toks[k].lower not in KEEP_LEAD]
    k = content[0]
    t = toks[k]
    adjective = ("ADJ" in t.info.tags and "NOUN" not in t.info.tags) or (
        not t.info.tags and "-" in t.text)  # "shallow", "upward-sloping"
    rest_nouns = all(is_nounish(toks[j]) for j in content[1:])
    return (k, k) if adjective and rest_nouns and not is_capitalised(t) else None


def _is_long(toks: Sequence[Token], found: Phrase) -> bool:
    """Whether the phrase holds more content words than a learner can produce as worded; a
    name, a number with its unit and a quantity ("a large number of steps") are one fact."""
    part = toks[found[0] : found[1] + 1]
    if any(is_number(t) or t.lower in QUANTITIES for t in part):
        return False
    if all(is_capitalised(t) for t in part if is_content(t)):
        return False
    return _content(toks, found) > MAX_ANSWER_WORDS


def _content(toks: Sequence[Token], found: Phrase) -> int:
    """How many content words the phrase holds ("a", "many", "more" are not counted)."""
    part = toks[found[0] : found[1] + 1]
    return sum(1 for t in part if is_content(t) and not t.info.stop and t.lower not in KEEP_LEAD)


def _is_plural(t: Token) -> bool:
    """A plural noun: its lemma is shorter and it ends in -s ("videos", "networks")."""
    return is_nounish(t) and t.lower.endswith("s") and t.info.lemma != t.lower


def _under_indefinite(toks: Sequence[Token], k: int) -> bool:
    """Whether the noun at k is in a noun phrase opened by "a"/"an" ("a unified {X}")."""
    while k > 0 and toks[k].joined and toks[k - 1].lower not in _INDEFINITE:
        k -= 1
        if toks[k].info.stop:
            return False
    return k > 0 and toks[k].joined and toks[k - 1].lower in _INDEFINITE


# --- no constituent of its own ---------------------------------------------------------------


def _opens_to_compound(toks: Sequence[Token], found: Phrase, hi: int) -> bool:
    """Whether "to Y Z" after the phrase is the rest of an "X to Y Z" compound: two bare
    singular nouns after "to", under an "a" that the phrase opens ("{a coordinate} to value
    mapping"); a prepositional phrase would need its own article there."""
    first, last = found
    k = last + 1
    if k + 2 >= hi or toks[k].lower != "to" or not all(t.joined for t in toks[k : k + 3]):
        return False
    opened = bool(_INDEFINITE & {toks[first].lower, toks[first - 1].lower if first else ""})
    nouns = toks[k + 1 : k + 3]
    return (
        opened
        and not _is_plural(toks[last])
        and all("NOUN" in t.info.tags and not t.info.stop and not _is_plural(t) for t in nouns)
        and not (k + 3 < hi and toks[k + 3].joined and is_nounish(toks[k + 3])
                 and not toks[k + 3].info.stop)
    )


def _splits_alternatives(toks: Sequence[Token], found: Phrase, hi: int) -> bool:
    """Whether a slash joins the phrase to the word before or after it: "severity/lethality"
    and "input/output" are one unit, which a gap must not cut."""
    first, last = found
    return toks[first].gap == "/" or (last + 1 < hi and toks[last + 1].gap == "/")


def _stops_before_its_noun(toks: Sequence[Token], found: Phrase, hi: int) -> bool:
    """Whether the phrase ends on a singular noun that the next noun continues, a word that
    could be a plural-agreeing verb but cannot be one after a singular ("labour {supply} curve,
    so …"; but "the {cells} divide")."""
    last = found[1]
    if last + 1 >= hi:
        return False
    end, nxt = toks[last], toks[last + 1]
    return (
        nxt.joined
        and not nxt.info.stop
        and not is_capitalised(nxt)
        and "NOUN" in end.info.tags
        and not _is_plural(end)
        and not is_capitalised(end)
        and "NOUN" in nxt.info.tags
        and nxt.info.forms == frozenset({"VBP"})
    )


def _in_example(toks: Sequence[Token], found: Phrase, lo: int) -> bool:
    """Whether the phrase sits inside a parenthesis that opens with "e.g." or "i.e."."""
    for k in range(found[0], lo - 1, -1):
        if ")" in toks[k].gap:
            return False  # the phrase follows a parenthesis, outside it
        if "(" in toks[k].gap:
            return tuple(t.lower for t in toks[k : k + 2]) in _GLOSSES
    return False


def _glossed_after(toks: Sequence[Token], found: Phrase, hi: int) -> bool:
    """Whether a parenthesis after the phrase's noun phrase opens with "e.g." or "i.e.", or
    right after the phrase glosses it in plain words ("the {learning objective} (masked input
    prediction)"): the example or gloss names what the gap hides."""
    k = found[1] + 1
    while k < hi and k - found[1] <= 4 and toks[k].joined:
        k += 1  # the rest of the noun phrase: "{a coordinate} to value mapping (e.g. …)"
    if k >= hi or "(" not in toks[k].gap:
        return False
    if tuple(t.lower for t in toks[k : k + 2]) in _GLOSSES:
        return True
    return k == found[1] + 1 and _is_plain_gloss(toks, k, hi)


def _is_plain_gloss(toks: Sequence[Token], k: int, hi: int) -> bool:
    """Whether the parenthesis opening at toks[k] holds only lowercase words, two or more of
    them content words: a gloss, not an acronym, a number or a citation."""
    end = next((j for j in range(k + 1, hi) if ")" in toks[j].gap), hi)
    words = toks[k:end]
    return (
        0 < len(words) <= 6
        and all(t.joined for t in words[1:])
        and not any(t.masked or is_number(t) or is_capitalised(t) for t in words)
        and sum(1 for t in words if is_content(t) and not t.info.stop) >= 2
    )
