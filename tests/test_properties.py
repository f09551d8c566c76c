"""Property tests: any text at all becomes cards that the real Anki engine renders correctly."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from anki.collection import Collection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anki_export.cards.card import Card
from anki_export.cards.rules import make_cards
from anki_export.config import Config
from anki_export.deck.fields import html_text
from anki_export.deck.package import anki_note, write_package
from anki_export.errors import ExportError
from anki_export.read.annotation import Annotation
from anki_export.read.annotations import read_annotations
from anki_export.read.notes import parse_note
from anki_export.read.repair import repair_text
from anki_export.read.roles import KNOWN_ROLES

from .anki_engine import import_package, open_collection, visible_text

NOTE = parse_note("---\ncitekey: prop\ntitle: Property Source\n---\n", Path("prop.md"))
TRICKY = ["{{", "}}", "::", "{{c1::x}}", "<script>alert(1)</script>", "<b>", "&amp;", "\x1f",
          "==", "%%", "\ufffd", "ﬁ", "\u200b", "\u202e", "😀", "[[link]]", "[a](http://x.y)",
          "Q:", "A:", "cloze:", "\n", "  ", "é", "中文", "$x^2$", "\\", '"', "'"]
WORDS = ["the", "model", "is", "highly", "improbable", "Jesus", "aligned", "and", "1648",
         "percent", "SGD", "favors", "deceptive", "alignment", ",", ".", "Luther", "are"]
HIGHLIGHT = st.lists(st.sampled_from(WORDS + TRICKY) | st.text(max_size=8), min_size=1,
                     max_size=40).map(" ".join)
ANY_TEXT = st.text(max_size=400) | HIGHLIGHT


@pytest.fixture(scope="module")
def collection(tmp_path_factory: pytest.TempPathFactory) -> Collection:
    """A collection that knows both note types (imported from a package of ours)."""
    folder = tmp_path_factory.mktemp("properties")
    seed = Annotation(line=1, text="seed text here", raw_text="seed text here",
                      annotation_key="SEED0001")
    cards = [Card("qa", "recall-question", NOTE, seed, "q", answer="a"),
             Card("cloze", "claim-cloze", NOTE, seed, "seed text", ())]
    write_package([anki_note(c, "Research") for c in cards], folder / "seed.apkg", now=0)
    col = open_collection(folder)
    import_package(col, folder / "seed.apkg")
    return col


def _render(col: Collection, card: Card) -> list[tuple[str, str]]:
    """Add the card's note to the collection and render every Anki card of it."""
    note = anki_note(card, "Research")
    anki = col.new_note(col.models.get(note.note_type.model_id))  # type: ignore[arg-type]
    for name, value in zip(note.note_type.fields, note.fields, strict=True):
        anki[name] = value
    col.add_note(anki, col.decks.id("Research::Property Source"))  # type: ignore[arg-type]
    rendered = [(c.question(), c.answer()) for c in anki.cards()]
    col.remove_notes([anki.id])
    return rendered


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=HIGHLIGHT, role=st.sampled_from(KNOWN_ROLES), comment=st.none() | ANY_TEXT)
def test_any_highlight_makes_cards_that_anki_renders_with_their_clozes(
    collection: Collection, text: str, role: str, comment: str | None
) -> None:
    repaired = repair_text(text).text
    annotation = Annotation(line=1, text=repaired, raw_text=text, role=role,
                            annotation_key="PROP0001", attachment_key="ATTA0001",
                            comment=comment)
    cards, skipped = make_cards(NOTE, [annotation], Config(skip_roles=frozenset()))
    if not repaired.strip():  # readers warn about and skip empty highlights; rules report them
        assert not cards and skipped == [replace(annotation, role="missing-image")]
        return
    # Nothing is ever dropped silently: a highlight makes cards, or is reported as making none.
    assert bool(cards) != bool(skipped)
    assert all(a.role in ("no-card", "other-language") for a in skipped)  # a foreign script
    for card in cards:
        rendered = _render(collection, card)
        assert len(rendered) == card.anki_cards
        if card.kind == "cloze":
            for question, answer in rendered:
                assert "[...]" in visible_text(question)
                assert 'class="cloze"' in answer
            for hidden in card.hidden():
                assert visible_text(html_text(hidden)) in visible_text(rendered[-1][1]) or any(
                    visible_text(html_text(hidden)) in visible_text(a) for _, a in rendered)
        else:
            assert visible_text(html_text(card.answer)) in visible_text(rendered[0][1])
        for question, answer in rendered:
            assert "<script>" not in question + answer
            # Literal `{{c1::x}}` typed in a highlight is shown as text (escaped in the HTML),
            # never left behind as cloze markup Anki failed to process.
            assert not re.search(r"\{\{c\d+::", question + answer)


@settings(max_examples=300, deadline=None)
@given(body=ANY_TEXT | st.lists(st.sampled_from(
    [">[!quote|#ffd400] Claim", ">", "%%", "%% end annotations %%", "---", "title: x",
     "text [(p. 1)](zotero://open-pdf/library/items/AAAA1111?page=1&annotation=BBBB2222)",
     ">[!quote|#ffd400] ", "Claim", "%%comment", "comment%%", "> [!note] Page 1", "> ---",
     "<mark style=\"background: #ff6666\">x</mark>", "- \"quoted\"", "\t- nested", ""]),
    max_size=30).map("\n".join))
def test_any_note_text_parses_into_cards_or_raises_only_export_error(body: str) -> None:
    try:
        note = parse_note(body, Path("any.md"))
        annotations, problems = read_annotations(note, Config())
        cards, _ = make_cards(note, annotations, Config())
    except ExportError:
        return
    assert all(p.path == Path("any.md") for p in problems)
    assert all(card.guid for card in cards)
