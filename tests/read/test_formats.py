"""Every note shape of `note-formats.md`, read as a person reads it.

Each `tests/fixtures/formats/<shape>.md` is a note written in one shape, and beside it
`<shape>.expected.json` lists, by hand, the annotations a correct reader finds there: a
specification, not a golden file, so never regenerate one from the program's output. Fields:

- `line`: where the annotation begins (its callout header, list item or first line of text);
- `text`: the highlighted passage as the note has it (PDF damage and the reader's `==…==` kept),
  without wrapping quotes, `<mark>`/`<span>` tags, list or quote markers, link or page reference;
  compared after whitespace normalisation;
- `comment`: the reader's own words, without the markers around them (`%%`, `**`, `Comment:`,
  bullets), whitespace-normalised; `colour`: Zotero palette name; `label`; `page`: the printed
  page the note shows; `key`: the annotation id of its link or block id; `image` for images.

`not-annotations-*` fixtures hold what is no annotation (abstracts, metadata, the reader's own
prose, lists and references, `==…==` and `<mark>` outside highlights): their lists hold only the
real annotations in them, often none.

A fixture the readers cannot read yet is marked `xfail(strict=True)` with what is missing: once
it passes, the marker must go. `python -m tests.read.test_formats` prints, per fixture, how many
expected annotations and comments the readers find and what they read that is no annotation.
When these fixtures were written, the template readers found 51 of the 82 expected annotations
with their text and 26 of the 42 comments, and read 6 things that are no annotation (a metadata
callout, a template snippet, four "Highlight" label lines of shape 11). With the quoted-list
reader and the fixes that came with it: 63 of 82, 32 of 42, and nothing that is no annotation.
With the link-anchored reader: 81 of 82 with their text, 42 of 42 comments, and one paragraph
read as a highlight of its own that is the first half of the next one (`MISSING` says what is
left). With the fixtures of image annotations in callouts, lists and between anchored ones, and
of ZotLit's labelled callouts: 105 of 106 and 55 of 55. With the entries of notes with no link
at all (`unlinked-*`: page paragraphs, quoted ZotLit lists, blockquote runs): 247 of 248 and
135 of 135. With entries under page headings, bracketed pages and cited quotes that mark a note
without an annotations heading, lists under a page callout and a lone image with its citation
line, exports that name themselves in their frontmatter, and a blockquote between its comment and
its citation paragraphs: 278 of 279 and 151 of 151. With set-h's shapes (labelled-field records,
spaced entries with indented or wikilink comments, comment callouts, comment-first templates,
words glued to a link, Hypothesis annotation bullets): 325 of 326 and 179 of 179. With set-i's
notes without links (marked items citing their page, highlights under a `**Highlights**:` item,
numbered entry headings, entries closed by a page line, item page links and glued entries):
341 of 342 and 189 of 189.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from anki_export.read.annotation import Annotation
from anki_export.read.annotations import read_annotations
from anki_export.read.config_file import load_config
from anki_export.read.discover import read_note
from tests.conftest import FIXTURES

FORMATS = FIXTURES / "formats"
NOTES = sorted(FORMATS.glob("*.md"))
FIELDS = ("line", "text", "comment", "colour", "label", "page", "key", "image")

MISSING: dict[str, str] = {
    "text-first-paragraphs-links-after": (
        "a highlight that runs over two paragraphs, the last holding its text and its link: "
        "the link-anchored reader takes only the paragraph on the link's line"),
    "highlightr-label-line-after-text": (
        "ids that are not Zotero keys (highlight-p1x380y464) are anchors but not identities: "
        "an Annotation keeps only Zotero keys, so `key` reads None"),
}


@dataclass(frozen=True, slots=True)
class Tally:
    """How much of one fixture's expectation the readers met."""

    expected: int
    found: int
    comments: int
    comments_found: int
    extra: int
    mismatches: tuple[str, ...]


def _cases() -> list[Any]:
    return [
        pytest.param(path, id=path.stem, marks=(
            [pytest.mark.xfail(strict=True, reason=MISSING[path.stem])]
            if path.stem in MISSING else []))
        for path in NOTES
    ]


@pytest.mark.parametrize("path", _cases())
def test_note_yields_the_annotations_a_person_reads_in_it(path: Path) -> None:
    tally = check(path)
    assert not tally.mismatches, f"{path.name}:\n" + "\n".join(tally.mismatches)


