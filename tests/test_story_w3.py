"""Story claims made by Week 3 ("How models learn, and how we know they work").

Each test quotes, in its docstring, a sentence of the lesson (notebooks/foundations/
week-3-how-models-learn.ipynb) or the assignment (source/week-3/) that depends on a
computed result, and asserts the shape the sentence states, so a change to the data world
cannot silently make the text false. The exercise checks the assignment relies on, and the
quiz banks, are tested here too.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from aicourse.data.applications import PROBLEM_EFFECTS
from aicourse.decisions import application_split
from aicourse.evaluation import (
    EXAMPLE_THRESHOLD,
    FLAG_WORDS,
    baseline_accuracy,
    baseline_metrics,
    classification_examples,
    imbalance_sweep,
    metrics_at_threshold,
    outcome_for_recall,
    precision,
    rare_problem_comparison,
    recall,
    regression_example,
    standard_scores,
    threshold_band,
)
from aicourse.exercises import REGISTRY, digest, grade
from aicourse.exercises.week3 import (
    EXERCISE_THRESHOLD,
    MAX_SHARE_FLAGGED,
    TARGET_RECALL,
    VENDOR,
    exercise_metrics,
    exercise_table,
    read_threshold,
    threshold_report,
)
from aicourse.quiz import QuizQuestion, mark_answer
from aicourse.quizzes_w3 import WEEK3_KINDS, WEEK3_REVIEW
from aicourse.trees import DEPTHS, FLAG, grow_tree, tree_rules


@pytest.fixture(scope="module")
def scored() -> tuple[np.ndarray, np.ndarray]:
    return standard_scores()


@pytest.fixture(scope="module")
def tree_results():
    return {d: grow_tree(d) for d in DEPTHS}


# --- the scenario and section 1 ---------------------------------------------------------------


def test_about_one_in_six_applications_had_a_problem():
    """Claim: "About 1 in 6 applications had a problem." """
    _, test = application_split()
    assert 0.14 <= test["problem"].mean() <= 0.19


def test_classification_answers_are_categories_and_wrong_both_ways():
    """Claim: "the answer is always one of two categories, and it is sometimes wrong in both
    directions: some applications are flagged but were fine, and some real problems are not
    flagged" (the table the notebook shows: ``classification_examples()``)."""
    table = classification_examples()
    assert set(table["Model's answer"]) <= set(FLAG_WORDS)
    flagged = table["Model's answer"] == FLAG_WORDS[0]
    had = table["What was true"] == "Had a problem"
    assert (flagged & ~had).any() and (~flagged & had).any()


def test_the_forecast_follows_the_winter_rise_and_stays_within_a_few_per_cent():
    """Claim: "the forecast (dashed) follows the winter rise it learned from the first year,
    and in the weeks it had not seen it stays within a few per cent of what really arrived"
    (tested: its peak falls in New Zealand's winter, and every unseen week is within 6%)."""
    errors = regression_example()
    peak_week = int(errors.loc[errors["forecast"].idxmax(), "week"])
    assert 22 <= peak_week <= 35  # June to August of the first year (week 1 starts 2 January)
    unseen = errors.loc[~errors["in_training"], "abs_pct_error"]
    assert len(unseen) >= 4 and unseen.max() < 6


# --- section 2: the tree ----------------------------------------------------------------------


def test_the_first_question_is_about_documents_the_strongest_warning_sign(tree_results):
    """Claim: "the first question is whether all the documents were supplied, because missing
    documents are the strongest warning sign in these past applications"."""
    for r in tree_results.values():
        assert r.nodes[0].feature == "documents_complete"
    effects = {k: abs(v) for k, v in PROBLEM_EFFECTS.items() if k != "intercept"}
    assert max(effects, key=effects.get) == "documents_missing"


