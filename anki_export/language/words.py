"""Facts about single words, for choosing cloze targets.

Input: one lowercase word; output: its cached `WordInfo` (rarity, stopword, lemma, parts of speech,
verb forms, plural) and its language; plus the closed word classes the grammar rules name."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from anki_export.language.lexicon import all_inflections, all_lemmas, lemma_of, zipf_frequency


def word_set(words: str) -> frozenset[str]:
    """A set of space-separated words, so the word lists below stay readable."""
    return frozenset(words.split())


# Words at least this frequent (the, of, is, are, which, ...) never carry a card's idea.
STOP_ZIPF = 6.0
RARE_ZIPF = 5.0  # commoner single words ("order", "model") are too vague to test alone

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
# Verbs whose object does what their infinitive says: "allows researchers to edit {genes}".
CAUSATIVES = word_set(
    "allow enable cause force require permit encourage help lead ask tell teach instruct urge"
)
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
PARTICLES = word_set("up down out off away back")  # "strike down", "break up", "carry out"
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
# Titles before a name ("Chief Justice John Marshall"): the name is what a card asks for.
TITLES = word_set(
    """chief justice king queen president prime minister senator judge doctor professor sir
    lord lady saint general emperor empress pope bishop governor captain admiral"""
)
MULTIPLIERS = word_set("hundred thousand million billion trillion percent per cent")
# Nouns too light to be the idea themselves: "the {name} given to X" is about X.
LIGHT_NOUNS = word_set("name term word label process result way thing idea kind type sort")
# Parts of a text a sentence can point to: "see {chapter 3}" states no fact.
REFERENCES = word_set(
    """chapter chapters section sections table tables figure figures fig page pages p pp
    appendix footnote equation eq part"""
)
# Words that state no fact alone: a sentence made only of these and common words asks nothing.
VAGUE = REFERENCES | word_set(
    """worth complicated complex more less important interesting clear unclear true false
    obvious simple easy hard difficult possible impossible surprising remarkable relevant
    below above here there later earlier again previous following next thing things way case
    point fact matter detail details example examples note notice remember remembering see
    say said mention mentioned discuss discussed consider return recall stress emphasise
    emphasize"""
)
PRONOUNS = word_set("i we you he she it they this one someone something what whatever whoever")
PLURAL_PRONOUNS = word_set("i we you they these those")
CLOSED_CLASS = (
    (RELATIVES | PREPOSITIONS | STRIP_DETS | PRONOUNS | COPULAS | MODALS | HAVES | DISCOURSE)
    | VISIBLE_ADVERBS
    | word_set("there such what how why")
)

OTHER_LANGUAGES = ("de", "fr", "es", "it", "nl", "pt")
FOREIGN_MARGIN = 1.0  # a word belongs to another language only if clearly commoner there
_CONTRACTION = re.compile("['\u2019]")
_BRITISH = re.compile(r"is(ed|ing|ation|ations)$")  # "quantised" is looked up as "quantized"
_SUFFIX_FORMS = {"ed": ("VERB", "VBD VBN"), "ing": ("VERB", "VBG"),
                 "ation": ("NOUN", ""), "ations": ("NOUN", "")}  # fmt: skip


@dataclass(frozen=True, slots=True)
class WordInfo:
    """Cached facts about one lowercase word."""

    zipf: float
    stop: bool
    lemma: str
    tags: frozenset[str]  # lemminflect's possible UPOS readings; empty when unknown
    forms: frozenset[str]  # Penn tags of its verb readings (VBZ, VBD, VBN, VBP, VBG)
    plural: bool  # has a plural noun reading ("pumps", "bacteria")
    # Word classes the cloze rules ask about again and again, decided once per word:
    content: bool  # carries meaning, including frequent words such as "good" or "time"
    adverb: bool  # an -ly adverb such as "highly" or "marginally"
    nounish: bool  # can head a noun phrase (unknown words are usually names or jargon)
    verb_only: bool  # cannot be a noun or adjective, e.g. "put" (ends a noun phrase)


@lru_cache(maxsize=1 << 17)
def word_info(lower: str) -> WordInfo:
    """Rarity, stopword-ness, plural-free lemma, part-of-speech readings and classes of a word."""
    zipf = zipf_frequency(lower, "en")
    numeric = any(c.isdigit() for c in lower)
    stop = not numeric and (zipf >= STOP_ZIPF or lower in FUNCTION_WORDS)
    base = _CONTRACTION.split(lower, maxsplit=1)[0]
    if base != lower:
        stop = stop or word_info(base).stop  # "he'll", "don't", but not "Europe's"
    tags, forms = _readings(lower)
    plural = _is_plural(lower, tags)
    lemma = lower if stop else _noun_lemma(lower, tags)
    closed = lower in CLOSED_CLASS or lower in KEEP_LEAD
    adverb = lower.endswith("ly") and tags <= {"ADV"}
    return WordInfo(
        zipf,
        stop,
        lemma,
        tags,
        forms,
        plural,
        content=not stop or (not closed and bool(tags & {"NOUN", "ADJ"})),
        adverb=adverb,
        nounish=lower[:1].isdigit() or bool(tags & {"NOUN", "PROPN"}) or not (tags or adverb),
        verb_only=bool(tags) and tags <= {"VERB", "AUX"},
    )


def _readings(lower: str) -> tuple[frozenset[str], frozenset[str]]:
    """lemminflect's parts of speech and verb forms; British -ise forms read as -ize."""
    if not (lower.isascii() and lower.isalpha()):
        return frozenset(), frozenset()
    lookup, lemmas = lower, all_lemmas(lower)
    british = _BRITISH.search(lower)
    if not lemmas and british:
        lookup = f"{lower[: british.start()]}iz{british.group(1)}"
        lemmas = all_lemmas(lookup)
        if not lemmas:  # unknown even as -ize ("quantized"): the suffix says what it is
            upos, penn = _SUFFIX_FORMS[british.group(1)]
            return frozenset({upos}), frozenset(penn.split())
    forms: set[str] = set()
    for verb in lemmas.get("VERB", ()):
        inflections = dict(all_inflections(verb, upos="VERB"))
        inflections.setdefault("VBN", inflections.get("VBD", ()))  # regular: one form for both
        inflections.setdefault("VBP", inflections.get("VB", ()))
        forms.update(tag for tag, inflected in inflections.items() if lookup in inflected)
    return frozenset(lemmas), frozenset(forms - {"VB"})


