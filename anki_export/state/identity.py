"""Identity across edits: a note whose highlight was edited keeps the GUID of the note it continues.

Input: one file's fresh cards and the state of earlier builds. Output: the same cards, those
whose derived GUID is new to the state given the GUID of the earlier note they continue, by the
rule in `ids.carried_over` (best word-level match, at least 0.6, each side once).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from anki_export.cards.card import Card
from anki_export.deck.fields import extra_text, plain_text
from anki_export.deck.notetypes import CLOZE_FIELDS, QA_FIELDS
from anki_export.ids import (
    CLOZE_MODEL_ID,
    QA_MODEL_ID,
    annotation_identity,
    carried_over,
    guid_of,
    sentence_discriminator,
)
from anki_export.state.records import NoteRecord
from anki_export.state.store import State

_MODEL = {"cloze": CLOZE_MODEL_ID, "qa": QA_MODEL_ID}
_EXTRA, _ORIGINAL = CLOZE_FIELDS.index("Extra"), CLOZE_FIELDS.index("OriginalText")
_BACK, _QA_ORIGINAL = QA_FIELDS.index("Back"), QA_FIELDS.index("OriginalText")
_REPEATS = ("", "#2", "#3", "#4")
"""Suffixes `sentence_cards` gives a sentence that a highlight holds more than once."""


def carry_identities(cards: Sequence[Card], state: State,
                     earlier: Mapping[str, NoteRecord | None], taken: set[str],
                     source_file: str) -> list[Card]:
    """The cards, each new one continuing the earlier note it matches, if any.

    `earlier`: each card's record in the state by GUID (None: new to the state).
    `taken`: GUIDs this build has already given out (never carried to a second card).
    `source_file`: the resolved path of the note file, as the state records sources.
    """
    fresh = [i for i, card in enumerate(cards) if earlier.get(card.guid) is None]
    if not fresh:
        return list(cards)
    claimed = taken | {card.guid for card in cards}
    groups: defaultdict[str, list[int]] = defaultdict(list)
    for index in fresh:
        groups[annotation_identity(cards[index].annotation)].append(index)
    renamed = _earlier_annotations(cards, groups, state, source_file)
    carried = list(cards)
    for identity, indexes in groups.items():
        records = state.notes_of(renamed.get(identity, identity))
        for kind, model in _MODEL.items():
            mine = [i for i in indexes if cards[i].kind == kind]
            before = {guid: _recorded_text(guid, record) for guid, record in records
                      if guid not in claimed and record.note_type == model}
            if not mine or not before:
                continue
            for position, guid in carried_over(before, [_tested_text(cards[i])
                                                        for i in mine]).items():
                carried[mine[position]] = replace(cards[mine[position]], carried=guid)
                claimed.add(guid)
    return carried


def _earlier_annotations(cards: Sequence[Card], groups: dict[str, list[int]], state: State,
                         source_file: str) -> dict[str, str]:
    """Edited keyless highlights: new identity → the identity the same highlight had before.

    A highlight without a Zotero key is identified by its text, so an edit gives it a new
    identity. It continues an earlier highlight of the same file, PDF and page that this build
    no longer finds, by the same rule as sentences, applied to the whole highlight's text.
    """
    now = {annotation_identity(card.annotation) for card in cards}
    unknown: defaultdict[str, dict[str, str]] = defaultdict(dict)
    for identity, indexes in groups.items():
        annotation = cards[indexes[0]].annotation
        if annotation.annotation_key or state.notes_of(identity):
            continue
        prefix = identity.rpartition("/t")[0] + "/t"
        unknown[prefix][identity] = annotation.raw_text or annotation.image or ""
    found: dict[str, str] = {}
    for prefix, texts in unknown.items():
        gone = {old: text for old in sorted(state.annotations_from(prefix) - now)
                if (text := _highlight_text(state.notes_of(old), source_file)) is not None}
        new = list(texts)
        for position, old in carried_over(gone, [texts[i] for i in new]).items():
            found[new[position]] = old
    return found


def _highlight_text(records: Iterable[tuple[str, NoteRecord]], source_file: str) -> str | None:
    """The highlight's text as its notes recorded it, if they came from `source_file`."""
    for _, record in records:
        if record.source_file != source_file:
            return None
        index = _ORIGINAL if record.note_type == CLOZE_MODEL_ID else _QA_ORIGINAL
        return plain_text(record.fields[index])
    return None


def _tested_text(card: Card) -> str:
    """What a fresh card tests: its sentence, its pair's sentence, or its answer."""
    if card.kind == "qa":
        return card.answer or card.text
    if card.discriminator.startswith("sentence:") and card.extra:
        base = card.discriminator.partition("#")[0]
        for sentence in _sentences(card.extra):
            if sentence_discriminator(sentence) == base:
                return sentence
    return card.text


def _recorded_text(guid: str, record: NoteRecord) -> str:
    """What an earlier note tested, from its fields: the sentence its GUID was made from."""
    if record.note_type == QA_MODEL_ID:
        return plain_text(record.fields[_BACK]) or plain_text(record.fields[0])
    extra = extra_text(record.fields[_EXTRA])
    for sentence in _sentences(extra) if extra else ():
        discriminator = sentence_discriminator(sentence)
        if any(guid_of(record.annotation, "cloze", discriminator + repeat) == guid
               for repeat in _REPEATS):
            return sentence
    return plain_text(record.fields[0])


def _sentences(text: str) -> tuple[str, ...]:
    """The sentences the card rules split `text` into (pysbd: loaded on first use)."""
    from anki_export.language.sentences import split_sentences

    return split_sentences(text)
