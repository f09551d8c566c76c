"""The record of one anchor: a link or id in a note that points at one annotation or page.

Found by `anchors.find_anchors`; the anchored reader finds the annotation next to each.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Anchor:
    """One link or id in a note that points at one annotation or one page of the PDF."""

    line: int
    """1-based line of the note it is on."""
    start: int
    """Offset in that line where its markup starts."""
    end: int
    """Offset just past its markup."""
    markup: str
    """The anchor exactly as written (`[Go to annotation](zotero://…)`, `^KEYaATTp1`)."""
    kind: str
    """`link` (a link to the PDF), `block-id` (ZotLit) or `attribute` (note HTML)."""
    url: str | None = None
    """The link's target, unescaped (None for block ids and attributes)."""
    label: str | None = None
    """The link's visible text."""
    annotation_id: str | None = None
    """The annotation id the anchor carries, whatever tool wrote it (`highlight-p1x380y464`)."""
    annotation_key: str | None = None
    """That id when it is a Zotero annotation key (8 characters `[A-Z0-9]`)."""
    attachment_key: str | None = None
    """The PDF attachment's Zotero key, when the anchor names one."""
    page_index: int | None = None
    """The PDF page the anchor opens, when numeric."""
    page_label: str | None = None
    """The printed page the anchor shows or names (`546`, `xii`)."""
    colour: str | None = None
    """A colour the anchor itself carries (PDF++'s `color=`, Zotero's note HTML), as written."""

    @property
    def identity(self) -> tuple[str | None, ...]:
        """What two anchors of the same annotation share: its id, else its target."""
        if self.annotation_id:
            return ("id", self.attachment_key, self.annotation_id)
        return ("target", self.url or self.markup, str(self.page_index))
