"""Tests for anki_export.clozes: choosing what a cloze card hides."""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from anki_export.cards.clozes import Span, choose_targets, source_vocabulary
from anki_export.cards.targets import names
from anki_export.language.tokens import tokenize
from anki_export.language.words import is_stopword

FFFD = "\ufffd"


def hidden(text: str, vocabulary: frozenset[str] = frozenset()) -> list[str]:
    """The texts that choose_targets hides, most important first."""
    return [text[s.start : s.end] for s in choose_targets(text, vocabulary)]


# The example note's highlights, as repaired (tests/fixtures/DoesSGDProduce.annotations.json),
# with what the card should hide first.
EXAMPLE_NOTE = [
    ("internally aligned models are highly improbable.", "highly improbable"),
    ("corrigibly aligned models are also highly improbable", "highly improbable"),
    ("deceptively aligned models are likely to be more numerous", "more numerous"),
    ("we argue that SGD systematically favors deceptive alignment.", "deceptive alignment"),
    (
        "SGD will take a large number of training steps to converge to an internally aligned "
        "model.",
        "a large number of training steps",
    ),
    (
        "SGD will take a large number of steps to converge to a corrigible model.",
        "a large number of steps",
    ),
    (
        "how likely deceptive models are to result from a particular training process",
        "a particular training process",
    ),
    (
        "A model becoming marginally more deceptive will marginally lower the training loss. A "
        "model that learns marginally more about the training process seems like it should get "
        "marginally more deceptive",
        "training loss",
    ),
    (
        "Only a small number of objectives a model could have are equal to the base objective",
        "the base objective",  # "equal to" only names the relation; what it relates to is asked
    ),
    (
        "Out of all possible pointers, there are only very few pointers that robustly point at a "
        "model of the base objective",
        "very few pointers",
    ),
    (
        "Because of instrumental convergence, there are many objectives that result in the model "
        "optimizing for the base objective.",
        "many objectives",
    ),
    (
        "Since this pointer is built at runtime instead of by SGD, there might be more "
        "optimization power put into making this pointer robust",
        "more optimization power",
    ),
    (
        "Thus the marginal increase in deception might result in more optimization pressure "
        "being applied to building a robust pointer, causing SGD to favor deceptive alignment.",
        "more optimization pressure",
    ),
    (
        "In order for a model to be internally aligned, it must have a good model of the world, "
        "which is an approximately sufficient condition for deception.",
        "a good model of the world",
    ),
    (
        "n order for a model to be corrigibly aligned, it must have a good model of the base "
        "objective, which is also an approximately sufficient condition for deception.",
        "a good model",
    ),
    (
        "To be explicitly, Jesus is internally aligned, Martin Luther is corrigibly aligned, and "
        "Blaise Pascal is deceptively aligned",
        "internally aligned",
    ),
    (
        "In general, \u201cmodel the world better\u201d is a very natural modification for SGD to "
        "make to the model.",
        "model the world better",
    ),
    (
        "Gradient hacking is a strategy that a deceptively aligned model could use to preserve "
        "its current objective.",
        "Gradient hacking",
    ),
    (
        f"Gradient hacking{FFFD} is a strategy that a deceptively aligned model could use to "
        "preserve its current objective.",
        "Gradient hacking",
    ),
    ("this episode of the AI Alignment Podcas", "AI Alignment Podcas"),
    (
        "As an analogy, we can consider the Christian God, who is trying to produce humans that "
        "are aligned with his values. One such person is Jesus, who has the same objective as God.",
        "Christian God",
    ),
    # "deceptive" also ends the opening clause, so hiding the predicate would show the answer.
    (
        "Given that a random model that optimizes for the base objective is likely to be "
        "deceptive, the default expectation is that the model that SGD converges to is deceptive.",
        "SGD",
    ),
]

