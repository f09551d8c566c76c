"""`anki-export preview`: one self-contained HTML page showing every card as Anki renders it.

Input: a build's `Card`s and warnings. Output: the page as a string (`preview_html`), or written
atomically to a file (`write_preview`). Card HTML goes in as Anki shows it (images inlined);
everything else is escaped.
"""

from __future__ import annotations

import base64
import mimetypes
from collections import Counter
from collections.abc import Iterable, Sequence
from html import escape
from pathlib import Path
from string import Template

from anki_export.atomic import replace_atomically
from anki_export.cards.card import Card
from anki_export.deck.media import media_name
from anki_export.deck.notetypes import templates_folder
from anki_export.deck.package import AnkiNote, anki_note
from anki_export.deck.render import card_ords, render_card
from anki_export.errors import Problem
from anki_export.outputs import GENERATOR_META
from anki_export.read.roles import KNOWN_ROLES, PALETTE
from anki_export.workflow import Run

_LINKS = {"zotero://": "Open in Zotero", "file://": "Open PDF", "obsidian://": "Open in Obsidian"}
"""The only links the page chrome makes, by scheme: a source's own, which open local files."""

_WARNINGS_SHOWN = 10
"""Up to this many warnings are listed open; more are folded under their count."""

Group = tuple[Card, AnkiNote]


def write_preview(run: Run, output: Path, parent_deck: str) -> None:
    """Write the preview of `run` to `output`, replacing it only once the new page is complete."""
    page = preview_html(run.build.cards, (*run.build.problems, *run.plan.warnings), parent_deck)
    replace_atomically(output, lambda stream: stream.write(page.encode("utf-8")))


def preview_html(cards: Sequence[Card], problems: Sequence[Problem], parent_deck: str) -> str:
    """The whole page: counts, warnings, then each source's cards by role, front and back."""
    notes = [(card, anki_note(card, parent_deck)) for card in cards]
    sources = _by_source(notes)
    total = sum(len(card_ords(note)) for _, note in notes)
    css = "\n".join(dict.fromkeys(note.note_type.css for _, note in notes))
    body = [
        _header(notes, len(sources), total),
        _contents(sources),
        _warnings(problems),
        *(_source(index, group) for index, group in enumerate(sources.values(), 1)),
    ]
    return _page_template().substitute(
        generator=GENERATOR_META, title=f"anki-export preview: {_plural(total, 'card')}",
        card_css=css, body="\n".join(body))


def _page_template() -> Template:
    """The page around the cards: `card_templates/preview-page.html`, with its CSS and script."""
    return Template(templates_folder().joinpath("preview-page.html").read_text(encoding="utf-8"))


def _by_source(notes: Iterable[Group]) -> dict[tuple[str, Path], list[Group]]:
    """Notes by deck and source file, in the order the build read them."""
    groups: dict[tuple[str, Path], list[Group]] = {}
    for card, note in notes:
        groups.setdefault((note.deck, card.source.path), []).append((card, note))
    return groups


def _role_order(role: str) -> tuple[int, str]:
    """Roles in the order the README lists them, then any other label alphabetically."""
    return (KNOWN_ROLES.index(role) if role in KNOWN_ROLES else len(KNOWN_ROLES), role)


def _counts(notes: Sequence[Group]) -> str:
    """`3 notes · 4 cards`."""
    cards = sum(len(card_ords(note)) for _, note in notes)
    return f"{_plural(len(notes), 'note')} · {_plural(cards, 'card')}"


def _plural(count: int, noun: str) -> str:
    """`1 card`, `2 cards`."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _header(notes: Sequence[Group], sources: int, cards: int) -> str:
    """Title, dark-mode button, the counts and the counts per role."""
    roles: dict[str, list[Group]] = {}
    for card, note in notes:
        roles.setdefault(card.annotation.role, []).append((card, note))
    items = "".join(
        f'<li><span class="ae-preview-role-name">{escape(role)}</span> '
        f'<span class="ae-preview-muted">{_counts(roles[role])}</span></li>'
        for role in sorted(roles, key=_role_order)
    )
    return (
        '<header class="ae-preview-top">\n<h1 class="ae-preview-h1">Card preview</h1>\n'
        '<button type="button" class="ae-preview-toggle" id="ae-preview-toggle" '
        'aria-pressed="false" hidden>Dark mode</button>\n</header>\n'
        f'<p class="ae-preview-counts">{_plural(sources, "source")} · '
        f'{_plural(len(notes), "note")} · {_plural(cards, "card")}</p>\n'
        f'<ul class="ae-preview-roles">{items}</ul>'
    )


def _contents(sources: dict[tuple[str, Path], list[Group]]) -> str:
    """Links to each source's section, when there is more than one."""
    if len(sources) < 2:
        return ""
    items = "".join(
        f'<li><a class="ae-preview-link" href="#ae-preview-source-{index}">{escape(deck)}</a> '
        f'<span class="ae-preview-muted">{escape(str(path))} · {_counts(group)}</span></li>'
        for index, ((deck, path), group) in enumerate(sources.items(), 1)
    )
    return f'<nav><ol class="ae-preview-toc">{items}</ol></nav>'


