"""Command line: `anki-export build`, `plan`, `cards`, `preview` and `import`.

The only module that prints: it renders `ExportError`s as `Error: ...` and warnings from data.
"""

from __future__ import annotations

import io
import json
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from anki_export import __version__, report
from anki_export.anki.paths import current_base_folder, find_collection
from anki_export.cards.tally import Build
from anki_export.config import Config
from anki_export.errors import ExportError, Problem
from anki_export.read.config_file import find_config, load_config
from anki_export.read.discover import home_folder
from anki_export.state.planner import Options
from anki_export.state.update import Plan
from anki_export.workflow import Run, default_state_path, refuse_input_as_output, run

PATHS = click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
OUTPUT_HELP = "The .apkg file to write (replaced atomically)."


def _shared_options(command: Callable[..., None]) -> Callable[..., None]:
    """Options of every command that reads notes."""
    for option in reversed((
        click.option("--deck", metavar="NAME", help="Parent deck for the sources' decks "
                     "[default: Research, or `deck` in the config file]."),
        click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
                     help="Config file [default: anki-export.toml in the vault root, else in "
                     "the folder holding the notes]."),
        click.option("--state", "state_path", type=click.Path(path_type=Path, dir_okay=False),
                     help="State file recording earlier builds [default: "
                     "anki-export-state.sqlite3 in the vault root, else in the notes' folder]."),
        click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1)."),
        click.option("-q", "--quiet", is_flag=True, help="Print only warnings and errors."),
    )):
        command = option(command)
    return command


class _Commands(click.Group):
    """The command group, set up so that no terminal encoding can make printing fail."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        # A cp1252 console or an ASCII pipe cannot encode every title, arrow or U+FFFD a
        # note holds: print those as escapes (`\u2192`) instead of crashing before the deck.
        for stream in (sys.stdout, sys.stderr):
            if isinstance(stream, io.TextIOWrapper):
                stream.reconfigure(errors="backslashreplace")
        return super().main(*args, **kwargs)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="anki-export")
def cli() -> None:
    """Turn Zotero-annotated Obsidian reading notes into Anki decks.

    Each highlight becomes cloze or question/answer cards that link back to the PDF, carry
    your comments, and keep their identity across rebuilds so Anki updates them in place.
    """


@cli.command("build")
@PATHS
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help=OUTPUT_HELP)
@click.option("--only-changes", is_flag=True, help="Write only notes that changed since the "
              "last full build (new, updated, orphaned): a small update deck.")
@click.option("--import", "import_after", is_flag=True, help="Then import the deck into your "
              "Anki collection, as `anki-export import` does (close Anki first).")
@click.option("--collection", "collection_path", type=click.Path(path_type=Path, dir_okay=False),
              help="With --import: the collection.anki2 to import into.")
@click.option("--profile", metavar="NAME", help="With --import: the Anki profile to import into.")
@_shared_options
def build_command(paths: tuple[Path, ...], output: Path, only_changes: bool, import_after: bool,
                  collection_path: Path | None, profile: str | None, **options: Any) -> None:
    """Build an Anki deck package from notes (files or folders, searched recursively).

    \b
    Example:
      anki-export build ~/Vault/Literature -o literature.apkg
    Then in Anki: File > Import, and choose literature.apkg.
    """
    with _user_errors():
        refuse_input_as_output(paths, output)
        # Found before building, so a wrong profile fails before any work is done.
        target = _collection(collection_path, profile) if import_after else None
        state = options["state_path"] or default_state_path(paths)
        if output.resolve() == state.resolve():
            raise ExportError(f"output {output} is also the state file; choose another file name")

        def approve(result: Build, plan: Plan) -> None:
            _report(result, options["quiet"], options["strict"])

        written = _run(paths, options, Options(output=output, only_changes=only_changes,
                                                save_state=True), approve)
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
                _import(output, target, quiet=options["quiet"])
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
@click.option("--no-suspend", is_flag=True, help="Leave the cards of orphaned notes active.")
@click.option("--no-keep-tags", is_flag=True, help="Let Anki replace the tags of updated notes, "
              "dropping tags you added in Anki.")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
def import_command(deck: Path, collection_path: Path | None, profile: str | None,
                   backup_folder: Path | None, no_suspend: bool, no_keep_tags: bool,
                   quiet: bool) -> None:
    """Import a deck into your Anki collection with the official Anki engine (close Anki first).

    Backs the collection up first, then imports as File > Import does by default: notes and
    note types update only when newer, nothing is deleted, review history is kept. Tags you
    added in Anki stay on updated notes; cards of orphaned notes are suspended.
    Needs the optional extra: pip install 'zotero-anki-export[anki]'
    """
    with _user_errors():
        target = _collection(collection_path, profile)
        _import(deck, target, quiet, backup_folder, not no_suspend, not no_keep_tags)


def _collection(collection_path: Path | None, profile: str | None) -> Path:
    """The collection to import into: given, or the profile's in Anki's data folder."""
    if collection_path is not None and profile is not None:
        raise ExportError("--collection and --profile exclude each other")
    return collection_path or find_collection(current_base_folder(), profile)


def _import(deck: Path, target: Path, quiet: bool, backup_folder: Path | None = None,
            suspend: bool = True, keep_tags: bool = True) -> None:
    """Import with the engine and print Anki's own import log."""
    from anki_export.anki.importer import import_deck  # only this command needs it

    summary = import_deck(deck, target, backup_folder=backup_folder, suspend_orphans=suspend,
                          keep_user_tags=keep_tags)
    if not quiet:
        click.echo(f"Imported {deck} into {target}: {summary.new} new, {summary.updated} "
                   f"updated, {summary.duplicate} unchanged, {summary.conflicting} conflicting; "
                   f"{summary.suspended} card(s) suspended, {summary.unsuspended} unsuspended; "
                   f"your tags kept on {summary.tags_kept} note(s).\nBackup: {summary.backup}")


