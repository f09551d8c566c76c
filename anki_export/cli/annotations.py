"""`anki-export annotations` and `anki-export explain`: what was read in the notes, and why.

`annotations` lists every annotation read (one JSON object each with `--format json`);
`explain NOTE` goes through one note line by line: which reader took which annotation and what
it found, its cards or why none, and the annotation links that nothing took.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from anki_export import report
from anki_export.cards.rules import NO_CARD, NO_IMAGE, VETOED, make_cards
from anki_export.cards.vault import note_files
from anki_export.cli.common import config_for, print_warnings, speaks_unicode, user_errors
from anki_export.cli.group import PATHS, cli
from anki_export.config import Config
from anki_export.errors import ExportError, Problem
from anki_export.read.annotation import Annotation
from anki_export.read.annotations import NoteReading, read_note_annotations
from anki_export.read.discover import find_vault, read_note
from anki_export.read.images import resolve_images
from anki_export.read.notes import SourceNote, is_template

CONFIG = click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
                      help="Config file [default: anki-export.toml in the vault root, else in "
                      "the folder holding the notes].")
WIDTH = 72
"""Characters of a highlight or comment shown on one line."""


@cli.command("annotations")
@PATHS
@click.option("--format", "output_format", type=click.Choice(["table", "json"]),
              default="table", show_default=True, help="How to list the annotations.")
@CONFIG
@click.option("-q", "--quiet", is_flag=True, help="Print only the annotations and warnings.")
def annotations_command(paths: tuple[Path, ...], output_format: str, config_path: Path | None,
                        quiet: bool) -> None:
    """List every annotation read in the notes, writing nothing.

    One line (or JSON object) per annotation: file, line, kind, text, comment, colour, label,
    role, page, annotation key, and the reader that found it. Notes holding annotation links
    that no reader took are warned about: anki-export explain NOTE shows why.
    """
    with user_errors():
        config = config_for(paths, {"config_path": config_path, "deck": None})
        files, problems = note_files(paths)
        rows: list[dict[str, Any]] = []
        unread = 0
        for path in files:
            reading = _reading(path, config, problems)
            if reading is None:
                continue
            rows += [report.annotation_json(path, a) for a in reading.annotations]
            problems += reading.problems
            unread += bool(reading.unread)
        if output_format == "json":
            click.echo(json.dumps(rows, indent=2, ensure_ascii=not speaks_unicode(sys.stdout)))
        else:
            for row in rows:
                click.echo(report.annotation_row(row))
        print_warnings(problems)
        if not quiet and output_format == "table":
            readers = ", ".join(f"{n} {name}" for name, n in Counter(
                row["reader"] for row in rows).most_common())
            click.echo(f"{len(rows)} annotation(s) in {len(files)} note file(s)"
                       + (f" (by reader: {readers})" if readers else "") + f"; {unread} note(s) "
                       "hold annotation links that were not read.")


@cli.command("explain")
@click.argument("note_path", metavar="NOTE", type=click.Path(path_type=Path, dir_okay=False,
                                                               exists=True))
@CONFIG
def explain_command(note_path: Path, config_path: Path | None) -> None:
    """Show line by line what was read in NOTE, and why.

    For each annotation: the reader that took it and what it found (text, comment, colour,
    label, page, key), then its cards or why it has none. For each annotation link that no
    reader took: where it is and why. Paste it into a report when a template is not read.
    """
    with user_errors():
        config = config_for([note_path], {"config_path": config_path, "deck": None})
        note = read_note(note_path)
        if is_template(note.text):
            raise ExportError("this is a template file (it holds {{…}} or {% … %} tags): "
                              "templates are skipped", note_path)
        reading = read_note_annotations(note, config)
        annotations, image_problems = resolve_images(reading.annotations, note,
                                                     find_vault(note_path))
        problems: list[Problem] = [*reading.problems, *image_problems]
        cards = _cards(note, annotations, config, problems)
        click.echo(_heading(note_path, reading))
        entries = [(a.line, _annotation_lines(a, reading, cards, problems)) for a in annotations]
        entries += [(u.anchor.line, [f"line {u.anchor.line}  not read: {_short(u.anchor.markup)}",
                                     f"    why: {u.reason}"]) for u in reading.unread]
        unread = {id(u.anchor) for u in reading.unread}
        entries += [(a.line, [f"line {a.line}  a reference, not an annotation: {_short(a.markup)}",
                              "    why: a page link inside a sentence of the note's own"])
                    for a in reading.references if id(a) not in unread]
        for _, block in sorted(entries, key=lambda entry: entry[0]):
            click.echo("\n".join(block))
        if note.excluded:
            click.echo("The note says anki-skip: true, so none of these cards is built.")
        print_warnings(problems)


def _reading(path: Path, config: Config, problems: list[Problem]) -> NoteReading | None:
    """What was read in one note file; None for a template or a file that cannot be read."""
    try:
        note = read_note(path)
    except ExportError as error:
        problems.append(Problem(f"{error.message}; skipped", error.path, error.line))
        return None
    return None if is_template(note.text) else read_note_annotations(note, config)


def _cards(note: SourceNote, annotations: list[Annotation], config: Config,
           problems: list[Problem]) -> dict[int, list[str]]:
    """Each annotation's cards (by its line), or why it has none."""
    reasons: dict[int, str] = {}
    made, skipped = make_cards(note, annotations, config, problems, reasons)
    result: dict[int, list[str]] = {}
    for card in made:
        back = card.answer if card.kind == "qa" else " / ".join(card.hidden())
        result.setdefault(card.annotation.line, []).append(
            f"    card ({card.kind}, {card.rule}): {_short(report.first_field(card.front))}"
            + (f"  →  {_short(back, 40)}" if back else ""))
    for annotation in skipped:
        why = reasons.get(annotation.line) or _why_none(annotation)
        result.setdefault(annotation.line, []).append(f"    no card: {why}")
    return result


