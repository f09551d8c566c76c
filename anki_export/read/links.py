"""Zotero links inside note text: `zotero://open-pdf/...?page=N&annotation=KEY` and kin.

Input: a line of markdown. Output: `PdfLink` records with the keys identity is built from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import parse_qs, urlsplit

# A markdown link whose target opens a PDF: Zotero's own scheme, or a file:// link written
# by annotations made in another PDF reader.
PDF_LINK = re.compile(r"\[(?P<label>[^\]]*)\]\((?P<url>(?:zotero://open-pdf|file://)[^)\s]*)\)")
_ITEM_PATH = re.compile(r"^/(?:library|groups/\d+)/items/(?P<key>[A-Z0-9]*)$")
_KEY = re.compile(r"^[A-Z0-9]{8}$")
# `(p8)` too: some templates write the page without a dot.
_PAGE_LABEL = re.compile(
    r"^\(?\s*(?:p\.|pp\.|page\.?|pg\.?|pp?(?=\d))?\s*(?P<page>[^)]*?)\s*\)?$", re.I
)

# A printed page holds a digit or is a roman numeral (`xii`); link words (`open`) are none.
_PAGE_WORD = re.compile(r"\d|^[ivxlcdm]+$", re.I)


@dataclass(frozen=True, slots=True)
class PdfLink:
    """A link that opens the PDF at one highlight."""

    url: str
    """The link exactly as written in the note."""
    page_label: str | None
    """The printed page shown in the link text ("3", "546", "xii")."""
    page_index: int | None
    """The PDF page from `page=`, when numeric."""
    attachment_key: str | None
    """The PDF attachment's item key (8 characters), when the link has one."""
    annotation_key: str | None
    """Zotero's annotation key (8 characters `[A-Z0-9]`): the most stable identity there is."""
    start: int
    """Offset of the markdown link in the line it was found in."""
    end: int
    """Offset just past the markdown link."""


@lru_cache(maxsize=1024)  # a note's readers and its colour legend look at the same lines
def find_pdf_link(line: str) -> PdfLink | None:
    """The first PDF link in `line`, or None."""
    match = PDF_LINK.search(line)
    if match is None:
        return None
    url = match["url"]
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    attachment = None
    if parts.scheme == "zotero":
        item = _ITEM_PATH.match(parts.path)
        attachment = item["key"] if item and item["key"] else None
    annotation = query.get("annotation", [""])[0]
    page = query.get("page", [""])[0]
    label = _PAGE_LABEL.match(match["label"].strip())
    printed = label["page"] if label else None
    return PdfLink(
        url=url,
        # `[Go to annotation](…)`, `[(deschide)](…)`: words of the template, no printed page
        page_label=printed if printed and _PAGE_WORD.search(printed) else None,
        page_index=int(page) if page and page.isdigit() else None,
        attachment_key=attachment,
        annotation_key=annotation if annotation and _KEY.match(annotation) else None,
        start=match.start(),
        end=match.end(),
    )


def unreadable_page(url: str) -> str | None:
    """A link's `page=` when it is there but is not a page number (`page=abc`)."""
    pages = parse_qs(urlsplit(url).query).get("page")
    return pages[0] if pages and not pages[0].isdigit() else None
