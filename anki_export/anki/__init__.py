"""Anki: putting a finished `.apkg` into a user's collection with the official Anki engine.

Takes a package file and a profile or collection path; gives Anki's import log. Entry point:
`importer.import_deck`; `paths` finds Anki's data folder and profiles as Anki does, `backup`
copies the collection first. The `anki` package (AGPL) is imported only when a deck is
imported, so everything else works without it.
"""
