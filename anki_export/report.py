"""The text the command line prints: build summaries, plan counts, card rows, quality figures.

Input: a `Build`, `Plan`, `Card`, quality `Report` or `ImportSummary`. Output: plain strings
(printing is the cli's).
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from anki_export.cards.card import Card
from anki_export.cards.judging.shown import PATTERNS
from anki_export.cards.tally import Build
from anki_export.deck.decks import ORPHAN_TAG, RETIRED_TAG
from anki_export.deck.package import anki_note
from anki_export.read.annotation import Annotation
from anki_export.state.update import Plan

if TYPE_CHECKING:
    from anki_export.anki.importer import ImportSummary
    from anki_export.anki.skipped import FileImportCheck
    from anki_export.cards import quality


def summary(result: Build) -> str:
    """A few lines that say what was read and made."""
    roles = result.cards_by_role()
    unread_empty = result.unread_empty
    lines = [
        f"Read {len(result.files)} note file(s): {result.count('annotated')} with annotations, "
        f"{result.count('empty') - unread_empty} without"
        + (f", {unread_empty} whose annotation links could not be read" if unread_empty
           else "")
        + (f", {result.count('template')} template(s) skipped" if result.count("template")
           else "") + ".",
    ]
    if result.unread_notes:
        lines.append(f"{result.unread_notes} note(s) hold annotation links that were not read "
                     "(see the warnings; anki-export explain NOTE shows why).")
    lines += [
        f"{result.first_read} note(s) read for the first time (not in the state of earlier "
        "builds).",
        f"{result.annotations} annotation(s) → {result.note_count} Anki note(s).",
    ]
    lines += [f"  {role}: {count}" for role, count in sorted(roles.items())]
    if result.skipped:
        skipped = ", ".join(f"{n} {role}" for role, n in sorted(result.skipped.items()))
        lines.append(f"No cards for: {skipped} (skip_roles and vetoes: see the README; "
                     "anki-export explain NOTE says why for each).")
    if result.keyless:
        lines.append(f"{result.keyless} annotation(s) have no Zotero annotation key: their "
                     "identity comes from their text and page, so rewriting one makes a new card.")
    lines.append(f"{len(result.problems)} warning(s).")
    return "\n".join(lines)


def plan_summary(plan: Plan) -> str:
    """Counts of what importing the deck does, and how to find orphaned and retired notes."""
    counts = {s: plan.count(s) for s in ("new", "updated", "unchanged", "orphaned", "retired")}
    line = ", ".join(f"{n} {status}" for status, n in counts.items())
    text = f"Compared with the last build: {line}."
    if counts["orphaned"]:
        text += (f"\nOrphaned notes lost their annotation; find them in Anki with "
                 f"tag:{ORPHAN_TAG} and delete or keep them.")
    if counts["retired"]:
        text += (f"\nRetired notes are no longer made from highlights still in your notes (the "
                 "card rules changed, or a highlight was edited, relabelled or given an "
                 f"override); they keep their history: find them in Anki with tag:{RETIRED_TAG} "
                 "and delete or keep them.")
    return text


def quality_summary(report: quality.Report, warnings: int) -> str:
    """The figures of `cards --check`, then each finding with its source line; what a reader
    would hold against the cards comes last, per source, each with the card's front."""
    rules = ", ".join(f"{rule} {n}" for rule, n in sorted(report.by_rule.items()))
    hard = sum(1 for f in report.findings if f.hard)
    mechanical = [f for f in report.findings if not f.pattern]
    read = [f for f in report.findings if f.pattern]
    lines = [
        f"Quality check: {report.notes} notes, {report.cards} cards.",
        f"  by rule: {rules or 'none'}",
        f"  findings: {hard} hard, {len(report.findings) - hard} soft",
    ]
    for finding in mechanical:
        where = f"{finding.card.source.path}:{finding.card.annotation.line}"
        lines.append(f"    {'HARD' if finding.hard else 'soft'} {where}: {finding.message}")
    flagged = _flagged_cards(read)
    patterns = Counter(f.pattern for f in read)
    kinds = ", ".join(f"{p} {patterns[p]}" for p in PATTERNS if patterns[p]) or "none"
    lines.append(f"  read as a reader: {len(flagged)} of {report.cards} cards flagged ({kinds})")
    for path, findings in _by_source(read).items():
        cards = report.cards_by_source.get(path, 0)
        lines.append(f"    {path}: {len(_flagged_cards(findings))} of {cards} cards flagged")
        for finding in findings:
            lines.append(f"      soft {path}:{finding.card.annotation.line}: {finding.message}")
            lines.append(f"           {finding.front}  →  {finding.answer}")
    lines.append(f"  cards with damaged text (U+FFFD) left: {report.damaged}")
    lines.append(f"  warnings: {warnings}")
    return "\n".join(lines)


