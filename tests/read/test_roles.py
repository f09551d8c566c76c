"""Colours onto Zotero's palette, and roles from labels or colours."""

from __future__ import annotations

import pytest

from anki_export.read.roles import palette_colour, resolve_role, role_slug


@pytest.mark.parametrize(("written", "palette"), [
    ("#ffd400", "yellow"), ("#FFD400", "yellow"), ("#ffd40080", "yellow"), ("ffd400", "yellow"),
    ("#ff6666", "red"), ("#5fb236", "green"), ("#2ea8e5", "blue"), ("#a28ae5", "purple"),
    ("#e56eee", "magenta"), ("#f19837", "orange"), ("#aaaaaa", "gray"), ("#000000", "black"),
    ("Green", "green"), ("grey", "gray"), ("hltr-red", "red"), ("violet", "purple"),
    ("#c3e88d", "green"), ("#fff59d", "yellow"), ("#a5d6a7", "green"), ("#ff9800", "orange"),
    ("#2196f3", "blue"), ("#f44336", "red"), ("#e0e0e0", "gray"), ("#111111", "black"),
])
def test_any_written_colour_maps_to_the_nearest_palette_colour(written: str, palette: str) -> None:
    assert palette_colour(written) == palette


@pytest.mark.parametrize("written", [None, "", "weird", "#12", "rgba(1,2)"])
def test_unknown_colours_map_to_none_and_never_raise(written: str | None) -> None:
    assert palette_colour(written) is None


def test_label_wins_over_colour_and_may_be_renamed() -> None:
    colours = {"yellow": "claim"}
    assert resolve_role("Personal critic", "yellow", {}, colours) == "personal-critic"
    assert resolve_role("Disagree", None, {"disagree": "personal-critic"}, {}) == (
        "personal-critic")
    assert resolve_role(None, "yellow", {}, colours) == "claim"
    assert resolve_role(None, "blue", {}, colours) == "highlight"
    assert role_slug("  Supporting   evidence ") == "supporting-evidence"