def _warnings(problems: Sequence[Problem]) -> str:
    """The build's warnings, each with its `file:line`."""
    if not problems:
        return '<p class="ae-preview-muted">No warnings.</p>'
    items = "\n".join(f"<li>{escape(str(problem))}</li>" for problem in problems)
    shown = " open" if len(problems) <= _WARNINGS_SHOWN else ""
    return (f'<details class="ae-preview-warnings"{shown}><summary class="ae-preview-h2">'
            f"{_plural(len(problems), 'warning')}</summary>\n<ul>\n{items}\n</ul></details>")


def _source(index: int, notes: Sequence[Group]) -> str:
    """One source: its title, deck and file, then its cards grouped by role."""
    source, deck = notes[0][0].source, notes[0][1].deck
    roles = Counter(card.annotation.role for card, _ in notes)
    sections = []
    for role in sorted(roles, key=_role_order):
        group = [(card, note) for card, note in notes if card.annotation.role == role]
        cards = "\n".join(_cards(card, note) for card, note in group)
        sections.append(f'<h3 class="ae-preview-h3">{escape(role)} '
                        f'<span class="ae-preview-muted">{_counts(group)}</span></h3>\n{cards}')
    return (
        f'<section class="ae-preview-source" id="ae-preview-source-{index}">\n'
        f'<h2 class="ae-preview-h2">{escape(source.title or source.citekey)}</h2>\n'
        f'<p class="ae-preview-muted">Deck {escape(deck)} · {escape(str(source.path))} · '
        f"{_counts(notes)}</p>\n" + "\n".join(sections) + "\n</section>"
    )


def _cards(card: Card, note: AnkiNote) -> str:
    """Every Anki card of one note: what it is and where it came from, then front and back."""
    ords = card_ords(note)
    if len(ords) == 1:
        return _card(card, note, ords[0], "")
    return "\n".join(_card(card, note, ord, f", card {n} of {len(ords)}")
                     for n, ord in enumerate(ords, 1))


def _card(card: Card, note: AnkiNote, ord: int, which: str) -> str:
    """One Anki card (`which` of its note's), front and back as Anki renders them."""
    question, answer = (_with_media(side, note) for side in render_card(note, ord))
    kind = f"cloze {ord + 1}{which}" if note.note_type.is_cloze else "question/answer"
    return (
        '<article class="ae-preview-card">\n<div class="ae-preview-meta">'
        f'<span class="ae-preview-role-name">{_dot(card.annotation.colour)}'
        f"{escape(card.annotation.role)}</span>"
        f"<span>rule {escape(card.rule)}</span><span>{escape(kind)}</span>"
        f"<span>{escape(f'{card.source.path}:{card.annotation.line}')}</span>"
        f"{_link(card.annotation.link)}{_link(card.source.obsidian_link)}"
        '</div>\n<div class="ae-preview-sides">\n'
        f"{_side('Front', question, ord)}\n{_side('Back', answer, ord)}\n</div>\n</article>"
    )


def _with_media(html: str, note: AnkiNote) -> str:
    """Card HTML with the note's media (an image) inlined, as Anki shows it from its media."""
    for path in note.media:
        try:
            name, data = media_name(path), base64.b64encode(path.read_bytes()).decode("ascii")
        except OSError:
            continue  # gone since the build: the card shows a missing image, as Anki would
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        html = html.replace(f'src="{escape(name)}"', f'src="data:{kind};base64,{data}"')
    return html


def _side(label: str, html: str, ord: int) -> str:
    """One side in a `card` element, as Anki's reviewer puts it in its `card` body."""
    return (f'<div class="ae-preview-side"><div class="ae-preview-label">{label}</div>'
            f'<div class="card card{ord + 1}">{html}</div></div>')


def _dot(colour: str | None) -> str:
    """A dot in the highlight's palette colour."""
    if colour is None or colour not in PALETTE:
        return ""
    return f'<span class="ae-preview-dot" style="background:{PALETTE[colour]}"></span>'


def _link(url: str | None) -> str:
    """A link that opens the highlight or the note in a local app; other schemes make none."""
    for scheme, label in _LINKS.items():
        if url and url.startswith(scheme):
            return f'<a class="ae-preview-link" href="{escape(url, quote=True)}">{label}</a>'
    return ""
