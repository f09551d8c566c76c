"""Benchmark `anki-export build` against two references on synthetic vaults, in one run.

Input: sizes such as `300x33` (notes x annotations per note). Output: per size, seconds and ratios
to the floor measured in the same run, peak memory and deck size, then growth, on stdout.
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from baselines import check_importable, floor, naive_genanki
from generate import edit_fraction, generate_vault

NO_ONLY_CHANGES = "n/a (build has no --only-changes yet)"
EDITED_SHARE = 0.01
MB = 1024 * 1024
# Targets (see README.md): where a size is not listed, the row shows no verdict.
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
class Options:
    """How to measure: repeats, checks, and the environment anki-export runs in."""

    repeat: int
    check: bool
    only_changes: bool
    """Whether `build --help` lists `--only-changes` (the hooks below run only then)."""
    env: Mapping[str, str]


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
class Round:
    """One full build and, when the flag exists, the `--only-changes` rebuilds after it."""

    full: Child
    deck: DeckFile
    unchanged: Child | None
    edited: Child | None


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


def parse_sizes(text: str) -> list[Size]:
    """`300x33,3000x33` → sizes, smallest vault first."""
    sizes = []
    for item in text.split(","):
        notes, _, per_note = item.strip().lower().partition("x")
        if not (notes.isdigit() and per_note.isdigit()) or int(notes) * int(per_note) == 0:
            raise argparse.ArgumentTypeError(f"size '{item}' is not NOTESxANNOTATIONS, e.g. 300x33")
        sizes.append(Size(int(notes), int(per_note)))
    return sorted(sizes, key=lambda size: size.annotations)


def machine() -> list[str]:
    """CPU model, cores, memory, Python and package versions."""
    cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines()
    cpu = next(
        (line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")),
        platform.processor() or "unknown CPU",
    )
    meminfo = Path("/proc/meminfo").read_text(encoding="utf-8").split()
    memory = int(meminfo[meminfo.index("MemTotal:") + 1]) / 1024 / 1024
    return [
        f"machine: {cpu}, {os.cpu_count()} cores ({len(os.sched_getaffinity(0))} usable), "
        f"{memory:.1f} GiB RAM, {platform.platform()}, load average {os.getloadavg()[0]:.2f}",
        f"python:  {platform.python_implementation()} {platform.python_version()} "
        f"({sys.executable})",
        f"versions: anki-export {version('zotero-anki-export')}, genanki {version('genanki')}",
    ]


def best_of(repeat: int, job: Callable[[], object]) -> float:
    """The fastest of `repeat` runs of `job`, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return min(times)


def run_child(command: Sequence[str], cwd: Path, env: Mapping[str, str]) -> Child:
    """Run `command`; its wall time and its own peak RSS (from `wait4`, so per process)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, cwd=cwd, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if process.returncode != 0:
        tail = "\n".join(stderr.splitlines()[-20:])
        raise SystemExit(f"{' '.join(command)} exited with {process.returncode}:\n{tail}")
    return Child(seconds, usage.ru_maxrss * 1024 / MB, stdout, stderr)


def build_command(vault: Path, out: Path, *extra: str) -> list[str]:
    """`anki-export build` the way users run it."""
    return [
        sys.executable,
        "-m",
        "anki_export",
        "build",
        str(vault),
        "-o",
        str(out),
        "--quiet",
        *extra,
    ]


def fastest(runs: Sequence[Child]) -> Child:
    """The fastest run, reporting the highest peak RSS of them all."""
    best = min(runs, key=lambda run: run.seconds)
    peak = max(run.peak_rss_mb for run in runs)
    return Child(best.seconds, peak, best.stdout, best.stderr)


def deck_file(apkg: Path) -> DeckFile:
    """Size of `apkg` and its notes and cards, counted in its `collection.anki2`."""
    with tempfile.TemporaryDirectory(prefix="deck-") as scratch:
        with zipfile.ZipFile(apkg) as archive:
            database = archive.extract("collection.anki2", scratch)
        connection = sqlite3.connect(database)
        try:
            notes = connection.execute("SELECT count(*) FROM notes").fetchone()[0]
            cards = connection.execute("SELECT count(*) FROM cards").fetchone()[0]
        finally:
            connection.close()
    return DeckFile(apkg.stat().st_size / MB, notes, cards)


def child_environment(cache: Path) -> dict[str, str]:
    """This environment, with bytecode cached in `cache` (an installed package has its .pyc)."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(cache)  # never inside the repository
    return env


