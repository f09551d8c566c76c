"""Train a logistic scorer of general card features on the graded cards, and measure it.

Usage: python scripts/train_scorer.py [--held-out FOLDER]

Training sets: every graded card `tests/cards/test_judge_grades.py` reads (the example, the real
notes when `../shared/real-notes` is there, `tests/fixtures/judged/` in both rule versions,
`tests/fixtures/judged-0.5/`), labelled bad (1) or not (good or weak, 0). Features: the general
facts of `card_features` below (lengths, word rarity, where the gap sits, what the answer
shares with the front, the title and the note's other fronts), standardised; the variant
`scorer+hand` adds one feature per pattern the hand-written judge finds. The fit is
L2-regularised logistic regression by Newton's method (deterministic, no random start). The
threshold is chosen by leave-one-note-out cross-validation on the training sets only: the lowest
whose out-of-fold false flags of good cards stay within 10%. `--held-out` then measures, once,
the hand checks, the scorer and either of the two on a folder of graded notes (tried on
`tests/fixtures/judged-0.6/`, not shipped: see its README).
"""

from __future__ import annotations

import math
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from anki_export.cards.judging.shown import (  # noqa: E402
    GAP,
    PATTERNS,
    Shown,
    Source,
    content_words,
    name_words,
    same_word,
    visible,
    words,
)
from anki_export.language.words import COPULAS, MODALS, is_cut_word, word_info  # noqa: E402
from tests.cards.graded_sets import Graded, all_graded, judged_fixture  # noqa: E402

L2 = 10.0  # chosen by leave-one-note-out among 0.1, 1, 10, 50 (recall at 10% good flags)
MAX_GOOD_FLAGGED = 0.10
NEWTON_STEPS = 25

_FINITE = frozenset({"VBZ", "VBD", "VBP"})
_QUESTION_WORDS = frozenset({"what", "why", "how", "which", "who", "when", "where", "whom"})
_ENDS = (".", "?", "!", ":", ";", ")", "]", '"', "”", "'")

# Each feature with what it says, for a verdict that names the facts behind a high score.
FEATURES: dict[str, str] = {
    "cloze": "a cloze, not a question",
    "front_words": "a long front",
    "answer_words": "a long answer",
    "answer_no_content": "an answer without a content word",
    "answer_min_zipf": "a common word in the answer",
    "answer_mean_zipf": "common words in the answer",
    "answer_digits": "a number in the answer",
    "answer_one_common_word": "a single common word as the answer",
    "answer_on_front": "answer words also on the front",
    "answer_in_title": "answer words also in the title",
    "answer_on_other_fronts": "answer words also on the note's other fronts",
    "answer_capitalised": "a capitalised answer",
    "front_content_words": "many content words left on the front",
    "front_finite_verb": "a front without a finite verb",
    "front_lowercase_start": "a front that starts in lowercase",
    "front_no_end": "a front that ends without punctuation",
    "gap_start": "the gap at the start of the front",
    "gap_end": "the gap at the end of the front",
    "gap_position": "the gap late in the front",
    "answer_share": "an answer that is much of the text",
    "siblings": "other cards from the same highlight",
    "back_adds": "a back that adds text",
    "answer_not_noun": "an answer that is no noun (an adjective, verb or adverb)",
    "answer_edge_stopword": "an answer that starts or ends on a stopword",
    "question_word": "a question that opens with a question word",
    "front_cut_word": "a front that starts or ends inside a word",
}