def test_the_depth_two_tree_flags_one_leaf_missing_documents_and_higher_income(tree_results):
    """Claim: "only one leaf, missing documents with a higher weekly income, has more problems
    than not, so only it is flagged"."""
    rules = tree_rules(tree_results[2].tree)
    flagged = rules[rules["decision"] == FLAG]
    assert len(flagged) == 1
    rule = flagged["rule"].iloc[0]
    assert rule.startswith("All documents supplied? no")
    assert "Weekly income over" in rule and rule.endswith("yes")


def test_with_one_question_the_tree_flags_nobody_and_is_still_mostly_right(tree_results):
    """Claim: "with one question, neither group has a majority of problems, so the tree flags
    nobody at all, and it is still right about most test applications"."""
    one = tree_results[1]
    leaves = [n for n in one.nodes if n.is_leaf]
    assert len(leaves) == 2 and all(2 * n.problems < n.applications for n in leaves)
    assert one.test_metrics.flagged == 0
    assert one.test_metrics.accuracy > 0.8


def test_tree_accuracy_is_about_83_percent_whatever_the_depth(tree_results):
    """Claim: "Whatever the depth, the tree is right about 83% of the test applications, give
    or take a point, while its score on the applications it learned from creeps up as it
    gets deeper"."""
    test_accuracy = [tree_results[d].test_metrics.accuracy for d in DEPTHS]
    assert all(0.82 <= a < 0.845 for a in test_accuracy)
    train_accuracy = [tree_results[d].train_metrics.accuracy for d in DEPTHS]
    assert train_accuracy == sorted(train_accuracy) and train_accuracy[-1] > train_accuracy[0]


def test_the_trees_83_percent_is_about_what_flagging_nobody_scores(tree_results):
    """Claim (section 4): "the tree's 83% was about what flagging nobody scores on these test
    applications: 1 in 6 had a problem, so flagging nobody is right 5 times in 6"."""
    _, test = application_split()
    nobody = baseline_accuracy(test["problem"])
    assert nobody == pytest.approx(5 / 6, abs=0.01)
    for r in tree_results.values():
        assert abs(r.test_metrics.accuracy - nobody) <= 0.01


# --- section 3: the confusion matrix ----------------------------------------------------------


def test_at_50_percent_mostly_right_but_catches_under_a_third(scored):
    """Claim: "at 50% the model is right more than 80% of the time, yet it catches fewer than
    a third of the real problems"."""
    m = metrics_at_threshold(*scored, 0.5)
    assert m.accuracy > 0.8
    assert m.recall < 1 / 3


def test_lowering_the_threshold_raises_recall_and_lowers_precision(scored):
    """Claim: "lowering the threshold raises recall and lowers precision" (from 50% to 20%,
    the "Try it" move)."""
    high, low = metrics_at_threshold(*scored, 0.5), metrics_at_threshold(*scored, 0.2)
    assert low.recall > high.recall
    assert low.precision < high.precision


# --- section 4: rare problems -----------------------------------------------------------------


def test_at_5_percent_flagging_nobody_wins_on_accuracy_and_the_model_catches_about_half(scored):
    """Claim: "Flagging nobody wins on accuracy and is useless. Our model is right less often,
    but it catches about half the problems." (5% have a problem; the model flags at 20%)."""
    r = rare_problem_comparison(*scored, 0.05)
    assert r.threshold == EXAMPLE_THRESHOLD
    assert r.baseline.accuracy == pytest.approx(0.95, abs=0.005)
    assert r.baseline.correctly_flagged == 0
    assert r.model.accuracy < r.baseline.accuracy
    assert 0.4 <= r.model.recall <= 0.65


