"""Story claims made in Foundations week 4 ("Generative AI and large language models"), and the
checks behind its graded exercises.

Each story test quotes, in its docstring, the sentence of the lesson
(notebooks/foundations/week-4-generative-ai.ipynb) or the assignment
(source/week-4/week-4-exercises.ipynb) it backs, so a change to the data world cannot
silently make the text false. The second half tests ``aicourse.exercises.week4``: every
question's check, its hints, and the reports shown under the answers.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from aicourse.checks import Verdict
from aicourse.data.corpus import corpus_sentences, corpus_text
from aicourse.data.enquiries import make_enquiries
from aicourse.data.policies import POLICIES, policy_by_id
from aicourse.exercises import REGISTRY, ChoiceExercise, digest, grade
from aicourse.exercises.week4 import (
    ANSWERING_POLICIES,
    QUESTION_3,
    SAFE_USE,
    SAFE_USE_HINTS,
    SENTENCE_1A,
    TARGET_TOKENS,
    check_my_search,
    different_tries,
    search_report,
    temperature_report,
    token_report,
)
from aicourse.language import (
    NOT_FOUND,
    STANDARD_PROMPTS,
    STOP_WORDS,
    count_tokens,
    default_background,
    generate,
    grounded_answer,
    is_in_corpus,
    keyword_search,
    next_token_probabilities,
    novel_sentences,
    number_tokens,
    search,
    standard_index,
    standard_model,
    tokenize,
    ungrounded_answer,
)
from aicourse.meaning import (
    MAP_WORDS,
    invented_sentences,
    invention_rates,
    meaning_map,
    place_word,
    sentence_similarity,
    temperature_table,
    word_count,
)
from aicourse.prompts import EXAMPLE_PROMPTS, check_prompt
from aicourse.quiz import QuizQuestion, mark_answer
from aicourse.quizzes_w4 import SAFE_USE_OPTIONS, WEEK4_REVIEW, WEEK4_SAFE_USE


@pytest.fixture(scope="module")
def model():
    return standard_model()


@pytest.fixture(scope="module")
def corpus() -> str:
    return corpus_text()


@pytest.fixture(scope="module")
def index():
    return standard_index()


@pytest.fixture(scope="module")
def rates(model, corpus) -> pd.DataFrame:
    """The lesson's chart: 20 tries from each of the six phrases at each temperature."""
    return invention_rates(model, corpus)


# --------------------------------------------------------------------------------------
# Section 1: tokens
# --------------------------------------------------------------------------------------


def test_the_example_message_has_7_words_but_10_tokens():
    """Claim: "The message has 7 words but 10 tokens: the comma, the dollar sign and the
    exclamation mark are tokens too, and the amount 85.50 is one token." """
    text = "Kia ora, my $85.50 payment is late!"
    tokens = tokenize(text)
    assert word_count(text) == 7 and len(tokens) == 10
    assert {",", "$", "!"} <= set(tokens) and "85.50" in tokens


# --------------------------------------------------------------------------------------
# Sections 2 to 4: next-token prediction, temperature, making things up
# --------------------------------------------------------------------------------------


def test_complaints_are_is_followed_by_two_tokens_equally_often(model):
    """Claim: "in its training text, "Complaints are" was followed by "acknowledged" and by
    "answered" equally often, so each gets a 50% chance." """
    chances = next_token_probabilities(model, "Complaints are")
    assert set(chances["token"]) == {"acknowledged", "answered"}
    assert chances["count"].nunique() == 1
    assert np.allclose(chances["probability"], 0.5)


def test_temperature_moves_chance_from_paid_to_the_other_tokens(model):
    """Claim: "at temperature 0 "paid" gets all the chance; the higher the temperature, the
    more chance goes to "available" and "for"." """
    table = temperature_table(model, "Hardship grants are")
    chance = table.pivot(index="temperature", columns="token", values="probability")
    assert chance.loc[0.0, "paid"] == 1.0
    assert chance.loc[0.0, ["available", "for"]].sum() == 0.0
    temps = sorted(chance.index)
    for token in ("available", "for"):
        assert all(np.diff(chance.loc[temps, token]) > 0), token
    assert all(np.diff(chance.loc[temps, "paid"]) < 0)


