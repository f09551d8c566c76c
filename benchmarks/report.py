"""What a benchmark run measured, the targets, and the tables that show them.

Input: a `Result` per size (from `run.py`). Output: lines of text: one table per size, and growth.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

NO_ONLY_CHANGES = "n/a (build has no --only-changes yet)"
EDITED_SHARE = 0.01
"""Share of the annotations edited before the second `--only-changes` rebuild."""
MB = 1024 * 1024
# Targets (see README.md): where a target does not apply to a size, the row shows no verdict.
FULL_BUILD_MAX_RATIO, FULL_BUILD_SIZES = 2.5, frozenset({"300x33", "3000x33"})
ONLY_CHANGES_MAX_SHARE = 0.10
PEAK_RSS_MAX_MB, PEAK_RSS_FROM_ANNOTATIONS = 250.0, 99_000
MB_PER_1000_CARDS_MAX = 0.2
GROWTH_SLACK, GROWTH_FROM_ANNOTATIONS = 1.1, 9_900


@dataclass(frozen=True, slots=True)
class Size:
    """A vault size: notes, and annotations in each note."""

    notes: int
    per_note: int

    @property
    def annotations(self) -> int:
        """Annotations in the whole vault."""
        return self.notes * self.per_note

    def __str__(self) -> str:
        return f"{self.notes}x{self.per_note}"


@dataclass(frozen=True, slots=True)
class Child:
    """One finished `anki-export` process."""

    seconds: float
    peak_rss_mb: float
    stdout: str
    stderr: str


@dataclass(frozen=True, slots=True)
class DeckFile:
    """What an `.apkg` holds, and its size on disk."""

    megabytes: float
    notes: int
    cards: int

    @property
    def mb_per_1000_cards(self) -> float:
        """Package size per 1,000 cards."""
        return self.megabytes / self.cards * 1000 if self.cards else 0.0


@dataclass(frozen=True, slots=True)
class Result:
    """Everything measured at one size."""

    size: Size
    floor: float
    floor_deck: DeckFile
    naive: float
    full: Child
    deck: DeckFile
    unchanged: Child | None
    """`--only-changes` rebuild with no source change; None while the flag does not exist."""
    edited: Child | None
    """`--only-changes` rebuild after editing `EDITED_SHARE` of the annotations."""
    floor_import: tuple[int, int] | None
    """(notes, cards) the real Anki engine imported from the floor's package, with --check."""
    load: tuple[float, float]
    """1- and 5-minute load averages when the measurements ended (other work skews them)."""


def _verdict(value: float, limit: float, applies: bool = True) -> str:
    """`ok`, `MISSED`, or nothing where the target is not set for this size."""
    if not applies:
        return ""
    return "ok" if value <= limit else "MISSED"


def _line(name: str, value: str, ratio: str = "", target: str = "", note: str = "") -> str:
    """One row of a size's table."""
    return f"  {name:<38} {value:>10} {ratio:>8}  {target:<26} {note}".rstrip()


def _timing_rows(result: Result) -> list[str]:
    """Floor, naive genanki and the full build, with their ratios to the floor."""
    full, deck = result.full, result.deck
    ratio = full.seconds / result.floor
    applies = str(result.size) in FULL_BUILD_SIZES
    warnings = sum(line.startswith("warning:") for line in full.stderr.splitlines())
    floor_note = f"{result.floor_deck.cards:,} cards"
    if result.floor_import is not None:
        notes, cards = result.floor_import
        imported = (notes, cards) == (result.floor_deck.notes, result.floor_deck.cards)
        floor_note += f"; Anki imports {notes:,} notes, {cards:,} cards"
        floor_note += "" if imported else " MISMATCH"
    return [
        _line(
            "floor (sqlite3 executemany + zip)", f"{result.floor:.2f} s", "1.00x", "", floor_note
        ),
        _line(
            "naive genanki script", f"{result.naive:.2f} s", f"{result.naive / result.floor:.2f}x"
        ),
        _line(
            "anki-export build (full)",
            f"{full.seconds:.2f} s",
            f"{ratio:.2f}x",
            f"<= {FULL_BUILD_MAX_RATIO}x floor {_verdict(ratio, FULL_BUILD_MAX_RATIO, applies)}",
            f"{deck.notes:,} notes, {deck.cards:,} cards, {warnings} warning(s)",
        ),
    ]


def _only_changes_rows(result: Result) -> list[str]:
    """The two `--only-changes` rows: seconds and share of the full build, or n/a."""
    rows = []
    names = ("--only-changes, no source change", f"--only-changes, {EDITED_SHARE:.0%} edited")
    for name, run in zip(names, (result.unchanged, result.edited), strict=True):
        if run is None:
            rows.append(f"  {name:<38} {NO_ONLY_CHANGES}")
            continue
        share = run.seconds / result.full.seconds
        no_change = run is result.unchanged
        target = f"<= {ONLY_CHANGES_MAX_SHARE:.0%} of full" if no_change else ""
        verdict = _verdict(share, ONLY_CHANGES_MAX_SHARE, no_change)
        ratio = f"{run.seconds / result.floor:.2f}x"
        note = f"{share:.1%} of full build"
        rows.append(_line(name, f"{run.seconds:.2f} s", ratio, f"{target} {verdict}", note))
    return rows


def _resource_rows(result: Result) -> list[str]:
    """Peak memory of the full build, and the size of the deck it wrote."""
    peak, per_1000 = result.full.peak_rss_mb, result.deck.mb_per_1000_cards
    rss_applies = result.size.annotations >= PEAK_RSS_FROM_ANNOTATIONS
    rss_target = f"<= {PEAK_RSS_MAX_MB:.0f} MB at 100k"
    size_target = f"<= {MB_PER_1000_CARDS_MAX}"
    floor_size = f"floor: {result.floor_deck.mb_per_1000_cards:.3f}"
    return [
        _line(
            "peak RSS of the full build",
            f"{peak:.1f} MB",
            "",
            f"{rss_target} {_verdict(peak, PEAK_RSS_MAX_MB, rss_applies)}",
        ),
        _line("deck size (.apkg)", f"{result.deck.megabytes:.2f} MB"),
        _line(
            "MB per 1,000 cards",
            f"{per_1000:.3f}",
            "",
            f"{size_target} {_verdict(per_1000, MB_PER_1000_CARDS_MAX)}",
            floor_size,
        ),
    ]


def report(result: Result) -> list[str]:
    """The table for one size."""
    size = result.size
    return [
        f"{size}: {size.notes:,} notes x {size.per_note} = {size.annotations:,} annotations "
        f"(load average at the end: {result.load[0]:.2f} 1 min, {result.load[1]:.2f} 5 min)",
        _line("measurement", "value", "x floor", "target", "notes"),
        *_timing_rows(result),
        *_only_changes_rows(result),
        *_resource_rows(result),
    ]


def growth(results: Sequence[Result]) -> str:
    """Time ratios from the smallest to the largest size, next to the annotation-count ratio."""
    small, large = results[0], results[-1]
    scale = large.size.annotations / small.size.annotations
    full = large.full.seconds / small.full.seconds
    applies = small.size.annotations >= GROWTH_FROM_ANNOTATIONS and scale >= 10
    limit = scale * GROWTH_SLACK
    target = f"target <= x{limit:.1f} {_verdict(full, limit, applies)}".rstrip()
    return (
        f"growth {small.size} -> {large.size}: annotations x{scale:.1f}; "
        f"anki-export full build x{full:.2f} ({target}); "
        f"floor x{large.floor / small.floor:.2f}; naive genanki x{large.naive / small.naive:.2f}"
    )
