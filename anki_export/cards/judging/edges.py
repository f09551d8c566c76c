"""Pattern 2 again, read at the front's two edges: an opener cut off, or an end cut short.

"In contrast to the European transition, …" loses "In contrast" and the front opens on "To the
European transition, …": the phrase that is left needs the words before it. "…, while the shad"
stops inside its last clause, before its verb, on what is only the start of a word; whole words
('shad' is a fish) hide the cut from a word list.

Input: a `Shown` card. Output: the reason one of its edges is cut, or nothing.
"""

from __future__ import annotations

import re

from anki_export.cards.judging.constituents import DETERMINERS
from anki_export.cards.judging.fragments import has_verb
from anki_export.cards.judging.shown import GAP, Shown, reads_as_english, words
from anki_export.language.words import word_info, word_set

# "To this end", "To date", "To our knowledge", "To the north": whole openers that "To" starts.
_WHOLE_TO_PHRASES = word_set("end date extent degree knowledge surprise contrary best point "
                             "north south east west left right sum summarise summarize")
# Tails of a connective whose first word was cut ("In contrast, …" → "Contrast, …").
_CONNECTIVE_TAILS = word_set("contrast addition particular example instance turn result fact "
                             "hand")
_OPENING_WORDS = 12  # the cut opener's phrase ends at a comma this early
# A last clause after a comma that these open needs its verb: "…, while the shad" ("and" and
# "but" may close a list of noun phrases, "since" may open a date: "…, since the war").
_CLAUSE_OPENERS = word_set("while whereas because although though so which when where")
MAX_CUT_CLAUSE_WORDS = 3  # "while the shad": the opener, a determiner and one word
MAX_PIECE_LETTERS = 4  # "mut", "ade": longer unknown words at the end are mostly whole terms
PIECE_ZIPF = 4.0  # an unknown short piece rarer than this is no word of its own
_END = (".", "!", "?", ")", "]", '"', "”", "’", "'", "…", GAP)


def opens_on_a_cut_opener(card: Shown) -> str | None:
    """A front that opens on "To" and a noun phrase ("To the European transition, …"), or on
    the tail of a connective ("Contrast, …"): the words that governed it were cut."""
    front = card.front.lstrip("\"'“‘«( ")
    said = words(front.split(",", 1)[0]) if "," in front else []
    if not said or len(said) > _OPENING_WORDS or not reads_as_english(front):
        return None
    tail = said[-1].lower() in _CONNECTIVE_TAILS and said[0][:1].isupper()
    if tail and (len(said) == 1 or [w.lower() for w in said] in (["other", "hand"],
                                                                ["a", "result"])):
        return f"opens on {' '.join(said)!r}, the tail of a connective whose first word was cut"
    if len(said) < 2 or said[0] != "To" or any(w.lower() in _WHOLE_TO_PHRASES for w in said):
        return None
    # "To the Stoics, virtue …", "To Kuhn, …": a viewpoint, held by people or a person; the
    # phrase a cut "In contrast to" leaves is a singular thing ("To the European transition").
    second, head = said[1], word_info(said[-1].lower())
    if second.lower() in DETERMINERS and not head.plural and said[-1][:1].islower():
        return (f"opens on 'To {second} …', a phrase whose governing words ('In contrast to', "
                "'Compared to') were cut: not a sentence")
    return None


def ends_cut_short(card: Shown) -> str | None:
    """An unpunctuated front that stops inside its last clause before the clause's verb
    ("…, while the shad"), or on a short piece no word list knows after a word that needs its
    head ("an affinity-enhancing mut", "empirically ade")."""
    end = card.front.rstrip()
    if not end or end.endswith(_END) or card.kind == "qa" or not reads_as_english(end):
        return None
    said = words(end)
    last = said[-1] if said else ""
    clause = re.split(r",\s+", end)[-1]
    opened = words(clause)
    if 2 <= len(opened) <= MAX_CUT_CLAUSE_WORDS and opened[0].lower() in _CLAUSE_OPENERS \
            and len(opened) > 1 and opened[1].lower() in DETERMINERS and GAP not in clause \
            and not has_verb(" ".join(opened[1:])):
        return (f"ends inside its last clause ('{clause}'): the highlight stops before the "
                "clause's verb, maybe mid-word")
    if len(said) < 2 or not (last.isalpha() and last.islower()) \
            or len(last) > MAX_PIECE_LETTERS:
        return None
    info = word_info(last)
    if info.tags or info.zipf >= PIECE_ZIPF:
        return None
    if _wants_a_head(said[-2]):
        return f"ends on {last!r} after {said[-2]!r}: a word cut by the highlight's edge"
    return None


def _wants_a_head(word: str) -> bool:
    """A word after which a noun or an adjective must come: an article or determiner, an
    "-ly" adverb, a hyphenated modifier ("affinity-enhancing") or a word that is only an
    adjective."""
    lower = word.lower()
    info = word_info(lower)
    if lower in DETERMINERS:
        return True
    if lower.endswith("ly") and "ADV" in info.tags:
        return True
    if "-" in lower and lower.endswith(("ing", "ed")):
        return True
    return info.tags == {"ADJ"}
