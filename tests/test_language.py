"""Generative AI in miniature: policies, corpus, tokens, the next-word model, search, answers.

Covers the data world (policy passages, training corpus), the concept cores in
``aicourse.language``, the charts and the widget views, and the story claims the lessons
make about them.
"""

from __future__ import annotations

import re

import ipywidgets as widgets
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from aicourse import SEED
from aicourse.data.corpus import (
    GENERAL,
    OFFICE_PATTERNS,
    PLACES,
    RESTATEMENTS,
    corpus_sentences,
    corpus_text,
    office_sentences,
)
from aicourse.data.policies import POLICIES, Policy, policies_table, policy_by_id
from aicourse.language import (
    MIN_SCORE,
    NOT_FOUND,
    STANDARD_PROMPTS,
    STOP_WORDS,
    GroundedAnswer,
    NgramModel,
    SearchIndex,
    apply_temperature,
    build_index,
    context_used,
    count_tokens,
    default_background,
    generate,
    grounded_answer,
    is_in_corpus,
    keyword_search,
    next_token_probabilities,
    novel_sentences,
    number_tokens,
    prompt_from_question,
    search,
    search_terms,
    split_sentences,
    standard_index,
    standard_model,
    tokenize,
    train_ngram,
    ungrounded_answer,
)
from aicourse.plots.language import (
    next_token_chart,
    search_comparison_chart,
    search_scores_chart,
)
from aicourse.views.language import (
    EXAMPLE_QUESTIONS,
    GroundedAnswerView,
    NextWordView,
    SearchView,
)

# --------------------------------------------------------------------------------------
# Shared, expensive objects
# --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus() -> str:
    return corpus_text()


@pytest.fixture(scope="module")
def model() -> NgramModel:
    return standard_model()


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return standard_index()


@pytest.fixture(scope="module")
def small_index() -> SearchIndex:
    """A quick index over the policies with a small background, for mechanism tests."""
    return build_index(background_texts=list(RESTATEMENTS) + list(GENERAL), dims=10)


def _passage(policy_id: str) -> str:
    return policy_by_id(policy_id).text


def _corpus_sentences_all(corpus: str) -> list[list[str]]:
    return [tokenize(s) for s in split_sentences(corpus.replace("\n", " "))]


# --------------------------------------------------------------------------------------
# Policies
# --------------------------------------------------------------------------------------


def test_policies_are_14_to_20_short_passages_with_unique_ids():
    assert 14 <= len(POLICIES) <= 20
    ids = [p.id for p in POLICIES]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"CSA-POL-\d\d", i) for i in ids)
    for p in POLICIES:
        assert isinstance(p, Policy) and p.title.strip()
        assert 2 <= len(split_sentences(p.text)) <= 5, p.id


def test_policies_table_has_documented_columns_and_is_a_fresh_copy():
    table = policies_table()
    assert list(table.columns) == ["id", "title", "text"]
    assert len(table) == len(POLICIES)
    table.loc[0, "text"] = "changed"
    assert policies_table().loc[0, "text"] == POLICIES[0].text


def test_policy_by_id_finds_a_passage_and_rejects_bad_ids():
    assert policy_by_id("CSA-POL-07").title == "Change of address"
    assert policy_by_id(" csa-pol-07 ").id == "CSA-POL-07"
    with pytest.raises(ValueError, match="no policy"):
        policy_by_id("CSA-POL-99")
    with pytest.raises(TypeError):
        policy_by_id(7)  # type: ignore[arg-type]


def test_every_number_belongs_to_exactly_one_passage():
    """Mechanism 2: a number in one passage never appears in another."""
    owners: dict[str, set[str]] = {}
    for p in POLICIES:
        for n in number_tokens(p.text):
            owners.setdefault(n, set()).add(p.id)
    assert owners, "the passages should state some numbers"
    shared = {n: ids for n, ids in owners.items() if len(ids) > 1}
    assert not shared


def test_payment_day_passage_never_says_money():
    """Mechanism 4: the everyday word is missing, so only meaning can connect them."""
    assert "money" not in tokenize(_passage("CSA-POL-01"))
    assert all("money" not in tokenize(p.text) for p in POLICIES)


