"""What a highlight means: its colour on Zotero's palette, and its role (claim, evidence...).

Input: the colour and label a note gives an annotation. Output: a palette colour name and a role.
"""

from __future__ import annotations

import colorsys
import re
from collections.abc import Mapping

# Zotero's highlight palette; every colour a note gives is mapped to its nearest entry.
PALETTE: Mapping[str, str] = {
    "yellow": "#ffd400",
    "red": "#ff6666",
    "green": "#5fb236",
    "blue": "#2ea8e5",
    "purple": "#a28ae5",
    "magenta": "#e56eee",
    "orange": "#f19837",
    "gray": "#aaaaaa",
    "black": "#000000",
}
_ALIASES = {"grey": "gray", "violet": "purple", "pink": "magenta", "cyan": "blue"}
_HEX = re.compile(r"^#?([0-9a-fA-F]{6})(?:[0-9a-fA-F]{2})?$|^#?([0-9a-fA-F]{3})$")

HIGHLIGHT = "highlight"
"""The role of an annotation with neither label nor configured colour: still makes a card."""

KNOWN_ROLES = (
    "claim",
    "personal-critic",
    "supporting-evidence",
    "important",
    "reference",
    HIGHLIGHT,
)

RESEARCH_NOTE_PRESET: Mapping[str, str] = {
    "yellow": "claim",
    "purple": "personal-critic",
    "blue": "supporting-evidence",
    "red": "important",
    "green": "reference",
}
"""The colour scheme of the Zotero Integration "research-note" template (opt-in preset)."""


def palette_colour(value: str | None) -> str | None:
    """Palette name for a hex code (`#FFD40080`), a colour name or a Highlightr class."""
    if not value:
        return None
    text = value.strip().lower().removeprefix("hltr-")
    text = _ALIASES.get(text, text)
    if text in PALETTE:
        return text
    rgb = _rgb(text)
    if rgb is None:
        return None
    hue, saturation, brightness = colorsys.rgb_to_hsv(*(c / 255 for c in rgb))
    if brightness < 0.2:
        return "black"
    if saturation < 0.15:
        return "gray"
    # Readers' pastel or vivid variants keep their hue, not their lightness: compare hues.
    return min(_HUES, key=lambda name: _hue_distance(hue, _HUES[name]))


def role_slug(label: str) -> str:
    """`Personal critic` → `personal-critic`: the form roles are compared and tagged in."""
    return re.sub(r"[^\w]+", "-", label.strip().lower()).strip("-")


def resolve_role(
    label: str | None,
    colour: str | None,
    labels: Mapping[str, str],
    colours: Mapping[str, str],
) -> str:
    """Role from the label when there is one (renamed through `labels`), else from the colour."""
    if label and role_slug(label):
        slug = role_slug(label)
        return labels.get(slug, slug)
    if colour and colour in colours:
        return colours[colour]
    return HIGHLIGHT


def _rgb(text: str) -> tuple[int, int, int] | None:
    """RGB triple of a 3- or 6-digit hex colour (an alpha suffix is ignored)."""
    match = _HEX.match(text)
    if not match:
        return None
    digits = match.group(1) or "".join(c * 2 for c in match.group(2))
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def _hue_distance(a: float, b: float) -> float:
    """Distance between two hues on the colour wheel (0..0.5)."""
    return min(abs(a - b), 1 - abs(a - b))


_HUES: Mapping[str, float] = {
    name: colorsys.rgb_to_hsv(*(c / 255 for c in (_rgb(code) or (0, 0, 0))))[0]
    for name, code in PALETTE.items()
    if name not in ("gray", "black")
}
