"""Pattern 1, the answer is guessable: the learner can see or infer it without recalling it.

Input: a `Shown` card, the source's name words and topic words, or all cards of a source.
Output: the reason the answer is guessable, or nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from anki_export.cards.judging.shown import GAP, Shown, content_words, same_word, visible, words
from anki_export.language.words import PREPOSITIONS, word_info, word_set

TOPIC_SHARE = 0.4  # a word in this share of a source's highlights is what the source is about
MIN_TOPIC_HIGHLIGHTS = 3
COMMON_ZIPF = 4.5  # words this frequent add nothing the learner must recall
OTHER_WINDOW = 6  # "X Y Z and other": the item named before "and other"
ECHO_WINDOW = 4  # a word of the answer this close after the gap is read with it
SENTENCE_END_ZIPF = 4.2  # a noun this common closing a sentence is called up by what precedes
GENERIC_NOUN_ZIPF = 5.0  # "West", "world", "body": nouns of nearly every text
# Numbers and ordinals in words carry what the card asks, however common they are.
NUMBER_WORDS = word_set("""one two three four five six seven eight nine ten first second third
    fourth fifth sixth seventh eighth ninth tenth""")
# Before a gap, these open a phrase whose noun the sentence has already chosen (closed classes).
_LEADS = PREPOSITIONS | {"the", "a", "an", "this", "that"}


def names_the_subject(card: Shown, names: Sequence[str], topics: Sequence[str]) -> str | None:
    """The answer is the source's own subject: its title or citekey words, or its topic word."""
    hidden = content_words(card.answer)
    if not hidden or card.kind == "qa":
        return None
    named = [w for w in hidden if any(same_word(w, n) for n in names)]
    rest = [w for w in hidden if w not in named]
    mostly_named = named and 2 * len(named) >= len(hidden)
    # "[more central genes]" in a source on genes: the modifier before the title's noun is
    # what the card asks, and the title does not give it.
    if rest and hidden[-1] in named and all(_describes(w) for w in rest):
        return None
    if mostly_named and all(word_info(w.lower()).zipf >= COMMON_ZIPF for w in rest):
        return f"hides {' '.join(named)!r}, a word of the source's title or citekey"
    if len(hidden) == 1 and any(same_word(hidden[0], t) for t in topics):
        return f"hides {hidden[0]!r}, a word most of the source's highlights use"
    return None


def topic_words(cards: Sequence[Shown]) -> list[str]:
    """Words that recur in a large share of a source's highlights: what the source is about."""
    highlights: dict[int, set[str]] = defaultdict(set)
    for card in cards:
        text = card.front.replace(GAP, card.answer, 1) + " " + card.back
        highlights[card.line] |= {w.lower() for w in content_words(text)}
    counts: dict[str, int] = defaultdict(int)
    for seen in highlights.values():
        for word in seen:
            counts[word] += 1
    needed = max(MIN_TOPIC_HIGHLIGHTS, TOPIC_SHARE * len(highlights))
    return sorted(word for word, n in counts.items() if n >= needed)


def shows_its_answer(card: Shown) -> str | None:
    """The front shows the answer again: the same words, or its acronym or expansion."""
    if card.kind == "qa":
        return None
    before, after = visible(card.front)
    shown = words(before) + words(after)
    hidden = content_words(card.answer)
    # A number's unit repeats in a range ("from [40 percent] to 90 percent"): the number is
    # still asked.
    counted = any(c.isdigit() for c in card.answer) or any(
        w.lower() in NUMBER_WORDS for w in words(card.answer))  # "[the First Estate]"
    if hidden and not counted and all(any(same_word(h, s) for s in shown) for h in hidden):
        return f"the front shows the answer {card.answer!r} again"
    # A word of the answer named again just after the gap ("mapping a query …, where the query …",
    # "[beam search] with a beam size") prints part of it; named before it, it is usually the
    # contrast the card asks ("spaced practice against [...] practice").
    near = words(after)[:ECHO_WINDOW]
    echoed = [h for h in hidden if any(same_word(h, s) for s in near)]
    # Only the answer's head named again ("[unsupervised representation learning] improves
    # supervised learning") is the contrast the card draws; its modifiers are still asked.
    contrast = echoed == hidden[-1:]
    if len(hidden) >= 2 and echoed and not counted and not contrast:
        return f"the front names {echoed[0]!r}, part of the answer {card.answer!r}, again"
    # "X and other [...]": the gap is the category of what was just named, which usually
    # shares its head ("depressive disorder and other [neuropsychiatric disorders]").
    lead = words(before)[-OTHER_WINDOW:]
    categorised = lead[-2:-1] in (["and"], ["or"]) and lead[-1:] == ["other"] and hidden
    if categorised and any(same_word(hidden[-1], s) for s in lead[:-2]):
        return f"'… and other [...]' names the category {hidden[-1]!r} the item before it has"
    acronym = _acronym_echo(card.answer, before, after) or _abbreviated(card.answer,
                                                                        before + " " + after)
    return f"the front spells out the answer {card.answer!r} as {acronym!r}" if acronym else None


