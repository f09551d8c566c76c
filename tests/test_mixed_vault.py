"""A vault holding every supported note shape builds one deck that the real Anki engine imports."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from anki_export.cards.card import NO_CARD
from anki_export.cards.rules import NO_IMAGE
from anki_export.cli import cli
from anki_export.read.config_file import load_config
from anki_export.state.planner import Options
from anki_export.workflow import run

from .anki_engine import import_package, open_collection
from .conftest import EXAMPLE, FIXTURES

SHAPES = sorted((FIXTURES / "shapes").glob("*.md"))
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
                    "0000000d49444154789c6360000002000100ffff03000006000557bfabd40000000049454e44"
                    "ae426082")


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("vault")
    (root / ".obsidian").mkdir()
    for path in [*SHAPES, EXAMPLE]:
        shutil.copy(path, root / path.name)
    for path in SHAPES:  # the images the fixtures embed, so image annotations make cards
        for annotation in _golden(path):
            if annotation.get("image"):
                image = root / annotation["image"]
                image.parent.mkdir(parents=True, exist_ok=True)
                image.write_bytes(PNG)
    return root


def _golden(path: Path) -> list[dict[str, object]]:
    data = json.loads(path.with_suffix(".annotations.json").read_text(encoding="utf-8"))
    return data["annotations"]  # type: ignore[no-any-return]


def test_every_annotation_of_every_shape_is_found_once_and_makes_cards_or_is_reported(
    vault: Path,
) -> None:
    result = run([vault], load_config(None), vault / "state.sqlite3", 1_700_000_000,
                 Options(keep_cards=True)).build
    for path in SHAPES:
        (file,) = [f for f in result.files if f.path.name == path.name]
        expected = _golden(path)
        assert file.annotations == len(expected), path.name
        lines_with_cards = {c.annotation.line for c in result.cards if c.source.path == file.path}
        reported = [role for role in file.skipped if role in {NO_CARD, NO_IMAGE}]
        skipped_by_role = [role for role in file.skipped if role not in {NO_CARD, NO_IMAGE}]
        assert len(lines_with_cards) + len(reported) + len(skipped_by_role) == len(expected)
        assert lines_with_cards <= {int(a["line"]) for a in expected}  # type: ignore[call-overload]


def test_the_mixed_vault_imports_into_anki_with_one_deck_per_source(
    vault: Path, tmp_path: Path
) -> None:
    out = tmp_path / "mixed.apkg"
    result = CliRunner().invoke(cli, ["build", str(vault), "-o", str(out), "--state",
                                             str(tmp_path / "state.sqlite3")])
    assert result.exit_code == 0, result.output
    listed = CliRunner().invoke(cli, ["cards", str(vault), "--format", "json", "-q",
                                             "--state", str(tmp_path / "state.sqlite3")])
    notes = json.loads(listed.stdout)
    col = open_collection(tmp_path)
    log = import_package(col, out)
    assert (log.new, log.updated, log.conflicting) == (len(notes), 0, 0)
    decks = {name for name in col.decks.all_names() if name.startswith("Research::")}
    assert decks == {n["deck"] for n in notes}
    assert len(decks) == len(SHAPES) + 1
    images = [col.get_note(i)["Image"] for i in col.find_notes("Image:_*")]
    assert len(images) == sum(1 for n in notes if n["fields"].get("Image")) > 0
    for tag in images:
        name = re.fullmatch(r'<img src="([^"]+)">', tag).group(1)  # type: ignore[union-attr]
        assert (Path(col.media.dir()) / name).read_bytes() == PNG
    col.close()
