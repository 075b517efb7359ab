"""Story claims made in Masterclass 1 ("What AI is, and what it isn't") that are not
already tested elsewhere.

Claims the masterclass shares with the Week 1 lesson (rules versus learning, the learning
curve) are backed by tests/test_classify.py and tests/test_learning_value.py; its claims
about temperature and made-up output by tests/test_language.py. This module adds the
confidence claims of section 3 and the two worked examples of section 4.
"""

from __future__ import annotations

import pytest

from aicourse import SEED
from aicourse.classify import (
    compare_classifiers,
    confidence_split,
    confidence_sweep,
    predict_with_confidence,
    train_text_classifier,
)
from aicourse.data.corpus import corpus_text
from aicourse.language import (
    generate,
    is_in_corpus,
    next_token_probabilities,
    novel_sentences,
    number_tokens,
    standard_model,
)
from aicourse.learning import standard_split
from aicourse.quiz import QuizQuestion
from aicourse.quizzes_mc1 import MASTERCLASS_1
from aicourse.views.text import THRESHOLDS


@pytest.fixture(scope="module")
def confident():
    """The masterclass's model on the standard split: confidence and correctness per test
    message, the test set, and the comparison's model accuracy."""
    train, test = standard_split()
    model = train_text_classifier(train["text"], train["category"])
    predictions = predict_with_confidence(model, test["text"])
    correct = (predictions["predicted"] == test["category"]).to_numpy()
    accuracy = compare_classifiers(train, test).model.accuracy
    return predictions["confidence"].to_numpy(), correct, test, accuracy


def test_claim_a_higher_bar_is_more_often_right_and_sends_more_to_a_person(confident):
    """Section 3: "Whatever bar you set, the messages the model sorts on its own are more
    often right than the model is overall; the higher the bar, the more messages go to a
    person." Also "Confident predictions are more often right": the automated share is
    more accurate at the top of the slider's range than at the bottom."""
    conf, correct, _, accuracy = confident
    sweep = confidence_sweep(conf, correct, THRESHOLDS)
    assert (sweep["accuracy_automatic"] >= accuracy).all()
    to_person = sweep["n_to_person"].tolist()
    assert to_person == sorted(to_person)
    assert to_person[-1] > to_person[0]
    assert sweep["accuracy_automatic"].iloc[-1] > sweep["accuracy_automatic"].iloc[0]


def test_claim_at_60_percent_few_go_to_a_person_and_those_are_the_hard_ones(confident):
    """Section 3: "At a 60% bar, fewer than one message in ten goes to a person" and "the
    messages the model is unsure of are mostly vague, about two topics, or wrongly labelled
    in the first place" (the ``ambiguous`` and ``mislabelled`` flags)."""
    conf, correct, test, accuracy = confident
    split = confidence_split(conf, correct, 0.6)
    assert 0 < split.n_to_person < 0.1 * split.n_total
    assert split.accuracy_automatic > accuracy
    unsure = conf < 0.6
    hard = (test["ambiguous"] | test["mislabelled"]).to_numpy()
    assert hard[unsure].mean() > 0.5


def test_claim_hardship_grant_sentence_is_fluent_new_and_wrong():
    """Section 4: "At temperature 1 (try 1), the model writes a sentence about the maximum
    hardship grant that appears nowhere in its training text, with the wrong amount: the
    training text says the maximum is $1,500 a year." """
    corpus = corpus_text()
    text = generate(standard_model(), "The maximum hardship grant", temperature=1.0, seed=SEED)
    assert novel_sentences(text, corpus) == [text]
    assert text.endswith(".")
    assert is_in_corpus("The maximum hardship grant is $1,500 a year.", corpus)
    assert "1,500" not in number_tokens(text)
    assert number_tokens(text)  # it does state an amount


def test_claim_travel_claims_tie_and_greedy_output_is_false():
    """Section 4: "After 'Travel claims are paid within', the model has seen '10' and '5'
    equally often, so each gets an even chance. At temperature 0 it always takes the first
    of the tie and writes '10 working days'; the training text says 5." """
    model = standard_model()
    chances = next_token_probabilities(model, "Travel claims are paid within", top=5)
    assert chances["token"].tolist()[:2] == ["10", "5"]
    assert chances["probability"].iloc[0] == pytest.approx(0.5)
    assert chances["probability"].iloc[1] == pytest.approx(0.5)
    text = generate(model, "Travel claims are", temperature=0.0)
    assert "10 working days" in text
    corpus = corpus_text()
    assert is_in_corpus("Travel claims are paid within 5 working days", corpus)
    assert not is_in_corpus(text, corpus)


def test_question_bank_is_well_formed():
    assert len(MASTERCLASS_1) >= 4
    assert all(isinstance(q, QuizQuestion) for q in MASTERCLASS_1)
    assert len({q.prompt for q in MASTERCLASS_1}) == len(MASTERCLASS_1)


def test_facilitator_guide_message_examples_behave_as_described():
    """Facilitator guide, Masterclass 1: "Please use my new mobile number from now on" beats
    the rule (default Payments) but not the model; a two-topic message lowers the model's
    confidence."""
    from aicourse.classify import sort_message, train_text_classifier
    from aicourse.learning import standard_split

    train, _ = standard_split()
    model = train_text_classifier(train["text"], train["category"])
    clear = sort_message("Please use my new mobile number from now on", model)
    assert clear["keyword"] is None and clear["rule"] == "Payments"
    assert clear["model"] == "Update my details" and clear["confidence"] > 0.8
    mixed = sort_message("I have moved and my payment is late", model)
    assert mixed["confidence"] < 0.75
