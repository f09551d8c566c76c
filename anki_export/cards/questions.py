"""Turn a highlighted claim (one declarative sentence) into a "Why …?" question.

Input: repaired claim text. Output: the question, or None when no safe inversion exists.
"""

from __future__ import annotations

import re
from functools import lru_cache

from anki_export.cards.claim_frames import unframed
from anki_export.language.capitals import is_ordinary
from anki_export.language.lexicon import all_lemmas, inflection

_TRAILING_RE = re.compile(r"[\s.!;:,…\"“”]+$")
_CORE_RE = re.compile(r"^[^\w]+|[^\w]+$")


def _set(words: str) -> frozenset[str]:
    """A frozenset from a space-separated word list."""
    return frozenset(words.split())


_BE = _set("am is are was were")
_MODALS = _set("will would can could should shall may might must")
_HAVE, _DO = _set("has have had"), _set("do does did")
_AUX = _BE | _MODALS | _HAVE | _DO
_FINITE = _BE | _MODALS | _set("has had does did")  # "have"/"do" may be infinitives
_NEGATED = {"won't": "will", "can't": "can", "shan't": "shall", "cannot": "can"}
_ARTICLES = _set("a an the")
_DETERMINERS = _ARTICLES | _set(
    "this that these those each every some any no all most many few several both its their "
    "our my his her your such another either neither"
)
_PREPOSITIONS = _set(
    "of in on at for with to from by about over under between among into through across "
    "within without against per via during after before toward towards onto upon like above below "
    "beyond behind near along around beside"
)
_COORDINATORS = _set("and or nor yet so but then")
_SUBORDINATORS = _COORDINATORS | _set(
    "if because although though since when whenever while whereas unless until given whether "
    "how what why where once thus hence therefore however"
)
_RELATIVIZERS = _set("that which who whom whose")
_CLAUSE_INTRO = _RELATIVIZERS | _SUBORDINATORS - _COORDINATORS
_PERSONAL = _set("i you he she it we they")
_PRONOUNS = _PERSONAL | _set("there this that these those one")
_ADVERBS = _set("not never also only already still often always just even")
_SINGULAR, _PLURAL = _set("he she it this that"), _set("i you we they these those")
_CLOSED = _DETERMINERS | _PREPOSITIONS | _SUBORDINATORS | _RELATIVIZERS | _PRONOUNS
_DANGLING = _ARTICLES | _set("its their our my your every") | _CLAUSE_INTRO - _PRONOUNS
_DO_FOR = {"VBZ": "does", "VBD": "did", "VBP": "do"}


def claim_to_question(claim: str) -> str | None:
    """Return a 'Why …?' question asking for the argument behind `claim`, or None when the grammar does not allow one."""  # noqa: E501
    text = unframed(claim)
    tokens = text.split() if text else []
    if len(tokens) < 2:
        return None
    return _invert_auxiliary(tokens) or _do_support(tokens)


def subject_of(clause: str, number: str) -> str | None:
    """The noun phrase a clause opens with, when a verb follows it and the phrase's number is
    `number` ("sg" or "pl", as the pronoun it names): "the state" of "the state could no
    longer pay …"; None for a pronoun or when no such phrase opens the clause."""
    tokens = clause.split()
    for i in range(1, min(len(tokens), 9)):
        word, form = _core(tokens[i]), _finite_form(_core(tokens[i]))
        verb = word in _AUX or (form is not None and _agree(form[0], tokens[:i]) is not None
                                and ("NOUN" not in _lemmas(word)
                                     or _noun_or_verb(tokens, i) != "noun"))
        if verb and _plausible_subject(tokens[:i]) and _number(tokens[:i]) == number:
            return None if _core(tokens[0]) in _PRONOUNS else " ".join(tokens[:i])
    return None


@lru_cache(maxsize=8192)
def _lemmas(word: str) -> dict[str, tuple[str, ...]]:
    """lemminflect's lemmas by universal POS tag, for a lowercase word."""
    return dict(all_lemmas(word)) if word else {}


