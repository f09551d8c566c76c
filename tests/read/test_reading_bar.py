"""The reading bar on notes in templates the readers were not written for, never going back."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.conftest import FIXTURES, ROOT

# (anchored texts read, all texts read, comments read, most things read that are no annotation)
FLOORS = {
    "set-a": (51, 53, 20, 0),
    "set-b": (48, 58, 44, 0),
    "set-c": (68, 81, 63, 0),
    "set-d": (55, 84, 52, 0),
    "set-e": (58, 69, 49, 0),
    "set-f": (42, 72, 44, 0),
    "set-g": (48, 65, 45, 0),
    "set-h": (42, 64, 46, 0),
    "set-i": (26, 50, 30, 0),  # first measured at 25, 25, 3, 1
    "set-j": (31, 67, 43, 0),  # first measured at 16, 24, 14, 2
    "set-k": (43, 60, 33, 1),  # first measured at 20, 20, 9, 1
    "set-l": (27, 28, 15, 4),  # first measured at 27, 28, 13, 4
}


def _figures(folder: str) -> tuple[int, int, int, int]:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "reading_bar.py"),
         str(FIXTURES / "reading" / folder)], capture_output=True, text=True, check=True)
    found = [int(n) for n in re.findall(r":\s+(\d+)/\d+", result.stdout)]
    return found[0], found[1], found[2], found[3]


@pytest.mark.parametrize("folder", sorted(FLOORS))
def test_the_readers_read_at_least_what_they_read_when_the_set_was_added(folder: str) -> None:
    anchored, texts, comments, not_annotations = _figures(folder)
    floor = FLOORS[folder]
    reached = all(n >= least for n, least in zip((anchored, texts, comments), floor[:3],
                                                 strict=True))
    assert reached and not_annotations <= floor[3], (
        f"{folder}: {anchored} anchored, {texts} texts, {comments} comments, "
        f"{not_annotations} not annotations; floor {floor}")
