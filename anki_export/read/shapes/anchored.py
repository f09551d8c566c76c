"""The anchored reader: every anchor no template reader took becomes an annotation.

Input: a `SourceNote`, its anchors, and what the template readers found in it. Output: the
annotations found next to the anchors left (text, comment, label and colour by proximity: see
`proximity.py`), and the anchors still unread, each with the reason. Runs after the template
readers, so a note in a shape they know keeps exactly what they read.
"""

from __future__ import annotations

import html
from bisect import bisect_right
from dataclasses import dataclass, field, replace

from anki_export.errors import Problem
from anki_export.read.anchor import Anchor
from anki_export.read.anchors import page_in_text
from anki_export.read.annotation import Annotation
from anki_export.read.notes import SourceNote
from anki_export.read.shapes import (
    comments,
    common,
    image_parts,
    lines,
    link_roles,
    meaning,
    proximity,
)

NAME = "anchored"
"""The reader's name, as `Annotation.reader` records it."""
IMAGES = "anchored-image"
"""The name of what it reads without an anchor: exported images between anchored annotations."""


@dataclass(frozen=True, slots=True)
class Unread:
    """An anchor no reader took, and why."""

    anchor: Anchor
    reason: str


@dataclass(slots=True)
class Reading:
    """What the anchored reader made of a note's anchors."""

    annotations: list[Annotation] = field(default_factory=list)
    unread: list[Unread] = field(default_factory=list)
    how: dict[int, str] = field(default_factory=dict)
    """Where each annotation's text was found, by its line (for `explain`)."""
    references: list[Anchor] = field(default_factory=list)
    """Page links inside the reader's own sentences: references, not annotations."""
    held: list[tuple[int, int]] = field(default_factory=list)
    """The 0-based first and last lines each annotation read holds (text, comment, image)."""


def claimed(anchors: list[Anchor], found: list[Annotation]) -> dict[int, int]:
    """Anchor index → index in `found` of the template annotation that holds it: the same
    annotation key, else the nearest annotation above on the same line or with the same link."""
    keys: dict[str, int] = {}
    for position, annotation in enumerate(found):
        if annotation.annotation_key:
            keys.setdefault(annotation.annotation_key, position)
    starts = sorted((a.line, position) for position, a in enumerate(found))
    numbers = [line for line, _ in starts]
    result: dict[int, int] = {}
    for index, anchor in enumerate(anchors):
        if anchor.annotation_key and anchor.annotation_key in keys:
            result[index] = keys[anchor.annotation_key]
            continue
        at = bisect_right(numbers, anchor.line) - 1
        if at < 0:
            continue
        position = starts[at][1]
        nearest = found[position]
        same_link = nearest.link is not None and html.unescape(nearest.link) == anchor.url
        if nearest.line == anchor.line or same_link:
            result[index] = position
    return result


def parse(
    note: SourceNote, anchors: list[Anchor], found: list[Annotation], problems: list[Problem]
) -> Reading:
    """Annotations for the anchors of `note` that the template readers' `found` do not hold
    (nor skipped with one of their `problems`)."""
    taken = claimed(anchors, found)
    if len(taken) == len(anchors):
        return Reading()
    walk = _Walk(note, anchors, taken, found)
    for index in range(len(anchors)):
        walk.step(index)
    reading = walk.reading
    reading.held = [(first, last) for first, last, _ in walk.regions]
    read = link_roles.without_type_labels(reading.annotations)
    reading.annotations = _grouped(note, read, walk.regions)
    reading.annotations += _loose_images(note, anchors, [*found, *reading.annotations],
                                         walk.covered)
    _settle(reading, anchors, taken, found, problems)
    return reading


