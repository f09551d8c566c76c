"""The README's two newcomer commands stay exact: CI runs the test command word for word."""

from __future__ import annotations

import re

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = re.findall(r"```sh\n(python3 -m venv .venv && [^\n]+)\n```", README)


def test_readme_opens_with_an_install_and_build_command_then_a_test_command() -> None:
    build, test = COMMANDS[:2]
    assert "pip install ." in build and "anki-export build examples/DoesSGDProduce.md" in build
    assert (ROOT / "examples" / "DoesSGDProduce.md").is_file()
    assert test.endswith(".venv/bin/python -m pytest") and '".[test]"' in test


def test_ci_runs_the_readme_test_command_word_for_word() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert f"readme_test='{COMMANDS[1]}'" in ci
