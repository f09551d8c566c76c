"""Whatever the terminal's encoding, every command prints and writes; JSON stays lossless."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE


def _anki_export(*args: str, encoding: str | None, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "PYTHONUTF8")}
    if encoding is not None:
        env["PYTHONIOENCODING"] = encoding
    return subprocess.run([sys.executable, "-m", "anki_export", *args], capture_output=True,
                          cwd=cwd, env=env, check=False)


@pytest.mark.parametrize("encoding", ["cp1252", "ascii", "latin-1"])
def test_build_writes_its_deck_on_a_terminal_that_cannot_print_its_summary(
    tmp_path: Path, encoding: str
) -> None:
    done = _anki_export("build", str(EXAMPLE), "-o", "deck.apkg", "--state", "state.sqlite3",
                        encoding=encoding, cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert (tmp_path / "deck.apkg").stat().st_size > 0
    assert b"Traceback" not in done.stderr
    assert b"annotation(s)" in done.stdout and b"Anki note(s)" in done.stdout


@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
def test_card_json_is_the_same_data_on_any_terminal(tmp_path: Path, encoding: str) -> None:
    utf8 = _anki_export("cards", str(EXAMPLE), "--format", "json", "--state", "a.sqlite3",
                        encoding="utf-8", cwd=tmp_path)
    other = _anki_export("cards", str(EXAMPLE), "--format", "json", "--state", "b.sqlite3",
                         encoding=encoding, cwd=tmp_path)
    assert other.returncode == 0, other.stderr.decode("utf-8", "replace")
    assert json.loads(other.stdout) == json.loads(utf8.stdout.decode("utf-8"))
    assert any(ord(c) > 127 for c in utf8.stdout.decode("utf-8"))  # the case is not vacuous


def test_warnings_with_unencodable_text_are_printed_as_escapes(tmp_path: Path) -> None:
    note = tmp_path / "note.md"
    note.write_text(EXAMPLE.read_text(encoding="utf-8").replace(
        "citekey: DoesSGDProduce\n", ""), encoding="utf-8")
    done = _anki_export("plan", str(note), "--state", "s.sqlite3", encoding="cp1252",
                        cwd=tmp_path)
    assert done.returncode == 0 and b"Traceback" not in done.stderr
    assert b"warning: " in done.stderr and b"\\ufffd" in done.stderr
