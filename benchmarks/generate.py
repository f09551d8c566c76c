"""Synthetic Obsidian vaults of Zotero Integration "research-note" notes, for benchmarks.

Input: a size (notes, annotations per note) and a seed. Output: a vault folder (with `.obsidian/`)
of notes shaped like `examples/DoesSGDProduce.md`; `edit_fraction` later edits some highlights.
"""

from __future__ import annotations

import argparse
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, get_args

FFFD = "\ufffd"
KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
NOTES_FOLDER = "Literature"


def _words(text: str) -> tuple[str, ...]:
    """Space-separated words, so the word lists below stay readable."""
    return tuple(text.split())


# (label, Zotero palette hex, weight): the research-note template's colour scheme.
LABELS: tuple[tuple[str, str, int], ...] = (
    ("Claim", "#ffd400", 35),
    ("Personal critic", "#a28ae5", 15),
    ("Supporting evidence", "#2ea8e5", 20),
    ("Important", "#ff6666", 20),
    ("Reference", "#5fb236", 10),
)

NOUNS = _words(
    """model objective process gradient alignment representation evidence hypothesis mechanism
    framework analysis distribution parameter variance estimate outcome assumption argument
    constraint inference behaviour strategy signal structure function definition classification
    efficiency influence conflict benefit effect difference coefficient specification
    configuration reflection fluctuation identification optimization generalization policy agent
    environment reward dataset benchmark baseline experiment observation pattern measure
    interpretation proposition theory method approach limitation population sample variable
    correlation regression network architecture layer feature pointer deception incentive
    preference belief uncertainty probability trajectory capability performance robustness
    profile filter field"""
)
ADJECTIVES = _words(
    """significant efficient sufficient difficult specific different effective flexible
    influential reliable robust consistent plausible empirical theoretical systematic marginal
    internal explicit implicit deceptive corrigible optimal general substantial critical
    fundamental relevant complex stable finite causal statistical adversarial latent novel
    independent coherent arbitrary confident superficial artificial beneficial"""
)
VERBS = _words(
    """determines reduces increases explains predicts requires suggests indicates reflects
    influences affects identifies justifies defines produces favours constrains implies supports
    undermines modifies classifies shapes amplifies offers specifies clarifies improves weakens"""
)
ADVERBS = _words(
    """systematically significantly efficiently marginally explicitly substantially consistently
    plausibly largely directly"""
)
PREPOSITIONS = _words("of in for with under across within between through from during")
DETERMINERS = _words("the the the a this each every their")
MODALS = _words("will would can could may might should")
CONNECTORS = ("and", "but", "because", "so", "whereas", "which means that")  # after a comma
SURNAMES = _words(
    """Hubinger Christiano Krakovna Russell Bengio Sutton Amodei Olah Steinhardt Leike Irving
    Everitt Turner Garrabrant Demski Carlsmith Cotra Kenton Evans Armstrong Soares Pascal"""
)
Damage = Literal["none", "ligatures", "ligatures+punctuation"]
DAMAGES: tuple[Damage, ...] = get_args(Damage)
ITEM_TYPES = ("journalArticle", "webpage", "preprint", "conferencePaper", "book")


@dataclass(slots=True)
class _Keys:
    """Unique 8-character Zotero keys from one seeded random stream."""

    rng: random.Random
    used: set[str] = field(default_factory=set)

    def new(self) -> str:
        """A key not handed out before."""
        while (key := "".join(self.rng.choices(KEY_ALPHABET, k=8))) in self.used:
            pass
        self.used.add(key)
        return key


@dataclass(frozen=True, slots=True)
class Source:
    """What one note's frontmatter and links say about its source."""

    title: str
    citekey: str
    item_type: str
    item_key: str
    attachment_key: str
    damage: Damage
    """What its PDF's fonts do to extracted text."""


def _article(word: str) -> str:
    """`a` or `an` before `word`."""
    return "an" if word[0] in "aeiou" else "a"


def _noun_phrase(rng: random.Random) -> list[str]:
    """`the (adjective) noun (of the noun)`."""
    words = [rng.choice(ADJECTIVES)] if rng.random() < 0.5 else []
    words.append(rng.choice(NOUNS))
    determiner = rng.choice(DETERMINERS)
    phrase = [_article(words[0]) if determiner == "a" else determiner, *words]
    if rng.random() < 0.3:
        phrase += ["of", "the", rng.choice(NOUNS)]
    return phrase


def _clause(rng: random.Random) -> list[str]:
    """One subject and predicate, in one of a few shapes academic prose uses."""
    subject = _noun_phrase(rng)
    shape = rng.randrange(5)
    if shape == 0:
        return [*subject, rng.choice(VERBS), *_noun_phrase(rng)]
    if shape == 1:
        return [*subject, "is", rng.choice(ADJECTIVES)]
    if shape == 2:
        place = [rng.choice(PREPOSITIONS), *_noun_phrase(rng)]
        return [*subject, "is", rng.choice(ADJECTIVES), *place]
    if shape == 3:
        return [*subject, rng.choice(MODALS), "be", rng.choice(ADVERBS), rng.choice(ADJECTIVES)]
    return [*subject, rng.choice(ADVERBS), rng.choice(VERBS), *_noun_phrase(rng)]


