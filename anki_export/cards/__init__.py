"""Cards: which Anki notes each annotation becomes, as `Card` records (plain text and clozes).

Takes a note file's `SourceNote` and `Annotation`s (from `read`); gives `Card`s (`card.py`).
Entry points: `vault.read_files` streams a vault's files through `note_file.read_file` (one
file: read it, make its cards), in worker processes when the vault is big (`workers`: they
die with the build); `rules.make_cards` runs the rule table on one note. A new card type is one
function and one row in `rules.RULES`; the makers it calls live beside it (`claims`, `clozes`,
`questions`, `mappings`, `sentence_cards`, `overrides`). `fronts` keeps a deck's questions
distinct, `quality` grades cards, `tally` sums a build up.
"""
