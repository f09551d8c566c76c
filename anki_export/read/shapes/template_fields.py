"""A template's own labelled lines about an annotation (`**Color**: Yellow`, `Page: 4`).

Input: one line of a note. Output: whether it is such a field: a short label in the shape
templates write (`**Word**:`, `**Word:**` or `Word:` opening the line) whose value holds none of
the reader's words (a colour, a page, a date, a type, a placeholder the template left unfilled).
An empty value leaves the label's words the reader's own (`**Check table 1**:` over a
highlight); a comment label (`**Comment**:`) is never one: its value is the reader's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from anki_export.read.shapes import common, lines

_LABEL = re.compile(
    r"^(?:(?P<bold>\*\*|__)(?P<a>[^\W\d_][\w \-]{0,24}?)(?::(?P=bold)|(?P=bold)\s*:)"
    r"|(?P<b>[^\W\d_][\w\-]{0,24}(?: [\w\-]{1,24})?)\s*:(?!//))\s*(?P<value>.*)$"
)
# What a template leaves when it names a variable it cannot fill (`{annotation.page}`, `{{x}}`).
_PLACEHOLDER = re.compile(r"^\{{1,2}[^{}]*\}{1,2}$")
# A date or time, with at most one word (a month's name): `2024-01-15 10:32`, `1/15/2024,
# 10:32:11 AM`, `15 January 2024`.
_DATE = re.compile(
    r"^(?=.*(?:\d{4}|\d:\d\d))(?:\d{1,4}[-./,: T]*)+(?:(?:[ap]m|[^\W\d_]{3,12}\.?)[-./,: ]*"
    r"(?:\d{1,4}[-./,: T]*)*)?(?:[ap]m)?$", re.I)
_HEX = re.compile(r"^#(?:[0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$", re.I)
_ROMAN_PAGE = re.compile(r"^[ivxlcdm]{1,6}(?:\s*[-\u2013]\s*[ivxlcdm]{1,6})?$", re.I)
_ONLY_LINK = re.compile(r"^(?:\[[^\]\n]*\]\([^)\s]+\)\s*)+$")


def is_template_field(raw: str, note_lines: Sequence[str] = ()) -> bool:
    """Whether `raw` is a template's labelled field with no words of the reader in its value:
    a value in one of the shapes above, or (given the note's lines) a short one under a label
    that opens several lines of the note, each time with a value of a word or two (`Kolor:
    Żółty` under every highlight: the template's, whatever its language)."""
    content = lines.parse(raw).content.strip()
    match = _LABEL.match(content)
    label = match.group("a") or match.group("b") if match else None
    if match is None or label is None or lines.names_a_comment(label):
        return False
    if common.TAG_LINE.match(content):
        return False  # tags have rules of their own (Hypothesis' `- Tags:` before its comment)
    value = match.group("value").strip().strip("*_ ")
    if not value:
        return False  # `**Check table 1**:` over the highlight: the reader's words, as a label
    shapes = (_PLACEHOLDER, _DATE, _HEX, _ROMAN_PAGE, _ONLY_LINK)
    if any(shape.match(value) for shape in shapes) or lines.is_label(value):
        return True
    return bool(note_lines) and _short(value) and label in _repeated_short(tuple(note_lines))


def _short(value: str) -> bool:
    """A value of a word or two that ends no sentence: a name the template prints."""
    return len(value.split()) <= 2 and value[-1:] not in ".!?…"


def _repeated_short(note_lines: tuple[str, ...]) -> set[str]:
    """Labels that open at least two lines of the note, every time with a short value."""
    return {label for label, found in _label_values(note_lines).items()
            if len(found) >= 2 and all(v and _short(v) for v in found)}


@lru_cache(maxsize=64)
def _label_values(note_lines: tuple[str, ...]) -> dict[str, list[str]]:
    """The values under each label that opens a line of the note, in a field's shape."""
    values: dict[str, list[str]] = {}
    for raw in note_lines:
        match = _LABEL.match(lines.parse(raw).content.strip())
        if match is not None and (label := match.group("a") or match.group("b")):
            values.setdefault(label, []).append(match.group("value").strip().strip("*_ "))
    return values


def without_repeated_label(content: str, note_lines: Sequence[str]) -> str:
    """A comment's first line without a label the note opens several lines with (the
    template's `Kommentti: words` over each comment, in whatever language)."""
    match = _LABEL.match(content.strip())
    label = match.group("a") or match.group("b") if match else None
    if match is None or not match.group("value").strip() or label is None:
        return content
    return match.group("value").strip() if len(_label_values(tuple(note_lines)).get(
        label, [])) >= 2 else content


def labelled_words(raw: str) -> str | None:
    """The value of a line in a field's shape (`Komentarz: words`, `**Notiz**: words`) when it
    holds words, not a value of the template's: the words; else None."""
    match = _LABEL.match(lines.parse(raw).content.strip())
    if match is None or is_template_field(raw) or common.TAG_LINE.match(raw.strip()):
        return None
    value = match.group("value").strip()
    return value or None