def test_below_one_in_five_the_model_is_less_accurate_than_doing_nothing(scored):
    """Claim: "the rarer the problem, the more accurate flagging nobody looks, while the share
    of problems it catches stays at zero; whenever fewer than about 1 in 5 applications have a
    problem, our model's accuracy is below that of doing nothing, yet it keeps catching about
    half or more of them"."""
    sweep = imbalance_sweep(*scored)
    assert sweep["baseline_accuracy"].is_monotonic_decreasing
    assert (sweep["baseline_recall"] == 0).all()
    rare = sweep[sweep["prevalence"] <= 0.2]
    assert (rare["model_accuracy"] < rare["baseline_accuracy"]).all()
    assert (sweep["model_recall"] >= 0.45).all()
    # ...and once problems are common enough, the model does win on accuracy.
    common = sweep[sweep["prevalence"] >= 0.3]
    assert (common["model_accuracy"] > common["baseline_accuracy"]).all()


# --- section 5: choosing a threshold ----------------------------------------------------------


def test_the_highest_threshold_meeting_a_target_flags_the_fewest(scored):
    """Claim: "The highest threshold that still meets the target flags the fewest people"."""
    best = outcome_for_recall(*scored, 0.8)
    for lower in (best.threshold - 0.01, best.threshold - 0.05):
        other = metrics_at_threshold(*scored, lower)
        assert other.recall >= 0.8 and other.flagged >= best.flagged


def test_each_step_up_in_recall_costs_more_than_the_last(scored):
    """Claim: "Each step up costs more than the last: going from catching 80% to 90% of
    problems means checking far more people who had done nothing wrong than going from 70%
    to 80% did" (tested: more than one and a half times as many)."""
    wrong = {t: outcome_for_recall(*scored, t).wrongly_flagged for t in (0.7, 0.8, 0.9)}
    assert wrong[0.9] - wrong[0.8] > 1.5 * (wrong[0.8] - wrong[0.7]) > 0


# --- the quizzes ------------------------------------------------------------------------------


@pytest.mark.parametrize("bank", [WEEK3_KINDS, WEEK3_REVIEW])
def test_week3_quizzes_are_well_formed(bank):
    """The self-checks: each question marks its own answer correct and another option not."""
    assert isinstance(bank, tuple) and len(bank) >= 3
    for q in bank:
        assert isinstance(q, QuizQuestion)
        assert mark_answer(q, q.answer).status == "correct"
        assert mark_answer(q, next(o for o in q.options if o != q.answer)).status == "not yet"
    assert pd.Series([q.prompt for q in bank]).is_unique


def test_review_quiz_arithmetic():
    """Quiz: "flags 80 ... 60 of them really had a problem ... 100 real problems": precision
    "75%" and recall "60%"; "Fraud is in 5 of every 100 claims": flagging nobody is "right 95
    times in 100"."""
    assert precision(60, 20) == pytest.approx(0.75)
    assert recall(60, 40) == pytest.approx(0.60)
    assert "75%" == WEEK3_REVIEW[0].answer
    assert baseline_metrics(5, 100).accuracy == pytest.approx(0.95)


def test_lower_thresholds_flag_more_people_with_no_problem(scored):
    """Quiz: lowering the threshold means "More applications with no problem are flagged too"."""
    wrong = [metrics_at_threshold(*scored, t).wrongly_flagged for t in (0.6, 0.4, 0.2, 0.1)]
    assert wrong == sorted(wrong) and wrong[-1] > wrong[0]


# --- the assignment ---------------------------------------------------------------------------


def test_week3_registers_five_exercises_with_unique_variables():
    week3 = sorted(k for k in REGISTRY if k.startswith("w3-"))
    assert week3 == ["w3-1a", "w3-1b", "w3-2", "w3-3a", "w3-3b"]
    variables = [REGISTRY[k].variable for k in week3]
    assert len(set(variables)) == len(variables)


def test_question_1_table_is_the_models_counts_at_20_percent(scored):
    """Assignment Q1: "the confusion table of the agency's risk model at a threshold of 20%"."""
    m = exercise_metrics()
    assert EXERCISE_THRESHOLD == 0.2
    assert m == metrics_at_threshold(*scored, 0.2)
    table = exercise_table()
    assert int(table.to_numpy().sum()) == m.n == len(scored[0])
    # Precision and recall differ by well over a point, so swapping them is caught.
    assert abs(m.precision - m.recall) > 0.05


