"""The built wheel ships the card templates and works from a fresh virtual environment."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from anki_export.deck.notetypes import templates_folder

from .conftest import EXAMPLE, ROOT

TEMPLATES = sorted(p.name for p in (ROOT / "card_templates").iterdir())


def test_templates_load_from_the_source_tree_or_editable_install() -> None:
    folder = templates_folder()
    assert sorted(p.name for p in folder.iterdir() if p.name in TEMPLATES) == TEMPLATES


@pytest.mark.slow
def test_wheel_installs_in_a_fresh_venv_and_builds_the_example(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist),
                    str(ROOT)], check=True)
    (wheel,) = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        shipped = {n.removeprefix("anki_export/card_templates/") for n in archive.namelist()
                   if n.startswith("anki_export/card_templates/")}
    assert shipped == set(TEMPLATES)

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "-q", str(wheel)],
                   check=True)
    work = tmp_path / "elsewhere"  # not the checkout, so only the installed package can load
    work.mkdir()
    result = subprocess.run(
        [str(bin_dir / "anki-export"), "build", str(EXAMPLE), "-o", "example.apkg",
         "--state", "state.sqlite3"],
        cwd=work, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "Wrote example.apkg" in result.stdout
    assert (work / "example.apkg").stat().st_size > 1000
    where = subprocess.run(
        [str(bin_dir / "python"), "-c",
         "import anki_export.deck.notetypes as n; print(n.templates_folder())"],
        cwd=work, capture_output=True, text=True, check=True).stdout
    assert str(env_dir) in where and "site-packages" in where
