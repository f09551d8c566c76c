"""Links that highlight services outside Zotero write beside each highlight they export.

Input: a link's target. Output: what in it names one highlight: the Kindle location
(obsidian-kindle-plugin's `kindle://book?action=open&asin=…&location=N`, Readwise's
`https://readwise.io/to_kindle?…&location=N`) or the service's own highlight id (Readwise's
`https://readwise.io/open/ID`, Hypothesis' `https://hyp.is/ID/page` and
`https://hypothes.is/a/ID`), the place in the book a calibre link opens
(`calibre://view-book/…?open_at=epubcfi(…)`), or the Zotero annotation of ZotFlow's Obsidian
link. A link to a whole book (`kindle://book?action=open&asin=…`) or
attachment names none.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

MARKERS = ("kindle://", "readwise.io/", "hyp.is/", "hypothes.is/a/", "obsidian://zotflow",
           "calibre://")
"""What every such link holds: the anchor scan looks only at lines with one of these."""

_OPEN = re.compile(r"^https?://(?:www\.)?readwise\.io/open/(?P<id>\d+)/?$", re.I)
_HYPOTHESIS = re.compile(
    r"^https?://(?:hyp\.is|hypothes\.is/a)/(?P<id>[A-Za-z0-9_-]{8,})(?:[/?#]|$)", re.I)
# The page ZotFlow's link text ends with: `Author - 2024 - Title.pdf, p.812`.
_ZOTFLOW_PAGE = re.compile(r"(?:^|[\s,])p\.\s*(?P<page>[\w-]+)\s*$")


@dataclass(frozen=True, slots=True)
class ServiceLink:
    """The highlight a service's link points at."""

    highlight_id: str | None
    """The service's id of the highlight, when the link carries one."""
    location: str | None
    """The Kindle location, when the link gives one."""


def service_link(url: str) -> ServiceLink | None:
    """The highlight `url` points at, or None for any other link."""
    lowered = url.lower()
    if lowered.startswith("kindle://") or "readwise.io/to_kindle" in lowered:
        location = parse_qs(urlsplit(url).query).get("location", [""])[0].strip()
        return ServiceLink(None, location) if location else None
    if lowered.startswith("calibre://"):
        # the e-book viewer's link to one place in the book (an EPUB CFI): one highlight's
        place = parse_qs(urlsplit(url).query).get("open_at", [""])[0].strip()
        return ServiceLink(place, None) if place else None
    found = _OPEN.match(url) or _HYPOTHESIS.match(url)
    return ServiceLink(found.group("id"), None) if found else None


@dataclass(frozen=True, slots=True)
class ZotflowLink:
    """The Zotero annotation a ZotFlow link opens."""

    annotation: str
    attachment: str | None
    page_label: str | None
    """The page its text names."""


def zotflow_link(url: str, label: str | None) -> ZotflowLink | None:
    """ZotFlow's link to an annotation: `obsidian://zotflow?type=open-attachment&key=ATT…
    &navigation={"annotationID":"KEY"}` (URL-escaped JSON), or `type=open-annotation&key=KEY`;
    None for its other links (an attachment, a note)."""
    if not url.lower().startswith("obsidian://zotflow"):
        return None
    params = parse_qs(urlsplit(url).query)
    kind, key = params.get("type", [""])[0].lower(), params.get("key", [""])[0].strip()
    if kind == "open-annotation":
        annotation, attachment = key, None
    elif kind == "open-attachment" and "navigation" in params:
        try:
            navigation = json.loads(params["navigation"][0])
        except ValueError:
            return None
        found = navigation.get("annotationID") if isinstance(navigation, dict) else None
        annotation, attachment = str(found or ""), key or None
    else:
        return None
    shown = _ZOTFLOW_PAGE.search(label or "")
    page = shown.group("page") if shown else None
    return ZotflowLink(annotation, attachment, page) if annotation else None