@lru_cache(maxsize=8192)
def _inflections(lemma: str, tag: str) -> tuple[str, ...]:
    """lemminflect's inflections of `lemma` for a Penn tag."""
    return tuple(inflection(lemma, tag=tag, inflect_oov=False) or ()) if lemma else ()


def _core(token: str) -> str:
    """Lowercase word without surrounding punctuation; n't forms map to their auxiliary."""
    word = _CORE_RE.sub("", token).lower().replace("\u2019", "'")
    if word in _NEGATED:
        return _NEGATED[word]
    return word[:-3] if word.endswith("n't") else word


def _finite_form(word: str) -> tuple[str, str] | None:
    """(Penn tag, base form) if `word` can be a finite lexical verb; 'AMBIG' for set/put/cut."""
    readings: dict[str, str] = {}
    for lemma in _lemmas(word).get("VERB", ()):
        if word in _inflections(lemma, "VBZ"):
            readings["VBZ"] = lemma
        if word in _inflections(lemma, "VBD"):
            readings["VBD" if word != lemma else "AMBIG"] = lemma
        elif word == lemma:
            readings["VBP"] = lemma
    for tag in ("VBZ", "VBD", "AMBIG", "VBP"):  # irregular pasts (fell, rose) beat rare bases
        if tag in readings:
            return tag, readings[tag]
    return None


def _at(tokens: list[str], i: int) -> str:
    """Core word of tokens[i], or '' past the end."""
    return _core(tokens[i]) if i < len(tokens) else ""


def _is_adverb(word: str) -> bool:
    """True for words lemminflect only knows as adverbs, -ly adverbs and a few particles."""
    tags = _lemmas(word).keys()
    return word in _ADVERBS or tags == {"ADV"} or (word.endswith("ly") and "ADV" in tags)


def _head(tokens: list[str]) -> str:
    """The last token that is not an adverb ('SGD' in 'SGD systematically')."""
    return next((t for t in reversed(tokens) if not _is_adverb(_core(t))), "")


def _is_nominal(token: str) -> bool:
    """True if the token can head a noun phrase: noun, pronoun, name, number or unknown word."""
    word = _core(token)
    if word in _PRONOUNS or word.isdigit() or (len(token) > 1 and token.isupper()):
        return True
    tags = _lemmas(word)
    if word in _CLOSED or word in _AUX or word.endswith(("'s", "s'")):
        return False  # a possessive ("the king's") still needs its noun
    return not tags or "NOUN" in tags or "PROPN" in tags or word.endswith("ing")


def _is_verbal(word: str) -> bool:
    """True for -ing forms and verbs that cannot be nouns or adjectives (modeling, argue)."""
    tags = _lemmas(word).keys()
    return "VERB" in tags and (word.endswith("ing") or not {"NOUN", "ADJ", "PROPN"} & tags)


def _plausible_subject(tokens: list[str]) -> bool:
    """True if `tokens` look like one noun phrase (possibly with trailing adverbs)."""
    words = [_core(t) for t in tokens]
    relative = next((r for r, w in enumerate(words) if r > 1 and w in _RELATIVIZERS), None)
    if relative is not None and _is_relative_clause(words[relative + 1 :]):
        return _plausible_subject(tokens[:relative])  # "networks that are composed of …"
    if not tokens or len(tokens) > 15 or not all(words) or any(t[-1] in ",;:" for t in tokens):
        return False
    if words[0] in _PREPOSITIONS | {"which", "who"} or (
        len(words) > 1 and words[-1] in _RELATIVIZERS
    ):
        return False  # "data that is noisy": the auxiliary belongs to the relative clause
    for i, word in enumerate(words):
        between = word == "and" and "between" in words[:i]  # "a wage between X and Y"
        if (word in _SUBORDINATORS and not between) or word == "not" or (
                word in _PERSONAL and len(words) > 1):
            return False
        if word in _AUX and not (i and words[i - 1] in _DETERMINERS and "NOUN" in _lemmas(word)):
            return False  # unless a noun, as in "the will of the people"
        finite = _is_verbal(word) and not word.endswith(("ing", "ed"))  # argue, converges
        finite = finite and not (i and _is_participle(word) and _at(words, i + 1) in _PREPOSITIONS)
        if finite or (_is_verbal(word) and word.endswith("ed") and i == len(words) - 1):
            return False  # a finite verb means this is a clause, not a noun phrase
        before = words[i - 1] if i else "of"  # "objectives a model could have": a relative
        if word in _ARTICLES and not (before in _CLOSED - _ARTICLES or _is_verbal(before)):
            return False
    head = _head(tokens)
    return bool(head) and _core(head) not in _CLOSED - _PRONOUNS and _is_nominal(head)