def _is_plural(lower: str, tags: frozenset[str]) -> bool:
    """Whether a word can be a plural noun: "pumps", "bacteria", or an unknown "LLMs"."""
    if not tags:
        return len(lower) > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "is"))
    if "NOUN" not in tags:
        return False
    return any(noun != lower for noun in all_lemmas(lower).get("NOUN", ()))


def _noun_lemma(lower: str, tags: frozenset[str]) -> str:
    """The singular of a plural noun ("models" -> "model"); other words unchanged."""
    if len(lower) <= 3 or not lower.endswith("s") or lower.endswith("ss"):
        return lower
    if not lower.isascii() or not lower.isalpha() or (tags and "NOUN" not in tags):
        return lower
    lemmas = lemma_of(lower, upos="NOUN", lemmatize_oov=not tags)
    return str(lemmas[0]) if lemmas else lower


@lru_cache(maxsize=1 << 16)
def verb_lemma(lower: str) -> str:
    """The base form of a verb ("favors" -> "favor", "took" -> "take"); unknown words unchanged."""
    if not (lower.isascii() and lower.isalpha()):
        return lower
    lemmas = lemma_of(lower, upos="VERB", lemmatize_oov=False)
    return str(lemmas[0]) if lemmas else lower


def is_stopword(word: str) -> bool:
    """Whether a word is too common or too grammatical to be worth hiding."""
    return word_info(word.lower()).stop


