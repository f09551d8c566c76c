"""Words and short phrases of a highlight, for choosing cloze targets.

Input: a highlight's text; output: `Token`s with offsets and cached word facts (rarity, stopword,
lemma, parts of speech), plus finders for phrases, numbers, names, source terms and rare words."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from lemminflect import getAllLemmas, getLemma
from wordfreq import zipf_frequency


def word_set(words: str) -> frozenset[str]:
    """A set of space-separated words, so the word lists below stay readable."""
    return frozenset(words.split())


# Words at least this frequent (the, of, is, are, which, ...) never carry a card's idea.
STOP_ZIPF = 6.0

# Closed-class words that wordfreq ranks below STOP_ZIPF; frequency alone cannot tell them
# from content words, so they are listed (this is the only hand-made stopword list).
FUNCTION_WORDS = word_set(
    """might must shall does since such each thus hence upon among whose whom whereas whether
    although though despite via per onto within without toward towards beyond across against
    during nor unless whilst whereby wherein therefore however moreover furthermore thereby am
    yet either neither itself themselves himself herself ourselves yourself myself being even
    through between under before until while above below around behind along near beside
    besides whenever wherever whatever whichever whoever those why here both every another
    else ever rather quite cannot hers theirs ours yours"""
)

# Grammar cues for the claim and definition rules (closed classes, so lists are unavoidable).
COPULAS = word_set(
    """is are was were am be been being seem seems seemed appear appears appeared become
    becomes became remain remains remained get gets got"""
)
MODALS = word_set("will would can could may might must shall should do does did")
HAVES = word_set("has have had")
BE_FORMS = word_set("is are was were am be been being")
CAUSATIVES = word_set("allow enable cause force require permit encourage help lead")
# Words before a full stop that does not end the sentence ("Marbury v. Madison", "e.g. the").
ABBREVIATIONS = word_set("vs etc al fig figs dr mr mrs ms st no cf approx ca eq eqs pp jr sr")
ANCHORS = COPULAS - {"be", "been", "being", "get", "got"} | MODALS | HAVES
RELATIVES = word_set("that which who whom whose where whereby when")
STRIP_DETS = word_set("the this that these those its their his her our my your")
KEEP_LEAD = word_set(
    """a an many few more most less least fewer several some all no much every any both enough
    very so too quite rather one two three four five six seven eight nine ten"""
)
VISIBLE_ADVERBS = word_set(
    """also still not never always often usually just only even already indeed thus therefore
    hence generally typically actually really then now sometimes certainly probably perhaps
    merely simply nevertheless"""
)
PREPOSITIONS = word_set(
    """of in on at to for from with by about into onto through over under between among against
    during without within toward towards across upon like via per than after before since until
    behind beyond around along near above below besides inside outside throughout except"""
)
RAISING = word_set("likely unlikely able unable going supposed about certain sure bound")
INTRO_CLAUSES = word_set(
    """given if since because although though while whilst when whenever whereas unless as once
    after before until in for out by with on at from during to despite unlike even of under
    over without within through among between like besides upon"""
)
DISCOURSE = word_set(
    """thus however therefore hence so yet also moreover furthermore finally then now still
    indeed instead overall and but or nevertheless nonetheless similarly likewise"""
)
NAME_JOINERS = word_set("of de van von der la du da di del y")
MULTIPLIERS = word_set("hundred thousand million billion trillion percent per cent")
MAX_PHRASE = 6  # tokens; longer phrases are cut back to their head
MIN_CLAUSE_WORDS = 3  # an opener is skipped only if a clause of at least this many words follows
RARE_ZIPF = 5.0  # commoner single words ("order", "model") are too vague to test alone
GENUS_FOLLOWERS = RELATIVES | word_set("of for in used by to with")  # "a strategy {that} …"
PRONOUNS = word_set("i we you he she it they this one someone something")
CLOSED_CLASS = (
    (RELATIVES | PREPOSITIONS | STRIP_DETS | PRONOUNS | COPULAS | MODALS | HAVES | DISCOURSE)
    | VISIBLE_ADVERBS
    | word_set("there such what how why")
)

_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_WORD = rf"[^\W_](?:[^\W_]|[{_MARKS}])*"
# Apostrophes and hyphens join word parts; "." and "," join only digits (3.5, 1,648).
_TOKEN = re.compile(
    rf"{_WORD}(?:['\u2019\-]{_WORD}|(?<=\d)[.,](?=\d){_WORD})*(?:(?<=\d)%(?![^\W_]))?"
)
# Links, URLs, wikilinks, HTML tags and entities: their words are never hidden.
_MASK = re.compile(
    r"\[\[.*?\]\]|!?\[[^\]\n]*\]\([^)\s]*\)|<a\b[^>]*>.*?</a>|<[^>\n]*>|&#?\w+;"
    r"|(?:[a-z][a-z0-9+.\-]*://|www\.)\S+|[\w.+\-]+@[\w\-]+\.[\w.]+",
    re.IGNORECASE | re.DOTALL,
)
_SPACE = re.compile(r"\s+")
_CONTRACTION = re.compile("['\u2019]")
_SENTENCE_GAP = re.compile(r"[.!?…][\"'\u201d\u2019)\]]*\s|\n\s*\n")
_PHRASE_START_GAP = re.compile(r"[:;\"\u201c\u2018(\[\u2022*#>|]")


Phrase = tuple[int, int]  # first and last token index, inclusive


@dataclass(frozen=True, slots=True)
class WordInfo:
    """Cached facts about one lowercase word."""

    zipf: float
    stop: bool
    lemma: str
    tags: frozenset[str]  # lemminflect's possible UPOS readings; empty when unknown


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a text, with its offsets and context."""

    text: str
    lower: str
    start: int
    end: int
    gap: str  # the characters between the previous token and this one
    joined: bool  # only whitespace separates it from the previous token
    initial: bool  # first word of a sentence, quotation or list item
    masked: bool  # inside a link, URL, wikilink or HTML tag
    sentence: int
    info: WordInfo


