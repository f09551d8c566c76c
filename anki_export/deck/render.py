"""Render our note types' cards the way Anki 26.9 does, without Anki.

Input: an `AnkiNote` and a card ordinal. Output: question and answer HTML as Anki's
`card.question()` / `card.answer()` give them, less the leading `<style>` (the note type's CSS).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from anki_export.deck.package import AnkiNote

_HANDLE = re.compile(r"\{\{(.*?)\}\}", re.S)
_CLOZE_TOKEN = re.compile(r"\{\{c(\d+)::|\}\}")
# Anki's `field_is_empty`: only ASCII whitespace and bare <br>/<div> tags.
_EMPTY = re.compile(r"(?:[ \t\n\x0b\x0c\r]|</?(?:br|div) ?/?>)*", re.I)
_MATHJAX = re.compile(r"(\\[(\[])(.*?)(\\[)\]])", re.S)
_TAGS = re.compile(r"<!--.*?-->|<style.*?>.*?</style>|<script.*?>.*?</script>|<.*?>", re.S | re.I)
_NAMED = {"<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;"}
_MAX_NESTING = 10
NO_CLOZE = (
    "<div>No cloze \u2068{number}\u2069 found on card.\nPlease either add a cloze deletion, or use "
    "the Empty Cards tool.<br><a href='https://docs.ankiweb.net/templates/errors.html"
    "#no-cloze-filter-on-cloze-note-type'>More information</a></div>"
)
"""What Anki shows for a cloze card whose number is not in the note."""


@dataclass(frozen=True, slots=True)
class _Field:
    """`{{filter:Name}}`: a field, with its filters in the order they apply."""

    name: str
    filters: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Section:
    """`{{#Name}}…{{/Name}}` (or `{{^Name}}`, negated): shown when the field is non-empty."""

    name: str
    negated: bool
    children: tuple[_Node, ...]


_Node = str | _Field | _Section


@dataclass(slots=True)
class _Cloze:
    """One `{{cN::text::hint}}` of a field, holding text and nested clozes."""

    ordinal: int
    nodes: list[str | _Cloze] = field(default_factory=list)
    hint: str | None = None


def card_ords(note: AnkiNote) -> tuple[int, ...]:
    """The ordinals of the cards Anki makes of `note`: cloze number - 1, else 0."""
    if not note.note_type.is_cloze:
        return (0,)
    return tuple(n - 1 for n in sorted(_cloze_numbers(note))) or (0,)


def render_card(note: AnkiNote, ord: int) -> tuple[str, str]:
    """Question and answer HTML of the card `ord` of `note`, as Anki renders them."""
    fields = dict(zip(note.note_type.fields, note.fields, strict=True))
    question = _render(_parse(note.note_type.front), fields, ord, None)
    answer = _render(_parse(note.note_type.back), fields, ord, question)
    if note.note_type.is_cloze and ord + 1 not in _cloze_numbers(note):
        error = NO_CLOZE.format(number=ord + 1)
        return question + error, error
    return question, answer


def field_is_empty(value: str) -> bool:
    """Anki's test for `{{#Field}}`: only whitespace and empty `<br>`/`<div>` tags."""
    return _EMPTY.fullmatch(value) is not None


@cache
def _parse(template: str) -> tuple[_Node, ...]:
    """A card template as a tree of text, field replacements and sections."""
    stack: list[tuple[str | None, bool, list[_Node]]] = [(None, False, [])]
    position = 0
    for match in _HANDLE.finditer(template):
        if match.start() > position:
            stack[-1][2].append(template[position : match.start()])
        position = match.end()
        handle = match.group(1).strip()
        if handle[:1] in ("#", "^") and len(handle) > 1:
            stack.append((handle[1:].strip(), handle[0] == "^", []))
        elif handle[:1] == "/" and len(handle) > 1:
            name, negated, children = stack.pop()
            if name is None or name != handle[1:].strip():
                raise ValueError(f"template closes {handle!r} but {name!r} is open")
            stack[-1][2].append(_Section(name, negated, tuple(children)))
        else:
            *filters, name = handle.split(":")
            stack[-1][2].append(_Field(name, tuple(reversed(filters))))
    if len(stack) > 1:
        raise ValueError(f"template leaves section {stack[-1][0]!r} open")
    if position < len(template):
        stack[0][2].append(template[position:])
    return tuple(stack[0][2])


def _render(
    nodes: tuple[_Node, ...], fields: dict[str, str], ord: int, front_side: str | None
) -> str:
    """One side: text as is, fields replaced, sections kept when their field is non-empty."""
    pieces = []
    for node in nodes:
        if isinstance(node, str):
            pieces.append(node)
        elif isinstance(node, _Section):
            if field_is_empty(_value(node.name, fields, front_side)) == node.negated:
                pieces.append(_render(node.children, fields, ord, front_side))
        else:
            pieces.append(_replace(node, fields, ord, front_side))
    return "".join(pieces)


