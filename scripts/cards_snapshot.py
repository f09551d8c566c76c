"""Write `anki-export cards --format json` of each note to a folder, to compare two versions.

Usage: python scripts/cards_snapshot.py OUT_DIR [NOTE ...]

With no notes given: the bundled example and every note of `../shared/real-notes/` (when that
folder exists). Each note is read with a fresh `--state` path, so no earlier build colours the
output. Run it with one version's `anki-export`, then another's, and compare the two folders
(`diff -r`): a change that only moves code must leave every file identical.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL_NOTES = ROOT.parent / "shared" / "real-notes"


def default_notes() -> list[Path]:
    """The example note, and the real notes when they are beside the checkout."""
    notes = [ROOT / "examples" / "DoesSGDProduce.md"]
    if REAL_NOTES.is_dir():
        notes += sorted(REAL_NOTES.glob("*.md"))
    return [n for n in notes if n.name != "README.md"]


def snapshot(note: Path, out: Path) -> None:
    """The note's cards as JSON, and the warnings the command printed, in `out`."""
    with tempfile.TemporaryDirectory() as scratch:
        state = Path(scratch) / "state.sqlite3"
        command = [sys.executable, "-m", "anki_export", "cards", str(note), "--format", "json",
                   "--state", str(state)]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    (out / f"{note.stem}.json").write_text(done.stdout, encoding="utf-8")
    (out / f"{note.stem}.stderr").write_text(f"exit {done.returncode}\n{done.stderr}",
                                              encoding="utf-8")


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    notes = [Path(a) for a in argv[1:]] or default_notes()
    for note in notes:
        snapshot(note.resolve(), out)
        print(f"{note.name}: {out / (note.stem + '.json')}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