DOMAINS = [
    # biology
    ("Mitochondria are highly abundant in cardiac muscle cells.", "highly abundant"),
    ("The mitochondrion is an organelle that produces most of the cell's ATP.", "mitochondrion"),
    (
        "Photosynthesis, the process by which plants convert light into chemical energy, takes "
        "place in chloroplasts.",
        "Photosynthesis",
    ),
    (
        "The human genome contains approximately 20,000 protein-coding genes.",
        "20,000 protein-coding genes",
    ),
    ("This process is called apoptosis.", "apoptosis"),
    ("Antibiotics are not effective against viruses.", "effective"),
    ("Antibiotics do not kill viruses.", "viruses"),
    # history
    ("The Treaty of Westphalia was signed in 1648.", "1648"),
    ("Napoleon was crowned Emperor of the French in 1804.", "Emperor of the French"),
    (
        "The Roman Republic was replaced by the Roman Empire after Augustus took power.",
        "Roman Empire",
    ),
    (
        "The Black Death killed roughly a third of Europe's population between 1347 and 1351.",
        "a third of Europe's population",
    ),
    ("The Magna Carta was sealed by King John in 1215 at Runnymede.", "King John"),
    ("The printing press made books dramatically cheaper.", "dramatically cheaper"),
    # computing
    ("A hash table is a data structure that maps keys to values.", "hash table"),
    ("Quicksort has an average time complexity of O(n log n).", "an average time complexity"),
    ("The Linux kernel is written mostly in C.", "C"),
    ("TCP guarantees that packets arrive in order.", "TCP"),
    ("Deep learning refers to neural networks with many layers.", "Deep learning"),
    ("Entropy is defined as the expected information content of a message.", "Entropy"),
    ("Transistors are much smaller than vacuum tubes.", "much smaller"),
    # economics
    ("Inflation is likely to remain elevated through next year.", "elevated"),
    ("Monopsony refers to a market with a single buyer.", "Monopsony"),
    ("Higher minimum wages may reduce employment among teenagers.", "employment"),
    ("GDP grew by 2.3% in 2023, driven mainly by consumer spending.", "2.3%"),
    ("Adam Smith argued that the division of labour raises productivity.", "productivity"),
    # law
    ("Consideration is a necessary element of a valid contract.", "Consideration"),
    ("The plaintiff must prove negligence by a preponderance of the evidence.", "negligence"),
    (
        "Habeas corpus, a writ requiring a person to be brought before a judge, protects against "
        "unlawful detention.",
        "Habeas corpus",
    ),
    ("A tort is a civil wrong that causes a claimant to suffer loss or harm.", "tort"),
    ("The statute of limitations for breach of contract is six years in England.", "six years"),
    ("A contract is void if it is illegal.", "void"),
]


@pytest.mark.parametrize(("text", "expected"), EXAMPLE_NOTE)
def test_each_example_note_highlight_hides_the_idea_it_asserts(text: str, expected: str) -> None:
    assert hidden(text)[0] == expected


@pytest.mark.parametrize(("text", "expected"), DOMAINS)
def test_sentences_from_many_domains_hide_their_key_fact(text: str, expected: str) -> None:
    assert hidden(text)[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Treaty of Westphalia was signed in 1648.", ["1648", "Treaty of Westphalia"]),
        ("Napoleon was crowned Emperor of the French in 1804.", ["Emperor of the French", "1804"]),
        (
            "The Federal Reserve raised interest rates by 0.75 percentage points in June 2022.",
            ["interest rates", "0.75 percentage points"],
        ),
        (
            "we argue that SGD systematically favors deceptive alignment.",
            ["deceptive alignment", "SGD"],
        ),
        ("internally aligned models are highly improbable.", ["highly improbable"]),
    ],
)
def test_numbers_and_names_follow_the_claim_as_further_targets(
    text: str, expected: list[str]
) -> None:
    assert hidden(text) == expected


def test_a_text_too_short_for_the_whole_predicate_hides_its_head_word() -> None:
    assert hidden("Mitochondria are highly abundant") == ["abundant"]


def test_adverbs_like_also_and_not_stay_visible() -> None:
    assert hidden("corrigibly aligned models are also highly improbable") == ["highly improbable"]
    assert hidden("Antibiotics are not effective against viruses.") == ["effective"]