def lemma(word: str) -> str:
    """The lowercase, plural-free form used to compare words ("Models" -> "model")."""
    return word_info(word.lower()).lemma


@lru_cache(maxsize=1 << 15)
def language_of(lower: str) -> str:
    """"en" unless another language clearly knows the word better ("die" is German); "" if none."""
    english = word_info(lower).zipf
    best, language = english + FOREIGN_MARGIN, "en" if english > 0 else ""
    for other in OTHER_LANGUAGES:
        # wordfreq's small lists (common words) tell a language apart as well as its large
        # ones, at a fifth of the memory and load time; the large lists load only for text
        # that turns out to be in another language.
        zipf = float(zipf_frequency(lower, other, wordlist="small"))
        if zipf > best:
            best, language = zipf, other
    return language


@lru_cache(maxsize=1 << 15)
def zipf_in(lower: str, language: str) -> float:
    """How common a word is in a language (Zipf scale, 0 when unknown)."""
    return word_info(lower).zipf if language == "en" else zipf_frequency(lower, language)


_WORD_TAILS = word_set("ing ings tion tions ation ations ment ments ness ity ities ly")
_UNKNOWN = 1.0  # Zipf below which a word is unknown to the lists
_KNOWN = 2.5  # Zipf from which a completed word is surely a word
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_ENDINGS = ("g", "e", "s", "d", "n", "t", "y", "l", "ng", "ch", "ed", "al", "ion", "ach", "ing")


@lru_cache(maxsize=4096)
def is_cut_word(word: str, at_start: bool) -> bool:
    """Whether a word at the edge of a highlight was cut in half by the selection: "mploys",
    "n" (of "In") at its start; "fine-tunin", "appro", "H" at its end. A rare but whole word
    ("corrigibly") is not."""
    part = (word.split("-")[0] if at_start else word.split("-")[-1]).strip("\"'“”‘’()[]")
    if not part.isalpha():
        return False
    if len(part) == 1:
        return part.lower() not in ("a", "i") and (not at_start or part.islower())
    lower = part.lower()
    if at_start and not part[0].islower():
        return False
    if at_start and lower in _WORD_TAILS:
        return True
    zipf = zipf_frequency(lower, "en")
    if at_start:
        return zipf < _UNKNOWN and any(
            zipf_frequency(c + lower, "en") >= _KNOWN for c in "abcdefghijklmnopqrstuvwxyz"
        )
    # at the end, a known but rare stub ("appro") whose completion is far commoner is cut too
    needed = max(_KNOWN + 1, zipf + 2)
    if zipf < _KNOWN + 0.5 and any(
        zipf_frequency(lower + ending, "en") >= needed for ending in _ENDINGS
    ):
        return True
    # a stub no list knows ("simil", "diffrac") is cut wherever a letter or two complete it
    return zipf < _UNKNOWN + 0.5 and len(lower) >= 3 and any(
        zipf_frequency(lower + a + b, "en") >= needed for a in _LETTERS for b in ("", *_LETTERS)
    )



def may_be_cut(word: str, at_start: bool) -> bool:
    """Whether a word at the edge of a highlight may be part of a longer one: rare ("ird",
    "bod"; an acronym's reading aside) where a letter before it ("bird") or an ending after it
    ("body") makes a common word. Looser than `is_cut_word`, for where a cut word would be a
    card's answer."""
    lower = word.lower()
    if not word.isalpha() or (at_start and not word[:1].islower()):
        return False
    if zipf_frequency(lower, "en") >= _KNOWN + 1:
        return False
    if at_start:
        return any(zipf_frequency(c + lower, "en") >= _KNOWN + 1.5 for c in _LETTERS)
    return any(zipf_frequency(lower + e, "en") >= _KNOWN + 2 for e in _ENDINGS)
