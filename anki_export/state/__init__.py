"""State: what earlier builds emitted, so a rebuild can tell new, changed, unchanged, orphaned
(annotation gone) and retired (annotation still there, card no longer made).

Takes each file's cards (or an unchanged file's record) and the state file; gives each note's
status and stamp (`update`, pure, one note at a time), writes them to the deck and the new
state as they come (`planner.Planner`), and counts them in a `Plan`. Entry points:
`store.State` (the old state, read-only, record by record) and `writer.StateWriter` (the new
one, committed once, after the deck). `records` are the rows, `rows` their SQLite form,
`salvage` what a damaged file still holds, `legacy` reads version 0.1's JSON state, `locks`
keeps to one writer at a time; `identity` carries an edited highlight's GUIDs over, `pairing`
keeps an argument on its claim.
"""
