"""A damaged state never stops a build: each page of a real state file damaged in turn, truncated
or with its header zeroed, and every command still runs, warns, and leaves a healthy state."""

from __future__ import annotations

import random
import re
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from anki_export.cli import cli
from anki_export.state.records import NoteRecord
from anki_export.state.store import State
from anki_export.state.writer import StateWriter
from tests.conftest import EXAMPLE, example_counts

PAGES = 30
"""Pages of the state the example note and one copy make; every one is damaged in turn."""
NOTES = 2 * example_counts()[0]
"""Anki notes the two notes make."""
STATE = "anki-export-state.sqlite3"
WARNING = re.compile(r"^warning: .*: state file is (damaged|unreadable) ", re.MULTILINE)


@dataclass(frozen=True)
class Built:
    """A vault built once for the whole module, and the state file its build wrote."""

    vault: Path
    state: bytes
    page_size: int

    @property
    def state_path(self) -> Path:
        return self.vault / STATE

    def damage(self, data: bytes) -> Path:
        """Put `data` in place of the state; no earlier case's files are left."""
        for leftover in self.vault.glob(f"{STATE}*"):
            leftover.unlink()
        self.state_path.write_bytes(data)
        return self.state_path

    def with_garbage_on(self, page: int) -> bytes:
        start = (page - 1) * self.page_size
        garbage = random.Random(page).randbytes(self.page_size)
        return self.state[:start] + garbage + self.state[start + self.page_size :]


