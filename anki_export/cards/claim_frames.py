"""The claim inside a highlighted sentence, without the frames around it.

Input: a claim's text. Output: the claim without its trailing punctuation, discourse markers
("Thus,") and reporting frames ("we argue that", "it seems that"), or None unless a single
statement remains.
"""

from __future__ import annotations

import re
from functools import cache

from anki_export.language.lexicon import all_inflections

_TRAILING_RE = re.compile(r"[\s.!;:,…\"“”]+$")
_LEADING_RE = re.compile(r"^[\s\"“”]+")
_MULTI_SENTENCE_RE = re.compile(r"[.!?][\"”')\]]*\s+\S|[?;]")
# Discourse markers carry no content and would end up inside the question.
_MARKER_RE = re.compile(
    r"^(?:thus|therefore|hence|however|moreover|furthermore|indeed|overall|importantly|"
    r"crucially|consequently|in general|in fact|in short|in other words|in particular|"
    r"in this sense|specifically|notably|finally|first|second|third|so)\s*,?\s+",
    re.IGNORECASE,
)
# Reporting frames ("we argue that", "the authors claim that") wrap the claim itself.
_REPORT_VERBS = (
    "argue claim think believe show suggest find conclude note propose contend assert maintain "
    "demonstrate hypothesize hypothesise expect predict suspect observe report state posit know "
    "realize realise mean"
)
_IMPERSONAL_RE = re.compile(
    r"^it\s+(?:is|was|seems|seemed|appears|appeared)\s+(?:[a-z-]+\s+){0,2}?that\s+", re.I
)
_BARE_REPORT_RE = re.compile(r"^(?:I|we)\s+(?:think|believe|suspect|argue|claim)\s+", re.I)


@cache
def _frames() -> tuple[re.Pattern[str], ...]:
    """The frames around a claim, outermost first; built on first use, as the reporting verbs'
    forms come from lemminflect, which takes a while to load."""
    forms = {
        form
        for verb in _REPORT_VERBS.split()
        for verb_forms in all_inflections(verb, "VERB").values()
        for form in verb_forms
    }
    report = re.compile(
        rf"^(?:[a-z][\w.'\u2019-]*\s+){{1,4}}?(?:{'|'.join(sorted(forms))})\s+that\s+", re.I
    )
    return (_MARKER_RE, report, _IMPERSONAL_RE, _BARE_REPORT_RE)


def unframed(claim: str) -> str | None:
    """Trim punctuation and reporting frames; None unless a single statement remains."""
    text = _LEADING_RE.sub("", _TRAILING_RE.sub("", " ".join(claim.split())))
    if not text or _MULTI_SENTENCE_RE.search(text):
        return None
    for _ in range(3):  # frames can stack: "Thus, we argue that …"
        for pattern in _frames():
            text = pattern.sub("", text, count=1)
    return text