def _why_none(annotation: Annotation) -> str:
    """Why the card rules made no card of an annotation."""
    return {
        VETOED: "vetoed (anki: skip in its comment, or its key or GUID in `skip`)",
        NO_IMAGE: "its image file was not found",
        NO_CARD: "nothing worth asking in it (see the warning on its line)",
    }.get(annotation.role, f"its role '{annotation.role}' makes no card (skip_roles)")


def _heading(path: Path, reading: NoteReading) -> str:
    """What the note holds, in one line."""
    readers = Counter(a.reader for a in reading.annotations)
    by = ", ".join(f"{name} {n}" for name, n in readers.most_common())
    return (f"{path}: {len(reading.anchors)} annotation link(s) or id(s); "
            f"{len(reading.annotations)} annotation(s) read" + (f" ({by})" if by else "")
            + f"; {len(reading.unread)} link(s) not read.")


def _annotation_lines(annotation: Annotation, reading: NoteReading,
                      cards: dict[int, list[str]], problems: Sequence[Problem]) -> list[str]:
    """One annotation: who read it, what it found, its cards, its warnings."""
    how = reading.how.get(annotation.line)
    facts = [report.annotation_kind(annotation), annotation.colour,
             f'label "{annotation.label}"' if annotation.label else None,
             f"role {annotation.role}",
             f"p. {annotation.page_label}" if annotation.page_label else None,
             f"key {annotation.annotation_key}" if annotation.annotation_key else "no key"]
    lines = [f"line {annotation.line}  {annotation.reader}"
             + (f" (text: {how})" if how else "") + ": " + ", ".join(filter(None, facts))]
    if annotation.text:
        lines.append(f"    text: {_short(annotation.text)}")
    if annotation.image:
        lines.append(f"    image: {annotation.image}")
    if annotation.comment:
        lines.append(f"    comment: {_short(annotation.comment)}")
    lines += cards.get(annotation.line, [])
    lines += [f"    warning: {p.message}" for p in problems if p.line == annotation.line]
    return lines


def _short(text: str, width: int = WIDTH) -> str:
    """`text` on one line, cut to `width` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "\u2026"