def test_a_modal_with_an_adverb_hides_the_object_not_the_adverb() -> None:
    text = "A model becoming marginally more deceptive will marginally lower the training loss."
    assert hidden(text)[0] == "training loss"


def test_an_answer_shown_elsewhere_in_the_text_is_not_chosen_first() -> None:
    text = "The model is deceptive because deceptive models reach lower perplexity on new text."
    assert hidden(text)[0] != "deceptive"


def test_the_same_words_are_never_hidden_twice() -> None:
    text = "SGD is popular. SGD is a method that trains networks. SGD converges slowly on SGD."
    texts = [t.lower() for t in hidden(text)]
    assert len(texts) == len(set(texts))


# --- verbs after plural subjects, and plural nouns that can be verbs --------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Operating systems hide the hierarchy behind virtual memory.", "hierarchy"),
        ("how quickly resistance genes move between unrelated bacterial species",
         "unrelated bacterial species"),
        ("Bacteria produce toxins that damage the host.", "toxins"),
        ("Compilers translate source code into machine code.", "source code"),
        ("Central banks rarely follow any rule mechanically", "any rule"),
        ("Mutations in the BRCA1 gene increase the risk of breast cancer.",
         "risk of breast cancer"),
    ],
)
def test_a_verb_in_its_base_form_after_a_plural_subject_is_the_verb(
    text: str, expected: str
) -> None:
    assert hidden(text)[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Efflux pumps expel several classes of antibiotics from the cell",
         "several classes of antibiotics"),
        ("Public housing towers built in the 1960s concentrated poverty in a few neighbourhoods",
         "poverty"),
        ("The daily wages of agricultural labourers rose by about 50 percent.", "50 percent"),
        ("Higher minimum wages may reduce employment among teenagers.", "employment"),
        ("Median rents in San Francisco doubled between 2010 and 2019", "doubled"),
        ("Models trained with RLHF often exhibit sycophancy.", "sycophancy"),
    ],
)
def test_a_plural_noun_that_can_be_a_verb_belongs_to_the_subject(
    text: str, expected: str
) -> None:
    assert hidden(text)[0] == expected


def test_a_verb_with_a_noun_reading_is_still_the_verb_when_nothing_else_is() -> None:
    assert hidden("SGD favors aligned models over deceptive ones.")[0] == "aligned models"
    assert hidden("The government taxes imports from distant colonies.")[0] == "imports"


# --- passives, particles and complements ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The moon is made of basalt.", "basalt"),
        ("DNA is composed of four nucleotides.", "four nucleotides"),
        ("The division of labour is limited by the extent of the market", "extent of the market"),
        ("The cost of a page fault is measured in milliseconds.", "milliseconds"),
        ("The statute was struck down by the Supreme Court.", "Supreme Court"),
        ("Glucose is broken down into pyruvate during glycolysis.", "pyruvate"),
        ("It is usually ranked as the worst decision the Court ever made.", "worst decision"),
    ],
)
def test_a_passive_hides_what_follows_its_preposition_not_the_participle(
    text: str, expected: str
) -> None:
    assert hidden(text)[0] == expected


def test_british_ise_participles_are_read_like_ize_ones() -> None:
    text = ("The magnetic flux through a superconducting ring is quantised in units of the flux "
            "quantum, as first measured in 1961")
    assert hidden(text)[0] == "flux quantum"  # "in units of" is one preposition
    assert hidden("The enzyme is characterised by high substrate specificity.")[0] == (
        "high substrate specificity")


def test_a_particle_stays_visible_with_its_verb() -> None:
    text = "The Court held that it may strike down statutes that conflict with the Constitution."
    assert hidden(text)[0] == "statutes"


def test_it_is_adjective_to_verb_hides_what_the_verb_acts_on() -> None:
    text = ("It is difficult to resolve the fine structure of hydrogen without a strong magnetic "
            "field")
    assert hidden(text)[0] == "fine structure"


def test_a_verb_asking_someone_to_do_something_hides_the_infinitive_object() -> None:
    assert hidden("The teacher asks students to memorise the periodic table.")[0] == (
        "periodic table")
    text = ("The exercise asks students to fill in {{c1::uracil}} wherever thymine would appear, "
            "and the answer key writes base pairs as A::U and G::C")
    assert hidden(text)[0] == "thymine"  # typed cloze syntax is never hidden, nor "c1"


