"""What upgrading anki-export does to a deck an older version built: notes kept, changed,
retired and new.

Usage: python scripts/version_change.py OLD_CHECKOUT NEW_CHECKOUT [NOTE ...] [--list]

For each note (default: the bundled example and every note of `../shared/real-notes/`), the
old checkout builds it with a fresh state file, then the new checkout plans and builds it on
that same state, as a user who upgrades does. Each checkout runs in its own process with
`PYTHONPATH` pointing at it (both use this interpreter's packages). Counts are Anki notes, as
`anki-export plan` counts them: kept (unchanged), changed (updated in place: same GUID, same
cloze numbers, so review history goes on), retired (no longer made, highlight still there),
new, and orphaned (should be 0: no highlight is deleted). `--list` also prints the new
version's `plan` line for every note that is not kept.

The old version is 0.5.0, commit b634c42: `git worktree add --detach ../old b634c42`.
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL_NOTES = ROOT.parent / "shared" / "real-notes"
COLUMNS = ("kept", "changed", "retired", "new", "orphaned")
_SUMMARY = re.compile(r"Compared with the last build: (.*)\.")
_PLAN_NAME = {"unchanged": "kept", "updated": "changed"}


def default_notes() -> list[Path]:
    """The example note, and the real notes when they are beside the checkout."""
    notes = [ROOT / "examples" / "DoesSGDProduce.md"]
    if REAL_NOTES.is_dir():
        notes += sorted(REAL_NOTES.glob("*.md"))
    return [n for n in notes if n.name != "README.md"]


def anki_export(checkout: Path, scratch: str, *arguments: str) -> str:
    """Run one checkout's command line; its standard output (a failure stops the script).

    It runs in `scratch`: `python -m` puts the working folder first on the path, so run from
    inside a checkout, that checkout's package would be the one imported.
    """
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    done = subprocess.run([sys.executable, "-m", "anki_export", *arguments], env=env,
                          cwd=scratch, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"{checkout}: anki-export {' '.join(arguments)} failed:\n{done.stderr}")
    return done.stdout


def compare(old: Path, new: Path, note: Path) -> tuple[dict[str, int], list[str]]:
    """Counts of what the new version does to the old one's build of `note`, and its changes."""
    for checkout in (old, new):
        found = anki_export(checkout, tempfile.gettempdir(), "--version")
        if not (checkout / "anki_export").is_dir():
            sys.exit(f"{checkout} is not a checkout of anki-export ({found.strip()})")
    with tempfile.TemporaryDirectory() as scratch:
        state = str(Path(scratch) / "state.sqlite3")
        anki_export(old, scratch, "build", str(note), "-o", str(Path(scratch) / "old.apkg"),
                    "--state", state, "-q")
        # Two checkouts may carry the same version string: then the new one would take the
        # unchanged note's cards from the state instead of making them. Forget the files.
        with sqlite3.connect(state) as db:
            db.execute("DELETE FROM files")
        db.close()
        planned = anki_export(new, scratch, "plan", str(note), "--state", state)
        anki_export(new, scratch, "build", str(note), "-o", str(Path(scratch) / "new.apkg"),
                    "--state", state, "-q")
    match = _SUMMARY.search(planned)
    if match is None:
        sys.exit(f"{new}: no plan summary for {note}:\n{planned}")
    counts = dict.fromkeys(COLUMNS, 0)
    for part in match.group(1).split(", "):
        number, status = part.split(" ", 1)
        counts[_PLAN_NAME.get(status, status)] = int(number)
    changes = [line for line in planned.splitlines()
               if line.split(" ", 1)[0] in ("new", "updated", "retired", "orphaned")]
    return counts, changes


def main(argv: list[str]) -> None:
    listing = "--list" in argv
    arguments = [a for a in argv if a != "--list"]
    if len(arguments) < 2:
        sys.exit(__doc__)
    old, new = Path(arguments[0]).resolve(), Path(arguments[1]).resolve()
    notes = [Path(n).resolve() for n in arguments[2:]] or default_notes()
    total = dict.fromkeys(COLUMNS, 0)
    print(f"{'note':<48} " + " ".join(f"{c:>8}" for c in COLUMNS))
    for note in notes:
        counts, changes = compare(old, new, note)
        name = note.stem if len(note.stem) <= 48 else note.stem[:47] + "…"
        print(f"{name:<48} " + " ".join(f"{counts[c]:>8}" for c in COLUMNS))
        for line in changes if listing else ():
            print(f"    {line}")
        total = {c: total[c] + counts[c] for c in COLUMNS}
    print(f"{'total':<48} " + " ".join(f"{total[c]:>8}" for c in COLUMNS))


if __name__ == "__main__":
    main(sys.argv[1:])
