"""Cards driven by what each sentence of a highlight says, whatever its label.

Input: an English highlight and its source. Output: its `Card`s: a sentence that maps several
items onto several categories becomes mapping cards, one that gives a reason ("X because Y") or
defines a term ("X is termed Y") becomes a question, and any other sentence a cloze on its point.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from anki_export.cards.asked import Asked, ask
from anki_export.cards.card import Card, Cloze
from anki_export.cards.clozes import choose_targets
from anki_export.cards.context import SourceContext
from anki_export.cards.cues import cue_of, is_setup, lead_in, list_leads
from anki_export.cards.definitions import definition
from anki_export.cards.mappings import Pair, find_pairs
from anki_export.cards.sentence_cards import pair_clozes, preceding, sentence_clozes
from anki_export.ids import pair_discriminator, sentence_discriminator
from anki_export.language.mending import shown_whole
from anki_export.language.sentences import split_sentences
from anki_export.language.words import is_cut_word
from anki_export.read.annotation import Annotation

PASSAGE_CLOZE = "passage-cloze"
"""The rule of an ordinary sentence's cloze: made only on a term or a finding (`precision`)."""


@dataclass(frozen=True, slots=True)
class Plan:
    """What each sentence of a highlight becomes."""

    asked: dict[int, Asked]
    """Sentences asked as a question, by index."""
    pairs: dict[int, tuple[Pair, ...]]
    """Mapping sentences, by index."""
    answers: frozenset[int]
    """Sentences that are the answer of a question (they make no card of their own)."""
    setups: frozenset[int]
    """Sentences that set up an analogy the other cards name (they make no card of their own)."""
    leads: dict[int, str]
    """The lead-in of the list each enumerated sentence is an item of ("X has benefits")."""


def content_cards(annotation: Annotation, context: SourceContext, rule: str) -> list[Card]:
    """Mapping cards, "Why …?" and "What is …?" questions, and clozes for the other sentences."""
    sentences = list(split_sentences(annotation.text)) or [annotation.text]
    cue, mapping_cue = cue_of(annotation, context)
    # Asked with a cut first word made whole ("n order for …"); the clozes mend their own fronts.
    whole = [_mended(sentences[0], context), *sentences[1:]]
    plan = _plan(whole, cue is not None)
    by_text = {sentences[i]: lead for i, lead in plan.leads.items()}
    cards: list[Card] = []
    for index, pairs in plan.pairs.items():
        cards += _mapping_cards(annotation, context, sentences[index], pairs, mapping_cue)
    for index, asked in plan.asked.items():
        cards.append(_question_card(annotation, context, whole, index, asked, cue,
                                    key=sentences[index]))
    rest = [s for i, s in enumerate(sentences)
            if i not in plan.asked and i not in plan.pairs and i not in plan.answers
            and i not in plan.setups]
    others = [s for s in sentences if s not in rest]
    # A card keeps its identity: the discriminator says "one of several" exactly when the
    # sentence rules of earlier versions made several notes of this highlight.
    named = bool(plan.pairs) or any(choose_targets(s, context.vocabulary) for s in others)
    precise = context.precise and rule == PASSAGE_CLOZE
    clozes = sentence_clozes(annotation, context, rest, annotation.text, named=named, rule=rule,
                             before=preceding(sentences), precise=precise)
    clozes = [_cued(card, cue or by_text.get(_sentence_of(card, rest))) for card in clozes]
    carded = {_sentence_of(card, rest) for card in clozes}
    defined = [_question_card(annotation, context, whole, index, what, cue, key=sentence)
               for index, sentence in enumerate(sentences)
               if sentence in rest and sentence not in carded
               and (what := _defined(sentence)) is not None]
    if not defined:
        return cards + clozes
    order = {s: i for i, s in enumerate(sentences)}
    return sorted([*cards, *clozes, *defined],
                  key=lambda card: order.get(_source_sentence(card, sentences), 0))


def _defined(sentence: str) -> Asked | None:
    """A definition whose term no cloze could hide (the source's subject, a word of its title,
    one the learner would guess) asked the other way: "What is a map projection?"."""
    found = definition(sentence.strip().rstrip(".;:, "))
    if found is None:
        return None
    term, verb, gloss = found
    return Asked("what", f"What {verb} {term}?", gloss + ".")


