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
from report import EDITED_SHARE, MB, Child, DeckFile, Result, Size, growth, report


@dataclass(frozen=True, slots=True)
class Options:
    """How to measure: repeats, checks, and the environment anki-export runs in."""

    repeat: int
    check: bool
    only_changes: bool
    """Whether `build --help` lists `--only-changes` (the hooks below run only then)."""
    env: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Round:
    """One full build and, when the flag exists, the `--only-changes` rebuilds after it."""

    full: Child
    deck: DeckFile
    unchanged: Child | None
    edited: Child | None


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


# On Linux a child's ru_maxrss also counts the peak of the process that started it (exec keeps
# the old memory's high-water mark), and the runner holds genanki's and Anki's data by then.
# So a ~10 MB Python starts the command and reports its time, peak RSS (KiB) and exit code.
_TIMER = """
import os, sys, time
start = time.perf_counter()
pid = os.posix_spawn(sys.argv[2], sys.argv[2:], os.environ)
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - start
with open(sys.argv[1], "w") as report:
    report.write(f"{seconds} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}")
"""


def run_child(command: Sequence[str], cwd: Path, env: Mapping[str, str]) -> Child:
    """Run `command` (an absolute executable first); its wall time and its own peak RSS."""
    with tempfile.TemporaryDirectory(prefix="child-") as folder:
        files = Path(folder)
        timer = [sys.executable, "-c", _TIMER, str(files / "timing"), *command]
        with (files / "out").open("wb") as out, (files / "err").open("wb") as err:
            subprocess.run(timer, stdout=out, stderr=err, cwd=cwd, env=env, check=True)
        seconds, peak_kib, code = (files / "timing").read_text().split()
        stdout = (files / "out").read_text(errors="replace")
        stderr = (files / "err").read_text(errors="replace")
    if code != "0":
        tail = "\n".join(stderr.splitlines()[-20:])
        raise SystemExit(f"{' '.join(command)} exited with {code}:\n{tail}")
    return Child(float(seconds), int(peak_kib) * 1024 / MB, stdout, stderr)


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
    """Size of `apkg`, and its notes and cards counted in its SQLite collection."""
    with tempfile.TemporaryDirectory(prefix="deck-") as scratch:
        with zipfile.ZipFile(apkg) as archive:
            names = set(archive.namelist())
            name = next(n for n in ("collection.anki21", "collection.anki2") if n in names)
            database = archive.extract(name, scratch)
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
    """A full build, then (when the flag exists) the two `--only-changes` rebuilds after it."""
    full = run_child(build_command(vault, out), vault.parent, options.env)
    deck = deck_file(out)  # before an --only-changes run replaces it
    if not options.only_changes:
        return Round(full, deck, None, None)
    unchanged, edited = only_changes_rebuilds(vault, out, options, seed)
    return Round(full, deck, unchanged, edited)


# --- hooks for `build --only-changes`: they run only when `build --help` lists the flag ------


def has_only_changes(help_text: str) -> bool:
    """Whether `anki-export build --help` offers `--only-changes`."""
    return "--only-changes" in help_text


def only_changes_rebuilds(
    vault: Path, out: Path, options: Options, seed: int
) -> tuple[Child, Child]:
    """`--only-changes` with no source change, then after editing `EDITED_SHARE` of highlights.

    Nothing extra is passed: both use the default state file, which `--only-changes` compares
    with the last full build, i.e. the one `_round` just ran; so every round edits a fresh 1%.
    """
    command = build_command(vault, out, "--only-changes")
    unchanged = run_child(command, vault.parent, options.env)
    edit_fraction(vault, EDITED_SHARE, seed)
    edited = run_child(command, vault.parent, options.env)
    return unchanged, edited


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
