"""The slow-to-import word libraries load only when a card needs them."""

from __future__ import annotations

import os
import subprocess
import sys

from .conftest import ROOT

HEAVY = ("lemminflect", "wordfreq", "pysbd", "markdown_it")


def _loaded_after(code: str) -> list[str]:
    """The heavy libraries a fresh interpreter has imported after running `code`."""
    probe = f"{code}\nimport sys\nprint(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            env=env, check=True)
    return result.stdout.split()


def test_importing_the_cli_loads_no_word_library() -> None:
    assert _loaded_after("import anki_export.cli") == []


def test_making_a_card_loads_the_word_libraries_it_uses() -> None:
    code = ("from anki_export.cards.clozes import choose_targets\n"
            "choose_targets('Cells divide fast.')")
    assert {"lemminflect", "wordfreq"} <= set(_loaded_after(code))
