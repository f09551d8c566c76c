"""Bad input: each case an exact error, an exact warning that skips only what is bad, or text
that reaches the card intact and escaped.

Every case runs through the real CLI (`build CASE GOOD -o out.apkg --state state.sqlite3`) beside a
good note, and the deck is imported with the real Anki engine. Static cases are the files (or
folders of notes) in `fixtures/bad/`, named after the case; huge ones are generated here.
"""

from __future__ import annotations

import errno
import html
import os
import re
import shutil
import sqlite3
import time
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pytest
from click.testing import CliRunner

from anki_export.cards.vault import PARALLEL_FROM
from anki_export.cli import cli
from anki_export.deck.notetypes import cloze_note_type, qa_note_type

from .anki_engine import import_package, open_collection
from .conftest import FIXTURES

BAD = FIXTURES / "bad"
S1 = "Photosynthesis converts light energy into chemical energy stored in glucose molecules"
S2 = "Mitochondria release the energy stored in glucose through cellular respiration"
GOOD_KEY = "GOOD0001"
GOOD_TEXT = ("The Moon's crust is made mostly of anorthosite, a rock rich in plagioclase "
             "feldspar")
GOOD = (f"---\ncitekey: good2020\ntitle: Good Note\n---\n>[!quote|#ffd400] Claim\n>\n{GOOD_TEXT} "
        f"[(p. 3)](zotero://open-pdf/library/items/GOODATT1?page=3&annotation={GOOD_KEY})\n")


def link(key: str) -> str:
    return f"[(p. 3)](zotero://open-pdf/library/items/BADATT01?page=3&annotation={key})"


def callout(text: str, key: str, label: str = "Claim", colour: str = "#ffd400") -> str:
    return f">[!quote|{colour}] {label}\n>\n{text} {link(key)}\n"


# The table ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One bad input and exactly what must come of it."""

    name: str
    """File (or folder of notes) in `fixtures/bad/`."""
    outcome: Literal["warning", "clean"]
    """`warning`: warned about, only the bad part skipped; `clean`: no warning at all."""
    keys: tuple[str, ...]
    """AnnotationKey of every Anki note the case makes ('' for a highlight without one)."""
    stderr: tuple[str, ...] = ()
    """The exact warning lines; `{case}` stands for the case's path."""
    fields: Mapping[str, str] = field(default_factory=dict)
    """Exact stored values (HTML) of fields of the notes of the first key."""
    shown: tuple[str, ...] = ()
    """What the rendered answer of those notes shows, as a reader sees it."""


NO_CITEKEY = "warning: {case}:1: no citekey in the frontmatter; using '{stem}'"

