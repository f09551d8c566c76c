"""The graded cards `cards --check` judges wrongly: bad cards it misses, good cards it flags.

Usage: python scripts/judged_misses.py [all|A|B|FOLDER [NOTE ...]] [--weak]

Reads every graded set (`tests/fixtures/judged/`, `tests/fixtures/grades/`, the real notes when
`../shared/real-notes` is there) as `tests/cards/test_judge_grades.py` does, and prints, for the
chosen cross-validation half (default: all notes), its figures and each card judged wrongly,
front, answer, the reader's reason and the judge's verdicts; `--weak` lists the weak cards too.
Given a folder of graded fixture notes (`tests/fixtures/judged-0.5`) instead, it reads that
folder's grade files alone, only the named notes when some follow it.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.cards.graded_sets import (  # noqa: E402
    HALF_A,
    HALF_B,
    Graded,
    all_graded,
    judged_fixture,
)


def _share(cards: list[Graded], grade: str) -> str:
    """'flagged/total (percent)' for one grade."""
    of_grade = [c for c in cards if c.grade == grade]
    flagged = sum(1 for c in of_grade if c.verdicts)
    percent = f" ({100 * flagged / len(of_grade):.0f}%)" if of_grade else ""
    return f"{grade} flagged {flagged}/{len(of_grade)}{percent}"


def _show(card: Graded) -> str:
    """One card judged wrongly, as a few lines."""
    said = "; ".join(f"{v.pattern}: {v.reason}" for v in card.verdicts) or "(nothing)"
    return (f"- {card.name} line {card.card.line} {card.card.label} [{card.grade}]\n"
            f"    front:  {card.card.front}\n    answer: {card.card.answer}\n"
            f"    reader: {card.reason}\n    judge:  {said}")


def main(argv: list[str]) -> None:
    named = [a for a in argv if not a.startswith("-")]
    half = named[0] if named else "all"
    if Path(half).is_dir():
        graded = [c for path in sorted(Path(half).glob("*.grades*.json"))
                  for c in judged_fixture(path) if len(named) < 2 or c.note in named[1:]]
    else:
        notes = {"A": HALF_A, "B": HALF_B}.get(half)
        with tempfile.TemporaryDirectory() as states:
            graded = [c for c in all_graded(Path(states)) if notes is None or c.note in notes]
    print(f"{half}: {len(graded)} cards: " + ", ".join(_share(graded, g)
                                                       for g in ("bad", "good", "weak")))
    print("\nBad cards not flagged:")
    print("\n".join(_show(c) for c in graded if c.grade == "bad" and not c.verdicts))
    print("\nGood cards flagged:")
    print("\n".join(_show(c) for c in graded if c.grade == "good" and c.verdicts))
    if "--weak" in argv:
        print("\nWeak cards:")
        print("\n".join(_show(c) for c in graded if c.grade == "weak"))


if __name__ == "__main__":
    main(sys.argv[1:])