def test_policies_are_marked_as_invented():
    import aicourse.data.policies as module

    assert "invented" in (module.__doc__ or "").lower()


# --------------------------------------------------------------------------------------
# Corpus
# --------------------------------------------------------------------------------------


def test_corpus_is_the_same_every_time_and_holds_every_policy(corpus):
    assert corpus_text() == corpus
    for p in POLICIES:
        assert p.text in corpus


def test_corpus_adds_100_to_200_sentences_in_three_kinds():
    added = corpus_sentences()
    assert 100 <= len(added) <= 200
    assert len(office_sentences()) == len(PLACES) * len(OFFICE_PATTERNS)
    assert added == [*RESTATEMENTS, *office_sentences(), *GENERAL]
    assert all(s.endswith(".") for s in added)


def test_corpus_never_contradicts_a_policy_number():
    """Mechanism: every number in an added sentence is one its own policy uses, and the
    sentence names that policy's subject (so the training text never pairs a subject with
    another policy's number)."""
    owners = {n: p for p in POLICIES for n in number_tokens(p.text)}
    for sentence in corpus_sentences():
        for n in number_tokens(sentence):
            assert n in owners, f"{n} in {sentence!r} belongs to no policy"
            policy_words = set(search_terms(owners[n].text))
            # At least two of the sentence's words come from the owning passage.
            assert len(set(search_terms(sentence)) & policy_words) >= 2, sentence


def test_office_sentences_contain_no_numbers_and_only_invented_places():
    for s in office_sentences():
        assert not number_tokens(s)
        assert any(place in s for place in PLACES)


# --------------------------------------------------------------------------------------
# Tokens
# --------------------------------------------------------------------------------------


def test_tokenize_splits_words_numbers_and_punctuation():
    assert tokenize("Payment day is Thursday.") == ["payment", "day", "is", "thursday", "."]
    assert tokenize("The maximum is $1,500 a year.") == [
        "the",
        "maximum",
        "is",
        "$",
        "1,500",
        "a",
        "year",
        ".",
    ]
    assert tokenize("The agency’s tools") == ["the", "agency's", "tools"]
    assert tokenize("Tōtara Point") == ["tōtara", "point"]
    assert tokenize("") == []


def test_count_tokens_counts_what_tokenize_returns():
    text = "Complaints are answered within 20 working days."
    assert count_tokens(text) == len(tokenize(text)) == 8


def test_token_helpers_reject_non_text():
    for bad in (None, 3, ["a"]):
        with pytest.raises(TypeError):
            tokenize(bad)  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            count_tokens(bad)  # type: ignore[arg-type]


def test_number_tokens_and_split_sentences():
    assert number_tokens("Up to $1,500 in 10 days, or 2.5 weeks.") == ["1,500", "10", "2.5"]
    assert split_sentences("One. Two? Three!\nFour") == ["One.", "Two?", "Three!", "Four"]
    assert split_sentences("  ") == []


# --------------------------------------------------------------------------------------
# The next-word model
# --------------------------------------------------------------------------------------

TINY = "The cat sat. The cat ran. The dog sat. A dog ran."


def test_train_ngram_counts_what_follows_each_context():
    m = train_ngram(TINY, order=3)
    assert m.order == 3
    assert m.counts[("the", "cat")] == {"sat": 1, "ran": 1}
    assert m.counts[("cat",)] == {"sat": 1, "ran": 1}
    assert m.counts[("dog",)] == {"sat": 1, "ran": 1}
    # Sentence starts are learnt as "what follows a full stop".
    assert m.counts[(".",)] == {"the": 3, "a": 1}
    # The no-context counts are the token frequencies.
    assert sum(m.counts[()].values()) == len(tokenize(TINY))
    assert m.counts[()]["the"] == 3
    assert m.vocabulary == frozenset(tokenize(TINY))


def test_train_ngram_remembers_how_words_are_usually_written(model):
    assert model.cased["thursday"] == "Thursday"
    assert model.cased["harakeke"] == "Harakeke"
    assert model.cased["the"] == "the"  # capital only at sentence starts


