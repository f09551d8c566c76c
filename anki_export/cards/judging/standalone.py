"""Pattern 2, the front does not stand alone: it leans on text the card does not show.

Input: a `Shown` card. Output: the reason its front cannot be read on its own, or nothing.
"""

from __future__ import annotations

import re
from itertools import pairwise

from anki_export.cards.judging.constituents import ARTICLES, DETERMINERS, gap_cuts_a_phrase
from anki_export.cards.judging.shown import GAP, Shown, content_words, visible, words
from anki_export.language.scripts import highlight_language
from anki_export.language.words import (
    PREPOSITIONS,
    RELATIVES,
    language_of,
    word_info,
    word_set,
)

MAX_SENTENCE_WORDS = 40  # past this the sentence asked holds several ideas, none asked sharply
MAX_SIDE_CLAUSE_WORDS = 35  # past this, a gap in a side clause asks a detail of a long read
SIDE_CLAUSE_OPENERS = word_set("which where while whereas who when and so as such")
MIN_VISIBLE_WORDS = 4  # fewer words around the gap leave many answers possible
MIN_CONTENT_WORDS = 2  # "Rubisco fixes [...]" is enough; "It is often [...] in them" is not
OPENING_WORDS = 3  # an anaphor this early has nothing on the card to point back to
CUT_WORD_ZIPF = 2.0  # rarer unknown words at the end of an unpunctuated front were cut off
GLOSS_WORD_ZIPF = 3.0  # a glossary term's part the word list lacks is a word if this common
RARE_WORD_LENGTH = 6  # a word this long that corpora hold at all ("desorb") is a rare word, whole
# Words that point back to something said before; closed classes, so listed.
ANAPHORS = word_set("this these those such they them their he she his it its")
DEMONSTRATIVES = word_set("this these those such")
POINTERS = word_set("this these those")  # "that" is as often a conjunction
COMPARATIVES = word_set("than as")  # "… than those in …": what is compared is on the card
SUPPORT = word_set("do does did")  # the auxiliary of a question whose verb is then bare
AUXILIARIES = word_set("is are was were be been being has have had do does did can could may "
                       "might must shall should will would get got")
DANGLING_ENDS = word_set("and or but because which that whereas while")
# A highlight starting on these is cut from a sentence whose start it needs.
FRAGMENT_OPENERS = DANGLING_ENDS | PREPOSITIONS | RELATIVES | word_set("as so than if when")
# "By 1500, what is …?": a phrase holding a number, then a question of what something is.
_DATED_DEFINITION = re.compile(r"^[^,?]*\d[^,?]*,\s*what (?:is|are|was|were)\b", re.IGNORECASE)
_EXPLETIVE = re.compile(r"^\W*It (?:is|was|seems|seemed|remains|becomes|became|has been)\s+"
                        r"(?:[\w-]+\s+){0,2}?[\w-]+\s+(?:to|that|whether|how)\b")
# "What does the highlight on p. 7 that begins … say?": a question about the source's text.
_RECITATION = re.compile(r"\b(?:highlight|passage|excerpt|quotation)\b.*\bsays?\b",
                         re.IGNORECASE)
# "voice-leading [...], the tendency to move each voice …": a term and its definition set
# beside it, as a glossary writes them; the card says what is defined.
_GLOSS = re.compile(r"^[\w-]+(?:\s[\w-]+)?\s\[\.\.\.\],\s(?:the|a|an)\s")
PLURAL_WITHOUT_S = word_set("people police cattle children men women feet teeth geese staff")
_ENUMERATOR = re.compile(r"^\s*(?:\(?[ivx]{1,4}\)|\(?[a-z0-9]\)|\d+\.)\s*", re.IGNORECASE)


def not_standalone(card: Shown) -> str | None:
    """Why the front cannot be read on its own, or None."""
    front = _ENUMERATOR.sub("", card.front).strip()
    if card.kind == "cloze" and (cut := gap_cuts_a_phrase(card) or _gap_cuts_a_word(card)):
        return cut
    if card.kind == "qa" and (broken := _broken_question(front)):
        return broken
    for check in (_dangling_opener, _pronoun_points_back, _subject_refers_back, _damaged_start,
                  _damaged_end, _unbalanced, _too_long, _too_little, _trailing_lead_in):
        reason = check(front)
        if reason:
            return reason
    return None


