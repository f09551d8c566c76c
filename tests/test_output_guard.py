"""The output guard: no command writes over a note, the state, the config or Anki's data, and
none replaces a file it did not write unless given --force.

Every case runs the real CLI on an Obsidian vault (notes in `vault/notes/`, the config and the
state in the vault root) and checks the exact error line, the exit code, and that every file
under `tmp_path` is byte for byte what it was.
"""

from __future__ import annotations

import os
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import genanki
import pytest
from click.testing import CliRunner

from anki_export.cli import cli

from .anki_engine import import_package, open_collection

CLAIM = ("---\ncitekey: moon1969\ntitle: Lunar Geology\n---\n>[!quote|#ffd400] Claim\n>\n"
         "the moon is made of basalt "
         "[(p. 3)](zotero://open-pdf/library/items/MOON0001?page=3&annotation=BASALT01)\n")
CONFIG = 'deck = "Research"\n'
COMMANDS = {
    "build": ("build",),
    "build --only-changes": ("build", "--only-changes"),
    "preview": ("preview",),
    "plan": ("plan",),
}
"""Every command that takes an output; `plan -o` only checks it (and has no --force)."""


@dataclass(frozen=True)
class Vault:
    root: Path
    notes: Path
    note: Path
    """`notes/moon.md`."""
    config: Path
    state: Path


@pytest.fixture(autouse=True)
def _no_real_anki_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Anki's data folder, as the guard looks it up, is a folder of the test's own."""
    monkeypatch.setenv("ANKI_BASE", str(tmp_path / "AnkiBase"))


def make_vault(tmp_path: Path) -> Vault:
    root = tmp_path / "vault"
    (root / ".obsidian").mkdir(parents=True)
    notes = root / "notes"
    notes.mkdir()
    note = notes / "moon.md"
    note.write_text(CLAIM, encoding="utf-8")
    config = root / "anki-export.toml"
    config.write_text(CONFIG, encoding="utf-8")
    return Vault(root, notes, note, config, root / "anki-export-state.sqlite3")


def cli_run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(arg) for arg in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a traceback is never an acceptable outcome
    return result.exit_code, result.stdout, result.stderr


def files_under(root: Path) -> dict[Path, bytes | None]:
    """Every file's bytes (None for a folder) and every link's target, under `root`."""
    return {path: (os.readlink(path).encode() if path.is_symlink()
                   else path.read_bytes() if path.is_file() else None)
            for path in root.rglob("*")}


def first_build(vault: Vault) -> None:
    """A full build, so that the state file exists."""
    code, _, err = cli_run("build", vault.notes, "-o", vault.root.parent / "first.apkg", "-q")
    assert code == 0, err


def anki_collection(folder: Path) -> Path:
    """A real, empty collection made by the Anki engine, in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    open_collection(folder).close()
    return folder / "collection.anki2"


# Refused: what each case sets up, the output, and why ----------------------------------------


@dataclass(frozen=True)
class Refusal:
    name: str
    setup: Callable[[Vault], tuple[list[Path | str], Path]]
    """Makes the case in a vault; returns the command's inputs (and options) and the output."""
    why: str
    """The error message; `{out}` stands for the output as typed."""


AN_INPUT = "output {out} is also an input; choose another file name"
THE_STATE = "output {out} is also the state file; choose another file name"
THE_CONFIG = "output {out} is also the config file; choose another file name"
A_COLLECTION = ("output {out} is an Anki collection; anki-export never writes over one (to put "
                "a deck into it, use anki-export import)")
ANKI_DATA = ("output {out} is in Anki's data folder; write it elsewhere (to put a deck into "
             "Anki, use anki-export import)")


def _typed_note(vault: Vault) -> tuple[list[Path | str], Path]:
    return [vault.note], vault.note


def _note_found_in_folder(vault: Vault) -> tuple[list[Path | str], Path]:
    return [vault.notes], vault.note


