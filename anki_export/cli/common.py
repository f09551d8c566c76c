"""What every command does alike: resolve options, run the pipeline, print warnings and summaries.

Errors the user can fix arrive as `ExportError` and leave as `Error: path:line: message`, exit 1.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from anki_export import report
from anki_export.cards.tally import Build
from anki_export.config import Config
from anki_export.errors import ExportError, Problem
from anki_export.outputs import Guard, Kind, guard_output
from anki_export.read.config_file import CONFIG_NAME, find_config, load_config
from anki_export.read.discover import home_folder
from anki_export.state.planner import Options
from anki_export.state.update import Plan
from anki_export.workflow import Run, default_state_path, run


def speaks_unicode(stream: Any) -> bool:
    """Whether `stream` can encode any character (UTF-8 and its kin)."""
    encoding = (getattr(stream, "encoding", None) or "ascii").lower().replace("-", "")
    return encoding.startswith("utf")


@contextmanager
def user_errors() -> Iterator[None]:
    """Show an `ExportError` as `Error: path:line: message` with exit code 1."""
    try:
        yield
    except ExportError as error:
        raise click.ClickException(str(error)) from error


def config_for(paths: Sequence[Path], options: dict[str, Any]) -> Config:
    """Options from the config file (given, or found beside the notes) and the command line."""
    config_path = options["config_path"] or (find_config(home_folder(paths)) if paths else None)
    return load_config(config_path, options["deck"])


def output_guard(paths: Sequence[Path], options: dict[str, Any], output: Path, kind: Kind,
                 dry_run: bool = False) -> Guard:
    """Refuse an output that would destroy a note, the state, the config or Anki's data."""
    config = options["config_path"] or home_folder(paths) / CONFIG_NAME
    state = options["state_path"] or default_state_path(paths)
    return guard_output(output, kind, paths, state, config, options.get("force", False), dry_run)


def run_pipeline(paths: Sequence[Path], options: dict[str, Any], what: Options,
                 approve: Callable[[Build, Plan], None] | None = None,
                 guard: Guard | None = None) -> Run:
    """Build, plan and write `what` asks, with a progress bar on a terminal for many notes."""
    config = config_for(paths, options)
    state = options["state_path"] or default_state_path(paths)
    interactive = not options["quiet"] and sys.stderr.isatty()
    with progress(interactive) as tick:
        return run(paths, config, state, int(time.time()), what, progress=tick, approve=approve,
                   guard=guard)


@contextmanager
def progress(enabled: bool) -> Iterator[Callable[[int, int], None] | None]:
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


def print_build(result: Build, quiet: bool, strict: bool) -> None:
    """Warnings on stderr, then a summary; with --strict any warning is an error."""
    print_warnings(result.problems)
    if not quiet:
        click.echo(report.summary(result))
    if strict and result.problems:
        raise ExportError(f"{len(result.problems)} warning(s) and --strict given; nothing written")


def print_warnings(problems: Sequence[Problem]) -> None:
    """One `warning: path:line: message` line per problem."""
    for problem in problems:
        click.echo(f"warning: {problem}", err=True)
