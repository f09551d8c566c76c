"""Where Anki keeps its data: the base folder per platform, and a profile's collection file.

Input: the platform name, environment and home folder, or a base folder on disk. Output: paths.
"""

from __future__ import annotations

import io
import os
import pickle
import platform
import sqlite3
from collections.abc import Mapping
from pathlib import Path, PurePath, PureWindowsPath

from anki_export.errors import ExportError

COLLECTION = "collection.anki2"
DEFAULT_PROFILE = "User 1"
"""The profile Anki creates on first run (in English)."""


def anki_base_folder(system: str, env: Mapping[str, str], home: PurePath) -> PurePath:
    """Anki's data folder, computed as Anki's `ProfileManager.get_created_base_folder` does.

    `system` is `platform.system()`. A non-empty `ANKI_BASE` wins, as in Anki. Otherwise
    Windows: `%APPDATA%\\Anki2` (`<home>\\AppData\\Roaming` when APPDATA is unset); macOS
    ("Darwin"): `~/Library/Application Support/Anki2`; anything else: `$XDG_DATA_HOME/Anki2`,
    or `~/.local/share/Anki2`. An empty XDG_DATA_HOME counts as unset (the XDG rule; Anki
    itself would use a relative `Anki2`). Windows paths are `PureWindowsPath`s on any system.
    """
    windows = system == "Windows"
    if env.get("ANKI_BASE"):
        return PureWindowsPath(env["ANKI_BASE"]) if windows else Path(env["ANKI_BASE"])
    if windows:
        appdata = env.get("APPDATA") or PureWindowsPath(home, "AppData", "Roaming")
        return PureWindowsPath(appdata, "Anki2")
    if system == "Darwin":
        return Path(home, "Library", "Application Support", "Anki2")
    return Path(env.get("XDG_DATA_HOME") or Path(home, ".local", "share"), "Anki2")


def current_base_folder() -> Path:
    """Anki's data folder on this machine (reads the environment; touches no file)."""
    return Path(anki_base_folder(platform.system(), os.environ, Path.home()))


def find_collection(base: Path, profile: str | None) -> Path:
    """The collection file of `profile` in `base`, or of the profile Anki would use.

    Without a profile: the only profile folder holding a `collection.anki2`; among several,
    the profile Anki loaded last (from its `prefs21.db`), else "User 1". Anything else is an
    `ExportError` that lists the profiles found.
    """
    found = profiles(base)
    if profile is not None:
        if profile not in found:
            raise ExportError(f"no Anki profile '{profile}' in {base}{_listing(found)}")
        return base / profile / COLLECTION
    if len(found) == 1:
        return base / found[0] / COLLECTION
    if not found:
        raise ExportError(f"no Anki profile with a collection in {base}")
    for choice in (last_loaded_profile(base), DEFAULT_PROFILE):
        if choice in found:
            return base / choice / COLLECTION
    raise ExportError(f"several Anki profiles in {base}{_listing(found)}: name the one to use")


def profiles(base: Path) -> list[str]:
    """Names of the folders in `base` that hold a collection, sorted."""
    if not base.is_dir():
        return []
    names = [p.name for p in base.iterdir() if (p / COLLECTION).is_file()]
    return sorted(names, key=str.casefold)


def _listing(names: list[str]) -> str:
    """` (profiles: A, B)`, or ` (no profiles)`."""
    return f" (profiles: {', '.join(names)})" if names else " (no profiles)"


def last_loaded_profile(base: Path) -> str | None:
    """The profile Anki opened last, from `prefs21.db`; None when it cannot be read."""
    prefs = base / "prefs21.db"
    if not prefs.is_file():
        return None
    try:
        db = sqlite3.connect(prefs.resolve().as_uri() + "?mode=ro", uri=True, timeout=1)
        try:
            row = db.execute("select cast(data as blob) from profiles where name = '_global'")
            data = row.fetchone()
        finally:
            db.close()
        meta = _InertUnpickler(io.BytesIO(data[0]), errors="ignore").load() if data else None
    except Exception:  # unreadable or odd preferences only cost us a hint
        return None
    name = meta.get("last_loaded_profile_name") if isinstance(meta, dict) else None
    return name if isinstance(name, str) else None


class _Inert:
    """Stands in for every class a pickle names, so reading one imports and runs nothing."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        """Accept and ignore any constructor arguments."""

    def __setstate__(self, state: object) -> None:
        """Ignore the pickled state."""


class _InertUnpickler(pickle.Unpickler):
    """Anki pickles its preferences (with Qt objects inside); only plain data is read back."""

    def find_class(self, module: str, name: str) -> type[_Inert]:
        """Never import what the pickle names."""
        return _Inert
