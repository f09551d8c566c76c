"""What an English sentence says, asked as a question: its reason, or the term it defines.

Input: one repaired sentence (and the sentences before it in its highlight). Output: an `Asked`
question and answer, or None when the sentence states no reason or definition that a question
could ask for without leaning on text the card does not show.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from anki_export.cards.glossary import term_of
from anki_export.cards.questions import claim_to_question, subject_of
from anki_export.language.capitals import is_ordinary
from anki_export.language.references import strip_references
from anki_export.language.words import is_cut_word, may_be_cut

_OPENER = re.compile(
    r"^(?:correspondingly|accordingly|similarly|likewise|in general|in fact|in particular|indeed|"
    r"moreover|furthermore|however|first|firstly|second|secondly|third|finally|lastly|also|"
    r"practically|specifically|overall|importantly|crucially|notably|still|yet|then)\s*,?\s+",
    re.I)
# A short frame before the clause ("In a disease context,", "At the level of genes,").
_FRAME = re.compile(
    r"^(?:in|at|on|for|from|under|within|as|during|after|before|by)\s[^,]{2,60},\s+", re.I)
_BECAUSE = re.compile(r"^(?P<x>.{8,}?),?\s+because\s+(?P<y>.{8,})$", re.I | re.S)
_LEADING_CAUSE = re.compile(
    r"^(?:because(?:\s+of)?|given(?:\s+that)?|since)\s+(?P<y>[^,]{8,}?),\s+(?P<x>.{8,})$",
    re.I | re.S)
# "X, since Y, does Z": the reason set between a subject and its verb.
_INSERTED_CAUSE = re.compile(
    r"^(?P<subject>[^,]{3,80}?),\s+(?:since|because)\s+(?P<y>[^,]{8,}),\s+"
    r"(?!(?:and|or|but|so|yet|which|who|while|whereas)\b)(?P<verb>.{8,})$",
    re.I | re.S)
_TRAILING_SINCE = re.compile(r"^(?P<x>.{8,}?),\s+since\s+(?P<y>.{8,})$", re.I | re.S)
_CONSEQUENCE = re.compile(
    r"^(?P<y>.{8,}?)(?:;|,)\s+(?:and\s+)?(?:thus|so(?!\s+(?:that|far|on|as)\b)|therefore|hence|"
    r"consequently),?\s+(?P<x>.{8,})$",
    re.I | re.S)
_CONCLUDING = re.compile(
    r"^(?:thus|therefore|hence|consequently|as a result|so),?\s+(?P<x>.{8,})$", re.I | re.S)
_CONCESSION = re.compile(r"^.*?,\s+(?:but|yet|although|though)\s+", re.I | re.S)
# "X, who is aligned with God": the relative clause says something of the name before it.
_RELATIVE = re.compile(r"^(?P<head>.+?),\s+(?:who|which)\s+(?P<rest>.+)$", re.S)
_NAME_RUN = re.compile(r"((?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*)$")
_NOUN_RUN = re.compile(r"\b((?:the|a|an)\s+(?:[\w'’-]+\s+){0,3}[\w'’-]+)$", re.I)
_DEFINES = re.compile(
    r"^(?P<x>.{2,}?)\s+(?:is|are|was|were)\s+(?:also\s+|often\s+|commonly\s+|sometimes\s+|"
    r"usually\s+)?(?:termed|called|known\s+as|referred\s+to\s+as|named|dubbed)\s+(?P<y>.+)$",
    re.I | re.S)
_DEFINED_AS = re.compile(
    r"^(?P<y>[^,]{2,60}?)(?:,\s+defined\s+as\s+(?P<x>[^,]{4,}?)(?:,|$)|"
    r"\s+(?:is|are)\s+defined\s+as\s+(?P<x2>.{4,})$)", re.I | re.S)
_REFERS = re.compile(r"^(?P<y>[^,]{2,60}?)\s+(?:refers?|referred)\s+to\s+(?P<x>.{4,})$",
                     re.I | re.S)
# Where a term ends: a citation, a clause or a second predicate begins.
_TERM_END = re.compile(r"\s*(?:\(|\[|,|;|:|\s(?:and|which|that|who|where|because|as)\s)", re.I)
_THE_TERM = re.compile(r"^the\s+(?:term|word|phrase|expression)\s+", re.I)
# A frame that states the condition a claim holds under, kept on its question: "Under a
# competitive labour market, why …?" (unless it points at text the card does not show).
_CONDITION = re.compile(r"^(?:under|within|in\s+(?:an?|the\s+case\s+of))\s"
                        r"(?![^,]*\b(?:this|that|these|those|such)\b)", re.I)
_BACK_REFERENCE = re.compile(r"^(?:this|that|these|those|it|they|such)\b", re.I)
_DANGLING_END = re.compile(
    r"\b(?:that many|that much|so many|so much|this|that|these|those|it|them|the same|"
    r"the former|the latter)\W*$", re.I)
_PRONOUN_START = re.compile(r"^why\s+\w+\s+(?:it|they|this|these|those|he|she|we|that)\b", re.I)
_THIS = re.compile(r"(\s)this\s+(?=[a-z])")
# "…is Jesus, who has the same objective as God — he …": a name introduced with what it does.
_NAMED_WHO = re.compile(
    r"^(?:[^,]*\b(?:is|was|are|were|have|had)\s+)(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})"
    r",\s+who\s+(?P<clause>[^—–;:,]+)")
# "There might be a few Luthers, but …, so there are not going to be that many": which many.
_FEW = re.compile(r"^there\s+(?:\w+\s+){0,2}?be\s+(?:a few|few|some|many|only a few)\s+"
                  r"(?P<what>[^,]+?),", re.I)
_TIME = re.compile(
    r"^(?:\d|then\b|the (?:\d|early|late|mid|start|end|beginning)|(?:january|february|march|"
    r"april|may|june|july|august|september|october|november|december)\b)", re.I)
_TRAILING = re.compile(r"[\s.;:,]+$")
_LISTED = re.compile(r"^(?:an?|the)\s+[^\s,]+(?:\s+[^\s,]+)?\s*,")
# "Monopsony: a labour market in which …": a term, a colon, and what it is.
_COLON_DEFINES = re.compile(r"^(?P<y>[^:;,()]{2,60}?)\s*:\s+(?P<x>(?:an?|the)\s+.{12,})$",
                            re.I | re.S)
# "the Kaitz index (the minimum wage divided by the median wage)": a term glossed in brackets;
# "the fuel deposition rate (FDR), the daily gain in body mass …": glossed after a comma, with
# no verb of its own after the gloss (else the term is a sentence's subject, see `precision`).
_BRACKET_GLOSS = re.compile(
    r"^(?:the\s+|an?\s+)?(?P<y>[^,;:()]{2,60}?)\s*\((?P<x>(?:an?|the)\s+[^()]{12,})\)$",
    re.I | re.S)
_COMMA_GLOSS = re.compile(
    r"^(?:the\s+|an?\s+)?(?P<y>[^,;:()]{2,60}?(?:\s*\([A-Z][\w&-]{1,9}\))?),\s+"
    r"(?P<x>(?:an?|the)\s+[^,;:()]{12,})$", re.S)
# "In order for X to be Y, it must have Z": what a goal requires.
_REQUIRES = re.compile(
    r"^in\s+order\s+(?P<goal>(?:for\s+[^,]{3,60}?\s+)?to\s+[^,]{3,80}),\s+(?P<subject>it|they|"
    r"we|you|(?:the|a|an|each|every)\s+[\w'’-]+(?:\s+[\w'’-]+)?)\s+(?P<modal>must|should|"
    r"needs?\s+to|ha(?:s|ve)\s+to)\s+(?P<verb>[a-z]+)\s+(?P<object>.{6,})$", re.I | re.S)
# A second consequence after the one asked about ("…, which is why Z", "… and so Z"), or the
# other side of a contrast ("…, whereas Z"): not part of what the reason explains.
_FURTHER = re.compile(
    r",\s+(?:which\s+is\s+why|whereas|which\s+(?:made|makes|make|allowed|allows|enabled|"
    r"enables|meant|means|led|leads))\s+|,?\s+and\s+so\s+(?!that\b)", re.I)
# What follows a reason but does not give it: "…already afloat, but they exert a force …".
_BUT = re.compile(r",\s+(?:but|yet)\s+", re.I)
_PRONOUN = re.compile(r"\b(?:it|its|they|them|their|he|him|his|she|her)\b", re.I)
# A citation a question leaves off: "(Robinson 1933; Manning 2003)", "[12]".
_CITED = re.compile(r"\s*(?:\([^()]*\b(?:1[5-9]|20)\d\d[a-z]?\b[^()]*\)|\[\d+(?:[,–-]\s*\d+)*\])")
# A formula a sentence names: "The area-under-the-curve ratio, AUCR = AUC(…) / AUC(…), …".
_NAMED_FORMULA = re.compile(
    r"^(?:the\s+|an?\s+)?(?P<name>[^,;:()=]{3,60}?),\s+(?P<formula>(?P<symbol>[^\s,=]{1,12})\s*=\s*"
    r"[^,;]{3,}?),\s+", re.I | re.S)


@dataclass(frozen=True, slots=True)
class Asked:
    """A question a sentence answers, and its answer, both as plain text."""

    kind: str
    """"why" (a reason) or "what" (a defined term)."""
    question: str
    answer: str
    uses: tuple[int, ...] = ()
    """Indexes of the earlier sentences of the highlight that the answer is made of."""


def ask(sentences: Sequence[str], index: int) -> Asked | None:
    """The question sentence number `index` of a highlight answers, if it states one."""
    sentence = sentences[index]
    return (_reason(sentences, index) or _definition(sentences, index) or _glossed(sentence)
            or _formula(sentence) or _required(sentence) or _who(sentence))


def _required(sentence: str) -> Asked | None:
    """"In order for a model to be aligned, it must have a good model of the world" → "In
    order for a model to be aligned, what must it have?" / what it must have."""
    match = _REQUIRES.match(_unstopped(sentence))
    if match is None:
        return None
    subject = match["subject"]
    subject = subject if subject.isupper() else subject[:1].lower() + subject[1:]
    question = f"In order {match['goal']}, what {match['modal']} {subject} {match['verb']}?"
    return Asked("what", question, _capitalised(match["object"]) + ".")