@lru_cache(maxsize=1 << 17)
def word_info(lower: str) -> WordInfo:
    """Rarity, stopword-ness, plural-free lemma and part-of-speech readings of a word."""
    zipf = zipf_frequency(lower, "en")
    numeric = any(c.isdigit() for c in lower)
    stop = not numeric and (zipf >= STOP_ZIPF or lower in FUNCTION_WORDS)
    base = _CONTRACTION.split(lower, maxsplit=1)[0]
    if base != lower:
        stop = stop or word_info(base).stop  # "he'll", "don't", but not "Europe's"
    tags: frozenset[str] = frozenset()
    if lower.isascii() and lower.isalpha():
        tags = frozenset(getAllLemmas(lower))
    return WordInfo(zipf, stop, lower if stop else _noun_lemma(lower, tags), tags)


def _noun_lemma(lower: str, tags: frozenset[str]) -> str:
    """The singular of a plural noun ("models" -> "model"); other words unchanged."""
    if len(lower) <= 3 or not lower.endswith("s") or lower.endswith("ss"):
        return lower
    if not lower.isascii() or not lower.isalpha() or (tags and "NOUN" not in tags):
        return lower
    lemmas = getLemma(lower, upos="NOUN", lemmatize_oov=not tags)
    return str(lemmas[0]) if lemmas else lower


@lru_cache(maxsize=1 << 16)
def verb_lemma(lower: str) -> str:
    """The base form of a verb ("favors" -> "favor", "took" -> "take"); unknown words unchanged."""
    if not (lower.isascii() and lower.isalpha()):
        return lower
    lemmas = getLemma(lower, upos="VERB", lemmatize_oov=False)
    return str(lemmas[0]) if lemmas else lower


def is_stopword(word: str) -> bool:
    """Whether a word is too common or too grammatical to be worth hiding."""
    return word_info(word.lower()).stop


def lemma(word: str) -> str:
    """The lowercase, plural-free form used to compare words ("Models" -> "model")."""
    return word_info(word.lower()).lemma