def _note_through_a_symlink(vault: Vault) -> tuple[list[Path | str], Path]:
    link = vault.root / "moon-link.md"
    link.symlink_to(vault.note)
    return [vault.notes], link


def _note_through_dot_dot(vault: Vault) -> tuple[list[Path | str], Path]:
    (vault.notes / "sub").mkdir()
    return [vault.notes], vault.notes / "sub" / ".." / "moon.md"


def _note_through_a_hard_link(vault: Vault) -> tuple[list[Path | str], Path]:
    hard = vault.root / "moon-hard-link.html"
    os.link(vault.note, hard)
    return [vault.notes], hard


def _state_by_default(vault: Vault) -> tuple[list[Path | str], Path]:
    first_build(vault)
    return [vault.notes], vault.state


def _state_given(vault: Vault) -> tuple[list[Path | str], Path]:
    state = vault.root.parent / "elsewhere.sqlite3"
    code, _, err = cli_run("build", vault.notes, "-o", vault.root.parent / "first.apkg",
                           "--state", state, "-q")
    assert code == 0, err
    return [vault.notes, "--state", state], state


def _state_of_version_0_1(vault: Vault) -> tuple[list[Path | str], Path]:
    legacy = vault.root / "anki-export-state.json"
    legacy.write_text('{"notes": {}}', encoding="utf-8")
    return [vault.notes], legacy


def _config_found(vault: Vault) -> tuple[list[Path | str], Path]:
    return [vault.notes], vault.config


def _config_given(vault: Vault) -> tuple[list[Path | str], Path]:
    config = vault.root.parent / "my-settings.toml"
    config.write_text(CONFIG, encoding="utf-8")
    return [vault.notes, "--config", config], config


def _collection_in_a_profile(vault: Vault) -> tuple[list[Path | str], Path]:
    base = vault.root.parent / "Anki2"
    collection = anki_collection(base / "User 1")
    (base / "prefs21.db").write_bytes(b"")
    return [vault.notes], collection


def _collection_under_another_name(vault: Vault) -> tuple[list[Path | str], Path]:
    collection = anki_collection(vault.root.parent / "scratch")
    copy = vault.root.parent / "my-cards-backup.db"
    shutil.copyfile(collection, copy)
    shutil.rmtree(collection.parent)
    return [vault.notes], copy


def _new_file_named_like_a_collection(vault: Vault) -> tuple[list[Path | str], Path]:
    return [vault.notes], vault.root.parent / "collection.anki21b"


def _new_file_in_a_profile(vault: Vault) -> tuple[list[Path | str], Path]:
    base = vault.root.parent / "Anki2"
    anki_collection(base / "User 1")
    (base / "prefs21.db").write_bytes(b"")
    return [vault.notes], base / "User 1" / "collection.media" / "deck.apkg"


def _new_file_in_ankis_data_folder(vault: Vault) -> tuple[list[Path | str], Path]:
    base = Path(os.environ["ANKI_BASE"])
    (base / "User 1").mkdir(parents=True)
    return [vault.notes], base / "User 1" / "deck.apkg"


def _collection_package(vault: Vault) -> tuple[list[Path | str], Path]:
    colpkg = vault.root.parent / "everything.colpkg"
    colpkg.write_bytes(b"PK\x03\x04 a collection package")
    return [vault.notes], colpkg