CASES = (
    # Frontmatter: ignored with a warning; the note's highlights still make cards.
    Case("yaml-unclosed-quote.md", "warning", ("YAMLQ001",), (
        "warning: {case}:3: frontmatter is not valid YAML (found unexpected end of stream); "
        "ignored", NO_CITEKEY), {"Citekey": "yaml-unclosed-quote", "OriginalText": S1}, (S1,)),
    Case("yaml-tab-indentation.md", "warning", ("YAMLT001",), (
        "warning: {case}:4: frontmatter is not valid YAML (found character that cannot start "
        "any token); ignored", NO_CITEKEY), {"Citekey": "yaml-tab-indentation"}, (S1,)),
    Case("yaml-duplicate-keys.md", "warning", ("YAMLD001",), (
        "warning: {case}:4: frontmatter key 'citekey' appears again (first at line 2); using "
        "this later value",), {"Citekey": "second2020", "Title": "Duplicate Keys"}, (S1,)),
    Case("frontmatter-is-a-list.md", "warning", ("FMLIST01",), (
        "warning: {case}:1: frontmatter is not a mapping of keys; ignored", NO_CITEKEY),
        {"Citekey": "frontmatter-is-a-list"}, (S1,)),
    Case("frontmatter-is-a-scalar.md", "warning", ("FMSCAL01",), (
        "warning: {case}:1: frontmatter is not a mapping of keys; ignored", NO_CITEKEY),
        {"Citekey": "frontmatter-is-a-scalar"}, (S1,)),
    Case("frontmatter-never-closed.md", "warning", ("FMOPEN01",), (
        "warning: {case}:1: frontmatter is never closed with '---'; reading it as text",
        NO_CITEKEY), {"Citekey": "frontmatter-never-closed"}, (S1,)),
    Case("no-frontmatter.md", "warning", ("NOFM0001",), (NO_CITEKEY,),
         {"Citekey": "no-frontmatter", "Title": "Plain Heading"}, (S1,)),
    # Bytes and line endings: decoded, warned about where something was lost or guessed.
    Case("nul-bytes.md", "warning", ("NULBYT01",), (
        "warning: {case}: file contains NUL bytes; they were removed",),
        {"OriginalText": S1}, (S1,)),
    Case("latin1-bytes.md", "warning", ("LATIN001",), (
        "warning: {case}:7: file is not UTF-8; read as Windows-1252",), {
        "OriginalText": "Café owners in Zürich roast their beans slowly for a smoother flavour "
                        "profile"}, ("Café owners in Zürich",)),
    Case("utf8-bom.md", "clean", ("BOMBOM01",),
         fields={"Citekey": "bom2020", "Title": "Byte Order Mark", "OriginalText": S1},
         shown=(S1,)),
    Case("crlf-line-endings.md", "clean", ("CRLF0001",), fields={
        "Citekey": "crlf2020", "OriginalText": S1,
        "Comment": "<p>first line of my comment<br />\nsecond line of my comment</p>"},
        shown=(S1, "first line of my comment second line of my comment")),
    Case("cr-only-line-endings.md", "clean", ("CRONLY01",), fields={
        "Citekey": "cr2020", "OriginalText": S1,
        "Comment": "<p>first line of my comment<br />\nsecond line of my comment</p>"},
        shown=(S1, "first line of my comment second line of my comment")),
    # Annotation blocks.
    Case("comment-never-closed.md", "warning", ("COMM0001", "COMM0002"), (
        "warning: {case}:8: comment opened with '%%' is never closed; it ends here",), {
        "Comment": "<p>a comment that is never<br />\nclosed before the next highlight</p>"},
        (S1, "a comment that is never closed before the next highlight")),
    Case("begin-annotations-without-end.md", "clean", ("BEGIN001",),
         fields={"OriginalText": S1}, shown=(S1,)),
    Case("callout-without-text.md", "warning", ("NOTEXT02",), (
        "warning: {case}:5: annotation has no text; skipped",), {"OriginalText": S2}, (S2,)),
    Case("text-without-link.md", "warning", ("",), (
        "warning: {case}:5: annotation has no Zotero link; its identity falls back to its text",
    ), {"ZoteroLink": "", "Page": "", "OriginalText": S1}, (S1,)),
    Case("link-without-annotation-key.md", "warning", ("",), (
        "warning: {case}:5: 1 annotation(s) have no Zotero annotation key; their identity "
        "falls back to their text and page",),
        {"ZoteroLink": "zotero://open-pdf/library/items/BADATT01?page=3", "Page": "3"}, (S1,)),
    Case("link-with-empty-attachment-key.md", "clean", ("NOATT001",), fields={
        "ZoteroLink": "zotero://open-pdf/library/items/?page=3&amp;annotation=NOATT001"},
        shown=(S1, "Open highlight in Zotero")),
    Case("non-numeric-page.md", "clean", ("PAGE0001",), fields={
        "Page": "xii",
        "ZoteroLink": "zotero://open-pdf/library/items/BADATT01?page=xii&amp;annotation=PAGE0001"},
        shown=(S1, "p. xii")),
    Case("non-numeric-page-without-label.md", "warning", ("PAGE0002",), (
        "warning: {case}:5: the link's page 'abc' is not a page number and its text shows no "
        "page; the card shows none",), fields={"Page": ""}, shown=(S1,)),
    Case("duplicate-annotation-key-in-note.md", "warning", ("DUPKEY01",), (
        "warning: {case}:9: annotation DUPKEY01 appears again (first at line 5); using this "
        "later copy",), {"OriginalText": S2}, (S2,)),
    Case("duplicate-annotation-key-across-notes", "warning", ("ACROSS01",), (
        "warning: {case}/second.md:5: annotation ACROSS01 was already read at "
        "{case}/first.md:5; its cards are made once",), {"Citekey": "across2020"}, (S1,)),
    Case("same-citekey-in-two-notes", "clean", ("TWIN0001", "TWIN0002"),
         fields={"Citekey": "twin2020", "Title": "Twin One"}, shown=(S1,)),
    Case("nested-callout.md", "clean", ("NESTED01",), fields={"OriginalText": S1},
         shown=(S1,)),
    # Text that must reach the card exactly as typed, escaped once.
    Case("citekey-and-title-with-specials.md", "clean", ("SPECIAL1",), fields={
        "Citekey": "Smith &amp; Jones &quot;2020&quot; / vol:&#58;2 Ünïcode",
        "Title": "Why A/B :&#58; &quot;Quoted&quot; &lt;Titles&gt; &amp; Ünïcode matter"},
        shown=('@Smith & Jones "2020" / vol::2 Ünïcode',
               'Why A/B :: "Quoted" <Titles> & Ünïcode matter')),
    Case("html-in-text-and-comment.md", "clean", ("HTML0001",), fields={
        "OriginalText": "Old browsers run &lt;script&gt;alert(1)&lt;/script&gt; and &lt;img "
                        "src=x onerror=alert(2)&gt; when pages paste user text &amp; markup "
                        "unescaped",
        "Comment": "<p>my note: &lt;script&gt;alert(3)&lt;/script&gt; &lt;img src=x "
                   "onerror=alert(4)&gt; stays text</p>"},
        shown=("Old browsers run <script>alert(1)</script> and <img src=x onerror=alert(2)> "
               "when pages paste user text & markup unescaped",
               "my note: <script>alert(3)</script> <img src=x onerror=alert(4)> stays text")),
    Case("anki-syntax-in-text.md", "clean", ("SYNTAX01",), fields={
        "OriginalText": "Template engines read &#123;&#123;c1:&#58;x&#125;&#125; and "
                        "&#123;&#123; and &#125;&#125; and a:&#58;b and as markup unless "
                        "these characters are escaped",
        "Comment": "<p>compare &#123;&#123;c2:&#58;y&#125;&#125; and :&#58; and "
                   "&#125;&#125;</p>"},
        shown=("Template engines read {{c1::x}} and {{ and }} and a::b and as markup unless "
               "these characters are escaped", "compare {{c2::y}} and :: and }}")),
    Case("anki-media-tags-in-text.md", "clean", ("MEDIA001",), fields={
        "OriginalText": "Anki plays &#91;sound:alarm.mp3] and typesets &#91;latex]x^2&#91;/latex] "
                        "and &#91;$]y&#91;/$] and speaks &#91;anki:tts lang=en_US]hello"
                        "&#91;/anki:tts] unless the brackets are escaped",
        "Comment": "<p>hear &#91;sound:beep.wav] here</p>"},
        shown=("Anki plays [sound:alarm.mp3] and typesets [latex]x^2[/latex] and [$]y[/$] and "
               "speaks [anki:tts lang=en_US]hello[/anki:tts] unless the brackets are escaped",
               "hear [sound:beep.wav] here")),
    Case("zero-width-and-right-to-left.md", "clean", ("BIDI0001",), fields={
        "OriginalText": "The word zero\u200bwidth hides a space and \u202eright-to-left\u202c "
                        "marks reverse the Hebrew phrase שלום עולם"},
        shown=("The word zero\u200bwidth hides a space and \u202eright-to-left\u202c marks "
               "reverse the Hebrew phrase שלום עולם",)),
    Case("emoji.md", "clean", ("EMOJI001",), fields={
        "Title": "Emoji 😀 Title",
        "OriginalText": "Researchers found that the thumbs up 👍🏽 and the family "
                        "👨\u200d👩\u200d👧 emoji render differently on every platform"},
        shown=("Emoji 😀 Title", "the family 👨\u200d👩\u200d👧 emoji render")),
)

