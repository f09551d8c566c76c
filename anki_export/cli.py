"""Command line: `anki-export build`, `anki-export cards`.

The only module that prints: it renders `ExportError`s as `Error: ...` and warnings from data.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import click

from anki_export import __version__
from anki_export.build import Build, build
from anki_export.cards import Card
from anki_export.config import Config, find_config, load_config
from anki_export.discover import find_vault
from anki_export.errors import ExportError
from anki_export.package import anki_note, write_package

PATHS = click.argument(
    "paths", nargs=-1, required=True, type=click.Path(path_type=Path, exists=False)
)


def _common_options(command: Callable[..., None]) -> Callable[..., None]:
    """Options every command that reads notes shares."""
    for option in reversed((
        click.option("--deck", metavar="NAME", help="Parent deck for the sources' decks "
                     "[default: Research, or `deck` in the config file]."),
        click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
                     help="Config file [default: anki-export.toml in the vault root, else in "
                     "the folder holding the notes]."),
        click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1)."),
        click.option("-q", "--quiet", is_flag=True, help="Print only warnings and errors."),
    )):
        command = option(command)
    return command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="anki-export")
def cli() -> None:
    """Turn Zotero-annotated Obsidian reading notes into Anki decks.

    Each highlight becomes cloze or question/answer cards that link back to the PDF, carry
    your comments, and keep their identity across rebuilds so Anki updates them in place.
    """


@cli.command("build")
@PATHS
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="The .apkg file to write (replaced atomically).")
@_common_options
def build_command(paths: tuple[Path, ...], output: Path, deck: str | None,
                  config_path: Path | None, strict: bool, quiet: bool) -> None:
    """Build an Anki deck package from notes (files or folders, searched recursively).

    \b
    Example:
      anki-export build ~/Vault/Literature -o literature.apkg
    Then in Anki: File > Import, and choose literature.apkg.
    """
    with _user_errors():
        _refuse_input_as_output(paths, output)
        config = _config(paths, config_path, deck)
        result = _run(paths, config, quiet)
        _report(result, quiet, strict)
        notes = [anki_note(card, config.parent_deck) for card in result.cards]
        write_package(notes, output, now=time.time())
        if not quiet:
            cards = sum(card.anki_cards for card in result.cards)
            click.echo(f"Wrote {output}: {len(notes)} notes, {cards} cards.")


@cli.command("cards")
@PATHS
@click.option("--format", "output_format", type=click.Choice(["table", "json"]),
              default="table", show_default=True, help="How to list the cards.")
@_common_options
def cards_command(paths: tuple[Path, ...], output_format: str, deck: str | None,
                  config_path: Path | None, strict: bool, quiet: bool) -> None:
    """List the cards the notes would make, without writing anything."""
    with _user_errors():
        config = _config(paths, config_path, deck)
        result = _run(paths, config, quiet=True)
        if output_format == "json":
            rows = [_card_json(card, config) for card in result.cards]
            click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        else:
            for card in result.cards:
                click.echo(_card_row(card))
        _report(result, quiet or output_format == "json", strict)


@contextmanager
def _user_errors() -> Iterator[None]:
    """Show an `ExportError` as `Error: path:line: message` with exit code 1."""
    try:
        yield
    except ExportError as error:
        raise click.ClickException(str(error)) from error


def _config(paths: Sequence[Path], config_path: Path | None, deck: str | None) -> Config:
    """Options from the config file (given or found beside the notes) and the command line."""
    if config_path is None:
        config_path = find_config(paths, find_vault(paths[0]) if paths else None)
    return load_config(config_path, deck)


def _refuse_input_as_output(paths: Sequence[Path], output: Path) -> None:
    """Writing the deck over one of the notes would destroy it."""
    target = output.resolve()
    if any(path.resolve() == target for path in paths):
        raise ExportError(f"output {output} is also an input; choose another file name")


def _run(paths: Sequence[Path], config: Config, quiet: bool) -> Build:
    """Build, with a progress bar on a terminal when there are many notes."""
    interactive = not quiet and sys.stderr.isatty()
    with _progress(interactive) as tick:
        return build(paths, config, progress=tick)


@contextmanager
def _progress(enabled: bool) -> Iterator[Callable[[int, int], None] | None]:
    """A callback drawing a progress bar once a run has more than a handful of notes."""
    if not enabled:
        yield None
        return
    bar = None

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
    for problem in result.problems:
        click.echo(f"warning: {problem}", err=True)
    if not quiet:
        click.echo(_summary(result))
    if strict and result.problems:
        raise ExportError(f"{len(result.problems)} warning(s) and --strict given; nothing written")


def _summary(result: Build) -> str:
    """A few lines that say what was read and made."""
    roles = result.cards_by_role()
    lines = [
        f"Read {result.files_read} note file(s): {len(result.sources)} with annotations, "
        f"{result.without_annotations} without"
        + (f", {result.templates} template(s) skipped" if result.templates else "") + ".",
        f"{result.annotations} annotation(s) → {len(result.cards)} Anki note(s).",
    ]
    lines += [f"  {role}: {count}" for role, count in sorted(roles.items())]
    if result.skipped:
        skipped = ", ".join(f"{n} {role}" for role, n in sorted(result.skipped.items()))
        lines.append(f"No cards for: {skipped} (roles listed in skip_roles).")
    lines.append(f"{len(result.problems)} warning(s).")
    return "\n".join(lines)


def _card_row(card: Card) -> str:
    """One line of the `cards` table."""
    where = f"{card.source.path}:{card.annotation.line}"
    back = card.answer if card.kind == "qa" else " / ".join(card.hidden())
    return f"{where}  {card.annotation.role:<20} {card.kind:<5}  {card.front}  →  {back}"


def _card_json(card: Card, config: Config) -> dict[str, object]:
    """One note of `cards --format json`."""
    note = anki_note(card, config.parent_deck)
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
