"""The content hash: the state file stores it, so its values never change."""

from __future__ import annotations

from anki_export.deck.content import content_hash


def test_content_hash_values_are_pinned_because_the_state_file_stores_them() -> None:
    digest = content_hash(1607392319, ("a {{c1::b}}", 'é"x'), ("z", "role::claim", "A"),
                          "Research::Ünïcode")
    assert digest == "59054213c7045242d842e7340c8e983c5014a256079df55fcff5e8b7c2c9f649"


def test_content_hash_ignores_tag_order_but_not_field_order() -> None:
    fields = ("a", "b")
    assert content_hash(1, fields, ("x", "y"), "D") == content_hash(1, fields, ("y", "x"), "D")
    assert content_hash(1, ("a", "b"), (), "D") != content_hash(1, ("b", "a"), (), "D")