def test_travel_claims_at_temperature_0_are_repeatable_and_wrong(model, corpus):
    """Claim: "The travel claims policy says claims are paid within 5 working days" ...
    "After "paid within", the model had seen "10" (from the hardship grants policy) and "5"
    (from travel claims) equally often, and it took the first. The answer is the same every
    time, and wrong every time." (Also the quiz: "at 0 the tiny model still said travel
    claims are paid within 10 working days".)"""
    assert "Travel claims are paid within 5 working days" in policy_by_id("CSA-POL-10").text
    assert "paid within 10 working days" in policy_by_id("CSA-POL-02").text
    after = next_token_probabilities(model, "Travel claims are paid within")
    counts = dict(zip(after["token"], after["count"], strict=True))
    assert counts["10"] == counts["5"] and list(after["token"][:2]) == ["10", "5"]
    texts = {generate(model, "Travel claims are", temperature=0.0, seed=s) for s in range(5)}
    assert texts == {"Travel claims are paid within 10 working days."}
    assert novel_sentences(texts.pop(), corpus)


def test_only_the_travel_phrase_is_made_up_at_0_and_most_writing_is_made_up_from_1(
    model, corpus, rates
):
    """Claim: "at temperature 0 only the travel claims sentence is made up (one phrase in
    six); at temperature 1 and above, most of what the model writes appears nowhere in its
    training text." (Chart title: "Higher temperature, more made-up writing".)"""
    made_up_at_0 = [
        p for p in STANDARD_PROMPTS if novel_sentences(generate(model, p, temperature=0.0), corpus)
    ]
    assert made_up_at_0 == ["Travel claims are"] and len(STANDARD_PROMPTS) == 6
    share = dict(zip(rates["temperature"], rates["share_made_up"], strict=True))
    assert share[0.0] == pytest.approx(1 / 6)
    assert all(share[t] > 0.5 for t in share if t >= 1.0)
    assert all(np.diff(rates["share_made_up"]) > 0)


def test_the_made_up_sentences_at_temperature_1_are_two_false_and_one_true(model, corpus, index):
    """Claim: "Here are the made-up sentences from the first try at temperature 1" ... "Two
    of the three are false (the hardship grant is $1,500 a year for each household, not $60
    for each child; travel claims have nothing to do with school terms). The third happens
    to be true." (Also the quiz: "Why did the tiny model write 'The maximum hardship grant
    is $60 for each child each year'?")"""
    table = invented_sentences(model, corpus, index)
    assert len(table) == 3
    hardship, travel, third = table["written"]
    assert hardship == "The maximum hardship grant is $60 for each child each year."
    assert "$1,500 a year for each household" in policy_by_id("CSA-POL-02").text
    assert "60" in number_tokens(hardship) and "60" not in number_tokens(
        policy_by_id("CSA-POL-02").text
    )
    assert travel.startswith("Travel claims") and "school term" in travel
    assert "school" not in policy_by_id("CSA-POL-10").text.lower()
    # The third is a made-up sentence whose words all open a true sentence of the corpus.
    assert not is_in_corpus(third, corpus)
    assert is_in_corpus(third.rstrip("."), corpus)
    assert table["policy"].tolist()[:2] == ["CSA-POL-02", "CSA-POL-10"]


# --------------------------------------------------------------------------------------
# Section 5: embeddings and meaning-based search
# --------------------------------------------------------------------------------------


def test_the_search_learns_50_numbers_per_word_from_policies_sentences_and_enquiries(index):
    """Claim: "Our search learns 50 numbers for each word from the policies, the
    plain-language sentences about them, and 3,000 made-up enquiries." """
    assert index.dims == 50 and index.embed(["money"]).shape == (1, 50)
    assert len(make_enquiries()) == 3000
    background = default_background()
    assert background[-len(corpus_sentences()) :] == corpus_sentences()
    assert len(index.passages) == len(POLICIES)


