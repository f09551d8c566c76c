"""The hand-graded cards the judge is measured on, read from the stored grades.

Each set is a list of `Graded` cards (the card as the learner saw it, the source it came from,
and the grade a person gave it). The texts come from the grade files, not from the card rules
of today, so the figures stay comparable when the rules change; only the real notes, whose text
the project may not copy, are rebuilt from `../shared/real-notes` and matched by GUID.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from anki_export.cards.judging.judge import judge
from anki_export.cards.judging.shown import Shown, Source, Verdict
from anki_export.cli import cli
from tests.conftest import EXAMPLE, FIXTURES, SHARED

JUDGED = FIXTURES / "judged"
JUDGED_0_5 = FIXTURES / "judged-0.5"
GRADES = FIXTURES / "grades"
# How each set was used while the judge was written (see fixtures/judged/README.md): tuned on
# from the start; held out, graded before the judge existed and first measured as it stood
# (then its misses were read and the judge changed); held out later, graded once the judge
# existed, measured once as it stood, then read the same way; held out last, the same again
# after the second change.
TUNED_ON = (
    "DoesSGDProduce",
    "real-notes",
    "biology-microbiome-colour-callouts",
    "computer-science-raft-mark-bullets",
    "economics-minimum-wage-zotero7",
    "history-printing-press-callouts",
)
HELD_OUT_FIRST = (
    "biology-photosynthesis-type-callouts",
    "computer-science-transformers-anchored-bullets",
    "economics-behavioural-nudge-quoted",
    "history-economics-black-death-zotfile",
)
HELD_OUT_LATER = (
    "geology-plate-tectonics-colour-callouts",
    "law-marbury-anchored-bullets",
    "medicine-antibiotic-resistance-zotero7",
)
HELD_OUT_LAST = (
    "psychology-memory-zotfile",
    "climate-carbon-cycle-mark-bullets",
    "ancient-history-rome-callouts",
)
# Cross-validation: the graded notes split into two halves before the judge's third change,
# alternately in sorted order (each half holds a biology, computer-science, economics and
# history note); the judge was changed looking at one half's misses only, the other half
# measured before and after, then the halves swapped (fixtures/judged/README.md). A note's
# 0.4.0 cards go with it.
HALF_A = (
    "DoesSGDProduce",
    "biology-microbiome-colour-callouts",
    "climate-carbon-cycle-mark-bullets",
    "computer-science-transformers-anchored-bullets",
    "economics-minimum-wage-zotero7",
    "history-economics-black-death-zotfile",
    "law-marbury-anchored-bullets",
    "psychology-memory-zotfile",
)
HALF_B = (
    "ancient-history-rome-callouts",
    "biology-photosynthesis-type-callouts",
    "computer-science-raft-mark-bullets",
    "economics-behavioural-nudge-quoted",
    "geology-plate-tectonics-colour-callouts",
    "history-printing-press-callouts",
    "medicine-antibiotic-resistance-zotero7",
    "real-notes",
)
# Set 0.5 (fixtures/judged-0.5/README.md): graded before the judge saw it, measured once as it
# stood, then split by note alternately in sorted order; the judge was changed looking at one
# half's misses only, the other measured before and after, then the halves swapped.
HALF_0_5_A = (
    "astronomy-exoplanet-transits-colour-groups",
    "linguistics-zipf-law-mark-bullets",
    "philosophy-of-science-realism-highlightr-fr",
)
HALF_0_5_B = (
    "epidemiology-reproduction-number-callouts",
    "materials-high-entropy-alloys-zotlit-zh",
    "sociology-weak-ties-zotero7",
)
# Made by the 0.4.0 rules from the same fixture notes and kept only where they differ from the
# 0.3.0 cards (`NOTE.grades-0.4.json`): graded before the judge saw them, measured once as it
# stood, then read while the judge changed.
RULES_0_4_SUFFIX = " 0.4"
_CELL_BORDER = re.compile(r"(?<!\\)\|")
_CLOZE = re.compile(r"\{\{c(\d+)::")
_CLOZE_SPAN = re.compile(r"\{\{c(\d+)::(.*?)\}\}")


@dataclass(frozen=True, slots=True)
class Graded:
    """One card with the grade a reader gave it and what the judge says of it."""

    name: str
    """The graded set: a fixture note's name, `DoesSGDProduce` or `real-notes`."""
    guid: str
    card: Shown
    grade: str
    reason: str
    verdicts: tuple[Verdict, ...]
    source: Source
    """What the learner knows of the card's source (its title and citekey)."""

    @property
    def note(self) -> str:
        """The graded note, whichever rule version made the card."""
        return self.name.removesuffix(RULES_0_4_SUFFIX)


