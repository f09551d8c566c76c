"""What the shape readers share: quote prefixes, markup, links, colours, images and headings.

Input: lines and fragments of a note. Output: clean text, palette colours and `Annotation`s.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qs, urlsplit

from anki_export.annotation import Annotation
from anki_export.errors import Problem
from anki_export.links import PdfLink, find_pdf_link
from anki_export.notes import SourceNote
from anki_export.roles import PALETTE, palette_colour

Reader = Callable[[SourceNote], tuple[list[Annotation], list[Problem]]]
"""What every shape module exposes as `parse`."""

CALLOUT = re.compile(r"^\s*>\s*\[![^\]]+\]")
HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(?P<title>.*?)\s*#*\s*$")
RULE = re.compile(r"^\s{0,3}(?:-{3,}|\*{3,}|_{3,})\s*$")
IMAGE = re.compile(r"!\[\[(?P<wiki>[^\]|#]+)(?:[|#][^\]]*)?\]\]|!\[[^\]]*\]\((?P<md>[^)\s]+)\)")
# Names Zotero Integration (`citekey-3-x72-y582.png`) and ZotLit (`ANNKEY.png`) give images:
# only such a bare embed is an image annotation, not any picture the reader pasted.
ZOTERO_IMAGE = re.compile(r"(?:-\d+-x\d+-y\d+|(?:^|/)[A-Z0-9]{8})\.(?i:png|jpe?g|webp|gif)$")
TYPE_WORDS = frozenset({
    "highlight", "underline", "image", "note", "ink", "text", "strikeout", "strikethrough",
    "annotation",
})  # fmt: skip
"""Annotation types templates print where a label could go; they are not labels."""

_QUOTE_PREFIX = re.compile(r"^\s*(?:>\s?)+")
_TAGS = re.compile(r"</?(?:mark|span|font)\b[^>]*>", re.I)
_BREAK = re.compile(r"<br\s*/?>", re.I)
_BREAK_LINE = re.compile(r"[ \t]*<br\s*/?>[ \t]*\n?", re.I)
_QUOTES = {"\u201c": "\u201d", '"': '"', "\u201e": "\u201c", "\u00ab": "\u00bb", "\u300c": "\u300d"}
_WRAPPERS = ("**", "__", "*", "_")
_BOLD_LABEL = re.compile(r"^\*\*[^*\n]{1,30}?(?::\*\*|\*\*\s*:)\s*")
_BULLET = re.compile(r"^[-*+]\s+")
_STYLE_COLOUR = re.compile(
    r"(?:background(?:-color)?|(?<![-\w])color)\s*[:=]\s*\"?(?P<c>#[0-9a-fA-F]{3,8}|rgba?\([^)]*\)|[a-zA-Z]+)"
)
_CLASSES = re.compile(r"class\s*=\s*\"(?P<c>[^\"]*)\"")
_RGB = re.compile(r"rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)")
_FRAGMENT_PAGE = re.compile(r"(?:^|&)page=(\d+)")
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
_COLOUR_WORD = re.compile(r"^(?P<name>[^\W\d_]+)\b\s*(?P<sep>[:(/|=\u2013\u2014-]|$)?")
# Headings that name the section rather than what its highlights mean.
_GENERIC = re.compile(
    r"^(?:pdf |zotero |in-text |extracted )?(?:annotations?|highlights?|notes?|comments?|"
    r"quotes?|imported on\b.*|anmerkungen|annotationen|markierungen|notizen|hervorhebungen|"
    r"surlignages?|commentaires?|标注|批注|注释|笔记|高亮|划线|注釈|ハイライト)$",
    re.I,
)
# `Yellow: Claim`, `#ffd400 = Claim`, `| Yellow | Claim |`: a colour set apart from its label.
_LEGEND = re.compile(
    r"^(?P<colour>[^\W\d_]+|#[0-9a-fA-F]{3,8})\s*[:=|\u2013\u2014\u2192-]\s*(?P<label>[^\W\d_].{0,40})$"
)


def unquote(line: str) -> str:
    """`line` without its `>` blockquote prefixes."""
    return _QUOTE_PREFIX.sub("", line)


def is_quoted(line: str) -> bool:
    """Whether `line` belongs to a blockquote or callout."""
    return line.lstrip().startswith(">")


def is_boundary(line: str) -> bool:
    """Lines that end whatever comment or annotation precedes them."""
    stripped = line.strip()
    return bool(
        CALLOUT.match(line)
        or HEADING.match(line)
        or RULE.match(line)
        or stripped.startswith("%%")
        or (stripped and IMAGE.fullmatch(stripped))
    )


def find_link(text: str) -> PdfLink | None:
    """The first PDF link in `text`; a `file://…pdf#page=N` link's page is read too."""
    link = find_pdf_link(text)
    if link is None or link.page_index is not None:
        return link
    page = _FRAGMENT_PAGE.search(urlsplit(link.url).fragment)
    return replace(link, page_index=int(page.group(1))) if page else link


def query_value(url: str, name: str) -> str | None:
    """One query parameter of `url`."""
    return (parse_qs(urlsplit(url).query).get(name) or [None])[0]


def text_before_link(content: str, link: PdfLink) -> str:
    """What precedes `link` on its line, without the `(` that wraps links like `([p. 2](…))`."""
    before = content[: link.start].rstrip()
    if content[link.end : link.end + 1] == ")" and before.endswith("("):
        before = before[:-1]
    return before


def clean_text(text: str) -> str:
    """Highlight text without `<mark>`/`<span>` tags, bullets, wrapping quotes or extra spaces."""
    text = _TAGS.sub("", _BREAK.sub(" ", text))
    text = " ".join(text.split())
    return strip_quotes(_BULLET.sub("", text).strip(" |"))


