"""Image annotations a Zotero template exported without a link of their own.

Input: a `SourceNote`, the annotations every reader found in it and the lines they hold. Output:
an `Annotation` for each bare embed of an image that Zotero Integration named for an image
annotation (`![[…/citekey-4-x62-y388.png]]`, maybe alone in a quote) that no annotation holds,
set apart from the line above it (an image right under a highlight's line may be part of that
highlight), with the comment a label opens below it (`**Note:** …`).
"""

from __future__ import annotations

from dataclasses import replace

from anki_export.read.annotation import Annotation
from anki_export.read.notes import SourceNote
from anki_export.read.shapes import common, lines

NAME = "zotero-image"
"""The reader's name, as `Annotation.reader` records it."""


def parse(
    note: SourceNote, found: list[Annotation], held: list[tuple[int, int]]
) -> list[Annotation]:
    """The Zotero images of `note` that none of `found` (holding lines `held`) holds."""
    if "![" not in note.text:
        return []
    note_lines = note.lines  # split once: the property splits the text on every call
    images = {a.image for a in found if a.image}
    taken = {a.line - 1 for a in found}
    for first, last in held:
        taken.update(range(first, last + 1))
    loose = []
    for index in range(note.body_start, len(note_lines)):
        raw = note_lines[index]
        # `> ![[KEY.png]]`: a quote holding only the image is the image
        path = common.bare_image(lines.parse(raw).content) if "![" in raw else None
        if path is None or path in images or index in taken:
            continue
        above = note_lines[index - 1] if index > note.body_start else ""
        if above.strip() and not lines.is_stop(above) and not lines.is_label(above):
            continue  # `📊 **Image Annotation**` above names the type: no highlight's line
        comment = _labelled_comment(note_lines, index + 1, taken)
        loose.append(replace(common.build(index + 1, "", comment=comment, image=path), reader=NAME))
    return loose


def _labelled_comment(note_lines: list[str], at: int, taken: set[int]) -> str | None:
    """The comment a label opens in the paragraph after the image (`**Note:** …`), if any."""
    at = common.skip_blank(note_lines, at)
    if at >= len(note_lines) or at in taken or not lines.has_comment_label(note_lines[at]):
        return None
    end = at + 1
    while end < len(note_lines) and end not in taken and note_lines[end].strip() and not (
            lines.is_stop(note_lines[end]) or common.IMAGE.search(note_lines[end])):
        end += 1
    parts = [lines.parse(raw).content.strip() for raw in note_lines[at:end]]
    return common.comment_text([lines.comment_label(parts[0]), *parts[1:]])
