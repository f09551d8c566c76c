"""Reading notes: frontmatter, citekeys, titles, vaults, decoding, discovery."""

from __future__ import annotations

from pathlib import Path

import pytest

from anki_export.errors import ExportError
from anki_export.read.discover import decode, find_note_files, find_vault, read_note
from anki_export.read.notes import is_template, parse_note
from tests.conftest import EXAMPLE, FIXTURES


def test_example_note_frontmatter_is_read() -> None:
    note = read_note(EXAMPLE)
    assert note.citekey == "DoesSGDProduce"
    assert note.title == "Does SGD Produce Deceptive Alignment? - AI Alignment Forum"
    assert note.item_type == "webpage"
    assert note.item_key == "9PQMKU8U"
    assert note.lines[note.body_start].startswith("“Does SGD Produce")
    assert note.problems == ()


def test_missing_citekey_is_derived_from_the_file_name_with_a_warning() -> None:
    note = read_note(FIXTURES / "notes" / "no-citekey.md")
    assert note.citekey == "no-citekey"
    assert [str(p) for p in note.problems] == [
        f"{FIXTURES / 'notes' / 'no-citekey.md'}:1: "
        "no citekey in the frontmatter; using 'no-citekey'"
    ]


def test_citekey_in_an_at_sign_title_is_used() -> None:
    note = parse_note("# @smith2020deep Deep things\n", Path("x.md"))
    assert note.citekey == "smith2020deep"


def test_invalid_yaml_is_a_warning_with_its_line_and_the_body_still_reads() -> None:
    text = '---\ntitle: ok\nauthor: "unclosed\n---\nbody line\n'
    note = parse_note(text, Path("bad.md"))
    assert note.citekey == "bad"
    assert note.lines[note.body_start] == "body line"
    assert any("not valid YAML" in p.message and p.line is not None for p in note.problems)


def test_unclosed_frontmatter_is_read_as_text() -> None:
    note = parse_note("---\ntitle: x\nbody\n", Path("open.md"))
    assert note.body_start == 0
    assert any("never closed" in p.message for p in note.problems)


def test_frontmatter_that_is_a_list_is_ignored_with_a_warning() -> None:
    note = parse_note("---\n- a\n- b\n---\ntext\n", Path("list.md"))
    assert note.citekey == "list"
    assert any("not a mapping" in p.message for p in note.problems)


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_windows_and_old_mac_line_endings_read_like_unix(newline: str) -> None:
    text = "---\ncitekey: k\n---\nline\n".replace("\n", newline)
    note = parse_note(text, Path("k.md"))
    assert note.citekey == "k"
    assert note.lines[note.body_start] == "line"


def test_bom_is_dropped_and_latin1_is_read_with_a_warning() -> None:
    text, problems = decode("\ufeff---\ncitekey: a\n---\n".encode(), Path("a.md"))
    assert text.startswith("---") and problems == []
    text, problems = decode("caf\xe9\n".encode("latin-1"), Path("b.md"))
    assert text == "café\n"
    assert [p.message for p in problems] == ["file is not UTF-8; read as Windows-1252"]


def test_template_files_are_recognised() -> None:
    assert is_template((FIXTURES / "notes" / "template-file.md").read_text())
    assert not is_template(EXAMPLE.read_text())


def test_discovery_is_recursive_sorted_and_skips_hidden_folders(tmp_path: Path) -> None:
    (tmp_path / ".obsidian").mkdir()
    (tmp_path / ".obsidian" / "workspace.md").write_text("x")
    (tmp_path / ".trash").mkdir()
    (tmp_path / ".trash" / "old.md").write_text("x")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.md").write_text("x")
    (tmp_path / "a.md").write_text("x")
    (tmp_path / "notes.txt").write_text("x")
    files, problems = find_note_files([tmp_path])
    assert files == [tmp_path / "a.md", tmp_path / "b" / "z.md"]
    assert problems == []


def test_discovery_survives_a_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "n.md").write_text("x")
    (tmp_path / "sub" / "loop").symlink_to(tmp_path)
    files, _ = find_note_files([tmp_path])
    assert [f.name for f in files] == ["n.md"]


def test_a_missing_path_is_an_error() -> None:
    with pytest.raises(ExportError, match="no such file or folder"):
        find_note_files([Path("/nonexistent/notes")])


def test_vault_is_the_nearest_folder_with_dot_obsidian(tmp_path: Path) -> None:
    (tmp_path / ".obsidian").mkdir()
    (tmp_path / "Literature").mkdir()
    note = tmp_path / "Literature" / "Kuhn 1962.md"
    note.write_text("---\ncitekey: kuhn\n---\n")
    assert find_vault(note) == tmp_path.resolve()
    parsed = read_note(note)
    assert parsed.obsidian_link == (
        f"obsidian://open?vault={tmp_path.name}&file=Literature%2FKuhn%201962"
    )


def test_a_note_outside_a_vault_has_no_obsidian_link(tmp_path: Path) -> None:
    note = tmp_path / "loose.md"
    note.write_text("---\ncitekey: loose\n---\n")
    assert find_vault(note) is None
    assert read_note(note).obsidian_link is None