EMPTY_CASES = (
    # No highlights: counted, not warned about (README). Nothing is made of them.
    pytest.param(Case("empty-file.md", "clean", ())),
    pytest.param(Case("whitespace-only.md", "clean", ())),
)


# Running a case ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    """What one CLI run left behind."""

    code: int
    stdout: str
    stderr: str
    apkg: Path
    state: Path


@dataclass(frozen=True)
class Imported:
    """One note as the real Anki engine holds it after import, with its rendered cards."""

    fields: dict[str, str]
    tags: list[str]
    decks: set[str]
    questions: list[str]
    """Rendered question HTML of each card."""
    answers: list[str]
    """Rendered answer HTML of each card."""

    @property
    def answer_text(self) -> str:
        return " ".join(shown_text(answer) for answer in self.answers)


_INLINE = re.compile(r"</?(?:span|a|b|i|em|strong|code)\b[^>]*>", re.I)
_STYLE = re.compile(r"<style.*?</style>", re.S | re.I)


def shown_text(markup: str) -> str:
    """What a reader sees of rendered HTML: inline tags vanish, block tags separate."""
    text = re.sub(r"<[^>]+>", " ", _INLINE.sub("", _STYLE.sub(" ", markup)))
    return " ".join(html.unescape(text).split())


def build(tmp_path: Path, *inputs: Path, output: Path | None = None) -> Result:
    """`anki-export build INPUTS -o tmp/out.apkg --state tmp/state.sqlite3`, through click."""
    apkg, state = output or tmp_path / "out.apkg", tmp_path / "state.sqlite3"
    arguments = ["build", *map(str, inputs), "-o", str(apkg), "--state", str(state)]
    result = CliRunner().invoke(cli, arguments)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a traceback is never an acceptable outcome
    return Result(result.exit_code, result.stdout, result.stderr, apkg, state)