def test_the_map_words_sit_in_four_groups_by_topic(index):
    """Claim: "the words sit in four groups by topic (money, complaints, appointments, school
    costs), although nobody told the search which words go together." Tested on the map:
    every word is nearer its own topic's centre than any other topic's centre."""
    word_map = meaning_map(index)
    table = word_map.words
    centres = table.groupby("topic")[["x", "y"]].mean()
    assert len(centres) == 4 == len(MAP_WORDS)
    for row in table.itertuples():
        distance = ((centres - [row.x, row.y]) ** 2).sum(axis=1)
        assert distance.idxmin() == row.topic, row.word


def test_money_payment_and_bank_have_similar_numbers(index):
    """Claim (sections 5 and quiz): "Words that keep turning up in the same kinds of messages,
    like "money", "payment" and "bank", end up with similar numbers." """
    close = [sentence_similarity(index, "money", w) for w in ("payment", "bank")]
    far = [sentence_similarity(index, "money", w) for w in ("complaint", "uniform", "cancel")]
    assert min(close) > 0.3 and max(far) < 0.2
    assert min(close) > 2 * max(far)


def test_the_suggested_words_are_known_except_whanau(index):
    """Claim: 'Try "late", "fridge", "interpreter", then "whānau". What happens with a word
    the search has never seen?' and "A search that knows only its own training text cannot
    understand words it never saw, including te reo Māori words that its texts did not
    use." """
    word_map = meaning_map(index)
    for word in ("late", "fridge", "interpreter"):
        assert place_word(index, word_map, word).known, word
    for word in ("whānau", "whanau"):
        assert not place_word(index, word_map, word).known


def test_meaning_search_finds_payment_day_where_keyword_search_finds_nothing(index):
    """Claim: "search by meaning puts the *Payment day* policy first, although that policy
    never says "money"; keyword search finds no passage at all." """
    question = "When will I get my money?"
    assert search(index, question)["id"].iloc[0] == "CSA-POL-01"
    assert "money" not in policy_by_id("CSA-POL-01").text.lower()
    assert keyword_search(index.passages, question).empty


def test_the_fridge_question_does_not_put_hardship_grants_first(index):
    """Claim: 'try "My fridge broke and I need help paying for a new one": where does the
    *Hardship grants* policy come? The best match is not always the right one' (it comes
    in the top three, but not first)."""
    found = search(index, "My fridge broke and I need help paying for a new one", k=3)
    assert "CSA-POL-02" in set(found["id"])
    assert found["id"].iloc[0] != "CSA-POL-02"


# --------------------------------------------------------------------------------------
# Section 6: grounded answers
# --------------------------------------------------------------------------------------


def test_the_answer_from_memory_gets_the_grant_wrong_and_the_grounded_one_quotes_it(model, index):
    """Claim: "The answer from memory sounds sure, but the amount is wrong. The grounded
    answer quotes the policy and names it, so anyone can check." """
    question = "What is the maximum hardship grant?"
    memory = ungrounded_answer(model, question)
    amounts = number_tokens(memory)
    assert amounts and "1,500" not in amounts
    grounded = grounded_answer(index, question)
    assert grounded.found and grounded.policy_id == "CSA-POL-02"
    assert "$1,500" in grounded.quote and grounded.quote in policy_by_id("CSA-POL-02").text


def test_off_topic_question_memory_talks_payments_grounded_says_not_found(model, index):
    """Claim: 'the model answering from memory never says "I don't know"; it writes something
    fluent about payments. The grounded tool says it could not find the answer.'"""
    question = "What is the capital of France?"
    memory = ungrounded_answer(model, question)
    assert "payment" in memory.lower() and memory.endswith(".")
    assert "know" not in memory.lower()
    assert grounded_answer(index, question).text == NOT_FOUND


# --------------------------------------------------------------------------------------
# Section 7: prompts
# --------------------------------------------------------------------------------------


