"""How a note's lines look to the anchored reader: quote depth, list items, stops, labels.

Input: one line of markdown (or a fragment of one). Output: its parts and what it may be:
text of a highlight, a label next to a link, a marked comment, or a line text never crosses.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Set
from dataclasses import dataclass
from functools import lru_cache

from anki_export.read.shapes import common, meaning, stamps

_PREFIX = re.compile(
    r"^(?P<quote>[ \t]*(?:>[ \t]?)*)(?P<indent>[ \t]*)"
    r"(?P<item>(?:[-*+]|\d{1,3}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?)?"
)
_MARKER = re.compile(r"^%%\s*(?:begin|end|import date|export date|imported)\b", re.I)
_FIELD = re.compile(r"^[\w -]{1,40}::")
# A metadata line whose value is only an address (`URL: https://…`, `Zotero Link: [x.pdf](…)`).
_LINK_FIELD = re.compile(
    r"^[\w -]{1,40}:[ \t]*(?:<?https?://\S+?>?|\[[^\]\n]*\]\([^)\s]+\))[ \t]*$"
)
# A pictograph a template may set before any label (`💡 **批注**:`, `🗒️ Note:`).
_PICTOGRAPH = r"(?:[\U0001F300-\U0001FAFF\u2600-\u27BF]\uFE0F?\s*)?"
_COMMENT_LABEL = re.compile(
    r"^" + _PICTOGRAPH + r"(?P<open>\*\*|__|\*|_)?(?:comments?|notes?|my (?:notes?|comments?|"
    r"take)|kommentar|notiz|remarque|commentaire|nota|commento|评论|批注|备注|注释|コメント)"
    r"\s*(?:\*\*|__|\*|_)?\s*[:：]\s*(?:(?P=open)|\*\*|__)?\s*"
    r"|^(?:💬|💭|✏️|✍️|📝|🗨️?)\s*",
    re.I,
)
# The template's own short label inside the emphasis that wraps a comment (after a comment
# emoji or not): `💭 *My thoughts: words*`, `*Note: words*`.
_WRAPPED_LABEL = re.compile(
    r"^(?P<mark>[*_])(?:[^\s:：*_]+\s?){1,3}[:：]\s*(?P<rest>[^*_].*)(?P=mark)$"
)
_CALLOUT_TITLE = re.compile(r"^\s*(?:>\s*)+\[![\w-]+(?:\|[^\]]*)?\][+-]?[ \t]*(?P<title>.*)$")
_TITLE_LINK = re.compile(r"\[[^\]\n]*\]\([^)\s]*\)")
_MARKUP = re.compile(r"<(?P<tag>mark|span|font)\b[^>]*>(?P<inner>.*?)</(?P=tag)>", re.I)
_TAG = re.compile(r"</?[a-z][^>\n]*>", re.I)
_QUOTED = re.compile(
    r"\u201c(?P<a>[^\u201c\u201d]+)\u201d|\"(?P<b>[^\"]+)\"|\u201e(?P<c>[^\u201c\u201d]+)[\u201c\u201d]"
    r"|\u00ab(?P<d>[^\u00bb]+)\u00bb|\u300c(?P<e>[^\u300d]+)\u300d"
    r"|<(?P<tag>mark|span|font)\b[^>]*>(?P<f>.*?)</(?P=tag)>",
    re.I,
)
_TRAILING_LABEL = re.compile(
    r"\s+[\u2014\u2013|-]\s*(?P<wrap>\*\*|\*|__|_)(?P<label>[^*_\n]{1,30}?)(?P=wrap)"
    r"[\s(]*$"
)
_CALLOUT_HEAD = re.compile(r"^\s*\[![^\]\n]*\][+-]?\s*")
_LEADING_LABEL = re.compile(
    r"^\s*(?P<wrap>\*\*|__)(?P<label>[^*_\n]{1,30}?)(?P=wrap)\s*(?:\([^()\n]{0,20}\))?\s*"
    r"[:\u2014\u2013|-]?\s+"
)
# The Kindle plugin's `text — location: [1021](kindle://…)`: the words naming the link's place.
_TRAILING_PLACE = re.compile(r"\s+[\u2014\u2013-]+\s*(?:location|loc\.?)\s*:?\s*$", re.I)
# Mi-skam's Zotero Integration template: `{{text}}” {{colour}} {{type}} [Page N](…)`.
_CLOSING_LABEL = re.compile(r"(?P<quote>[\u201d\"\u00bb])(?P<tail>\s+[^\u201d\"\u00bb\n]+)$")
# A sign a template puts before each highlight (`- & text`, `- ? text`): its colour or type.
_SIGN = re.compile(r"^\s*[&!@?$§¶~=+|]\s+(?=\w)")
_TRAILING_TAGS = re.compile(r"(?:\s+#[^\s#]+)+\s*$")
# A citation that is only a reference, `(Author, 2020, p. 3)`: no text of the highlight.
# The page word is any language's short one (`p.`, `s.`, `S.`, `str.`, `ص`), the comma may be
# Arabic (`،`) and the digits Arabic-Indic, as Zotero's locales write them.
_BARE_CITATION = re.compile(
    r"\((?:[^()]*?[,\s\u060c])?(?:1[5-9]|20|\u0661[\u0665-\u0669]|\u0662\u0660)\d\d[a-z]?"
    r"(?:[,\u060c]\s*(?:pp?\.|[^\W\d_]{1,3}\.?)\s*[\w-]+)?\)"
)
_CITEKEY = re.compile(r"\[-?@[^\s\]@;]+(?:[,;][^\]\n]*)?\]")
_PAGE_WORD = re.compile(r"^(?:p|pp|pg|page|pages|s|seite)?\.?\d+[a-z]?(?:[-–]\d+)?$|^\d+$", re.I)
LABEL_WORDS = frozenset({
    *common.TYPE_WORDS, "go", "to", "annotations", "pdf", "zotero", "open", "link", "source",
    "page", "pages", "p", "pp", "pg", "see", "view", "show", "jump", "cite", "citation", "ref",
    "backlink", "in", "at", "file", "attachment", "highlighted", "comment",
})  # fmt: skip
"""Words a template prints beside a link to say what it is, never words of a highlight."""


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a note, taken apart."""

    depth: int
    """How many `>` open it (blockquote or callout depth)."""
    indent: int
    """Columns of whitespace before its text or list marker (a tab is 4)."""
    item: bool
    """Whether it is a list item."""
    content: str
    """The line without quote prefixes and list marker."""
    offset: int
    """Where `content` starts in the line."""

    @property
    def blank(self) -> bool:
        """Nothing but whitespace (inside a quote: nothing but `>`)."""
        return not self.content.strip()