def invoke(*args: str | Path) -> Result:
    result = CliRunner().invoke(cli, [str(arg) for arg in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result


def damage_matters(path: Path) -> bool:
    """Whether SQLite's own integrity check finds the file damaged."""
    try:
        with sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True) as db:
            return db.execute("PRAGMA integrity_check").fetchall() != [("ok",)]
    except sqlite3.DatabaseError:
        return True
    finally:
        db.close()


def is_healthy(path: Path) -> bool:
    return not damage_matters(path)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    vault = tmp_path_factory.mktemp("damaged") / "vault"
    (vault / ".obsidian").mkdir(parents=True)
    shutil.copy(EXAMPLE, vault / "DoesSGDProduce.md")
    # A copy with its own annotation keys and source, so the state has notes on many pages.
    text = EXAMPLE.read_text(encoding="utf-8")
    text = re.sub(r"annotation=[A-Z0-9]([A-Z0-9]{7})", r"annotation=Q\1", text)
    text = text.replace("citekey: DoesSGDProduce", "citekey: CopyOfIt").replace(
        'title: "', 'title: "A copy: ')
    (vault / "Copy.md").write_text(text, encoding="utf-8")
    invoke("build", vault, "-o", vault.parent / "first.apkg")
    data = (vault / STATE).read_bytes()
    page_size = int.from_bytes(data[16:18], "big")
    yield Built(vault, data, page_size)


def test_the_cases_damage_every_page_of_the_state(built: Built) -> None:
    assert len(built.state) // built.page_size <= PAGES


@pytest.mark.parametrize("page", range(1, PAGES + 1))
def test_a_damaged_page_never_stops_plan_build_or_an_update_deck(
    built: Built, page: int, tmp_path: Path
) -> None:
    if page > len(built.state) // built.page_size:
        pytest.skip("the state has fewer pages")
    damaged = built.with_garbage_on(page)
    state = built.damage(damaged)
    matters = damage_matters(state)

    plan = invoke("plan", built.vault)
    assert bool(WARNING.search(plan.stderr)) == matters
    assert state.read_bytes() == damaged and not list(built.vault.glob("*.broken-*"))

    build = invoke("build", built.vault, "-o", tmp_path / "deck.apkg")
    assert bool(WARNING.search(build.stderr)) == matters
    assert f"deck.apkg: {NOTES} notes" in build.stdout
    _kept_aside_and_whole(built, damaged, matters)
    later = invoke("plan", built.vault)
    assert not WARNING.search(later.stderr)
    assert f"0 new, 0 updated, {NOTES} unchanged, 0 orphaned" in later.stdout

    built.damage(damaged)
    update = invoke("build", built.vault, "--only-changes", "-o", tmp_path / "update.apkg")
    assert bool(WARNING.search(update.stderr)) == matters
    assert "Wrote update deck" in update.stdout or "Nothing changed" in update.stdout
    _kept_aside_and_whole(built, damaged, matters)


def _kept_aside_and_whole(built: Built, damaged: bytes, matters: bool) -> None:
    """The damaged file kept aside (when it matters), and a healthy state with every note."""
    aside = list(built.vault.glob(f"{STATE}.broken-*"))
    assert [path.read_bytes() for path in aside] == ([damaged] if matters else [])
    assert is_healthy(built.state_path)
    assert sorted(path.name for path in built.vault.iterdir()) == sorted(
        [".obsidian", "Copy.md", "DoesSGDProduce.md", STATE, *(path.name for path in aside)])
    state = State(built.state_path)
    assert len(list(state.sources())) == NOTES and not state.broken
    state.close()


@pytest.mark.parametrize("cut", ["nothing", "half the header", "the first page", "half the file",
                                 "all but the last page", "mid-page", "a zeroed header"])
def test_a_truncated_state_or_one_with_a_zeroed_header_never_stops_a_build(
    built: Built, cut: str, tmp_path: Path
) -> None:
    size, length = built.page_size, len(built.state)
    damaged = {
        "nothing": b"",
        "half the header": built.state[:50],
        "the first page": built.state[:size],
        "half the file": built.state[: length // 2],
        "all but the last page": built.state[: length - size],
        "mid-page": built.state[: length - size - size // 3],
        "a zeroed header": bytes(100) + built.state[100:],
    }[cut]
    built.damage(damaged)
    assert WARNING.search(invoke("plan", built.vault).stderr)
    build = invoke("build", built.vault, "-o", tmp_path / "deck.apkg")
    assert WARNING.search(build.stderr) and f"deck.apkg: {NOTES} notes" in build.stdout
    _kept_aside_and_whole(built, damaged, matters=True)
    assert not WARNING.search(invoke("plan", built.vault).stderr)


def _page_holding(built: Built, record: NoteRecord) -> int:
    """The page of the notes table holding a record (its content hash is stored nowhere else)."""
    return built.state.index(record.hash.encode()) // built.page_size + 1


def test_records_that_read_cleanly_keep_their_history_and_the_warning_counts_the_others(
    built: Built, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    before = dict(State(built.damage(built.state)).notes())
    page = _page_holding(built, next(iter(before.values())))
    state = State(built.damage(built.with_garbage_on(page)))
    salvaged = dict(state.notes())
    state.close()
    assert 0 < len(salvaged) < NOTES
    assert all(before[guid] == record for guid, record in salvaged.items())  # stamps, clozes
    lost = NOTES - len(salvaged)
    assert state.problems[0].message.startswith(
        f"state file is damaged (database disk image is malformed): {lost} of its {NOTES} "
        "notes could not be read and lose their recorded history; the next import updates "
        "them in Anki as if new")
    assert "an edited one among them makes new notes, its identities cannot be carried over" in (
        state.problems[0].message)

    later = max(record.mtime for record in before.values()) + 100
    monkeypatch.setattr("anki_export.cli.common.time.time", lambda: float(later))
    build = invoke("build", built.vault, "-o", tmp_path / "deck.apkg")
    assert f"{lost} new, 0 updated, {NOTES - lost} unchanged, 0 orphaned" in build.stdout
    rebuilt = State(built.state_path)
    stamps = {guid: record.mtime for guid, record in rebuilt.notes()}
    rebuilt.close()
    assert {guid: stamps[guid] for guid in salvaged} == {
        guid: record.mtime for guid, record in salvaged.items()}
    assert {stamps[guid] for guid in before.keys() - salvaged.keys()} == {later}


def test_every_command_reads_a_damaged_state_with_a_warning(built: Built, tmp_path: Path) -> None:
    record = next(iter(dict(State(built.damage(built.state)).notes()).values()))
    damaged = built.with_garbage_on(_page_holding(built, record))
    for command in (["cards"], ["cards", "--format", "json"], ["cards", "--check"],
                    ["preview", "-o", tmp_path / "cards.html"], ["plan", "--only-changes"]):
        built.damage(damaged)
        result = CliRunner().invoke(cli, [command[0], str(built.vault), *map(str, command[1:])])
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert "Traceback" not in result.output and WARNING.search(result.stderr), command


def test_damage_first_met_while_copying_the_last_state_is_salvaged_never_copied(
    built: Built,
) -> None:
    path = built.damage(built.state)
    state = State(path)  # read while whole: the damage comes after
    record = next(iter(dict(state.notes()).values()))
    path.write_bytes(built.with_garbage_on(_page_holding(built, record)))
    writer = StateWriter(path, state)
    guid = next(guid for guid, known in state.notes() if known == record)
    writer.put_notes([(guid, record)])  # replacing it reads the damaged page of the copy
    writer.merge()
    assert state.broken and WARNING.search(f"warning: x: {state.problems[0].message}")
    writer.commit(state.meta)
    state.close()
    assert is_healthy(path)
    rebuilt = State(path)
    assert rebuilt.note(guid) == record and not rebuilt.broken
    rebuilt.close()


SMALL_PAGES = ["notes:overflow", "notes:internal", "notes:leaf", "files:overflow",
               "sqlite_autoindex_notes_1:internal", "notes_by_annotation:internal",
               "sqlite_schema:internal"]
"""Kinds of page a state of 1 KB pages has (long records overflow, indexes have inner pages)."""


@pytest.fixture(scope="module")
def small(built: Built, tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, dict[str, int]]:
    """The same state in 1 KB pages, and the first page of each kind."""
    path = tmp_path_factory.mktemp("small") / STATE
    path.write_bytes(built.state)
    with sqlite3.connect(path, isolation_level=None) as db:
        db.execute("PRAGMA page_size = 1024")
        db.execute("VACUUM")
        try:
            kinds = db.execute("SELECT name || ':' || pagetype, min(pageno) FROM dbstat "
                               "GROUP BY 1").fetchall()
        except sqlite3.OperationalError:
            pytest.skip("this SQLite has no dbstat table to tell pages apart")
    db.close()
    return path.read_bytes(), dict(kinds)


@pytest.mark.parametrize("kind", SMALL_PAGES)
def test_damage_to_overflow_and_inner_pages_is_met_and_an_update_deck_loses_nothing(
    built: Built, small: tuple[bytes, dict[str, int]], kind: str, tmp_path: Path
) -> None:
    data, pages = small
    if kind not in pages:
        pytest.skip(f"this state has no {kind} page")
    start = (pages[kind] - 1) * 1024
    damaged = data[:start] + random.Random(kind).randbytes(1024) + data[start + 1024 :]
    for command in (["build"], ["build", "--only-changes"]):
        built.damage(damaged)
        result = invoke(*command, built.vault, "-o", tmp_path / "deck.apkg")
        assert WARNING.search(result.stderr)
        _kept_aside_and_whole(built, damaged, matters=True)
        plan = invoke("plan", built.vault)
        assert f"0 new, 0 updated, {NOTES} unchanged" in plan.stdout, command


def test_a_record_that_does_not_decode_is_named_in_printable_words(built: Built) -> None:
    state = built.damage(built.state)
    with sqlite3.connect(state) as db:  # text that is not UTF-8, as a damaged page may hold
        db.execute("UPDATE notes SET source = CAST(x'ff00fe1b5b33316d' AS TEXT) WHERE rowid = 1")
    db.close()
    result = invoke("plan", built.vault)
    (warning,) = WARNING.finditer(result.stderr)
    line = result.stderr[warning.start():].splitlines()[0]
    assert f"(Could not decode to UTF-8 column 'source'): 1 of its {NOTES} notes" in line
    assert line.isprintable()
