"""Shared fixtures: paths to the example and fixture notes, and golden-file comparison."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "DoesSGDProduce.md"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="Rewrite golden JSON files from the current output (review the diff, then commit).",
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """Compare data with a golden JSON file, or rewrite it under --update-goldens."""
    update = request.config.getoption("--update-goldens")

    def check(path: Path, actual: Any) -> None:
        text = json.dumps(actual, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
        if update or not path.exists():
            if not update:
                pytest.fail(f"no golden file {path}; run pytest --update-goldens and review it")
            path.write_text(text, encoding="utf-8")
            return
        assert json.loads(path.read_text(encoding="utf-8")) == actual, (
            f"output differs from {path.name}; if the change is intended, run "
            "pytest --update-goldens and review the diff"
        )

    return check


@pytest.fixture(autouse=True, scope="session")
def _repository_stays_clean(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """No test may leave files in the checkout (state files, decks...), goldens aside."""
    if request.config.getoption("--update-goldens"):
        yield
        return
    watched = [ROOT / "examples", FIXTURES]
    before = {p for folder in watched for p in folder.rglob("*")}
    yield
    after = {p for folder in watched for p in folder.rglob("*")}
    assert after <= before, f"tests left files behind: {sorted(after - before)}"


def example_counts() -> tuple[int, int]:
    """How many Anki notes and cards the example note makes with the current rules.

    Tests that count what a build of the example writes take the numbers from here, so a change
    of the card rules (reviewed in `fixtures/grades/`) does not have to be copied into each."""
    return _example_counts()


@functools.cache
def _example_counts() -> tuple[int, int]:
    from anki_export.cards.fronts import distinct_fronts
    from anki_export.cards.rules import make_cards
    from anki_export.read.annotations import read_annotations
    from anki_export.read.config_file import load_config
    from anki_export.read.discover import read_note

    config = load_config(None)
    note = read_note(EXAMPLE)
    cards = distinct_fronts(make_cards(note, read_annotations(note, config)[0], config)[0], [])
    return len(cards), sum(card.anki_cards for card in cards)