def warm_up(options: Options, scratch: Path) -> None:
    """Build a two-note vault once, untimed, so every module is compiled and cached."""
    vault = scratch / "warm-up"
    generate_vault(vault, 2, 3, seed=1)
    _round(vault, scratch / "warm-up.apkg", options, seed=1)


def measure(size: Size, options: Options) -> Result:
    """Generate a vault of `size`, then time the floor, naive genanki and anki-export on it."""
    repeat = options.repeat
    with tempfile.TemporaryDirectory(prefix=f"anki-export-bench-{size}-") as folder:
        scratch = Path(folder)
        vault = scratch / "vault"
        generate_vault(vault, size.notes, size.per_note, seed=1)
        floor_apkg, naive_apkg = scratch / "floor.apkg", scratch / "naive.apkg"
        floor_seconds = best_of(repeat, lambda: floor(vault, floor_apkg))
        floor_deck = deck_file(floor_apkg)
        floor_import = check_importable(floor_apkg) if options.check else None
        naive_seconds = best_of(repeat, lambda: naive_genanki(vault, naive_apkg))
        out = scratch / "anki-export.apkg"
        rounds = [_round(vault, out, options, seed) for seed in range(1, repeat + 1)]
    unchanged = [r.unchanged for r in rounds if r.unchanged is not None]
    edited = [r.edited for r in rounds if r.edited is not None]
    return Result(
        size=size,
        floor=floor_seconds,
        floor_deck=floor_deck,
        naive=naive_seconds,
        full=fastest([r.full for r in rounds]),
        deck=rounds[0].deck,
        unchanged=fastest(unchanged) if unchanged else None,
        edited=fastest(edited) if edited else None,
        floor_import=floor_import,
        load=os.getloadavg()[:2],
    )


def _round(vault: Path, out: Path, options: Options, seed: int) -> Round:
    """A full build, then `--only-changes` with no change and after editing 1% of highlights.

    Both rebuilds run against the default state file, which `--only-changes` compares with "the
    last full build": the full build of this same round, so every round edits a fresh 1%.
    """
    full = run_child(build_command(vault, out), vault.parent, options.env)
    deck = deck_file(out)  # before an --only-changes run replaces it
    if not options.only_changes:
        return Round(full, deck, None, None)
    # --- hooks for `build --only-changes` (run only when `build --help` lists the flag) ---
    command = build_command(vault, out, "--only-changes")
    unchanged = run_child(command, vault.parent, options.env)
    edit_fraction(vault, EDITED_SHARE, seed)
    edited = run_child(command, vault.parent, options.env)
    return Round(full, deck, unchanged, edited)


def has_only_changes(help_text: str) -> bool:
    """Whether `anki-export build --help` offers `--only-changes`."""
    return "--only-changes" in help_text


# --- printing ------------------------------------------------------------------------------


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
            f"{deck.notes:,} notes, {deck.cards:,} cards, {warnings} warnings",
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


def main(argv: Sequence[str] | None = None) -> None:
    """Parse options, print the machine, then one table per size and the growth."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        default=parse_sizes("300x33,3000x33"),
        help="comma-separated NOTESxANNOTATIONS [300x33,3000x33]",
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs per timing; the minimum counts")
    parser.add_argument(
        "--check", action="store_true", help="import the floor's .apkg with the real Anki engine"
    )
    args = parser.parse_args(argv)
    print("\n".join(machine()))
    with tempfile.TemporaryDirectory(prefix="anki-export-bench-") as folder:
        scratch = Path(folder)
        env = child_environment(scratch / "pycache")
        help_run = run_child([sys.executable, "-m", "anki_export", "build", "--help"], scratch, env)
        options = Options(max(1, args.repeat), args.check, has_only_changes(help_run.stdout), env)
        warm_up(options, scratch)
        supported = "supported" if options.only_changes else "not supported yet"
        print(
            f"anki-export: --only-changes {supported}; bytecode cached outside the repository, "
            "warmed up on a 2-note vault\n"
        )
        results = []
        for size in args.sizes:
            results.append(measure(size, options))
            print("\n".join(report(results[-1])) + "\n", flush=True)
    if len(results) > 1:
        print(growth(results))


if __name__ == "__main__":
    main()
