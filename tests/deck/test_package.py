"""Packaging: the .apkg genanki writes, checked by importing it with the real Anki engine."""

from __future__ import annotations

import json
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from anki_export.cards.card import Card, Cloze
from anki_export.cli import cli
from anki_export.deck.package import anki_note, write_package
from anki_export.errors import ExportError
from anki_export.read.annotation import Annotation
from anki_export.read.notes import parse_note
from tests.anki_engine import import_package, open_collection, rendered_cards
from tests.conftest import FIXTURES

SOURCE = parse_note(
    '---\ntitle: "Cell Biology: An Overview"\ncitekey: "alberts 2015::cell"\n---\n', Path("c.md"))
ANNOTATION = Annotation(
    line=7, text="Mitochondria make ATP by oxidative phosphorylation",
    raw_text="Mitochondria make ATP by oxidative phosphorylation", role="claim", label="Claim",
    colour="yellow", page_label="12", page_index=30, attachment_key="CELL0001",
    annotation_key="MITO0001",
    link="zotero://open-pdf/library/items/CELL0001?page=30&annotation=MITO0001",
    comment="Compare *glycolysis*.\n\n- in the cytosol\n- no oxygen needed")
CLOZE = Card("cloze", "claim-cloze", SOURCE, ANNOTATION, ANNOTATION.text,
             (Cloze(18, 50, 1),))
QUESTION = Card("qa", "argument-question", SOURCE, ANNOTATION, "Why do mitochondria make ATP?",
                answer="Because <cells> need {{energy}} :: always")


def _write(tmp_path: Path, cards: list[Card], name: str = "deck.apkg", **kwargs) -> Path:  # type: ignore[no-untyped-def]
    out = tmp_path / name
    write_package([anki_note(c, "Research") for c in cards], out, now=1_700_000_000, **kwargs)
    return out


def test_anki_imports_the_notes_into_the_source_deck_with_fields_and_tags(tmp_path: Path) -> None:
    apkg = _write(tmp_path, [CLOZE, QUESTION])
    col = open_collection(tmp_path)
    log = import_package(col, apkg)
    assert (log.new, log.updated, log.conflicting) == (2, 0, 0)
    cards = rendered_cards(col)
    assert {c.deck for c in cards} == {"Research::Cell Biology: An Overview"}
    assert {c.note_type for c in cards} == {"anki-export Cloze", "anki-export Q/A"}
    note = col.get_note(col.find_notes("note:anki-export*Cloze")[0])
    assert sorted(note.tags) == ["alberts_2015_cell", "role::claim"]
    assert note["Text"] == "Mitochondria make {{c1::ATP by oxidative phosphorylation}}"
    assert note["ZoteroLink"] == (
        "zotero://open-pdf/library/items/CELL0001?page=30&amp;annotation=MITO0001")
    assert note["Comment"] == ("<p>Compare <em>glycolysis</em>.</p>\n<ul>\n<li>in the cytosol</li>"
                               "\n<li>no oxygen needed</li>\n</ul>")


def test_cloze_front_hides_its_target_and_back_shows_comment_and_link(tmp_path: Path) -> None:
    col = open_collection(tmp_path)
    import_package(col, _write(tmp_path, [CLOZE]))
    (card,) = rendered_cards(col)
    assert "oxidative phosphorylation" not in card.question and "[...]" in card.question
    assert "ATP by oxidative phosphorylation" in card.answer
    assert "glycolysis" in card.answer and "p. 12" in card.answer
    assert 'href="zotero://open-pdf/library/items/CELL0001?page=30&amp;annotation=MITO0001"' in (
        card.answer_html)


def test_text_that_looks_like_template_or_cloze_syntax_is_shown_literally(tmp_path: Path) -> None:
    col = open_collection(tmp_path)
    import_package(col, _write(tmp_path, [QUESTION]))
    (card,) = rendered_cards(col)
    assert "Because <cells> need {{energy}} :: always" in card.answer
    assert "<cells>" not in card.answer_html