def test_an_adjective_after_the_object_is_what_the_verb_made_of_it() -> None:
    assert hidden("That decision held the Missouri Compromise unconstitutional.")[0] == (
        "unconstitutional")


# --- phrases: "of" chains, participles, numbers --------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The plague killed roughly 40% of the population of Florence in 1348", "40%"),
        ("The kidneys filter about 180 litres of blood plasma per day.", "180 litres"),
        ("The C4 pathway evolved independently more than sixty times", "more than sixty times"),
        ("Dark energy is the name given to whatever accelerates the expansion of the universe",
         "expansion of the universe"),
        ("Enzymes lower the activation energy of reactions.", "activation energy"),
        ("Horizontal gene transfer favors the spread of resistance plasmids",
         "spread of resistance plasmids"),
    ],
)
def test_a_phrase_stops_at_a_second_of_a_participle_or_a_number(
    text: str, expected: str
) -> None:
    assert hidden(text)[0] == expected


# --- names --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Giovanni Boccaccio described the epidemic in the introduction to the Decameron",
         "Giovanni Boccaccio"),
        ("Chief Justice John Marshall wrote the opinion for a unanimous Court.", "John Marshall"),
        # not a guessable object; the pair is asked whole, or one would give its twin away
        ("Marie Curie discovered polonium and radium.", "polonium and radium"),
        ("Adam Smith argued that the division of labour raises productivity.", "productivity"),
        ("The Magna Carta was sealed by King John in 1215 at Runnymede.", "King John"),
    ],
)
def test_a_strong_name_outranks_a_guessable_one_word_object(text: str, expected: str) -> None:
    assert hidden(text)[0] == expected


# --- the source's vocabulary inside longer terms -------------------------------------------


def test_a_recurring_word_inside_a_term_stands_for_the_whole_term() -> None:
    text = "Operating systems hide the hierarchy behind virtual memory."
    assert hidden(text, frozenset({"memory", "main memory"}))[0] == "virtual memory"


def test_a_rarer_phrase_outranks_a_recurring_single_word() -> None:
    text = "the resistance genes in unrelated bacterial species"
    assert hidden(text, frozenset({"gene"}))[0] == "unrelated bacterial species"


# --- sentences with nothing to ask ---------------------------------------------------------

FACTLESS = [
    "This is worth remembering.",
    "As we will see, things are more complicated than that.",
    "We return to it below.",
    "Nothing more needs to be said here.",
    "It is important to note this.",
    "This is interesting.",
    "That is true.",
    "We know surprisingly little about it.",
    "This will be discussed in chapter 3.",
    "See below for details.",
    "Some people find this obvious.",
]


@pytest.mark.parametrize("text", FACTLESS)
def test_sentences_that_state_no_fact_hide_nothing(text: str) -> None:
    assert choose_targets(text) == ()


def test_a_fact_less_sentence_beside_a_fact_leaves_the_fact_alone() -> None:
    text = "This is worth remembering. Marbury v. Madison was decided in 1803."
    assert hidden(text)[0] == "1803"
    assert all(span.start > text.index("Marbury") for span in choose_targets(text))


# --- text in another language --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Die Entropie eines abgeschlossenen Systems nimmt niemals ab", ["Entropie"]),
        ("Die Umwandlung von Wärme in Arbeit ist grundsätzlich begrenzt", ["Umwandlung"]),
        ("Er beträgt bei 300 Kelvin und 600 Kelvin genau 50 Prozent.",
         ["300 Kelvin", "600 Kelvin"]),
        ("Rudolf Clausius führte den Begriff der Entropie im Jahr 1865 ein", ["1865", "Clausius"]),
        ("La entropía de un sistema aislado nunca disminuye con el tiempo", ["entropía"]),
    ],
)
def test_other_languages_get_numbers_and_their_rarest_word_not_english_grammar(
    text: str, expected: list[str]
) -> None:
    assert hidden(text) == expected