@dataclass(frozen=True, slots=True)
class Around:
    """The part of a note an anchor may read."""

    lines: list[str]
    floor: int
    """0-based first line its text may start on (just after the previous annotation)."""
    ceiling: int
    """0-based line its text and comment never reach (the next anchor's)."""
    covered: Set[int]
    """Lines that other readers' annotations hold."""
    loose: bool = False
    """Whether an unmarked paragraph right below the anchor's text is its comment: no next
    anchor needs it as its text (the next one has its text on its own line, or there is none)."""
    between: bool = False
    """Whether such a paragraph may follow a blank line: the next anchor has its own text."""
    below: bool = False
    """Whether the note's links open the quote below them (its first link did, with no text
    above it): a link's text is then that quote, not the paragraph above (a comment)."""



@lru_cache(maxsize=4096)
def parse(raw: str) -> Line:
    """A line taken apart into quote depth, indentation, list marker and content."""
    match = _PREFIX.match(raw)
    assert match is not None  # every part of the pattern is optional
    quote = match.group("quote")
    depth = quote.count(">")
    space = match.group("indent") if depth else quote + match.group("indent")
    indent = len(space.replace("\t", "    "))
    return Line(depth, indent, match.group("item") is not None, raw[match.end() :], match.end())


def is_stop(raw: str) -> bool:
    """A line no highlight text runs over: headings, markers, rules, callout headers, tables..."""
    line = parse(raw)
    stripped = line.content.strip()
    return bool(
        common.HEADING.match(raw)
        or common.RULE.match(line.content)
        or common.CALLOUT.match(raw)
        or stripped.startswith(("%%", "|", "```", "~~~", "<!--", "^"))
        or _FIELD.match(stripped)
        or _LINK_FIELD.match(stripped)
        or is_marked_comment(raw)
    )


def quoted_paragraph(raw: str) -> bool:
    """A line of a plain blockquote: one `>`, words after it, no list item, callout or stop."""
    line = parse(raw)
    return line.depth == 1 and not line.blank and not line.item and not is_stop(raw)