def _first_sentence(front: str) -> str:
    """The front up to its first full stop (a carried context sentence is what grounds it)."""
    match = re.search(r"[.!?]\s+[A-Z(]", front)
    return front[: match.start() + 1] if match else front


def _dangling_opener(front: str) -> str | None:
    """An opening "This", "They", "Such" … with nothing before it on the card to point at."""
    sentence = _first_sentence(front).split(GAP)[0]
    opening = words(sentence.split(",")[0])[:OPENING_WORDS]
    after_opener = words(sentence.split(",", 1)[1])[:1] if "," in sentence[:60] else []
    # "In a disease context, this is …": a demonstrative after an opening phrase points back
    # too; a personal pronoun there ("If a model …, it must …") usually points into the phrase.
    opening += [w for w in after_opener if w.lower() in DEMONSTRATIVES]
    # "Unlike most conventional alloys, its strength …": an "its" with no singular noun
    # before it on the card to stand for.
    phrase = words(sentence.split(",", 1)[0])
    if after_opener[:1] == ["its"] and not any(
            _countable(w, first=i == 0) for i, w in enumerate(phrase)):
        return "opens on 'its' after a phrase with no singular noun: whose is not on the card"
    said = words(sentence)
    following = {a.lower(): b.lower() for a, b in pairwise(said)}
    if _EXPLETIVE.match(sentence):
        return None  # "It is difficult to …": the "it" stands for what follows, not before
    for word in opening:
        if word.lower() == "such" and following.get("such") == "as":
            continue  # "plants such as maize": an example follows, nothing is pointed back at
        if word.lower() in ANAPHORS:
            return f"opens on {word!r}, which points at text the card does not show"
    return None


def _countable(word: str, first: bool) -> bool:
    """A singular noun an "its" could stand for (a name counts: "In Rome, its …"; the
    sentence's first word is capitalised whatever it is)."""
    info = word_info(word.lower())
    return (word[:1].isupper() and not first) or (
        "NOUN" in info.tags and not info.plural and word.lower() not in PREPOSITIONS)


def _gap_cuts_a_word(card: Shown) -> str | None:
    """A gap glued to a letter, digit or sign ("between -[...] and -0.2"): half a token is
    hidden and the other half shown."""
    before, after = visible(card.front)
    glued_before = before[-1:].isalnum() or (before[-1:] != "" and before[-1:] in "-−+")
    if glued_before or after[:1].isalnum():
        return "the gap cuts a word or a number: part of it stays visible"
    return None


def _broken_question(question: str) -> str | None:
    """A "Why does …?" question whose verb kept its past form ("Why does the wage …
    roughly doubled?"), or a definition asked under a date ("By 1500, what is …?"): the
    sentence was turned into a question wrongly."""
    if _DATED_DEFINITION.match(question):
        return "asks what a term is under a date: a definition has none, the date was the claim's"
    if _RECITATION.search(question):
        return "asks what a passage says: a text to recite, not an idea to recall"
    asked = words(question)
    if len(asked) >= 4 and asked[0].lower() == "why" and asked[1].lower() == "do" and all(
            _singular_noun(w) for w in asked[2:-1]):
        return f"'Why do {' '.join(asked[2:])}?': no plural subject and no verb, not a question"
    if len(asked) < 3 or asked[0].lower() != "why" or asked[1].lower() not in SUPPORT:
        return None
    for previous, word, following in zip(asked[1:-1], asked[2:], [*asked[3:], ""], strict=True):
        info = word_info(word.lower())
        past = info.tags == {"VERB"} and "VBD" in info.forms
        modifies = "NOUN" in word_info(following.lower()).tags  # "than massed practice"
        if past and not modifies and previous.lower() not in DETERMINERS | AUXILIARIES:
            return f"a 'Why {asked[1]} …' question with the past form {word!r}: not a question"
    return None


def _singular_noun(word: str) -> bool:
    """A noun that cannot be the plural subject of "do" ("ascertainment", not "people")."""
    info = word_info(word.lower())
    return word.islower() and not info.plural and word.lower() not in PLURAL_WITHOUT_S and (
        not info.tags or info.tags <= {"NOUN", "VERB"}) and not word.endswith("s")


