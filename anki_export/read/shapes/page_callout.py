"""Kindle highlights imported as callouts that end with their page: Kindle Importer Plus.

Input: a `SourceNote`. Output: `Annotation`s without key: one per callout under a highlights
heading whose last line is the place of the highlight (`> — *Page 14*`, `> — *Location 212*`),
the lines before it the text and a labelled line among them (`> **Note**: *…*`, any language's
label) the comment. The callout's
type (`[!quote]`, `[!info]`, `[!important]`, `[!warning]`) stands for the Kindle colour. A
notebook imported again under a later heading repeats highlights: only the first copy is read.
Other e-book exporters (Moon Reader, WeRead) write each entry's metadata in the callout's title
(`> [!quote] Chapter 2 • 2025-05-30`) or closing line (`> 2025-02-11 22:04 ^id`): metadata is
neither text nor comment, and a symbol line right after the callout (`💭 …`) is the comment.
"""

from __future__ import annotations

import re

from anki_export.errors import Problem
from anki_export.read.annotation import Annotation
from anki_export.read.notes import SourceNote
from anki_export.read.shapes import common

_WORDS = r"page|p|pagina|pag|seite|s|página|location|loc|posizione|posición|position"
_PLACE = re.compile(
    rf"^[\u2014\u2013-]\s*[*_]{{1,2}}(?P<word>{_WORDS})\.?\s+(?P<place>[0-9ivxlcdm]+(?:-\d+)?)"
    r"\s*[*_]{1,2}\s*$", re.I)
# An entry's metadata, neither text nor comment: its date, chapter or page, separators, the
# block id an exporter gives every entry (`Chapter 2 • 2025-05-30`, `2025-02-11 22:04 ^id`).
_DATE = r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"
_PLACE_WORD = (r"(?:chapter|ch|capitolo|cap|kapitel|chapitre|cap[ií]tulo|"
               rf"{_WORDS})\.?[ \t]*\d+")
_STAMP = re.compile(rf"^(?:(?:{_DATE}|{_PLACE_WORD})[ \t]*[\u2022\u00b7|,\u2013\u2014-]?[ \t]*)+"
                    r"(?:\^[\w-]+)?\s*$", re.I)
SIGNATURE = re.compile(
    rf"^[ \t]*>[ \t]*[\u2014\u2013-][ \t]*[*_]{{1,2}}(?:{_WORDS})\b"
    rf"|^[ \t]*>[ \t]*\[![^\]]+\][ \t]*(?:{_DATE}|{_PLACE_WORD})"
    rf"|^[ \t]*>[ \t]*{_DATE}[^\n]*\^[\w-]+[ \t]*$", re.I | re.M
)
# `**Note**: *words*` (`**Nota**:`, `**Note:**`): a bold word, a colon, the reader's words.
_NOTE = re.compile(r"^\*\*(?P<label>[^\W\d_]{2,12})(?:\*\*[ \t]*:|:\*\*)\s*(?P<text>.+)$")
# A thought the exporter writes on the line right after the callout, behind a symbol (`💭 …`).
_THOUGHT = re.compile(r"^(?P<symbol>[^\w\s>#*_\-\[!`|<]{1,2})[ \t]*(?P<text>\S.*)$")
# The heading the importer writes above the callouts (`## Imported Highlights (2025-02-09)`):
# a callout of the reader's elsewhere that ends with a page is a quote of theirs.
_SECTION = re.compile(r"highlights?|annotations?|clippings?|evidenziazioni|sottolineature|"
                      r"markierungen|surlignages|subrayados|destaques|划线|标注", re.I)
_LOCATION_WORDS = ("location", "loc", "posizione", "posición", "position")
_REPEATED = ("{count} highlight(s) repeat ones imported above (the notebook imported again?); "
             "only the first copy is read")


def parse(note: SourceNote) -> tuple[list[Annotation], list[Problem]]:
    """The callouts of `note` that end with a highlight's page or location, first copies only."""
    lines = note.lines
    found: list[Annotation] = []
    seen: set[tuple[str, str]] = set()
    repeats: list[int] = []
    index = note.body_start
    section = False
    section_level = 0
    while index < len(lines):
        # A chapter heading under the highlights heading stays in its section.
        if (heading := common.HEADING.match(lines[index])) and (
                not section or len(heading.group(1)) <= section_level):
            section = _SECTION.search(heading.group("title")) is not None
            section_level = len(heading.group(1))
        if not (section and common.CALLOUT.match(lines[index])):
            index += 1
            continue
        end = index + 1
        while end < len(lines) and common.is_quoted(lines[end]) and not common.CALLOUT.match(
            lines[end]
        ):
            end += 1
        body = [common.unquote(line).strip() for line in lines[index + 1 : end]]
        title = common.CALLOUT.sub("", lines[index]).strip()
        if end < len(lines) and (thought := _THOUGHT.match(lines[end].strip())):
            body.append(f"**Note**: {thought.group('text')}")
            end += 1
        # A title naming only a page is an admonition's caption; a dated one an exporter's entry.
        stamped = _STAMP.match(title) is not None and re.search(_DATE, title) is not None
        annotation = _annotation(index, body, stamped=stamped)
        if annotation is not None:
            words = " ".join(annotation.raw_text.casefold().split())
            identity = (words, annotation.page_label or "")
            if identity in seen:
                repeats.append(index + 1)
            else:
                seen.add(identity)
                found.append(annotation)
        index = end
    problems = [Problem(_REPEATED.format(count=len(repeats)), note.path, repeats[0])] if (
        repeats) else []
    return found, problems


def _annotation(start: int, body: list[str], stamped: bool) -> Annotation | None:
    """The highlight of one callout's body, if its title or last line names its place or date."""
    kept = [line for line in body if not _STAMP.match(line)]
    stamped, body = stamped or len(kept) < len(body), kept
    while body and not body[-1]:
        body = body[:-1]
    place = _PLACE.match(body[-1]) if body else None
    if place is not None:
        body = body[:-1]
    if place is None and not stamped:
        return None
    text_lines: list[str] = []
    comment_lines: list[str] = []
    for line in body:
        labelled = _NOTE.match(line)
        if labelled or comment_lines:
            comment_lines.append(labelled.group("text") if labelled else line)
        else:
            text_lines.append(line)
    text = common.clean_text(" ".join(text_lines))
    if not text:
        return None
    # A Kindle location is no printed page: the card shows none rather than a wrong one.
    location = place is None or place.group("word").lower() in _LOCATION_WORDS
    return common.build(start + 1, text, comment=common.comment_text(comment_lines),
                        page_label=None if location or place is None else place.group("place"))