# Sets 0.6 to 0.9 (each folder's README.md): graded before the judge saw them, first measured
# as the judge stood; the judge's leave-one-set-out changes then read the reasons of some sets
# and were measured on the others (fixtures/judged-0.8/README.md and fixtures/judged-0.9/
# README.md, "Leave one set out").
LATER_SETS = {f"set {version}": FIXTURES / f"judged-{version}"
              for version in ("0.6", "0.7", "0.8", "0.9")}
GRADE_FILES = (sorted(JUDGED.glob("*.grades.json")) + sorted(JUDGED.glob("*.grades-0.4.json"))
               + sorted(JUDGED_0_5.glob("*.grades.json"))
               + [path for folder in LATER_SETS.values()
                  for path in sorted(folder.glob("*.grades.json"))])


def notes_of(folder: Path) -> tuple[str, ...]:
    """The graded notes of one set's folder."""
    return tuple(sorted(p.name.removesuffix(".grades.json") for p in folder.glob("*.grades.json")))


def all_graded(states: Path) -> list[Graded]:
    """Every graded card with the judge's verdicts (`states`: a folder for the real notes'
    fresh state files)."""
    counter = itertools.count()
    cards = example_set()
    cards += real_notes_set(lambda note: shown_of_note(note, states / f"{next(counter)}.sqlite3"))
    for path in GRADE_FILES:
        cards += judged_fixture(path)
    return cards


