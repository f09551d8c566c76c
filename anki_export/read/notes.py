"""Read one markdown note: frontmatter facts (citekey, title, ...) and its body.

Input: a path (or text and path). Output: a `SourceNote`; nothing here knows about annotations.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import frontmatter
import yaml

from anki_export.errors import Problem

_ITEM_LINK = re.compile(r"zotero://select/(?:library|groups/\d+)/items/(?:\d+_)?([A-Z0-9]{8})")
_TITLE_CITEKEY = re.compile(r"@([\w:.#$%&+?<>~/-]+)")
_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.M)
MAX_TITLE = 60
_SITE_SUFFIX = re.compile(r"\s+[-|–—]\s+[^-|–—]{2,40}$")
_TEMPLATE_TAG = re.compile(r"\{%.*?%\}|\{\{\s*[\w.]+(?:\s*\|[^}]*)?\s*\}\}")


@dataclass(frozen=True, slots=True)
class SourceNote:
    """A literature note: the facts about the source it annotates, and its text."""

    path: Path
    """Where the note was read from (as the user named it)."""
    text: str
    """The whole file, newlines normalised to `\\n`."""
    body_start: int
    """0-based index of the first line after the frontmatter."""
    citekey: str
    """Citation key from the frontmatter, or derived from the file name."""
    title: str
    """Title of the source (frontmatter `title`, first heading, or the file name)."""
    citation: str | None = None
    """Short author-year citation ("Hubinger et al. (2019)") when the frontmatter has them."""
    item_type: str | None = None
    """Zotero item type from the frontmatter (`webpage`, `journalArticle`, ...)."""
    item_key: str | None = None
    """Zotero item key from a `zotero://select/...` link, when the note has one."""
    obsidian_link: str | None = None
    """`obsidian://open?...` link back to the note when it lives in a vault."""
    deck: str | None = None
    """Frontmatter `anki-deck`: the full deck name for this source, overriding the default."""
    tags: tuple[str, ...] = ()
    """Frontmatter `anki-tags`: extra tags for every card of this source."""
    excluded: bool = False
    """Frontmatter `anki-skip: true`: make no cards from this note."""
    metadata: Mapping[str, Any] = field(default_factory=dict)
    """All frontmatter keys (a plain dict, so notes pickle for worker processes)."""
    problems: tuple[Problem, ...] = ()
    """Warnings about the note itself (bad YAML, no citekey...)."""

    @property
    def lines(self) -> list[str]:
        """The note's lines without their newline characters."""
        return self.text.split("\n")


def short_title(note: SourceNote) -> str:
    """The title without a web page's site name, cut on a word boundary to about 60 characters."""
    return _short_title(note.title, note.item_type)


@lru_cache(maxsize=1024)  # asked for every card of a source
def _short_title(title: str, item_type: str | None) -> str:
    if (item_type or "").lower() in {"webpage", "blogpost", "forumpost"}:
        title = _SITE_SUFFIX.sub("", title)
    title = " ".join(title.replace("::", ":").split())
    if len(title) <= MAX_TITLE:
        return title
    cut = title[:MAX_TITLE].rsplit(" ", 1)[0].rstrip(" ,;:-–—")
    return cut + "…"


def is_template(text: str) -> bool:
    """Whether the file is a Zotero Integration template (`{{title}}`, `{% for ... %}`)."""
    return "zotero://open-pdf" not in text and _TEMPLATE_TAG.search(text) is not None


