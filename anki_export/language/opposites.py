"""Words that name the two ends of one scale or the two sides of one distinction.

Input: one lowercase word. Output: the words that are its opposite ("inner" -> "outer",
"necessary" -> "sufficient"). A short closed list of pairs any reader knows, not a thesaurus:
a two-sided contrast with one side shown leaves the learner only the other to say.
"""

from __future__ import annotations

_PAIRS = """positive negative; necessary sufficient; inner outer; upper lower; dark light;
early late; earlier later; high low; higher lower; increase decrease; increases decreases;
increased decreased; rise fall; rises falls; more less; more fewer; strong weak;
stronger weaker; short long; shorter longer; small large; smaller larger; fast slow;
faster slower; direct indirect; internal external; maximum minimum; major minor; warm cold;
hot cold; wet dry; gain loss; gains losses; input output; first last; north south; east west;
benign malignant; acute chronic; dominant recessive; excitatory inhibitory; innate adaptive;
top bottom; rich poor; young old; ancient modern; explicit implicit; qualitative quantitative;
analog digital; linear nonlinear; stable unstable; concave convex; proximal distal;
anterior posterior; dorsal ventral; above below; inside outside; supply demand; present absent;
presence absence; deep shallow; thick thin; wide narrow; success failure; import export;
imports exports; rural urban; male female; majority minority; upward downward;
upstream downstream; inflow outflow; uphill downhill; ascending descending; active passive;
voluntary involuntary; formal informal; public private; absolute relative; static dynamic"""


def _table() -> dict[str, frozenset[str]]:
    """Each word of a pair, mapped to its other side(s)."""
    sides: dict[str, set[str]] = {}
    for pair in _PAIRS.split(";"):
        one, other = pair.split()
        sides.setdefault(one, set()).add(other)
        sides.setdefault(other, set()).add(one)
    return {word: frozenset(others) for word, others in sides.items()}


_OPPOSITES = _table()


def opposites(lower: str) -> frozenset[str]:
    """The words naming the other end or side of what `lower` names (empty if none is known)."""
    return _OPPOSITES.get(lower, frozenset())