def test_a_capitalised_unit_attaches_to_its_number_in_english_too() -> None:
    assert hidden("Water freezes at 273 Kelvin.") == ["273 Kelvin"]


def _names(text: str) -> list[str]:
    """The names found in a text."""
    toks = tokenize(text)
    return [text[toks[a].start : toks[b].end] for _, (a, b) in names(toks, 0, len(toks))]


def test_a_name_joiner_needs_a_name_on_both_sides() -> None:
    assert _names("The Battle of Hastings was fought in 1066.") == ["Battle of Hastings"]
    assert _names("Ludwig van Beethoven composed nine symphonies.") == ["Ludwig van Beethoven"]
    assert _names("They played Beethoven of course in the hall.") == ["Beethoven"]


# --- the source's vocabulary -------------------------------------------------------------------


def test_source_vocabulary_counts_plural_and_singular_as_one_lemma() -> None:
    vocabulary = source_vocabulary(["Deceptive models win.", "A deceptive model loses."])
    assert {"model", "deceptive", "deceptive model"} <= vocabulary
    assert "models" not in vocabulary


def test_source_vocabulary_keeps_terms_found_in_at_least_min_count_texts() -> None:
    texts = ["gradient hacking matters", "gradient hacking again", "pointer robustness"]
    assert "gradient hacking" in source_vocabulary(texts)
    assert "pointer" not in source_vocabulary(texts)
    assert "pointer" in source_vocabulary(texts, min_count=1)
    assert source_vocabulary(texts, min_count=4) == frozenset()


def test_source_vocabulary_ignores_stopwords_and_links() -> None:
    texts = ["the [pointer](http://x.io/a) is of the model", "the [pointer](http://x.io/b) of it"]
    vocabulary = source_vocabulary(texts)
    assert not {"the", "of", "is", "pointer", "http"} & vocabulary


def test_a_fragment_without_a_claim_hides_a_term_of_the_source_vocabulary() -> None:
    text = "the robust pointer to the base objective in this passage"
    vocabulary = frozenset({"pointer", "base objective", "base", "objective"})
    assert hidden(text, vocabulary)[0] == "base objective"


def test_without_claim_or_vocabulary_the_rarest_phrase_is_hidden() -> None:
    assert hidden("the mitochondrial membrane potential during cell death")[0] == (
        "mitochondrial membrane potential"
    )


# --- hard constraints on concrete inputs ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Mitochondria",
        "the of and is",
        "It is what it is.",
        "{{c1::x}} :: }}",
        "https://example.com/a/very/long/path/with/words",
    ],
)
def test_texts_with_nothing_worth_hiding_give_no_spans(text: str) -> None:
    assert choose_targets(text) == ()


@pytest.mark.parametrize(
    ("text", "forbidden"),
    [
        (
            "See [the original paper](https://example.com/paper) for the proof of the bound.",
            "paper",
        ),
        (
            "The [[Transformer]] architecture relies on self-attention instead of recurrence.",
            "Transformer",
        ),
        (
            "Visit https://en.wikipedia.org/wiki/Ribosome for ribosomal RNA details today.",
            "Ribosome",
        ),
        ('The <a href="x">ribosome</a> translates messenger RNA into protein.', "ribosome"),
    ],
)
def test_spans_never_fall_inside_links_wikilinks_urls_or_html(text: str, forbidden: str) -> None:
    spans = hidden(text)
    assert spans
    assert all(forbidden not in s for s in spans)


def test_cloze_syntax_in_the_text_is_plain_text_and_never_hidden() -> None:
    text = "{{c1::Ribosomes}} translate mRNA :: into proteins }} quickly."
    for s in hidden(text):
        assert "{{" not in s and "}}" not in s and "::" not in s


def test_spans_are_span_objects_in_importance_order_without_overlap() -> None:
    spans = choose_targets("The Treaty of Westphalia was signed in 1648.")
    assert all(isinstance(s, Span) for s in spans)
    assert spans[0] == Span(39, 43)


# --- properties over arbitrary text ----------------------------------------------------------

