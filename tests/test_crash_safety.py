"""Killing a build at any moment never leaves a half-written deck or state, nor loses a change."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from .anki_engine import import_package, open_collection
from .conftest import EXAMPLE

EDIT = ("corrigibly aligned models are also highly improbable",
        "corrigibly aligned models are also rather improbable")


def _build(vault: Path, out: Path, crash_at: str | None = None) -> subprocess.Popen[bytes]:
    env = {**os.environ}
    env.pop("ANKI_EXPORT_TEST_CRASH_AT", None)
    if crash_at:
        env["ANKI_EXPORT_TEST_CRASH_AT"] = crash_at
    return subprocess.Popen([sys.executable, "-m", "anki_export", "build", str(vault), "-o",
                             str(out), "--quiet"], env=env, stdout=subprocess.DEVNULL)


def _deck_is_whole(path: Path, tmp: Path) -> bool:
    """A deck is either absent or a complete zip holding a readable collection."""
    if not path.exists():
        return True
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        archive.extract("collection.anki2", tmp)
    count = sqlite3.connect(tmp / "collection.anki2").execute("select count() from notes")
    return count.fetchone()[0] > 0


def _state_is_whole(path: Path) -> bool:
    with sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True) as db:
        whole = db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return whole and db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone() == (
            "2",)


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    root = tmp_path / "vault"
    (root / ".obsidian").mkdir(parents=True)
    shutil.copy(EXAMPLE, root / "note.md")
    return root


def _first_import(vault: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    first = tmp_path / "first.apkg"
    assert _build(vault, first).wait() == 0
    col = open_collection(tmp_path)
    import_package(col, first)
    time.sleep(1.1)  # the next build's stamps must be newer than this one's, to the second
    note = vault / "note.md"
    note.write_text(note.read_text(encoding="utf-8").replace(*EDIT), encoding="utf-8")
    return col


def _next_build_gives_the_right_update(vault: Path, out: Path, col) -> None:  # type: ignore[no-untyped-def]
    """After a killed build: exactly the edit's update, and no half-written state left over."""
    assert _build(vault, out).wait() == 0
    assert list(vault.glob(".*.tmp")) == []  # the killed builds' half-written states are gone
    log = import_package(col, out)
    # The argument's question quotes the edited claim (the claim has no card of its own).
    assert (log.new, log.updated, log.conflicting) == (0, 1, 0)
    col.close()


@pytest.mark.parametrize("point", ["before-deck", "after-deck", "after-state"])
def test_a_build_killed_between_stages_is_followed_by_the_right_update(
    vault: Path, tmp_path: Path, point: str
) -> None:
    col = _first_import(vault, tmp_path)
    out = tmp_path / "next.apkg"
    killed = _build(vault, out, crash_at=point)
    assert killed.wait() == -signal.SIGKILL
    assert _deck_is_whole(out, tmp_path / "check")
    assert _state_is_whole(vault / "anki-export-state.sqlite3")
    _next_build_gives_the_right_update(vault, out, col)


@pytest.mark.slow
def test_builds_killed_at_random_moments_never_leave_broken_files(
    vault: Path, tmp_path: Path
) -> None:
    col = _first_import(vault, tmp_path)
    out = tmp_path / "next.apkg"
    chance = random.Random(20261128)
    for trial in range(12):
        process = _build(vault, out)
        time.sleep(chance.uniform(0.0, 1.5))
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert _deck_is_whole(out, tmp_path / f"check{trial}")
        assert _state_is_whole(vault / "anki-export-state.sqlite3")
    _next_build_gives_the_right_update(vault, out, col)