def test_every_fixture_has_its_expectation_and_every_shape_a_fixture() -> None:
    assert all(p.with_suffix(".expected.json").exists() for p in NOTES)
    assert len(list(FORMATS.glob("*.expected.json"))) == len(NOTES)
    shapes = {json.loads(p.with_suffix(".expected.json").read_text("utf-8"))["shape"]
              .split(":")[0] for p in NOTES}
    # note-formats.md: the primary shape, its twelve other shapes; and the negative cases
    assert shapes >= {"primary", *map(str, range(1, 13)), "quoted list", "negative"}
    assert set(MISSING) <= {p.stem for p in NOTES}


def test_the_readers_find_at_least_what_they_found_when_the_fixtures_were_written() -> None:
    tallies = [check(path) for path in NOTES]
    assert sum(t.found for t in tallies) >= 341
    assert sum(t.comments_found for t in tallies) >= 189
    assert sum(t.extra for t in tallies) <= 1  # text-first-paragraphs: one paragraph of two


def check(path: Path) -> Tally:
    """Read the fixture at `path` and compare with its expectation, field by field."""
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    wanted = [_with_defaults(entry) for entry in expected["annotations"]]
    found, _ = read_annotations(read_note(path), load_config(None))
    pairs, missing, extra = _pair(wanted, [_fields(a) for a in found])
    mismatches = [f"line {w['line']}: not read ({_short(w['text'] or w['image'])})"
                  for w in missing]
    mismatches += [f"line {f['line']}: read but no annotation ({_short(f['text'])})"
                   for f in extra]
    for want, got in pairs:
        mismatches += [
            f"line {want['line']}: {name} is {got[name]!r}, expected {want[name]!r}"
            for name in FIELDS if _normal(got[name]) != _normal(want[name])
        ]
    return Tally(
        expected=len(wanted),
        found=sum(1 for w, g in pairs if _same_passage(w, g)),
        comments=sum(1 for w in wanted if w["comment"]),
        comments_found=sum(1 for w, g in pairs
                           if w["comment"] and _normal(w["comment"]) == _normal(g["comment"])),
        extra=len(extra),
        mismatches=tuple(mismatches),
    )


def _with_defaults(entry: dict[str, Any]) -> dict[str, Any]:
    return {name: entry.get(name) for name in FIELDS}


def _fields(annotation: Annotation) -> dict[str, Any]:
    """The fields an expectation names, from what a reader found."""
    page = annotation.page_label
    if page is None and annotation.page_index is not None:
        page = str(annotation.page_index)
    return {
        "line": annotation.line, "text": annotation.raw_text, "comment": annotation.comment,
        "colour": annotation.colour, "label": annotation.label, "page": page,
        "key": annotation.annotation_key, "image": annotation.image,
    }


def _pair(
    wanted: list[dict[str, Any]], found: list[dict[str, Any]]
) -> tuple[list[tuple[dict[str, Any], dict[str, Any]]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Expected and found annotations paired by line, else by key or passage."""
    pairs = []
    left = list(found)
    missing = []
    for want in wanted:
        match = next((f for f in left if f["line"] == want["line"]), None)
        match = match or next((f for f in left if _same_passage(want, f)), None)
        if match is None:
            missing.append(want)
        else:
            left.remove(match)
            pairs.append((want, match))
    return pairs, missing, left


def _same_passage(want: dict[str, Any], got: dict[str, Any]) -> bool:
    """Whether a found annotation is the expected one: same key, or same text and image."""
    if want["key"] and want["key"] == got["key"]:
        return _normal(want["text"]) == _normal(got["text"])
    return _normal(want["text"]) == _normal(got["text"]) and want["image"] == got["image"]


def _normal(value: Any) -> Any:
    """Strings compared with their whitespace collapsed; an empty string is no value."""
    if isinstance(value, str):
        return " ".join(value.split()) or None
    return value


def _short(text: str | None) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= 50 else text[:47] + "..."


def report() -> str:
    """One line per fixture and the totals: expected annotations and comments found, extras."""
    rows = []
    totals = [0, 0, 0, 0, 0]
    for path in NOTES:
        tally = check(path)
        numbers = (tally.found, tally.expected, tally.comments_found, tally.comments, tally.extra)
        totals = [a + b for a, b in zip(totals, numbers, strict=True)]
        status = "ok" if not tally.mismatches else ("xfail" if path.stem in MISSING else "FAIL")
        rows.append(f"{path.stem:48} {numbers[0]:>2}/{numbers[1]:<2} annotations  "
                    f"{numbers[2]:>2}/{numbers[3]:<2} comments  {numbers[4]} extra  {status}")
    rows.append(f"{'total':48} {totals[0]:>2}/{totals[1]:<2} annotations  "
                f"{totals[2]:>2}/{totals[3]:<2} comments  {totals[4]} extra")
    return "\n".join(rows)


if __name__ == "__main__":
    print(report())
