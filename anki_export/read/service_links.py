"""Links that highlight services outside Zotero write beside each highlight they export.

Input: a link's target. Output: what in it names one highlight: the Kindle location
(obsidian-kindle-plugin's `kindle://book?action=open&asin=…&location=N`, Readwise's
`https://readwise.io/to_kindle?…&location=N`) or the service's own highlight id (Readwise's
`https://readwise.io/open/ID`, Hypothesis' `https://hyp.is/ID/page`). A link to a whole book
(`kindle://book?action=open&asin=…`) names none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

MARKERS = ("kindle://", "readwise.io/", "hyp.is/")
"""What every such link holds: the anchor scan looks only at lines with one of these."""

_OPEN = re.compile(r"^https?://(?:www\.)?readwise\.io/open/(?P<id>\d+)/?$", re.I)
_HYPOTHESIS = re.compile(r"^https?://hyp\.is/(?P<id>[A-Za-z0-9_-]{8,})(?:/|$)", re.I)


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
    found = _OPEN.match(url) or _HYPOTHESIS.match(url)
    return ServiceLink(found.group("id"), None) if found else None