def _is_relative_clause(words: list[str]) -> bool:
    """Whether words after "that"/"which" read as one short relative clause ("are made of X")."""
    return (0 < len(words) <= 12 and words[0] in _AUX and all(words)
            and not any(w in _SUBORDINATORS for w in words))


def _predicate_ok(tokens: list[str]) -> bool:
    """True unless the rest is cut off or holds a second main clause (a bare auxiliary)."""
    if not tokens or _core(tokens[-1]) in _DANGLING:
        return False
    opened = False
    for token in tokens:
        word = _core(token)
        if word in _CLAUSE_INTRO:
            opened = True
        elif word in _FINITE and not opened:
            return False
        opened = opened and token[-1] not in ",;:"
    return True


def _question(aux: str, subject: list[str], rest: list[str]) -> str:
    """'Why AUX SUBJECT REST?', lowercasing an ordinary first word but not names or acronyms."""
    first, after = subject[0], subject[1:]
    titled = first[:1].isupper() and first[1:] == first[1:].lower() and first != "I"
    name_follows = bool(after) and after[0][:1].isupper()  # "Martin Luther", "The Federal"
    if titled and (_core(first) in _CLOSED or (not name_follows and is_ordinary(_core(first)))):
        first = first[:1].lower() + first[1:]
    body = " ".join([aux, first, *after, *rest])
    return f"Why {_TRAILING_RE.sub('', body)}?"


def _is_auxiliary(tokens: list[str], i: int) -> bool:
    """True if tokens[i] is used as an auxiliary or copula rather than a main verb."""
    word = _core(tokens[i])
    if word in _BE | _MODALS:
        return True
    after = next((_core(t) for t in tokens[i + 1 :] if not _is_adverb(_core(t))), "")
    if word in _HAVE:
        lemma = (_lemmas(after).get("VERB") or ("",))[0]
        return after == "been" or after in _inflections(lemma, "VBN")
    return word in _DO and after in _lemmas(after).get("VERB", ())


def _invert_auxiliary(tokens: list[str]) -> str | None:
    """Move the first auxiliary that follows a plausible subject to the front."""
    for i in range(1, len(tokens)):
        if _core(tokens[i]) not in _AUX or not _is_auxiliary(tokens, i):
            continue
        if i > 1 and _core(tokens[i - 1]) in _RELATIVIZERS:
            continue  # "networks that are composed of …": the relative clause's own auxiliary
        subject, rest = tokens[:i], tokens[i + 1 :]
        if _plausible_subject(subject) and _predicate_ok(rest):
            aux = tokens[i].lower().rstrip(",")
            if aux == "cannot":
                aux, rest = "can", ["not", *rest]
            return _question(aux, subject, rest)
        if _core(tokens[i - 1]) not in _DETERMINERS:  # "the will of" is a noun: keep looking
            return None
    return None


def _do_support(tokens: list[str]) -> str | None:
    """Replace the main verb by its base form behind does/do/did."""
    for i in range(1, min(len(tokens), 16)):
        word = _core(tokens[i])
        if word in _BE | _MODALS or (word in _HAVE | _DO and _is_auxiliary(tokens, i)):
            return None
        form = _finite_form(word)
        if form is None or tokens[i][:1].isupper() or not _plausible_subject(tokens[:i]):
            continue
        tag = _agree(form[0], tokens[:i])
        if tag is None:
            continue  # "gradient descent": a verb reading that does not agree is a noun
        reading = _noun_or_verb(tokens, i) if "NOUN" in _lemmas(word) else "verb"
        if reading == "noun":
            continue  # "production rates increase": the verb comes later
        if reading == "unsure" or (word.endswith("ed") and _at(tokens, i + 1) in {"by", "with"}):
            return None  # "models trained with RLHF exhibit …": likely a participle
        rest = tokens[i + 1 :]
        if tag == "VBD" and _later_verb(rest):
            continue  # "a wage set above X reduces Y": a participle; the verb comes later
        if not rest and tag == "VBZ" and "NOUN" in _lemmas(word):
            return None  # "market forces", "interest rates": a plural noun ends the phrase
        if rest and not _predicate_ok(rest):
            return None
        base = form[1] + tokens[i][len(tokens[i].rstrip(',;:)]"”')) :]
        return _question(_DO_FOR[tag], tokens[:i], [base, *rest])
    return None