REFUSALS = (
    Refusal("a note typed as input", _typed_note, AN_INPUT),
    Refusal("a note found in an input folder", _note_found_in_folder, AN_INPUT),
    Refusal("a note reached through a symlink", _note_through_a_symlink, AN_INPUT),
    Refusal("a note reached through ..", _note_through_dot_dot, AN_INPUT),
    Refusal("a note reached through a hard link", _note_through_a_hard_link, AN_INPUT),
    Refusal("the state file found in the vault", _state_by_default, THE_STATE),
    Refusal("the state file given with --state", _state_given, THE_STATE),
    Refusal("the state file of version 0.1", _state_of_version_0_1, THE_STATE),
    Refusal("the config file found in the vault", _config_found, THE_CONFIG),
    Refusal("the config file given with --config", _config_given, THE_CONFIG),
    Refusal("an Anki collection in a profile", _collection_in_a_profile, A_COLLECTION),
    Refusal("an Anki collection under another name", _collection_under_another_name,
            A_COLLECTION),
    Refusal("a new file named like a collection", _new_file_named_like_a_collection,
            A_COLLECTION.replace("is an", "is named like an")),
    Refusal("a new file in an Anki profile's media", _new_file_in_a_profile, ANKI_DATA),
    Refusal("a new file in Anki's data folder", _new_file_in_ankis_data_folder, ANKI_DATA),
    Refusal("a collection package", _collection_package,
            "output {out} is a collection package: Anki would replace the whole collection "
            "with it on import; choose another file name (a deck is a .apkg)"),
)


@pytest.mark.parametrize("command", [*COMMANDS, "build --force", "build --only-changes --force",
                                     "preview --force"])
@pytest.mark.parametrize("case", REFUSALS, ids=[case.name for case in REFUSALS])
def test_an_output_that_would_destroy_data_is_refused_and_nothing_is_written(
        tmp_path: Path, case: Refusal, command: str) -> None:
    inputs, output = case.setup(make_vault(tmp_path))
    before = files_under(tmp_path)
    verb, *flags = COMMANDS[command.removesuffix(" --force")]
    force = ["--force"] if command.endswith("--force") else []
    code, out, err = cli_run(verb, *inputs, "-o", output, *flags, *force)
    assert (code, err) == (1, f"Error: {case.why.format(out=output)}\n")
    assert out == ""
    assert files_under(tmp_path) == before


# Existing files: a command replaces only what it wrote, or what --force names ----------------

FOREIGN_DECK = ("output {out} exists and is not a deck written by anki-export; choose another "
                "file name, or give --force to replace it")
FOREIGN_PAGE = ("output {out} exists and is not a preview page written by anki-export; choose "
                "another file name, or give --force to replace it")


def foreign_deck(path: Path) -> Path:
    """A real `.apkg` another tool wrote: genanki's own Basic note type."""
    basic = genanki.Model(1_607_392_319, "Basic", fields=[{"name": "Front"}, {"name": "Back"}],
                          templates=[{"name": "Card 1", "qfmt": "{{Front}}",
                                      "afmt": "{{FrontSide}}<hr id=answer>{{Back}}"}])
    deck = genanki.Deck(2_059_400_110, "Mine")
    deck.add_note(genanki.Note(model=basic, fields=["my question", "my answer"]))
    genanki.Package(deck).write_to_file(str(path))
    return path


@pytest.mark.parametrize(("command", "name", "why"), [
    ("build", "a-deck-another-tool-wrote.apkg", FOREIGN_DECK),
    ("build --only-changes", "a-deck-another-tool-wrote.apkg", FOREIGN_DECK),
    ("build", "my-page.html", FOREIGN_DECK),
    ("preview", "my-page.html", FOREIGN_PAGE),
    ("preview", "a-deck-another-tool-wrote.apkg", FOREIGN_PAGE),
])
def test_an_existing_file_anki_export_did_not_write_is_refused_without_force(
        tmp_path: Path, command: str, name: str, why: str) -> None:
    vault = make_vault(tmp_path)
    output = tmp_path / name
    if name.endswith(".apkg"):
        foreign_deck(output)
    else:
        output.write_text("<html><body>my own page</body></html>", encoding="utf-8")
    before = files_under(tmp_path)
    code, _, err = cli_run(*COMMANDS[command][:1], vault.notes, "-o", output,
                           *COMMANDS[command][1:])
    assert (code, err) == (1, f"Error: {why.format(out=output)}\n")
    assert files_under(tmp_path) == before


