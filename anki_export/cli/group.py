"""The `anki-export` command group, its shared options, and an output that never fails to print.

The group also makes SIGTERM and SIGHUP end a command as Ctrl-C does, cleaning up after itself.
"""

from __future__ import annotations

import io
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any, NoReturn

import click

from anki_export import __version__

PATHS = click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
OUTPUT_HELP = "The .apkg file to write (replaced atomically)."
FORCE = click.option("--force", is_flag=True, help="Replace an existing output that anki-export "
                     "did not write (never a note, the state, the config or Anki's collection).")


def shared_options(command: Callable[..., None]) -> Callable[..., None]:
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
        with _signals_end_the_command():
            return super().main(*args, **kwargs)


@contextmanager
def _signals_end_the_command() -> Iterator[None]:
    """SIGTERM and SIGHUP (a closed terminal) raise `SystemExit`, as Ctrl-C raises an exception.

    By default they end the process on the spot, leaving its scratch folders in the temp
    folder; as an exception, they run every `finally` on the way out: the workers are stopped,
    the scratch folders removed, a half-written deck or state deleted. Exit code: 128 + signal.
    """
    names = ("SIGTERM", "SIGHUP")
    wanted = [getattr(signal, name) for name in names if hasattr(signal, name)]
    if threading.current_thread() is not threading.main_thread():
        wanted = []  # only the main thread may set handlers (a program calling us from another)
    previous = {number: signal.signal(number, _end) for number in wanted}
    try:
        yield
    finally:
        for number, handler in previous.items():
            if handler is not None:
                signal.signal(number, handler)


def _end(number: int, frame: FrameType | None) -> NoReturn:
    raise SystemExit(128 + number)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="anki-export")
def cli() -> None:
    """Turn Zotero-annotated Obsidian reading notes into Anki decks.

    Each highlight becomes cloze or question/answer cards that link back to the PDF, carry
    your comments, and keep their identity across rebuilds so Anki updates them in place.
    """
