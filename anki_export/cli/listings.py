"""`anki-export plan`, `preview` and `cards`: look at the next build before importing it."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from anki_export import report
from anki_export.anki.contents import from_anki_note
from anki_export.anki.skipped import FileImportCheck
from anki_export.cli.common import (
    config_for,
    output_guard,
    print_build,
    print_warnings,
    run_pipeline,
    speaks_unicode,
    user_errors,
)
from anki_export.cli.group import FORCE, PATHS, cli, shared_options
from anki_export.errors import ExportError
from anki_export.state.planner import Options


@cli.command("plan")
@PATHS
@click.option("-o", "--output", type=click.Path(path_type=Path), help="The deck you would build "
              "(only checked, never written).")
@click.option("--only-changes", is_flag=True, help="Plan an update deck instead of a full one.")
@click.option("--collection", "collection_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Also list the notes that Anki's File > Import would skip in this "
              "collection.anki2 although they changed (read only; close Anki first).")
@shared_options
def plan_command(paths: tuple[Path, ...], output: Path | None, only_changes: bool,
                 collection_path: Path | None, **options: Any) -> None:
    """Show what importing the next build would do, before anything is written.

    Counts new, updated, unchanged, orphaned and retired notes, lists each change, and warns about
    anything that would cost review history (emptied cloze cards, replaced notes).
    """
    with user_errors():
        guard = output_guard(paths, options, output, "deck", dry_run=True) if output else None
        check = FileImportCheck(collection_path) if collection_path is not None else None
        what = Options(only_changes=only_changes, list_changes=True, observe=None if check is None
                       else lambda entry: check.see(from_anki_note(entry.note, entry.mtime,
                                                                   entry.version_only),
                                                    entry.where))
        planned = run_pipeline(paths, options, what, guard=guard)
        print_build(planned.build, quiet=True, strict=False)
        for change in planned.plan.changes:
            reason = f" ({change.reason})" if change.reason else ""
            text = report.first_field(change.text)
            click.echo(f"{change.status:<9} {change.where}  {text}{reason}")
        for problem in planned.plan.warnings:
            click.echo(f"warning: {problem}", err=True)
        click.echo(report.plan_summary(planned.plan))
        if check is not None:
            check.finish()
            print_warnings(check.problems)
            click.echo(report.file_import_skips(check))
        if options["strict"] and (planned.build.problems or planned.plan.warnings):
            raise ExportError("warnings and --strict given")


@cli.command("preview")
@PATHS
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="The HTML page to write (replaced atomically).")
@FORCE
@shared_options
def preview_command(paths: tuple[Path, ...], output: Path, **options: Any) -> None:
    """Write one HTML page showing every card, front and back, as Anki will show it.

    \b
    Example:
      anki-export preview ~/Vault/Literature -o preview.html
    Open preview.html in any browser; it needs no network and writes no state.
    """
    from anki_export.preview import write_preview  # only this command needs it

    with user_errors():
        guard = output_guard(paths, options, output, "preview")
        previewed = run_pipeline(paths, options, Options(keep_cards=True), guard=guard)
        print_build(previewed.build, options["quiet"], options["strict"])
        write_preview(previewed, output, config_for(paths, options).parent_deck)
        if not options["quiet"]:
            cards = sum(card.anki_cards for card in previewed.build.cards)
            click.echo(f"Wrote {output}: {len(previewed.build.cards)} notes, {cards} cards.")


@cli.command("cards")
@PATHS
@click.option("--format", "output_format", type=click.Choice(["table", "json"]),
              default="table", show_default=True, help="How to list the cards.")
@click.option("--check", is_flag=True, help="Instead of listing the cards, report their "
              "quality (cards by rule, weak clozes, duplicate fronts, damaged text, and what a "
              "reader would hold against each card, per source); exit 1 on an empty cloze or a "
              "duplicate front.")
@shared_options
def cards_command(paths: tuple[Path, ...], output_format: str, check: bool,
                  **options: Any) -> None:
    """List the cards the notes make (numbered as the next build would), writing nothing."""
    from anki_export.cards import quality  # only this command needs it

    with user_errors():
        listed = run_pipeline(paths, options, Options(keep_cards=True)).build
        parent = config_for(paths, options).parent_deck
        if check:
            figures = quality.check(listed.cards)
            print_warnings(listed.problems)
            if output_format == "json":
                checked = report.quality_json(figures, len(listed.problems))
                ascii_only = not speaks_unicode(sys.stdout)
                click.echo(json.dumps(checked, indent=2, ensure_ascii=ascii_only))
            else:
                click.echo(report.quality_summary(figures, len(listed.problems)))
            if figures.failed:
                raise ExportError("quality check failed: see the hard findings above")
            return
        if output_format == "json":
            rows = [report.card_json(card, parent) for card in listed.cards]
            # Lossless on any terminal: characters stdout cannot encode become JSON escapes.
            click.echo(json.dumps(rows, indent=2, ensure_ascii=not speaks_unicode(sys.stdout)))
        else:
            for card in listed.cards:
                click.echo(report.card_row(card))
        print_build(listed, options["quiet"] or output_format == "json", options["strict"])