def test_package_is_deflate_compressed(tmp_path: Path) -> None:
    with zipfile.ZipFile(_write(tmp_path, [CLOZE, QUESTION])) as archive:
        info = archive.getinfo("collection.anki2")
        assert info.compress_type == zipfile.ZIP_DEFLATED
        assert info.compress_size < info.file_size / 3


def test_notes_are_stamped_with_the_given_modification_times(tmp_path: Path) -> None:
    apkg = _write(tmp_path, [CLOZE, QUESTION], modified={CLOZE.guid: 1_600_000_000})
    with zipfile.ZipFile(apkg) as archive:
        archive.extract("collection.anki2", tmp_path)
    rows = dict(sqlite3.connect(tmp_path / "collection.anki2").execute(
        "select guid, mod from notes"))
    assert rows == {CLOZE.guid: 1_600_000_000, QUESTION.guid: 1_700_000_000}


def test_a_failed_write_leaves_the_existing_file_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "deck.apkg"
    out.write_bytes(b"previous deck")

    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(zipfile.ZipFile, "writestr", disk_full)
    with pytest.raises(ExportError, match="No space left on device"):
        _write(tmp_path, [CLOZE])
    assert out.read_bytes() == b"previous deck"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.apkg"]


def test_output_in_a_missing_folder_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        _write(tmp_path / "missing", [CLOZE])


def test_reimporting_the_same_package_changes_nothing(tmp_path: Path) -> None:
    apkg = _write(tmp_path, [CLOZE, QUESTION])
    col = open_collection(tmp_path)
    import_package(col, apkg)
    log = import_package(col, apkg)
    assert (log.new, log.updated, log.conflicting) == (0, 0, 0)
    assert log.duplicate == 2


def test_anki_keeps_our_note_type_ids_and_field_ids(tmp_path: Path) -> None:
    col = open_collection(tmp_path)
    import_package(col, _write(tmp_path, [CLOZE, QUESTION]))
    for note_type in (anki_note(CLOZE, "R").note_type, anki_note(QUESTION, "R").note_type):
        model = col.models.get(note_type.model_id)  # type: ignore[arg-type]
        assert model is not None and model["name"] == note_type.name
        assert [(f["name"], f["id"]) for f in model["flds"]] == [
            (f["name"], f["id"]) for f in note_type.field_dicts()]
        assert [(t["name"], t["id"]) for t in model["tmpls"]] == [
            (t["name"], t["id"]) for t in note_type.template_dicts()]


def test_image_annotations_ship_their_image_as_media_and_show_it(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    (vault / ".obsidian").mkdir(parents=True)
    (vault / "Attachments").mkdir()
    png = bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000100ffff03000006000557bfab"
        "d40000000049454e44ae426082")
    (vault / "Attachments" / "FIGA0003.png").write_bytes(png)
    note = vault / "kwan.md"
    shutil.copy(FIXTURES / "shapes" / "zotlit-note-callout-block-id.md", note)
    out = tmp_path / "deck.apkg"
    result = CliRunner().invoke(cli, ["build", str(vault), "-o", str(out)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as archive:
        media = json.loads(archive.read("media"))
        (name,) = media.values()
        assert archive.read(next(iter(media))) == png
    assert name.startswith("anki-export-") and name.endswith(".png")
    col = open_collection(tmp_path)
    import_package(col, out)
    image_cards = [c for c in rendered_cards(col) if f'<img src="{name}">' in c.question_html]
    assert len(image_cards) == 1
    assert (Path(col.media.dir()) / name).read_bytes() == png


def test_a_missing_image_is_a_warning_and_the_rest_still_builds(tmp_path: Path) -> None:
    note = tmp_path / "kwan.md"
    shutil.copy(FIXTURES / "shapes" / "zotlit-note-callout-block-id.md", note)
    out = tmp_path / "deck.apkg"
    result = CliRunner().invoke(cli, ["build", str(note), "-o", str(out)])
    assert result.exit_code == 0
    assert "image FIGA0003.png not found beside the note or in the vault" in result.stderr
    assert out.exists()