def quality_json(report: quality.Report, warnings: int) -> dict[str, object]:
    """The figures and findings of `cards --check --format json`."""
    read = [f for f in report.findings if f.pattern]
    return {
        "notes": report.notes,
        "cards": report.cards,
        "by_rule": dict(sorted(report.by_rule.items())),
        "damaged": report.damaged,
        "warnings": warnings,
        "flagged_cards": len(_flagged_cards(read)),
        "sources": [
            {"source": str(path), "cards": report.cards_by_source.get(path, 0),
             "flagged_cards": len(_flagged_cards(findings))}
            for path, findings in _by_source(read).items()
        ],
        "findings": [_finding_json(f) for f in report.findings],
    }


def _finding_json(finding: quality.Finding) -> dict[str, object]:
    """One finding of `cards --check --format json`."""
    row: dict[str, object] = {
        "source": f"{finding.card.source.path}:{finding.card.annotation.line}",
        "guid": finding.card.guid,
        "hard": finding.hard,
        "message": finding.message,
    }
    if finding.pattern:
        row |= {"pattern": finding.pattern, "card": finding.label, "front": finding.front,
                "answer": finding.answer}
    return row


def _flagged_cards(findings: list[quality.Finding]) -> set[tuple[str, str]]:
    """The Anki cards (note GUID, card) the findings are about."""
    return {(f.card.guid, f.label) for f in findings}


def _by_source(findings: list[quality.Finding]) -> dict[Path, list[quality.Finding]]:
    """Findings grouped by the note they came from, in the order first met."""
    grouped: dict[Path, list[quality.Finding]] = {}
    for finding in findings:
        grouped.setdefault(finding.card.source.path, []).append(finding)
    return grouped


def first_field(field: str) -> str:
    """A note's first field as one short line of plain text (cloze markup removed)."""
    text = re.sub(r"\{\{c\d+::(.*?)\}\}", r"\1", field, flags=re.S)
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())
    return text if len(text) <= 70 else text[:69] + "…"


def card_row(card: Card) -> str:
    """One line of the `cards` table."""
    where = f"{card.source.path}:{card.annotation.line}"
    back = card.answer if card.kind == "qa" else " / ".join(card.hidden())
    return f"{where}  {card.annotation.role:<20} {card.kind:<5}  {card.front}  →  {back}"


def card_json(card: Card, parent_deck: str) -> dict[str, object]:
    """One note of `cards --format json`."""
    note = anki_note(card, parent_deck)
    return {
        "guid": note.guid,
        "note_type": note.note_type.name,
        "fields": dict(zip(note.note_type.fields, note.fields, strict=True)),
        "tags": list(note.tags),
        "deck": note.deck,
        "role": card.annotation.role,
        "rule": card.rule,
        "source": f"{card.source.path}:{card.annotation.line}",
    }


def annotation_kind(annotation: Annotation) -> str:
    """`image`, `note` (a comment with no highlighted text) or `highlight`."""
    if annotation.image:
        return "image"
    return "note" if not annotation.raw_text.strip() and annotation.comment else "highlight"


def annotation_json(path: Path, annotation: Annotation) -> dict[str, object]:
    """One annotation of `annotations --format json`."""
    page = annotation.page_label or (
        str(annotation.page_index) if annotation.page_index is not None else None)
    return {
        "file": str(path),
        "line": annotation.line,
        "kind": annotation_kind(annotation),
        "text": annotation.text,
        "comment": annotation.comment,
        "colour": annotation.colour,
        "label": annotation.label,
        "role": annotation.role,
        "page": page,
        "key": annotation.annotation_key,
        "reader": annotation.reader,
    }