WORDS = [
    "the", "of", "is", "are", "a", "an", "and", "model", "models", "highly", "improbable",
    "SGD", "favors", "deceptive", "alignment", "will", "take", "steps", "1648", "3.5", "40%",
    "Martin", "Luther", "Treaty", "of", "Westphalia", "refers", "to", "called", "that", "which",
    "also", "not", "likely", "be", "more", "numerous", "mitochondria", "ATP", "Years'", "don't",
    "é", "naïve", "e\u0301t\u00e9", "cafe\u0301", "x_y", "CRISPR-Cas9", "O(n)", "—", ",", ".",
    ";", ":", "?", "\u00b2\u00b3\u00b9\u2074", "\u0661\u0666\u0664\u0668",
]  # fmt: skip
MARKUP = [
    "[a link](https://example.com/x_y)", "[[Wiki Link|alias]]", "https://example.org/page?q=1",
    "www.example.net/word", '<a href="u">anchor text</a>', "<b>", "</b>", "&amp;",
    "{{c1::cloze}}", "::", "{{", "}}", "user@example.com",
]  # fmt: skip
_PROTECTED = re.compile(r"\[[^\]]*\]\([^)]*\)|\[\[.*?\]\]|https?://\S+|www\.\S+|<[^>]*>|\S+@\S+")

texts = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(WORDS + MARKUP) | st.text(max_size=6), max_size=40).map(" ".join),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=30).map(" ".join),
)
vocabularies = st.frozensets(st.sampled_from(["model", "deceptive alignment", "sgd", "step"]))


def is_mark(char: str) -> bool:
    """A combining mark, which belongs to the letter before it ("e\u0301")."""
    return unicodedata.category(char).startswith("M")


def check_hard_constraints(text: str, spans: tuple[Span, ...]) -> None:
    """Assert every hard constraint of choose_targets on one result."""
    assert len(spans) <= 3
    ordered = sorted(spans, key=lambda s: s.start)
    for left, right in pairwise(ordered):
        assert left.end <= right.start, "spans overlap"
    for s in spans:
        assert 0 <= s.start < s.end <= len(text)
        part = text[s.start : s.end]
        assert part == part.strip(), "span has surrounding space"
        last = part[-1]
        assert part[0].isalnum() and (last.isalnum() or last == "%" or is_mark(last)), part
        assert s.start == 0 or not text[s.start - 1].isalnum(), "span starts mid-word"
        assert s.end == len(text) or not text[s.end].isalnum(), "span ends mid-word"
        assert not any(m in part for m in ("{{", "}}", "::"))
        assert not all(is_stopword(word) for word in re.findall(r"[^\W_]+", part))
    assert sum(s.end - s.start for s in spans) <= 0.6 * len(text)
    visible = text
    for s in sorted(spans, key=lambda s: -s.start):
        visible = visible[: s.start] + " " + visible[s.end :]
    if spans:
        assert len(re.findall(r"[^\W_]+", visible)) >= 3


@settings(max_examples=400, deadline=None)
@given(texts, vocabularies)
def test_any_text_gives_bounded_word_aligned_non_overlapping_spans(
    text: str, vocabulary: frozenset[str]
) -> None:
    check_hard_constraints(text, choose_targets(text, vocabulary))


@settings(max_examples=200, deadline=None)
@given(texts, vocabularies)
def test_choosing_is_deterministic(text: str, vocabulary: frozenset[str]) -> None:
    assert choose_targets(text, vocabulary) == choose_targets(text, vocabulary)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS + MARKUP), max_size=40).map(" ".join))
def test_no_span_touches_a_link_url_wikilink_or_html_tag(text: str) -> None:
    protected = [m.span() for m in _PROTECTED.finditer(text)]
    for s in choose_targets(text):
        assert not any(a < s.end and s.start < b for a, b in protected), text[s.start : s.end]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=80), max_size=6), st.integers(min_value=0, max_value=4))
def test_source_vocabulary_never_raises_and_is_lowercase(texts: list[str], count: int) -> None:
    vocabulary = source_vocabulary(texts, min_count=count)
    assert all(term == term.lower() for term in vocabulary)