def test_train_ngram_rejects_bad_input():
    with pytest.raises(TypeError):
        train_ngram(123)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        train_ngram(TINY, order=2.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="order"):
        train_ngram(TINY, order=1)
    with pytest.raises(ValueError, match="at least 10 tokens"):
        train_ngram("Too short.")


def test_context_used_backs_off_to_what_the_model_has_seen():
    m = train_ngram(TINY, order=3)
    assert context_used(m, "the cat") == ("the", "cat")
    assert context_used(m, "purple cat") == ("cat",)  # never saw "purple cat"
    assert context_used(m, "purple zebra") == ()  # never saw "zebra": no context at all
    assert context_used(m, "") == (".",)  # an empty prompt is a sentence start


def test_apply_temperature_follows_the_formula():
    p = np.array([0.5, 0.3, 0.2])
    assert apply_temperature(p, 1.0) == pytest.approx(p)
    assert apply_temperature(p, 0.5) == pytest.approx(p**2 / (p**2).sum())
    assert apply_temperature(p, 2.0) == pytest.approx(np.sqrt(p) / np.sqrt(p).sum())
    assert list(apply_temperature(p, 0.0)) == [1.0, 0.0, 0.0]
    # Near zero, almost all the chance goes to the likeliest (no overflow on the way).
    assert apply_temperature(p, 0.01)[0] == pytest.approx(1.0)


def test_apply_temperature_rejects_bad_input():
    for bad in (-0.1, 2.1, float("nan")):
        with pytest.raises(ValueError, match="between 0 and 2"):
            apply_temperature([0.5, 0.5], bad)
    for bad in ("hot", None, True):
        with pytest.raises(TypeError):
            apply_temperature([0.5, 0.5], bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        apply_temperature([], 1.0)
    with pytest.raises(ValueError):
        apply_temperature([0.0, 0.0], 1.0)
    with pytest.raises(ValueError):
        apply_temperature([-0.5, 1.5], 1.0)


def test_next_token_probabilities_are_the_counts_shared_out():
    m = train_ngram(TINY, order=3)
    table = next_token_probabilities(m, "The", temperature=1.0)
    assert list(table.columns) == ["token", "probability", "count"]
    # After "the": cat twice, dog once.
    assert list(table["token"]) == ["cat", "dog"]
    assert list(table["count"]) == [2, 1]
    assert table["probability"].tolist() == pytest.approx([2 / 3, 1 / 3])


def test_next_token_probabilities_are_sorted_and_top_limits_rows(model):
    full = next_token_probabilities(model, "", top=100_000)
    assert full["probability"].sum() == pytest.approx(1.0)
    assert full["probability"].is_monotonic_decreasing
    top = next_token_probabilities(model, "", top=3)
    assert len(top) == 3
    assert top["token"].tolist() == full["token"].tolist()[:3]
    assert top["probability"].sum() < 1.0


def test_next_token_probabilities_accepts_a_token_list(model):
    a = next_token_probabilities(model, "Complaints are")
    b = next_token_probabilities(model, ["Complaints", "are"])
    pd.testing.assert_frame_equal(a, b)


def test_next_token_probabilities_rejects_bad_input(model):
    with pytest.raises(TypeError):
        next_token_probabilities("not a model", "the")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="between 0 and 2"):
        next_token_probabilities(model, "the", temperature=3)
    with pytest.raises(TypeError):
        next_token_probabilities(model, "the", temperature="warm")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        next_token_probabilities(model, "the", top=0)
    with pytest.raises(TypeError):
        next_token_probabilities(model, [1, 2])  # type: ignore[list-item]


def test_generate_is_repeatable_and_continues_the_prompt(model):
    a = generate(model, "Staff must", temperature=1.0, seed=7)
    assert a == generate(model, "Staff must", temperature=1.0, seed=7)
    assert a.startswith("Staff must ")
    assert a.endswith(".")  # stops at the end of the first sentence


def test_generate_at_temperature_zero_takes_the_likeliest_token_each_step(model):
    prompt = "Case notes are"
    tokens = tokenize(prompt)
    for _ in range(30):
        best = next_token_probabilities(model, tokens, temperature=0.0, top=1)
        tokens.append(best["token"].iloc[0])
        if tokens[-1] == ".":
            break
    assert tokenize(generate(model, prompt, temperature=0.0)) == tokens


