"""What a link says about its annotation besides where it points: a second link of the
annotation before (carrying its comment), a link to a note, the template's words for its link,
a label that names the annotation a note or its type.

Input: anchors (and what was found next to one). Output: yes or no, or the labels a template
prints beside every link.
"""

from __future__ import annotations

import re
from dataclasses import replace

from anki_export.read.anchor import Anchor
from anki_export.read.annotation import Annotation
from anki_export.read.shapes import lines, proximity

# The bold label a template opens an annotation's line with, its type (`**Highlight:**`).
_TYPE_LABEL = re.compile(r"^\s*\*\*(?P<label>[^*\n]{1,30}?):?\*\*:?\s")


def repeats(first: Anchor, second: Anchor, seen: proximity.Found | None) -> bool:
    """Whether `second` links the annotation `first` opened again, to carry its comment."""
    if first.identity != second.identity and not same_id(first, second):
        return False
    if first.annotation_id:
        return True
    note_link = (second.label or "").lower().startswith(("note", "comment"))
    return note_link or (seen is not None and lines.is_marked_comment(seen.text))


def same_id(first: Anchor, second: Anchor) -> bool:
    """Whether two anchors carry one annotation's id, where one of them names no PDF (an
    image's embed, `![KEY…](file:///…/KEY.png)`, then the link to its page)."""
    unnamed = None in (first.attachment_key, second.attachment_key)
    return unnamed and first.annotation_id is not None and (
        first.annotation_id == second.annotation_id)


def boilerplate_labels(anchors: list[Anchor]) -> set[str]:
    """Link texts that several anchors share (`[Apple Books Highlight Link](…)` under every
    highlight): the template's words for its link, never a highlight's own text."""
    seen: dict[str, int] = {}
    for anchor in anchors:
        if anchor.label and anchor.label.strip():
            seen[anchor.label] = seen.get(anchor.label, 0) + 1
    return {label for label, count in seen.items() if count >= 2}


def notes_only(anchor: Anchor) -> bool:
    """A link that carries a comment (ZotFile's `note on p.4`), not a highlight."""
    return (anchor.label or "").lower().startswith("note on")


def names_a_note(label: str | None, raw: str) -> bool:
    """Whether the label a template printed with the text (or the bold type label opening the
    link's line) names Zotero's note annotation (a sticky note: `**Standalone Note:**`,
    `**Note:**`), which has no highlighted text: its last word names a note or comment."""
    leading = _TYPE_LABEL.match(lines.parse(raw).content)
    for named in (label, leading.group("label") if leading else None):
        words = (named or "").replace("*", " ").replace("_", " ").split()
        if words and lines.names_a_comment(words[-1]):
            return True
    return False


def without_type_labels(annotations: list[Annotation]) -> list[Annotation]:
    """`annotations`, without a label in a field's shape (`Markierung:`) that several of them
    share: the template's word for the annotation's type, in the reader's language, printed
    before every highlight (`- **Markierung:** "text"`), not a label the reader chose."""
    shared: dict[str, int] = {}
    for annotation in annotations:
        if annotation.label and annotation.label.rstrip().endswith((":", "：")):
            shared[annotation.label] = shared.get(annotation.label, 0) + 1
    typed = {label for label, count in shared.items() if count >= 2}
    return [replace(a, label=None) if a.label in typed else a for a in annotations]
