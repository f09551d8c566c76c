"""Judging cards as a reader would: what makes a learner delete a card.

Input: the cards of one source as the learner sees them (`shown.Shown`: front, hidden answer,
back) and the source's title and citekey. Output: `shown.Verdict`s, each naming one of five
patterns and the reason. The door is `judge.judge`; each module reads one part of the card for
one or two patterns (`standalone`, `fragments`, `damage`, `edges`: does the front stand alone;
`guessable`, `contrasts`, `slots`: is the answer given; `empty`, `clauses`, `constituents`: is
the hidden thing an idea and a phrase; `references`, `side_numbers`, `trailing`, `eponyms`: a
reference, a number, a setting or a name without its point, or an answer in another language;
`lists`: one answer only). The judge reads only the text a learner reads, never how the card
rules chose it, so it can disagree with the rules.
"""