def test_generate_respects_the_token_limit(model):
    text = generate(model, "Staff must", n_tokens=5, stop_at_sentence_end=False, seed=1)
    assert count_tokens(text) == count_tokens("Staff must") + 5


def test_generate_rejects_bad_input(model):
    with pytest.raises(TypeError):
        generate(model, 42)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        generate(model, "Staff must", n_tokens=0)
    with pytest.raises(TypeError):
        generate(model, "Staff must", n_tokens=2.0)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        generate(model, "Staff must", temperature=-1)
    with pytest.raises(TypeError):
        generate(model, "Staff must", seed="abc")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        generate(None, "Staff must")  # type: ignore[arg-type]


def test_is_in_corpus_ignores_capitals_and_spacing_but_not_words(corpus):
    assert is_in_corpus("Interpreters are free for every client.", corpus)
    assert is_in_corpus("interpreters   ARE free", corpus)
    assert not is_in_corpus("Interpreters are expensive.", corpus)
    # Whole tokens only: "free" is not found inside "freedom".
    assert not is_in_corpus("freedom", corpus)
    with pytest.raises(ValueError):
        is_in_corpus("   ", corpus)
    with pytest.raises(TypeError):
        is_in_corpus(None, corpus)  # type: ignore[arg-type]


def test_novel_sentences_keeps_only_the_made_up_ones(corpus):
    text = "Interpreters are free for every client. Interpreters are paid within 4 minutes."
    assert novel_sentences(text, corpus) == ["Interpreters are paid within 4 minutes."]
    assert novel_sentences("", corpus) == []
    with pytest.raises(TypeError):
        novel_sentences(["a"], corpus)  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------
# Story claims: the next-word model
# --------------------------------------------------------------------------------------


def test_claim_temperature_zero_is_repeatable_and_one_is_not(model):
    """Claim 1: "At temperature 0, generate gives the same text for any two seeds; at
    temperature 1, different seeds give different text for at least one of the standard
    prompts." """
    for prompt in STANDARD_PROMPTS:
        outputs = {generate(model, prompt, temperature=0.0, seed=s) for s in (SEED, 0, 99)}
        assert len(outputs) == 1, prompt
    differs = [
        p
        for p in STANDARD_PROMPTS
        if generate(model, p, temperature=1.0, seed=SEED)
        != generate(model, p, temperature=1.0, seed=SEED + 1)
    ]
    assert differs


def _misattributed_numbers(sentence: str, subject: set[str], corpus: str) -> list[str]:
    """Numbers in ``sentence`` that the corpus uses, but never alongside every subject word."""
    corpus_sents = [set(search_terms(s)) | set(tokenize(s)) for s in _sentences(corpus)]
    wrong = []
    for n in number_tokens(sentence):
        with_n = [s for s in corpus_sents if n in s]
        if with_n and not any(subject <= s for s in with_n):
            wrong.append(n)
    return wrong


def _sentences(corpus: str) -> list[str]:
    return split_sentences(corpus.replace("\n", " "))


def _fluent(sentence: str, corpus: str) -> bool:
    """Every run of three tokens in the sentence was seen in the training text."""
    tokens = tokenize(sentence)
    haystack = " " + " ".join(tokenize(corpus)) + " "
    windows = [tokens[i : i + 3] for i in range(len(tokens) - 2)]
    return bool(windows) and all(" " + " ".join(w) + " " in haystack for w in windows)


def test_claim_hallucination_is_built_in(model, corpus):
    """Claim 2: "Hallucination is built in: for at least one standard prompt at temperature
    1 (seeded), the model produces a fluent sentence that appears nowhere in its training
    text and states a wrong fact (... the sentence contains a number that the corpus only
    ever uses with a different subject)." """
    found = []
    for prompt in STANDARD_PROMPTS:
        text = generate(model, prompt, temperature=1.0, seed=SEED)
        subject = set(search_terms(prompt))
        for sentence in novel_sentences(text, corpus):
            wrong = _misattributed_numbers(sentence, subject, corpus)
            if wrong and sentence.endswith(".") and _fluent(sentence, corpus):
                found.append((prompt, sentence, wrong))
    assert found, "no standard prompt produced a fluent, novel sentence with a wrong number"
    for _prompt, sentence, _wrong in found:
        assert not is_in_corpus(sentence, corpus)