class _Walk:
    """The anchors of a note, taken in order: where the next one's text may start, and what
    the previous one read (mutable, local to one `parse`)."""

    def __init__(self, note: SourceNote, anchors: list[Anchor], taken: dict[int, int],
                 found: list[Annotation]) -> None:
        self.lines = note.lines
        self.anchors = anchors
        self.taken = taken
        self.covered = _covered(anchors, taken, found)
        self.template_lines = sorted({a.line - 1 for a in found})
        self.floor = note.body_start
        self.regions: list[tuple[int, int, int]] = []
        self.embeds: set[int] = set()
        self.boilerplate = link_roles.boilerplate_labels(anchors)
        self.previous: tuple[Anchor, Annotation] | None = None
        self.reading = Reading()
        self.below: bool | None = None  # whether the links open the quote below them

    def step(self, index: int) -> None:
        """Read anchor `index`, or note why not."""
        anchor, line = self.anchors[index], self.anchors[index].line - 1
        others = [a for a in self.anchors if a.line == anchor.line and a is not anchor]
        ceiling = _ceiling(self.anchors, index, self.template_lines, len(self.lines))
        if self.below is None and index not in self.taken:  # the note's first link decides
            bare = lines.Around(self.lines, min(self.floor, line), ceiling, self.covered)
            self.below = proximity.quote_first(anchor, others, bare)
        loose, between = _next_has_own_text(self.anchors, index, self.taken, self.lines,
                                            bool(self.below))
        around = lines.Around(self.lines, min(self.floor, line), ceiling, self.covered, loose,
                              between, bool(self.below))
        if index in self.taken:
            # The template reader's annotation ends with its marked comment, if any.
            _, last = comments.below(None, line, lines.parse(self.lines[line]), around)
            self.floor, self.previous = max(self.floor, last + 1), None
            return
        if proximity.in_own_sentence(anchor, others, self.lines[line]):
            self.reading.references.append(anchor)
            return
        unlabelled = replace(anchor, label=None) if anchor.label in self.boilerplate else anchor
        if self.previous is not None and link_roles.same_id(self.previous[0], anchor):
            # a second link of the annotation before, with its comment: no paragraph apart
            # after it is more of that comment
            around = replace(around, loose=False, between=False)
        embed = image_parts.embedded(anchor, self.lines[line])
        seen = proximity.read(unlabelled, others, around) if embed is None else proximity.Found(
            line, line, "", embed, None, None, None, None, image_parts.EMBED)
        repeats = self.previous is not None and link_roles.repeats(self.previous[0], anchor, seen)
        if self.previous is None and link_roles.notes_only(anchor):
            self._unread(anchor, "a link to a note, with no highlight before it")
        elif lines.comment_callout(self.lines[line]):
            # `> [!info] Comment [(Go to Comment)](…)`: Zotero's sticky note, no highlight
            self._unread(anchor, "a note of its own (a callout titled as a comment)")
        elif seen is None and repeats:
            pass  # the same annotation linked again, with nothing new next to it
        elif seen is None or not (seen.text or seen.image):
            self._unread(anchor, "nothing next to it reads as a highlight")
        elif repeats:
            self._comment(seen, anchor)
        elif link_roles.names_a_note(seen.label, self.lines[line]):
            # `- **Standalone Note:** words [(Page 14)](…)`: the same, by its type label
            self._unread(anchor, "a note of its own (labelled as a note)")
        elif any(first <= seen.first <= last and at not in self.embeds
                 for first, last, at in self.regions) or seen.first in self.template_lines:
            self._unread(anchor, "its text is another annotation's")
        else:
            self._keep(anchor, seen)

    def _unread(self, anchor: Anchor, reason: str) -> None:
        self.reading.unread.append(Unread(anchor, reason))

    def _comment(self, seen: proximity.Found, anchor: Anchor) -> None:
        """The same annotation linked again right after it: what is next to it is its comment
        (and the PDF it is in, when only the second link names it: an image's embed, then the
        link to its page)."""
        assert self.previous is not None
        earlier = self.previous[1]
        added = [lines.comment_label(seen.text), seen.comment or ""]
        comment = "\n".join(filter(None, [earlier.comment, *added]))
        updated = replace(earlier, comment=comment or None)
        if seen.image and not earlier.image:
            # Its second link carries its image (bibnotes writes an image's comment, with a
            # link, above it): an image annotation, and the words read first its comment.
            said = common.comment_text([p for p in [earlier.raw_text, earlier.comment, *added]
                                        if p])
            updated = replace(earlier, text="", raw_text="", image=seen.image, comment=said)
        if earlier.attachment_key is None and anchor.attachment_key is not None:
            linked = _annotation(anchor, seen)
            updated = replace(updated, attachment_key=anchor.attachment_key, link=linked.link,
                              page_label=earlier.page_label or linked.page_label,
                              page_index=linked.page_index)
        annotations = self.reading.annotations
        annotations[annotations.index(earlier)] = updated
        self.previous = (self.previous[0], updated)
        self.floor = seen.last + 1

    def _keep(self, anchor: Anchor, seen: proximity.Found) -> None:
        """A new annotation, found next to `anchor`."""
        annotation = _annotation(anchor, seen)
        self.reading.how[annotation.line] = seen.how
        if seen.how == image_parts.EMBED:  # what follows on its line is no part of it
            self.embeds.add(len(self.reading.annotations))
        self.regions.append((seen.first, seen.last, len(self.reading.annotations)))
        self.reading.annotations.append(annotation)
        self.previous = (anchor, annotation)
        self.floor = seen.last + 1
        self.covered.update(range(seen.first, seen.last + 1))


def _loose_images(note: SourceNote, anchors: list[Anchor], read: list[Annotation],
                  covered: set[int]) -> list[Annotation]:
    """Images Zotero exported, embedded between anchored annotations with no link of their own
    (a template that writes the link with the text writes none for an image, which has no
    text): image annotations, each with the plain line right below it as its comment."""
    taken = {a.image for a in read if a.image}
    texts = {a.line - 1 for a in read}
    starts = sorted({a.line - 1 for a in anchors} | texts)
    found: list[Annotation] = []
    for at in range(anchors[0].line, anchors[-1].line - 1):
        image = common.bare_image(note.lines[at])
        if image is None or image in taken or at in covered:
            continue
        ceiling = starts[bisect_right(starts, at)]  # the last anchor's line is always later
        # When the next annotation's text starts there, a paragraph before it after a blank
        # line is none of its text: the image's comment.
        around = lines.Around(note.lines, at, ceiling, covered, loose=True,
                              between=ceiling in texts)
        comment, _ = comments.below(None, at, lines.parse(note.lines[at]), around)
        annotation = common.build(at + 1, "", comment=comment, image=image)
        found.append(replace(annotation, reader=IMAGES))
    return found


