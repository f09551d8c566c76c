"""Import backups: one per import, only anki-export's own pruned, the newest N kept."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from anki_export.anki.backup import KEEP_BACKUPS, prune_backups
from anki_export.cli import cli
from tests.anki.test_importer import Desk, backups

ANKIS_OWN = ("backup-2024-01-01-10.00.00.colpkg", "backup-2023-12-31-09.00.00.colpkg")
OTHERS = ("anki-export-notes.txt", "anki-export-2024-01-01-10.00.00.anki2.bak",
          "my-anki-export-2020-01-01-10.00.00.anki2")


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Desk:
    return Desk(tmp_path, monkeypatch)


def touch(folder: Path, names: tuple[str, ...] | list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_bytes(b"x")


def import_cli(desk: Desk, apkg: Path, *options: str) -> str:
    result = CliRunner().invoke(cli, ["import", str(apkg), "--collection", str(desk.collection),
                                      *options])
    assert result.exit_code == 0, result.output
    return result.output


def test_pruning_keeps_the_newest_backups_by_the_time_in_their_names(tmp_path: Path) -> None:
    ours = [f"anki-export-2024-01-0{day}-10.00.00.anki2" for day in range(1, 6)]
    same_second = [f"anki-export-2024-01-06-10.00.00{number}.anki2"
                   for number in ("", "-2", "-10")]
    touch(tmp_path, [*ours, *same_second, *ANKIS_OWN, *OTHERS])
    for age, name in enumerate(reversed(ours + same_second)):  # file times say the opposite
        os.utime(tmp_path / name, (1_000_000 + age, 1_000_000 + age))
    removed = prune_backups(tmp_path, 5)
    assert sorted(p.name for p in removed) == sorted(ours[:3])
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted([*ours[3:], *same_second, *ANKIS_OWN, *OTHERS])
    prune_backups(tmp_path, 2)  # in one second: unnumbered first, then -2, then -10
    assert sorted(p.name for p in tmp_path.glob("anki-export-*.anki2")) == sorted(same_second[1:])


def test_pruning_to_zero_removes_only_anki_exports_own_backups(tmp_path: Path) -> None:
    touch(tmp_path, ["anki-export-2024-01-01-10.00.00.anki2", *ANKIS_OWN, *OTHERS])
    assert [p.name for p in prune_backups(tmp_path, 0)] == ["anki-export-2024-01-01-10.00.00.anki2"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*ANKIS_OWN, *OTHERS])
    assert prune_backups(tmp_path / "missing", 0) == []


def test_each_import_keeps_the_last_five_backups_and_never_touches_ankis_own(desk: Desk) -> None:
    folder = desk.collection.parent / "backups"
    touch(folder, list(ANKIS_OWN))
    older = [f"anki-export-2020-01-0{day}-10.00.00.anki2" for day in range(1, 7)]
    touch(folder, older)
    output = import_cli(desk, desk.build())
    assert "2 older backup(s) removed, keeping the last 5" in output
    kept = backups(desk)
    assert len(kept) == KEEP_BACKUPS == 5
    assert [p.name for p in kept[:4]] == older[2:]
    assert f"Backup: {kept[-1]} (" in output  # the backup of this import is among those kept
    assert all((folder / name).exists() for name in ANKIS_OWN)


def test_keep_backups_sets_how_many_are_kept(desk: Desk) -> None:
    apkg = desk.build()
    import_cli(desk, apkg)
    import_cli(desk, apkg, "--keep-backups", "3")
    assert len(backups(desk)) == 2
    touch(desk.collection.parent / "backups", ["anki-export-2020-01-01-10.00.00.anki2"])
    import_cli(desk, apkg, "--keep-backups", "1")
    (only,) = backups(desk)
    assert only.name > "anki-export-2020"


def test_keep_backups_zero_takes_no_backup_and_removes_the_old_ones(desk: Desk) -> None:
    apkg = desk.build()
    import_cli(desk, apkg)
    output = import_cli(desk, apkg, "--keep-backups", "0")
    assert "No backup taken (--keep-backups 0) (1 older backup(s) removed, keeping the last 0)." \
        in output
    assert backups(desk) == []


def test_build_import_prunes_backups_too(desk: Desk, tmp_path: Path) -> None:
    touch(desk.collection.parent / "backups", [f"anki-export-2020-01-0{d}-10.00.00.anki2"
                                               for d in range(1, 4)])
    result = CliRunner().invoke(cli, [
        "build", str(desk.note), "-o", str(tmp_path / "deck.apkg"), "--state",
        str(tmp_path / "tmp" / "state.sqlite3"), "--import", "--collection",
        str(desk.collection), "--keep-backups", "2"])
    assert result.exit_code == 0, result.output
    assert len(backups(desk)) == 2


@pytest.mark.parametrize("command", ["import", "build"])
def test_a_negative_number_of_backups_is_a_usage_error(desk: Desk, command: str) -> None:
    arguments = ([command, str(desk.root / "x.apkg")] if command == "import"
                 else [command, str(desk.note), "-o", str(desk.root / "x.apkg"), "--import"])
    result = CliRunner().invoke(cli, [*arguments, "--keep-backups", "-1"])
    assert result.exit_code == 2
    assert "-1 is not in the range x>=0" in result.output