def _is_participle(word: str) -> bool:
    """Whether a word can be a past participle ("set" in "a wage set above …")."""
    return any(word in _inflections(lemma, "VBN") for lemma in _lemmas(word).get("VERB", ()))


def _later_verb(rest: list[str]) -> bool:
    """Whether the clause's finite verb comes later: a present "-s" verb before any clause."""
    for token in rest:
        word = _core(token)
        if word in _CLAUSE_INTRO or token[-1] in ",;:":
            return False
        form = _finite_form(word)
        if form is not None and form[0] == "VBZ" and (
                "NOUN" not in _lemmas(word) or _at(rest, rest.index(token) + 1) in _DETERMINERS):
            return True  # "reduces employment", "raises the price"
    return False


def _noun_or_verb(tokens: list[str], i: int) -> str:
    """Read a noun/verb word at tokens[i] as 'verb', 'noun' (the verb follows) or 'unsure'."""
    after = _at(tokens, i + 1)
    if after in _FINITE:
        return "noun"
    if _number(tokens[:i]) == "pl" and _core(_head(tokens[:i])) not in _PRONOUNS:
        return "verb"  # a plural noun rarely modifies another noun: "tariffs raise prices"
    form = _finite_form(after)
    if form is None or _agree(form[0], tokens[: i + 1]) is None:
        return "verb"  # "the government taxes imports": 'imports' cannot follow 'taxes'
    if "NOUN" not in _lemmas(after):
        return "noun"
    return "noun" if _at(tokens, i + 2) in _DETERMINERS else "unsure"  # "rates affect the value"


def _number(subject: list[str]) -> str:
    """Grammatical number of the subject's head: 'sg', 'pl' or '' when unknown; the head comes
    before what modifies it ("a tax levied on sellers", "the price of apples")."""
    words = [_core(t) for t in subject]
    cut = next((k for k, w in enumerate(words) if k > 1 and (w in _PREPOSITIONS or (
        _is_participle(w) and _at(words, k + 1) in _PREPOSITIONS))), len(subject))
    token = _head(subject[:cut])
    head = _core(token)
    if head in _SINGULAR or (len(head) > 1 and token.strip(',;:)"').isupper()):
        return "sg"  # pronouns and acronyms such as SGD or DNA
    if head in _PRONOUNS:
        return "pl" if head in _PLURAL else ""
    nouns = _lemmas(head).get("NOUN", ())
    if (nouns and all(n == head for n in nouns)) or (head.endswith("ing") and not nouns):
        return "sg"  # gerunds agree like singular nouns: "the printing press", "training"
    return "pl" if nouns and head not in nouns else ""


def _agree(tag: str, subject: list[str]) -> str | None:
    """Check verb-subject agreement and resolve past/base ambiguity; None if it fails."""
    number = _number(subject)
    if tag == "AMBIG":
        return "VBD" if number == "sg" else None
    if tag == "VBP" and (number == "sg" or _core(subject[0]) in {"a", "an", "each", "every"}):
        return None
    if tag == "VBP" and not number and not _looks_plural(_core(_head(subject))):
        return None  # "ascertainment bias": an unknown singular noun, then a noun, not a verb
    return None if tag == "VBZ" and number == "pl" else tag


def _looks_plural(word: str) -> bool:
    """Whether a word the lexicon does not know reads as a plural ("LLMs", "cytokines",
    "mitochondria", "fungi")."""
    if word.endswith("s"):
        return not word.endswith(("ss", "us", "is"))
    return word.endswith(("a", "i"))