def completes_itself(card: Shown) -> str | None:
    """A lone hidden noun its neighbours call up: the head of a compound whose modifier stands
    just before the gap ("labour supply [curve]", "Loss [aversion]"), or a common noun that
    closes the sentence after a preposition or article ("most abundant protein on [Earth].")."""
    hidden = words(card.answer)
    if card.kind == "qa" or len(hidden) != 1 or any(c.isdigit() for c in card.answer):
        return None
    before, after = visible(card.front)
    word, info = hidden[0], word_info(hidden[0].lower())
    if "NOUN" not in info.tags or word.isupper():
        return None
    preceding = (words(before) or [""])[-1]
    joined = before.endswith(" ") and before.rstrip()[-1:].isalpha()  # no comma or bracket
    modifier = word_info(preceding.lower())
    # After a plural noun, a word that can be its verb is its verb ("Conception rates [fell]",
    # "Exposure ages [cluster] at"): a clause, no compound.
    its_verb = modifier.plural and bool(info.forms & {"VBD", "VBP"})
    # "the first [harbour] walls": a number or ordinal is no modifier of a compound.
    ordinal = preceding.lower() in NUMBER_WORDS
    compound = joined and "NOUN" in modifier.tags and not (its_verb or ordinal)
    if compound and word[:1].islower() and not (after[:1].isalpha() or after.startswith("-")):
        return f"{preceding} [...]: the compound completes itself ({word!r})"
    closes = not words(after) or after.lstrip()[:1] in {".", "!", "?", ";"}
    if closes and preceding.lower() in _LEADS and info.zipf >= SENTENCE_END_ZIPF:
        return f"the sentence ends on {word!r}, a common noun its words already call up"
    # "The Empire's collapse in the [West] flattened …": a very common noun closing a phrase
    # of place or time before the verb is a detail the sentence's point does not need.
    nxt = word_info((words(after) or [""])[0].lower())
    finite = after[:1] == " " and nxt.tags == {"VERB"} and bool(nxt.forms & {"VBD", "VBZ"})
    if finite and preceding.lower() in _LEADS and info.zipf >= GENERIC_NOUN_ZIPF:
        return f"hides {word!r}, a very common noun closing a phrase before the verb"
    return None


def _describes(word: str) -> bool:
    """An adjective or adverb, with no verb reading: it describes the noun after it."""
    tags = word_info(word.lower()).tags
    return bool(tags) and (tags <= {"ADJ", "ADV"} or ("ADJ" in tags and "VERB" not in tags))


def _acronym_echo(answer: str, before: str, after: str) -> str | None:
    """An acronym beside the gap that its hidden expansion spells, or the reverse."""
    following = words(after)[:1]
    bracketed = after.lstrip().startswith("(") and following and _is_acronym(following[0])
    hidden = words(answer)
    # "[Warm Circumpolar Deep Water] (CDW)": the acronym may leave out a leading modifier, and
    # still spells most of what is hidden.
    tails = [hidden[start:] for start in range(len(hidden) - 1)] or [hidden]
    if bracketed and any(_spells(following[0], tail) for tail in tails):
        return following[0]
    if len(words(answer)) == 1 and _is_acronym(answer):
        preceding = words(before)
        for size in range(2, len(answer) + 1):
            if len(preceding) >= size and _spells(answer, preceding[-size:]):
                return " ".join(preceding[-size:])
    return None


