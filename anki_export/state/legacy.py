"""The JSON state file of anki-export before 0.2, read once to carry its history over.

Input: the JSON file. Output: plain records (keyword arguments of `state.NoteRecord` and
`state.FileRecord`) and the build-wide values; `state.State` turns them into its SQLite form.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

LEGACY_FORMAT = 1


def read_legacy_state(
    path: Path,
) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]], dict[str, Any]]:
    """Notes by GUID, files by path, and the build-wide values of a format-1 JSON state.

    Raises ValueError (or KeyError, TypeError) when the file is not such a state.
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or data.get("format") != LEGACY_FORMAT:
        raise ValueError("not an anki-export state file of a known format")
    notes = {
        guid: {**record,
               "fields": tuple(record["fields"]),
               "tags": tuple(record["tags"]),
               "clozes": tuple((str(t), int(n)) for t, n in record.get("clozes", ()))}
        for guid, record in data["notes"].items()
    }
    files = {
        name: {**record,
               "guids": tuple(record["guids"]),
               "skipped_roles": tuple(record.get("skipped_roles", ())),
               "warnings": tuple(record.get("warnings", ())),
               # Format 1 kept no roles per file: they come from the notes' role tags.
               "roles": tuple(tag.removeprefix("role::") for guid in record["guids"]
                              for tag in notes.get(guid, {}).get("tags", ())
                              if tag.startswith("role::"))}
        for name, record in data.get("files", {}).items()
    }
    meta = {
        "note_types": dict(data.get("note_types", {})),
        "full_build_at": int(data.get("full_build_at", 0)),
        "tool": str(data.get("tool", "")),
        "build_key": str(data.get("build_key", "")),
    }
    return notes, files, meta
