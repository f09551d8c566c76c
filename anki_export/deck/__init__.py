"""Deck: `Card`s as Anki stores them, written into an `.apkg` package.

Takes `Card`s (from `cards`); gives `AnkiNote`s (fields as HTML in `fields`, tags and deck
names in `decks`, the two note types in `notetypes`) and the package file. Entry point:
`package.anki_note` for one note and `package.PackageWriter` for the file. `render` shows a
note's cards as Anki renders them (for previews); `content` hashes what Anki stores of a note.
"""