def _value(name: str, fields: dict[str, str], front_side: str | None) -> str:
    """A field's value, or the rendered question for `{{FrontSide}}` on the answer."""
    if name == "FrontSide" and front_side is not None:
        return front_side
    if name not in fields:
        raise ValueError(f"template uses {{{{{name}}}}}, which is not a field")
    return fields[name]


def _replace(node: _Field, fields: dict[str, str], ord: int, front_side: str | None) -> str:
    """A field replacement with its filters applied (only `cloze` is used by our templates)."""
    text = _value(node.name, fields, front_side)
    for name in node.filters:
        if name != "cloze":
            raise ValueError(f"template uses the filter {name!r}, which is not supported")
        text = _cloze_filter(text, ord + 1, question=front_side is None)
    return text


def _cloze_numbers(note: AnkiNote) -> set[int]:
    """Cloze numbers of the fields the question shows through `{{cloze:…}}`."""
    fields = dict(zip(note.note_type.fields, note.fields, strict=True))
    numbers: set[int] = set()
    for name in _cloze_fields(_parse(note.note_type.front)):
        numbers |= {n for n in _numbers_in(_parse_clozes(fields.get(name, ""))) if n > 0}
    return numbers


def _cloze_fields(nodes: tuple[_Node, ...]) -> set[str]:
    """Names of the fields a template passes through the cloze filter."""
    names: set[str] = set()
    for node in nodes:
        if isinstance(node, _Section):
            names |= _cloze_fields(node.children)
        elif isinstance(node, _Field) and "cloze" in node.filters:
            names.add(node.name)
    return names


def _numbers_in(nodes: list[str | _Cloze]) -> set[int]:
    """Every cloze number in parsed text, nested ones included."""
    numbers: set[int] = set()
    for node in nodes:
        if isinstance(node, _Cloze):
            numbers |= {node.ordinal, *_numbers_in(node.nodes)}
    return numbers


def _parse_clozes(text: str) -> list[str | _Cloze]:
    """Text and (nested) clozes; a stray `}}` is text, an unclosed cloze is dropped, as in Anki."""
    output: list[str | _Cloze] = []
    open_clozes: list[_Cloze] = []
    position = 0
    for match in _CLOZE_TOKEN.finditer(text):
        if match.group(1) is not None and int(match.group(1)) > 0xFFFF:
            continue  # not a number Anki can read: plain text
        _add_text(text[position : match.start()], open_clozes, output)
        position = match.end()
        if match.group(1) is not None:
            if len(open_clozes) < _MAX_NESTING:
                open_clozes.append(_Cloze(int(match.group(1))))
        elif open_clozes:
            cloze = open_clozes.pop()
            (open_clozes[-1].nodes if open_clozes else output).append(cloze)
        else:
            output.append("}}")
    _add_text(text[position:], open_clozes, output)
    return output


def _add_text(text: str, open_clozes: list[_Cloze], output: list[str | _Cloze]) -> None:
    """Text goes into the innermost open cloze (after `::` it is that cloze's hint), or out."""
    if not text:
        return
    if not open_clozes:
        output.append(text)
        return
    head, separator, hint = text.partition("::")
    if separator:
        open_clozes[-1].hint = hint
    open_clozes[-1].nodes.append(head)


def _cloze_filter(text: str, number: int, question: bool) -> str:
    """`{{cloze:Field}}` for cloze `number`: empty when the field has no such cloze."""
    nodes = _parse_clozes(text)
    if number not in _numbers_in(nodes):
        return ""
    revealed = _reveal(nodes, number, question)
    return _MATHJAX.sub(lambda m: m.group(1) + _TAGS.sub("", m.group(2)) + m.group(3), revealed)


def _reveal(nodes: list[str | _Cloze], number: int, question: bool) -> str:
    """Parsed text with cloze `number` hidden (question) or highlighted (answer)."""
    pieces = []
    for node in nodes:
        if isinstance(node, str):
            pieces.append(node)
            continue
        inner = _reveal(node.nodes, number, question)
        if node.ordinal == number and question:
            hint = "..." if node.hint is None else node.hint
            pieces.append(f'<span class="cloze" data-cloze="{_encode_attribute(inner)}" '
                          f'data-ordinal="{node.ordinal}">[{hint}]</span>')
        else:
            kind = "cloze" if node.ordinal == number else "cloze-inactive"
            pieces.append(f'<span class="{kind}" data-ordinal="{node.ordinal}">{inner}</span>')
    return "".join(pieces)


def _encode_attribute(text: str) -> str:
    """Anki's attribute encoding: every Latin-1 character but ASCII letters and digits escaped."""
    return "".join(
        c if ord(c) > 0xFF or (c.isascii() and c.isalnum()) else _NAMED.get(c, f"&#x{ord(c):X};")
        for c in text
    )