def card_features(card: Shown, cards: Sequence[Shown], source: Source) -> dict[str, float]:
    """The general facts of one card among its source's cards."""
    before, after = visible(card.front)
    outside = f"{before} {after}"
    answer_words = words(card.answer)
    answer_content = content_words(card.answer)
    zipfs = [word_info(w.lower()).zipf for w in answer_content if w.isalpha()] or [0.0]
    front_words = words(outside)
    names = name_words(source)
    other_fronts = [w for other in cards if other is not card and other.line != card.line
                    for w in content_words(other.front.replace(GAP, " "))]
    length = len(before) + len(after) or 1
    end = outside.rstrip()
    return {
        "cloze": float(card.kind == "cloze"),
        "front_words": math.log1p(len(front_words)),
        "answer_words": math.log1p(len(answer_words)),
        "answer_no_content": float(not answer_content),
        "answer_min_zipf": min(zipfs),
        "answer_mean_zipf": sum(zipfs) / len(zipfs),
        "answer_digits": float(any(c.isdigit() for c in card.answer)),
        "answer_one_common_word": float(
            len(answer_words) == 1 and word_info(answer_words[0].lower()).zipf >= 4.0),
        "answer_on_front": _share(answer_content, content_words(outside)),
        "answer_in_title": _share(answer_content, names),
        "answer_on_other_fronts": _share(answer_content, other_fronts),
        "answer_capitalised": float(bool(answer_words) and answer_words[0][:1].isupper()
                                    and bool(before.strip())),
        "front_content_words": math.log1p(len(content_words(outside))),
        "front_finite_verb": float(not any(_is_finite(w) for w in front_words)),
        "front_lowercase_start": float(outside.lstrip()[:1].islower()),
        "front_no_end": float(not end.endswith(_ENDS)) if not card.front.rstrip().endswith(GAP)
        else 0.0,
        "gap_start": float(card.kind == "cloze" and not before.strip()),
        "gap_end": float(card.kind == "cloze" and not after.strip(" .")),
        "gap_position": len(before) / length if card.kind == "cloze" else 0.0,
        "answer_share": len(card.answer) / (len(card.answer) + length),
        "siblings": math.log1p(sum(1 for o in cards if o is not card and o.line == card.line)),
        "back_adds": float(bool(card.back.strip())),
        "answer_not_noun": float(bool(answer_words) and not _nounish(answer_words[-1])),
        "answer_edge_stopword": float(bool(answer_words) and (
            word_info(answer_words[0].lower()).stop or word_info(answer_words[-1].lower()).stop)),
        "question_word": float(card.kind == "qa" and bool(front_words)
                               and front_words[0].lower() in _QUESTION_WORDS),
        "front_cut_word": float(bool(front_words) and (
            is_cut_word(front_words[0], True) or is_cut_word(front_words[-1], False))),
    }


def _share(answer: Sequence[str], elsewhere: Sequence[str]) -> float:
    """The share of the answer's content words that appear, in some form, elsewhere."""
    if not answer:
        return 0.0
    found = sum(1 for a in answer if any(same_word(a, e) for e in elsewhere))
    return found / len(answer)


def _nounish(word: str) -> bool:
    """Whether a word can head a noun phrase (names and unknown words count)."""
    info = word_info(word.lower())
    return word[:1].isupper() or any(c.isdigit() for c in word) or info.nounish


def _is_finite(word: str) -> bool:
    """Whether a word can be a finite verb ("is", "favors", "rose")."""
    lower = word.lower()
    return lower in COPULAS or lower in MODALS or bool(word_info(lower).forms & _FINITE)


Row = tuple[list[float], int]
Scorer = Callable[[list[float]], float]


def rows(graded: Sequence[Graded], hand: bool) -> tuple[list[str], list[Row], list[str]]:
    """Feature names, (features, label) rows and each row's note, for graded cards judged
    together with the other graded cards of their source."""
    by_source: dict[tuple[str, str], list[Graded]] = {}
    for g in graded:
        by_source.setdefault((g.name, g.source.title), []).append(g)
    names: list[str] = []
    table: list[Row] = []
    notes: list[str] = []
    for (name, title), group in by_source.items():
        cards = [g.card for g in group]
        for g in group:
            facts = card_features(g.card, cards, g.source)
            if hand:
                found = {v.pattern for v in g.verdicts}
                facts |= {f"hand_{p}": float(p in found) for p in PATTERNS}
            names = list(facts)
            table.append(([facts[n] for n in names], int(g.grade == "bad")))
            notes.append(title if name == "real-notes" else g.note)
    return names, table, notes


def fit(table: Sequence[Row]) -> tuple[list[float], list[float], list[float]]:
    """Means, scales and weights (bias last) of a logistic fit to the rows."""
    width = len(table[0][0])
    means = [sum(x[j] for x, _ in table) / len(table) for j in range(width)]
    scales = [math.sqrt(sum((x[j] - means[j]) ** 2 for x, _ in table) / len(table)) or 1.0
              for j in range(width)]
    data = [([(v - m) / s for v, m, s in zip(x, means, scales, strict=True)] + [1.0], y)
            for x, y in table]
    w = [0.0] * (width + 1)
    for _ in range(NEWTON_STEPS):
        grad = [L2 * wj for wj in w[:-1]] + [0.0]
        hess = [[(L2 if i == j and i < width else 0.0) for j in range(width + 1)]
                for i in range(width + 1)]
        for z, y in data:
            p = _sigmoid(sum(a * b for a, b in zip(w, z, strict=True)))
            for i in range(width + 1):
                grad[i] += (p - y) * z[i]
                pz = p * (1 - p) * z[i]
                row = hess[i]
                for j in range(width + 1):
                    row[j] += pz * z[j]
        step = _solve(hess, grad)
        w = [a - b for a, b in zip(w, step, strict=True)]
    return means, scales, w