def test_misattribution_check_accepts_a_true_sentence(corpus):
    """The claim-2 checker is not trivially true: a correct fact is not flagged."""
    true = "The maximum hardship grant is $1,500 a year."
    assert _misattributed_numbers(true, {"maximum", "hardship", "grant"}, corpus) == []
    false = "The maximum hardship grant is $200 a year."
    assert _misattributed_numbers(false, {"maximum", "hardship", "grant"}, corpus) == ["200"]


def test_claim_higher_temperature_spreads_probability(model):
    """Claim 5: "Higher temperature spreads probability: the top token's probability at
    T=0.5 > at T=1 > at T=1.5 for a fixed context." """
    context = "Hardship grants are"
    counts = next_token_probabilities(model, context, top=100)["count"]
    assert len(counts) >= 2 and counts.nunique() > 1  # not a single or even choice
    top = [
        next_token_probabilities(model, context, temperature=t, top=1)["probability"].iloc[0]
        for t in (0.5, 1.0, 1.5)
    ]
    assert top[0] > top[1] > top[2]


def test_greedy_output_can_still_be_false(model, corpus):
    """Temperature 0 is repeatable, not true: after "paid within" the model has seen 10
    (hardship grants) and 5 (travel claims) equally often, and the tie goes to "10"."""
    text = generate(model, "Travel claims are", temperature=0.0)
    assert novel_sentences(text, corpus) == [text]
    assert _misattributed_numbers(text, {"travel", "claim"}, corpus)


# --------------------------------------------------------------------------------------
# Meaning-based search
# --------------------------------------------------------------------------------------


def test_search_terms_drop_stop_words_and_fold_plurals():
    assert search_terms("Hardship grants are paid") == ["hardship", "grant", "paid"]
    assert search_terms("Copies of the addresses.") == ["copy", "address"]
    assert {"when", "will", "my", "the"} <= STOP_WORDS


def test_default_background_bundles_the_enquiries():
    background = default_background()
    added = corpus_sentences()
    assert background[-len(added) :] == added
    bundles = background[: -len(added)]
    # 3,000 messages in five categories, in bundles of at most 30.
    assert 100 <= len(bundles) <= 3000 // 30 + 5
    assert background == default_background()


def test_embed_gives_unit_rows_or_zeros(small_index):
    rows = small_index.embed(["Hardship grants are paid", "zzz qqq"])
    assert rows.shape == (2, small_index.dims) == (2, 10)
    assert np.linalg.norm(rows[0]) == pytest.approx(1.0)
    assert np.all(rows[1] == 0.0)  # no known word: about nothing the search has seen
    with pytest.raises(TypeError):
        small_index.embed("a single string")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        small_index.embed([1])  # type: ignore[list-item]


def test_build_index_splits_passages_into_sentences(small_index):
    assert len(small_index.passages) == len(POLICIES)
    assert len(small_index.sentences) == sum(len(split_sentences(p.text)) for p in POLICIES)
    for sentence, owner in zip(small_index.sentences, small_index.sentence_owner, strict=True):
        assert sentence in POLICIES[owner].text


def test_build_index_is_repeatable():
    background = list(RESTATEMENTS)
    a = build_index(background_texts=background, dims=8, seed=3)
    b = build_index(background_texts=background, dims=8, seed=3)
    assert np.allclose(a.sentence_vectors, b.sentence_vectors)


def test_build_index_accepts_a_list_of_policies():
    idx = build_index(list(POLICIES[:4]), background_texts=list(GENERAL), dims=3)
    assert list(idx.passages["id"]) == [p.id for p in POLICIES[:4]]


def test_build_index_rejects_bad_input():
    bg = list(GENERAL)
    with pytest.raises(ValueError, match="at least 2"):
        build_index(list(POLICIES[:1]), background_texts=bg, dims=2)
    with pytest.raises(ValueError, match="missing columns"):
        build_index(pd.DataFrame({"text": ["a b", "c d"]}), background_texts=bg)
    with pytest.raises(TypeError):
        build_index("policies", background_texts=bg)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        build_index([1, 2], background_texts=bg)  # type: ignore[list-item]
    with pytest.raises(TypeError):
        build_index(background_texts="one string")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="dims"):
        build_index(background_texts=bg, dims=1)
    with pytest.raises(ValueError, match="smaller than"):
        build_index(background_texts=bg, dims=299)


