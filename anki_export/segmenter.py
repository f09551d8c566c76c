"""pysbd's English sentence rules, skipping the passes that cannot change a given text.

Input: a text; output: pysbd's raw sentences of it, exactly as `pysbd.Segmenter` finds them
(without mapping them back onto the text). Imported only when a text needs splitting.

pysbd runs every one of its ~150 regexes over the whole text, although most look for
something the text does not hold: a digit, a parenthesis, an abbreviation before a full stop.
Each skip below names what its pass needs; without it the pass finds nothing to replace, so
the text, and every sentence, stays exactly as pysbd would leave it. Only pysbd 0.3.4, whose
passes these are, gets them; another version runs unchanged.
"""

from __future__ import annotations

import re

import pysbd
from pysbd.lang.english import English
from pysbd.lists_item_replacer import ListItemReplacer
from pysbd.processor import Processor
from pysbd.utils import Text

_DIGIT = re.compile(r"\d")
# pysbd's alphabetical list items: a lone lowercase letter before a full stop ("a. b. c.")
_LIST_LETTER = re.compile(r"(?<!\S)[a-z]\.")
_STOP = re.compile(r"\.")
_ABBREVIATIONS = tuple(abbr.strip() for abbr in English.Abbreviation.ABBREVIATIONS)
_LONGEST = max(map(len, _ABBREVIATIONS))
# Each abbreviation as pysbd matches it before a full stop: ignoring case, the "." in "e.g"
# standing for any character; and, for one of letters only, that text in lowercase.
_FOLLOWED_BY_STOP = tuple(
    (abbr, re.compile(abbr + r"\.", re.IGNORECASE), None if "." in abbr else f"{abbr}.")
    for abbr in _ABBREVIATIONS
)


def _before_stops(text: str) -> str:
    """The characters just before each full stop, enough to hold any abbreviation."""
    return " ".join(text[max(0, m.start() - _LONGEST) : m.end()] for m in _STOP.finditer(text))


class _Abbreviations(English.AbbreviationReplacer):  # type: ignore[misc]
    """pysbd's English abbreviation pass, trying only abbreviations a full stop follows."""

    def search_for_abbreviations_in_string(self, text: str) -> str:
        """pysbd 0.3.4's loop over its abbreviations, skipping those no full stop follows.

        An abbreviation changes a line only by replacing the full stop right after it
        ("Fig." -> "Fig∯"), and replacing full stops never makes one follow an abbreviation,
        so one that no full stop follows in the line as given changes nothing. Trying each of
        ~200 abbreviations on the whole line with several regexes was most of pysbd's time.
        """
        probe = _before_stops(text)  # an abbreviation before a full stop shows in it as well
        lowered_probe = probe.lower() if probe.isascii() else None
        lowered = text.lower()
        for stripped, stop, key in _FOLLOWED_BY_STOP:
            if lowered_probe is not None and key is not None:
                followed = key in lowered_probe  # ASCII: ignoring case is lowercasing
            else:
                followed = stop.search(probe) is not None
            if not followed or stripped not in lowered:
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


class _ListItems(ListItemReplacer):  # type: ignore[misc]
    """pysbd's list-item pass, skipping the kinds of list a text cannot hold."""

    text: str

    def add_line_break(self) -> str:
        """Line breaks before list items: lettered ("a." or "a)"), then numbered ("1." "1)")."""
        if _LIST_LETTER.search(self.text) or ")" in self.text:
            self.format_alphabetical_lists()
            self.format_roman_numeral_lists()
        if _DIGIT.search(self.text) or "♨" in self.text:  # "♨": its marker for "1."
            self.format_numbered_list_with_periods()
        if ")" in self.text or "☝" in self.text:  # "☝": its marker for "1)"
            self.format_numbered_list_with_parens()
        return self.text


class _Processor(Processor):  # type: ignore[misc]
    """pysbd's processing of a text, skipping passes that need what the text lacks."""

    text: str

    def process(self) -> list[str] | str:
        """pysbd 0.3.4's `Processor.process`, with the quicker list-item pass."""
        if not self.text:
            return self.text
        self.text = self.text.replace("\n", "\r")
        self.text = _ListItems(self.text).add_line_break()
        self.replace_abbreviations()
        self.replace_numbers()
        self.replace_continuous_punctuation()
        self.replace_periods_before_numeric_references()
        self.text = Text(self.text).apply(
            self.lang.Abbreviation.WithMultiplePeriodsAndEmailRule,
            self.lang.GeoLocationRule,
            self.lang.FileFormatRule,
        )
        return self.split_into_segments()  # type: ignore[no-any-return]

    def replace_numbers(self) -> None:
        """Numbers' full stops ("3.5", "1. item"): every one of these rules needs a digit."""
        if _DIGIT.search(self.text):
            super().replace_numbers()

    def replace_continuous_punctuation(self) -> None:
        """Runs of "!" and "?" ("What?!?")."""
        if "!" in self.text or "?" in self.text:
            super().replace_continuous_punctuation()

    def replace_periods_before_numeric_references(self) -> None:
        """Full stops before a footnote number ("as shown.12 The")."""
        if _DIGIT.search(self.text):
            super().replace_periods_before_numeric_references()


def pysbd_sentences(text: str) -> list[str]:
    """pysbd's sentences of `text` (English, not cleaned), untrimmed."""
    if pysbd.__version__ == "0.3.4":  # the skips were checked against this version's passes
        processor = _Processor(text, _English)
    else:
        processor = pysbd.Segmenter(language="en", clean=False).processor(text)
    return [str(s) for s in processor.process()]