def import_deck(tmp_path: Path, apkg: Path) -> list[Imported]:
    """Every note of `apkg` after the real Anki engine imported it into a fresh collection."""
    folder = tmp_path / "anki"
    folder.mkdir()
    col = open_collection(folder)
    try:
        import_package(col, apkg)
        notes = []
        for note_id in col.find_notes(""):
            note = col.get_note(note_id)
            cards = note.cards()
            notes.append(Imported(dict(note.items()), list(note.tags),
                                  {col.decks.name(card.did) for card in cards},
                                  [card.question() for card in cards],
                                  [card.answer() for card in cards]))
        return notes
    finally:
        col.close()


def notes_folder(tmp_path: Path) -> tuple[Path, Path]:
    """A notes folder holding the good note; returns (folder, good note)."""
    folder = tmp_path / "notes"
    folder.mkdir()
    good = folder / "good.md"
    good.write_text(GOOD, encoding="utf-8")
    return folder, good


def assert_good_note_built(notes: list[Imported]) -> None:
    """The good note beside every bad one made its card, rendered in full on the back."""
    (good,) = [n for n in notes if n.fields["AnnotationKey"] == GOOD_KEY]
    assert good.fields["Citekey"] == "good2020" and GOOD_TEXT in good.answer_text
    assert good.decks == {"Research::Good Note"}


def assert_rendered_safely(note: Imported) -> None:
    """No card shows Anki's template errors, and no text became live markup."""
    for markup in (*note.questions, *note.answers):
        assert "No cloze" not in markup and "{{" not in markup
        assert "<script>alert" not in markup and "<img src=x" not in markup


def expected_lines(case: Case, path: Path) -> list[str]:
    stem = path.stem
    return [line.format(case=path, stem=stem) for line in case.stderr]


def run_case(tmp_path: Path, case: Case) -> tuple[Result, list[Imported], Path]:
    folder, good = notes_folder(tmp_path)
    source = BAD / case.name
    path = folder / case.name
    if source.is_dir():
        shutil.copytree(source, path)
    else:
        shutil.copyfile(source, path)
    result = build(tmp_path, path, good)
    notes = import_deck(tmp_path, result.apkg) if result.apkg.exists() else []
    return result, notes, path


@pytest.mark.parametrize("case", [*CASES, *EMPTY_CASES], ids=lambda c: c.name)
def test_bad_input_warns_exactly_and_the_rest_reaches_anki_intact(
    tmp_path: Path, case: Case
) -> None:
    result, notes, path = run_case(tmp_path, case)
    assert result.stderr.splitlines() == expected_lines(case, path)
    assert (case.outcome == "clean") == (result.stderr == "")
    assert result.code == 0 and result.apkg.is_file() and result.state.is_file()
    assert_good_note_built(notes)
    mine = [n for n in notes if n.fields["AnnotationKey"] != GOOD_KEY]
    assert sorted({n.fields["AnnotationKey"] for n in mine}) == sorted(case.keys)
    for note in mine:
        assert_rendered_safely(note)
    first = [n for n in mine if case.keys and n.fields["AnnotationKey"] == case.keys[0]]
    assert first or not case.keys
    for note in first:
        assert {name: note.fields[name] for name in case.fields} == dict(case.fields)
        for text in case.shown:
            assert text in note.answer_text


def test_every_fixture_is_a_row_of_the_table() -> None:
    named = {c.name for c in CASES} | {p.values[0].name for p in EMPTY_CASES}  # type: ignore[union-attr]
    assert named == {p.name for p in BAD.iterdir() if not p.name.startswith(".")}