def _source_sentence(card: Card, sentences: Sequence[str]) -> str:
    """The sentence of the highlight a card was made from."""
    return next((s for s in sentences if s in (card.extra or "") or card.text.endswith(s)), "")


def _mended(sentence: str, context: SourceContext) -> str:
    """A highlight's first sentence, a first word the selection cut made whole where the
    source's other highlights show it opening its sentence ("n order for" → "In order for")."""
    first, _, rest = sentence.partition(" ")
    if not is_cut_word(first, at_start=True):
        return sentence
    others = "\n".join(a.text for a in context.annotations if not a.text.startswith(sentence))
    whole = shown_whole(first, rest.split(" "), others)
    if whole is None or not whole.opens_sentence:
        return sentence
    return f"{whole.word[:1].upper()}{whole.word[1:]} {rest}"


def _sentence_of(card: Card, sentences: Sequence[str]) -> str:
    """The sentence a cloze card was made from (its text ends with it)."""
    return next((s for s in sentences if card.text.endswith(s)), "")


def _plan(sentences: Sequence[str], has_cue: bool) -> Plan:
    """Which rule each sentence falls under, in order: setup, mapping, question, cloze."""
    asked: dict[int, Asked] = {}
    pairs: dict[int, tuple[Pair, ...]] = {}
    answers: set[int] = set()
    setups = {i for i, s in enumerate(sentences)
              if has_cue and is_setup(s) and not find_pairs(s)}
    leads = list_leads(sentences)
    setups |= {i - 1 for i in leads if i - 1 not in leads}  # the sentence opening a list
    for index, sentence in enumerate(sentences):
        if index in setups:
            continue
        found = find_pairs(sentence)
        if found and all(pair_clozes(p) is not None for p in found):
            pairs[index] = found
            continue
        question = ask(sentences, index)
        if question is not None and not set(question.uses) & (set(asked) | set(pairs)):
            asked[index] = question
            answers.update(question.uses)
    return Plan(asked, pairs, frozenset(answers - set(asked)), frozenset(setups), leads)


def _mapping_cards(annotation: Annotation, context: SourceContext, sentence: str,
                   pairs: Sequence[Pair], cue: str | None) -> list[Card]:
    """One note per pair: c1 hides the item, c2 its category, after the cue that frames them."""
    lead = lead_in(sentence)
    if lead and any(p.subject.casefold() in lead.casefold() for p in pairs):
        lead = None  # "A: x; B: y" has no frame before its first colon
    cards = []
    for pair in pairs:
        found = pair_clozes(pair)
        if found is None:
            continue
        subject = pair.sentence[found[0].start : found[0].end]
        card = Card("cloze", "mapping-pair", context.note, annotation, pair.sentence, found,
                    extra=sentence, discriminator=pair_discriminator(subject))
        cards.append(_cued(card, cue or lead))
    return cards


def _question_card(annotation: Annotation, context: SourceContext, sentences: Sequence[str],
                   index: int, asked: Asked, cue: str | None, key: str) -> Card:
    """The question a sentence answers, with the whole highlight on the back; `key` is the
    sentence as highlighted, which names the card (its GUID) whatever the mending."""
    question = asked.question
    if cue:
        question = f"{cue}, {question[:1].lower()}{question[1:]}"
    whole = " ".join(sentences)
    extra = whole if whole.strip() != asked.answer.strip() else ""
    key = f"{asked.kind}-{sentence_discriminator(key)}"
    return Card("qa", f"{asked.kind}-question", context.note, annotation, question,
                answer=asked.answer, extra=extra, discriminator=key)


def _cued(card: Card, cue: str | None) -> Card:
    """The card with the cue before its text ("In the X analogy: …"), its clozes moved along."""
    if not cue or card.kind != "cloze":
        return card
    prefix = f"{cue}: "
    text = card.text
    clozes = tuple(Cloze(c.start + len(prefix), c.end + len(prefix), c.number)
                   for c in card.clozes)
    return replace(card, text=prefix + text, clozes=clozes)

