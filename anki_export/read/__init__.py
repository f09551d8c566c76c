"""Reading: what the user wrote, from note files on disk to `SourceNote` and `Annotation` records.

Takes paths (files and folders) and the `Config`; gives each note's `SourceNote` (frontmatter
facts and text) and its `Annotation`s (text repaired, role decided, image found), with warnings
as `Problem`s. Entry points: `discover.find_note_files` and `discover.read_note` for files,
`annotations.read_annotations` for a note's annotations, `config_file.load_config` for the
options. Each note shape has one reader in `shapes/`, listed in the table in
`shapes/__init__.py`.
"""
