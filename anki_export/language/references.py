"""Find the parts of a text that point elsewhere: citations, reference numbers, figure numbers.

Input: a highlight's text; output: character ranges of "(Hudson et al. 2012)", "[12, 31]",
"(see Fig. 2)", "Figs. 1,3", "Table 10", footnote markers. A card never hides them: a learner
cannot recall a citation year or a reference number, and need not.
"""

from __future__ import annotations

import re

_YEAR = r"(?:1[5-9]|20)\d\d[a-z]?"
# A parenthesis or a bracket (closed, or cut off by the end of the highlight) that may hold
# a citation: "(Putnam 1975, p. 73)", "[Agol et al. 2005; Holman & Murray 2005]".
_PARENTHESIS = re.compile(r"\([^()]*(?:\)|$)|\[[^\[\]]*(?:\]|$)")
_NAME = re.compile(r"[A-Z][\w'’\-]+")
# Lowercase words a citation may hold besides names and years.
_CITATION_WORDS = frozenset(
    [
        "et",
        "al",
        "and",
        "see",
        "e",
        "g",
        "eg",
        "cf",
        "also",
        "in",
        "press",
        "for",
        "a",
        "review",
        "reviewed",
        "by",
        "i",
        "ie",
        # the page, chapter or volume a citation points into: "(Putnam 1975, p. 73)"
        "p",
        "pp",
        "ch",
        "chap",
        "vol",
        "ff",
        "ed",
        "eds",
        # particles of names: "(von Thünen 1826)", "(van Fraassen 1980)"
        "von",
        "van",
        "de",
        "der",
        "den",
        "du",
        "da",
        "di",
        "la",
        "le",
    ]
)
_WORD = re.compile(r"[^\W\d_]+")
# "[12]", "[12, 31, 6]", "[3-5]": bracketed reference numbers, also cut off at either end.
_NUMBERS = r"\d+(?:\s*[,;–\-]\s*\d+)*"
_BRACKETED = re.compile(rf"\[\s*{_NUMBERS}\s*(?:\]|$)|^\s*(?:{_NUMBERS})?\s*\](?=\s)")
# "Fig. 2", "Figs. 1,3", "Table 10", "Eq. (3)", "Section 4.2", "footnote 7".
_POINTER = re.compile(
    r"\b(?:fig(?:ure)?s?|tables?|tab|eqs?|equations?|sections?|sec|chapters?|ch|footnotes?|"
    r"appendix|supplementary (?:fig(?:ure)?|table)s?)\.?\s*(?:S?\(?\d+(?:\.\d+)*[a-z]?\)?)"
    r"(?:\s*(?:,|–|-|and|&)\s*S?\d+[a-z]?)*",
    re.IGNORECASE,
)
# "Smith et al. (2012)", "Smith (2012)", "Laudan's (1981, p. 20)": a year in parentheses right
# after a name, with the page it points to.
_PAGE = r"(?:,?\s*(?:pp?\.|ch\.|:)\s*\d+(?:\s*[–\-]\s*\d+)?)?"
_NARRATIVE = re.compile(
    rf"(?:\bal\.|\b[A-Z][a-z]+(?:['’]s)?)\s(\({_YEAR}{_PAGE}(?:[,;]\s*{_YEAR}{_PAGE})*\))"
)
# "Holman & Murray 2005", "Agol et al. 2005" in running text: a year after two names or "et
# al.", not after one ("March 2005", "Windows 2000" name no source).
_BARE_NARRATIVE = re.compile(
    rf"(?:\bal\.|\b(?P<a>[A-Z][\w'’\-]+)\s(?:&|and)\s(?P<b>[A-Z][\w'’\-]+))\s({_YEAR})(?![\d])"
)
_MONTHS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
})  # fmt: skip
# A footnote marker: digits glued to the end of a sentence ("as shown.12 The").
_FOOTNOTE = re.compile(r"(?<=[a-z][.,;])\d{1,3}(?=\s|$)")


def reference_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges [start, end) of the citations and pointers in `text`, in order."""
    if not any(c.isdigit() for c in text):
        return []  # every kind of reference holds a number
    found = _enclosed(text)
    for pattern in (_POINTER, _FOOTNOTE):
        found += [m.span() for m in pattern.finditer(text)]
    found += [m.span(1) for m in _NARRATIVE.finditer(text)]
    found += [m.span(3) for m in _BARE_NARRATIVE.finditer(text) if not _dated(m)]
    return sorted(found)


def _dated(match: re.Match[str]) -> bool:
    """Whether the "names" before a year are months ("March and April 2005"): a date."""
    return any((match[g] or "").lower() in _MONTHS for g in ("a", "b"))


def _enclosed(text: str) -> list[tuple[int, int]]:
    """Citations in parentheses and reference numbers in brackets: a front can do without."""
    found = [m.span() for m in _PARENTHESIS.finditer(text) if _is_citation(m.group())]
    return found + [m.span() for m in _BRACKETED.finditer(text)]


def _is_citation(parenthesis: str) -> bool:
    """Whether a parenthesis is a citation: names and years, or a pointer into the text."""
    inside = parenthesis.strip("()[]")
    if _POINTER.search(inside) and len(_WORD.findall(inside)) <= 4:
        return True  # "(Fig. 1)", "(see Table 2)"
    if not re.search(rf"\b{_YEAR}\b", inside) or not _NAME.search(inside):
        return False
    lowercase = [w for w in _WORD.findall(inside) if w.islower()]
    # one letter goes with a year ("2005a, b") or an abbreviation ("e.g.")
    return all(w in _CITATION_WORDS or len(w) == 1 for w in lowercase)


def strip_references(text: str) -> str:
    """The text without its parenthesised citations and bracketed numbers, for a shorter front."""
    if not any(c.isdigit() for c in text):
        return text
    pieces, position = [], 0
    for start, end in sorted(_enclosed(text)):
        if start < position:
            continue
        pieces.append(text[position:start].rstrip(" "))
        position = end
    pieces.append(text[position:])
    stripped = "".join(pieces)
    stripped = re.sub(r"\s+([.,;:])", r"\1", stripped)
    return re.sub(r"[,;:]+([.!?])", r"\1", stripped).strip()
