"""Date and time stamps that templates write beside an annotation's link: metadata, no text.

Input: a fragment of a line. Output: the fragment without its stamps (`on 2026-02-14 at
19:02:41 UTC +1:00`, `14.02.2026, 19:02`, `Added: 2024/03/01`), so that what is left shows
whether the fragment holds any words of a highlight.
"""

from __future__ import annotations

import re

_DATE = (
    r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"  # 2026-02-14, 2026/2/14
    r"|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}"  # 14.02.2026, 2/14/26
)
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?"
_ZONE = r"(?:UTC|GMT)(?:\s*[+\u2212-]\s*\d{1,2}(?::?\d{2})?)?|[+\u2212-]\d{2}:?\d{2}|Z"
# A stamp: a date or a time, maybe with its zone, and the short word that introduces it in the
# template's language (`on`, `at`, `le`, `am`, `el`, `um`), as long as it stands right before.
_STAMP = re.compile(
    rf"(?:(?<![^\W\d_])[^\W\d_]{{1,3}}\s+)?(?<![\w:./-])(?:{_DATE}|{_TIME})(?![\w:/-])"
    rf"(?:\s*(?:{_ZONE})(?!\w))?",
)


def without_stamps(fragment: str) -> str:
    """`fragment` with every date or time stamp (and the short word before it) blanked."""
    if not any(ch.isdigit() for ch in fragment):
        return fragment
    return _STAMP.sub(" ", fragment)