def test_search_scores_each_passage_by_its_closest_sentence(small_index):
    question = "How long are case notes kept?"
    results = search(small_index, question, k=len(POLICIES))
    assert list(results.columns) == ["id", "title", "passage", "score", "sentence"]
    assert results["score"].is_monotonic_decreasing
    q = small_index.embed([question])[0]
    for _, row in results.iterrows():
        own = [s for s in small_index.sentences if s in row["passage"]]
        assert row["score"] == pytest.approx(max(small_index.embed(own) @ q))
        assert row["sentence"] in row["passage"]


def test_search_returns_k_rows_and_rejects_bad_input(index):
    assert len(search(index, "hardship grant", k=2)) == 2
    with pytest.raises(ValueError, match="empty"):
        search(index, "   ")
    with pytest.raises(ValueError):
        search(index, "grant", k=0)
    with pytest.raises(ValueError):
        search(index, "grant", k=len(POLICIES) + 1)
    with pytest.raises(TypeError):
        search("index", "grant")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        search(index, None)  # type: ignore[arg-type]


def test_keyword_search_counts_shared_words_exactly():
    results = keyword_search(None, "maximum hardship grant", k=5)
    assert list(results.columns) == ["id", "title", "passage", "score"]
    assert results["id"].iloc[0] == "CSA-POL-02"  # uses all three words
    assert results["score"].iloc[0] == 3
    for _, row in results.iterrows():
        words = set(tokenize(row["passage"]))
        assert row["score"] == len({"maximum", "hardship", "grant"} & words) > 0
    # Exact words: "appointment" and "appointments" match different passages, and stop
    # words are ignored.
    found = {}
    for word in ("appointment", "appointments"):
        expected = [p.id for p in POLICIES if word in tokenize(p.text)]
        found[word] = keyword_search(None, f"the {word} are", k=len(POLICIES))
        assert found[word]["id"].tolist() == expected
        assert set(found[word]["score"]) == {1.0}
    assert found["appointment"]["id"].tolist() != found["appointments"]["id"].tolist()
    assert keyword_search(None, "When will I get my money?").empty
    with pytest.raises(ValueError):
        keyword_search(None, "")


# --------------------------------------------------------------------------------------
# Story claims: search and grounded answers
# --------------------------------------------------------------------------------------


def test_claim_meaning_search_finds_what_keywords_miss(index):
    """Claim 3: "Meaning-based search finds the right passage for a question that shares no
    important word with it (e.g. 'when will I get my money?' -> the payment-day passage),
    where keyword search does not rank it first." """
    question = "When will I get my money?"
    assert search_terms(question)  # it has an important word: "money"
    assert not set(search_terms(question)) & set(search_terms(_passage("CSA-POL-01")))
    assert search(index, question, k=1)["id"].iloc[0] == "CSA-POL-01"
    keyword = keyword_search(index.passages, question, k=3)
    assert keyword.empty or keyword["id"].iloc[0] != "CSA-POL-01"


#: Questions, the passage that answers each, and the fact the quote must carry.
GROUNDED_CASES: dict[str, tuple[str, str]] = {
    "What is the maximum hardship grant?": ("CSA-POL-02", "$1,500"),
    "When will I get my money?": ("CSA-POL-01", "Thursday"),
    "How long are case notes kept?": ("CSA-POL-06", "7 years"),
    "Is an interpreter free?": ("CSA-POL-04", "free"),
    "Can I put client information into a public AI tool?": ("CSA-POL-05", "must not"),
    "When does a change of address take effect?": ("CSA-POL-07", "next payment day"),
    "How fast are travel claims paid?": ("CSA-POL-10", "5 working days"),
}