def sentence(rng: random.Random, low: int = 8, high: int = 60) -> str:
    """A sentence of `low` to `high` words: two in three short, the others long."""
    short = min(high, 20)
    target = rng.randint(low, short) if rng.random() < 2 / 3 else rng.randint(short, high)
    words = _clause(rng)[:high]
    while len(words) < target:
        joined = rng.random() < 0.5
        if joined:
            piece = [*rng.choice(CONNECTORS).split(), *_clause(rng)]
        else:
            piece = [rng.choice(PREPOSITIONS), *_noun_phrase(rng)]
        if len(words) + len(piece) > high:
            break
        words[-1] += "," if joined else ""
        words += piece
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def _mapping_sentence(rng: random.Random) -> str:
    """`A is X, B is Y, and C is Z`: the sentence shape that makes one card per pair."""
    names = rng.sample(SURNAMES, 3)
    pairs = [f"{name} is {rng.choice(ADVERBS)} {rng.choice(ADJECTIVES)}" for name in names]
    return f"{pairs[0]}, {pairs[1]}, and {pairs[2]}."


def highlight(rng: random.Random, label: str) -> str:
    """A highlight's text: one sentence, or a paragraph of two to four."""
    if label == "Supporting evidence" and rng.random() < 0.1:
        return _mapping_sentence(rng)
    count = 1 if rng.random() < 0.7 else rng.randint(2, 4)
    text = " ".join(sentence(rng) for _ in range(count))
    return text[:-1] if rng.random() < 0.3 else text  # selections often stop short of the stop


def damage(text: str, kind: Damage) -> str:
    """The U+FFFD damage a PDF's font does: lost ligatures, and lost commas and stops."""
    if kind == "none":
        return text
    text = re.sub("ffi|ffl|ff|fi|fl", FFFD, text)  # `difficult` → `di\ufffdcult`
    if kind == "ligatures+punctuation":
        text = re.sub(r"[,.](?= |$)", FFFD, text)  # `word, next` → `word\ufffd next`
    return text


def _comment(rng: random.Random) -> str:
    """A reader's `%%comment%%`: one line, or a remark and a numbered list."""
    if rng.random() < 0.65:
        return f"%%{sentence(rng, 6, 20)}%%"
    points = "\n".join(f"{n}. {sentence(rng, 6, 16)}" for n in range(1, rng.randint(2, 4) + 1))
    return f"%%{sentence(rng, 6, 14)}\n\n{points}%%"


def _callout(rng: random.Random, source: Source, key: str, page: int) -> list[str]:
    """One `>[!quote|#hex] Label` callout, label on the same line or the next, with its link."""
    label, colour, _ = rng.choices(LABELS, weights=[w for *_, w in LABELS])[0]
    same_line = rng.random() < 0.5
    header = [f">[!quote|{colour}] {label}"] if same_line else [f">[!quote|{colour}] ", label]
    text = damage(highlight(rng, label), source.damage)
    link = f"zotero://open-pdf/library/items/{source.attachment_key}?page={page}&annotation={key}"
    return [*header, ">", f"{text} [(p. {page})]({link})"]


def _frontmatter(source: Source) -> list[str]:
    """The note's YAML frontmatter and the template's citation and link lines."""
    pdf = f"file:///home/research/Zotero/storage/{source.attachment_key}/{source.citekey}.pdf"
    return [
        "---",
        "cssclass: research-note",
        f'type: "{source.item_type}"',
        f'title: "{source.title}"',
        f"citekey: {source.citekey}",
        "---",
        f"“{source.title}.” Accessed November 15, 2022.",
        f"[online](http://zotero.org/users/10595302/items/{source.item_key}) "
        f"[local](zotero://select/library/items/{source.item_key}) [pdf]({pdf})",
        " ",
        "",
        "# Key takeaways",
        "",
        "### Index",
        "",
        "start-date:: ",
        "end-date::",
        "page-no:: 1",
        "",
        "### Note",
        "%% begin annotations %%",
        "### Imported on 2022-11-16 2:05 pm",
    ]


def note_text(rng: random.Random, source: Source, keys: _Keys, annotations: int) -> str:
    """A whole note: frontmatter, then `annotations` callouts, some followed by a comment."""
    lines = _frontmatter(source)
    page = 1
    for index in range(annotations):
        page += rng.choice((0, 0, 1, 1, 2))
        lines += _callout(rng, source, keys.new(), page)
        if index < annotations - 1 and rng.random() < 0.12:
            lines.append(_comment(rng))
    lines[-1] += " %% end annotations %%"
    lines += ["", "%% Import Date: 2022-11-16T14:05:15.803+01:00 %%", ""]
    return "\n".join(lines)