def is_marker(raw: str) -> bool:
    """A plugin's bookkeeping line (`%% begin annotations %%`, `%% Import Date: … %%`)."""
    return bool(_MARKER.match(raw.strip()))


def is_marked_comment(raw: str) -> bool:
    """A line that says it is a comment: `Comment:`, `**Note:**`, a bold line, `%%…%%`."""
    content = parse(raw).content.strip()
    if content.startswith("%%") and not is_marker(content):
        return True
    bold = len(content) > 4 and content.startswith("**") and content.endswith("**")
    return bool(bold or _COMMENT_LABEL.match(content) or common.bold_label(content) is not None)


def has_comment_label(raw: str) -> bool:
    """Whether a line opens with a comment label (`Comment:`, `**Note:**`, `💬`)."""
    content = parse(raw).content.strip()
    return bool(_COMMENT_LABEL.match(content) or common.bold_label(content) is not None)


def names_a_comment(label: str) -> bool:
    """Whether a field's label (`Comment`, `**My notes**`, `Kommentar`) names a comment."""
    stripped = label.strip().rstrip(":：").strip()
    match = _COMMENT_LABEL.match(f"{stripped}:")
    return bool(stripped) and match is not None and match.end() >= len(stripped) + 1


def comment_callout(raw: str) -> bool:
    """A callout header whose title names a comment (`> > [!info] Comment`, `> [!note] 批注`,
    maybe with a link after it): what the callout holds is the reader's words, no highlight."""
    match = _CALLOUT_TITLE.match(raw)
    if match is None:
        return False
    title = _TITLE_LINK.sub(" ", match.group("title")).strip(" ()*_\t")
    label = _COMMENT_LABEL.match(f"{title}:")
    return bool(title) and label is not None and label.end() >= len(title) + 1


def comment_label(content: str) -> str:
    """`content` without a `Comment:`/`**Note:**`/emoji label in front."""
    stripped = content.strip()
    if (rest := common.bold_label(stripped)) is not None:
        return rest
    if (whole := _WRAPPED_LABEL.match(stripped)) is not None:
        return whole.group("rest").strip()  # `*Note: words*`, `_Mein Kommentar: words_`
    match = _COMMENT_LABEL.match(stripped)
    if match is None:
        return stripped
    rest = stripped[match.end() :]
    if (inner := common.bold_label(rest)) is not None:
        return inner  # `📝 **Mike's Note**:`: the emoji, then the template's bold label
    wrapped = _WRAPPED_LABEL.match(rest) if match.group().strip()[:1] not in "*_" else None
    return wrapped.group("rest").strip() if wrapped else rest


def quoted(segment: str) -> tuple[str, str, str, str] | None:
    """(text, what precedes it, what follows it, its markup) of the first quoted or marked
    passage in `segment` that only a label, a separator or nothing precedes."""
    for match in _QUOTED.finditer(segment):
        inner = next(g for g in "abcdef" if match.group(g) is not None)
        text = match.group(inner).strip()
        if text and not is_label(text) and is_label(segment[: match.start()]):
            return text, segment[: match.start()], segment[match.end() :], match.group(0)
    return None


def labelled(text: str) -> tuple[str, str | None]:
    """A highlight's text on its link's line, and the label a template set apart around it:
    a bold label in front (`**Claim** (p. 3): text`), a short emphasised one after it
    (`text — *Important*`); tags after it (`#highlight`) go."""
    label = None
    text = _SIGN.sub("", text, count=1)
    if (front := _LEADING_LABEL.match(text)) is not None and clean(text[front.end() :]):
        text, label = text[front.end() :], front.group("label").strip()
    text = _TRAILING_PLACE.sub("", _TRAILING_TAGS.sub("", text))
    if (back := _TRAILING_LABEL.search(text)) is not None and clean(text[: back.start()]):
        text, label = text[: back.start()], back.group("label").strip()
    if label is not None and _all_label_words(label):
        label = None  # `Highlight`, `p. 3`: the template naming the type, not a label
    return text, label


def closing_label(text: str) -> tuple[str, str]:
    """`text` without the colour and type a template printed after its closing quote, and
    those words (`text” Yellow Highlight` → `text”`, ` Yellow Highlight`)."""
    match = _CLOSING_LABEL.search(text)
    if match is None or label_words(match.group("tail")) != "" or not clean(text[: match.start()]):
        return text, ""
    return text[: match.end("quote")], match.group("tail")


