"""The hand-made grades of the example's cards stay in step with the cards the example makes.

`fixtures/grades/DoesSGDProduce.md` holds one row per card of `examples/DoesSGDProduce.md`
(GUID, card number, front, answer, grade, reason), graded by a person reading the cards. A
program cannot grade them again, so when the cards change these tests fail and name the cards
to read and grade again; they never judge a card themselves.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from functools import cache
from typing import NamedTuple

import pytest
from click.testing import CliRunner

from anki_export.cli import cli
from tests.conftest import EXAMPLE, FIXTURES

GRADES = FIXTURES / "grades" / "DoesSGDProduce.md"
GRADE_WORDS = ("good", "weak", "bad")
CLOZE = re.compile(r"\{\{c(\d+)::")
CLOZE_SPAN = re.compile(r"\{\{c(\d+)::(.*?)\}\}")
CELL_BORDER = re.compile(r"(?<!\\)\|")  # a `|` not written as `\|`
DELIMITER_CELL = re.compile(r":?-{3,}:?")
CARD_NUMBER = re.compile(r"c[1-9]\d*|qa")
SUMMARY = re.compile(r"(\d+)\s+good\W+(\d+)\s+weak\W+(\d+)\s+bad", re.IGNORECASE)

REGRADE = (
    "Re-read the cards of examples/DoesSGDProduce.md that changed, as a learner would "
    "(`anki-export preview examples/DoesSGDProduce.md -o /tmp/preview.html --state "
    "/tmp/scratch.sqlite3`, or `anki-export cards … --format json`), grade them again by hand "
    f"and update the table, the summary line and the Patterns section of {GRADES.name} "
    "(tests/fixtures/grades/)."
)


# --- the cards the example makes now ---------------------------------------------------------


Card = tuple[str, str]
"""A card of the example as graded: its front as Anki shows it ([...] for the cloze asked) and
the hidden answer (the clozes of one number joined by " / "), or a question and its answer."""


@pytest.fixture(scope="module")
def example_cards(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Card]:
    """Each card of the example by (GUID, card number), as `cards --format json` lists them for
    a first build (a fresh state file, outside the checkout)."""
    state = tmp_path_factory.mktemp("grades") / "state.sqlite3"
    arguments = ["cards", str(EXAMPLE), "--format", "json", "--state", str(state), "--quiet"]
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 0, result.output
    cards: dict[tuple[str, str], Card] = {}
    for note in json.loads(result.stdout):
        fields = note["fields"]
        if "Text" not in fields:  # a question/answer note: one card
            cards[(note["guid"], "qa")] = (_plain(fields["Front"]), _plain(fields["Back"]))
            continue
        # A cloze note: one card per cloze number (Anki makes card 1 of a note without any).
        text = fields["Text"]
        numbers = sorted({int(n) for n in CLOZE.findall(text)}) or [1]
        for number in numbers:
            front = CLOZE_SPAN.sub(lambda m, n=number: "[...]" if int(m[1]) == n else m[2], text)
            hidden = [m[2] for m in CLOZE_SPAN.finditer(text) if int(m[1]) == number]
            cards[(note["guid"], f"c{number}")] = (_plain(front), _plain(" / ".join(hidden)))
    return cards


def _plain(html_text: str) -> str:
    """A field's text as a reader sees it, spaces collapsed."""
    return " ".join(html.unescape(html_text).split())


# --- the grades table ------------------------------------------------------------------------


def _cells(line: str) -> list[str]:
    """The cells of a table row; `\\|` is a pipe inside a cell, as GitHub reads it."""
    row = line.strip()
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if row.endswith("|") and not row.endswith("\\|") else row
    return [cell.strip().replace("\\|", "|") for cell in CELL_BORDER.split(row)]


def _unquote(cell: str) -> str:
    """A cell's text without the code span around it (`x` or `` x `` for a GUID holding `)."""
    match = re.fullmatch(r"(`+)(.*?)\1", cell)
    if not match:
        return cell
    inner = match.group(2)
    if len(inner) > 1 and inner.startswith(" ") and inner.endswith(" ") and inner.strip():
        inner = inner[1:-1]
    return inner


def _column(header: list[str], *names: str) -> int:
    """The index of the first header cell that starts with one of `names` (any case)."""
    for index, cell in enumerate(header):
        if cell.lower().startswith(names):
            return index
    pytest.fail(f"{GRADES.name}: the grades table has no column {' or '.join(names)!r}; "
                f"its header is {header}")


class Row(NamedTuple):
    """One row of the grades table."""

    line: int
    guid: str
    card: str
    front: str
    answer: str
    grade: str
    reason: str


