"""`anki-export preview`: one self-contained HTML page showing every card as Anki renders it.

Input: a build's `Card`s and warnings. Output: the page as a string (`preview_html`), or written
atomically to a file (`write_preview`). Card HTML goes in as Anki shows it; all else is escaped.
"""

from __future__ import annotations

import os
import secrets
from collections import Counter
from collections.abc import Iterable, Sequence
from html import escape
from pathlib import Path

from anki_export.cards import Card
from anki_export.errors import ExportError, Problem
from anki_export.notetypes import templates_folder
from anki_export.package import AnkiNote, anki_note
from anki_export.render import card_ords, render_card
from anki_export.roles import KNOWN_ROLES, PALETTE
from anki_export.workflow import Run

_LINK_SCHEMES = ("zotero://", "obsidian://")
"""The only links the page chrome makes: a source's own, which open local apps."""

_TOGGLE_SCRIPT = """
(function () {
  var root = document.documentElement, button = document.getElementById("ae-preview-toggle");
  var query = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  var dark = !!(query && query.matches);
  function apply() {
    root.classList.toggle("ae-preview-dark", dark);
    var cards = document.querySelectorAll(".card");
    for (var i = 0; i < cards.length; i++) {
      cards[i].classList.toggle("nightMode", dark);
      cards[i].classList.toggle("night_mode", dark);
    }
    button.setAttribute("aria-pressed", dark ? "true" : "false");
    button.textContent = dark ? "Light mode" : "Dark mode";
  }
  button.hidden = false;
  button.addEventListener("click", function () { dark = !dark; apply(); });
  apply();
})();
"""

Group = tuple[Card, AnkiNote]


def write_preview(run: Run, output: Path, parent_deck: str) -> None:
    """Write the preview of `run` to `output`, replacing it only once the new page is complete."""
    page = preview_html(run.build.cards, (*run.build.problems, *run.plan.warnings), parent_deck)
    _write_atomically(page, output)


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
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>anki-export preview: {total} cards</title>\n"
        f"<style>\n{_chrome_css()}</style>\n<style>\n{css}</style>\n</head>\n"
        '<body class="ae-preview">\n<div class="ae-preview-page">\n'
        + "\n".join(body)
        + f"\n</div>\n<script>{_TOGGLE_SCRIPT}</script>\n</body>\n</html>\n"
    )


def _chrome_css() -> str:
    """The page's own CSS (`card_templates/preview.css`)."""
    return templates_folder().joinpath("preview.css").read_text(encoding="utf-8")


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
    return (f'<section class="ae-preview-warnings"><h2 class="ae-preview-h2">'
            f"{_plural(len(problems), 'warning')}</h2>\n<ul>\n{items}\n</ul></section>")


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
    counts = [f", card {n} of {len(ords)}" if len(ords) > 1 else "" for n in range(1, len(ords) + 1)]
    return "\n".join(_card(card, note, ord, count) for ord, count in zip(ords, counts, strict=True))


def _card(card: Card, note: AnkiNote, ord: int, which: str) -> str:
    """One Anki card (`which` of its note's), front and back as Anki renders them."""
    question, answer = render_card(note, ord)
    kind = f"cloze {ord + 1}{which}" if note.note_type.is_cloze else "question/answer"
    return (
        '<article class="ae-preview-card">\n<div class="ae-preview-meta">'
        f'<span class="ae-preview-role-name">{_dot(card.annotation.colour)}'
        f"{escape(card.annotation.role)}</span>"
        f"<span>rule {escape(card.rule)}</span><span>{escape(kind)}</span>"
        f"<span>{escape(f'{card.source.path}:{card.annotation.line}')}</span>"
        f"{_link(card.annotation.link, 'Zotero')}{_link(card.source.obsidian_link, 'Obsidian')}"
        '</div>\n<div class="ae-preview-sides">\n'
        f"{_side('Front', question, ord)}\n{_side('Back', answer, ord)}\n</div>\n</article>"
    )


def _side(label: str, html: str, ord: int) -> str:
    """One side in a `card` element, as Anki's reviewer puts it in its `card` body."""
    return (f'<div class="ae-preview-side"><div class="ae-preview-label">{label}</div>'
            f'<div class="card card{ord + 1}">{html}</div></div>')


def _dot(colour: str | None) -> str:
    """A dot in the highlight's palette colour."""
    if colour is None or colour not in PALETTE:
        return ""
    return f'<span class="ae-preview-dot" style="background:{PALETTE[colour]}"></span>'


def _link(url: str | None, app: str) -> str:
    """A link that opens the highlight (Zotero) or the note (Obsidian); other schemes are not."""
    if not url or not url.startswith(_LINK_SCHEMES):
        return ""
    return (f'<a class="ae-preview-link" href="{escape(url, quote=True)}">'
            f"Open in {escape(app)}</a>")


def _write_atomically(text: str, output: Path) -> None:
    """Write `text` beside `output`, then rename it into place."""
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"cannot write {output}: folder {folder} does not exist")
    temporary = folder / f".{output.name}.{secrets.token_hex(4)}.tmp"
    try:
        with temporary.open("x", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, output)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise ExportError(f"cannot write {output}: {error.strerror}") from error
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