def strip_quotes(text: str) -> str:
    """`“text”` or `"text"` → `text` (only a matching pair around the whole text)."""
    text = text.strip()
    if len(text) >= 2 and _QUOTES.get(text[0]) == text[-1]:
        return text[1:-1].strip()
    return text


def comment_text(lines: Sequence[str]) -> str | None:
    """A comment from its lines: `<br />` becomes a newline, `**…**` or `_…_` wrappers go."""
    text = _BREAK_LINE.sub("\n", "\n".join(line.rstrip() for line in lines)).strip()
    for wrapper in _WRAPPERS:
        inner = text[len(wrapper) : -len(wrapper)]
        if len(text) > 2 * len(wrapper) and text.startswith(wrapper) and text.endswith(wrapper):
            if wrapper not in inner:  # `**a** and **b**` is not one wrapped comment
                text = inner.strip()
                break
    return text or None


def bold_label(content: str) -> str | None:
    """The rest of a line opening with a bold label (`**Note:** …`, `**Comment**:`), else None."""
    match = _BOLD_LABEL.match(content.strip())
    return content.strip()[match.end() :] if match else None


def markup_colour(markup: str) -> str | None:
    """Palette colour of the first `<mark>`/`<span>`/`<font>` style or class in `markup`."""
    style = _STYLE_COLOUR.search(markup)
    if style:
        return _colour_value(style.group("c"))
    for classes in _CLASSES.finditer(markup):
        for token in classes.group("c").split():
            if colour := _class_colour(token):
                return colour
    return None


def colour_name(value: str | None) -> str | None:
    """Palette colour of a hex code, a colour name (a few languages) or a Highlightr class."""
    if not value:
        return None
    word = value.strip().lower()
    return palette_colour(_NAMES.get(word, word))


def image_path(text: str) -> str | None:
    """The path of the first `![[…]]` or `![](…)` embed in `text`, exactly as written."""
    match = IMAGE.search(text)
    return (match.group("wiki") or match.group("md")).strip() if match else None


def bare_image(line: str) -> str | None:
    """The path of a line that is only an embed of a Zotero-exported image, else None."""
    stripped = line.strip()
    match = IMAGE.fullmatch(stripped)
    path = image_path(stripped) if match else None
    return path if path and ZOTERO_IMAGE.search(path) else None


def heading_meaning(title: str) -> tuple[str | None, str | None]:
    """(label, colour) a group heading gives: `🟡 Important` → ("Important", "yellow")."""
    colour = next((name for emoji, name in _EMOJI.items() if emoji in title), None)
    text = _strip_symbols(title)
    word = _COLOUR_WORD.match(text)
    # A colour word counts only when set apart ("Yellow – Important"), not in "Green energy".
    if word and colour_word(word.group("name")) and word.group("sep") is not None:
        colour = colour or colour_word(word.group("name"))
        text = _strip_symbols(text[word.end() :].lstrip(":(/|=\u2013\u2014- "))
    label = text if text and not _GENERIC.match(text) else None
    return label, colour


def colour_word(word: str) -> str | None:
    """Palette name for a colour word ("Yellow", "gelb"), not for hex-looking words."""
    word = word.lower()
    word = _NAMES.get(word, word)
    return word if word in PALETTE else None


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


def build(
    line: int,
    text: str,
    link: PdfLink | None = None,
    *,
    colour: str | None = None,
    label: str | None = None,
    comment: str | None = None,
    image: str | None = None,
    page_label: str | None = None,
) -> Annotation:
    """An `Annotation` from what a reader found; `text` stays raw (repair runs later)."""
    return Annotation(
        line=line,
        text=text,
        raw_text=text,
        label=label or None,
        colour=colour,
        page_label=page_label or (link.page_label if link else None),
        page_index=link.page_index if link else None,
        attachment_key=link.attachment_key if link else None,
        annotation_key=link.annotation_key if link else None,
        link=link.url if link else None,
        comment=comment or None,
        image=image or None,
    )


def empty(annotation: Annotation, note: SourceNote, problems: list[Problem]) -> bool:
    """True (with a warning) for an annotation with neither text nor image."""
    if annotation.raw_text.strip() or annotation.image:
        return False
    problems.append(Problem("annotation has no text; skipped", note.path, annotation.line))
    return True


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
    return char.isspace() or unicodedata.category(char)[0] in "S" or char in "\ufe0f\u200d"


def _is_scaffolding(line: str) -> bool:
    """Lines that sit between a heading and its annotations without ending the group."""
    stripped = line.strip()
    italic = len(stripped) > 2 and stripped[0] == stripped[-1] and stripped[0] in "*_"
    return stripped.startswith("%%") or bool(RULE.match(line)) or italic


def _legend_entry(line: str) -> tuple[str, str] | None:
    """(colour, label) of one legend line, or None."""
    content = _BULLET.sub("", unquote(line).strip().strip("|").strip()).replace("**", "")
    if not content or find_pdf_link(content) or len(content) > 60:
        return None
    if "<mark" in content or "<span" in content:
        colour, label = markup_colour(content), clean_text(content)
    elif emoji := next((e for e in _EMOJI if content.startswith(e)), None):
        colour, label = _EMOJI[emoji], _strip_symbols(content[len(emoji) :].lstrip(":=- "))
    elif match := _LEGEND.match(content):
        token = match.group("colour")
        colour = colour_name(token) if token.startswith("#") else colour_word(token)
        label = _strip_symbols(match.group("label").strip(" |"))
    else:
        return None
    return (colour, label) if colour and label else None
