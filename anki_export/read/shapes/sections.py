"""Where a note holds extracted annotations: the lines of its annotations sections.

Input: a `SourceNote`. Output: for each line, whether it lies where a template put the
annotations it extracted, so that the readers of passages without links read only there: under
a heading that names annotations (in any of the languages Zotero and the plugins write), between
`%% begin annotations %%` markers, or anywhere in a note that marks itself as a whole as
extracted annotations (a ZotFile `Extracted Annotations` line, the PDF highlights extractor's
`## Source` footer, Zotero Integration's `### Imported: date` batch heading or its basic
template's `### Formatted Bibliography`, ZotLit's `zotero-key` in the frontmatter, KOReader's
`_Generated at: …_` footer, a frontmatter title, category or tag that names highlights or
annotations).
"""

from __future__ import annotations

import re

from anki_export.read.notes import SourceNote
from anki_export.read.shapes import common

# Headings that open a section of annotations (`## Highlights`, `# Extracted Annotations (…)`),
# and the heading Zotero's "Add Note from Annotations" writes in its other languages.
_SECTION = re.compile(
    r"^(?:my |pdf |zotero |kindle |extracted |imported |in-text )?"
    r"(?:annotations?|highlights?|quotes?|excerpts?|extracts?)\b"
    r"|^(?:annotazioni|anotaciones|anota[cç][oõ]es|anmerkungen|adnotacje|annotaties|anotace"
    r"|аннотации|анотації|σχολιασμοί|επισημάνσεις|υπογραμμίσεις|vurgular"
    # the words for highlights: `## Markierungen`, `## Surlignages`, `## Subrayados`, …
    r"|markierungen|hervorhebungen|surlignages?|surlignements?|subrayados|resaltados|destaques"
    r"|evidenziazioni|sottolineature|markeringen|zakreślenia|wyróżnienia|zvýraznění"
    r"|выделения|цитаты)\b"
    # `Zotero标注`: no space between the Latin name and the CJK word
    r"|^(?:zotero\s*|pdf\s*)?(?:注释|註釋|批注|标注|摘录|摘抄|划线|劃線|高亮|注釈|ハイライト|アノテーション|주석|하이라이트)"
    r"|^التعليقات التوضيحية",
    re.I,
)
# A short heading that ends by naming them: `## Notes from PDF Annotations`, `## My Kindle
# Highlights`, `## Zotero annotations`.
_NAMED_LAST = re.compile(r"\b(?:annotations|highlights)[\W_]*$", re.I)
_SHORT = 5
# The heading Zotero Integration's `persist` template writes above each batch of annotations it
# adds to a note (`### Imported: 2023-05-17 10:26 pm`): what is quoted around it was extracted.
_IMPORTED = re.compile(r"^imported:?\s+\d", re.I)
_IMPORTED_HEADING = re.compile(r"^\s{0,3}#{1,6}[ \t]+imported:?[ \t]+\d", re.I | re.M)
# The heading the basic template of Zotero Integration's documentation writes above the
# item's bibliography: a note imported from Zotero, whose annotations follow in its body.
_BIBLIOGRAPHY_HEADING = re.compile(
    r"^\s{0,3}#{1,6}[ \t]+formatted bibliography[ \t]*$", re.I | re.M)
# ZotLit writes these into the frontmatter of every literature note it makes.
_ZOTLIT_KEYS = ("zotero-key", "zt-attachments")
# The frontmatter fields in which an annotator's export names what the note is.
_EXPORT_KEYS = ("title", "type", "category", "kind")
# The footer KOReader's Markdown export writes under the highlights: `_Generated at: 2024-…_`.
_GENERATED_FOOTER = re.compile(r"^_Generated at: \d{4}-\d{2}-\d{2}[^_\n]*_[ \t]*$", re.M)
_EXTRACTED = re.compile(r"^[*_]*extracted annotations\b", re.I)
# The footer the PDF highlights extractor writes under its list: `## Source`, `[[paper.pdf]]`;
# the whole note is its list of highlights (a re-run appends another list and footer).
_SOURCE_FOOTER = re.compile(r"^#{1,6}[ \t]+Source[ \t]*\n\[\[[^\]\n]+\.pdf\]\][ \t]*$", re.M | re.I)
_BEGIN = re.compile(r"%%\s*begin annotations\s*%%", re.I)
_END = re.compile(r"%%\s*end annotations\s*%%", re.I)


def inside_sections(note: SourceNote) -> list[bool]:
    """For each line, whether it lies in an annotations section."""
    inside: list[bool] = []
    level: int | None = None  # of the heading that opened the current section
    markers = False
    extracted = _marked_as_a_whole(note)
    for index, line in enumerate(note.lines):
        heading = common.HEADING.match(line) if index >= note.body_start else None
        if heading:
            depth = len(heading.group(1))
            if level is not None and depth <= level:
                level = None
            if opens_section(heading.group("title")):
                level = depth if level is None else level
        elif _EXTRACTED.match(line.strip()) and index >= note.body_start:
            extracted = True
        markers = bool(_BEGIN.search(line)) or (markers and not _END.search(line))
        inside.append(index >= note.body_start and (level is not None or markers or extracted))
    return inside


def _marked_as_a_whole(note: SourceNote) -> bool:
    """Whether the whole of `note` is a template's record of extracted annotations: so marked
    in its text, by ZotLit's keys, or by an annotator's export naming itself in its frontmatter
    (`title: Highlights of …`, `category: highlights`)."""
    marks = (_SOURCE_FOOTER, _IMPORTED_HEADING, _BIBLIOGRAPHY_HEADING, _GENERATED_FOOTER)
    named = [note.metadata.get(key) for key in _EXPORT_KEYS]
    return any(key in note.metadata for key in _ZOTLIT_KEYS) or any(
        mark.search(note.text) for mark in marks) or any(
        isinstance(name, str) and opens_section(name) for name in named) or any(
        opens_section(tag.rsplit("/", 1)[-1]) for tag in _tags(note.metadata.get("tags")))


def _tags(value: object) -> list[str]:
    """The frontmatter's tags (a list, or one string of them), without `#`: a tag naming
    annotations or highlights (`zotero/annotations`, `highlights`) marks the note as such."""
    if isinstance(value, str):
        value = re.split(r"[,\s]+", value)
    if not isinstance(value, list):
        return []
    return [tag.strip().lstrip("#") for tag in value if isinstance(tag, str)]


def opens_section(title: str) -> bool:
    """Whether a heading titled `title` opens a section of annotations (or a batch of them)."""
    title = re.sub(r"^[\W_]+", "", title)
    return _SECTION.match(title) is not None or _IMPORTED.match(title) is not None or (
        _NAMED_LAST.search(title) is not None and len(title.split()) <= _SHORT)


def holding(note: SourceNote, entries: list[int]) -> list[bool]:
    """For each line, whether it lies in a part of the body (between headings) that holds one
    of the lines `entries`: where a template's repeated entries show its annotations are."""
    part, parts = 0, []
    for index, line in enumerate(note.lines):
        part += index >= note.body_start and common.HEADING.match(line) is not None
        parts.append(part)
    held = {parts[index] for index in entries}
    return [index >= note.body_start and parts[index] in held for index in range(len(parts))]
