"""The command line: summaries, warnings, exact error lines and exit codes, help everywhere."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from anki_export import __version__
from anki_export.cli import cli
from anki_export.state.store import State

from .conftest import EXAMPLE, FIXTURES

CLAIM = (">[!quote|#ffd400] Claim\n>\nthe moon is made of basalt "
         "[(p. 3)](zotero://open-pdf/library/items/MOON0001?page=3&annotation=BASALT01)\n")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def note(folder: Path, name: str, body: str, citekey: str = "moon1969") -> Path:
    path = folder / name
    path.write_text(f"---\ncitekey: {citekey}\ntitle: Lunar Geology\n---\n{body}", "utf-8")
    return path


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_has_help(command: str) -> None:
    code, out, _ = run(command, "--help")
    assert code == 0
    assert f"Usage: cli {command}" in out or f"Usage: anki-export {command}" in out
    assert cli.commands[command].help and len(cli.commands[command].help) > 20
    for param in cli.commands[command].params:
        if isinstance(param, click.Option):
            assert param.help, f"{command} {param.opts} has no help"


def test_version_and_module_entry_point() -> None:
    assert run("--version")[1] == f"anki-export, version {__version__}\n"
    result = subprocess.run([sys.executable, "-m", "anki_export", "--help"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "build" in result.stdout


def test_build_writes_a_deck_and_a_summary(tmp_path: Path) -> None:
    code, out, err = run("build", str(note(tmp_path, "moon.md", CLAIM)), "-o",
                         str(tmp_path / "out.apkg"))
    assert (code, err) == (0, "")
    assert "1 annotation(s) → 1 Anki note(s)." in out
    assert f"Wrote {tmp_path / 'out.apkg'}: 1 notes, 1 cards." in out
    assert (tmp_path / "out.apkg").stat().st_size > 0


def test_no_notes_found_is_an_error(tmp_path: Path) -> None:
    code, _, err = run("build", str(tmp_path), "-o", str(tmp_path / "x.apkg"))
    assert (code, err) == (1, "Error: no markdown notes found in the given paths\n")


def test_missing_input_path_is_an_error(tmp_path: Path) -> None:
    code, _, err = run("build", str(tmp_path / "nope"), "-o", str(tmp_path / "x.apkg"))
    assert (code, err) == (1, f"Error: no such file or folder: {tmp_path / 'nope'}\n")


def test_output_in_a_missing_folder_is_an_error_and_nothing_is_written(tmp_path: Path) -> None:
    source = note(tmp_path, "moon.md", CLAIM)
    out = tmp_path / "missing" / "x.apkg"
    code, _, err = run("build", str(source), "-o", str(out))
    assert (code, err) == (1, f"Error: cannot write {out}: folder {out.parent} does not exist\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["moon.md"]


def test_output_equal_to_an_input_is_refused(tmp_path: Path) -> None:
    source = note(tmp_path, "moon.md", CLAIM)
    code, _, err = run("build", str(source), "-o", str(source))
    expected = f"Error: output {source} is also an input; choose another file name\n"
    assert (code, err) == (1, expected)
    assert source.read_text("utf-8").endswith("BASALT01)\n")


def test_output_that_is_a_folder_is_an_error(tmp_path: Path) -> None:
    source = note(tmp_path, "moon.md", CLAIM)
    (tmp_path / "deck.apkg").mkdir()
    code, _, err = run("build", str(source), "-o", str(tmp_path / "deck.apkg"))
    assert code == 1 and err.startswith(f"Error: cannot write {tmp_path / 'deck.apkg'}: ")


def test_bad_note_is_a_warning_with_file_and_line_and_others_still_build(tmp_path: Path) -> None:
    good = note(tmp_path, "moon.md", CLAIM)
    bad = tmp_path / "bad.md"
    bad.write_text('---\ntitle: "unclosed\n---\n' + CLAIM.replace("BASALT01", "BASALT02"), "utf-8")
    out = tmp_path / "x.apkg"
    code, stdout, err = run("build", str(good), str(bad), "-o", str(out))
    assert code == 0
    assert err.splitlines()[0].startswith(f"warning: {bad}:2: frontmatter is not valid YAML")
    assert "2 annotation(s) → 2 Anki note(s)." in stdout and out.exists()


def test_strict_turns_warnings_into_exit_1_and_writes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "nokey.md"
    source.write_text(CLAIM, "utf-8")
    out = tmp_path / "x.apkg"
    code, _, err = run("build", str(source), "-o", str(out), "--strict")
    assert code == 1
    assert err.splitlines() == [
        f"warning: {source}:1: no citekey in the frontmatter; using 'nokey'",
        "Error: 1 warning(s) and --strict given; nothing written",
    ]
    assert not out.exists()


def test_cards_lists_json_with_guid_fields_tags_deck_and_source_line() -> None:
    code, out, _ = run("cards", str(EXAMPLE), "--format", "json", "-q")
    assert code == 0
    rows = json.loads(out)
    golden = json.loads((FIXTURES / "DoesSGDProduce.cards.json").read_text("utf-8"))
    assert len(rows) == len(golden)
    first = rows[0]
    assert set(first) == {"guid", "note_type", "fields", "tags", "deck", "role", "rule", "source"}
    assert first["deck"] == "Research::Does SGD Produce Deceptive Alignment?"
    assert first["source"] == f"{EXAMPLE}:37"  # the claim of line 33 is a topic phrase: no card
    assert first["tags"] == ["DoesSGDProduce", "role::personal-critic"]
    assert len({r["guid"] for r in rows}) == len(rows)


def test_cards_table_shows_source_role_front_and_back() -> None:
    code, out, _ = run("cards", str(EXAMPLE), "-q")
    assert code == 0
    line = next(li for li in out.splitlines() if ":72 " in li)
    assert line.startswith(f"{EXAMPLE}:72  claim")
    assert "SGD will take [...] to converge" in line and "→  a large number of training" in line


def test_deck_option_and_config_file_beside_the_notes(tmp_path: Path) -> None:
    note(tmp_path, "moon.md", CLAIM.replace("] Claim", "] "))
    (tmp_path / "anki-export.toml").write_text(
        'deck = "Reading::Geology"\n[colours]\nyellow = "claim"\n', "utf-8")
    code, out, _ = run("cards", str(tmp_path), "--format", "json", "-q")
    row = json.loads(out)[0]
    assert (code, row["deck"], row["role"]) == (0, "Reading::Geology::Lunar Geology", "claim")
    code, out, _ = run("cards", str(tmp_path), "--format", "json", "-q", "--deck", "Mine")
    assert json.loads(out)[0]["deck"] == "Mine::Lunar Geology"


def test_bad_config_file_is_an_error_naming_the_file(tmp_path: Path) -> None:
    note(tmp_path, "moon.md", CLAIM)
    config = tmp_path / "settings.toml"
    config.write_text('decks = "typo"\n', "utf-8")
    code, _, err = run("cards", str(tmp_path), "--config", str(config))
    assert (code, err) == (1, f"Error: {config}: unknown config key(s): decks\n")
    config.write_text('deck = [\n', "utf-8")
    code, _, err = run("cards", str(tmp_path), "--config", str(config))
    assert code == 1 and err.startswith(f"Error: {config}: config file is not valid TOML")


def test_undecodable_and_empty_files_never_produce_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "empty.md").write_text("")
    (tmp_path / "binary.md").write_bytes(bytes(range(256)) * 4)
    note(tmp_path, "moon.md", CLAIM)
    code, out, err = run("build", str(tmp_path), "-o", str(tmp_path / "x.apkg"))
    assert code == 0
    assert "1 annotation(s)" in out
    assert f"warning: {tmp_path / 'binary.md'}: file contains NUL bytes" in err


MAPPINGS = """---
citekey: analogies
title: Analogies
---
>[!quote|#2ea8e5] Supporting evidence
>
Jesus is internally aligned, Luther is corrigibly aligned, and Pascal is deceptively aligned. [(p. 1)](zotero://open-pdf/library/items/AAAA1111?page=1&annotation=DUPL0001)
>[!quote|#2ea8e5] Supporting evidence
>
Jesus is fully aligned, Calvin is partly aligned, and Pascal is deceptively aligned. [(p. 2)](zotero://open-pdf/library/items/AAAA1111?page=2&annotation=DUPL0002)
"""


def test_cards_check_reports_quality_figures_for_the_example(tmp_path: Path) -> None:
    code, out, _ = run("cards", "--check", str(EXAMPLE), "--state", str(tmp_path / "s.json"))
    assert code == 0
    assert out.splitlines()[0].startswith("Quality check: ")
    assert "  findings: 0 hard" in out
    assert "  cards with damaged text (U+FFFD) left: 0" in out
    assert "mapping-pair 3" in out and "argument-question 3" in out


def test_cards_check_fails_on_a_front_that_asks_two_things(tmp_path: Path) -> None:
    path = tmp_path / "analogies.md"
    path.write_text(MAPPINGS, encoding="utf-8")
    code, out, err = run("cards", "--check", str(path))
    assert code == 1
    assert f"    HARD {path}:8: same front as the card from {path}:5: 'Jesus is [...]'" in out
    assert f"warning: {path}:8: same card as {path}:5; made once" in err
    assert err.endswith("Error: quality check failed: see the hard findings above\n")


def test_plan_lists_changes_and_writes_nothing(tmp_path: Path) -> None:
    source = note(tmp_path, "moon.md", CLAIM)
    code, out, _ = run("plan", str(source))
    assert code == 0
    assert out.splitlines()[0] == f"new       {source}:5  the moon is made of basalt"
    assert out.splitlines()[-1] == (
        "Compared with the last build: 1 new, 0 updated, 0 unchanged, 0 orphaned, 0 retired.")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["moon.md"]


def test_build_records_each_file_so_an_unchanged_one_can_be_skipped(tmp_path: Path) -> None:
    source = note(tmp_path, "moon.md", CLAIM)
    run("build", str(source), "-o", str(tmp_path / "x.apkg"))
    state = State(tmp_path / "anki-export-state.sqlite3")
    record = state.file(str(source.resolve()))
    assert record is not None and record.size == source.stat().st_size
    assert len(record.sha256) == 64 and record.annotations == 1 and record.roles == ("claim",)
    assert record.guids == tuple(guid for guid, _ in state.notes())
    state.close()


def test_a_rebuild_that_skips_unchanged_files_warns_as_the_full_build_did(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    vault.mkdir()
    shutil.copy(FIXTURES / "cards" / "duplicates-and-stopwords.md", vault)
    full = run("build", str(vault), "-o", str(tmp_path / "a.apkg"))
    assert "same card as" in full[2]  # a duplicate-card warning, made after the file is read
    cached = run("build", str(vault), "-o", str(tmp_path / "b.apkg"))
    assert cached[2] == full[2]
    strict = run("build", str(vault), "-o", str(tmp_path / "c.apkg"), "--strict")
    assert strict[0] == 1 and "--strict" in strict[2]


def test_frontmatter_options_set_deck_and_tags_or_exclude_the_note(tmp_path: Path) -> None:
    special = tmp_path / "special.md"
    special.write_text("---\ncitekey: moon1969\ntitle: Lunar Geology\nanki-deck: Exam::Moon\n"
                       "anki-tags: [exam, geology]\n---\n" + CLAIM, "utf-8")
    hidden = tmp_path / "hidden.md"
    hidden.write_text("---\ncitekey: other\nanki-skip: true\n---\n"
                      + CLAIM.replace("BASALT01", "BASALT02"), "utf-8")
    code, out, _ = run("cards", str(tmp_path), "--format", "json", "-q")
    (row,) = json.loads(out)
    assert code == 0 and row["deck"] == "Exam::Moon"
    assert row["tags"] == ["moon1969", "role::claim", "exam", "geology"]


def test_a_vetoed_card_that_was_built_before_becomes_an_orphan(tmp_path: Path) -> None:
    source = note(tmp_path, "moon.md", CLAIM)
    run("build", str(source), "-o", str(tmp_path / "a.apkg"))
    source.write_text(source.read_text("utf-8") + "%%anki: skip%%\n", "utf-8")
    code, out, _ = run("build", str(source), "-o", str(tmp_path / "b.apkg"))
    assert code == 0
    assert ("No cards for: 1 vetoed (skip_roles and vetoes: see the README; anki-export "
            "explain NOTE says why for each).") in out
    assert "0 new, 0 updated, 0 unchanged, 1 orphaned, 0 retired." in out


def _many_notes(folder: Path, count: int) -> None:
    for n in range(count):
        body = CLAIM.replace("BASALT01", f"K{n:07d}")
        (folder / f"n{n}.md").write_text(f"---\ncitekey: k{n}\ntitle: Moon rocks, part {n}\n---\n"
                                         + body, "utf-8")


def test_progress_bar_shows_on_a_terminal_and_not_when_piped_or_quiet(tmp_path: Path) -> None:
    import pty

    _many_notes(tmp_path, 60)
    command = [sys.executable, "-m", "anki_export", "build", str(tmp_path), "-o",
               str(tmp_path / "x.apkg"), "--state", str(tmp_path / "s.json")]
    primary, secondary = pty.openpty()
    with subprocess.Popen(command, stdin=secondary, stdout=secondary, stderr=secondary) as proc:
        os.close(secondary)
        chunks = []
        while True:
            try:
                chunk = os.read(primary, 4096)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        proc.wait()
    os.close(primary)
    on_terminal = b"".join(chunks).decode()
    assert proc.returncode == 0 and "Reading notes" in on_terminal
    piped = subprocess.run(command, capture_output=True, text=True, check=True)
    assert "Reading notes" not in piped.stderr + piped.stdout
    quiet = subprocess.run([*command, "--quiet"], capture_output=True, text=True, check=True)
    assert quiet.stdout == "" and quiet.stderr == ""


def test_import_command_imports_into_a_collection_and_prints_ankis_log(tmp_path: Path) -> None:
    from .anki_engine import open_collection

    open_collection(tmp_path).close()  # a fresh, empty collection
    collection = tmp_path / "collection.anki2"
    source = note(tmp_path, "moon.md", CLAIM)
    deck = tmp_path / "moon.apkg"
    code, out, err = run("build", str(source), "-o", str(deck), "--import", "--collection",
                         str(collection))
    assert code == 0, err
    assert f"Imported {deck} into {collection}: 1 new, 0 updated, 0 unchanged, 0 conflicting" in out
    assert list((tmp_path / "backups").glob("anki-export-*.anki2"))
    code, out, _ = run("import", str(deck), "--collection", str(collection))
    assert code == 0 and ": 0 new, 0 updated, 1 unchanged, 0 conflicting" in out


def test_import_refuses_collection_and_profile_together(tmp_path: Path) -> None:
    code, _, err = run("import", str(tmp_path / "x.apkg"), "--collection",
                       str(tmp_path / "c.anki2"), "--profile", "User 1")
    assert (code, err) == (1, "Error: --collection and --profile exclude each other\n")


def test_summary_counts_annotations_without_a_zotero_key(tmp_path: Path) -> None:
    keyless = CLAIM.replace("&annotation=BASALT01", "")
    code, out, _ = run("build", str(note(tmp_path, "moon.md", keyless)), "-o",
                       str(tmp_path / "x.apkg"))
    assert code == 0
    assert ("1 annotation(s) have no Zotero annotation key: their identity comes from their "
            "text and page, so rewriting one makes a new card.") in out
