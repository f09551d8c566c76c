"""Comments a template writes as a heading right above each annotation.

Input: a `SourceNote` and the annotations the readers found in it. Output: those annotations,
each with the heading right above it as (the start of) its comment, when the note's deepest
heading level does that alone. Zotero 7's note templates can be set to put the comment first
(`<h5>{{comment}}</h5>`, then the highlight, as in the 少数派/sspai guide), leaving the heading
empty over an annotation without one, or writing it only where there is one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

from anki_export.read.anchors import page_in_text
from anki_export.read.annotation import Annotation
from anki_export.read.notes import SourceNote
from anki_export.read.roles import KNOWN_ROLES, role_slug
from anki_export.read.shapes import common, meaning

# `1. Introduction`, `2.3 Results`, `IV. Discussion`: the paper's own section titles.
_NUMBERED = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[IVXLC]+\.)\s+\S")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


@dataclass(slots=True)
class _Heading:
    """One heading of the note's body and the annotations under it."""

    title: str
    opens: int | None
    """The 0-based line of the annotation right below it (blank lines apart), if any."""
    holds: list[Annotation] = field(default_factory=list)
    """The annotations between it and the next heading."""


def with_heading_comments(note: SourceNote, found: list[Annotation]) -> list[Annotation]:
    """`found`, with the comments of a heading level that only ever opens one annotation."""
    if "#" not in note.text or len(found) < 2:
        return found
    levels = _headings(note, found)
    comments: dict[int, str] = {}
    held: dict[int, str] = {}
    for level, headings in levels.items():
        deepest = all(level > other for other in levels if other != level)
        opens_each = len(headings) >= 2 and all(h.opens is not None for h in headings)
        # (over one annotation each: a colour group's heading left empty holds several)
        some_empty = any(not h.title for h in headings) and all(
            len(h.holds) == 1 for h in headings)
        # An empty one is the template's mark: a heading of the reader's own, or a colour
        # group's (`#### 🟡 Key point`), always has words. So is a level whose headings each
        # open a single annotation while others go without one: the template wrote a heading
        # only where there was a comment (adjiap's "Direct Quotes with Comments").
        if deepest and opens_each and (
                some_empty or _only_where_commented(note, level, found, headings)
                or _alternate_with_entries(headings)):
            comments.update({h.opens + 1: h.title for h in headings
                             if h.title and h.opens is not None})
            held.update({a.line: h.title for h in headings for a in h.holds})
    if not comments:
        return found
    return [_with_comment(a, comments.get(a.line), held.get(a.line)) for a in found]


def _headings(note: SourceNote, found: list[Annotation]) -> dict[int, list[_Heading]]:
    """The body's headings by level, each with what it opens and holds."""
    lines = note.lines
    starts = {annotation.line - 1: annotation for annotation in found}
    levels: dict[int, list[_Heading]] = {}
    current: _Heading | None = None
    for index in range(note.body_start, len(lines)):
        heading = common.HEADING.match(lines[index])
        if heading is not None:
            below = common.skip_blank(lines, index + 1)
            current = _Heading(heading.group("title").strip(), below if below in starts else None)
            levels.setdefault(len(heading.group(1)), []).append(current)
        elif index in starts and current is not None:
            current.holds.append(starts[index])
    return levels


def _only_where_commented(note: SourceNote, level: int, found: list[Annotation],
                          headings: list[_Heading]) -> bool:
    """Whether each heading of `level` opens one annotation alone (a heading comes before the
    next one) while at least two annotations sit under a higher heading with none of `level`."""
    lines = note.lines
    starts = {annotation.line - 1 for annotation in found}
    nearest: int | None = None  # the level of the last heading seen
    alone = {h.opens for h in headings}
    previous: int | None = None  # the last annotation's start, while no heading came after it
    unheaded = 0
    for index in range(note.body_start, len(lines)):
        heading = common.HEADING.match(lines[index])
        if heading is not None:
            nearest, previous = len(heading.group(1)), None
        elif index in starts:
            if previous in alone or (index in alone and previous is not None):
                return False  # two annotations under one heading of the level
            unheaded += nearest is not None and nearest < level
            previous = index
    return unheaded >= 2


def _alternate_with_entries(headings: list[_Heading]) -> bool:
    """Whether the headings are the comments of the anchored entries right below them.

    A template that writes each comment as a heading over its highlight, and a highlight
    without a comment under the heading before it (a Zotero note template's `<h3>{{comment}}`),
    leaves headings that mostly alternate with single entries, each entry with a link of its
    own and none with a comment of its own (it went into the heading), and at least one
    heading that says something. Colour groups, the paper's section titles, page headings and
    the note's own sections are structure, never comments; so are headings that repeat.
    """
    holds = [a for h in headings for a in h.holds]
    singles = sum(len(h.holds) == 1 for h in headings)
    titles = [h.title for h in headings]
    return (singles >= 2 and 2 * singles >= len(headings)
            and all(a.link is not None and not a.comment for a in holds)
            and len(set(titles)) == len(titles)
            and not any(_is_structure(title) for title in titles)
            and any(_says_something(title) for title in titles))


def _is_structure(title: str) -> bool:
    """A heading that names a group, a section, a page or a role rather than remarks on one."""
    label, colour = meaning.heading_meaning(title)
    symbol = any(_is_symbol(char) for char in title[:1] + title[-1:])
    return (label is None or colour is not None or symbol or page_in_text(title) is not None
            or bool(_NUMBERED.match(title)) or role_slug(title) in KNOWN_ROLES)


def _is_symbol(char: str) -> bool:
    """An emoji or symbol, as colour and group headings open or close with (`🟡`, `✅`)."""
    return unicodedata.category(char)[0] == "S" or char in "\ufe0f\u200d"


def _says_something(title: str) -> bool:
    """A remark rather than a name: six words or more, a question, or a long CJK phrase."""
    words = len(re.findall(r"\w+", title))
    return words >= 6 or title.rstrip().endswith(("?", "\uff1f")) or len(
        _CJK.findall(title)) >= 12


def _with_comment(annotation: Annotation, heading: str | None, above: str | None) -> Annotation:
    """The annotation with the heading's words first in its comment, and not as its label (nor
    the label of an annotation after it under the same heading)."""
    label = None if annotation.label in (heading, above) else annotation.label
    if heading is None:
        return replace(annotation, label=label) if label != annotation.label else annotation
    comment = "\n".join(filter(None, [heading, annotation.comment]))
    return replace(annotation, comment=comment, label=label)
