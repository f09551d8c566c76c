"""ZotLit annotations: `> [!note] Page 1`, text, `> ---`, comment and a block id `^ANNaATTp1`.

Input: a `SourceNote`. Output: `Annotation`s whose keys come from the block id (ZotLit writes no
per-annotation link, so one is built from the keys). The annotation template is the user's: the
callout title may be a label (`> [!note] Method`), and the comment may follow the text on a line
that a label marks (`> ==💬 comment==`) instead of a `---` rule.
"""

from __future__ import annotations

import re

from anki_export.errors import Problem
from anki_export.read.annotation import Annotation
from anki_export.read.notes import SourceNote
from anki_export.read.shapes import common, lines, meaning

# ZotLit's block id: annotation key, `a`, attachment key, `p`, page.
_BLOCK_ID = re.compile(
    r"(?:^|\s)\^(?P<key>[A-Z0-9]{8})a(?P<attachment>[A-Z0-9]{8})p(?P<page>[0-9A-Za-z-]*)\s*$"
)
SIGNATURE = re.compile(r"\^[A-Z0-9]{8}a[A-Z0-9]{8}p[0-9A-Za-z-]*[ \t]*$", re.M)
_HEADER = re.compile(
    r"^\s*>\s*\[!(?P<kind>[\w-]+)(?:\|(?P<colour>[^\]]*))?\][+-]?[ \t]*(?P<title>.*?)\s*$"
)
_PAGE_TITLE = re.compile(r"(?:page|seite|p\.|第)\s*(?P<page>[0-9A-Za-z]+)", re.I)
_SEPARATOR = re.compile(r"^\s*(?:-{3,}|\*{3,})\s*$")
_MARKED = re.compile(r"^\s*==(?P<inner>.*)==\s*$")
_LIST_ITEM = re.compile(r"^\s*[-*+]\s+(?:\[.\]\s+)?")
# The text of a list item: `==text==`, maybe followed by its page link and tags.
_MARKED_TEXT = re.compile(r"^==(?P<inner>.*)==(?:\s*\[[^\]]*\]\(zotero://[^)]*\))?(?:\s+#\S+)*$")
# A line that holds only the annotation's link (`([Open Annotation](zotero://…))`): no text.
_LINK_ONLY = re.compile(r"^\s*\(?\s*\[[^\]\n]*\]\([a-z][\w+.-]*://[^)\s]*\)\s*\)?\s*$", re.I)
_BOLD_COMMENT = re.compile(r"^\*\*(?P<inner>[^*].*?):?\*\*:?$")


def parse(note: SourceNote) -> tuple[list[Annotation], list[Problem]]:
    """All ZotLit annotations of `note` (callouts or paragraphs ending in a block id), in order."""
    note_lines = note.lines
    found: list[Annotation] = []
    problems: list[Problem] = []
    group = meaning.Group()
    index = note.body_start
    while index < len(note_lines):
        line = note_lines[index]
        if not line.strip() or common.HEADING.match(line):
            group.see(line, index + 1)
            index += 1
            continue
        end, block_id = _block(note_lines, index)
        while block_id is not None and end < len(note_lines):
            # A template that ends every line with the block id (a comment bullet, its text as
            # a child) writes one annotation over several lines that share it.
            same = _BLOCK_ID.search(note_lines[end])
            if same is None or same.group("key") != block_id.group("key"):
                break
            end, block_id = end + 1, same
        if block_id is None:
            group.see(line, index + 1)
        else:
            annotation = _annotation(note_lines[index:end], index, block_id)
            group.keep(annotation, note, found, problems)
        index = end
    return group.apply(found), problems


def _block(note_lines: list[str], start: int) -> tuple[int, re.Match[str] | None]:
    """End of the callout or paragraph starting at `start`, and its block id if it has one."""
    index = start
    while index < len(note_lines):
        line = note_lines[index]
        if not line.strip() or common.HEADING.match(line):
            break
        if index > start and common.CALLOUT.match(line):
            break
        block_id = _BLOCK_ID.search(line)
        if block_id is not None:
            return index + 1, block_id
        index += 1
    return max(index, start + 1), None