def _pronoun_points_back(front: str) -> str | None:
    """"Critics have called this the [...]": "this", "these" or "those" standing for a noun,
    before the gap, in a front that carries no sentence before it to stand for."""
    if _first_sentence(front) != front:
        return None  # a carried sentence before the asked one may be what it stands for
    # A clause before it on the card ("…; this is termed …") is what it stands for.
    said = words(re.split(r"[,;:—–]", front.split(GAP)[0])[0])
    for previous, word, nxt in zip(["", *said], said, [*said[1:], ""], strict=False):
        if previous.lower() in COMPARATIVES:
            continue  # "more uncertain than those in precipitation": the sentence names them
        # "those of the lower classes" names what it points at.
        alone = not (word_info(nxt.lower()).tags & {"NOUN", "ADJ"}) and nxt.lower() != "of"
        # "Which term is this: “…”?" points forward, at what the colon or quote brings.
        forward = re.search(rf"\b{re.escape(word)}\s*[:“\"]", front)
        if word.lower() in POINTERS and alone and not forward:
            return f"'{word}' stands for something the card does not show"
    return None


def _subject_refers_back(front: str) -> str | None:
    """A front that opens on "The" and a plural noun of what an act yields, acting as subject
    ("The outputs are …", "The results show …"): whose they are was said in text the card
    does not show (with "of …" after it, the card says whose)."""
    first = words(_first_sentence(front).split(GAP)[0])[:3]
    if len(first) < 3 or first[0] != "The" or not first[1].islower():
        return None
    noun, verb = word_info(first[1]), word_info(first[2].lower())
    plural = first[1].endswith("s") and noun.lemma != first[1] and {"NOUN", "VERB"} <= noun.tags
    acts = first[2].lower() in AUXILIARIES or "VBP" in verb.forms
    if plural and acts and "ADJ" not in verb.tags:
        return f"opens on 'The {first[1]}', which refers back to text the card does not show"
    return None


def _damaged_start(front: str) -> str | None:
    """A front that starts mid-sentence (lowercase, or on stray punctuation) or mid-word."""
    start = front.lstrip("\"'“‘«")
    if start.startswith(GAP):
        return None
    if start[:1] in ")]},;:.-–—":
        return f"starts on a stray {start[:1]!r}: the highlight was cut"
    first = (words(start) or [""])[0]
    # A lowercase article opens a whole sentence whose subject is on the card ("the Log Matching
    # property says …"); a highlight cut mid-sentence starts on any other word.
    if start[:1].islower() and first[1:].islower() and first not in ARTICLES:
        unknown = not word_info(first.lower()).tags and _english(first, front)
        if unknown and word_info(first.lower()).zipf < CUT_WORD_ZIPF:
            return f"starts mid-word ({first!r})"
        if not _whole_clause(_first_sentence(start)) and not _glossed(start):
            return f"starts mid-sentence ({first!r}): no subject on the card"
    return None


def _glossed(front: str) -> bool:
    """A glossary line: a term whose words are all words ("ntes de [...], a …" starts on a cut
    one), the gap, and its definition set beside it."""
    term = (words(front) or [""])[0]
    return bool(_GLOSS.match(front)) and all(
        word_info(part.lower()).tags or word_info(part.lower()).zipf >= GLOSS_WORD_ZIPF
        for part in term.split("-"))


def _whole_clause(sentence: str) -> bool:
    """Whether a highlight that starts lowercase is still a clause of its own: it opens on a
    noun or adjective, its subject, and a finite verb of the main clause follows ("wild bee
    richness fell by …"); "processes that fail by stopping, …" is a fragment."""
    said = [w.lower() for w in words(sentence.replace(GAP, " "))]
    opener = word_info(said[0]) if said else None
    if opener is None or said[0] in FRAGMENT_OPENERS or not opener.tags & {"NOUN", "ADJ"}:
        return False
    for i, word in enumerate(said[1:], start=1):
        info = word_info(word)
        past = "VBD" in info.forms
        present = bool(info.forms & {"VBZ", "VBP"}) and "NOUN" not in info.tags
        if (past or present or word in AUXILIARIES) and not RELATIVES & set(said[max(0, i - 3):i]):
            return True
    return False


def _damaged_end(front: str) -> str | None:
    """An unpunctuated front whose last word is not a word: the highlight stops mid-word."""
    end = front.rstrip()
    if not end or end.endswith((".", "!", "?", ")", "]", '"', "”", "’", GAP)):
        return None
    last = (words(end) or [""])[-1]
    piece = last.split("-")[-1]
    if len(piece) == 1 and piece.isupper():
        return f"ends on a single letter ({last!r}): the highlight stops mid-word"
    info = word_info(piece.lower())
    rare_whole_word = len(piece) >= RARE_WORD_LENGTH and info.zipf > 0
    if piece.islower() and not info.tags and info.zipf < CUT_WORD_ZIPF and not rare_whole_word \
            and _english(piece, front):
        return f"ends mid-word ({last!r})"
    # "… as calculations have sho": after an auxiliary only a verb can come.
    previous = (words(end) or ["", ""])[-2:-1]
    if previous and previous[0].lower() in AUXILIARIES and piece.islower() and not info.tags \
            and _english(piece, front):
        return f"ends mid-word ({last!r} after {previous[0]!r})"
    return None