def scorer(means: Sequence[float], scales: Sequence[float], w: Sequence[float]) -> Scorer:
    """The probability of bad the fit gives a feature row."""
    def score(x: list[float]) -> float:
        z = [(v - m) / s for v, m, s in zip(x, means, scales, strict=True)] + [1.0]
        return _sigmoid(sum(a * b for a, b in zip(w, z, strict=True)))
    return score


def leave_one_note_out(table: Sequence[Row], notes: Sequence[str]) -> list[float]:
    """Each row's score from a fit to every other note's rows."""
    scores = [0.0] * len(table)
    for note in sorted(set(notes)):
        train = [r for r, n in zip(table, notes, strict=True) if n != note]
        score = scorer(*fit(train))
        for i, (r, n) in enumerate(zip(table, notes, strict=True)):
            if n == note:
                scores[i] = score(r[0])
    return scores


def threshold(scores: Sequence[float], grades: Sequence[str], flagged: Sequence[bool]) -> float:
    """The lowest threshold whose flags (with `flagged` cards always flagged) keep good cards'
    false flags within the limit."""
    goods = sum(1 for g in grades if g == "good")
    for t in [*sorted({round(s, 4) for s in scores}), 1.0]:
        false = sum(1 for s, g, f in zip(scores, grades, flagged, strict=True)
                    if g == "good" and (s >= t or f))
        if false <= MAX_GOOD_FLAGGED * goods:
            return t
    return 1.0


def figures(name: str, grades: Sequence[str], flags: Sequence[bool]) -> str:
    """One line: bad, good and weak cards flagged."""
    parts = []
    for grade in ("bad", "good", "weak"):
        total = sum(1 for g in grades if g == grade)
        hit = sum(1 for g, f in zip(grades, flags, strict=True) if g == grade and f)
        parts.append(f"{grade} {hit}/{total} ({100 * hit / max(total, 1):.0f}%)")
    return f"{name:<34} " + ", ".join(parts)


def main(argv: list[str]) -> None:
    held_out = Path(argv[argv.index("--held-out") + 1]) if "--held-out" in argv else None
    with tempfile.TemporaryDirectory() as states:
        graded = all_graded(Path(states))
    grades = [g.grade for g in _in_row_order(graded)]
    hand = [bool(g.verdicts) for g in _in_row_order(graded)]
    print(f"training: {len(graded)} cards, {len(set(rows(graded, False)[2]))} notes")
    print(figures("hand checks (tuned on these)", grades, hand))
    fitted = {}
    for variant in (False, True):
        label = "scorer+hand" if variant else "scorer"
        names, table, notes = rows(graded, variant)
        oof = leave_one_note_out(table, notes)
        alone = threshold(oof, grades, [False] * len(oof))
        either = threshold(oof, grades, hand)
        print(figures(f"LONO {label} (t={alone})", grades, [s >= alone for s in oof]))
        print(figures(f"LONO hand OR {label} (t={either})", grades,
                      [s >= either or h for s, h in zip(oof, hand, strict=True)]))
        fitted[variant] = (names, fit(table), alone, either)
    if held_out:
        test = [c for p in sorted(held_out.glob("*.grades*.json")) for c in judged_fixture(p)]
        t_grades = [g.grade for g in _in_row_order(test)]
        t_hand = [bool(g.verdicts) for g in _in_row_order(test)]
        print(f"\nheld out {held_out.name}: {len(test)} cards")
        print(figures("hand checks", t_grades, t_hand))
        for variant, (_, params, alone, either) in fitted.items():
            label = "scorer+hand" if variant else "scorer"
            score = scorer(*params)
            s = [score(x) for x, _ in rows(test, variant)[1]]
            print(figures(f"{label} (t={alone})", t_grades, [v >= alone for v in s]))
            print(figures(f"hand OR {label} (t={either})", t_grades,
                          [v >= either or h for v, h in zip(s, t_hand, strict=True)]))


def _in_row_order(graded: Sequence[Graded]) -> list[Graded]:
    """The graded cards in the order `rows` lists them (grouped by source)."""
    by_source: dict[tuple[str, str], list[Graded]] = {}
    for g in graded:
        by_source.setdefault((g.name, g.source.title), []).append(g)
    return [g for group in by_source.values() for g in group]


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x)) if x >= 0 else math.exp(x) / (1 + math.exp(x))


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """x with a·x = b, by Gaussian elimination with partial pivoting."""
    n = len(b)
    m = [[*row, b[i]] for i, row in enumerate(a)]
    for c in range(n):
        pivot = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[pivot] = m[pivot], m[c]
        for r in range(c + 1, n):
            f = m[r][c] / m[c][c]
            for k in range(c, n + 1):
                m[r][k] -= f * m[c][k]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (m[r][n] - sum(m[r][k] * x[k] for k in range(r + 1, n))) / m[r][r]
    return x


if __name__ == "__main__":
    main(sys.argv[1:])