def _source(rng: random.Random, keys: _Keys, titles: set[str], citekeys: set[str]) -> Source:
    """A source with a title and citekey no other note of the vault has."""
    while (title := _title(rng)) in titles:
        pass
    titles.add(title)
    base = f"{rng.choice(SURNAMES)}{rng.randint(1990, 2024)}{title.split()[1]}"
    citekey, suffix = base, 0
    while citekey in citekeys:  # Better BibTeX's way out of a clash: a suffix
        suffix += 1
        citekey = f"{base}{suffix}"
    citekeys.add(citekey)
    kind = rng.choices(DAMAGES, weights=(70, 15, 15))[0]
    return Source(title, citekey, rng.choice(ITEM_TYPES), keys.new(), keys.new(), kind)


def _title(rng: random.Random) -> str:
    """A paper-like title: `The Marginal Gradient of Deception: Evidence from Robust Layers`."""
    first, second = rng.sample(ADJECTIVES, 2)
    topic, subject, evidence = (noun.title() for noun in rng.sample(NOUNS, 3))
    evidence = f"{second.title()} {_plural(evidence)}"
    return f"The {first.title()} {topic} of {subject}: Evidence from {evidence}"


def _plural(noun: str) -> str:
    """`Analysis` → `Analyses`, `Policy` → `Policies`, `Layer` → `Layers`."""
    if noun.endswith("is"):
        return noun[:-2] + "es"
    if noun.endswith("y") and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + ("es" if noun.endswith(("s", "sh", "ch", "x")) else "s")


def generate_vault(out: Path, notes: int, annotations: int, seed: int = 1) -> int:
    """Write `notes` notes of `annotations` callouts each into `out`; returns callouts made."""
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty; choose a new folder")
    rng = random.Random(seed)
    keys = _Keys(rng)
    (out / ".obsidian").mkdir(parents=True, exist_ok=True)
    (out / ".obsidian" / "app.json").write_text("{}\n", encoding="utf-8")
    folder = out / NOTES_FOLDER
    folder.mkdir()
    titles: set[str] = set()
    citekeys: set[str] = set()
    for _ in range(notes):
        source = _source(rng, keys, titles, citekeys)
        text = note_text(rng, source, keys, annotations)
        (folder / f"{source.citekey}.md").write_text(text, encoding="utf-8", newline="\n")
    return notes * annotations


_TEXT_LINE = re.compile(r"^(?P<text>.+?) (?P<link>\[\(p\. [^)]*\)\]\(zotero://open-pdf/.*)$")


def edit_fraction(vault: Path, fraction: float, seed: int) -> int:
    """Change one word in `fraction` of the vault's highlights, in place; returns how many."""
    files = sorted(vault.rglob("*.md"))
    texts = {path: path.read_text(encoding="utf-8").split("\n") for path in files}
    places = [(p, i) for p in files for i, line in enumerate(texts[p]) if _TEXT_LINE.match(line)]
    rng = random.Random(seed)
    chosen = rng.sample(places, min(len(places), round(len(places) * fraction)))
    for path, index in chosen:
        texts[path][index] = _edited(rng, texts[path][index])
    for path in {path for path, _ in chosen}:
        path.write_text("\n".join(texts[path]), encoding="utf-8", newline="\n")
    return len(chosen)


def _edited(rng: random.Random, line: str) -> str:
    """The highlight line with one of its words replaced by a different word."""
    match = _TEXT_LINE.match(line)
    assert match is not None
    words = match["text"].split(" ")
    plain = [i for i, word in enumerate(words) if word.isalpha()] or [len(words) - 1]
    index = rng.choice(plain)  # a word without punctuation, so commas and stops stay
    replacement = rng.choice([noun for noun in NOUNS if noun != words[index].lower()])
    words[index] = replacement.title() if words[index][:1].isupper() else replacement
    return f"{' '.join(words)} {match['link']}"


def main(argv: Sequence[str] | None = None) -> None:
    """`python benchmarks/generate.py OUT_DIR --notes 300 --annotations 33 --seed 1`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, metavar="OUT_DIR", help="folder to create the vault in")
    parser.add_argument("--notes", type=int, default=300, help="number of notes [300]")
    parser.add_argument("--annotations", type=int, default=33, help="callouts per note [33]")
    parser.add_argument("--seed", type=int, default=1, help="random seed [1]")
    args = parser.parse_args(argv)
    try:
        made = generate_vault(args.out, args.notes, args.annotations, args.seed)
    except FileExistsError as error:
        parser.error(str(error))
    print(f"wrote {args.notes} notes, {made} annotations to {args.out}")


if __name__ == "__main__":
    main()
