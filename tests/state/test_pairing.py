"""An argument's card keeps asking about the claim it was made for, never about another one."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from anki_export.cli import cli
from anki_export.deck.decks import ORPHAN_TAG, RETIRED_TAG
from tests.state.test_update import Workspace

ARGUMENT = "YV9HVMKU"  # "Out of all possible pointers…", between two claims
CLAIM = "HK9X94UP"  # the claim right after it: "corrigibly aligned models are also …"
INSERTED = """>[!quote|#ffd400] Claim
>
pointers to the base objective are learned late in training [(p. 3)](zotero://open-pdf/library/items/SMLZN3L8?page=3&annotation=INSERTED)
"""


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    workspace = Workspace(tmp_path, monkeypatch)
    yield workspace
    workspace.col.close()


def _question(ws: Workspace) -> tuple[str, str, list[str]]:
    """GUID, question and tags of the argument's current (not retired) card."""
    notes = [ws.col.get_note(n) for n in ws.notes_by_key(ARGUMENT)]
    (note,) = [n for n in notes if RETIRED_TAG not in n.tags]
    return note.guid, note["Front"], note.tags


def test_an_argument_whose_claim_is_deleted_gets_a_new_card_and_the_old_one_is_retired(
    ws: Workspace,
) -> None:
    ws.build_and_import()
    guid, question, _ = _question(ws)
    assert "corrigibly aligned" in question
    ws.delete_annotation(CLAIM)

    plan = CliRunner().invoke(cli, ["plan", str(ws.vault)])
    assert "the claim this argument's card asked about is gone" in plan.output
    ws.build_and_import()
    new_guid, new_question, _ = _question(ws)
    assert new_guid != guid and "internally aligned" in new_question
    old = ws.col.get_note(ws.col.db.scalar("select id from notes where guid = ?", guid))
    # The argument is still in the note: its old card is retired, not orphaned.
    assert RETIRED_TAG in old.tags and ORPHAN_TAG not in old.tags
    assert "corrigibly aligned" in old["Front"]

    ws.build_and_import()  # stable: the next build changes nothing and warns no more
    assert _question(ws)[0] == new_guid
    again = CliRunner().invoke(cli, ["plan", str(ws.vault)])
    assert "asked about is gone" not in again.output and "0 new, 0 updated" in again.output


def test_an_argument_stays_with_its_claim_when_another_claim_is_put_between_them(
    ws: Workspace,
) -> None:
    ws.build_and_import()
    guid, question, _ = _question(ws)
    text = ws.note.read_text(encoding="utf-8")
    at = text.rindex(">[!quote", 0, text.index(f"annotation={CLAIM}"))  # the claim's callout
    ws.note.write_text(text[:at] + INSERTED + text[at:], encoding="utf-8")

    log = ws.build_and_import()
    assert _question(ws)[:2] == (guid, question)
    # The rules pair the argument with the claim now right after it, so that claim makes no
    # cloze of its own and its old claim makes one; the question then goes on asking about
    # its old claim (known limit: the inserted claim is then on no card until edited).
    assert log.new == len(ws.notes_by_key("INSERTED")) + len(ws.notes_by_key(CLAIM)) == 1
    assert ws.col.find_notes(f"tag:{ORPHAN_TAG} or tag:{RETIRED_TAG}") == []


def test_an_edited_claim_keeps_its_argument_card(ws: Workspace) -> None:
    ws.build_and_import()
    guid, _, _ = _question(ws)
    ws.edit("corrigibly aligned models are also highly improbable",
            "corrigibly aligned models are also rather improbable")
    ws.build_and_import()
    new_guid, question, _ = _question(ws)
    assert new_guid == guid and "rather improbable" in question