def test_fixtures_hold_the_exact_bytes_their_names_promise() -> None:
    """Guards against an editor or git normalising what the cases are about."""
    assert b"\x00" in (BAD / "nul-bytes.md").read_bytes()
    latin1 = (BAD / "latin1-bytes.md").read_bytes()
    assert b"Caf\xe9" in latin1
    with pytest.raises(UnicodeDecodeError):
        latin1.decode("utf-8")
    assert (BAD / "utf8-bom.md").read_bytes().startswith(b"\xef\xbb\xbf---\n")
    crlf = (BAD / "crlf-line-endings.md").read_bytes()
    assert crlf.count(b"\r\n") == crlf.count(b"\n") > 5
    cr_only = (BAD / "cr-only-line-endings.md").read_bytes()
    assert b"\n" not in cr_only and cr_only.count(b"\r") > 5
    assert b"\x1f" in (BAD / "anki-syntax-in-text.md").read_bytes()
    assert b"\n\t- " in (BAD / "yaml-tab-indentation.md").read_bytes()
    assert (BAD / "empty-file.md").read_bytes() == b""
    assert not (BAD / "whitespace-only.md").read_bytes().strip()


# Generated cases: too big to commit, or made of the file system itself -------------------------


def test_a_2_mb_highlight_is_skipped_with_a_warning_and_the_rest_builds(tmp_path: Path) -> None:
    folder, good = notes_folder(tmp_path)
    huge = " ".join(["Enzymes lower the activation energy of reactions."] * 41_000)
    assert len(huge) > 2_000_000
    path = folder / "huge-annotation.md"
    path.write_text("---\ncitekey: huge2020\n---\n" + callout(huge, "HUGE0001", "Important",
                    "#ff6666") + callout(S1, "HUGE0002"), encoding="utf-8")
    started = time.monotonic()
    result = build(tmp_path, path, good)
    assert time.monotonic() - started < 30
    assert result.stderr.splitlines() == [
        f"warning: {path}:4: highlight is {len(huge):,} characters long, more than 20,000; "
        "skipped"]
    notes = import_deck(tmp_path, result.apkg)
    assert_good_note_built(notes)
    assert sorted(n.fields["AnnotationKey"] for n in notes) == [GOOD_KEY, "HUGE0002"]


def test_a_note_with_20000_annotations_builds_every_one_in_reasonable_time(
    tmp_path: Path,
) -> None:
    count = 20_000
    keys = [f"M{i:07d}" for i in range(count)]
    # A question of the reader's own per highlight: the cheapest rule, so the time measured is
    # reading, identity, planning and packaging, where anything quadratic would show.
    body = "".join(callout(f"Sample {i} holds cells of type {i}", key)
                   + f"%%Q: What does sample {i} hold? A: cells of type {i}%%\n"
                   for i, key in enumerate(keys))
    path = tmp_path / "many.md"
    path.write_text("---\ncitekey: many2020\ntitle: Many\n---\n" + body, encoding="utf-8")
    started = time.monotonic()
    result = build(tmp_path, path)
    # About 10 s here; a quadratic step (as packaging once had) took 80 s more.
    assert time.monotonic() - started < 45
    assert (result.code, result.stderr) == (0, "")
    assert f"{count} annotation(s) → {count} Anki note(s)." in result.stdout
    with zipfile.ZipFile(result.apkg) as archive:
        archive.extract("collection.anki2", tmp_path)
    connection = sqlite3.connect(tmp_path / "collection.anki2")
    try:
        rows = connection.execute("SELECT mid, flds FROM notes").fetchall()
    finally:
        connection.close()
    where = {t.model_id: t.fields.index("AnnotationKey") for t in (cloze_note_type(),
                                                                   qa_note_type())}
    assert len(rows) == count
    assert {fields.split("\x1f")[where[mid]] for mid, fields in rows} == set(keys)


def test_a_very_long_line_outside_the_annotations_is_read_past(tmp_path: Path) -> None:
    folder, good = notes_folder(tmp_path)
    path = folder / "very-long-line.md"
    data_uri = "![pasted](data:image/png;base64," + "iVBORw0KGgo" * 100_000 + ")"
    path.write_text("---\ncitekey: long2020\n---\n" + data_uri + "\n" + callout(S1, "LONG0001"),
                    encoding="utf-8")
    started = time.monotonic()
    result = build(tmp_path, path, good)
    assert time.monotonic() - started < 30
    assert (result.code, result.stderr) == (0, "")
    notes = import_deck(tmp_path, result.apkg)
    assert_good_note_built(notes)
    (note,) = [n for n in notes if n.fields["AnnotationKey"] == "LONG0001"]
    assert note.fields["OriginalText"] == S1 and S1 in note.answer_text


