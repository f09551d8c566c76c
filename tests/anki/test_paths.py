"""Where Anki keeps its data: base folders per platform, and finding a profile's collection."""

from __future__ import annotations

import enum
import pickle
import sqlite3
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest

from anki_export.anki.paths import (
    anki_base_folder,
    current_base_folder,
    find_collection,
    last_loaded_profile,
)
from anki_export.errors import ExportError

HOME = Path("/home/ada")


class HideMode(enum.Enum):
    """Stands for the Qt-side objects Anki pickles into its preferences."""

    FULLSCREEN = 0


class Touch:
    """A pickle that would create a file if it were unpickled naively."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[object, tuple[Path]]:
        return Path.touch, (self.path,)


@pytest.mark.parametrize(("system", "env", "expected"), [
    ("Linux", {}, "/home/ada/.local/share/Anki2"),
    ("Linux", {"XDG_DATA_HOME": "/data/ada"}, "/data/ada/Anki2"),
    ("Linux", {"XDG_DATA_HOME": ""}, "/home/ada/.local/share/Anki2"),
    ("FreeBSD", {}, "/home/ada/.local/share/Anki2"),
    ("Darwin", {"XDG_DATA_HOME": "/ignored"}, "/home/ada/Library/Application Support/Anki2"),
    ("Linux", {"ANKI_BASE": "/srv/anki", "XDG_DATA_HOME": "/data"}, "/srv/anki"),
    ("Darwin", {"ANKI_BASE": "/Volumes/USB/Anki"}, "/Volumes/USB/Anki"),
    ("Linux", {"ANKI_BASE": ""}, "/home/ada/.local/share/Anki2"),
])
def test_base_folder_on_posix_systems(system: str, env: dict[str, str], expected: str) -> None:
    assert anki_base_folder(system, env, HOME) == Path(expected)


@pytest.mark.parametrize(("env", "expected"), [
    ({"APPDATA": r"C:\Users\ada\AppData\Roaming"}, r"C:\Users\ada\AppData\Roaming\Anki2"),
    ({}, r"C:\Users\ada\AppData\Roaming\Anki2"),
    ({"APPDATA": r"D:\Profiles\ada", "ANKI_BASE": r"E:\Anki"}, r"E:\Anki"),
])
def test_base_folder_on_windows(env: dict[str, str], expected: str) -> None:
    base = anki_base_folder("Windows", env, PureWindowsPath(r"C:\Users\ada"))
    assert isinstance(base, PureWindowsPath)
    assert str(base) == expected


def test_current_base_folder_reads_this_machines_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ANKI_BASE", str(tmp_path))
    assert current_base_folder() == tmp_path


def make_profiles(base: Path, *names: str) -> None:
    for name in names:
        (base / name).mkdir(parents=True)
        (base / name / "collection.anki2").write_bytes(b"")
    (base / "addons21").mkdir(exist_ok=True)  # no collection: not a profile
    (base / "Empty").mkdir(exist_ok=True)


def write_prefs(base: Path, meta: object) -> None:
    with sqlite3.connect(base / "prefs21.db") as db:
        db.execute("create table profiles (name text primary key collate nocase, "
                   "data blob not null)")
        db.execute("insert into profiles values ('_global', ?)", (pickle.dumps(meta),))
    db.close()


def test_the_only_profile_is_found(tmp_path: Path) -> None:
    make_profiles(tmp_path, "Ada")
    assert find_collection(tmp_path, None) == tmp_path / "Ada" / "collection.anki2"


def test_a_named_profile_is_used(tmp_path: Path) -> None:
    make_profiles(tmp_path, "Ada", "User 1")
    assert find_collection(tmp_path, "Ada") == tmp_path / "Ada" / "collection.anki2"


def test_an_unknown_profile_is_an_error_listing_the_profiles(tmp_path: Path) -> None:
    make_profiles(tmp_path, "Ada", "User 1")
    with pytest.raises(ExportError) as error:
        find_collection(tmp_path, "Bob")
    assert str(error.value) == f"no Anki profile 'Bob' in {tmp_path} (profiles: Ada, User 1)"


def test_no_profile_is_an_error(tmp_path: Path) -> None:
    make_profiles(tmp_path)
    with pytest.raises(ExportError) as error:
        find_collection(tmp_path, None)
    assert str(error.value) == f"no Anki profile with a collection in {tmp_path}"
    with pytest.raises(ExportError) as error:
        find_collection(tmp_path / "missing", None)
    assert str(error.value) == f"no Anki profile with a collection in {tmp_path / 'missing'}"


def test_among_several_profiles_the_one_anki_loaded_last_wins(tmp_path: Path) -> None:
    make_profiles(tmp_path, "Ada", "Bob", "User 1")
    write_prefs(tmp_path, {"last_loaded_profile_name": "Bob", "ver": 0,
                           "top_bar_hide_mode": HideMode.FULLSCREEN})
    assert find_collection(tmp_path, None) == tmp_path / "Bob" / "collection.anki2"


def test_among_several_profiles_user_1_is_the_fallback(tmp_path: Path) -> None:
    make_profiles(tmp_path, "Ada", "User 1")
    write_prefs(tmp_path, {"last_loaded_profile_name": "Gone"})
    assert find_collection(tmp_path, None) == tmp_path / "User 1" / "collection.anki2"


def test_several_profiles_and_no_hint_is_an_error_listing_them(tmp_path: Path) -> None:
    make_profiles(tmp_path, "Bob", "ada")
    (tmp_path / "prefs21.db").write_bytes(b"not a database")
    with pytest.raises(ExportError) as error:
        find_collection(tmp_path, None)
    assert str(error.value) == (f"several Anki profiles in {tmp_path} (profiles: ada, Bob): "
                                "name the one to use")


def test_reading_preferences_runs_nothing_they_name(tmp_path: Path) -> None:
    marker = tmp_path / "touched"
    write_prefs(tmp_path, {"last_loaded_profile_name": "Ada", "evil": Touch(marker)})
    assert last_loaded_profile(tmp_path) == "Ada"
    assert not marker.exists()


@pytest.mark.parametrize("meta", [["not", "a", "dict"], {"last_loaded_profile_name": 3}])
def test_odd_preferences_give_no_hint(tmp_path: Path, meta: object) -> None:
    write_prefs(tmp_path, meta)
    assert last_loaded_profile(tmp_path) is None
    assert last_loaded_profile(tmp_path / "missing") is None


def test_pure_paths_need_no_real_home() -> None:
    assert anki_base_folder("Linux", {}, PurePosixPath("/nowhere")) == Path(
        "/nowhere/.local/share/Anki2")
