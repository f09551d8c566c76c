"""Judging cards as a reader would: what makes a learner delete a card.

Input: the cards of one source as the learner sees them (`shown.Shown`: front, hidden answer,
back) and the source's title and citekey. Output: `shown.Verdict`s, each naming one of five
patterns and the reason. The door is `judge.judge`; each pattern has its own module. The judge
reads only the text a learner reads, never how the card rules chose it, so it can disagree
with the rules.
"""