def is_type_line(raw: str) -> bool:
    """A line that only names an annotation's type and colour (`Highlight (**Yellow**)`)."""
    content = parse(raw).content
    words = {w.lower() for w in re.split(r"[\W_]+", content) if w}
    return (label_words(content) == "" and bool(words & common.TYPE_WORDS)
            and colour_words(content) is not None)


def is_label(fragment: str) -> bool:
    """Whether `fragment` holds nothing of a highlight: link labels, types, colours, pages,
    dates, separators, symbols, a citation, or a short `<mark>` label."""
    return label_words(fragment) is not None


def label_words(fragment: str) -> str | None:
    """The label `fragment` holds ('' for none) when it holds nothing of a highlight, else None.

    `<mark class="hltr-red">Key idea</mark>` gives "Key idea"; `Yellow Highlight` gives "".
    """
    marked = [m.group("inner").strip() for m in _MARKUP.finditer(fragment)]
    rest = _TAG.sub(" ", _MARKUP.sub(" ", fragment))
    if stamps.only_a_stamp(rest):
        return ""  # `Added on 2024-03-01`: the template's date, no label
    rest = stamps.without_stamps(_BARE_CITATION.sub(" ", rest))
    words = [w for w in re.split(r"[\s()\[\]|:;,.·•\u2013\u2014/-]+", rest) if w]
    for word in words:
        stripped = "".join(ch for ch in word if not _is_symbol(ch))
        if stripped and not _is_label_word(stripped):
            return None
    label = next((m for m in marked if m and not _all_label_words(m)), "")
    if label and (len(label.split()) > 4 or label[-1:] in ".!?"):
        return None  # a marked passage, not a label
    return label


def colour_words(fragment: str) -> str | None:
    """A palette colour named by a word of `fragment` (`Yellow Highlight` → yellow)."""
    for word in re.split(r"[\W_]+", _TAG.sub(" ", fragment)):
        if word and (colour := meaning.colour_word(word)):
            return colour
    return None


def clean(text: str) -> str:
    """Highlight text without markup, list or quote markers, wrapping quotes or emphasis."""
    text = _TAG.sub("", text.replace("<br>", " ").replace("<br/>", " ").replace("<br />", " "))
    if "&" in text:
        text = html.unescape(text)  # a template's `escape` filter (`&quot;`), not the PDF's
    text = " ".join(text.split()).strip(" |:;,-\u2013\u2014(")
    for _ in range(2):
        for wrapper in ("**", "__", "*", "_", "=="):
            if len(text) > 2 * len(wrapper) and text.startswith(wrapper) and text.endswith(
                wrapper
            ):
                text = text[len(wrapper) : -len(wrapper)].strip()
        text = common.strip_quotes(text)
    for mark in ("_", "*"):
        if text.count(mark) == 1:  # emphasis that closes (or opened) beyond the link
            text = text.strip(mark).strip()
    for quotes in ("\u201c\u201d", '"'):
        if sum(text.count(mark) for mark in quotes) == 1:  # a template's stray quote
            text = text.strip(quotes).strip()
    start = 0
    while start < len(text) and (
        unicodedata.category(text[start]) == "So" or text[start] in "\ufe0f\u200d"
    ):
        start += 1  # a template's emoji in front (`📌 text`), not the highlight's
    return text[start:].strip()


def without_markup(text: str) -> str:
    """`text` without HTML tags and citations: bare ones (`(Author, 2020, p. 3)`) and Pandoc's
    citekeys a template writes after the link (`[@smith2020]`, `[@smith2020, p. 3]`)."""
    return _CITEKEY.sub(" ", _BARE_CITATION.sub(" ", _TAG.sub(" ", text)))


def without_callout_head(content: str) -> str:
    """A line's content without the callout header it opens with (`[!quote|#ffd400]+ `)."""
    return _CALLOUT_HEAD.sub("", content, count=1)


def _is_label_word(word: str) -> bool:
    lowered = word.lower()
    return (
        lowered in LABEL_WORDS
        or meaning.colour_word(lowered) is not None
        or _PAGE_WORD.match(lowered) is not None
    )


def _all_label_words(text: str) -> bool:
    words = [w for w in re.split(r"[\W_]+", text) if w]
    return all(_is_label_word(w) for w in words)


def _is_symbol(char: str) -> bool:
    """Emoji, symbols, punctuation and joiners: never words of a highlight on their own."""
    return unicodedata.category(char)[0] in "SP" or char in "\ufe0f\u200d"
