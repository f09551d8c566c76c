"""The config file: every key, the preset, and errors that name the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from anki_export.config import Config
from anki_export.errors import ExportError
from anki_export.read.config_file import CONFIG_NAME, find_config, load_config


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / CONFIG_NAME
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file() -> None:
    config = load_config(None)
    assert config == Config()
    assert (config.parent_deck, dict(config.colours), config.skip_roles) == (
        "Research", {}, frozenset({"reference"}))


def test_research_note_preset_maps_the_example_colours(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, 'preset = "research-note"\n'))
    assert dict(config.colours) == {
        "yellow": "claim", "purple": "personal-critic", "blue": "supporting-evidence",
        "red": "important", "green": "reference"}


def test_every_key_is_read(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, '''
deck = "Reading::Papers"
preset = "research-note"
skip_roles = []
[colours]
"#FF6666" = "Claim"
magenta = "Personal critic"
[labels]
"Disagree" = "personal critic"
'''))
    assert config.parent_deck == "Reading::Papers"
    assert dict(config.colours) == {
        "yellow": "claim", "purple": "personal-critic", "blue": "supporting-evidence",
        "red": "claim", "green": "reference", "magenta": "personal-critic"}
    assert dict(config.labels) == {"disagree": "personal-critic"}
    assert config.skip_roles == frozenset()
    assert config.path == tmp_path / CONFIG_NAME


def test_command_line_deck_wins_over_the_file(tmp_path: Path) -> None:
    assert load_config(write(tmp_path, 'deck = "A"\n'), "B").parent_deck == "B"


def test_options_that_change_cards_change_the_digest() -> None:
    assert Config().digest() == Config().digest()
    assert Config(skip_roles=frozenset()).digest() != Config().digest()


@pytest.mark.parametrize(("text", "message"), [
    ("decks = 1\n", "unknown config key(s): decks"),
    ('preset = "rainbow"\n', "unknown preset 'rainbow' (choose from: none, research-note)"),
    ("deck = 3\n", "config key 'deck' must be a str"),
    ('[colours]\n"not a colour" = "claim"\n', "[colours] entry 'not a colour' must map a colour"),
    ("[labels]\nx = 1\n", "every value in [labels] must be a string"),
    ("deck = [\n", "config file is not valid TOML"),
])
def test_bad_config_is_an_error_naming_the_file(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ExportError) as raised:
        load_config(path)
    assert str(raised.value).startswith(f"{path}: {message}")


def test_config_is_found_in_the_notes_home_folder(tmp_path: Path) -> None:
    assert find_config(tmp_path) is None
    write(tmp_path, "")
    assert find_config(tmp_path) == tmp_path / CONFIG_NAME