def judged_fixture(path: Path) -> list[Graded]:
    """The graded cards of one fixture note, judged from the stored texts."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    rows = doc["cards"]
    cards = [Shown(r["front"], r["answer"], r["back"], "qa" if r["card"] == "qa" else "cloze",
                   r["line"], r["card"]) for r in rows]
    note, _, version = path.name.removesuffix(".json").partition(".grades")
    name = f"{note} {version.lstrip('-')}" if version else note
    grades = [(r["grade"], r["reason"]) for r in rows]
    source = Source(doc["title"], doc["citekey"])
    return _graded(name, [r["guid"] for r in rows], cards, grades, source)


def example_set() -> list[Graded]:
    """The example note's 35 graded cards, from the texts kept in its grade table."""
    guids, cards, grades = [], [], []
    for line in (GRADES / "DoesSGDProduce.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in _CELL_BORDER.split(line)[1:-1]]
        if len(cells) != 7 or not cells[1].isdigit():
            continue
        guid, source_line, label, front, answer, grade, reason = cells
        guids.append(_code(guid))
        cards.append(Shown(_cell(front), _cell(answer), "", "qa" if label == "qa" else "cloze",
                           int(source_line), label))
        grades.append((grade, reason))
    head = EXAMPLE.read_text(encoding="utf-8")
    title = re.search(r'^title: "?(.*?)"?$', head, re.MULTILINE)
    citekey = re.search(r"^citekey: (\S+)", head, re.MULTILINE)
    source = Source(title[1] if title else "", citekey[1] if citekey else "")
    return _graded("DoesSGDProduce", guids, cards, grades, source)


def real_notes_set(build: Callable[[Path], list[tuple[str, Shown, Source]]]) -> list[Graded]:
    """The graded cards of `../shared/real-notes` that the notes still make exactly as graded
    (same GUID and card number, and the same front and answer, checked against the hashes in
    `real-notes.cards.json`, since the project keeps no copy of their text), judged per note;
    empty when the notes are not there."""
    graded_as = json.loads((GRADES / "real-notes.cards.json").read_text(encoding="utf-8"))
    grades = {}
    for line in (GRADES / "real-notes.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in _CELL_BORDER.split(line)[1:-1]]
        if len(cells) == 5 and cells[1].isdigit():
            grades[(_code(cells[0]), cells[2])] = (cells[3], cells[4])
    graded: list[Graded] = []
    for note in sorted((SHARED / "real-notes").glob("*.md")):
        built = build(note)
        if not built:
            continue
        source = built[0][2]
        cards = [shown for _, shown, _ in built]
        verdicts = judge(cards, source)
        for guid, shown, _ in built:
            if graded_as.get(f"{guid} {shown.label}") != card_hash(shown):
                continue  # not the card that was graded: the rules have changed it
            if (guid, shown.label) in grades:
                grade, reason = grades[(guid, shown.label)]
                mine = tuple(v for v in verdicts if v.card is shown)
                graded.append(Graded("real-notes", guid, shown, grade, reason, mine, source))
    return graded


def card_hash(card: Shown) -> str:
    """A short fingerprint of what a card shows, to tell the graded card from a changed one."""
    return hashlib.sha256(f"{card.front}\x1f{card.answer}".encode()).hexdigest()[:16]


def _graded(name: str, guids: Sequence[str], cards: Sequence[Shown],
            grades: Sequence[tuple[str, str]], source: Source) -> list[Graded]:
    """Judge one source's cards together, and pair each with its grade."""
    verdicts = judge(cards, source)
    return [Graded(name, guid, card, grade, reason, tuple(v for v in verdicts if v.card is card),
                   source)
            for guid, card, (grade, reason) in zip(guids, cards, grades, strict=True)]


def _code(cell: str) -> str:
    """The text of a Markdown code span: `x` or `` x` `` (padded when it holds a backtick)."""
    ticks = len(cell) - len(cell.lstrip("`"))
    inner = cell[ticks : len(cell) - ticks]
    if ticks > 1 and inner.startswith(" ") and inner.endswith(" "):
        inner = inner[1:-1]
    return inner.replace("\\|", "|")


def _cell(text: str) -> str:
    """A table cell's text as the card showed it."""
    return text.replace("\\|", "|").strip()


def shown_of_note(note: Path, state: Path) -> list[tuple[str, Shown, Source]]:
    """Each Anki card a note makes now, with its GUID and source, as `cards --format json`
    lists them for a first build (a fresh state file)."""
    arguments = ["cards", str(note), "--format", "json", "--state", str(state), "--quiet"]
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 0, result.output
    built = []
    for row in json.loads(result.stdout):
        fields = row["fields"]
        source = Source(_plain(fields["Title"]), _plain(fields["Citekey"]))
        line = int(row["source"].rsplit(":", 1)[1])
        if "Text" not in fields:
            shown = Shown(_plain(fields["Front"]), _plain(fields["Back"]),
                          _plain(fields.get("Extra", "")), "qa", line, "qa")
            built.append((row["guid"], shown, source))
            continue
        text = fields["Text"]
        for number in sorted({int(n) for n in _CLOZE.findall(text)}) or [1]:
            front = _CLOZE_SPAN.sub(lambda m, n=number: "[...]" if int(m[1]) == n else m[2], text)
            hidden = " / ".join(m[2] for m in _CLOZE_SPAN.finditer(text) if int(m[1]) == number)
            shown = Shown(_plain(front), _plain(hidden), _plain(fields.get("Extra", "")),
                          "cloze", line, f"c{number}")
            built.append((row["guid"], shown, source))
    return built


def _plain(field: str) -> str:
    """A field's text as a reader sees it: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", field)).split())
