"""The two Anki note types, built from the HTML and CSS in `card_templates/`.

Field and template names are part of each note type's identity: Anki forks a note type whose
fields change, and its notes then stop updating. Add nothing here without a migration plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from anki_export.ids import CLOZE_MODEL_ID, QA_MODEL_ID, field_id, template_id

_SHARED_FIELDS = (
    "Extra",
    "Comment",
    "Image",
    "Title",
    "Citekey",
    "Citation",
    "Page",
    "ZoteroLink",
    "ObsidianLink",
    "AnnotationKey",
    "Role",
    "Colour",
    "OriginalText",
)
CLOZE_FIELDS = ("Text", *_SHARED_FIELDS)
QA_FIELDS = ("Front", "Back", *_SHARED_FIELDS)


@dataclass(frozen=True, slots=True)
class NoteType:
    """Everything Anki needs to know about one note type."""

    model_id: int
    name: str
    fields: tuple[str, ...]
    template_name: str
    front: str
    back: str
    css: str
    is_cloze: bool

    def field_dicts(self) -> list[dict[str, object]]:
        """Fields as Anki's JSON wants them, each with its stable `id`."""
        return [{"name": name, "id": field_id(self.model_id, name)} for name in self.fields]

    def template_dicts(self) -> list[dict[str, object]]:
        """The one card template, with its stable `id`."""
        return [{
            "name": self.template_name,
            "qfmt": self.front,
            "afmt": self.back,
            "id": template_id(self.model_id, self.template_name),
        }]


def templates_folder() -> Traversable:
    """`card_templates/`: inside the installed wheel, or beside the package in a source checkout."""
    packaged = resources.files("anki_export") / "card_templates"
    if packaged.is_dir():
        return packaged
    # An editable install or a plain checkout imports the package from the source tree,
    # where the templates sit at the top level, beside the package.
    return Path(__file__).resolve().parents[2] / "card_templates"


def _read(name: str) -> str:
    """One template file's text."""
    return templates_folder().joinpath(name).read_text(encoding="utf-8")


@cache
def cloze_note_type() -> NoteType:
    """Cloze note type: `Text` holds the clozes, the rest is context and source."""
    return _from_templates(CLOZE_MODEL_ID, "anki-export Cloze", CLOZE_FIELDS, "Cloze", "cloze")


@cache
def qa_note_type() -> NoteType:
    """Question/answer note type: `Front` asks, `Back` answers, the rest is context and source."""
    return _from_templates(QA_MODEL_ID, "anki-export Q/A", QA_FIELDS, "Card 1", "qa")


def _from_templates(
    model_id: int, name: str, fields: tuple[str, ...], template_name: str, prefix: str
) -> NoteType:
    """A note type whose front and back are `<prefix>-front.html` and `<prefix>-back.html`;
    every back ends with the shared comment and source block."""
    return NoteType(
        model_id=model_id,
        name=name,
        fields=fields,
        template_name=template_name,
        front=_read(f"{prefix}-front.html"),
        back=_read(f"{prefix}-back.html") + _read("source.html"),
        css=_read("style.css"),
        is_cloze=prefix == "cloze",
    )