def annotation_row(row: dict[str, object]) -> str:
    """One line of the `annotations` table, from its JSON object."""
    text = " ".join(str(row["text"] or "").split())
    text = text if len(text) <= 60 else text[:59] + "…"
    comment = " ".join(str(row["comment"] or "").split())
    comment = f"  // {comment[:39]}{'…' if len(comment) > 39 else ''}" if comment else ""
    where = f"{row['file']}:{row['line']}"
    return (f"{where}  {row['reader']:<14} {row['kind']:<9} {row['colour'] or '-':<7} "
            f"{row['role']:<20} {text or '(image)'}{comment}")


def import_log(deck: Path, collection: Path, result: ImportSummary, keep_backups: int) -> str:
    """What `anki-export import` did: Anki's own counts, then what anki-export did on top."""
    lines = [
        f"Imported {deck} into {collection}: {result.new} new, {result.updated} updated, "
        f"{result.duplicate} unchanged, {result.conflicting} conflicting; {result.suspended} "
        f"card(s) suspended, {result.unsuspended} unsuspended; your tags kept on "
        f"{result.tags_kept} note(s).",
    ]
    lines += _listed(f"{len(result.forced)} note(s) updated although edited in Anki since:",
                     result.forced)
    lines += _listed(f"{len(result.unrecorded)} note(s) differ from this deck and were changed in "
                     "Anki after it was built, with no earlier anki-export import of them on "
                     "record: kept as they are (--overwrite-edits replaces them):",
                     result.unrecorded)
    if result.edits_kept:
        lines.append(f"{result.edits_kept} note(s) you edited in Anki keep your edit: their "
                     "content in the deck did not change since it last reached Anki.")
    removed = (f" ({result.backups_removed} older backup(s) removed, keeping the last "
               f"{keep_backups})" if result.backups_removed else "")
    if result.backup is not None:
        lines.append(f"Backup: {result.backup}{removed}")
    else:
        lines.append(f"No backup taken (--keep-backups 0){removed}.")
    return "\n".join(lines)


LISTED = 20
"""Notes listed by name in a message; the rest are counted."""


def _listed(header: str, first_fields: Sequence[str]) -> list[str]:
    """`header`, then one line per note (its first field, short), or nothing for no notes."""
    if not first_fields:
        return []
    lines = [header, *(f"  {first_field(text)}" for text in first_fields[:LISTED])]
    if len(first_fields) > LISTED:
        lines.append(f"  … and {len(first_fields) - LISTED} more")
    return lines


def file_import_skips(check: FileImportCheck) -> str:
    """`plan --collection`: the notes Anki's File > Import would skip although they changed."""
    lines = []
    for skip in check.skipped:
        status, why = (("skipped", "changed; edited in Anki after its build")
                       if skip.verdict == "changed" else
                       ("differs", "edited in Anki after its build; no import of it on record"))
        lines.append(f"{status:<9} {skip.where}  {first_field(skip.text)}  ({why})")
    changed = sum(1 for skip in check.skipped if skip.verdict == "changed")
    unrecorded = len(check.skipped) - changed
    if changed:
        lines.append(f"File › Import into {check.collection} would skip {changed} note(s) whose "
                     "content changed since it last reached the collection: they were changed in "
                     "Anki after their build, so Anki finds them not newer. Run anki-export "
                     "import instead: it updates them and keeps your tags.")
    else:
        lines.append(f"File › Import into {check.collection} skips no note whose content changed.")
    if unrecorded:
        lines.append(f"{unrecorded} note(s) differ from the deck and were changed in Anki after "
                     "their build, with no anki-export import of them on record: both File › "
                     "Import and anki-export import keep them as they are; anki-export import "
                     "--overwrite-edits gives them the deck's version.")
    if check.edits_kept:
        lines.append(f"{check.edits_kept} note(s) you edited in Anki keep your edit: their "
                     "content in the deck did not change since it last reached Anki.")
    return "\n".join(lines)
