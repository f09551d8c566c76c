"""Two references for anki-export's speed on the same vault: naive genanki, and a floor.

Input: a vault of research-note notes. Output: an `.apkg` with one cloze note (one card) per
highlight and one deck per note; each function returns the number of notes it wrote.
"""

from __future__ import annotations

import hashlib
import html
import importlib.util
import json
import re
import sqlite3
import sys
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import genanki
from genanki.apkg_col import APKG_COL  # the very SQL genanki runs: same schema, same `col` row
from genanki.apkg_schema import APKG_SCHEMA

PARENT_DECK = "Research"
FLOOR_MODEL_ID = 1_700_000_000_001
# A highlight's text line and its link: `text [(p. 3)](zotero://open-pdf/...&annotation=KEY)`.
HIGHLIGHT = re.compile(
    r"^(?P<text>[^>%\n][^\n]*?) \[\(p\. (?P<page>[^)\n]*)\)\]"
    r"\((?P<url>zotero://open-pdf/[^)\s]*annotation=(?P<key>[A-Z0-9]{8}))\)",
    re.M,
)
_WORD = re.compile(r"\w+")
_REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True, slots=True)
class Row:
    """One highlight as one cloze note, fields already HTML."""

    guid: str
    """The Zotero annotation key: stable across edits of the text."""
    text: str
    """The highlight with its longest word as `{{c1::...}}`."""
    extra: str
    """A link back to the PDF page."""


def read_sources(vault: Path) -> Iterator[tuple[str, list[Row]]]:
    """(deck name, rows) for every note under `vault` with at least one highlight."""
    for path in sorted(vault.rglob("*.md")):
        if ".obsidian" in path.parts:
            continue
        found = HIGHLIGHT.finditer(path.read_text(encoding="utf-8"))
        rows = [_row(match) for match in found]
        if rows:
            yield f"{PARENT_DECK}::{path.stem}", rows


def _row(match: re.Match[str]) -> Row:
    """A cloze note that hides the highlight's (first) longest word."""
    raw = match["text"]
    word = max(_WORD.findall(raw), key=len, default="")
    start = raw.find(word)  # no longer word can contain it, so this is a whole word
    text = html.escape(raw[:start]) + f"{{{{c1::{html.escape(word)}}}}}"
    text += html.escape(raw[start + len(word) :])
    extra = f'<a href="{html.escape(match["url"])}">p. {html.escape(match["page"])}</a>'
    return Row(match["key"], text, extra)


def deck_id(name: str) -> int:
    """A stable deck ID from the deck's name."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:6], "big")


def naive_genanki(vault: Path, out: Path) -> int:
    """What a user would write: genanki objects, one Deck per source, Package.write_to_file."""
    decks = []
    for name, rows in read_sources(vault):
        deck = genanki.Deck(deck_id(name), name)
        for row in rows:
            fields = [row.text, row.extra]
            deck.add_note(genanki.Note(model=genanki.CLOZE_MODEL, fields=fields, guid=row.guid))
        decks.append(deck)
    genanki.Package(decks).write_to_file(str(out))
    return sum(len(deck.notes) for deck in decks)


def floor(vault: Path, out: Path, now: float = 1_700_000_000.0) -> int:
    """The same rows straight into Anki's SQLite schema in one transaction, then deflated."""
    sources = list(read_sources(vault))
    with tempfile.TemporaryDirectory(prefix="floor-") as scratch:
        database = Path(scratch) / "collection.anki2"
        written = _write_collection(sources, database, int(now))
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.write(database, "collection.anki2")
            archive.writestr("media", "{}")
    return written


