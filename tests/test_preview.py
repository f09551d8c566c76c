"""The preview page: cards rendered as the real Anki engine renders them, in one offline page."""

from __future__ import annotations

import base64
import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from anki.collection import Collection
from click.testing import CliRunner

from anki_export.cli import cli
from anki_export.deck.notetypes import cloze_note_type, qa_note_type
from anki_export.deck.package import AnkiNote, anki_note, write_package
from anki_export.deck.render import card_ords, field_is_empty, render_card
from anki_export.errors import ExportError
from anki_export.preview import preview_html, write_preview
from anki_export.read.config_file import load_config
from anki_export.state.planner import Options
from anki_export.workflow import Run
from anki_export.workflow import run as run_build

from .anki_engine import import_package, open_collection, visible_text
from .conftest import EXAMPLE, FIXTURES

PARENT = "Research"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100ffff03000006000557bfab"
    "d40000000049454e44ae426082")
TRICKY_NOTE = """---
title: "Braces {{Title}} & <b>tags</b> :: in a title"
citekey: Tricky2024
---
%% begin annotations %%
### Imported on 2024-01-01 1:00 pm
>[!quote|#ffd400] Claim
>
templates like {{Front}} and {{c1::hidden}} are harmless because <script>alert(1)</script> \
&amp; entities such as &lt;b&gt; are escaped \
[(p. 3)](zotero://open-pdf/library/items/ABCD1234?page=3&annotation=KEYAAAA1)
%%a *comment* with {{braces}}, a::b, <i>html</i> and &copy;%%
>[!quote|#a28ae5] Personal critic
>
because }} and {{#Extra}} and </div> and \\(x<y\\) break nothing \
[(p. 4)](zotero://open-pdf/library/items/ABCD1234?page=4&annotation=KEYAAAA2)
>[!quote|#2ea8e5] Supporting evidence
>
Kuhn is a historian, Popper is a philosopher, and Bacon::Francis is an empiricist \
[(p. 5)](zotero://open-pdf/library/items/ABCD1234?page=5&annotation=KEYAAAA3)
%% end annotations %%
"""
# Cloze markup our own fields never hold, but Anki's cloze syntax allows: the renderer must
# still agree with Anki on every one of them.
ANKI_CLOZE_SYNTAX = [
    "a {{c1::x::hint}} b {{c2::y}} c {{c1::z}}",
    "nested {{c1::a {{c2::b}} c}} d",
    "{{c1::a {{c1::b}} c}}",
    "stray }} {{c1::y}} }}",
    "{{c1::a::b::c}} and {{c1::a {{c2::b}}::hint}}",
    "p {{c1::a}} {{c2::unclosed {{c3::c}} q",
    "{{c::x}} {{c0::y}} {{c01::z}} {{C1::w}}",
    "\\(a {{c1::b}} c\\) and \\[<i>d</i> &lt; e\\]",
    "é — “q” {{c1::é—“q”<b>&amp;</b>'=}}",
    "{{c1::}} {{c2::::h}} {{c3::a::}}",
    "{{c3::only the third}}",
    "no cloze at all",
]
SECTION_VALUES = [
    "", " \t\n", "<br>", "<div></div>", "<div> <br /></div>", "<BR/>", "&nbsp;", "\u00a0",
    "<b></b>", "<p></p>", "<br  />", "x",
]


def _anki_sides(col: Collection) -> dict[tuple[str, int], tuple[str, str]]:
    """Every card Anki holds, by note GUID and ordinal: question and answer without the CSS."""
    sides = {}
    for card_id in col.find_cards(""):
        card = col.get_card(card_id)
        sides[(card.note().guid, card.ord)] = (_without_css(card.question()),
                                               _without_css(card.answer()))
    return sides


def _without_css(html: str) -> str:
    """Anki's rendering less the note type's `<style>` block, which it puts first."""
    return re.sub(r"^<style>.*?</style>", "", html, flags=re.S)


def _our_sides(notes: list[AnkiNote]) -> dict[tuple[str, int], tuple[str, str]]:
    """Every card `render_card` makes of `notes`, keyed like `_anki_sides`."""
    return {(note.guid, ord): render_card(note, ord) for note in notes for ord in card_ords(note)}


def _built_and_imported(folder: Path, *notes: Path) -> tuple[Run, Collection]:
    """The CLI's deck of `notes` imported into a fresh collection, and the same build as a `Run`."""
    apkg = folder / "deck.apkg"
    arguments = ["build", *map(str, notes), "-o", str(apkg),
                 "--state", str(folder / "cli-state.sqlite3")]
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 0, result.output
    col = open_collection(folder)
    import_package(col, apkg)
    run = run_build(notes, load_config(None, PARENT), folder / "state.sqlite3", 1_700_000_000,
                    Options(keep_cards=True))
    return run, col


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    run, col = _built_and_imported(tmp_path_factory.mktemp("example"), EXAMPLE)
    yield run, col
    col.close()