def _mask_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of links, URLs, wikilinks and HTML in the text."""
    if not any(s in text for s in ("[", "<", "://", "&", "@", "www.")):  # most have none
        return []
    return [m.span() for m in _MASK.finditer(text)]


def _is_joining(gap: str, previous: str) -> bool:
    """Whether a gap keeps two words in one phrase: spaces, or a plural possessive (Years' War)."""
    if gap[:1] in ("'", "\u2019") and previous.endswith("s"):
        gap = gap[1:]
    return _SPACE.fullmatch(gap) is not None


def _ends_sentence(previous: Token, gap: str, word: str) -> bool:
    """Whether a sentence ends between `previous` and `word` (not after "v." or "e.g.")."""
    if word[0].islower() or not _SENTENCE_GAP.search(gap):
        return False
    return not (gap[0] == "." and (len(previous.lower) == 1 or previous.lower in ABBREVIATIONS))


def tokenize(text: str) -> tuple[Token, ...]:
    """The words of a text with offsets, sentence numbers and cached word facts."""
    masks = _mask_ranges(text)
    tokens: list[Token] = []
    sentence, prev_end, prev = 0, 0, None
    for m in _TOKEN.finditer(text):
        word, (start, end) = m.group(), m.span()
        gap = text[prev_end:start]
        if prev is None:
            joined, initial = False, True
        elif gap == " ":  # the common case, decided without regexes
            joined, initial = True, False
        else:
            if _ends_sentence(prev, gap, word):
                sentence += 1
            joined = _is_joining(gap, prev.lower)
            initial = prev.sentence != sentence or _PHRASE_START_GAP.search(gap) is not None
        masked = bool(masks) and any(s < end and start < e for s, e in masks)
        lower = word.lower()
        prev = Token(
            word, lower, start, end, gap, joined, initial, masked, sentence, word_info(lower)
        )
        tokens.append(prev)
        prev_end = end
    return tuple(tokens)


# --- word classes -------------------------------------------------------------------------


def is_term_word(t: Token) -> bool:
    """A content word that can belong to the source's vocabulary."""
    return not t.masked and not t.info.stop and (len(t.lower) >= 3 or is_acronym(t))


def is_content(t: Token) -> bool:
    """A word that carries meaning, including frequent ones such as "good" or "time"."""
    if not t.info.stop:
        return True
    closed = t.lower in CLOSED_CLASS or t.lower in KEEP_LEAD
    return not closed and bool(t.info.tags & {"NOUN", "ADJ"})


def is_adverb(t: Token) -> bool:
    """An -ly adverb such as "highly" or "marginally"."""
    return t.lower.endswith("ly") and t.info.tags <= {"ADV"}


def is_nounish(t: Token) -> bool:
    """A word that can head a noun phrase (unknown words are usually names or jargon)."""
    tags = t.info.tags
    return t.lower[0].isdigit() or bool(tags & {"NOUN", "PROPN"}) or not (tags or is_adverb(t))


def is_verb_only(t: Token) -> bool:
    """A word that cannot be a noun or adjective, e.g. "put" (ends a noun phrase)."""
    return bool(t.info.tags) and t.info.tags <= {"VERB", "AUX"}


def is_acronym(t: Token) -> bool:
    """SGD, LLMs, mRNA, CRISPR-Cas9: a name-like word with two or more capitals."""
    return sum(c.isupper() for c in t.text) >= 2


def is_capitalised(t: Token) -> bool:
    """A word starting with a capital letter, other than the pronoun I."""
    return t.text[0].isupper() and t.lower != "i"


# --- phrases ------------------------------------------------------------------------------


def phrase(toks: Sequence[Token], i: int, hi: int) -> Phrase | None:
    """The short noun or adjective phrase starting at token i, without a leading "the"."""
    while i < hi - 1 and toks[i].lower in STRIP_DETS and toks[i + 1].joined:
        i += 1
    j, noun_seen = i, False
    while j < hi and (j == i or toks[j].joined) and not toks[j].masked:
        t, prev = toks[j], toks[j - 1].lower if j > i else ""
        if j + 1 < hi and toks[j + 1].gap == "(":
            break  # a formula such as O(n log n) is not a phrase
        if (t.lower == "of" and noun_seen) or (prev == "of" and t.lower in STRIP_DETS):
            j += 1
        elif (
            t.lower in KEEP_LEAD
            or is_common_content(toks, j, hi)
            or not (
                t.info.stop
                or t.lower in CLOSED_CLASS
                or (noun_seen and (is_verb_only(t) or is_adverb(t)))
            )
        ):
            noun_seen = noun_seen or is_nounish(t)
            j += 1
        else:
            break
    return _trim(toks, i, j - 1)


def is_common_content(toks: Sequence[Token], j: int, hi: int) -> bool:
    """A frequent noun or adjective before a content word: "a {good} model", "{time} limit"."""
    t = toks[j]
    if not t.info.tags & {"NOUN", "ADJ"} or t.lower in CLOSED_CLASS or j + 1 >= hi:
        return False
    return toks[j + 1].joined and not toks[j + 1].info.stop


def _trim(toks: Sequence[Token], first: int, last: int) -> Phrase | None:
    """Drop trailing function words and adverbs, cut long phrases to their head, reject empties."""
    while last >= first and (toks[last].info.stop or is_adverb(toks[last])):
        last -= 1
    if last - first + 1 > MAX_PHRASE:
        ofs = [k for k in range(first + 1, first + MAX_PHRASE + 1) if toks[k].lower == "of"]
        # "a good model of the base objective" -> "a good model"; no "of": keep the head noun's end
        return _trim(toks, first, ofs[-1] - 1) if ofs else _trim(toks, last - 3, last)
    if any(not toks[k].info.stop for k in range(first, last + 1)):
        return first, last
    return None


def starts_with(toks: Sequence[Token], i: int, words: tuple[str, ...]) -> bool:
    """Whether the tokens from i spell the given words."""
    return tuple(t.lower for t in toks[i : i + len(words)]) == words


def skip_opener(toks: Sequence[Token], lo: int, hi: int) -> int:
    """Index where the main clause starts, past "Thus", "Given that …," and similar openers."""
    for _ in range(3):
        if lo >= hi - 1:
            break
        first = toks[lo]
        if first.lower in DISCOURSE or is_adverb(first):
            lo += 1
        elif first.lower in INTRO_CLAUSES:
            comma = next((k for k in range(lo + 1, hi) if "," in toks[k].gap), hi)
            if hi - comma < MIN_CLAUSE_WORDS:
                break
            lo = comma
        else:
            break
    return lo


def is_noun_phrase(part: Sequence[Token]) -> bool:
    """Whether the words before a verb read as one short noun phrase ("The printing press")."""
    allowed = STRIP_DETS | KEEP_LEAD | {"of"}
    return len(part) <= 5 and all(
        (t.lower in allowed or not t.info.stop)
        and not (is_verb_only(t) and not t.lower.endswith(("ing", "ed")))  # "printing press"
        for t in part
    )


def term(toks: Sequence[Token], lo: int, end: int) -> Phrase | None:
    """toks[lo:end] as a defined term: short, one phrase, starting and ending with content words."""
    while lo < end and toks[lo].lower in {"the", "a", "an"}:
        lo += 1
    if not 0 < end - lo <= 4 or any(t.masked for t in toks[lo:end]):
        return None
    if not all(t.joined for t in toks[lo + 1 : end]):
        return None
    if toks[lo].info.stop or toks[end - 1].info.stop or is_adverb(toks[lo]):
        return None
    return lo, end - 1


def sentence_ranges(toks: Sequence[Token]) -> Iterator[tuple[int, int]]:
    """Token ranges [lo, hi) of the text's sentences."""
    lo = 0
    for k in range(1, len(toks) + 1):
        if k == len(toks) or toks[k].sentence != toks[lo].sentence:
            yield lo, k
            lo = k


def is_genus(toks: Sequence[Token], i: int, hi: int) -> bool:
    """Whether toks[i:] reads "a/an Y that|of …" (or "the Y that …"): the class of a term."""
    if i >= hi or toks[i].lower not in {"a", "an", "the"}:
        return False
    followers = GENUS_FOLLOWERS if toks[i].lower != "the" else RELATIVES
    for k in range(i + 1, min(hi, i + 6)):  # the class itself is a short phrase
        t = toks[k]
        if not t.joined:
            return toks[i].lower != "the" and k > i + 1
        if t.lower in followers:
            return k > i + 1
        if t.info.stop and not is_common_content(toks, k, hi):
            return False
    return hi <= i + 5 and toks[i].lower != "the"


def object_complement(toks: Sequence[Token], k: int, hi: int) -> Phrase | None:
    """An adjective after an object, saying what the verb made of it ("made books cheaper")."""
    last = k
    while last < hi - 1 and is_adverb(toks[last]) and toks[last + 1].joined:
        last += 1
    return (k, last) if toks[last].info.tags == {"ADJ"} and not toks[last].info.stop else None


# --- lexical targets: numbers, names, the source's vocabulary, rare words ---------------


def numbers(toks: Sequence[Token], lo: int, hi: int) -> Iterator[Phrase]:
    """Numbers with their unit ("3.5 billion years", "40%") and years ("1648")."""
    for k in range(lo, hi):
        t = toks[k]
        if t.masked or not t.text[0].isdigit():
            continue
        if t.initial and len(t.text) <= 2 and toks[k + 1 : k + 2] and not toks[k + 1].joined:
            continue  # a list marker such as "1." or "2)"
        last = k
        while last + 1 < hi and toks[last + 1].joined and toks[last + 1].lower in MULTIPLIERS:
            last += 1
        is_year = len(t.text) == 4 and t.text.isdecimal() and 1000 <= int(t.text) <= 2100
        while not is_year and last + 1 < hi and last - k < 2 and _is_unit(toks[last + 1]):
            last += 1  # "0.75 percentage points", "20,000 protein-coding genes"
        yield k, last


def _is_unit(t: Token) -> bool:
    """A word that can measure a number: "years", "km", "species" (not a name or a verb)."""
    return t.joined and not (t.info.stop or t.masked or is_capitalised(t)) and is_nounish(t)


def names(toks: Sequence[Token], lo: int, hi: int) -> Iterator[tuple[int, Phrase]]:
    """Named entities and their strength: 0 multi-word names, 1 acronyms, 2 lone names."""
    k = lo
    while k < hi:
        if toks[k].masked or not is_capitalised(toks[k]):
            k += 1
            continue
        last = k
        while last + 1 < hi and toks[last + 1].joined and not toks[last + 1].masked:
            nxt = toks[last + 1]
            joiner = nxt.lower in NAME_JOINERS and last + 2 < hi and toks[last + 2].joined
            if is_capitalised(nxt) or (joiner and is_capitalised(toks[last + 2])):
                last += 2 if joiner else 1
            else:
                break
        first = k
        while first < last and toks[first].info.stop:  # "The Treaty of Westphalia"
            first += 1
        found = _name_strength(toks, first, last)
        if found is not None:
            yield found, (first, last)
        k = last + 1


def _name_strength(toks: Sequence[Token], first: int, last: int) -> int | None:
    """How surely toks[first:last+1] is a name; None when it is not one (or is a title)."""
    capitals = sum(is_capitalised(t) for t in toks[first : last + 1])
    if capitals > 4 or toks[first].info.stop:
        return None  # a title or a shouted sentence, not a name
    if capitals >= 2 and not (toks[first].initial and capitals == 2 and first == last - 1):
        return 0
    if first == last and is_acronym(toks[first]):
        return 1
    if first == last and not toks[first].initial and len(toks[first].text) > 1:
        return 2
    return 0 if capitals >= 2 and not toks[first].info.tags else None


def vocabulary_terms(
    toks: Sequence[Token], lo: int, hi: int, vocabulary: frozenset[str]
) -> Iterator[tuple[float, Phrase]]:
    """The source's own recurring terms, bigrams first, then by rarity."""
    for k in range(lo, hi):
        t = toks[k]
        if not is_term_word(t):
            continue
        nxt = toks[k + 1] if k + 1 < hi else None
        bigram = nxt is not None and f"{t.info.lemma} {nxt.info.lemma}" in vocabulary
        # a term ends in a noun or participle ("base objective"), not "favors deceptive"
        if (
            nxt is not None
            and bigram
            and nxt.joined
            and is_term_word(nxt)
            and nxt.info.tags != {"ADJ"}
        ):
            yield -10.0 + min(t.info.zipf, nxt.info.zipf), (k, k + 1)
        if t.info.lemma in vocabulary and _is_jargon(t):
            yield t.info.zipf, (k, k)


def _is_jargon(t: Token) -> bool:
    """A single word specific enough to test: rare, and not a verb or adverb ("pointer")."""
    if t.info.zipf >= RARE_ZIPF or is_adverb(t) or is_verb_only(t):
        return False
    return "NOUN" in t.info.tags or not t.lower.endswith("ing")


def rarest(
    toks: Sequence[Token], lo: int, hi: int, repeated: frozenset[str] = frozenset()
) -> Phrase | None:
    """The rarest content word not in `repeated`, grown into a short noun phrase."""
    pool = [
        k
        for k in range(lo, hi)
        if toks[k].info.zipf < RARE_ZIPF
        and toks[k].info.lemma not in repeated
        and not toks[k].masked
        and not toks[k].info.stop
        and not is_adverb(toks[k])
        and not is_verb_only(toks[k])
        and sum(c.isalpha() for c in toks[k].text) > 3
    ]
    if not pool:
        return None
    first = last = min(pool, key=lambda i: (toks[i].info.zipf, i))
    while last + 1 < hi and last - first < 2 and toks[last + 1].joined:
        if not (_is_modifier(toks[last + 1]) and is_nounish(toks[last + 1])):
            break
        last += 1
    while first > lo and last - first < 2 and toks[first].joined:
        if not _is_modifier(toks[first - 1]):
            break
        first -= 1
    return first, last


def _is_modifier(t: Token) -> bool:
    """A word that can stand in a noun phrase: not a function word, adverb or bare verb."""
    return not (t.masked or t.info.stop or is_adverb(t) or is_verb_only(t))


def source_terms(toks: Sequence[Token]) -> set[str]:
    """The lemmas of a text's content words and of its two-word phrases ("deceptive model")."""
    terms = {t.info.lemma for t in toks if is_term_word(t)}
    terms.update(
        f"{a.info.lemma} {b.info.lemma}"
        for a, b in pairwise(toks)
        if b.joined and is_term_word(a) and is_term_word(b)
    )
    return terms
