"""Readers for the shapes annotation notes take; each finds annotations in a `SourceNote`.

Input: a `SourceNote`. Output: `Annotation`s with raw text (no roles yet) and warnings. The
template readers of `_READERS` run first; the anchored reader then takes every anchor (a link
or id pointing at one annotation) that none of them took, and says which it could not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from anki_export.errors import ExportError, Problem
from anki_export.read.anchor import Anchor
from anki_export.read.anchors import find_anchors
from anki_export.read.annotation import Annotation
from anki_export.read.link_families import with_families
from anki_export.read.notes import SourceNote
from anki_export.read.roles import role_slug
from anki_export.read.shapes import (
    admonition,
    anchored,
    annotator,
    bar_quote,
    callout,
    closed_entries,
    colour_callout,
    common,
    fields,
    heading_comments,
    labelled_list,
    logseq,
    loose_images,
    mark,
    markers,
    meaning,
    numbered_headings,
    page_callout,
    page_headings,
    page_quote,
    progress_quote,
    quoted_list,
    spaced,
    stamped_entries,
    type_callout,
    zotero_note,
    zotfile,
    zotlit,
)


@dataclass(frozen=True, slots=True)
class _Shape:
    """One reader, and the cheap test that says a note may hold its shape."""

    name: str
    """What the config calls the shape."""
    hints: tuple[str, ...]
    """Strings every note of the shape contains: tested before the signature, as it is cheap."""
    signature: re.Pattern[str]
    """Found somewhere in a note's text when the reader has something to read there."""
    parse: common.Reader
    """The reader itself."""


# Most specific first: where two readers claim the same annotation, the earlier one wins.
_READERS = (
    _Shape("annotator", ("annotation-json",), annotator.SIGNATURE, annotator.parse),
    _Shape("logseq", ("::",), logseq.SIGNATURE, logseq.parse),
    _Shape("zotlit", ("^",), zotlit.SIGNATURE, zotlit.parse),
    _Shape("zotero-note", ("zotero://select/",), zotero_note.SIGNATURE, zotero_note.parse),
    # both alternatives of the signature open a bracket in a parenthesis: "(["
    _Shape("zotfile", ("zotero://open-pdf", "(["), zotfile.SIGNATURE, zotfile.parse),
    _Shape("colour-callout", ("[!",), colour_callout.SIGNATURE, colour_callout.parse),
    _Shape("type-callout", ("[!",), type_callout.SIGNATURE, type_callout.parse),
    _Shape("mark", ("</",), mark.SIGNATURE, mark.parse),
    _Shape("page-callout", ("[!",), page_callout.SIGNATURE, page_callout.parse),
    _Shape("page-quote", ("[!",), page_quote.SIGNATURE, page_quote.parse),
    _Shape("callout", ("[!",), re.compile(r"^\s*(?:>\s*)+\[!", re.M), callout.parse),
    _Shape("progress-quote", ("%",), progress_quote.SIGNATURE, progress_quote.parse),
    _Shape("bar-quote", ("\u2588",), bar_quote.SIGNATURE, bar_quote.parse),
    _Shape("page-headings", ("#",), page_headings.SIGNATURE, page_headings.parse),
    _Shape("fields", (), fields.SIGNATURE, fields.parse),
    _Shape("spaced", (), spaced.SIGNATURE, spaced.parse),
    # the least specific: passages and entries without links, wherever no template claims them
    _Shape("quoted-list", (), quoted_list.SIGNATURE, quoted_list.parse),
    # entries that a label, a numbered heading or a closing page line sets apart, no link
    _Shape("numbered-headings", ("#",), numbered_headings.SIGNATURE, numbered_headings.parse),
    _Shape("labelled-list", (":",), labelled_list.SIGNATURE, labelled_list.parse),
    _Shape("closed-entries", (), closed_entries.SIGNATURE, closed_entries.parse),
    # entries an e-reader's exporter opens or closes with a stamp line (page, time), no link
    _Shape("stamped-entries", (), stamped_entries.SIGNATURE, stamped_entries.parse),
)
SHAPES: tuple[str, ...] = tuple(shape.name for shape in _READERS)
"""Names `parse_shapes(note, shape=...)` accepts, each naming one reader."""

_NO_KEY = (
    "{count} annotation(s) have no Zotero annotation key; their identity falls back to "
    "their text and page"
)


@dataclass(frozen=True, slots=True)
class ShapeReading:
    """Everything the readers made of one note."""

    annotations: list[Annotation]
    """In document order, each with the name of the reader that found it."""
    problems: list[Problem]
    anchors: list[Anchor] = field(default_factory=list)
    """Every anchor of the note (links and ids pointing at one annotation or page)."""
    unread: list[anchored.Unread] = field(default_factory=list)
    """The anchors no reader took, with the reason."""
    how: dict[int, str] = field(default_factory=dict)
    """Where the anchored reader found each of its annotations' text, by line."""
    references: list[Anchor] = field(default_factory=list)
    """Page links inside the note's own sentences: references, not annotations."""


