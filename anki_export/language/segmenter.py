"""pysbd's English sentence rules, skipping the passes that cannot change a given text.

Input: a text; output: pysbd's raw sentences of it, exactly as `pysbd.Segmenter` finds them
(without mapping them back onto the text). Imported only when a text needs splitting.

pysbd runs each of its many regexes over the whole text, although most look for something
the text does not hold: a digit, a parenthesis, an abbreviation before a full stop. Each skip
below names what its pass needs; without it the pass finds nothing to replace, so the text,
and every sentence, stays exactly as pysbd would leave it. Only pysbd 0.3.4, whose passes
these are, gets the skips; another version runs unchanged.
"""

from __future__ import annotations

import re

import pysbd
from pysbd.exclamation_words import ExclamationWords
from pysbd.lang.english import English
from pysbd.lists_item_replacer import ListItemReplacer
from pysbd.processor import Processor
from pysbd.utils import Text

_DIGIT = re.compile(r"\d")
# pysbd's alphabetical list items: a lone lowercase letter before a full stop ("a. b. c.")
_LIST_LETTER = re.compile(r"(?<!\S)[a-z]\.")
_STOP = re.compile(r"\.")
_SPACE_STOP = re.compile(r"\s\.")
_STOP_LETTER = re.compile(r"\.[a-z]", re.IGNORECASE)  # as pysbd's multi-period abbreviations
_CAPITAL_STOP = re.compile(r"[A-Z]\.")
# The stand-ins pysbd puts back into every sentence ("∯" for a full stop, ...): plain strings.
_SUBSTITUTES = tuple(rule.pattern for rule in English.SubSymbolsRules.All)
_ELLIPSIS_STAND_INS = tuple(rule.pattern for rule in English.ReinsertEllipsisRules.All)
_STOP_BETWEEN_WORDS = re.compile(r"\.[a-zA-Z0-9_]")  # "e.g", "x.com": as pysbd's email rule
_SINGLE_QUOTE = English.SubSingleQuoteRule.pattern
# What pysbd's passes over quotations, brackets and dashes look for.
_ENCLOSING = ("'", "‘", '"', "[", "(", "«", "--", "“")
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

    text: str

    def replace(self) -> str:
        """pysbd 0.3.4's `AbbreviationReplacer.replace`, skipping rules the text gives nothing."""
        text = self.text
        if ".'s" in text or "Co." in text or _CAPITAL_STOP.search(text):  # "Co. KG", "J. Doe"
            self.text = Text(self.text).apply(
                self.lang.PossessiveAbbreviationRule,
                self.lang.KommanditgesellschaftRule,
                *self.lang.SingleLetterAbbreviationRules.All,
            )
        abbr_handled_text = ""
        for line in self.text.splitlines(True):
            abbr_handled_text += self.search_for_abbreviations_in_string(line)
        self.text = abbr_handled_text
        if _STOP_LETTER.search(self.text):  # "e.g.", "U.S.A."
            self.replace_multi_period_abbreviations()
        if "∯" in self.text:  # these put back full stops replaced above ("at 5 p∯m∯ Then")
            self.text = Text(self.text).apply(*self.lang.AmPmRules.All)
            self.text = self.replace_abbreviation_as_sentence_boundary()
        return self.text

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
        """pysbd 0.3.4's `Processor.process`, skipping passes for marks the text lacks."""
        if not self.text:
            return self.text
        self.text = self.text.replace("\n", "\r")
        self.text = _ListItems(self.text).add_line_break()
        self.replace_abbreviations()
        self.replace_numbers()
        self.replace_continuous_punctuation()
        self.replace_periods_before_numeric_references()
        if _STOP_BETWEEN_WORDS.search(self.text):
            self.text = Text(self.text).apply(
                self.lang.Abbreviation.WithMultiplePeriodsAndEmailRule
            )
        if "°" in self.text:  # "40°. 5 N"
            self.text = Text(self.text).apply(self.lang.GeoLocationRule)
        if _SPACE_STOP.search(self.text):  # "the .pdf file"
            self.text = Text(self.text).apply(self.lang.FileFormatRule)
        return self.split_into_segments()

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

    def check_for_parens_between_quotes(self) -> None:
        """A parenthesis between quotations ("… ." (1999) "…"): it needs a parenthesis."""
        if "(" in self.text:
            super().check_for_parens_between_quotes()

    def split_into_segments(self) -> list[str]:
        """pysbd 0.3.4's `Processor.split_into_segments`, skipping rules for absent marks.

        A text with none of pysbd's stand-ins ("∯" for a full stop it keeps) needs none put
        back; ellipsis rules need "...", ". . ." or a line break.
        """
        self.check_for_parens_between_quotes()
        sents = self.rm_none_flatten(self.text.split("\r"))
        sents = [
            Text(s).apply(self.lang.SingleNewLineRule, *self.lang.EllipsisRules.All)
            if "\n" in s or "..." in s or _SPACE_STOP.search(s)  # ellipses: "...", ". . ."
            else s
            for s in sents
        ]
        sents = self.rm_none_flatten([self.check_for_punctuation(s) for s in sents])
        postprocessed_sents: list[str] = []
        for sent in sents:
            if any(symbol in sent for symbol in _SUBSTITUTES):
                sent = Text(sent).apply(*self.lang.SubSymbolsRules.All)
            post_process_sent = self.post_process_segments(sent)
            if post_process_sent and isinstance(post_process_sent, str):
                postprocessed_sents.append(post_process_sent)
            elif isinstance(post_process_sent, list):
                postprocessed_sents.extend(post_process_sent)
        return [
            Text(ns).apply(self.lang.SubSingleQuoteRule) if _SINGLE_QUOTE in ns else ns
            for ns in postprocessed_sents
        ]

    def post_process_segments(self, txt: str) -> str | list[str]:
        """pysbd 0.3.4's `Processor.post_process_segments`, skipping absent ellipsis stand-ins."""
        if len(txt) > 2 and re.search(r"\A[a-zA-Z]*\Z", txt):
            return txt
        if any(stand_in in txt for stand_in in _ELLIPSIS_STAND_INS):
            txt = Text(txt).apply(*self.lang.ReinsertEllipsisRules.All)
        if re.search(self.lang.QUOTATION_AT_END_OF_SENTENCE_REGEX, txt):
            return re.split(self.lang.SPLIT_SPACE_QUOTATION_AT_END_OF_SENTENCE_REGEX, txt)
        return txt.replace("\n", "").strip()

    def process_text(self, txt: str) -> list[str]:
        """pysbd 0.3.4's `Processor.process_text`, skipping rules for absent marks.

        Exclamation words ("Yahoo!") need an exclamation mark, quotations a quote, bracket or
        dash, the rules for "?!" a "?" or "!", and roman numerals in parentheses a "(".
        """
        if txt[-1] not in self.lang.Punctuations:
            txt += "ȸ"
        if "!" in txt or "ǃ" in txt:  # every one of its exclamation words has one
            txt = ExclamationWords.apply_rules(txt)
        if any(mark in txt for mark in _ENCLOSING):
            txt = self.between_punctuation(txt)
        if "?" in txt or "!" in txt:
            # handle text having only doublepunctuations
            if not re.match(self.lang.DoublePunctuationRules.DoublePunctuation, txt):
                txt = Text(txt).apply(*self.lang.DoublePunctuationRules.All)
            txt = Text(txt).apply(
                self.lang.QuestionMarkInQuotationRule, *self.lang.ExclamationPointRules.All
            )
        if "(" in txt:  # roman numerals in parentheses
            txt = ListItemReplacer(txt).replace_parens()
        return self.sentence_boundary_punctuation(txt)  # type: ignore[no-any-return]


def pysbd_sentences(text: str) -> list[str]:
    """pysbd's sentences of `text` (English, not cleaned), untrimmed."""
    if pysbd.__version__ == "0.3.4":  # the skips were checked against this version's passes
        processor = _Processor(text, _English)
    else:
        processor = pysbd.Segmenter(language="en", clean=False).processor(text)
    return [str(s) for s in processor.process()]