def test_prompt_examples_are_vague_clear_and_risky():
    """Claims: 'start from "A vague request"', 'look at "A clear request" and "A risky
    request". What does the checklist say about the risky one?' (it finds personal
    information); the clear one is fully ticked; "its personal-information check only spots
    obvious patterns such as email addresses and phone numbers"."""
    assert not check_prompt(EXAMPLE_PROMPTS["A vague request"]).ready
    assert check_prompt(EXAMPLE_PROMPTS["A clear request"]).ready
    risky = check_prompt(EXAMPLE_PROMPTS["A risky request"])
    assert risky.missing == ("no_personal_information",)
    kinds = {k for k, _ in risky.personal_information}
    assert {"an email address", "a phone number"} <= kinds


# --------------------------------------------------------------------------------------
# Quizzes
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("bank", [WEEK4_SAFE_USE, WEEK4_REVIEW], ids=["safe use", "review"])
def test_week4_quizzes_are_well_formed(bank):
    """The self-checks: QuizQuestions, each marking its own answer correct and others not."""
    assert isinstance(bank, tuple) and 3 <= len(bank) <= 6
    for q in bank:
        assert isinstance(q, QuizQuestion)
        assert mark_answer(q, q.answer).status == "correct"
        for wrong in (o for o in q.options if o != q.answer):
            assert mark_answer(q, wrong).status == "not yet"
    assert len({q.prompt for q in bank}) == len(bank)


def test_safe_use_quiz_covers_all_three_groups_with_reasons():
    """Section 8: 'Sort each use below. You get the reason straight away.' Every group is
    used, and each 'Never' rests on personal or SENSITIVE information."""
    assert all(q.options == SAFE_USE_OPTIONS for q in WEEK4_SAFE_USE)
    assert {q.answer for q in WEEK4_SAFE_USE} == set(SAFE_USE_OPTIONS)
    for q in WEEK4_SAFE_USE:
        if q.answer == "Never":
            assert "personal information" in q.explanation or "SENSITIVE" in q.explanation


# --------------------------------------------------------------------------------------
# The assignment: question 1 (tokens)
# --------------------------------------------------------------------------------------

W4_IDS = ("w4-1a", "w4-1b", "w4-2", "w4-3a", "w4-3b", "w4-4a", "w4-4b", "w4-4c", "w4-4d")


def test_every_week4_question_is_registered():
    grade("w4-1a", 8)  # loads every week's module
    assert {i for i in REGISTRY if i.startswith("w4-")} == set(W4_IDS)


def test_question_1a_sentence_has_8_tokens_and_6_words():
    """Assignment 1a: "My grant of $1,500 is late." has 8 tokens; the usual slip is to count
    its 6 words."""
    assert count_tokens(SENTENCE_1A) == 8 and word_count(SENTENCE_1A) == 6


@pytest.mark.parametrize(
    ("answer", "status", "says"),
    [
        (8, "correct", "[$] [1,500]"),
        (8.0, "correct", "8 tokens"),
        (6, "not yet", "number of words"),
        (10, "not yet", "1,500 is one token"),
        (7, "not yet", "every punctuation mark"),
        (12, "not yet", "counted twice"),
        ("8", "wrong kind", "no quotes"),
        (8.5, "wrong kind", "fraction"),
        (..., "not answered", "Replace the ..."),
    ],
)
def test_question_1a_check(answer, status, says):
    verdict = grade("w4-1a", answer)
    assert verdict.status == status and says in verdict.message


@pytest.mark.parametrize(
    ("answer", "status", "says"),
    [
        ("Our team answers about forty calls about payments every day!!", "correct", "12 tokens"),
        ("Our team answers about forty calls about payments every day.", "not yet", "11 tokens"),
        (
            "Our team answers forty calls about payments every single day, mostly.",
            "not yet",
            "13 tokens, not 12",
        ),
        ("............", "not yet", "at least 3"),
        ("Ring Ms Tui on 021 000 0000 about her grant.", "not yet", "personal details"),
        (12, "wrong kind", "in quotes"),
        ("...", "not answered", "between the quotes"),
    ],
)
def test_question_1b_check(answer, status, says):
    verdict = grade("w4-1b", answer)
    assert verdict.status == status, verdict
    assert says in verdict.message
    if status == "not yet" and "tokens" in says:
        change = "Add" if count_tokens(answer) < TARGET_TOKENS else "Take out"
        assert f"{change} 1 " in verdict.message