@cli.command("plan")
@PATHS
@click.option("-o", "--output", type=click.Path(path_type=Path), help="The deck you would build "
              "(only checked, never written).")
@click.option("--only-changes", is_flag=True, help="Plan an update deck instead of a full one.")
@_shared_options
def plan_command(paths: tuple[Path, ...], output: Path | None, only_changes: bool,
                 **options: Any) -> None:
    """Show what importing the next build would do, before anything is written.

    Counts new, updated, unchanged and orphaned notes, lists each change, and warns about
    anything that would cost review history (emptied cloze cards, replaced notes).
    """
    with _user_errors():
        if output is not None:
            refuse_input_as_output(paths, output)
        planned = _run(paths, options, Options(only_changes=only_changes, list_changes=True))
        _report(planned.build, quiet=True, strict=False)
        for change in planned.plan.changes:
            reason = f" ({change.reason})" if change.reason else ""
            text = report.first_field(change.text)
            click.echo(f"{change.status:<9} {change.where}  {text}{reason}")
        for problem in planned.plan.warnings:
            click.echo(f"warning: {problem}", err=True)
        click.echo(report.plan_summary(planned.plan))
        if options["strict"] and (planned.build.problems or planned.plan.warnings):
            raise ExportError("warnings and --strict given")


@cli.command("preview")
@PATHS
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="The HTML page to write (replaced atomically).")
@_shared_options
def preview_command(paths: tuple[Path, ...], output: Path, **options: Any) -> None:
    """Write one HTML page showing every card, front and back, as Anki will show it.

    \b
    Example:
      anki-export preview ~/Vault/Literature -o preview.html
    Open preview.html in any browser; it needs no network and writes no state.
    """
    from anki_export.preview import write_preview  # only this command needs it

    with _user_errors():
        refuse_input_as_output(paths, output)
        previewed = _run(paths, options, Options(keep_cards=True))
        _report(previewed.build, options["quiet"], options["strict"])
        write_preview(previewed, output, _config(paths, options).parent_deck)
        if not options["quiet"]:
            cards = sum(card.anki_cards for card in previewed.build.cards)
            click.echo(f"Wrote {output}: {len(previewed.build.cards)} notes, {cards} cards.")