@pytest.fixture(scope="module")
def tricky(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("tricky")
    note = folder / "Tricky.md"
    note.write_text(TRICKY_NOTE, encoding="utf-8")
    run, col = _built_and_imported(folder, note)
    yield run, col
    col.close()


@pytest.fixture(scope="module")
def fixtures(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """Every fixture note of the test suite (many note shapes, an image annotation) as one deck."""
    vault = tmp_path_factory.mktemp("fixtures")
    (vault / ".obsidian").mkdir()
    for folder in ("cards", "notes", "shapes"):
        shutil.copytree(FIXTURES / folder, vault / folder)
    (vault / "FIGA0003.png").write_bytes(PNG)
    run, col = _built_and_imported(vault, vault)
    yield run, col
    col.close()


@pytest.mark.parametrize("deck", ["example", "tricky", "fixtures"])
def test_every_card_shows_the_same_text_as_in_anki(deck: str, request) -> None:  # type: ignore[no-untyped-def]
    run, col = request.getfixturevalue(deck)
    ours = _our_sides([anki_note(card, PARENT) for card in run.build.cards])
    anki = _anki_sides(col)
    assert ours.keys() == anki.keys()
    for key, (question, answer) in anki.items():
        assert visible_text(ours[key][0]) == visible_text(question), key
        assert visible_text(ours[key][1]) == visible_text(answer), key


@pytest.mark.parametrize("deck", ["example", "tricky", "fixtures"])
def test_every_card_renders_to_the_same_html_as_in_anki(deck: str, request) -> None:  # type: ignore[no-untyped-def]
    run, col = request.getfixturevalue(deck)
    assert _our_sides([anki_note(card, PARENT) for card in run.build.cards]) == _anki_sides(col)


def test_tricky_text_is_shown_as_typed_on_the_cards(tricky) -> None:  # type: ignore[no-untyped-def]
    run, _ = tricky
    backs = " ".join(visible_text(render_card(anki_note(card, PARENT), 0)[1])
                     for card in run.build.cards)
    assert "{{Front}} and {{c1::hidden}}" in backs
    assert "<script>alert(1)</script> &amp; entities such as &lt;b&gt;" in backs
    assert "Bacon::Francis" in backs


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A collection holding our note types (from one of our packages), for notes Anki adds."""
    folder = tmp_path_factory.mktemp("scratch")
    write_package([_cloze_note("{{c1::seed}}", guid="seed")], folder / "seed.apkg",
                  now=1_700_000_000)
    col = open_collection(folder)
    import_package(col, folder / "seed.apkg")
    yield col
    col.close()


def _added_by_anki(col: Collection, note: AnkiNote) -> AnkiNote:
    """`note` added through Anki (which makes its cards), with the GUID Anki gave it."""
    added = col.new_note(col.models.by_name(note.note_type.name))
    for name, value in zip(note.note_type.fields, note.fields, strict=True):
        added[name] = value
    col.add_note(added, col.decks.id("Scratch"))
    return AnkiNote(added.guid, note.note_type, note.fields, (), "Scratch")


def _cloze_note(text: str, extra: str = "", guid: str = "") -> AnkiNote:
    """A cloze note with `text`, a title and `extra`, other fields empty."""
    values = {"Text": text, "Title": "T", "Extra": extra}
    fields = cloze_note_type().fields
    return AnkiNote(guid, cloze_note_type(), tuple(values.get(f, "") for f in fields), (), "T")


@pytest.mark.parametrize("text", ANKI_CLOZE_SYNTAX)
def test_cloze_syntax_renders_and_makes_cards_as_in_anki(text: str, scratch) -> None:  # type: ignore[no-untyped-def]
    note = _added_by_anki(scratch, _cloze_note(text))
    anki = {key: sides for key, sides in _anki_sides(scratch).items() if key[0] == note.guid}
    assert sorted(ord for _, ord in anki) == list(card_ords(note))
    assert _our_sides([note]) == anki


@pytest.mark.parametrize("value", SECTION_VALUES)
def test_a_section_is_shown_exactly_when_anki_shows_it(value: str, scratch) -> None:  # type: ignore[no-untyped-def]
    note = _added_by_anki(scratch, _cloze_note("{{c1::a}}", extra=value))
    (answer,) = [a for (guid, _), (_, a) in _anki_sides(scratch).items() if guid == note.guid]
    assert ("ae-extra" in answer) is (not field_is_empty(value))
    assert render_card(note, 0)[1] == answer


def test_a_question_answer_note_makes_one_card_without_anki() -> None:
    fields = tuple({"Front": "Q?", "Back": "A."}.get(f, "") for f in qa_note_type().fields)
    note = AnkiNote("g", qa_note_type(), fields, (), "D")
    question, answer = render_card(note, 0)
    assert card_ords(note) == (0,)
    assert visible_text(question) == "Q?" and "A." in visible_text(answer)


def _page(run: Run) -> str:
    """The preview page of a build."""
    return preview_html(run.build.cards, run.build.problems, PARENT)


def test_page_needs_no_network(example, tricky, fixtures) -> None:  # type: ignore[no-untyped-def]
    for run, _ in (example, tricky, fixtures):
        page = _page(run)
        links = re.findall(r"""\b(?:src|href)\s*=\s*["']?([^"'\s>]*)""", page, flags=re.I)
        allowed = ("#", "zotero://", "file://", "obsidian://", "data:image/")  # all local
        assert links and [link for link in links if not link.startswith(allowed)] == []
        assert not re.search(r"<script[^>]*\bsrc\b|<link\b|@import|url\(", page, flags=re.I)


def test_page_shows_images_inlined(fixtures) -> None:  # type: ignore[no-untyped-def]
    run, _ = fixtures
    page = _page(run)
    image = "data:image/png;base64," + base64.b64encode(PNG).decode("ascii")
    assert page.count(f'<img src="{image}">') == 2  # front and back of the image card


def test_page_escapes_everything_but_the_cards(tricky) -> None:  # type: ignore[no-untyped-def]
    run, _ = tricky
    page = _page(run)
    assert "<script>alert" not in page and "<b>tags</b>" not in page
    assert "Braces {{Title}} &amp; &lt;b&gt;tags&lt;/b&gt; :: in a title" in page


def test_page_has_every_card_grouped_by_source_and_role_with_counts(example) -> None:  # type: ignore[no-untyped-def]
    run, col = example
    page = _page(run)
    notes, cards = len(run.build.cards), col.card_count()
    assert page.count('<article class="ae-preview-card">') == cards
    assert f"1 source · {notes} notes · {cards} cards" in page
    for role, count in run.build.cards_by_role().items():
        heading = f'<h3 class="ae-preview-h3">{role} <span class="ae-preview-muted">{count} note'
        assert heading in page
    for problem in run.build.problems:
        assert f"<li>{html.escape(str(problem))}</li>" in page
    cloze_cards = sum(len(card_ords(anki_note(card, PARENT)))
                      for card in run.build.cards if card.kind == "cloze")
    assert page.count("[...]") >= cloze_cards  # every cloze front hides something
    assert f"{EXAMPLE}:{run.build.cards[0].annotation.line}" in page


def test_write_preview_replaces_the_page_atomically(example, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run, _ = example
    output = tmp_path / "preview.html"
    output.write_text("old", encoding="utf-8")
    write_preview(run, output, PARENT)
    assert output.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["preview.html"]
    with pytest.raises(ExportError, match="does not exist"):
        write_preview(run, tmp_path / "missing" / "preview.html", PARENT)


def _chromium() -> str:
    """The Chromium binary, or skip."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None and Path("/usr/bin/chromium").exists():
        found = "/usr/bin/chromium"
    if found is None:
        pytest.skip("Chromium is not installed (apt-get install chromium); "
                    "the preview page is not checked in a browser")
    return found


def _load(page: Path, profile: Path, *options: str) -> tuple[str, list[str]]:
    """The DOM of `page` after its scripts ran in headless Chromium, and its console lines."""
    result = subprocess.run(
        [_chromium(), "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
         *options, "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    console = [line for line in result.stderr.splitlines()
               if ":CONSOLE" in line or "Uncaught" in line]
    return result.stdout, console


def test_console_errors_would_be_seen(tmp_path: Path) -> None:
    broken = tmp_path / "broken.html"
    broken.write_text("<p>x</p><script>undefinedFunction();</script>", encoding="utf-8")
    _, console = _load(broken, tmp_path / "profile")
    assert any("Uncaught ReferenceError" in line for line in console)


def test_browser_shows_every_card_without_console_errors(example, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run, col = example
    page = tmp_path / "preview.html"
    write_preview(run, page, PARENT)
    dom, console = _load(page, tmp_path / "profile")
    assert console == []
    assert len(re.findall(r'class="ae-preview-card"', dom)) == col.card_count()
    assert 'aria-pressed="false">Dark mode</button>' in dom  # the toggle's script ran


def test_browser_in_dark_mode_puts_every_card_in_night_mode(example, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run, col = example
    page = tmp_path / "preview.html"
    write_preview(run, page, PARENT)
    dom, console = _load(page, tmp_path / "profile", "--force-dark-mode")
    assert console == []
    night = re.findall(r'class="card card\d+ nightMode night_mode"', dom)
    assert len(night) == 2 * col.card_count()
    assert '<html lang="en" class="ae-preview-dark">' in dom
