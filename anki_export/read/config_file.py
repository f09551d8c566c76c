"""The config file: `anki-export.toml`, found in the notes' home folder and checked key by key.

Input: an optional `anki-export.toml` and the command line's `--deck`. Output: a `Config`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from anki_export.config import DEFAULT_PARENT_DECK, Config
from anki_export.errors import ExportError
from anki_export.read.roles import RESEARCH_NOTE_PRESET, palette_colour, role_slug
from anki_export.read.shapes import SHAPES

CONFIG_NAME = "anki-export.toml"
PRESETS: Mapping[str, Mapping[str, str]] = {"none": {}, "research-note": RESEARCH_NOTE_PRESET}
_KEYS = {"deck", "preset", "colours", "colors", "labels", "skip_roles", "skip", "shape",
         "precise_clozes"}


def find_config(home: Path) -> Path | None:
    """`anki-export.toml` in the notes' home folder (see `discover.home_folder`), if there."""
    candidate = home / CONFIG_NAME
    return candidate if candidate.is_file() else None


def load_config(path: Path | None, parent_deck: str | None = None) -> Config:
    """Read `path` (if any) and apply the command line's `--deck` over it."""
    data: dict[str, Any] = {}
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except OSError as error:
            raise ExportError(f"cannot read config file ({error.strerror})", path) from error
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise ExportError(f"config file is not valid TOML: {error}", path) from error
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise ExportError(f"unknown config key(s): {', '.join(unknown)}", path)
    preset = _get(data, "preset", str, "none", path)
    if preset not in PRESETS:
        raise ExportError(f"unknown preset '{preset}' (choose from: {', '.join(PRESETS)})", path)
    colours = dict(PRESETS[preset]) | _colours(data.get("colours", data.get("colors", {})), path)
    labels = {role_slug(k): role_slug(v) for k, v in _table(data, "labels", path).items()}
    skip = _get(data, "skip_roles", list, ["reference"], path)
    shape = _get(data, "shape", str, "", path) or None
    if shape is not None and shape not in SHAPES:
        raise ExportError(f"unknown shape '{shape}' (choose from: {', '.join(SHAPES)})", path)
    return Config(
        parent_deck=parent_deck or _get(data, "deck", str, DEFAULT_PARENT_DECK, path),
        colours=colours,
        labels=labels,
        skip_roles=frozenset(role_slug(str(role)) for role in skip),
        skip=frozenset(str(item) for item in _get(data, "skip", list, [], path)),
        shape=shape,
        precise_clozes=_get(data, "precise_clozes", bool, True, path),
        path=path,
    )


def _get(data: Mapping[str, Any], key: str, kind: type, default: Any, path: Path | None) -> Any:
    """`data[key]` checked to be a `kind`, else `default`."""
    value = data.get(key, default)
    if not isinstance(value, kind):
        raise ExportError(f"config key '{key}' must be a {kind.__name__}", path)
    return value


def _table(data: Mapping[str, Any], key: str, path: Path | None) -> dict[str, str]:
    """A TOML table of strings."""
    table = _get(data, key, dict, {}, path)
    if not all(isinstance(v, str) for v in table.values()):
        raise ExportError(f"every value in [{key}] must be a string", path)
    return dict(table)


def _colours(table: Any, path: Path | None) -> dict[str, str]:
    """`[colours]` keys (hex codes or names) normalised to palette names."""
    if not isinstance(table, dict):
        raise ExportError("config key 'colours' must be a table", path)
    result = {}
    for key, role in table.items():
        name = palette_colour(str(key))
        if name is None or not isinstance(role, str):
            raise ExportError(f"[colours] entry '{key}' must map a colour to a role name", path)
        result[name] = role_slug(role)
    return result