def parse_shapes(
    note: SourceNote, shape: str | None = None
) -> tuple[list[Annotation], list[Problem]]:
    """Annotations of `note` in document order, from every reader that fits it (or `shape`)."""
    reading = read_shapes(note, shape)
    return reading.annotations, reading.problems


def read_shapes(note: SourceNote, shape: str | None = None) -> ShapeReading:
    """What the template readers that fit `note` (or `shape`) find, then the anchored reader."""
    if shape is not None and shape not in SHAPES:
        raise ExportError(f"unknown note shape '{shape}'; known shapes: {', '.join(SHAPES)}")
    note = markers.without_markers(admonition.as_callouts(note))
    readers = [r for r in _READERS if r.name == shape or (shape is None and _fits(r, note))]
    results = [(reader.name, *reader.parse(note)) for reader in readers]
    merged, problems = _merge(results)
    found = [replace(annotation, reader=name) for annotation, name in merged]
    anchors = with_families(note, find_anchors(note))
    extra = anchored.parse(note, anchors, found, problems) if anchors else anchored.Reading()
    found = [*found, *extra.annotations]
    if anchors:  # a note of Zotero's templates: an image without its own link is still one
        found += loose_images.parse(note, found, extra.held)
    found.sort(key=lambda a: a.line)
    found = [_unescaped(annotation) for annotation in found]
    found = _with_legend(found, meaning.find_legend(note.lines[note.body_start :]))
    found = heading_comments.with_heading_comments(note, found)
    # The callout reader warns itself about a callout with no link at all; one whose link
    # lacks `annotation=` (older exports) was not reported by anyone.
    keyless = [a for a in found
               if a.annotation_key is None and not (a.reader == "callout" and a.link is None)]
    if keyless:
        problems.append(Problem(_NO_KEY.format(count=len(keyless)), note.path, keyless[0].line))
        problems.sort(key=lambda p: p.line or 0)
    return ShapeReading(found, problems, anchors, extra.unread, extra.how, extra.references)


def _fits(reader: _Shape, note: SourceNote) -> bool:
    """Whether the note's text shows the reader's signature."""
    hinted = all(hint in note.text for hint in reader.hints)
    return hinted and reader.signature.search(note.text) is not None


def _merge(
    results: list[tuple[str, list[Annotation], list[Problem]]],
) -> tuple[list[tuple[Annotation, str]], list[Problem]]:
    """One list in line order; an annotation a more specific reader found is not repeated."""
    claimed: dict[object, str] = {}
    accepted: list[tuple[Annotation, str]] = []
    for name, found, _ in results:
        for annotation in found:
            claims = _claims(annotation)
            if any(claimed.get(claim, name) != name for claim in claims):
                continue  # an earlier reader already has this line or this highlight
            claimed.update(dict.fromkeys(claims, name))
            accepted.append((annotation, name))
    problems = [
        problem
        for name, _, warnings in results
        for problem in warnings
        if claimed.get(("line", problem.line), name) == name
    ]
    accepted.sort(key=lambda pair: pair[0].line)
    return accepted, sorted(problems, key=lambda p: p.line or 0)


def _claims(annotation: Annotation) -> list[object]:
    """What makes two readers' annotations the same one: its first line, or its identity."""
    claims: list[object] = [("line", annotation.line)]
    if annotation.annotation_key:
        claims.append(("key", annotation.attachment_key, annotation.annotation_key))
    elif annotation.link or annotation.image:
        claims.append(("text", annotation.link, annotation.raw_text, annotation.image))
    return claims


def _unescaped(annotation: Annotation) -> Annotation:
    """The annotation with its text and comment as Markdown shows them (`\\"` is `"`)."""
    if "\\" not in annotation.raw_text + (annotation.comment or ""):
        return annotation
    text = common.without_escaped_quotes(annotation.raw_text)
    comment = common.without_escaped_quotes(annotation.comment) if annotation.comment else None
    return replace(annotation, text=text, raw_text=text, comment=comment)


def _with_legend(annotations: list[Annotation], legend: dict[str, str]) -> list[Annotation]:
    """Fill a missing label (or colour) from the note's colour legend."""
    if not legend:
        return annotations
    colours = {role_slug(label): colour for colour, label in legend.items()}
    filled = []
    for annotation in annotations:
        if not annotation.label and annotation.colour in legend:
            annotation = replace(annotation, label=legend[annotation.colour])
        elif annotation.label and not annotation.colour:
            colour = colours.get(role_slug(annotation.label))
            annotation = replace(annotation, colour=colour) if colour else annotation
        filled.append(annotation)
    return filled