def test_question_1_accepts_right_answers_and_explains_mistakes():
    m = exercise_metrics()
    p, r = 100 * m.precision, 100 * m.recall
    for answer in (round(p, 1), round(p), round(m.precision, 3)):
        assert grade("w3-1a", answer).correct, answer
    for answer in (round(r, 1), round(m.recall, 2)):
        assert grade("w3-1b", answer).correct, answer
    swapped = grade("w3-1a", round(r, 1))
    assert swapped.status == "not yet" and "That is the recall" in swapped.message
    swapped = grade("w3-1b", round(p, 1))
    assert swapped.status == "not yet" and "That is the precision" in swapped.message
    assert "That is the accuracy" in grade("w3-1a", round(100 * m.accuracy, 1)).message
    divided_by_all = round(100 * m.correctly_flagged / m.n, 1)
    assert "divided by all the applications" in grade("w3-1a", divided_by_all).message
    assert grade("w3-1b", "62").status == "wrong kind"


def test_question_2_has_a_band_of_right_thresholds(scored):
    """Assignment Q2: "Any threshold that catches at least 70% of real problems while flagging
    no more than 40% of applications is right" (the band holds at least two whole
    percentages, so there is more than one right answer)."""
    band = threshold_band(*scored, TARGET_RECALL, MAX_SHARE_FLAGGED)
    assert band is not None
    low, high = band
    whole = [t / 100 for t in range(1, 100) if low <= t / 100 <= high]
    assert len(whole) >= 2
    for t in whole:
        assert grade("w3-2", t).correct and grade("w3-2", 100 * t).correct
    assert grade("w3-2", round(high + 0.02, 2)).status == "not yet"
    assert "lower the threshold" in grade("w3-2", round(high + 0.02, 2)).message
    too_many = grade("w3-2", round(low - 0.02, 2))
    assert too_many.status == "not yet" and "raise the" in too_many.message
    everyone = grade("w3-2", 0.0)  # flags everyone: meets recall, far too many checks
    assert everyone.status == "not yet" and "more than the 40%" in everyone.message


@pytest.mark.parametrize(
    ("answer", "expected"),
    [(0.15, 0.15), (15, 0.15), (1, 1.0), (0, 0.0), (100, 1.0), (150, None), ("15", None)],
)
def test_read_threshold(answer, expected):
    assert read_threshold(answer) == expected


def test_threshold_report_says_recall_and_share_flagged(scored):
    m = metrics_at_threshold(*scored, 0.15)
    text = threshold_report(0.15)
    assert f"{m.flagged:,} of {m.n:,}" in text and f"recall {m.recall:.1%}" in text
    assert threshold_report(15) == text
    assert "replace the ..." in threshold_report(...)
    assert "must be a number" in threshold_report("0.15")


def test_question_3_vendor_model_does_not_beat_flagging_nobody():
    """Assignment Q3: the vendor's model "is right about 940 of the 1,000 claims (94%)" and
    flagging nobody about 950 (95%), so it does not beat the baseline on accuracy."""
    assert (VENDOR.n, VENDOR.problems) == (1000, 50)
    assert VENDOR.accuracy == pytest.approx(0.94)
    assert grade("w3-3a", 95).correct and grade("w3-3a", 0.95).correct
    assert "vendor model's accuracy" in grade("w3-3a", 94).message
    assert "share of claims that were fraudulent" in grade("w3-3a", 5).message
    assert REGISTRY["w3-3b"].answer_digest == digest("w3-3b", "no")
    for answer in ("no", "No", " n ", "nope"):
        assert grade("w3-3b", answer).correct, answer
    assert grade("w3-3b", "yes").status == "not yet"
    assert grade("w3-3b", False).status == "wrong kind"