def _glossed(sentence: str) -> Asked | None:
    """"Monopsony: a labour market in which …", "the Kaitz index (the minimum wage divided by
    …)", "the fuel deposition rate (FDR), the daily gain in …" → "What is <term>?" / the gloss.
    The term is a short name (`glossary.term_of`), the gloss a noun phrase saying what it is."""
    text = _unstopped(sentence)
    match = (_COLON_DEFINES.match(text) or _BRACKET_GLOSS.match(text)
             or _COMMA_GLOSS.match(text))
    if match is None or _LISTED.search(match["x"]):
        return None  # "four themes: the Anatolikon, the Armeniakon, …": a list, not a gloss
    found = term_of(match["y"])
    if found is None or not match["y"].strip()[:1].isalpha():
        return None
    term = found.shown
    first, _, rest = term.partition(" ")
    if first[:1].isupper() and first[1:].islower() and is_ordinary(first.lower()):
        term = " ".join(filter(None, [first.lower(), rest]))  # "Monopsony: …"
    article = "the " if text[:4].lower() == "the " else ""
    return Asked("what", f"What is {article}{term}?", _capitalised(_ended(match["x"])))


def _formula(sentence: str) -> Asked | None:
    """"The area-under-the-curve ratio, AUCR = AUC(with inhibitor) / AUC(alone), classifies …"
    → "Formula of the area-under-the-curve ratio (AUCR)?" / the formula."""
    match = _NAMED_FORMULA.match(_unstopped(sentence))
    if match is None or term_of(match["name"]) is None:
        return None
    article = "the " if sentence[:4].lower() == "the " else ""
    return Asked("formula", f"Formula of {article}{match['name'].strip()} ({match['symbol']})?",
                 match["formula"].strip())


