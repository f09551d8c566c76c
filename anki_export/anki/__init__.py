"""Anki: putting a finished `.apkg` into a user's collection with the official Anki engine.

Takes a package file and a profile or collection path; gives Anki's import log. Entry point:
`importer.import_deck`; `paths` finds Anki's data folder and profiles as Anki does, `backup`
copies the collection first and prunes old copies, `contents` reads notes from a package or a
collection, `skipped` decides what to do with the notes Anki skips as not newer (and lists them
for `plan --collection`), `catch_up` updates those whose content changed, and `delivered`
records what each import brought. The `anki` package (AGPL) is imported only when a deck is
imported, so everything else works without it.
"""
