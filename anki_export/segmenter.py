"""pysbd's English sentence rules, with its abbreviation pass narrowed to what can apply.

Input: a text; output: pysbd's raw sentences of it, exactly as `pysbd.Segmenter` finds them
(without mapping them back onto the text). Imported only when a text needs splitting.
"""

from __future__ import annotations

import re

from pysbd.lang.english import English
from pysbd.processor import Processor

# pysbd's abbreviation pass tries each of its ~200 abbreviations on every line with several
# regexes, which is most of pysbd's time. An abbreviation changes a line only by replacing the
# full stop right after it ("Fig." -> "Fig∯"), so one that is never followed by a full stop
# (matched as pysbd matches it: ignoring case, the "." in "e.g" standing for any character)
# changes nothing. The pass only ever turns full stops into "∯", which cannot create such a
# match later in the line, so skipping those abbreviations leaves the same text.
_FOLLOWED_BY_STOP = tuple(
    (abbr, re.compile(abbr.strip() + r"\.", re.IGNORECASE))
    for abbr in English.Abbreviation.ABBREVIATIONS
)


class _Abbreviations(English.AbbreviationReplacer):  # type: ignore[misc]
    """pysbd's English abbreviation pass, skipping abbreviations no full stop follows."""

    def search_for_abbreviations_in_string(self, text: str) -> str:
        """pysbd 0.3.4's loop, with the one extra skip (`stop.search`)."""
        lowered = text.lower()
        for abbr, stop in _FOLLOWED_BY_STOP:
            stripped = abbr.strip()
            if stripped not in lowered or not stop.search(text):
                continue
            abbrev_match = re.findall(rf"(?:^|\s|\r|\n){stripped}", text, flags=re.IGNORECASE)
            if not abbrev_match:
                continue
            next_word_start = r"(?<={" + str(re.escape(stripped)) + "} ).{1}"
            char_array = re.findall(next_word_start, text)
            for ind, match in enumerate(abbrev_match):
                text = self.scan_for_replacements(text, match, ind, char_array)
        return text


class _English(English):  # type: ignore[misc]
    """pysbd's English rules with the quicker abbreviation pass."""

    AbbreviationReplacer = _Abbreviations


def pysbd_sentences(text: str) -> list[str]:
    """pysbd's sentences of `text` (English, not cleaned), untrimmed."""
    return [str(s) for s in Processor(text, _English).process()]