def test_a_symlink_loop_in_a_folder_is_walked_once(tmp_path: Path) -> None:
    folder, _ = notes_folder(tmp_path)
    (folder / "sub").mkdir()
    (folder / "sub" / "back-to-notes").symlink_to(folder, target_is_directory=True)
    (folder / "self.md").symlink_to(folder / "self.md")  # a file link that points at itself
    result = build(tmp_path, folder)
    assert result.stderr.splitlines() == [
        f"warning: {folder / 'self.md'}: link to a missing file or a link loop; skipped"]
    assert "Read 1 note file(s): 1 with annotations, 0 without." in result.stdout
    assert_good_note_built(import_deck(tmp_path, result.apkg))


def test_an_unreadable_file_is_skipped_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests run as root, where chmod 000 does not stop reads: refuse them the way the OS would.
    folder, _ = notes_folder(tmp_path)
    locked = folder / "locked.md"
    locked.write_text("---\ncitekey: locked2020\n---\n" + callout(S1, "LOCKED01"), "utf-8")
    read_bytes = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self.name == locked.name:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert PARALLEL_FROM > 2  # two files are read in this process, where the patch applies
    result = build(tmp_path, folder)
    assert result.stderr.splitlines() == [
        f"warning: {locked}: cannot read file (Permission denied); skipped"]
    assert result.code == 0
    notes = import_deck(tmp_path, result.apkg)
    assert [n.fields["AnnotationKey"] for n in notes] == [GOOD_KEY]


def test_a_folder_named_like_a_note_is_searched_not_read(tmp_path: Path) -> None:
    folder, _ = notes_folder(tmp_path)
    (folder / "x.md").mkdir()
    (folder / "x.md" / "inner.md").write_text(
        "---\ncitekey: inner2020\n---\n" + callout(S2, "INNER001"), "utf-8")
    result = build(tmp_path, folder)
    assert (result.code, result.stderr) == (0, "")
    notes = import_deck(tmp_path, result.apkg)
    assert sorted(n.fields["AnnotationKey"] for n in notes) == [GOOD_KEY, "INNER001"]


# Errors: exit 1, one exact line, nothing written -------------------------------------------------


def assert_error_and_nothing_written(result: Result, message: str, before: set[Path],
                                     tmp_path: Path) -> None:
    assert (result.code, result.stderr) == (1, f"Error: {message}\n")
    assert not result.apkg.exists() or result.apkg in before
    assert not result.state.exists()
    assert set(tmp_path.rglob("*")) == before


def test_an_output_in_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    _, good = notes_folder(tmp_path)
    before = set(tmp_path.rglob("*"))
    output = tmp_path / "missing" / "out.apkg"
    result = build(tmp_path, good, output=output)
    assert_error_and_nothing_written(
        result, f"cannot write {output}: folder {output.parent} does not exist", before, tmp_path)


def test_an_output_that_is_an_input_is_an_error_and_the_note_survives(tmp_path: Path) -> None:
    _, good = notes_folder(tmp_path)
    before = set(tmp_path.rglob("*"))
    result = build(tmp_path, good, output=good)
    assert_error_and_nothing_written(
        result, f"output {good} is also an input; choose another file name", before, tmp_path)
    assert good.read_text("utf-8") == GOOD


def test_an_output_that_is_a_note_inside_an_input_folder_is_an_error(tmp_path: Path) -> None:
    folder, good = notes_folder(tmp_path)
    before = set(tmp_path.rglob("*"))
    result = build(tmp_path, folder, output=good)
    assert_error_and_nothing_written(
        result, f"output {good} is also an input; choose another file name", before, tmp_path)
    assert good.read_text("utf-8") == GOOD


@pytest.mark.parametrize("setup", ["only-a-folder-named-x.md", "only-a-symlink-loop"])
def test_a_folder_with_no_readable_note_is_an_error(tmp_path: Path, setup: str) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    if setup == "only-a-folder-named-x.md":
        (folder / "x.md").mkdir()
    else:
        (folder / "loop").symlink_to(folder, target_is_directory=True)
    before = set(tmp_path.rglob("*"))
    result = build(tmp_path, folder)
    assert_error_and_nothing_written(
        result, "no markdown notes found in the given paths", before, tmp_path)