def test_claim_grounded_answers_cite_the_passage_that_answers(index):
    """Claim 4: "The grounded answer cites a document that contains the answer (the quoted
    sentence is in that passage, and that passage is the intended one for each of at least
    5 test questions); an off-topic question ('what is the capital of France?') gets the
    'could not find' reply." """
    assert len(GROUNDED_CASES) >= 5
    for question, (policy_id, fact) in GROUNDED_CASES.items():
        answer = grounded_answer(index, question)
        assert answer.found, question
        assert answer.policy_id == policy_id, question
        assert answer.quote is not None and answer.quote in _passage(policy_id)
        assert fact in answer.quote, question
        assert answer.score >= MIN_SCORE
        assert policy_id in answer.text and answer.quote in answer.text
    off_topic = grounded_answer(index, "What is the capital of France?")
    assert not off_topic.found
    assert off_topic.text == NOT_FOUND == "I could not find this in the policies."
    assert off_topic.quote is None and off_topic.policy_id is None


def test_example_questions_are_answered_except_the_off_topic_one(index):
    assert EXAMPLE_QUESTIONS[-1] == "What is the capital of France?"
    for question in EXAMPLE_QUESTIONS[:-1]:
        assert question in GROUNDED_CASES
        assert grounded_answer(index, question).found


def test_grounded_answer_threshold_decides_found(index):
    question = "What is the maximum hardship grant?"
    score = grounded_answer(index, question).score
    assert grounded_answer(index, question, threshold=score).found
    assert not grounded_answer(index, question, threshold=min(1.0, score + 0.01)).found
    strict = grounded_answer(index, question, threshold=1.0)
    assert isinstance(strict, GroundedAnswer) and strict.score == pytest.approx(score)


def test_grounded_answer_rejects_bad_input(index):
    with pytest.raises(ValueError):
        grounded_answer(index, "")
    with pytest.raises(ValueError):
        grounded_answer(index, "grant", threshold=1.5)
    with pytest.raises(TypeError):
        grounded_answer(index, "grant", threshold="high")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        grounded_answer(None, "grant")  # type: ignore[arg-type]


def test_prompt_from_question_picks_the_familiar_opening_sharing_most_words(model):
    assert prompt_from_question(model, "What is the maximum hardship grant?") == (
        "The maximum hardship grant"
    )
    assert prompt_from_question(model, "Who won the rugby?") == ""
    with pytest.raises(ValueError):
        prompt_from_question(model, " ")


def test_ungrounded_answer_is_fluent_unsourced_and_repeatable(model, corpus):
    question = "What is the maximum hardship grant?"
    answer = ungrounded_answer(model, question)
    assert answer == ungrounded_answer(model, question)
    assert answer.startswith("The maximum hardship grant")
    assert answer.endswith(".")
    assert "source" not in answer.lower() and "CSA-POL" not in answer
    # With no familiar words it still answers: it never says it does not know.
    assert ungrounded_answer(model, "What is the capital of France?").endswith(".")


def test_standard_model_and_index_are_built_once(model, index):
    assert standard_model() is model
    assert standard_index() is index


# --------------------------------------------------------------------------------------
# Charts
# --------------------------------------------------------------------------------------


def test_next_token_chart_is_labelled_and_highlights_the_pick(model):
    table = next_token_probabilities(model, "The maximum hardship grant is", top=5)
    fig = next_token_chart(table, context="The maximum hardship grant is", highlight="$")
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert "The maximum hardship grant is" in ax.get_title()
    assert ax.get_xlabel() and ax.get_ylabel()
    assert len(ax.patches) == len(table)
    colours = {p.get_facecolor() for p in ax.patches}
    assert len(colours) == 2  # the pick stands out
    with pytest.raises(ValueError):
        next_token_chart(table.drop(columns="probability"))
    with pytest.raises(ValueError):
        next_token_chart(table.iloc[0:0])


def test_search_scores_chart_draws_one_bar_per_passage_and_the_threshold(index):
    results = search(index, "What is the maximum hardship grant?", k=4)
    fig = search_scores_chart(results, threshold=MIN_SCORE)
    ax = fig.axes[0]
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    assert len(ax.patches) == 4
    assert any(line.get_xdata()[0] == MIN_SCORE for line in ax.get_lines())
    empty = search_scores_chart(keyword_search(None, "When will I get my money?"))
    assert "No passage found" in [t.get_text() for t in empty.axes[0].texts]
    with pytest.raises(ValueError):
        search_scores_chart(results.drop(columns="score"))


