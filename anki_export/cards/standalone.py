"""Whether a sentence of a highlight can stand alone on a card, and the front it then shows.

Input: one sentence and where it sits in its highlight; output: a `Front` (the text to show,
repaired and trimmed) or the reason no card is made of it: a card stands alone or is not made.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from anki_export.cards.guessable import LIGHT_HEADS
from anki_export.language.mending import keeps_its_subject, mended_first_word
from anki_export.language.references import strip_references
from anki_export.language.tokens import (
    Token,
    is_acronym,
    is_capitalised,
    is_nounish,
    is_number,
    language,
    tokenize,
)
from anki_export.language.verbs import main_verb
from anki_export.language.words import (
    ANCHORS,
    PREPOSITIONS,
    PRONOUNS,
    is_cut_word,
    word_set,
)

_ENUMERATED = re.compile(
    r"^\(?(?:[ivx]{1,4}|[a-h]|\d{1,2})\)\s*|^(?:[ivx]{1,4}|\d{1,2})\.\s+", re.I
)
# A heading the highlight starts with ("Self-supervised learning: Unsupervised …"): a label,
# not part of the statement, and never the answer.
_LABEL = re.compile(r"^(?:[A-Z][\w\-]*)(?:\s+[\w\-]+){0,3}:\s+(?=[A-Z])")
_INLINE_ITEM = re.compile(r"(?:^|\s)\((?:[ivx]{1,4}|[a-h]|\d)\)\s", re.I)
_CAPTION = re.compile(
    r"^(?:table|fig(?:ure)?|algorithm|listing|chart)\.?\s*[A-Z]?\d+[a-z]?\s*[:.|]", re.I
)
_MATH_LETTERS = re.compile("[\U0001d400-\U0001d7ff\u0391-\u03c9∑∏∫√≤≥≈∝∈∀∃⋯]")
_CODE = re.compile(r"`|\b\w+\([^)]*\)\s*[;{]|[{};]\s*$|==|->|=>|^\s*(?:def|import|class)\s+\w+")
# Connectives that lean on the sentence before; the rest of the sentence says the fact alone.
_CONNECTIVE = re.compile(
    r"^(?:thus|hence|however|therefore|moreover|furthermore|correspondingly|consequently|"
    r"specifically|practically|finally|additionally|accordingly|similarly|likewise|indeed|"
    r"nevertheless|nonetheless|in (?:this|that) sense|in general|in addition|in particular|"
    r"in practice|for (?:example|instance)|as a result|on the other hand|"
    # "In contrast to A, B": the opener holds one side of the contrast, so it stays.
    r"(?:in|by) contrast(?!\s+(?:to|with)\b)|"
    r"first(?:ly)?|second(?:ly)?|third(?:ly)?|lastly)\s*,?\s+",
    re.I,
)
# Openers that stand for something said before: "It", "They", "This is", "One such person".
_POINTERS = word_set("it its they them their he his she her this that these those such both")
_BARE = word_set("it they he she")
# Nouns any source could point back with: "This approach", "these limitations", "such models".
_GENERIC = LIGHT_HEADS | word_set(
    """approach approaches method methods model models system systems work works idea ideas
    problem problems limitation limitations finding findings observation observations strategy
    strategies framework frameworks scheme schemes mechanism mechanisms technique techniques
    reason reasons end condition conditions setting settings step steps phenomenon phenomena
    situation situations work line lines view views argument arguments claim claims"""
)
_LEADING_POINTERS = word_set("this these those such")
# Words an adverbial opener starts with: "To address …", "Under such …", "Given these …".
_ADVERBIAL = PREPOSITIONS | word_set("to given despite")
_VBG = frozenset({"VBG"})  # "Building on this idea, …"
_LEAD_WORDS = 6  # a longer opening before its first comma is a clause of its own
_WH_WORDS = word_set("how what whether why which where when")
_FRAGMENT_OPENERS = PREPOSITIONS | word_set("and or but nor than so as")
# "It is difficult to …", "It seems that …": an "it" that points at nothing before it.
_EXPLETIVE = re.compile(
    r"^it\s+(?:is|was|seems|seemed|remains|has been|would be)\s+"
    r"(?:\w+\s+){0,2}?(?:to|that|whether|how|why)\b",
    re.I,
)
_PAST_OR_THIRD = frozenset({"VBZ", "VBD"})
_SUBORDINATORS = word_set("because since although though whereas unless if while when")
# A highlight that ends on one of these was cut inside its phrase ("based on …").
_CUT_TAIL = tuple(f" {w} …" for w in PREPOSITIONS | word_set("a an the and or"))
_SUBJECTS = PRONOUNS | word_set("there which who that we")
MAX_FRONT_WORDS = 30  # a longer front is cut to the clause that holds the cloze
_CLAUSE_BREAK = re.compile(
    r";\s+|\s+[–—]\s+|:\s+(?=[A-Z])"
    # a side clause hung on the main one: ", each conferring …", ", which would be expected …"
    r"|,\s+(?=(?:each|which|eventually|thereby|thus)\s)"
    # a finding reported by a participle: "…, indicating that {the claim}"
    r"|,?\s+(?:indicating|suggesting|showing|implying|meaning|demonstrating)\s+that\s+"
)
_FINDING = re.compile(r",?\s+\w+ing\s+that\s+$")


@dataclass(frozen=True, slots=True)
class Front:
    """What a card of one sentence shows, or why no card is made of it."""

    text: str
    """The sentence as the card shows it (cut words as "…", citations and connectives gone)."""
    reason: str = ""
    """Why the sentence makes no card; empty when it makes one."""
    leans_back: bool = False
    """It opens with a pointer ("This …", "They …") to the sentence before."""
    needs_context: bool = False
    """Without the sentence before it the card cannot be answered ("It is …")."""
    refers_to: str = ""
    """The head noun of a bare definite subject ("The {outputs} are summed …"): the sentence
    before is shown unless it names that noun, which the subject then points back to."""
    points_at: str = ""
    """The noun a pointer opener points back with ("To address this {limitation}", "These
    {methods}"): a highlight before this one is its context only when it names that noun."""


def front_of(sentence: str, first: bool, last: bool, source: str = "") -> Front:
    """The front a sentence makes; `first` and `last` say whether it opens or ends its highlight,
    where a cut word can be ("mploys", "fine-tunin"); `source` is the rest of the source's
    highlights, where a word cut at the start may be found whole ("n order for")."""
    stripped = sentence.strip()
    if is_caption(stripped):
        return Front(stripped, "a table or figure caption")
    if is_formula(stripped) or _CODE.search(stripped):
        return Front(stripped, "a formula or code")
    text = _mend_edges(stripped, first, last, source)
    if text.startswith("… ") and not keeps_its_subject(text[2:]):
        return Front(text, "a fragment: the highlight starts mid-word, inside its subject")
    opening = tokenize(text)[:1]
    verb = opening and opening[0].info.forms & _PAST_OR_THIRD and "NOUN" not in opening[0].info.tags
    if verb and text.split(" ", 1)[0] != stripped.split(" ", 1)[0]:
        return Front(text, "a fragment: the highlight starts after the subject of its sentence")
    if text.endswith(_CUT_TAIL):
        return Front(text, "the highlight ends in the middle of a phrase")
    text = strip_references(text)
    if _ENUMERATED.match(text):
        return Front(text, "one item of an enumerated list")
    if len(_INLINE_ITEM.findall(text)) >= 3:
        return Front(text, "a list of three or more items: one item alone is no question")
    if text.rstrip().endswith(":"):
        return Front(text, "a lead-in to what follows it, not a statement")
    label = _LABEL.match(text)
    if label and len(text) > label.end():
        text = text[label.end()].upper() + text[label.end() + 1 :]  # "Self-supervised learning: …"
    toks = tokenize(text)
    if toks and language(toks, 0, len(toks)) != "en":
        return Front(text)  # the grammar below is English; other languages keep their text
    text = _without_connective(text)
    toks = tokenize(text)
    if not toks or not has_clause(toks):
        return Front(text, "a fragment, with no subject and verb of its own")
    opener = "" if _EXPLETIVE.match(text) else toks[0].lower
    such = opener in ("one", "another") and _word(toks, 1) == "such"
    leading = _leading_pointer(toks)  # "To address this limitation, …"
    leans = opener in _POINTERS or such or leading is not None
    bare = (
        such
        or leading is not None
        or opener in _BARE
        or (opener in _POINTERS and not _names_noun(toks))
    )
    head = "" if leans else _bare_definite_head(toks)
    pointed = leading if leading is not None else 2 if such else 1 if opener in _POINTERS else None
    return Front(text, leans_back=leans or bool(head), needs_context=leans and bare,
                 refers_to=head, points_at=_noun_after(toks, pointed))


def _noun_after(toks: Sequence[Token], k: int | None) -> str:
    """The lemma of the noun a pointer at toks[k-1] points back with ("this {limitation}",
    "these sampling {methods}"), or "" when it points with no noun ("This is …")."""
    if k is None or k >= len(toks) or not _is_subject_word(toks[k]):
        return ""
    if toks[k].lower in ANCHORS or toks[k].lower in _SUBJECTS:
        return ""
    while k + 1 < len(toks) and toks[k + 1].joined and is_nounish(toks[k + 1]):
        k += 1
    return toks[k].info.lemma

def _bare_definite_head(toks: Sequence[Token]) -> str:
    """The head noun's lemma when the subject is only "The" and a short noun phrase right
    before the main verb ("The outputs are summed …"): such a subject points back to something
    named before, unless the noun phrase is modified ("The outputs of the decoder are …")."""
    if len(toks) < 4 or toks[0].lower != "the":
        return ""
    verb = next(
        (
            k
            for k in range(2, min(5, len(toks)))
            if toks[k].lower in ANCHORS or _is_plain_verb(toks[k])
        ),
        None,
    )
    if verb is None:
        return ""
    words = toks[1:verb]
    if any(
        t.info.stop or t.masked or "," in t.gap or is_capitalised(t) or is_acronym(t) for t in words
    ):
        return ""  # a name ("The Krebs cycle") or a modified phrase says what it is
    return words[-1].info.lemma if is_nounish(words[-1]) else ""


def is_caption(sentence: str) -> bool:
    """Whether a sentence is a table or figure caption ("Table 10: Self-supervised …")."""
    return _CAPTION.match(sentence.strip()) is not None


def clause_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The character range of the clause of a long front that holds text[start:end], or, when
    the front reports a finding ("…, indicating that {X}"), of the finding, which is its claim
    wherever the cloze was (the caller then chooses what to hide in it again)."""
    if len(text.split()) <= MAX_FRONT_WORDS:
        return 0, len(text)
    breaks = list(_CLAUSE_BREAK.finditer(text))
    bounds = [0, *(m.end() for m in breaks)]
    ends = [*(m.start() for m in breaks), len(text)]
    finding = next((m.end() for m in reversed(breaks) if _FINDING.match(m.group())), None)
    for lo, hi in zip(bounds, ends, strict=True):
        wanted = lo == finding if finding is not None else lo <= start and end <= hi
        if wanted and _is_clause_piece(text[lo:hi]):
            return lo, lo + len(text[lo:hi].rstrip(" ;:–—,"))
    return 0, len(text)


def _is_clause_piece(piece: str) -> bool:
    """Whether a piece of a long front is a clause a card can show: six words or more, with a
    subject and a verb."""
    toks = tokenize(piece.rstrip(" ;:–—,"))
    return len(piece.split()) >= 6 and bool(toks) and has_clause(toks)


def has_clause(toks: Sequence[Token]) -> bool:
    """Whether the words hold a subject and its verb, so they say something on their own."""
    first = toks[0]
    if first.text[0].islower() and (first.lower in _FRAGMENT_OPENERS or first.lower in _WH_WORDS):
        return False  # "of accuracy over 15 runs", "how likely deceptive models are …"
    if first.lower in _SUBORDINATORS and not any("," in t.gap for t in toks[2:]):
        return False  # "Because X is Y." with no main clause after it
    if main_verb(toks, 0, len(toks)) is not None:
        return True
    return any(
        (
            toks[k].lower in ANCHORS
            and any(not t.info.stop or t.lower in _SUBJECTS for t in toks[:k])
        )
        or (_is_plain_verb(toks[k]) and any(_is_subject_word(t) for t in toks[:k]))
        for k in range(1, len(toks))
    )


def _is_plain_verb(t: Token) -> bool:
    """A finite verb that cannot be read as a noun: "struck", "removes" (not "frame", "find")."""
    if t.info.stop or t.masked or t.lower.endswith("ing"):
        return False
    if "VBD" in t.info.forms:
        return True
    return bool(t.info.forms & {"VBZ", "VBP"}) and "NOUN" not in t.info.tags


def _is_subject_word(t: Token) -> bool:
    """A word that can be (part of) a subject: a noun, a name, a pronoun, a number."""
    if t.masked:
        return False
    if t.lower in _SUBJECTS:
        return True
    return not t.info.stop and (
        is_nounish(t) or is_capitalised(t) or is_acronym(t) or is_number(t) or "NOUN" in t.info.tags
    )


def _names_noun(toks: Sequence[Token]) -> bool:
    """Whether a pointer opener names what it points at: "These {CNN-based INRs} are …", not
    a word any approach could be called ("This approach", "These methods", "Such models")."""
    k = 1
    while k < len(toks) and toks[k].lower in ("a", "an", "the"):
        k += 1
    if k + 1 < len(toks) and toks[k + 1].joined and _is_subject_word(toks[k + 1]):
        k += 1  # "This {new approach}", "These {sampling methods}": the head names it
    return (
        k < len(toks)
        and toks[k].lower not in ANCHORS
        and _is_subject_word(toks[k])
        and toks[k].lower not in _SUBJECTS
        and not _is_generic(toks[k], toks[1 : k])
    )


def _is_generic(head: Token, before: Sequence[Token]) -> bool:
    """Whether a pointer's noun is one any source could point back with ("approach",
    "limitation"), with no modifier before it that says which ("sampling methods")."""
    generic = head.lower in _GENERIC or head.info.lemma in _GENERIC
    return generic and all(t.info.stop or t.lower in _GENERIC for t in before)


def _leading_pointer(toks: Sequence[Token]) -> int | None:
    """Where the noun starts after a demonstrative in a short phrase before the first comma,
    which points back: "To address this {limitation},", "Under such {conditions},"."""
    comma = next((k for k, t in enumerate(toks[:_LEAD_WORDS + 1]) if "," in t.gap), None)
    if comma is None or comma < 2:
        return None
    head = toks[0]
    if not (head.lower in _ADVERBIAL or head.lower in _SUBORDINATORS or head.info.forms & _VBG):
        return None  # "Augustine is a fourth such person, …": a clause, not an adverbial
    return next(
        (
            k + 1
            for k in range(1, comma)
            if toks[k].lower in _LEADING_POINTERS and toks[k + 1].lower != "as"  # "such as"
        ),
        None,
    )


def _word(toks: Sequence[Token], k: int) -> str:
    """The lowercase word at k, or ""."""
    return toks[k].lower if k < len(toks) else ""


def is_formula(text: str) -> bool:
    """Whether a sentence is a formula ("y = β0 + β1x + ε" in math letters) rather than words."""
    letters = sum(c.isalpha() for c in text)
    symbols = len(_MATH_LETTERS.findall(text)) + sum(c in "=+<>^_|" for c in text)
    return ("=" in text and symbols * 3 >= letters) or (symbols >= 4 and symbols * 2 >= letters)


def _mend_edges(text: str, first: bool, last: bool, source: str) -> str:
    """The sentence with a word the highlight cut in half made whole from the source's other
    highlights, or shown as "…" ("mploys" -> "…"); an unclosed parenthesis at its end dropped."""
    words = text.split(" ")
    if first and len(words) > 2 and is_cut_word(words[0].rstrip(",.;:"), at_start=True):
        words[0] = mended_first_word(words[0], words[1:], source)
    if last and len(words) > 1 and text[-1:].isalnum() and is_cut_word(words[-1], at_start=False):
        words[-1] = "…"
    mended = " ".join(words)
    if last and mended.rfind("(") > mended.rfind(")"):
        mended = mended[: mended.rfind("(")].rstrip(" ,;")  # "(72.3% overall" cut off
    return mended


def _without_connective(text: str) -> str:
    """The sentence without an opening "Thus,", "However,", "In this sense," that leans back."""
    m = _CONNECTIVE.match(text)
    if not m or m.end() >= len(text):
        return text
    rest = text[m.end() :]
    return rest[0].upper() + rest[1:] if rest[0].isalpha() else rest