def parse_note(text: str, path: Path, vault: Path | None = None) -> SourceNote:
    """Build a `SourceNote` from the note's text; pure apart from `path` being remembered."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    metadata, body_start, problems = _frontmatter(text, path)
    citekey = _string(metadata.get("citekey")) or _string(metadata.get("citationKey"))
    title = _string(metadata.get("title")) or _first_heading(text, body_start) or path.stem
    if not citekey:
        citekey = _citekey_from_title(title) or _citekey_from_filename(path)
        problems.append(Problem(f"no citekey in the frontmatter; using '{citekey}'", path, 1))
    item = _ITEM_LINK.search(text)
    return SourceNote(
        path=path,
        text=text,
        body_start=body_start,
        citekey=citekey,
        title=" ".join(title.split()),
        citation=_citation(metadata),
        item_type=_string(metadata.get("type")) or _string(metadata.get("itemType")),
        item_key=item.group(1) if item else None,
        obsidian_link=_obsidian_link(path, vault) if vault else None,
        deck=_string(metadata.get("anki-deck")),
        tags=_tags(metadata.get("anki-tags"), path, problems),
        excluded=metadata.get("anki-skip") is True,
        metadata=dict(metadata),
        problems=tuple(problems),
    )


def _frontmatter(text: str, path: Path) -> tuple[dict[str, Any], int, list[Problem]]:
    """Frontmatter keys, the body's first line, and warnings; bad YAML never stops the note."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, 0, []
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        reason = "frontmatter is never closed with '---'; reading it as text"
        return {}, 0, [Problem(reason, path, 1)]
    try:
        post = frontmatter.loads("\n".join(lines[: end + 1]) + "\n")
        # The YAML as python-frontmatter parses it (from the opening line's newline, so marks
        # count like its errors'): it tells an empty frontmatter from a list, and finds
        # duplicate keys, which python-frontmatter reads as {} alike or silently merges.
        node = yaml.compose("\n" + "\n".join(lines[1:end]), Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        # Where an unclosed quote or bracket began says more than where the reader gave up.
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1  # YAML counts from the opening ---
        reason = getattr(error, "problem", None) or "invalid YAML"
        message = f"frontmatter is not valid YAML ({reason}); ignored"
        return {}, end + 1, [Problem(message, path, line)]
    except Exception as error:  # python-frontmatter raises plain errors for non-mapping YAML
        return {}, end + 1, [Problem(f"frontmatter could not be read ({error}); ignored", path, 1)]
    metadata = post.metadata
    if node is None:  # only blank lines or comments: nothing to warn about
        return {}, end + 1, []
    if not isinstance(metadata, dict) or not isinstance(node, yaml.MappingNode):
        return {}, end + 1, [Problem("frontmatter is not a mapping of keys; ignored", path, 1)]
    return metadata, end + 1, _duplicate_keys(node, path)


def _duplicate_keys(node: Any, path: Path) -> list[Problem]:
    """YAML forbids a key twice, but PyYAML keeps the last value silently: say which one won."""
    first: dict[str, int] = {}
    problems = []
    for key, _ in node.value:
        if not isinstance(key, yaml.ScalarNode):
            continue  # a complex key (a list or mapping) names no fact we read
        line = key.start_mark.line + 1
        if key.value in first:
            problems.append(Problem(f"frontmatter key '{key.value}' appears again (first at "
                                    f"line {first[key.value]}); using this later value",
                                    path, line))
        else:
            first[key.value] = line
    return problems


def _string(value: object) -> str | None:
    """A frontmatter value as a non-empty string, or None."""
    if value is None or isinstance(value, (dict, list)):
        return None
    text = " ".join(str(value).split())
    return text or None


def _tags(value: object, path: Path, problems: list[Problem]) -> tuple[str, ...]:
    """`anki-tags` as a list or a space/comma separated string; spaces are not allowed in tags."""
    if value is None:
        return ()
    items = value if isinstance(value, list) else re.split(r"[\s,]+", str(value))
    tags = tuple(str(item).strip().replace(" ", "_") for item in items if str(item).strip())
    if not isinstance(value, (list, str)):
        problems.append(Problem("anki-tags should be a list of tags", path, 1))
    return tags


def _citation(metadata: dict[str, Any]) -> str | None:
    """`Surname (Year)`, `A and B (Year)` or `A et al. (Year)` from common frontmatter keys."""
    people = next((metadata[k] for k in ("authors", "author", "creators") if k in metadata), None)
    if isinstance(people, str):
        people = [p for p in re.split(r";| and ", people) if p.strip()]
    names = [_surname(str(p)) for p in people] if isinstance(people, list) else []
    names = [n for n in names if n]
    when = str(metadata.get("year") or metadata.get("date") or "")
    year = re.search(r"\b(1[5-9]|20)\d\d\b", when)
    if not names:
        return None
    who = names[0] if len(names) == 1 else (
        f"{names[0]} and {names[1]}" if len(names) == 2 else f"{names[0]} et al.")
    return f"{who} ({year.group(0)})" if year else who


def _surname(person: str) -> str:
    """`Hubinger, Evan` or `Evan Hubinger` → `Hubinger`; wikilink brackets dropped."""
    person = person.strip().strip("[]").strip()
    if "," in person:
        return person.split(",")[0].strip()
    return person.split()[-1] if person.split() else ""


def _first_heading(text: str, body_start: int) -> str | None:
    """The first `# Heading` of the body."""
    body = "\n".join(text.split("\n")[body_start:])
    match = _HEADING.search(body)
    return match.group(1) if match else None


def _citekey_from_title(title: str) -> str | None:
    """`@smith2020` style citekeys that some templates put in the title or file name."""
    match = _TITLE_CITEKEY.search(title)
    return match.group(1) if match else None


def _citekey_from_filename(path: Path) -> str:
    """A citekey made from the file name: `@key` when present, else the name without spaces."""
    return _citekey_from_title(path.stem) or re.sub(r"\s+", "", path.stem) or "untitled"


def _obsidian_link(path: Path, vault: Path) -> str | None:
    """`obsidian://open?vault=NAME&file=PATH` for a note inside `vault`."""
    try:
        relative = path.resolve().relative_to(vault.resolve())
    except ValueError:
        return None
    file = relative.with_suffix("").as_posix()
    return f"obsidian://open?vault={quote(vault.name, safe='')}&file={quote(file, safe='')}"
