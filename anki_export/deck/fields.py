"""Anki field values (HTML) for a card: the one place text is escaped.

Input: a `Card`. Output: field name → HTML, in the note type's field order.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from anki_export.cards.also_highlighted import ALSO_HIGHLIGHTED
from anki_export.cards.card import Card
from anki_export.deck.media import media_name

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

# Control characters (the 0x1f field separator among them) cannot be stored in a field.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BR = re.compile(r"<br\s*/?>", re.I)
# `[sound:x]`, `[anki:tts]…[/anki:tts]`, `[latex]…[/latex]`, `[$]…[/$]`, `[$$]…[/$$]`.
_MEDIA_TAG = re.compile(r"\[(?=/?(?:sound:|anki:|latex\]|\$\$?\]))", re.I)
_WIKILINK = re.compile(r"\[\[([^\]|]+)(?:\|([^\]]+))?\]\]")


@lru_cache(maxsize=2048)  # a source's title, citekey, links... recur on every one of its notes
def html_text(text: str) -> str:
    """Plain text as HTML that neither Anki's template nor its cloze syntax can misread.

    Text is NFC-normalised as Anki normalises fields, so what we hash is what Anki stores.
    """
    escaped = html.escape(_CONTROL.sub("", unicodedata.normalize("NFC", text)), quote=True)
    return _neutralise_braces(escaped)


def _neutralise_braces(markup: str) -> str:
    """`{`, `}`, `::` and the `[` of Anki's media tags as character references.

    Anki shows them, but never parses them: no template or cloze syntax, no sound played, no
    LaTeX typeset, no text read aloud.
    """
    markup = markup.replace("{", "&#123;").replace("}", "&#125;").replace("::", ":&#58;")
    return _MEDIA_TAG.sub("&#91;", markup) if "[" in markup else markup


@cache
def _markdown() -> MarkdownIt:
    """The Markdown renderer for comments, built on first use: markdown-it is slow to import."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False, "breaks": True}).enable("strikethrough")


@lru_cache(maxsize=256)  # a comment recurs on every note made of its highlight
def comment_html(markdown: str) -> str:
    """The reader's markdown comment as safe HTML (emphasis, lists, links, line breaks)."""
    text = _BR.sub("\n", _CONTROL.sub("", unicodedata.normalize("NFC", markdown)))
    text = _WIKILINK.sub(lambda m: m.group(2) or m.group(1), text)
    return _neutralise_braces(_markdown().render(text).strip())


def cloze_html(card: Card) -> str:
    """The cloze passage with each hidden span wrapped as `{{cN::...}}`."""
    pieces, position = [], 0
    for cloze in sorted(card.clozes, key=lambda c: c.start):
        pieces.append(html_text(card.text[position : cloze.start]))
        pieces.append(f"{{{{c{cloze.number}::{html_text(card.text[cloze.start : cloze.end])}}}}}")
        position = cloze.end
    pieces.append(html_text(card.text[position:]))
    return "".join(pieces)


_CLOZE_MARKUP = re.compile(r"\{\{c\d+::|\}\}")


def plain_text(field: str) -> str:
    """What `html_text` or `cloze_html` was given, from the field they made (clozes opened)."""
    return html.unescape(_CLOZE_MARKUP.sub("", field))


EXTRA_SEPARATOR = "<br>"
"""Between a card's own extra and each line it carries (`html_text` escapes any `<` of text)."""


def extra_text(field: str) -> str:
    """The card's own `extra`, from the Extra field it made (the carried lines left out)."""
    own = field.split(EXTRA_SEPARATOR)[0]
    return "" if own.startswith(ALSO_HIGHLIGHTED) else plain_text(own)


def _image_html(path: Path | None) -> str:
    """`<img>` for an image annotation's file, by its media name in the package."""
    return f'<img src="{html.escape(media_name(path))}">' if path is not None else ""


def card_fields(card: Card) -> dict[str, str]:
    """All fields of the card's note type, by name."""
    annotation, source = card.annotation, card.source
    shared = {
        "Extra": EXTRA_SEPARATOR.join(
            html_text(line) for line in (card.extra, *card.also_highlighted) if line),
        "Comment": comment_html(annotation.comment) if annotation.comment else "",
        "Image": _image_html(annotation.image_file),
        "Title": html_text(source.title),
        "Citekey": html_text(source.citekey),
        "Citation": html_text(source.citation or ""),
        "Page": html_text(annotation.page_label or ""),
        "ZoteroLink": html_text(annotation.link or ""),
        "ObsidianLink": html_text(source.obsidian_link or ""),
        "AnnotationKey": html_text(annotation.annotation_key or ""),
        "Role": html_text(annotation.role),
        "Colour": html_text(annotation.colour or ""),
        "OriginalText": html_text(annotation.raw_text),
    }
    if card.kind == "cloze":
        return {"Text": cloze_html(card), **shared}
    return {"Front": html_text(card.text), "Back": html_text(card.answer), **shared}
