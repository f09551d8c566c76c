"""The real Anki engine (the `anki` package) for tests: import a package, read what Anki holds."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from anki.import_export_pb2 import ImportAnkiPackageUpdateCondition

IF_NEWER = ImportAnkiPackageUpdateCondition.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER


@dataclass(frozen=True)
class ImportLog:
    """Counts from Anki's own import log."""

    new: int
    updated: int
    duplicate: int
    conflicting: int


@dataclass(frozen=True)
class RenderedCard:
    """One card as Anki renders it, HTML and visible text."""

    note_id: int
    note_guid: str
    note_type: str
    deck: str
    question_html: str
    answer_html: str

    @property
    def question(self) -> str:
        return visible_text(self.question_html)

    @property
    def answer(self) -> str:
        return visible_text(self.answer_html)


def visible_text(html: str) -> str:
    """Roughly what a reader sees: no style, no tags, entities decoded, whitespace folded."""
    import html as html_module

    html = re.sub(r"<style.*?</style>", " ", html, flags=re.S)
    html = re.sub(r"<[^>]+>", " ", html)
    return " ".join(html_module.unescape(html).split())


def open_collection(folder: Path) -> Collection:
    """A fresh (or existing) collection file inside `folder`."""
    return Collection(str(folder / "collection.anki2"))


def import_package(col: Collection, apkg: Path) -> ImportLog:
    """Import `apkg` the way Anki's import dialog does by default (update if newer)."""
    request = ImportAnkiPackageRequest(
        package_path=str(apkg),
        options=ImportAnkiPackageOptions(
            merge_notetypes=False,
            update_notes=IF_NEWER,
            update_notetypes=IF_NEWER,
            with_scheduling=False,
            with_deck_configs=False,
        ),
    )
    log = col.import_anki_package(request).log
    return ImportLog(len(log.new), len(log.updated), len(log.duplicate), len(log.conflicting))


def rendered_cards(col: Collection) -> list[RenderedCard]:
    """Every card of the collection, rendered by Anki."""
    cards = []
    for card_id in col.find_cards(""):
        card = col.get_card(card_id)
        note = card.note()
        cards.append(RenderedCard(
            note_id=note.id,
            note_guid=note.guid,
            note_type=note.note_type()["name"],
            deck=col.decks.name(card.did),
            question_html=card.question(),
            answer_html=card.answer(),
        ))
    return cards