def _ended(text: str) -> str:
    """An answer's text, a word the selection cut at its end shown as "…"."""
    text = _TRAILING.sub("", text.strip())
    last = text.rsplit(" ", 1)[-1]
    if may_be_cut(last, at_start=False):
        return text[: -len(last)].rstrip() + "…"
    return text + "."


def _who(sentence: str) -> Asked | None:
    """"One such person is Jesus, who has the same objective as God" → "Who has …?" / Jesus."""
    match = _NAMED_WHO.match(_unstopped(sentence))
    if match is None or len(match["clause"].split()) < 3:
        return None
    clause = _TRAILING.sub("", match["clause"])
    return Asked("who", f"Who {clause}?", match["name"] + ".")


def _reason(sentences: Sequence[str], index: int) -> Asked | None:
    """"X because Y", "Given that Y, X", "X, since Y", "Y; thus X" → "Why X?" / Y."""
    sentence = _unstopped(sentences[index])
    bare = _strip_openers(sentence)
    concluded = _CONCLUDING.match(bare)
    if concluded and index > 0:
        uses = tuple(range(max(0, index - 2), index))
        answer = " ".join(sentences[i] for i in uses)
        return _why(concluded["x"], answer, uses)
    inserted = _INSERTED_CAUSE.match(bare)
    if (inserted is not None and not _TIME.match(inserted["y"])
            and claim_to_question(inserted["subject"]) is None):  # a subject, not a clause
        found = _why(f"{inserted['subject']} {inserted['verb']}", inserted["y"], ())
        if found is not None:
            return found
    for pattern in (_LEADING_CAUSE, _BECAUSE, _TRAILING_SINCE, _CONSEQUENCE):
        match = pattern.match(bare)
        if match is None:
            continue
        cause = _CONCESSION.sub("", match["y"]) if pattern is _CONSEQUENCE else match["y"]
        effect = _FURTHER.split(match["x"], maxsplit=1)[0]
        cause = _BUT.split(cause, maxsplit=1)[0]
        if pattern is _LEADING_CAUSE:
            effect = _named_subject(effect, cause)
        few = _FEW.match(bare)
        if pattern is _CONSEQUENCE and few and re.search(r"\bthat many\W*$", effect):
            effect = re.sub(r"\bthat many(\W*)$", rf"many {few['what']}\1", effect)
        if _TIME.match(cause) and pattern in (_LEADING_CAUSE, _TRAILING_SINCE):
            return None  # "Since 1990, …", "since then": a time, not a reason
        found = _why(effect, cause, ())
        if found is not None:
            return found
    return None


