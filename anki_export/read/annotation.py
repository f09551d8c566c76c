"""The record one highlight becomes, passed from the note readers to the card rules."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Annotation:
    """One highlight (or image) from a PDF, as a note records it."""

    line: int
    """1-based line of the note where the annotation starts."""
    text: str
    """Highlight text after repair of PDF damage (what cards show)."""
    raw_text: str
    """Highlight text exactly as the note has it."""
    label: str | None = None
    """The reader's label ("Claim", "Personal critic"), when the note gives one."""
    colour: str | None = None
    """Zotero palette colour name ("yellow") of the highlight."""
    role: str = "highlight"
    """What the highlight is: from the label, else the colour mapping; decides its cards."""
    page_label: str | None = None
    """Printed page, as shown in the note's link ("3", "xii")."""
    page_index: int | None = None
    """PDF page index from the link's `page=`."""
    attachment_key: str | None = None
    """Zotero key of the PDF attachment."""
    annotation_key: str | None = None
    """Zotero key of the annotation itself."""
    link: str | None = None
    """The link that opens the PDF at this highlight."""
    comment: str | None = None
    """The reader's own comment (markdown), if any."""
    image: str | None = None
    """Embedded image path for image annotations, as the note writes it."""
    image_file: Path | None = None
    """The image file itself, once found beside the note or in the vault."""
    reader: str = ""
    """The reader that found it: its shape's name ("callout", "zotlit"...) or "anchored"."""