def _abbreviated(answer: str, shown: str) -> str | None:
    """A symbol or acronym anywhere on the front that abbreviates the hidden words, or the
    words that a hidden symbol abbreviates ("fix [carbon dioxide] …, which concentrates CO2",
    "[ATP] … adenosine triphosphate"): the learner reads the answer off it."""
    hidden, seen = words(answer), words(shown)
    if len(hidden) >= 2:
        return next((w for w in seen if _is_symbol(w) and abbreviates(w, hidden)), None)
    if len(hidden) == 1 and _is_symbol(hidden[0]):
        for size in range(2, len(hidden[0]) + 2):
            for start in range(len(seen) - size + 1):
                if abbreviates(hidden[0], seen[start : start + size]):
                    return " ".join(seen[start : start + size])
    return None


def _is_symbol(word: str) -> bool:
    """An acronym or a chemical symbol: CO2, ATP, NaCl-free of lowercase runs, two capitals."""
    return _is_acronym(word) and not any(c.islower() for c in word)


def abbreviates(symbol: str, expansion: Sequence[str]) -> bool:
    """Whether a symbol's letters come from the words in order, the first word giving the first
    letter and every word at least one ("CO2": Carbon diOxide; "DNA": Deoxyribo-Nucleic
    Acid)."""
    letters = "".join(c for c in symbol.lower() if c.isalpha())
    lowered = [w.lower() for w in expansion]
    if len(letters) < 2 or len(lowered) < 2 or not all(w.isalpha() for w in lowered):
        return False
    return lowered[0][0] == letters[0] and _spread(letters[1:], lowered[0][1:], lowered[1:])


def _spread(letters: str, rest_of_word: str, words_after: Sequence[str]) -> bool:
    """Whether `letters` can come, in order, from the rest of the current word and then from
    each later word, every later word giving at least one."""
    if not words_after:
        return _subsequence(letters, rest_of_word)
    for cut in range(len(letters)):  # letters[:cut] from this word, the rest from later words
        if not _subsequence(letters[:cut], rest_of_word):
            break
        nxt = words_after[0]
        found = nxt.find(letters[cut])
        while found >= 0:
            if _spread(letters[cut + 1 :], nxt[found + 1 :], words_after[1:]):
                return True
            found = nxt.find(letters[cut], found + 1)
    return False


def _subsequence(letters: str, word: str) -> bool:
    """Whether the letters appear in the word in order."""
    remaining = iter(word)
    return all(c in remaining for c in letters)


def _is_acronym(word: str) -> bool:
    """SGD, PVC, LLMs: two or more capitals, and not a capitalised word."""
    return sum(map(str.isupper, word)) >= 2 and not word[1:].islower()


def _spells(acronym: str, expansion: Sequence[str]) -> bool:
    """Whether the words spell the acronym: each word gives its first letter, in order, and
    the acronym's other letters come from inside them ("Polyvinyl chloride" spells PVC)."""
    letters = acronym.rstrip("s").lower()
    if len(expansion) < 2 or not letters:
        return False
    position = 0
    for word in (w.lower() for w in expansion):
        if position >= len(letters) or word[0] != letters[position]:
            return False
        position += 1
        for char in word[1:]:
            nxt = letters[position : position + 1]
            if nxt and char == nxt and nxt not in {w[0].lower() for w in expansion[1:]}:
                position += 1
    return position == len(letters)


def twins(cards: Sequence[Shown]) -> dict[int, str]:
    """Cards (by index) whose answer a card of another highlight asks too: each answers the
    other by pattern, and one of them is learnt twice."""
    found: dict[int, str] = {}
    for i, card in enumerate(cards):
        key = _answer_key(card)
        if card.kind == "qa" or not key:
            continue
        for other in cards:
            if other.kind == "cloze" and other.line != card.line and _answer_key(other) == key:
                found[i] = f"the card from line {other.line} has the same answer {card.answer!r}"
                break
    return found


def _answer_key(card: Shown) -> str:
    """The answer's words, lowercased, for comparing answers; empty for answers of no letters."""
    key = _key(card.answer)
    return key if any(c.isalpha() for c in key) else ""


def _key(text: str) -> str:
    """A text's words, lowercased, one space between them."""
    return " ".join(w.lower() for w in words(text))