def _annotation(block: list[str], start: int, block_id: re.Match[str]) -> Annotation:
    """The annotation of one block whose last line holds `block_id`."""
    header = _HEADER.match(block[0])
    body = [common.unquote(line) for line in (block[1:] if header else block)]
    body[-1] = body[-1][: body[-1].rfind("^")].rstrip()
    body = [b for b in body if not _LINK_ONLY.match(b)]
    split = next((i for i, b in enumerate(body) if _SEPARATOR.match(b)), None)
    if not header and all(_LIST_ITEM.match(b) for b in body):
        text_lines, comment_lines = _list_parts(body)
    elif split is None:
        text_lines, comment_lines = _split_at_label(body)
    else:
        text_lines, comment_lines = body[:split], _trimmed(body[split + 1 :])
        if comment_lines:  # `---` then `💬 comment`: the template's marker is no part of it
            comment_lines[0] = lines.comment_label(comment_lines[0])
    image = next((path for b in text_lines if (path := common.image_path(b))), None)
    text = common.clean_text(" ".join(b for b in text_lines if not common.IMAGE.search(b)))
    page = block_id.group("page")
    title_page = _PAGE_TITLE.search(header.group("title")) if header else None
    url = (
        f"zotero://open-pdf/library/items/{block_id.group('attachment')}"
        f"?page={page}&annotation={block_id.group('key')}"
    )
    colour = meaning.opening_colour(" ".join(text_lines))
    if header and not colour:
        colour = meaning.colour_name(header.group("colour"))
    title = header.group("title") if header and not title_page else ""
    return common.build(
        start + 1,
        text,
        common.find_link(f"[{page}]({url})"),
        colour=colour,
        label=lines.label_words(f"<mark>{title}</mark>"),
        comment=common.comment_text(_trimmed(comment_lines)),
        image=image,
        page_label=title_page.group("page") if title_page else page or None,
    )


def _list_parts(body: list[str]) -> tuple[list[str], list[str]]:
    """(text lines, comment lines) of an annotation written as list items sharing one block id
    (ZotLit with `callout: false`): the `==…==` item (page link and tags after it dropped) is
    the text, a `**…:**` item the comment, an embed stays with the text lines."""
    text_lines: list[str] = []
    comment_lines: list[str] = []
    for raw in body:
        item = _LIST_ITEM.sub("", raw, count=1)
        item = item[: item.rfind("^")].rstrip() if _BLOCK_ID.search(item) else item.rstrip()
        marked = _MARKED_TEXT.match(item)
        bold = _BOLD_COMMENT.match(item)
        if marked:
            text_lines.append(marked.group("inner"))
        elif bold and len(body) > 1:
            comment_lines.append(bold.group("inner"))
        else:
            text_lines.append(item)
    return text_lines, comment_lines


def _split_at_label(body: list[str]) -> tuple[list[str], list[str]]:
    """(text lines, comment lines) of a callout with no `---` rule: the comment starts at the
    first line after the text that a comment label opens (`💬 …`, `Comment: …`), maybe inside
    a `==…==` mark (`==💬 comment==`), the label gone."""
    for at, raw in enumerate(body):
        marked = _MARKED.match(raw)
        content = marked.group("inner") if marked else raw
        if at and lines.has_comment_label(content):
            return body[:at], [lines.comment_label(content), *body[at + 1 :]]
    return _split_at_paragraph(body)


def _split_at_paragraph(body: list[str]) -> tuple[list[str], list[str]]:
    """(text lines, comment lines) of a callout that marks neither: a highlight is one
    paragraph (Zotero keeps no blank line in it), so a paragraph after it, past a blank line,
    is the reader's comment (`{{text}}` + blank line + `{{comment}}`)."""
    start = next((i for i, b in enumerate(body) if b.strip()), len(body))
    end = next((i for i in range(start, len(body)) if not body[i].strip()), len(body))
    rest = _trimmed(body[end:])
    return (body[:end], rest) if rest else (body, [])


def _trimmed(found: list[str]) -> list[str]:
    """`found` without blank lines at either end."""
    while found and not found[0].strip():
        found = found[1:]
    while found and not found[-1].strip():
        found = found[:-1]
    return found
