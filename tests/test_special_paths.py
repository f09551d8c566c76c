"""Paths are paths: a vault whose folder names hold `#`, `?`, `%`, spaces, quotes or non-ASCII
works on every command, finds its state again, and leaves nothing stray behind."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from anki_export.cli import cli

from .conftest import EXAMPLE, example_counts

SPECIAL = "Reading #1? 100% \"quoted\" 'it's' café 日本 %23 a&b"
"""Every character that a path formatted into a URI would misread, and a `%23` that must stay
`%23` (unquoting it would make a `#`)."""
NOTES = example_counts()[0]
"""Anki notes the example note makes."""


def invoke(*args: str | Path) -> Result:
    result = CliRunner().invoke(cli, [str(arg) for arg in args])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output and "state file" not in result.stderr
    return result


def files_under(root: Path) -> set[str]:
    return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    root = tmp_path / SPECIAL / f"vault {SPECIAL}"
    (root / ".obsidian").mkdir(parents=True)
    (root / SPECIAL).mkdir()
    shutil.copy(EXAMPLE, root / SPECIAL / f"{SPECIAL}.md")
    return root


def test_every_command_finds_the_state_of_a_vault_whose_path_holds_uri_characters(
    tmp_path: Path, vault: Path
) -> None:
    from .anki_engine import open_collection

    out = tmp_path / SPECIAL / f"out {SPECIAL}"
    out.mkdir()
    collection_folder = tmp_path / SPECIAL / f"Anki {SPECIAL}"
    collection_folder.mkdir()
    open_collection(collection_folder).close()
    collection = collection_folder / "collection.anki2"
    before = files_under(tmp_path)

    first = invoke("build", vault, "-o", out / "deck.apkg")
    assert f"{NOTES} new, 0 updated, 0 unchanged, 0 orphaned" in first.stdout
    second = invoke("build", vault, "-o", out / "deck.apkg", "--import", "--collection", collection)
    assert f"0 new, 0 updated, {NOTES} unchanged, 0 orphaned" in second.stdout
    assert f"{NOTES} new, 0 updated, 0 unchanged, 0 conflicting" in second.stdout
    update = invoke("build", vault, "--only-changes", "-o", out / "update.apkg")
    assert "Nothing changed since the last full build" in update.stdout
    plan = invoke("plan", vault)
    assert f"0 new, 0 updated, {NOTES} unchanged, 0 orphaned" in plan.stdout
    assert invoke("cards", vault, "--format", "json").stdout.count('"guid"') == NOTES
    invoke("preview", vault, "-o", out / "preview.html")
    again = invoke("import", out / "deck.apkg", "--collection", collection)
    assert f"0 new, 0 updated, {NOTES} unchanged, 0 conflicting" in again.stdout

    made = files_under(tmp_path) - before
    anki = f"{SPECIAL}/Anki {SPECIAL}/"
    backups = {name for name in made if name.startswith(f"{anki}backups/anki-export-")}
    assert made - backups == {f"{SPECIAL}/vault {SPECIAL}/anki-export-state.sqlite3",
                              f"{SPECIAL}/out {SPECIAL}/deck.apkg",
                              f"{SPECIAL}/out {SPECIAL}/preview.html",
                              f"{anki}collection.media.db2",  # the engine's own, on import
                              f"{anki}anki-export-delivered.sqlite3"}  # what imports delivered
    assert len(backups) == 2


def test_a_state_given_with_state_and_a_relative_vault_path_are_found_again(
    tmp_path: Path, vault: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(vault.parent)  # relative paths start with the special characters
    state = Path(f"state {SPECIAL}.sqlite3")
    relative = Path(vault.name)
    before = files_under(tmp_path)
    for expected in (f"{NOTES} new, 0 updated, 0 unchanged",
                     f"0 new, 0 updated, {NOTES} unchanged"):
        result = invoke("build", relative, "--state", state, "-o", f"{SPECIAL}.apkg")
        assert expected in result.stdout
    assert f"0 new, 0 updated, {NOTES} unchanged" in invoke("plan", relative, "--state",
                                                            state).stdout
    assert files_under(tmp_path) - before == {f"{SPECIAL}/state {SPECIAL}.sqlite3",
                                              f"{SPECIAL}/{SPECIAL}.apkg"}