@pytest.mark.parametrize("damage", ["cut in half", "garbage collection", "garbage stream"])
def test_a_damaged_deck_is_not_taken_for_one_anki_export_wrote(tmp_path: Path,
                                                                damage: str) -> None:
    vault = make_vault(tmp_path)
    ours = tmp_path / "ours.apkg"
    assert cli_run("build", vault.notes, "-o", ours)[0] == 0
    output = tmp_path / "damaged.apkg"
    if damage == "cut in half":
        output.write_bytes(ours.read_bytes()[: ours.stat().st_size // 2])
    else:
        with zipfile.ZipFile(ours) as archive:
            collection = archive.read("collection.anki2")
        with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("collection.anki2", b"x" * 4096 if damage == "garbage collection"
                             else collection)
        if damage == "garbage stream":  # the deflated bytes after the zip's local header
            data = bytearray(output.read_bytes())
            data[100:400] = bytes(300)
            output.write_bytes(bytes(data))
    before = files_under(tmp_path)
    code, _, err = cli_run("build", vault.notes, "-o", output)
    assert (code, err) == (1, f"Error: {FOREIGN_DECK.format(out=output)}\n")
    assert files_under(tmp_path) == before
    assert cli_run("build", vault.notes, "-o", output, "--force")[0] == 0


@pytest.mark.parametrize("command", ["build", "preview"])
def test_force_replaces_a_file_anki_export_did_not_write(tmp_path: Path, command: str) -> None:
    vault = make_vault(tmp_path)
    output = tmp_path / ("deck.apkg" if command == "build" else "page.html")
    output.write_bytes(b"my own data")
    code, out, err = cli_run(command, vault.notes, "-o", output, "--force")
    assert code == 0, err
    assert f"Wrote {output}: 1 notes" in out
    assert output.read_bytes() != b"my own data"


def test_plan_warns_that_build_would_need_force_for_a_file_it_did_not_write(
        tmp_path: Path) -> None:
    vault = make_vault(tmp_path)
    output = foreign_deck(tmp_path / "deck.apkg")
    before = files_under(tmp_path)
    code, _, err = cli_run("plan", vault.notes, "-o", output)
    assert code == 0
    assert err == (f"warning: {output}: exists and is not a deck written by anki-export; build "
                   "will refuse to replace it without --force\n")
    assert files_under(tmp_path) == before
    code, _, _ = cli_run("plan", vault.notes, "-o", output, "--strict")
    assert code == 1


def test_build_replaces_a_deck_it_wrote_and_anki_imports_the_new_one(tmp_path: Path) -> None:
    vault = make_vault(tmp_path)
    deck = tmp_path / "moon.apkg"
    assert cli_run("build", vault.notes, "-o", deck)[0] == 0
    vault.note.write_text(CLAIM.replace("basalt", "anorthosite"), encoding="utf-8")
    code, out, err = cli_run("build", vault.notes, "-o", deck)
    assert code == 0, err
    assert f"Wrote {deck}: 1 notes, 1 cards." in out
    (tmp_path / "anki").mkdir()
    col = open_collection(tmp_path / "anki")
    try:
        assert import_package(col, deck).new == 1
        (note_id,) = col.find_notes("")
        assert "anorthosite" in col.get_note(note_id)["Text"]
    finally:
        col.close()


def test_an_update_deck_and_a_full_deck_replace_each_other(tmp_path: Path) -> None:
    vault = make_vault(tmp_path)
    deck = tmp_path / "moon.apkg"
    assert cli_run("build", vault.notes, "-o", deck)[0] == 0
    vault.note.write_text(CLAIM.replace("basalt", "anorthosite"), encoding="utf-8")
    code, out, err = cli_run("build", vault.notes, "-o", deck, "--only-changes")
    assert code == 0, err
    assert f"Wrote update deck {deck}: 1 notes" in out
    code, _, err = cli_run("build", vault.notes, "-o", deck)
    assert code == 0, err


def test_preview_replaces_a_page_it_wrote(tmp_path: Path) -> None:
    vault = make_vault(tmp_path)
    page = tmp_path / "cards.html"
    assert cli_run("preview", vault.notes, "-o", page)[0] == 0
    assert '<meta name="generator" content="anki-export">' in page.read_text("utf-8")
    vault.note.write_text(CLAIM.replace("basalt", "anorthosite"), encoding="utf-8")
    code, out, err = cli_run("preview", vault.notes, "-o", page)
    assert code == 0, err
    assert f"Wrote {page}: 1 notes, 1 cards." in out
    assert "anorthosite" in page.read_text("utf-8")


@pytest.mark.parametrize(("command", "name"), [("build", "new.apkg"), ("preview", "new.html"),
                                               ("build", "new.APKG"), ("preview", "new.htm")])
def test_a_new_file_is_written_without_a_warning(tmp_path: Path, command: str,
                                                 name: str) -> None:
    vault = make_vault(tmp_path)
    code, _, err = cli_run(command, vault.notes, "-o", tmp_path / name, "--strict")
    assert (code, err) == (0, "")
    assert (tmp_path / name).is_file()


# Outputs that no reader will open: a warning, an error under --strict ------------------------


@pytest.mark.parametrize(("command", "name", "warning"), [
    ("build", "deck.txt", "Anki's import dialog offers only .apkg files for a deck; name it "
                          "deck.apkg"),
    ("build", "deck", "Anki's import dialog offers only .apkg files for a deck; name it "
                      "deck.apkg"),
    ("plan", "deck.zip", "Anki's import dialog offers only .apkg files for a deck; name it "
                         "deck.apkg"),
    ("preview", "cards.md", "a browser opens the preview only as a .html file; name it "
                            "cards.html"),
])
def test_an_output_no_reader_offers_to_open_is_a_warning_and_an_error_under_strict(
        tmp_path: Path, command: str, name: str, warning: str) -> None:
    vault = make_vault(tmp_path)
    output = tmp_path / name
    code, _, err = cli_run(command, vault.notes, "-o", output)
    assert code == 0
    assert err == f"warning: {output}: {warning}\n"
    assert output.is_file() == (command != "plan")
    output.unlink(missing_ok=True)
    before = files_under(tmp_path)
    code, _, err = cli_run(command, vault.notes, "-o", output, "--strict")
    assert code == 1
    assert err.startswith(f"warning: {output}: {warning}\nError: ")
    assert files_under(tmp_path) == before


# Today's checks, kept ------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["build", "preview", "plan"])
def test_an_output_in_a_missing_folder_is_an_error(tmp_path: Path, command: str) -> None:
    vault = make_vault(tmp_path)
    output = tmp_path / "missing" / "out.apkg"
    before = files_under(tmp_path)
    code, _, err = cli_run(command, vault.notes, "-o", output)
    assert (code, err) == (1, f"Error: cannot write {output}: folder {output.parent} does not "
                              "exist\n")
    assert files_under(tmp_path) == before


@pytest.mark.parametrize("force", [[], ["--force"]])
@pytest.mark.parametrize("command", ["build", "preview"])
def test_an_output_that_is_a_folder_is_an_error(tmp_path: Path, command: str,
                                                force: list[str]) -> None:
    vault = make_vault(tmp_path)
    output = tmp_path / "deck.apkg"
    output.mkdir()
    before = files_under(tmp_path)
    code, _, err = cli_run(command, vault.notes, "-o", output, *force)
    assert (code, err) == (1, f"Error: cannot write {output}: it is a folder\n")
    assert files_under(tmp_path) == before


@pytest.mark.parametrize("command", ["build", "preview"])
def test_an_output_that_is_a_link_loop_is_replaced_without_a_traceback(
        tmp_path: Path, command: str) -> None:
    vault = make_vault(tmp_path)
    output = tmp_path / ("loop.apkg" if command == "build" else "loop.html")
    output.symlink_to(output.name)
    code, _, err = cli_run(command, vault.notes, "-o", output)
    assert (code, err) == (0, "")
    assert output.is_file() and not output.is_symlink()
