"""Date and time stamps that templates write beside an annotation's link: metadata, no text.

Input: a fragment of a line. Output: the fragment without its stamps (`on 2026-02-14 at
19:02:41 UTC +1:00`, `14.02.2026, 19:02`, `2024-03-01T10:22:11Z`, `Monday, March 3, 2024`),
and whether it is a stamp with at most a word or two around it (`Added on …`, `Erstellt am
…`), so that what is left shows whether the fragment holds any words of a highlight.
"""

from __future__ import annotations

import re

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+"
_TIME = r"\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[AaPp]\.?[Mm]\.?)?"
_DATE = (
    rf"\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}(?:T{_TIME})?"  # 2026-02-14, 2026-02-14T10:22:11
    r"|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}"  # 14.02.2026, 2/14/26
    rf"|(?:{_WEEKDAY})?{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}"  # Monday, March 3, 2024
    rf"|(?:{_WEEKDAY})?\d{{1,2}}\.?\s+{_MONTH}\s+\d{{4}}"  # 3 March 2024
)
_ZONE = r"(?:UTC|GMT)(?:\s*[+\u2212-]\s*\d{1,2}(?::?\d{2})?)?|[+\u2212-]\d{2}:?\d{2}|Z"
# A stamp: a date or a time, maybe with its zone, and the short word that introduces it in the
# template's language (`on`, `at`, `le`, `am`, `el`, `um`), as long as it stands right before.
_STAMP = re.compile(
    rf"(?:(?<![^\W\d_])[^\W\d_]{{1,3}}\s+)?(?<![\w:./-])(?:{_DATE}|{_TIME})"
    rf"(?:\s*(?:{_ZONE}))?(?![^\W\d_]|\d|[:./-]\d)",
    re.I,
)
_WORD = re.compile(r"[^\W\d_]+")
_AROUND = 2
"""Words beside a stamp that only introduce it (`Added on`, `Highlighted`, `Erstellt am`)."""


def without_stamps(fragment: str) -> str:
    """`fragment` with every date or time stamp (and the short word before it) blanked."""
    if not any(ch.isdigit() for ch in fragment):
        return fragment
    return _STAMP.sub(" ", fragment)


def only_a_stamp(fragment: str) -> bool:
    """Whether `fragment` holds a stamp and at most a word or two besides it: a template's
    metadata line (`Added on 2024-03-01`), never a highlight's words."""
    rest = without_stamps(fragment)
    return rest != fragment and len(_WORD.findall(rest)) <= _AROUND
