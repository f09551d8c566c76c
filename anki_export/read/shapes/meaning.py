"""What a note says a highlight means beyond its text: colours and the labels tied to them.

Input: markup, headings and legend lines of a note. Output: palette colour names and labels.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from anki_export.errors import Problem
from anki_export.read.anchor import Anchor
from anki_export.read.annotation import Annotation
from anki_export.read.links import find_pdf_link
from anki_export.read.notes import SourceNote
from anki_export.read.roles import PALETTE, palette_colour
from anki_export.read.shapes.common import BULLET, HEADING, RULE, clean_text, empty, unquote

_STYLE_COLOUR = re.compile(
    r"(?:background(?:-color)?|(?<![-\w])color)\s*[:=]\s*\"?"
    r"(?P<c>#[0-9a-fA-F]{3,8}|rgba?\([^)]*\)|[a-zA-Z]+)"
)
_CLASSES = re.compile(r"class\s*=\s*\"(?P<c>[^\"]*)\"")
# A mark or span that opens a highlight's text (after quote marks, bullets or `>`).
_OPENING_TAG = re.compile(
    r"^[\s\"\u201c\u201e\u00ab>*+-]*(?P<tag><(?:mark|span|font)\b[^>]*>)", re.I
)
_RGB = re.compile(r"rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)")
_NAMES = {
    "grey": "gray", "violet": "purple", "pink": "magenta", "gelb": "yellow", "jaune": "yellow",
    "rot": "red", "rouge": "red", "grün": "green", "vert": "green", "blau": "blue",
    "bleu": "blue", "lila": "purple", "violett": "purple", "grau": "gray", "gris": "gray",
    "rosa": "magenta", "rose": "magenta",
}  # fmt: skip
_EMOJI = {
    "🟡": "yellow", "🟨": "yellow", "💛": "yellow", "🔴": "red", "🟥": "red", "❤": "red",
    "🟢": "green", "🟩": "green", "💚": "green", "🔵": "blue", "🟦": "blue", "💙": "blue",
    "🟣": "purple", "🟪": "purple", "💜": "purple", "🟠": "orange", "🟧": "orange",
    "🧡": "orange", "⚪": "gray", "⬜": "gray", "⚫": "black", "⬛": "black",
}  # fmt: skip
_SEPARATORS = ":(/|=\u2013\u2014\u2192-"
_COLOUR_WORD = re.compile(rf"^(?P<name>[^\W\d_]+)\b\s*(?P<sep>[{_SEPARATORS}]|$)?")
_HIDDEN = re.compile(r"%%.*?%%")
# A heading that stamps an import with its date and time (`Exported: 2024-05-02 10:15`, `New
# highlights added May 9, 2024 at 8:12 PM`): when the batch came, not what it means.
_BATCH = re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b(?:19|20)\d{2}\b.*\b\d{1,2}:\d{2}\b")
# Headings that name the section rather than what its highlights mean.
_GENERIC = re.compile(
    r"^(?:pdf |zotero |in-text |extracted )?(?:annotations?|highlights?|notes?|comments?|"
    r"quotes?|imported on\b.*|anmerkungen|annotationen|markierungen|notizen|hervorhebungen|"
    r"surlignages?|commentaires?|标注|批注|注释|笔记|高亮|划线|注釈|ハイライト)"
    # Zotero's "Annotations (11/02/2025, 10:20)": the date of an import batch, no meaning.
    r"(?:\s*\([^()]*\d[^()]*\))?$",
    re.I,
)
# `Yellow: Claim`, `#ffd400 = Claim`, `| Yellow | Claim |`: a colour set apart from its label.
_LEGEND = re.compile(
    r"^(?P<colour>[^\W\d_]+|#[0-9a-fA-F]{3,8})\s*[:=|\u2013\u2014\u2192-]\s*"
    r"(?P<label>[^\W\d_].{0,40})$"
)


def markup_colour(markup: str) -> str | None:
    """Palette colour of the first `<mark>`/`<span>`/`<font>` style or class in `markup`."""
    styles = list(_STYLE_COLOUR.finditer(markup))
    # `color: black; background: #ffd400`: the text's colour, then the highlight's
    style = next((s for s in styles if s.group(0).startswith("background")), None) or (
        styles[0] if styles else None)
    if style:
        return _colour_value(style.group("c"))
    for classes in _CLASSES.finditer(markup):
        for token in classes.group("c").split():
            if colour := _class_colour(token):
                return colour
    return None


def opening_colour(text: str) -> str | None:
    """Palette colour of a mark or span that opens `text`, as templates wrap a highlight.

    A mark the reader put around a few words inside the highlight is theirs (Highlightr marks
    up Obsidian's `==…==` so): it does not say what colour the highlight has in the PDF.
    """
    match = _OPENING_TAG.match(text)
    return markup_colour(match.group("tag")) if match else None


def colour_name(value: str | None) -> str | None:
    """Palette colour of a hex code, a colour name (a few languages) or a Highlightr class."""
    if not value:
        return None
    word = value.strip().lower()
    return palette_colour(_NAMES.get(word, word))


def colour_word(word: str) -> str | None:
    """Palette name for a colour word ("Yellow", "gelb"), not for hex-looking words."""
    word = word.lower()
    word = _NAMES.get(word, word)
    return word if word in PALETTE else None


def heading_meaning(title: str) -> tuple[str | None, str | None]:
    """(label, colour) a group heading gives: `🟡 Important` → ("Important", "yellow")."""
    title = _HIDDEN.sub(" ", title).strip()  # `%% fold %%`: Obsidian shows none of it
    colour = next((name for emoji, name in _EMOJI.items() if emoji in title), None)
    text = _strip_symbols(title)
    word = _COLOUR_WORD.match(text)
    # A colour word counts only when set apart ("Yellow: Important"), not in "Green energy".
    if word and colour_word(word.group("name")) and word.group("sep") is not None:
        colour = colour or colour_word(word.group("name"))
        text = _strip_symbols(text[word.end() :].lstrip(_SEPARATORS + " "))
    label = text if text and not _GENERIC.match(text) and not _BATCH.search(text) else None
    return label, colour


@dataclass(slots=True)
class Group:
    """Headings that sort annotations into groups whose title says what they mean."""

    label: str | None = None
    colour: str | None = None
    line: int | None = None
    members: list[tuple[int, str | None, str | None, int]] = field(default_factory=list)

    def see(self, line: str, number: int) -> None:
        """Track a line outside any annotation: a heading opens a group, prose closes it."""
        heading = HEADING.match(line)
        if heading:
            self.label, self.colour = heading_meaning(heading.group("title"))
            self.line = number if self.label or self.colour else None
        elif line.strip() and not _is_scaffolding(line):
            self.label = self.colour = self.line = None

    def join(self, position: int) -> None:
        """Remember that the annotation at `position` in the reader's list sits in the group."""
        if self.line is not None:
            self.members.append((position, self.label, self.colour, self.line))

    def keep(
        self, annotation: Annotation, note: SourceNote, found: list[Annotation],
        problems: list[Problem],
    ) -> None:
        """Add an annotation the reader found, in this group, unless it is empty (warned)."""
        if not empty(annotation, note, problems):
            self.join(len(found))
            found.append(annotation)

    def apply(self, found: list[Annotation]) -> list[Annotation]:
        """Labels and colours from group headings, for annotations that have none of their own.

        One heading over every annotation titles a section ("Highlights & captures"); only
        several headings, each over its own annotations, say what their annotations mean.
        """
        if len({member[3] for member in self.members}) < 2:
            return found
        found = list(found)
        for position, label, colour, _ in self.members:
            annotation = found[position]
            found[position] = replace(
                annotation, label=annotation.label or label, colour=annotation.colour or colour
            )
        return found


def find_legend(lines: Sequence[str]) -> dict[str, str]:
    """Colour → label from a colour legend in the note (`- 🟡 Important`, `Yellow: Claim`)."""
    legend: dict[str, str] = {}
    run: dict[str, str] = {}
    for line in [*lines, ""]:
        entry = _legend_entry(line)
        if entry and entry[0] not in run:
            run[entry[0]] = entry[1]
            continue
        if len(run) >= 2:  # one coloured line is prose; a legend lists several colours
            legend = {**run, **legend}
        run = dict([entry]) if entry else {}
    return legend


def _colour_value(value: str) -> str | None:
    """Palette colour of a CSS colour value (`#ffd40080`, `rgb(255, 212, 0)`, `yellow`)."""
    rgb = _RGB.match(value)
    if rgb:
        value = "#" + "".join(f"{min(int(c), 255):02x}" for c in rgb.groups())
    return colour_name(value)


def _class_colour(token: str) -> str | None:
    """Colour of a class such as `hltr-red` or `customZot-Blue`: its last colour-word part."""
    for part in reversed(re.split(r"[-_]", token)):
        if colour := colour_word(part):
            return colour
    return None


def _strip_symbols(text: str) -> str:
    """`text` without emoji, symbols and spaces at either end (`✅ Key point` → `Key point`)."""
    start, end = 0, len(text)
    while start < end and _is_symbol(text[start]):
        start += 1
    while end > start and _is_symbol(text[end - 1]):
        end -= 1
    return text[start:end]


def _is_symbol(char: str) -> bool:
    """Emoji, symbols, joiners and variation selectors, and spaces."""
    return char.isspace() or unicodedata.category(char)[0] == "S" or char in "\ufe0f\u200d"


def _is_scaffolding(line: str) -> bool:
    """Lines that sit between a heading and its annotations without ending the group."""
    stripped = line.strip()
    italic = len(stripped) > 2 and stripped[0] == stripped[-1] and stripped[0] in "*_"
    return stripped.startswith("%%") or bool(RULE.match(line)) or italic


def _legend_entry(line: str) -> tuple[str, str] | None:
    """(colour, label) of one legend line, or None."""
    content = BULLET.sub("", unquote(line).strip().strip("|").strip()).replace("**", "")
    content = " ".join(content.split())  # a table's padding
    if not content or find_pdf_link(content) or len(content) > 60:
        return None
    if "<mark" in content or "<span" in content:
        colour, label = markup_colour(content), clean_text(content)
        # a table row, `| <mark class="hltr-red">Red</mark> | Important |`: the cell that
        # says more than the colour's name is the label
        named = [cell for cell in map(clean_text, content.split("|")) if cell and not (
            colour_word(cell.lower()))]
        label = named[-1] if "|" in content and named else label
    elif emoji := next((e for e in _EMOJI if content.startswith(e)), None):
        colour, label = _EMOJI[emoji], _strip_symbols(content[len(emoji) :].lstrip(":=- "))
    elif match := _LEGEND.match(content):
        token = match.group("colour")
        colour = colour_name(token) if token.startswith("#") else colour_word(token)
        label = _strip_symbols(match.group("label").strip(" |"))
    else:
        return None
    return (colour, label) if colour and label else None


def anchor_colour(anchor: Anchor) -> str | None:
    """The colour an anchor carries (`color=yellow`, `color=255,208,0`, `#ffd400`)."""
    value = anchor.colour
    if not value:
        return None
    parts = [p.strip() for p in value.split(",")]
    if len(parts) >= 3 and all(p.isdigit() for p in parts[:3]):
        value = "#" + "".join(f"{min(int(p), 255):02x}" for p in parts[:3])
    return colour_name(value)
