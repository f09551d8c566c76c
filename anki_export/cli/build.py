"""`anki-export build` and `anki-export import`: write a deck, and put it into Anki."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from anki_export import report
from anki_export.anki.backup import KEEP_BACKUPS
from anki_export.anki.paths import current_base_folder, find_collection
from anki_export.cards.tally import Build
from anki_export.cli.common import (
    output_guard,
    print_build,
    print_warnings,
    run_pipeline,
    user_errors,
)
from anki_export.cli.group import FORCE, OUTPUT_HELP, PATHS, cli, shared_options
from anki_export.errors import ExportError
from anki_export.state.planner import Options
from anki_export.state.update import Plan

KEEP_BACKUPS_HELP = ("How many of anki-export's own collection backups to keep; older ones are "
                     "removed after the import, Anki's own never. 0 takes no backup.")


@cli.command("build")
@PATHS
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help=OUTPUT_HELP)
@click.option("--only-changes", is_flag=True, help="Write only notes that changed since the "
              "last full build (new, updated, orphaned, retired): a small update deck.")
@click.option("--import", "import_after", is_flag=True, help="Then import the deck into your "
              "Anki collection, as `anki-export import` does (close Anki first).")
@click.option("--collection", "collection_path", type=click.Path(path_type=Path, dir_okay=False),
              help="With --import: the collection.anki2 to import into.")
@click.option("--profile", metavar="NAME", help="With --import: the Anki profile to import into.")
@FORCE
@click.option("--keep-backups", type=click.IntRange(min=0), default=KEEP_BACKUPS, metavar="N",
              show_default=True, help="With --import: " + KEEP_BACKUPS_HELP)
@shared_options
def build_command(paths: tuple[Path, ...], output: Path, only_changes: bool, import_after: bool,
                  collection_path: Path | None, profile: str | None, keep_backups: int,
                  **options: Any) -> None:
    """Build an Anki deck package from notes (files or folders, searched recursively).

    \b
    Example:
      anki-export build ~/Vault/Literature -o literature.apkg
    Then in Anki: File > Import, and choose literature.apkg.
    """
    with user_errors():
        guard = output_guard(paths, options, output, "deck")
        # Found before building, so a wrong profile fails before any work is done.
        target = collection_for(collection_path, profile) if import_after else None

        def approve(result: Build, plan: Plan) -> None:
            print_build(result, options["quiet"], options["strict"])

        written = run_pipeline(paths, options, Options(output=output, only_changes=only_changes,
                                                save_state=True), approve, guard)
        if not options["quiet"]:
            click.echo(report.plan_summary(written.plan))
            if written.notes_written:
                kind = "update deck " if only_changes else ""
                click.echo(f"Wrote {kind}{output}: {written.notes_written} notes, "
                           f"{written.cards_written} cards.")
            else:
                click.echo(f"Nothing changed since the last full build; {output} not written.")
        if target is not None and written.notes_written:
            try:
                import_and_report(output, target, options["quiet"], keep_backups=keep_backups)
            except ExportError as error:
                raise ExportError(f"{error}; {output} was written: import it later with "
                                  f"anki-export import {output}") from error


@cli.command("import")
@click.argument("deck", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--collection", "collection_path", type=click.Path(path_type=Path, dir_okay=False),
              help="The collection.anki2 to import into [default: the profile's, in Anki's data "
              "folder].")
@click.option("--profile", metavar="NAME", help="Anki profile to import into [default: the only "
              "one, else the one Anki opened last, else 'User 1'].")
@click.option("--backup-folder", type=click.Path(path_type=Path, file_okay=False),
              help="Where the backup goes [default: the profile's backups folder].")
@click.option("--no-suspend", is_flag=True, help="Leave the cards of orphaned and retired notes "
              "active.")
@click.option("--no-keep-tags", is_flag=True, help="Let Anki replace the tags of updated notes, "
              "dropping tags you added in Anki.")
@click.option("--keep-backups", type=click.IntRange(min=0), default=KEEP_BACKUPS, metavar="N",
              show_default=True, help=KEEP_BACKUPS_HELP)
@click.option("--overwrite-edits", is_flag=True, help="Give every note that differs from the "
              "deck the deck's version, even where you edited it in Anki and its highlight did "
              "not change (your tags stay).")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
def import_command(deck: Path, collection_path: Path | None, profile: str | None,
                   backup_folder: Path | None, no_suspend: bool, no_keep_tags: bool,
                   keep_backups: int, overwrite_edits: bool, quiet: bool) -> None:
    """Import a deck into your Anki collection with the official Anki engine (close Anki first).

    Backs the collection up first, then imports as File > Import does by default: notes and
    note types update only when newer, nothing is deleted, review history is kept. Unlike File
    > Import, a note whose highlight changed is updated even if you touched it in Anki after
    the build. Tags you added in Anki stay on updated notes; cards of orphaned and retired
    notes are suspended. Needs the optional extra: pip install 'zotero-anki-export[anki]'
    """
    with user_errors():
        target = collection_for(collection_path, profile)
        import_and_report(deck, target, quiet, backup_folder, not no_suspend, not no_keep_tags,
                          keep_backups, overwrite_edits)


def collection_for(collection_path: Path | None, profile: str | None) -> Path:
    """The collection to import into: given, or the profile's in Anki's data folder."""
    if collection_path is not None and profile is not None:
        raise ExportError("--collection and --profile exclude each other")
    return collection_path or find_collection(current_base_folder(), profile)


def import_and_report(deck: Path, target: Path, quiet: bool, backup_folder: Path | None = None,
            suspend: bool = True, keep_tags: bool = True, keep_backups: int = KEEP_BACKUPS,
            overwrite_edits: bool = False) -> None:
    """Import with the engine and print Anki's own import log, and what anki-export added."""
    from anki_export.anki.importer import import_deck  # only this command needs it

    summary = import_deck(deck, target, backup_folder=backup_folder, suspend_orphans=suspend,
                          keep_user_tags=keep_tags, keep_backups=keep_backups,
                          overwrite_edits=overwrite_edits)
    print_warnings(summary.problems)
    if not quiet:
        click.echo(report.import_log(deck, target, summary, keep_backups))