def test_search_comparison_chart_has_two_labelled_panels(index):
    q = "What is the maximum hardship grant?"
    fig = search_comparison_chart(search(index, q), keyword_search(index.passages, q))
    assert [ax.get_title() for ax in fig.axes] == ["Meaning-based search", "Keyword search"]
    assert all(ax.get_xlabel() for ax in fig.axes)


# --------------------------------------------------------------------------------------
# Views
# --------------------------------------------------------------------------------------


def _all_widgets(root: widgets.Widget) -> list[widgets.Widget]:
    out = [root]
    for child in getattr(root, "children", ()):
        out.extend(_all_widgets(child))
    return out


def _controls_are_described(view) -> None:
    controls = [
        w
        for w in _all_widgets(view.widget)
        if isinstance(w, (widgets.ValueWidget, widgets.Button))
        and not isinstance(w, (widgets.HTML, widgets.Output))
    ]
    assert controls
    for control in controls:
        assert control.description.strip(), type(control).__name__


@pytest.fixture(scope="module")
def next_word_view(model, corpus) -> NextWordView:
    return NextWordView(model=model, corpus=corpus)


def test_next_word_view_wiring(next_word_view, model):
    view = next_word_view
    _controls_are_described(view)
    assert view.temperature.continuous_update is False  # each change redraws the chart
    first = view.result
    assert first["text"] == generate(model, view.prompt.value, temperature=1.0, seed=SEED)

    view.temperature.value = 0.0
    assert view.result["temperature"] == 0.0
    assert view.result["text"] == generate(model, view.prompt.value, temperature=0.0)
    assert view.result["probabilities"]["probability"].iloc[0] == 1.0

    view.prompt.value = "Complaints are"
    assert view.result["text"].startswith("Complaints are")
    assert "Complaints are" in view.readout.value

    view.temperature.value = 1.0
    view.try_number.value = 3
    assert view.result["seed"] == SEED + 2
    before = view.try_number.value
    view.again.click()
    assert view.try_number.value == before + 1
    assert view.result["seed"] == SEED + before


def test_next_word_view_marks_sentences_from_the_training_text(model, corpus):
    view = NextWordView(model=model, corpus=corpus, temperature=0.0)
    view.prompt.value = "Case notes are"  # greedy: a sentence copied from the policies
    assert view.result["in_training_text"]
    assert "word for word" in view.readout.value
    view.prompt.value = "Travel claims are"  # greedy: a spliced sentence
    assert not view.result["in_training_text"]
    assert "nowhere" in view.readout.value


def test_search_view_wiring(index):
    view = SearchView(index=index)
    _controls_are_described(view)
    assert view.question.continuous_update is False
    assert view.result["meaning"]["id"].iloc[0] == "CSA-POL-01"
    assert "no passage" in view.readout.value
    view.question.value = "How long are case notes kept?"
    assert view.result["meaning"]["id"].iloc[0] == "CSA-POL-06"
    assert not view.result["keyword"].empty
    assert "Keeping case notes" in view.readout.value
    view.question.value = "  "
    assert view.result is None
    assert "Type a question" in view.readout.value


def test_grounded_answer_view_wiring(index, model):
    view = GroundedAnswerView(index=index, model=model)
    _controls_are_described(view)
    assert view.question.continuous_update is False
    assert view.result["grounded"].policy_id == "CSA-POL-02"
    assert "$1,500" in view.readout.value
    view.example.value = "What is the capital of France?"
    assert view.question.value == "What is the capital of France?"
    assert not view.result["grounded"].found
    assert "could not find" in view.readout.value
    view.question.value = "How fast are travel claims paid?"
    assert view.result["grounded"].policy_id == "CSA-POL-10"
    assert view.result["ungrounded"] in view.readout.value
    view.question.value = ""
    assert view.result is None


def test_views_reject_empty_choices(index, model):
    with pytest.raises(ValueError):
        NextWordView(model=model, prompts=())
    with pytest.raises(ValueError):
        GroundedAnswerView(index=index, model=model, questions=())