def _named_subject(effect: str, cause: str) -> str:
    """"Because the compass needs light, it fails in darkness": the effect with its "it" or
    "they" named by the cause's subject, when no other pronoun in it would be left unnamed."""
    first, _, rest = effect.partition(" ")
    if first.lower() not in {"it", "they"} or _PRONOUN.search(rest):
        return effect
    subject = subject_of(_strip_openers(cause), "sg" if first.lower() == "it" else "pl")
    return f"{subject} {rest}" if subject else effect


def _why(effect: str, cause: str, uses: tuple[int, ...]) -> Asked | None:
    """The "Why …?" question for an effect clause, or None if it would not stand alone."""
    effect, cause = _CITED.sub("", effect), _CITED.sub("", cause)
    bare = _strip_openers(effect.strip())
    frame = _FRAME.match(bare)
    effect = _strip_frame(_resolve_relative(bare))
    if may_be_cut(effect.split(" ", 1)[0], at_start=True):
        return None  # "ites were thought to …": the selection cut the subject
    question = claim_to_question(effect)
    if question is not None and frame and _CONDITION.match(frame[0]):
        question = f"{frame[0].strip()} {question[:1].lower()}{question[1:]}"  # "Under X, why …"
    if question is None or _DANGLING_END.search(question[:-1]) or _PRONOUN_START.match(question):
        return None
    question = _THIS.sub(r"\1the ", question)  # "this pointer": the card shows no earlier one
    answer = _TRAILING.sub("", cause.strip())
    if len(answer.split()) < 2:
        return None
    if answer.lower().startswith("of "):  # "because of substitution bias"
        answer = "because " + answer
    last = answer.rsplit(" ", 1)[-1]
    if last.isalpha() and is_cut_word(last, at_start=False):  # the selection cut it: "autophag"
        answer = answer[: -len(last)] + "…"
        return Asked("why", question, _capitalised(answer), uses)
    return Asked("why", question, _capitalised(answer) + ".", uses)