def test_question_1b_target_is_reachable_by_adding_punctuation():
    """The check's advice "a word or a punctuation mark each counts as one" holds."""
    base = "Our team answers about forty calls about payments every day"
    assert count_tokens(base) == TARGET_TOKENS - 2
    assert count_tokens(base + "!!") == TARGET_TOKENS


def test_token_report_lists_the_tokens():
    assert token_report("Hello there.") == "3 tokens: [hello] [there] [.]"
    assert "replace" not in token_report(...) and "Write your sentence" in token_report(...)
    assert "in quotes" in token_report(5)


# --------------------------------------------------------------------------------------
# The assignment: question 2 (temperature)
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("temperature", [0, 0.0, np.float64(0.0)])
def test_question_2_temperature_0_is_repeatable(temperature):
    """Assignment 2 is graded by the property: ten tries give the same text for every
    standard phrase. Only temperature 0 guarantees it."""
    assert different_tries(float(temperature)) is None
    assert grade("w4-2", temperature).correct


@pytest.mark.parametrize("temperature", [0.05, 0.1, 0.5, 1, 1.5, 2])
def test_question_2_any_temperature_above_0_gives_different_tries(temperature):
    """Above 0 a tie stays a tie ('10' and '5' after "paid within"), so tries differ."""
    found = different_tries(temperature)
    assert found is not None
    prompt, first, other = found
    assert first != other and first.startswith(prompt) and other.startswith(prompt)
    verdict = grade("w4-2", temperature)
    assert verdict.status == "not yet" and first in verdict.message and other in verdict.message


@pytest.mark.parametrize(
    ("answer", "status", "says"),
    [
        (-1, "not yet", "from 0 to 2"),
        (3, "not yet", "outside that range"),
        ("0", "wrong kind", "no quotes"),
        (False, "wrong kind", "True/False"),
        ([0], "wrong kind", "a list"),
        (..., "not answered", "number from 0 to 2"),
    ],
)
def test_question_2_check_explains_other_answers(answer, status, says):
    verdict = grade("w4-2", answer)
    assert verdict.status == status and says in verdict.message


def test_temperature_report_shows_three_tries():
    at_zero = temperature_report(0).splitlines()
    assert at_zero[:3] == [
        f"Try {i}: Travel claims are paid within 10 working days." for i in (1, 2, 3)
    ]
    assert at_zero[-1] == "All three tries are the same."
    assert temperature_report(1).splitlines()[-1] == "The tries differ."
    assert "from 0 to 2" in temperature_report("0")
    assert "replace the ..." in temperature_report(...)


# --------------------------------------------------------------------------------------
# The assignment: question 3 (search)
# --------------------------------------------------------------------------------------


def test_question_3_is_answered_by_two_policies_and_only_those():
    """Assignment 3: "Can I see what your staff have written about me?" Two passages answer
    it: clients can ask to see their own case notes (CSA-POL-06), and can ask for a copy of
    the personal information held about them (CSA-POL-11)."""
    assert ANSWERING_POLICIES == {"CSA-POL-06", "CSA-POL-11"}
    assert "Clients can ask to see their own case notes" in policy_by_id("CSA-POL-06").text
    assert "copy of the personal information we hold about you" in policy_by_id("CSA-POL-11").text
    others = [p for p in POLICIES if p.id not in ANSWERING_POLICIES]
    for p in others:
        text = p.text.lower()
        assert not ("see" in text.split() and "notes" in text), p.id
        assert "information we hold" not in text, p.id


