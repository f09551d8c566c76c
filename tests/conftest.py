"""Shared fixtures: paths to the example and fixture notes, and golden-file comparison."""

from __future__ import annotations

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
