"""How the cards of today's rules score on a graded set, and which cards no grade covers yet.

Usage: python scripts/regraded.py FOLDER ... [--list]

For each graded fixture folder (`tests/fixtures/judged-0.8`), every note's cards are made again
with the rules importable here (a fresh state file each, as `cards --format json` lists them)
and matched to the stored grades (`NOTE.grades.json`) by GUID, card number, front and answer,
as the sets' READMEs re-measure them. Prints per note and per folder: cards, good / weak /
bad among the graded ones, and how many no stored grade covers (new or changed cards: read
them as a learner would and grade them by hand); `--list` prints those cards.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.cards.graded_sets import shown_of_note  # noqa: E402

GRADES = ("good", "weak", "bad")


def _same(a: str, b: str) -> bool:
    """Whether two texts read the same, whitespace aside."""
    return a.split() == b.split()


def regraded(folder: Path, listed: bool) -> Counter[str]:
    """The grades of a folder's cards as made today ("ungraded" for the others), per note."""
    total: Counter[str] = Counter()
    for path in sorted(folder.glob("*.grades.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        stored = {(row["guid"], row["card"]): row for row in doc["cards"]}
        counts: Counter[str] = Counter()
        with tempfile.TemporaryDirectory() as scratch:
            built = shown_of_note(folder / doc["note"], Path(scratch) / "state.sqlite3")
        for guid, shown, _ in built:
            row = stored.get((guid, shown.label))
            if row and _same(row["front"], shown.front) and _same(row["answer"], shown.answer):
                counts[row["grade"]] += 1
                continue
            counts["ungraded"] += 1
            if listed:
                print(f"  ungraded {doc['note']}:{shown.line} {shown.label}\n"
                      f"    front:  {shown.front}\n    answer: {shown.answer}")
        print(f"{doc['note']}: {sum(counts.values())} cards, " + _figures(counts))
        total += counts
    return total


def _figures(counts: Counter[str]) -> str:
    """'good N, weak N, bad N, ungraded N'."""
    return ", ".join(f"{grade} {counts[grade]}" for grade in (*GRADES, "ungraded"))


def main(argv: list[str]) -> None:
    for name in (a for a in argv if not a.startswith("-")):
        total = regraded(Path(name), "--list" in argv)
        print(f"== {name}: {sum(total.values())} cards, {_figures(total)}\n")


if __name__ == "__main__":
    main(sys.argv[1:])