@cli.command("cards")
@PATHS
@click.option("--format", "output_format", type=click.Choice(["table", "json"]),
              default="table", show_default=True, help="How to list the cards.")
@click.option("--check", is_flag=True, help="Instead of listing the cards, report their "
              "quality (cards by rule, weak clozes, duplicate fronts, damaged text); exit 1 on "
              "an empty cloze or a duplicate front.")
@_shared_options
def cards_command(paths: tuple[Path, ...], output_format: str, check: bool,
                  **options: Any) -> None:
    """List the cards the notes make (numbered as the next build would), writing nothing."""
    from anki_export.cards import quality  # only this command needs it

    with _user_errors():
        listed = _run(paths, options, Options(keep_cards=True)).build
        parent = _config(paths, options).parent_deck
        if check:
            figures = quality.check(listed.cards)
            _warn(listed.problems)
            click.echo(report.quality_summary(figures, len(listed.problems)))
            if figures.failed:
                raise ExportError("quality check failed: see the hard findings above")
            return
        if output_format == "json":
            rows = [report.card_json(card, parent) for card in listed.cards]
            # Lossless on any terminal: characters stdout cannot encode become JSON escapes.
            click.echo(json.dumps(rows, indent=2, ensure_ascii=not _speaks_unicode(sys.stdout)))
        else:
            for card in listed.cards:
                click.echo(report.card_row(card))
        _report(listed, options["quiet"] or output_format == "json", options["strict"])


def _speaks_unicode(stream: Any) -> bool:
    """Whether `stream` can encode any character (UTF-8 and its kin)."""
    encoding = (getattr(stream, "encoding", None) or "ascii").lower().replace("-", "")
    return encoding.startswith("utf")


@contextmanager
def _user_errors() -> Iterator[None]:
    """Show an `ExportError` as `Error: path:line: message` with exit code 1."""
    try:
        yield
    except ExportError as error:
        raise click.ClickException(str(error)) from error


def _config(paths: Sequence[Path], options: dict[str, Any]) -> Config:
    """Options from the config file (given, or found beside the notes) and the command line."""
    config_path = options["config_path"] or (find_config(home_folder(paths)) if paths else None)
    return load_config(config_path, options["deck"])


def _run(paths: Sequence[Path], options: dict[str, Any], what: Options,
         approve: Callable[[Build, Plan], None] | None = None) -> Run:
    """Build, plan and write `what` asks, with a progress bar on a terminal for many notes."""
    config = _config(paths, options)
    state = options["state_path"] or default_state_path(paths)
    interactive = not options["quiet"] and sys.stderr.isatty()
    with _progress(interactive) as tick:
        return run(paths, config, state, int(time.time()), what, progress=tick, approve=approve)


@contextmanager
def _progress(enabled: bool) -> Iterator[Callable[[int, int], None] | None]:
    """A callback drawing a progress bar once a run has more than a handful of notes."""
    if not enabled:
        yield None
        return
    bar: Any = None

    def tick(done: int, total: int) -> None:
        nonlocal bar
        if bar is None and total >= 50:
            bar = click.progressbar(length=total, label="Reading notes", file=sys.stderr)
            bar.__enter__()
        if bar is not None:
            bar.update(done - bar.pos)

    try:
        yield tick
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)


def _report(result: Build, quiet: bool, strict: bool) -> None:
    """Warnings on stderr, then a summary; with --strict any warning is an error."""
    _warn(result.problems)
    if not quiet:
        click.echo(report.summary(result))
    if strict and result.problems:
        raise ExportError(f"{len(result.problems)} warning(s) and --strict given; nothing written")


def _warn(problems: Sequence[Problem]) -> None:
    """One `warning: path:line: message` line per problem."""
    for problem in problems:
        click.echo(f"warning: {problem}", err=True)
