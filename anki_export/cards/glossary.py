"""Cards from a note read as a glossary: term highlights, the formulas tied to them, the
glosses the reader wrote of them.

Input: one short highlight and its source. Output: question cards ("Formula of <term>?",
"What is <term>?", "What does <acronym> mean?"), or none, and the next rule gets it.

Many notes mark one-word terms ("[[Simple Linear Regression]]", "F-Test") and the formula
after each ("y = β0 + β1x + ε", commented "Simple linear regression"). A cloze of either asks
nothing, but the pair is one of the first things a learner of the field wants to recall: the
formula of a named model, what a term means. A bare term with nothing said about it still
makes no card.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace

from anki_export.cards.also_highlighted import as_shown, previous_in_section
from anki_export.cards.card import NO_CARD, Card
from anki_export.cards.context import SourceContext
from anki_export.cards.standalone import is_formula
from anki_export.language.scripts import highlight_language
from anki_export.language.words import CLOSED_CLASS, word_info, word_set
from anki_export.read.annotation import Annotation

MAX_TERM_WORDS = 5
"""Words a term has at most (its acronym aside): longer is a phrase, not a name."""
MIN_GLOSS_WORDS = 2
"""Words a comment needs to say what a term is (one word restates or labels it)."""
SPECIFIC_GLOSS_WORDS = 3
"""Content words a gloss needs before it can be asked the other way round."""

_ACRONYM = re.compile(r"^(?P<name>.+?)\s*\((?P<acronym>[A-Z][A-Za-z0-9&-]{1,9})\)$")
_SENTENCE_MARK = re.compile(r"[.;:!?,\"“”=]")
_ORDINAL = re.compile(r"^(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|last|next)$",
                      re.I)
_TERM_WORD = re.compile(r"^[\w'’–-]+$")
# "Zipf's law states that …": a statement that names what it states.
_STATES = re.compile(r"^\s*(?P<term>[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,4}?)\s+(?:states|says|"
                     r"holds|asserts|posits|predicts)\s+that\b")
# A gloss that leans on what the note said before it ("other type of …", "this one").
_POINTING = word_set("other another this that these those it its same such above below "
                     "former latter see cf")
# Words that make a gloss say what a thing is or does, not just label it.
_DEFINING = word_set("that which who whose where when whereby used of for to by from between "
                     "into with without")
# Function words a name may hold ("principle of least effort", "return on investment").
_IN_NAMES = word_set("of and for in on to the with de von van la le")
_RELATION = re.compile(r"[=∝≈≡≤≥]")
# A formula whose left side is a name: "MaxLive = max over program points p of |live(p)|".
_NAMED_SIDE = re.compile(r"^\s*(?P<name>[^\W\d_][\w-]{2,19})\s*=\s*\S")
_ASIDE = re.compile(r"^\W*(?:comment|note|nb|todo|question|see|cf|compare)\b\s*[:.]", re.I)
_CITATION = re.compile(r"\b(?:1[5-9]|20)\d\d\b|\bet al\b")
# The marker ZotLit and similar plugins put around a machine or reader's translation.
_TRANSLATION_MARK = "\N{INPUT SYMBOL FOR LATIN LETTERS}"
# A comment's first clause, before the remark that follows it ("Mercator northing, φ = …").
_FIRST_CLAUSE = re.compile(r"^[^,;:—–(]+")
# Words that only announce a term ("the so-called wood-wide web"): not part of its name.
_ANNOUNCING = re.compile(r"^(?:so-called|so called|the so-called|the so called)\s+", re.I)


@dataclass(frozen=True, slots=True)
class Term:
    """A name the reader highlighted or wrote: "Multivariate linear regression (MLR)"."""

    name: str
    acronym: str = ""

    @property
    def shown(self) -> str:
        """The term as a card shows it, its acronym in parentheses."""
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def named_by(self, other: Term) -> bool:
        """Whether `other` names the same thing: its name, its acronym, or both."""
        mine = {self.name.casefold(), self.shown.casefold()} | (
            {self.acronym.casefold()} if self.acronym else set())
        return other.name.casefold() in mine or other.shown.casefold() in mine


def is_equation(text: str) -> bool:
    """Whether a highlight is a formula: math letters and signs, or a relation ("=", "∝")
    between symbols and a few names ("pH = pKa + log([A⁻]/[HA])", "Revenue = Price * Quantity")
    with no function word of a sentence in it."""
    plain = as_shown(text)
    if is_formula(plain):
        return True
    relation = _RELATION.search(plain)
    if relation is None:
        return False
    words = re.findall(r"[^\W\d_]+", plain)
    long_words = sum(len(w) >= 4 for w in words)
    if any("\U0001d400" <= ch <= "\U0001d7ff" for ch in plain):
        # Math italic letters, as PDFs give a formula ("MaxLive = max over …"); but a sentence
        # that only quotes a value in them ("light in crown glass, with n ≈ 1.52, travels …",
        # the relation deep inside) is none.
        return len(plain[: relation.start()].split()) <= 3 or long_words <= 5
    return not any(len(w) > 1 and w.casefold() in CLOSED_CLASS for w in words) and long_words <= 4


def term_of(text: str) -> Term | None:
    """The term a highlight or comment is, or None when it is a phrase, sentence or formula.

    A term is a short name: a wikilink, or up to `MAX_TERM_WORDS` words opening with a word
    that can name a thing (not a verb, adverb or function word: "perform predictive analysis"
    and "usually used for …" are phrases), with no sentence punctuation and no list label
    ("1st usage").
    """
    linked = "[[" in text
    plain = as_shown(text).strip(" \"“”'‘’")
    if not plain or is_equation(plain):
        return None
    match = _ACRONYM.match(plain)
    name, acronym = (match["name"].strip(), match["acronym"]) if match else (plain, "")
    words = _ANNOUNCING.sub("", name).split()
    if words and words[0].casefold() in {"the", "a", "an"}:
        words = words[1:]
    if not words or len(words) > MAX_TERM_WORDS or _SENTENCE_MARK.search(name):
        return None
    if not all(_TERM_WORD.match(word) for word in words) or any(_ORDINAL.match(w) for w in words):
        return None
    first = words[0].casefold()
    gerund = len(words) == 1 and first.endswith("ing")  # "spilling": a process, named
    if not linked and (first in CLOSED_CLASS or (_verb_or_adverb(first) and not gerund)):
        return None
    if any(w.casefold() in CLOSED_CLASS - _IN_NAMES for w in words[1:]):
        return None  # "astronomy was inaccurate": a sentence, not a name
    return Term(" ".join(words), acronym)


def _verb_or_adverb(word: str) -> bool:
    """Whether a word cannot open a name: a verb ("perform") or an -ly adverb ("usually")."""
    info = word_info(word)
    return info.verb_only or info.adverb or bool(info.forms & {"VBD", "VBN"} and "NOUN"
                                                not in info.tags and "ADJ" not in info.tags)


def _term_before(annotation: Annotation, context: SourceContext) -> Term | None:
    """The term the highlight right before this one (same section) is, or the one it states a
    law of ("Zipf's law states that …")."""
    previous = previous_in_section(annotation, context.annotations, context.sections)
    if previous is None:
        return None
    term = term_of(previous.text)
    if term is not None:
        return term
    states = _STATES.match(as_shown(previous.text))
    return term_of(states["term"]) if states else None


def formula_term(annotation: Annotation, context: SourceContext) -> tuple[Term, bool] | None:
    """The term a formula highlight belongs to, and whether its comment only names it.

    Its comment names the term: the term highlight just before it ("MLR" after "[[Multivariate
    linear regression]] (MLR)", whose fuller name is shown), or a name of its own ("Simple
    linear regression"); else that term highlight, the comment then saying something of the
    formula, and shown on the back.
    """
    if not is_equation(annotation.text):
        return None
    before = _term_before(annotation, context)
    named = term_of(annotation.comment or "")
    if named is not None and before is not None and before.named_by(named):
        return before, True
    if named is not None and _is_name(annotation.comment or ""):
        return named, True
    if before is not None:
        return before, False
    named_side = _NAMED_SIDE.match(unicodedata.normalize("NFKC", as_shown(annotation.text)))
    if named_side:
        return Term(named_side["name"]), False
    named_first = _named_first(annotation.comment or "")  # "logarithmic integral, a much …"
    return (named_first, False) if named_first is not None else None


def _named_first(comment: str) -> Term | None:
    """The name a comment opens with before its remark ("Mercator northing, φ = latitude"):
    two words or more, set off by a comma, colon or dash, and no verb first ("sums …")."""
    plain = as_shown(comment).strip()
    head = _FIRST_CLAUSE.match(plain)
    if head is None or head.end() >= len(plain):
        return None  # no remark after it: a comment that is a name alone is tested above
    term = term_of(head[0].strip())
    if term is None or len(term.name.split()) < 2:
        return None
    return None if word_info(term.name.split()[0]).forms & {"VBZ", "VBD"} else term


def _is_name(comment: str) -> bool:
    """Whether a comment reads as a name ("Polynomial regression", "MLR", "[[Heaps' law]]"),
    not a remark about the formula ("sums four parts of spending")."""
    plain = as_shown(comment).strip()
    return "[[" in comment or plain[:1].isupper()


def formula_card(annotation: Annotation, context: SourceContext) -> list[Card]:
    """A formula tied to a term asks for itself by the term: "Formula of <term>?"."""
    tied = formula_term(annotation, context)
    if tied is None:
        return []
    term, comment_names_it = tied
    shown = replace(annotation, comment=None) if comment_names_it else annotation
    return [Card("qa", "formula-question", context.note, shown, f"Formula of {term.shown}?",
                 answer=as_shown(annotation.text))]


def term_cards(annotation: Annotation, context: SourceContext) -> list[Card]:
    """A term highlight: what its comment says it is, and what its acronym stands for.

    A term whose next highlight is its formula is asked by that formula's card; a term with
    nothing said about it makes no card here.
    """
    term = term_of(annotation.text)
    if term is None:
        return []
    following = _next_in_section(annotation, context)
    if following is not None and (tied := formula_term(following, context)) is not None \
            and tied[0].named_by(term):
        context.reasons[annotation.line] = (NO_CARD, (
            f"a term whose formula (line {following.line}) asks for it: “Formula of "
            f"{tied[0].shown}?”"))
        return [*_acronym_card(annotation, term, context)]
    return [*_gloss_cards(annotation, term, context), *_acronym_card(annotation, term, context)]


def _gloss_cards(annotation: Annotation, term: Term, context: SourceContext) -> list[Card]:
    """"What is <term>?" answered by the reader's comment, and the reverse when the comment is
    specific enough to have one answer."""
    gloss = as_shown(annotation.comment or "")
    restated = term_of(gloss)
    if len(gloss.split()) < MIN_GLOSS_WORDS or (restated is not None and term.named_by(restated)):
        return []  # nothing said, or the term said again ("F-test", "Least squares (LSM)")
    if _ASIDE.match(gloss):
        return []  # "Comment: X is the better concept": the reader's remark, not what it is
    if is_translation(annotation.comment or "", annotation.text):
        context.reasons[annotation.line] = (NO_CARD, (
            "its comment is a translation of it, which says nothing of what the term means; "
            "write a Q: … A: comment to be asked"))
        return []
    bare = replace(annotation, comment=None)
    cards = [Card("qa", "term-question", context.note, bare, f"What is {term.shown}?",
                  answer=gloss)]
    if _is_specific(gloss, term):
        cards.append(Card("qa", "term-question", context.note, bare,
                          f"Which term is this: “{gloss}”?", answer=term.shown,
                          discriminator="reverse"))
    return cards


def _is_specific(gloss: str, term: Term) -> bool:
    """Whether a gloss defines one term, so that it can be asked the other way round.

    It says what the thing does or is made of (a relative clause, "used to …", "of …"), in
    enough content words; it does not point back at the note ("other type of …"), cite a
    source ("Kovács et al. 2002": a label, not a definition) or hold the term's own words
    (they would give it away). "The standard search algorithm" names many things.
    """
    words = [w.casefold() for w in re.findall(r"[\w'’-]+", gloss)]
    if not words or any(w in _POINTING for w in words[:2]) or _CITATION.search(gloss):
        return False
    named = {w.casefold() for w in re.findall(r"[\w'’-]+", term.shown)}
    content = [w for w in words if w not in CLOSED_CLASS and not word_info(w).stop]
    return (len(content) >= SPECIFIC_GLOSS_WORDS and not named & set(words)
            and any(w in _DEFINING for w in words))


def is_translation(comment: str, text: str) -> bool:
    """Whether a comment is the highlight said again in another language: marked as a
    translation (ZotLit's 🔤), or in another language than an English highlight."""
    if _TRANSLATION_MARK in comment:
        return True
    plain = as_shown(comment).strip()
    return bool(plain) and highlight_language(text) == "en" and highlight_language(plain) != "en"


def _acronym_card(annotation: Annotation, term: Term, context: SourceContext) -> list[Card]:
    """"What does MLR mean?", when the note uses the acronym again (a comment, a caption,
    another highlight): the learner meets it there without its name."""
    if not term.acronym or not _used_elsewhere(term.acronym, annotation, context.annotations):
        return []
    return [Card("qa", "term-question", context.note, replace(annotation, comment=None),
                 f"What does {term.acronym} mean?", answer=term.name,
                 discriminator="acronym")]


def _used_elsewhere(acronym: str, annotation: Annotation, others: Sequence[Annotation]) -> bool:
    """Whether another annotation's text or comment uses the acronym as a word."""
    pattern = re.compile(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])")
    return any(pattern.search(f"{other.text}\n{other.comment or ''}")
               for other in others if other.line != annotation.line)


def _next_in_section(annotation: Annotation, context: SourceContext) -> Annotation | None:
    """The highlight right after this one, when no heading comes between."""
    later = [a for a in context.annotations if a.line > annotation.line and a.text.strip()]
    if not later:
        return None
    following = min(later, key=lambda a: a.line)
    return following if previous_in_section(following, context.annotations,
                                            context.sections) is annotation else None


def glossary_cards(annotation: Annotation, context: SourceContext) -> list[Card]:
    """A formula by its term, else a term by what the reader says of it."""
    return formula_card(annotation, context) or term_cards(annotation, context)


def is_glossary_entry(annotation: Annotation) -> bool:
    """Whether a highlight is a formula or a term (cheap test before the rule runs)."""
    text = as_shown(annotation.text)
    return bool(text) and (is_equation(text) or term_of(annotation.text) is not None)
