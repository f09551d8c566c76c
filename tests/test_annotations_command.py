"""Seeing what was read: `anki-export annotations`, `anki-export explain`, and a build that is
never silent about annotation links it could not read."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from anki_export.cli import cli

from .conftest import EXAMPLE, FIXTURES

LINK = "zotero://open-pdf/library/items/ATTACH01?page={page}&annotation={key}"
FIELDS = ["file", "line", "kind", "text", "comment", "colour", "label", "role", "page", "key",
          "reader"]
UNREAD = "# Chapters\n[p. 12]({one})\n# Figures\n[Go to annotation]({two})\n".format(
    one=LINK.format(page=12, key="PLAN0001"), two=LINK.format(page=30, key="PLAN0002"))


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def _note(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\ncitekey: plan2024\ntitle: Reading plan\n---\n{body}", "utf-8")
    return path


def test_annotations_lists_every_annotation_as_one_json_object_with_its_reader() -> None:
    code, out, _ = run("annotations", str(EXAMPLE), str(FIXTURES / "anchored"),
                       "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert all(list(row) == FIELDS for row in rows)
    example = [row for row in rows if row["file"] == str(EXAMPLE)]
    assert len(example) == 22 and {row["reader"] for row in example} == {"callout"}
    assert example[1] == {
        "file": str(EXAMPLE), "line": 33, "kind": "highlight",
        "text": "how likely deceptive models are to result from a particular training process",
        "comment": None, "colour": "yellow", "label": "Claim", "role": "claim", "page": "2",
        "key": "FY2UPJAH", "reader": "callout"}  # fmt: skip
    image = next(row for row in rows if row["key"] == "CORAL006")
    assert (image["kind"], image["reader"], image["comment"]) == (
        "image", "anchored", "Figure 2: recruitment by year.")


def test_annotations_table_shows_where_which_reader_and_what_and_warns_about_unread_links(
    tmp_path: Path,
) -> None:
    _note(tmp_path, "plan.md", UNREAD)
    shutil.copy(FIXTURES / "anchored" / "text-first-paragraphs-then-links.md", tmp_path)
    code, out, err = run("annotations", str(tmp_path))
    assert code == 0
    first = out.splitlines()[0]
    assert first.startswith(f"{tmp_path / 'text-first-paragraphs-then-links.md'}:11  anchored ")
    assert "Unless the number of individuals" in first
    assert out.splitlines()[-1] == ("3 annotation(s) in 2 note file(s) (by reader: 3 anchored); "
                                    "1 note(s) hold annotation links that were not read.")
    assert err == (f'warning: {tmp_path / "plan.md"}:6: 2 annotation links were not read (first: '
                   f'"[p. 12](zotero://…)"); see anki-export explain {tmp_path / "plan.md"}\n')


def test_a_build_warns_about_unread_links_and_never_calls_such_a_note_just_without_annotations(
    tmp_path: Path,
) -> None:
    notes = tmp_path / "Papers"
    _note(notes, "x.md", UNREAD)
    _note(notes, "plain.md", "# Just my thoughts\n\nNothing annotated here.\n")
    code, out, err = run("build", str(notes), "-o", str(tmp_path / "x.apkg"),
                         "--state", str(tmp_path / "state.sqlite3"))
    assert code == 0
    assert f"warning: {notes / 'x.md'}:6: 2 annotation links were not read (first: " in err
    assert ("Read 2 note file(s): 0 with annotations, 1 without, 1 whose annotation links "
            "could not be read.") in out
    assert "1 note(s) hold annotation links that were not read" in out


def test_the_summary_counts_the_notes_read_for_the_first_time(tmp_path: Path) -> None:
    shutil.copy(EXAMPLE, tmp_path / "a.md")
    state = str(tmp_path / "state.sqlite3")
    build = ("build", str(tmp_path), "-o", str(tmp_path / "out.apkg"), "--state", state)
    assert "1 note(s) read for the first time" in run(*build)[1]
    shutil.copy(FIXTURES / "anchored" / "zotero6-go-to-annotation-link-first.md", tmp_path / "b.md")
    (tmp_path / "a.md").write_text(EXAMPLE.read_text("utf-8") + "\nA line of mine.\n", "utf-8")
    out = run(*build)[1]
    assert "1 note(s) read for the first time" in out  # b.md; a.md changed but was known


def test_a_highlight_read_by_its_link_keeps_the_guids_a_template_reader_gives_it(
    tmp_path: Path,
) -> None:
    link = LINK.format(page=3, key="CELL0001")
    text = "Mitochondria produce most of the energy a cell needs"
    callout = _note(tmp_path, "a/callout.md",
                    f">[!quote|#ffd400] Claim\n>\n{text} [(p. 3)]({link})\n")
    zotero6 = _note(tmp_path, "b/zotero6.md",
                    f"[Go to annotation]({link}) “{text}” ([A, 2020, p. 3]"
                    "(zotero://select/library/items/ITEM0001))\n")

    def guids(path: Path) -> list[str]:
        out = run("cards", str(path), "--format", "json", "--state", str(tmp_path / "s.sqlite3"),
                  "--config", str(tmp_path / "none.toml"))[1]
        return sorted(card["guid"] for card in json.loads(out))

    (tmp_path / "none.toml").write_text("", "utf-8")
    assert guids(callout) == guids(zotero6) != []


def test_explain_shows_each_reader_what_it_found_the_cards_and_the_links_nothing_took(
    tmp_path: Path,
) -> None:
    key = LINK.format(page=3, key="CELL0001")
    path = _note(tmp_path, "mixed.md", (
        f">[!quote|#ffd400] Claim\n>\nCells divide by mitosis [(p. 3)]({key})\n\n"
        f"## More\n\n[Go to annotation]({LINK.format(page=4, key='CELL0002')}) “Mitochondria "
        "produce most of the cell's energy.” ([A, 2020, p. 4](zotero://select/library/items/"
        "ITEM0001)) the powerhouse\n\n## Pages\n"
        f"[p. 9]({LINK.format(page=9, key='CELL0009')})\n"))
    code, out, err = run("explain", str(path))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == (f"{path}: 3 annotation link(s) or id(s); 2 annotation(s) read (callout 1, "
                        "anchored 1); 1 link(s) not read.")
    assert lines[1] == ('line 5  callout: highlight, yellow, label "Claim", role claim, p. 3, '
                        "key CELL0001")
    assert lines[2] == "    text: Cells divide by mitosis"
    assert lines[3].startswith("    card (cloze")
    anchored = lines.index("line 11  anchored (text: quoted, after the link): highlight, role "
                           "highlight, p. 4, key CELL0002")
    assert lines[anchored + 1] == "    text: Mitochondria produce most of the cell's energy."
    assert lines[anchored + 2] == "    comment: the powerhouse"
    # an ordinary sentence (precise_clozes, the default): it rides on the Claim card's back
    assert lines[anchored + 3].startswith("    no card: 'Mitochondria produce most of the")
    assert lines[anchored + 3].endswith("shown on the back of a card beside it instead")
    assert lines[-2].startswith("line 14  not read: [p. 9](zotero://open-pdf/library/items/")
    assert lines[-1] == "    why: nothing next to it reads as a highlight"
    assert "1 annotation link was not read" in err


def test_explain_lists_page_links_in_the_notes_own_sentences_as_references(tmp_path: Path) -> None:
    page = "zotero://open-pdf/library/items/RAWL0001?page=11"
    path = _note(tmp_path, "rawls.md", f"It comes early ([p. 11]({page})) and returns later.\n"
                 "“Justice is the first virtue because it secures equal liberty.” "
                 f"[p. 3]({LINK.format(page=3, key='RAWL0003')})\n")
    code, out, err = run("explain", str(path))
    assert (code, err) == (0, "")
    assert out.splitlines()[1:3] == [
        f"line 5  a reference, not an annotation: [p. 11]({page})",
        "    why: a page link inside a sentence of the note's own"]


def test_explain_says_why_an_annotation_makes_no_card(tmp_path: Path) -> None:
    link = LINK.format(page=3, key="CELL0001")
    path = _note(tmp_path, "short.md", f"- Mitosis. [p. 3]({link})\n")
    out = run("explain", str(path))[1]
    assert "    no card: 'Mitosis.': a fragment, with no subject and verb of its own" in out
    assert "    warning: nothing worth asking in this short highlight" in out


def test_explain_gives_the_reason_a_rule_made_no_card(tmp_path: Path) -> None:
    chinese = LINK.format(page=3, key="CELL0002")
    highlight = "由于酶降低了反应的活化能，因此化学反应速度加快。"
    path = _note(tmp_path, "reasons.md", f"- {highlight} [p. 3]({chinese})\n")
    out = run("explain", str(path))[1]
    assert "    no card: written in Chinese: anki-export has no card rule for it" in out


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("explain", "missing.md"), 2, "does not exist"),
        (("explain", "{tmp}"), 2, "is a directory"),
        (("annotations", "missing.md"), 1, "Error: no such file or folder: missing.md"),
    ],
)
def test_explain_and_annotations_refuse_what_they_cannot_read(
    tmp_path: Path, args: tuple[str, ...], code: int, message: str
) -> None:
    result = CliRunner().invoke(cli, [a.format(tmp=tmp_path) for a in args])
    assert result.exit_code == code
    assert message in result.output


def test_explain_refuses_a_template_file(tmp_path: Path) -> None:
    path = tmp_path / "template.md"
    path.write_text("{{title}}\n{% for a in annotations %}{{a.annotatedText}}{% endfor %}\n")
    code, _, err = run("explain", str(path))
    assert code == 1
    assert err.startswith(f"Error: {path}: this is a template file")