def _write_collection(sources: Sequence[tuple[str, list[Row]]], database: Path, now: int) -> int:
    """Schema, `col` row with decks and models JSON written once, then every note and card."""
    connection = sqlite3.connect(database, isolation_level=None)
    try:
        connection.executescript(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + APKG_SCHEMA + APKG_COL
        )
        decks = json.loads(connection.execute("SELECT decks FROM col").fetchone()[0])
        decks |= {str(deck_id(name)): _deck_json(name, now) for name, _ in sources}
        models = {str(FLOOR_MODEL_ID): _cloze_model_json(now)}
        notes, cards = _note_and_card_rows(sources, now)
        connection.execute("BEGIN")
        connection.execute(
            "UPDATE col SET decks = ?, models = ?", (json.dumps(decks), json.dumps(models))
        )
        connection.executemany("INSERT INTO notes VALUES (?,?,?,?,?,?,?,?,?,?,?)", notes)
        connection.executemany(f"INSERT INTO cards VALUES ({','.join('?' * 18)})", cards)
        connection.execute("COMMIT")
    finally:
        connection.close()
    return len(notes)


def _note_and_card_rows(
    sources: Sequence[tuple[str, list[Row]]], now: int
) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """`notes` and `cards` table rows: one card (ord 0, new, in its source's deck) per note."""
    notes: list[tuple[object, ...]] = []
    cards: list[tuple[object, ...]] = []
    first_id = now * 1000
    for name, rows in sources:
        did = deck_id(name)
        for row in rows:
            nid = first_id + len(notes)
            fields = f"{row.text}\x1f{row.extra}"
            notes.append((nid, row.guid, FLOOR_MODEL_ID, now, -1, "", fields, row.text, 0, 0, ""))
            cards.append((nid, nid, did, 0, now, -1, 0, 0, len(cards), *(0,) * 8, ""))
    return notes, cards


def _deck_json(name: str, now: int) -> dict[str, object]:
    """One deck entry of `col.decks`, as genanki writes it."""
    return {
        "collapsed": False, "conf": 1, "desc": "", "dyn": 0, "extendNew": 0, "extendRev": 50,
        "id": deck_id(name), "lrnToday": [0, 0], "mod": now, "name": name,
        "newToday": [0, 0], "revToday": [0, 0], "timeToday": [0, 0], "usn": -1,
    }  # fmt: skip


def _cloze_model_json(now: int) -> dict[str, object]:
    """The cloze note type (Text, Back Extra) as one entry of `col.models`."""
    fields = [
        {"name": name, "ord": i, "font": "Arial", "size": 20, "media": [], "rtl": False,
         "sticky": False}
        for i, name in enumerate(("Text", "Back Extra"))
    ]  # fmt: skip
    template = {
        "name": "Cloze", "ord": 0, "qfmt": "{{cloze:Text}}",
        "afmt": "{{cloze:Text}}<br>{{Back Extra}}", "bqfmt": "", "bafmt": "", "bfont": "",
        "bsize": 0, "did": None,
    }  # fmt: skip
    return {
        "id": FLOOR_MODEL_ID, "name": "Benchmark cloze", "type": 1, "mod": now, "usn": -1,
        "sortf": 0, "did": None, "flds": fields, "tmpls": [template], "req": [[0, "any", [0]]],
        "css": ".card { font-family: arial; font-size: 20px; }", "latexPre": "",
        "latexPost": "", "latexsvg": False, "tags": [], "vers": [],
    }  # fmt: skip


def _anki_engine() -> ModuleType:
    """`tests/anki_engine.py`, the project's helper around the real Anki engine."""
    spec = importlib.util.spec_from_file_location("anki_engine", _REPO / "tests/anki_engine.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being made
    spec.loader.exec_module(module)
    return module


def check_importable(apkg: Path) -> tuple[int, int]:
    """Import `apkg` into a fresh collection with the real Anki engine; (new notes, cards)."""
    engine = _anki_engine()
    with tempfile.TemporaryDirectory(prefix="anki-check-") as folder:
        collection = engine.open_collection(Path(folder))
        try:
            log = engine.import_package(collection, apkg)
            return log.new, collection.card_count()
        finally:
            collection.close()
