"""anki-export: turn Zotero-annotated Obsidian reading notes into Anki decks."""

__version__ = "0.6.0"