def _settle(reading: Reading, anchors: list[Anchor], taken: dict[int, int],
            found: list[Annotation], problems: list[Problem]) -> None:
    """A template reader that skipped an annotation with a warning (`annotation has no text;
    skipped`) has told the user about its anchor: it is not unread too. Where the anchored
    reader did read such an anchor (a ZotFile note after a highlight it read), the warning
    goes."""
    starts = sorted(a.line for a in found)
    read = {u.anchor.line for u in reading.unread}
    kept_lines = {a.line for a in reading.annotations}
    for problem in list(problems):
        if problem.line is None or not problem.message.endswith("skipped"):
            continue
        after = bisect_right(starts, problem.line)
        limit = starts[after] if after < len(starts) else None
        index = next((i for i, a in enumerate(anchors) if a.line >= problem.line), None)
        if index is None or index in taken or (limit is not None and anchors[index].line >= limit):
            continue
        anchor = anchors[index]
        if anchor.line in read:
            reading.unread = [u for u in reading.unread if u.anchor is not anchor]
        elif anchor.line not in kept_lines:
            problems.remove(problem)  # the anchored reader took it, as a comment


def _covered(anchors: list[Anchor], taken: dict[int, int], found: list[Annotation]) -> set[int]:
    """0-based lines no anchor's text may take: every anchor's, and those the template readers'
    annotations hold (from each one's first line to the anchor it was found by)."""
    covered = {a.line - 1 for a in found} | {a.line - 1 for a in anchors}
    for index, position in taken.items():
        if position < 0:
            covered.add(anchors[index].line - 1)
            continue
        start = found[position].line - 1
        covered.update(range(min(start, anchors[index].line - 1), anchors[index].line))
    return covered


def _ceiling(anchors: list[Anchor], index: int, template_lines: list[int], count: int) -> int:
    """The line the anchor's text and comment never reach: the next anchor's or annotation's."""
    anchor = anchors[index]
    after = [a.line - 1 for a in anchors[index + 1 :] if a.line != anchor.line]
    if any(a.line == anchor.line and a.start > anchor.start for a in anchors):
        return anchor.line  # another annotation follows on the line: no comment below
    at = bisect_right(template_lines, anchor.line - 1)
    later = template_lines[at] if at < len(template_lines) else count
    return min([later, *after[:1], count])


def _next_has_own_text(
    anchors: list[Anchor], index: int, taken: dict[int, int], note_lines: list[str],
    below: bool,
) -> tuple[bool, bool]:
    """Whether no later anchor needs text from above its line, and whether there is one."""
    line = anchors[index].line
    later = next((i for i in range(index + 1, len(anchors)) if anchors[i].line != line), None)
    if later is None:
        return True, False
    following = anchors[later]
    others = [a for a in anchors if a.line == following.line and a is not following]
    own = later in taken or proximity.has_own_text(following, others, note_lines, below)
    return own, own


def _annotation(anchor: Anchor, seen: proximity.Found) -> Annotation:
    """The annotation an anchor and what was found next to it make."""
    url = anchor.url if anchor.url and anchor.url.lower().startswith(("zotero:", "file:")) else None
    if url is None and anchor.attachment_key and anchor.annotation_key:
        page = anchor.page_index if anchor.page_index is not None else ""
        url = (f"zotero://open-pdf/library/items/{anchor.attachment_key}?page={page}"
               f"&annotation={anchor.annotation_key}")
    index, text = anchor.page_index, common.unmarked(seen.text)
    return Annotation(
        line=seen.first + 1,
        text=text,
        raw_text=text,
        label=seen.label,
        colour=seen.colour,
        page_label=anchor.page_label or seen.page or (str(index) if index is not None else None),
        page_index=index,
        attachment_key=anchor.attachment_key,
        annotation_key=anchor.annotation_key,
        link=url,
        comment=seen.comment,
        image=seen.image,
        reader=NAME,
    )


def _grouped(
    note: SourceNote, found: list[Annotation], regions: list[tuple[int, int, int]]
) -> list[Annotation]:
    """Labels and colours from the headings that group annotations (`#### 🟡 Important`)."""
    if not found:
        return found
    group = meaning.Group()
    starts = {first: (last, position) for first, last, position in regions}
    at = note.body_start
    note_lines = note.lines
    while at < len(note_lines):
        if at in starts:
            last, position = starts[at]
            group.join(position)
            at = last + 1
            continue
        heading = common.HEADING.match(note_lines[at])
        if heading is None or page_in_text(heading.group("title")) is None:
            group.see(note_lines[at], at + 1)  # `### Page 41` names no group
        at += 1
    return group.apply(found)