@cache
def _grades() -> tuple[Row, ...]:
    """The rows of the one table in the grades file whose header names a GUID column."""
    if not GRADES.exists():
        pytest.fail(f"no grades file {GRADES}; {REGRADE}")
    lines = GRADES.read_text(encoding="utf-8").splitlines()
    starts = [i for i, line in enumerate(lines[:-1])
              if line.lstrip().startswith("|") and "guid" in line.lower()
              and all(DELIMITER_CELL.fullmatch(c.replace(" ", "")) for c in _cells(lines[i + 1]))]
    if len(starts) != 1:
        pytest.fail(f"{GRADES.name}: expected one table with a GUID column (a header row, then "
                    f"a |---| row), found {len(starts)}")
    header = [cell.lower() for cell in _cells(lines[starts[0]])]
    columns = {name: _column(header, *prefixes) for name, prefixes in (
        ("guid", ("guid",)), ("card", ("card",)), ("front", ("front",)),
        ("answer", ("hidden", "answer")), ("grade", ("grade",)), ("reason", ("reason",)))}
    rows = []
    for number, line in enumerate(lines[starts[0] + 2 :], start=starts[0] + 3):
        if not line.lstrip().startswith("|"):
            break
        cells = _cells(line)
        where = f"{GRADES.name}:{number}"
        if len(cells) != len(header):
            pytest.fail(f"{where}: {len(cells)} cells, the header has {len(header)} "
                        "(write a pipe inside a cell as \\|)")
        value = {name: _unquote(cells[index]) for name, index in columns.items()}
        row = Row(number, value["guid"], value["card"].lower(), " ".join(value["front"].split()),
                  " ".join(value["answer"].split()), value["grade"].strip("*_ ").lower(),
                  value["reason"])
        if not row.guid:
            pytest.fail(f"{where}: no GUID")
        if not CARD_NUMBER.fullmatch(row.card):
            pytest.fail(f"{where}: card number {cells[columns['card']]!r} is not c1, c2, … or qa")
        rows.append(row)
    if not rows:
        pytest.fail(f"{GRADES.name}: the grades table has no rows")
    return tuple(rows)


# --- the tests -------------------------------------------------------------------------------


def test_every_card_of_the_example_is_graded_and_every_grade_is_a_card(
    example_cards: dict[tuple[str, str], Card],
) -> None:
    graded = Counter((row.guid, row.card) for row in _grades())
    twice = sorted(pair for pair, count in graded.items() if count > 1)
    assert not twice, f"{GRADES.name} grades these cards more than once: {twice}"
    new = sorted(set(example_cards) - set(graded))
    gone = sorted(set(graded) - set(example_cards))
    assert not new and not gone, (
        "The example's cards are no longer the cards that were graded.\n"
        + "".join(f"  not graded (new): {guid} {card}: {example_cards[(guid, card)][0]}\n"
                  for guid, card in new)
        + "".join(f"  graded but no longer made: {guid} {card}\n" for guid, card in gone)
        + REGRADE
    )


def test_each_graded_card_still_asks_what_was_graded(
    example_cards: dict[tuple[str, str], Card],
) -> None:
    """A GUID outlives edits of its card (that is what keeps review history), so a changed
    front or answer under the same GUID is a card nobody has graded yet."""
    changed = [
        f"  {row.guid} {row.card} ({GRADES.name}:{row.line})\n"
        f"    graded: {row.front}  =>  {row.answer}\n"
        f"    now:    {example_cards[(row.guid, row.card)][0]}  =>  "
        f"{example_cards[(row.guid, row.card)][1]}\n"
        for row in _grades()
        if (row.guid, row.card) in example_cards
        and (row.front, row.answer) != example_cards[(row.guid, row.card)]
    ]
    assert not changed, (
        "These cards of the example changed since they were graded:\n" + "".join(changed) + REGRADE
    )


def test_every_row_has_a_grade_and_a_reason() -> None:
    for row in _grades():
        assert row.grade in GRADE_WORDS, (
            f"{GRADES.name}:{row.line}: {row.guid} {row.card} is graded {row.grade!r}, not one "
            f"of {', '.join(GRADE_WORDS)}")
        assert row.reason.strip(), f"{GRADES.name}:{row.line}: {row.guid} {row.card} has no reason"


def test_the_summary_line_counts_the_rows() -> None:
    match = SUMMARY.search(GRADES.read_text(encoding="utf-8"))
    assert match, f"{GRADES.name} has no summary line 'N good, N weak, N bad'"
    counted = Counter(row.grade for row in _grades())
    stated = dict(zip(GRADE_WORDS, (int(n) for n in match.groups()), strict=True))
    assert stated == {word: counted[word] for word in GRADE_WORDS}, (
        f"{GRADES.name}: the summary says {stated}, the table has {dict(counted)}; "
        "update the summary line")
