"""A template's own labelled lines about an annotation (`**Color**: Yellow`, `Page: 4`).

Input: one line of a note. Output: whether it is such a field: a short label in the shape
templates write (`**Word**:`, `**Word:**` or `Word:` opening the line) whose value holds none of
the reader's words (a colour, a page, a date, a type, a placeholder the template left unfilled).
An empty value leaves the label's words the reader's own (`**Check table 1**:` over a
highlight); a comment label (`**Comment**:`) is never one: its value is the reader's.
"""

from __future__ import annotations

import re

from anki_export.read.shapes import lines

_LABEL = re.compile(
    r"^(?:(?P<bold>\*\*|__)(?P<a>[^\W\d_][\w \-]{0,24}?)(?::(?P=bold)|(?P=bold)\s*:)"
    r"|(?P<b>[^\W\d_][\w\-]{0,24}(?: [\w\-]{1,24})?)\s*:(?!//))\s*(?P<value>.*)$"
)
# What a template leaves when it names a variable it cannot fill (`{annotation.page}`, `{{x}}`).
_PLACEHOLDER = re.compile(r"^\{{1,2}[^{}]*\}{1,2}$")
_DATE = re.compile(
    r"^\d{1,4}[-./]\d{1,2}[-./]\d{1,4}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]m)?)?$", re.I)


def is_template_field(raw: str) -> bool:
    """Whether `raw` is a template's labelled field with no words of the reader in its value."""
    content = lines.parse(raw).content.strip()
    match = _LABEL.match(content)
    if match is None or lines.names_a_comment(match.group("a") or match.group("b")):
        return False
    value = match.group("value").strip().strip("*_ ")
    if not value:
        return False  # `**Check table 1**:` over the highlight: the reader's words, as a label
    return (_PLACEHOLDER.match(value) is not None or _DATE.match(value) is not None
            or lines.is_label(value))