def test_searching_the_clients_own_words_does_not_find_an_answer_first(index):
    """Assignment 3a: "*Tip:* the client's exact words may not work well, because the search
    ignores little words such as "what" and "me". Think of the words a policy would use." """
    assert search(index, QUESTION_3, k=1)["id"].iloc[0] not in ANSWERING_POLICIES
    assert {"what", "me"} <= STOP_WORDS
    assert search(index, "see my case notes", k=1)["id"].iloc[0] in (ANSWERING_POLICIES)


@pytest.mark.parametrize(
    "words", ["case notes", "see my notes", "copy of my information", "personal information"]
)
def test_question_3a_accepts_searches_that_put_an_answer_first(index, words):
    assert search(index, words, k=1)["id"].iloc[0] in ANSWERING_POLICIES
    assert check_my_search(words).correct


@pytest.mark.parametrize(
    ("answer", "status", "says"),
    [
        (QUESTION_3, "not yet", "CSA-POL-17"),
        ("what about me", "not yet", "found nothing close"),
        ("privacy breach", "not yet", "Privacy breaches"),
        (6, "wrong kind", "in quotes"),
        ("", "not answered", "search words"),
    ],
)
def test_question_3a_check(answer, status, says):
    verdict = grade("w4-3a", answer)
    assert verdict.status == status and says in verdict.message


@pytest.mark.parametrize(
    ("answer", "status", "says"),
    [
        ("CSA-POL-06", "correct", "Keeping case notes"),
        (" csa-pol-11 ", "correct", "Copies of your records"),
        ("CSA-POL-17", "not yet", "Proof of identity"),
        ("CSA-POL-05", "not yet", "Generative AI tools"),
        ("POL 6", "wrong kind", "not a policy id"),
        ("CSA-POL-99", "wrong kind", "not a policy id"),
        (6, "wrong kind", "in quotes"),
        ("...", "not answered", "CSA-POL-01"),
    ],
)
def test_question_3b_check(answer, status, says):
    verdict = grade("w4-3b", answer)
    assert verdict.status == status and says in verdict.message


def test_search_report_lists_the_best_passages_with_their_sentences(index):
    report = search_report("case notes")
    found = search(index, "case notes")
    assert report.splitlines()[0] == 'Searching for "case notes":'
    for i, row in enumerate(found.itertuples(), start=1):
        assert f"{i}. {row.id} {row.title} (closeness {row.score:.2f})" in report
        assert row.sentence in report
    assert "Type your search words" in search_report("...")
    assert "in quotes" in search_report(3)


# --------------------------------------------------------------------------------------
# The assignment: question 4 (safe, needs care, never)
# --------------------------------------------------------------------------------------

RIGHT_4 = {"w4-4a": "never", "w4-4b": "safe", "w4-4c": "needs care", "w4-4d": "never"}


@pytest.mark.parametrize(("question_id", "right"), sorted(RIGHT_4.items()))
def test_question_4_stores_one_right_option_as_a_digest(question_id, right):
    grade(question_id, right)
    exercise = REGISTRY[question_id]
    assert isinstance(exercise, ChoiceExercise) and exercise.options == SAFE_USE
    assert exercise.answer_digest == digest(question_id, right)
    assert grade(question_id, right).correct
    assert grade(question_id, right.upper() + " ").correct
    for wrong in (o for o in SAFE_USE if o != right):
        verdict = grade(question_id, wrong)
        assert verdict.status == "not yet" and SAFE_USE_HINTS[wrong] in verdict.message


def test_question_4_accepts_other_spellings_and_explains_wrong_kinds():
    assert grade("w4-4c", "Needs-care").correct and grade("w4-4c", "care").correct
    assert grade("w4-4a", "maybe").status == "wrong kind"
    assert grade("w4-4a", 1).status == "wrong kind"
    assert isinstance(grade("w4-4b", "..."), Verdict) and grade("w4-4b", "...").status == (
        "not answered"
    )


def test_question_4_reasons_follow_the_guidance():
    """The 'never' answers rest on the 2023 interim guidance's two 'do not' items."""
    grade("w4-4a", "never")
    assert "personal information" in REGISTRY["w4-4a"].why
    assert "SENSITIVE" in REGISTRY["w4-4d"].why