def _resolve_relative(clause: str) -> str:
    """"…is Martin Luther, who is aligned with God" → "Martin Luther is aligned with God"."""
    match = _RELATIVE.match(clause)
    if match is None:
        return clause
    head = match["head"].strip()
    found = _NAME_RUN.search(head) or _NOUN_RUN.search(head)
    if found is None:
        return clause
    return f"{found.group(1)} {match['rest']}"


def _definition(sentences: Sequence[str], index: int) -> Asked | None:
    """"X is termed Y", "Y, defined as X", "Y refers to X" → "What is Y?" / X."""
    sentence = _unstopped(sentences[index])
    match = _DEFINES.match(sentence)
    if match is not None:
        meaning, term = match["x"], match["y"]
    else:
        match = _DEFINED_AS.match(sentence) or _REFERS.match(sentence)
        if match is None:
            return None
        meaning, term = match.groupdict().get("x2") or match["x"], match["y"]
    frame = _FRAME.match(_strip_openers(meaning))
    meaning = _strip_openers(meaning)[frame.end() :] if frame else _strip_openers(meaning)
    term = _TERM_END.split(_strip_openers(term), maxsplit=1)[0].strip(" .")
    term = _THE_TERM.sub("", term)
    if not term or len(term.split()) > 6:
        return None
    uses: tuple[int, ...] = ()
    if _BACK_REFERENCE.match(meaning) and len(meaning.split()) <= 2:
        if index == 0:
            return None  # "this is termed X" with what "this" is outside the highlight
        # The sentence before is the meaning: without its frame, so the answer is the idea.
        uses, meaning = (index - 1,), _strip_frame(_unstopped(sentences[index - 1]))
    elif len(meaning.split()) < 2 and match.re is _DEFINES:
        return None
    where = f"{frame.group(0).strip().rstrip(',')}, " if frame else ""
    first, _, rest = term.partition(" ")
    if first[:1].isupper() and first[1:].islower() and is_ordinary(first.lower()):
        term = " ".join(filter(None, [first.lower(), rest]))  # "Heteroskedasticity refers to"
    question = f"{where}what is {term}?" if where else f"What is {term}?"
    # A citation in the meaning is no part of what is learnt (it stays on the back).
    meaning = _TRAILING.sub("", strip_references(meaning))
    return Asked("what", _capitalised(question), _capitalised(meaning) + ".", uses)


def _strip_frame(text: str) -> str:
    """Text without its openers and a short frame before the clause ("as a result of X, …")."""
    text = _strip_openers(text)
    frame = _FRAME.match(text)
    return _strip_openers(text[frame.end() :]) if frame else text


def _strip_openers(text: str) -> str:
    """Text without discourse markers at its start ("However, Finally, …")."""
    previous = None
    while previous != text:
        previous, text = text, _OPENER.sub("", text, count=1)
    return text


def _unstopped(text: str) -> str:
    """A sentence without its final punctuation."""
    return _TRAILING.sub("", text.strip())


def _capitalised(text: str) -> str:
    """Text with its first letter upper case."""
    return text[:1].upper() + text[1:]
