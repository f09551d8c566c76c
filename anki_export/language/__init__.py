"""Language: the English helpers the card rules use, with no knowledge of notes or cards.

Takes plain text; gives tokens (`tokens`), sentences (`sentences`, with `segmenter` making
pysbd cheaper), word facts (`words`, `lexicon`, `capitals`: how rare a word is, whether it is a
name), verb forms (`verbs`) and noun and verb phrases (`phrases`). Entry points:
`sentences.split_sentences`, `tokens.tokenize` and `words.word_info`. The word libraries load on
first use, so importing this package costs nothing.
"""