def _english(word: str, front: str) -> bool:
    """Whether an unknown word may be an English word cut in half, not a whole word of another
    language ("fließt", "zusammendrückt" end a German highlight)."""
    return language_of(word.lower()) in ("en", "") and highlight_language(front) == "en"


def _unbalanced(front: str) -> str | None:
    """An opened bracket never closed, or a closed one never opened: text is missing."""
    text = front.replace(GAP, "")
    for opening, closing in ("()", "[]"):
        if text.count(opening) != text.count(closing):
            alone = opening if text.count(opening) > text.count(closing) else closing
            return f"an unmatched {alone!r}: part of the sentence is missing"
    return None


def _too_long(front: str) -> str | None:
    """A sentence too long to ask one thing (a context sentence carried before it may add)."""
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z(])", front)
    asked = next((s for s in sentences if GAP in s), front)
    n = len(words(asked))
    if n > MAX_SENTENCE_WORDS:
        return f"the sentence asked is {n} words long: more than one idea to read"
    part = asked.split(GAP)[0].rsplit(",", 1)
    opener = (words(part[1]) or [""])[0].lower() if len(part) == 2 else ""
    if n > MAX_SIDE_CLAUSE_WORDS and GAP in asked and opener in SIDE_CLAUSE_OPENERS \
            and not _draws_the_conclusion(part[1]):
        return f"a {n}-word sentence that asks its side clause ('{opener} …'), not its point"
    return None


def _draws_the_conclusion(clause: str) -> bool:
    """"…, which suggests that the law alone is [...]": a "which" standing for the whole
    sentence before it, with a verb reporting what follows from it, is the sentence's point,
    not a side detail."""
    said = [w.lower() for w in words(clause)]
    if len(said) < 3 or said[0] != "which" or said[2] != "that":
        return False
    info = word_info(said[1])
    return "VERB" in info.tags and bool(info.forms & {"VBZ", "VBD"})


def _too_little(front: str) -> str | None:
    """Too few words around the gap to point at one answer (a mapping half, a bare list item)."""
    before, after = visible(front)
    n = len(words(before)) + len(words(after))
    named = content_words(before + " " + after)
    # A verb of its own with its subject ("Melody arises from [...]") says how the answer
    # relates; a bare "X is [...]" or "X: [...]" leaves any predicate possible.
    related = len(named) >= MIN_CONTENT_WORDS and any(_lexical_verb(w) for w in named)
    if GAP in front and n < MIN_VISIBLE_WORDS and not related:
        return f"only {n} words around the gap: many answers fit"
    # "They are often [...] in it.": words enough, but only grammar; nothing names the topic.
    if GAP in front and len(named) < MIN_CONTENT_WORDS:
        return f"only {len(named)} content word(s) around the gap: nothing says what is asked"
    return None


def _lexical_verb(word: str) -> bool:
    """A finite verb with a meaning of its own: not a copula, not a noun ("arises", "sees")."""
    info = word_info(word.lower())
    return "VERB" in info.tags and "NOUN" not in info.tags and bool(info.forms & {"VBZ", "VBD",
                                                                                 "VBP"})


def _trailing_lead_in(front: str) -> str | None:
    """A front that ends on a colon or a conjunction: its point comes after it."""
    end = front.rstrip()
    if end.endswith(GAP):
        return None
    last = (words(end) or [""])[-1].lower()
    # "… servers the client has seen before": a preposition that can stand as an adverb ends
    # a sentence; a conjunction or a bare "of" cannot.
    dangling = last in DANGLING_ENDS or (last in PREPOSITIONS and "ADV" not in word_info(last).tags)
    # A question may end on its preposition ("What does MLR stand for?") or quote a phrase
    # that does ("Which term is this: “… arrived from”?"): the "?" closes it.
    if end.endswith(":") or (dangling and not end.endswith((".", "?"))):
        return "ends on a lead-in (a colon or a conjunction): its point is on another card"
    return None
