"""How we know a model works: measures from counts, baselines, rare problems, examples.

Expected values are worked out by hand from small made-up counts, or from the documented
mechanism, never copied from output.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from aicourse.decisions import (
    DECISION_LABELS,
    TRUTH_LABELS,
    application_split,
    confusion_counts,
    threshold_for_recall,
    threshold_outcome,
    threshold_sweep,
)
from aicourse.evaluation import (
    EXAMPLE_THRESHOLD,
    FLAG_WORDS,
    PREVALENCES,
    REGRESSION_TRAIN_WEEKS,
    BaselineComparison,
    Metrics,
    accuracy,
    baseline_accuracy,
    baseline_metrics,
    check_threshold,
    classification_examples,
    compare_with_baseline,
    imbalance_sweep,
    metrics_at_threshold,
    metrics_from_counts,
    metrics_from_flags,
    metrics_from_outcome,
    metrics_from_table,
    outcome_for_recall,
    precision,
    rare_problem_comparison,
    rare_problem_set,
    recall,
    regression_example,
    standard_scores,
    threshold_band,
)
from aicourse.plots.evaluation import (
    baseline_chart,
    confusion_chart,
    confusion_dashboard,
    metric_bars,
    recall_target_dashboard,
)

#: Ten scored applications, highest score first; three had a problem (rows 0, 2 and 4).
SCORES = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05]
TRUTH = [True, False, True, False, True, False, False, False, False, False]


@pytest.fixture(scope="module")
def scored() -> tuple[np.ndarray, np.ndarray]:
    return standard_scores()


# --- measures from counts ---------------------------------------------------------------------


def test_measures_from_four_counts():
    m = metrics_from_counts(3, 1, 2, 4)  # 3 + 1 flagged, 3 + 2 problems, 10 in all
    assert (m.n, m.flagged, m.problems) == (10, 4, 5)
    assert m.accuracy == pytest.approx(7 / 10)
    assert m.precision == pytest.approx(3 / 4)
    assert m.recall == pytest.approx(3 / 5)
    assert m.share_flagged == pytest.approx(4 / 10)
    assert m.problem_rate == pytest.approx(5 / 10)


def test_a_measure_with_nothing_to_divide_by_is_nan():
    nothing_flagged = metrics_from_counts(0, 0, 5, 5)
    assert math.isnan(nothing_flagged.precision)
    assert nothing_flagged.recall == 0.0
    no_problems = metrics_from_counts(0, 3, 0, 7)
    assert math.isnan(no_problems.recall)
    assert no_problems.precision == 0.0


def test_whole_number_floats_and_numpy_counts_are_accepted():
    m = metrics_from_counts(3.0, np.int64(1), 2, 4)
    assert m == Metrics(3, 1, 2, 4)
    assert all(type(v) is int for v in (m.correctly_flagged, m.wrongly_flagged))


@pytest.mark.parametrize(
    ("counts", "error", "words"),
    [
        ((-1, 1, 2, 4), ValueError, "cannot be negative"),
        ((2.5, 1, 2, 4), ValueError, "whole number"),
        (("3", 1, 2, 4), TypeError, "whole number"),
        ((True, 1, 2, 4), TypeError, "whole number"),
        ((None, 1, 2, 4), TypeError, "whole number"),
        ((float("nan"), 1, 2, 4), ValueError, "whole number"),
        ((0, 0, 0, 0), ValueError, "no decisions"),
    ],
)
def test_bad_counts_get_a_plain_message(counts, error, words):
    with pytest.raises(error, match=words):
        metrics_from_counts(*counts)


def test_precision_recall_and_accuracy_functions_agree_with_metrics():
    m = metrics_from_counts(124, 201, 76, 799)
    assert precision(124, 201) == pytest.approx(124 / 325) == pytest.approx(m.precision)
    assert recall(124, 76) == pytest.approx(124 / 200) == pytest.approx(m.recall)
    assert accuracy(124, 201, 76, 799) == pytest.approx(923 / 1200)
    assert math.isnan(precision(0, 0)) and math.isnan(recall(0, 0))
    with pytest.raises(ValueError, match="cannot be negative"):
        recall(3, -1)
    with pytest.raises(TypeError, match="whole number"):
        precision("5", 1)


def test_table_has_the_layout_of_confusion_counts_and_reads_back():
    truth = [True, True, False, False, False, True]
    flags = [True, False, True, False, False, True]
    from_arrays = confusion_counts(truth, flags)
    m = metrics_from_flags(truth, flags)
    assert m == Metrics(correctly_flagged=2, wrongly_flagged=1, missed=1, correctly_cleared=2)
    pd.testing.assert_frame_equal(m.table(), from_arrays)
    assert metrics_from_table(from_arrays) == m
    assert list(m.table().index) == list(TRUTH_LABELS)
    assert list(m.table().columns) == list(DECISION_LABELS)


def test_metrics_from_table_refuses_other_tables():
    with pytest.raises(TypeError, match="confusion table"):
        metrics_from_table([[1, 2], [3, 4]])
    with pytest.raises(ValueError, match="expected rows"):
        metrics_from_table(pd.DataFrame([[1, 2], [3, 4]]))


def test_metrics_from_outcome_and_at_threshold_count_the_same_as_threshold_outcome():
    o = threshold_outcome(SCORES, TRUTH, 0.65)  # flags 0.9, 0.8, 0.7: two problems, one not
    m = metrics_from_outcome(o)
    assert m == Metrics(2, 1, 1, 6)
    assert metrics_at_threshold(SCORES, TRUTH, 0.65) == m
    with pytest.raises(TypeError, match="ThresholdOutcome"):
        metrics_from_outcome(m)


def test_threshold_zero_flags_everyone_and_above_every_score_flags_no_one():
    everyone = metrics_at_threshold(SCORES, TRUTH, 0.0)
    assert everyone.recall == 1.0 and everyone.precision == pytest.approx(3 / 10)
    no_one = metrics_at_threshold(SCORES, TRUTH, 0.95)
    assert no_one.flagged == 0 and no_one.accuracy == pytest.approx(7 / 10)


# --- the baseline -----------------------------------------------------------------------------


def test_baseline_never_flags_when_problems_are_under_half():
    b = baseline_metrics(50, 1000)
    assert b == Metrics(0, 0, 50, 950)
    assert b.accuracy == pytest.approx(0.95) and b.recall == 0.0
    assert baseline_metrics(5, 10).flagged == 0  # a tie: the baseline still flags nobody


def test_baseline_flags_everyone_when_most_have_a_problem():
    b = baseline_metrics(7, 10)
    assert b == Metrics(7, 3, 0, 0) and b.accuracy == pytest.approx(0.7)


@pytest.mark.parametrize(
    ("args", "error", "words"),
    [
        ((11, 10), ValueError, "more problems"),
        ((0, 0), ValueError, "at least 1"),
        (("5", 10), TypeError, "whole number"),
    ],
)
def test_baseline_metrics_bad_input(args, error, words):
    with pytest.raises(error, match=words):
        baseline_metrics(*args)


def test_baseline_accuracy_is_the_share_of_the_most_common_answer():
    assert baseline_accuracy([True, False, False, False]) == pytest.approx(0.75)
    assert baseline_accuracy([True, True, True, False]) == pytest.approx(0.75)
    assert baseline_accuracy(np.array([0, 0, 1, 0, 0])) == pytest.approx(0.8)
    with pytest.raises(TypeError):
        baseline_accuracy("yes")


def test_compare_with_baseline_on_a_rare_problem():
    # 1,000 claims, 50 fraudulent; the model is right about 15 + 925 = 940 of them.
    c = compare_with_baseline(metrics_from_counts(15, 25, 35, 925))
    assert isinstance(c, BaselineComparison)
    assert c.baseline.accuracy == pytest.approx(0.95)
    assert not c.beats_on_accuracy
    assert c.accuracy_gap == pytest.approx(0.94 - 0.95)
    assert c.extra_problems_caught == 15
    assert compare_with_baseline(metrics_from_counts(40, 5, 10, 945)).beats_on_accuracy
    with pytest.raises(TypeError, match="Metrics"):
        compare_with_baseline((15, 25, 35, 925))


# --- the week's risk model --------------------------------------------------------------------


def test_standard_scores_are_repeatable_copies_for_the_test_set(scored):
    scores, truth = scored
    _, test = application_split()
    assert scores.shape == truth.shape == (len(test),)
    assert ((scores >= 0) & (scores <= 1)).all()
    np.testing.assert_array_equal(truth, test["problem"].to_numpy())
    again_scores, again_truth = standard_scores()
    np.testing.assert_array_equal(scores, again_scores)
    again_scores[:] = 0
    again_truth[:] = True
    fresh_scores, fresh_truth = standard_scores()
    np.testing.assert_array_equal(fresh_scores, scores)
    np.testing.assert_array_equal(fresh_truth, truth)


def test_standard_scores_rank_real_problems_higher(scored):
    """Mechanism: a problem's chance depends on the honest features the model sees."""
    scores, truth = scored
    assert scores[truth].mean() > 1.5 * scores[~truth].mean()


def test_standard_scores_refuse_a_bad_seed():
    with pytest.raises(TypeError, match="whole number"):
        standard_scores("2025")


def test_outcome_for_recall_meets_the_target_at_the_highest_such_threshold():
    o = outcome_for_recall(SCORES, TRUTH, 2 / 3)  # two of the three problems: 0.9 and 0.7
    assert o.threshold == pytest.approx(0.7)
    assert o.recall >= 2 / 3
    assert threshold_outcome(SCORES, TRUTH, 0.71).recall < 2 / 3
    assert o.threshold == threshold_for_recall(SCORES, TRUTH, 2 / 3)


def test_check_threshold_needs_both_conditions():
    # Target: two of the three problems; limit: four of the ten applications.
    ok = check_threshold(SCORES, TRUTH, 0.6, 2 / 3, 0.4)  # flags 0.9, 0.8, 0.7, 0.6
    assert ok.meets_recall and ok.within_capacity and ok.ok
    too_many = check_threshold(SCORES, TRUTH, 0.5, 2 / 3, 0.4)  # flags five
    assert too_many.meets_recall and not too_many.within_capacity and not too_many.ok
    too_few = check_threshold(SCORES, TRUTH, 0.75, 2 / 3, 0.4)  # catches only one problem
    assert not too_few.meets_recall and too_few.within_capacity and not too_few.ok


def test_threshold_band_runs_from_just_above_the_limit_to_the_recall_threshold():
    low, high = threshold_band(SCORES, TRUTH, 2 / 3, 0.4)
    assert 0.5 < low < 0.5001 and high == pytest.approx(0.7)
    for t in (low, 0.55, 0.6, 0.65, high):
        assert check_threshold(SCORES, TRUTH, t, 2 / 3, 0.4).ok, t
    assert not check_threshold(SCORES, TRUTH, 0.5, 2 / 3, 0.4).ok
    # Catching all three problems needs 0.5, which flags five: more than four allowed.
    assert threshold_band(SCORES, TRUTH, 1.0, 0.4) is None
    # With no limit at all, the band starts at zero.
    assert threshold_band(SCORES, TRUTH, 1.0, 1.0) == (0.0, pytest.approx(0.5))


@pytest.mark.parametrize(
    ("args", "error"),
    [((1.5, 0.4), ValueError), ((0.5, "lots"), TypeError), ((0.5, -0.1), ValueError)],
)
def test_threshold_conditions_bad_input(args, error):
    with pytest.raises(error):
        check_threshold(SCORES, TRUTH, 0.5, *args)
    with pytest.raises(error):
        threshold_band(SCORES, TRUTH, *args)


# --- rare problems ----------------------------------------------------------------------------


def test_rare_problem_set_makes_problems_as_common_as_asked(scored):
    scores, truth = scored
    fine = int((~truth).sum())
    for p in (0.01, 0.05, 0.1):
        s, t = rare_problem_set(scores, truth, p)
        assert int((~t).sum()) == fine  # every application with no problem is kept
        assert abs(t.sum() - p * fine / (1 - p)) <= 0.5  # as close as whole problems allow
    s, t = rare_problem_set(scores, truth, 0.5)
    assert int(t.sum()) == int(truth.sum()) == int((~t).sum())  # every problem kept


def test_rare_problem_set_keeps_scores_and_nests_lower_prevalences(scored):
    scores, truth = scored
    s5, t5 = rare_problem_set(scores, truth, 0.05)
    s10, t10 = rare_problem_set(scores, truth, 0.10)
    assert set(s5[t5]) <= set(s10[t10]) <= set(scores[truth])
    again = rare_problem_set(scores, truth, 0.05)
    np.testing.assert_array_equal(again[0], s5)
    other_seed = rare_problem_set(scores, truth, 0.05, seed=7)
    assert set(other_seed[0][other_seed[1]]) != set(s5[t5])


@pytest.mark.parametrize("p", [0.0, 1.0, -0.2, 2.0])
def test_rare_problem_set_refuses_impossible_prevalence(p):
    with pytest.raises(ValueError, match="prevalence"):
        rare_problem_set(SCORES, TRUTH, p)


def test_rare_problem_set_needs_both_kinds():
    with pytest.raises(ValueError, match="some with a problem"):
        rare_problem_set([0.2, 0.4], [False, False], 0.1)


def test_rare_problem_comparison_baseline_flags_nobody(scored):
    scores, truth = scored
    r = rare_problem_comparison(scores, truth, 0.05)
    assert r.threshold == EXAMPLE_THRESHOLD
    assert r.baseline.flagged == 0 and r.baseline.recall == 0.0
    assert r.baseline.accuracy == pytest.approx(1 - r.model.problem_rate)
    s, t = rare_problem_set(scores, truth, 0.05)
    assert r.model == metrics_at_threshold(s, t, EXAMPLE_THRESHOLD)


def test_imbalance_sweep_one_row_per_prevalence(scored):
    scores, truth = scored
    sweep = imbalance_sweep(scores, truth, (0.02, 0.1, 0.3))
    assert list(sweep["prevalence"]) == [0.02, 0.1, 0.3]
    assert sweep["baseline_accuracy"].is_monotonic_decreasing
    assert (sweep["baseline_recall"] == 0).all()
    assert {"model_accuracy", "model_recall", "model_precision", "applications"} <= set(sweep)
    assert len(imbalance_sweep(scores, truth)) == len(PREVALENCES)
    with pytest.raises(ValueError, match="at least one"):
        imbalance_sweep(scores, truth, [])


# --- one example of classification and one of regression --------------------------------------


def test_classification_examples_show_categories_and_all_four_outcomes():
    table = classification_examples(8)
    assert len(table) == 8
    assert set(table["Model's answer"]) == set(FLAG_WORDS)
    pairs = set(zip(table["Model's answer"], table["What was true"], strict=True))
    assert len(pairs) == 4  # right and wrong answers of both kinds
    scores = table["Risk score"].str.rstrip("%").astype(float) / 100
    flagged = table["Model's answer"] == FLAG_WORDS[0]
    assert (scores[flagged] >= EXAMPLE_THRESHOLD - 0.005).all()
    assert (scores[~flagged] < EXAMPLE_THRESHOLD + 0.005).all()
    pd.testing.assert_frame_equal(table, classification_examples(8))


@pytest.mark.parametrize(("n", "error"), [(0, ValueError), (41, ValueError), ("6", TypeError)])
def test_classification_examples_bad_n(n, error):
    with pytest.raises(error):
        classification_examples(n)


def test_regression_example_learns_from_a_year_and_forecasts_the_weeks_after():
    errors = regression_example()
    trained = errors.loc[errors["in_training"], "week"]
    assert list(trained) == list(range(1, REGRESSION_TRAIN_WEEKS + 1))
    assert len(errors) > REGRESSION_TRAIN_WEEKS  # some weeks it did not see
    # The answer is a number of applications, close to what arrived (noise is about 3%).
    unseen = errors.loc[~errors["in_training"], "abs_pct_error"]
    assert unseen.median() < 10
    assert errors["forecast"].dtype.kind == "f"


# --- charts ---------------------------------------------------------------------------------------


def _labelled(ax) -> bool:
    return bool(ax.get_title().strip() and ax.get_xlabel().strip())


def test_metric_bars_draw_three_percentages_and_say_when_nothing_is_flagged():
    ax = metric_bars(metrics_from_counts(3, 1, 2, 4)).axes[0]
    assert _labelled(ax)
    assert [p.get_width() for p in ax.patches] == pytest.approx([70.0, 75.0, 60.0])
    assert [t.get_text() for t in ax.texts] == ["70.0%", "75.0%", "60.0%"]
    empty = metric_bars(metrics_from_counts(0, 0, 5, 5)).axes[0]
    assert "none flagged" in [t.get_text() for t in empty.texts]
    with pytest.raises(TypeError, match="Metrics"):
        metric_bars((3, 1, 2, 4))


def test_confusion_chart_names_each_count():
    ax = confusion_chart(metrics_from_counts(3, 1, 2, 4)).axes[0]
    assert _labelled(ax) and ax.get_ylabel() == "What was really true"
    texts = [t.get_text() for t in ax.texts]
    assert ["3", "2", "1", "4"] == texts[:4]  # rows: had a problem, no problem
    assert {"Correctly flagged", "Missed", "Wrongly flagged", "Correctly cleared"} <= set(texts)


def test_confusion_dashboard_has_two_panels_and_names_the_threshold():
    fig = confusion_dashboard(metrics_from_counts(3, 1, 2, 4), threshold=0.35)
    assert isinstance(fig, Figure) and len(fig.axes) == 2
    assert "35%" in fig.axes[0].get_title()
    assert all(_labelled(ax) for ax in fig.axes)


def test_baseline_chart_draws_four_lines_and_the_setting(scored):
    sweep = imbalance_sweep(*scored, (0.05, 0.1, 0.2))
    ax = baseline_chart(sweep, prevalence=0.1).axes[0]
    assert _labelled(ax) and ax.get_ylabel().strip()
    labels = [line.get_label() for line in ax.lines]
    assert len(labels) == 5 and "Your setting: 10% have a problem" in labels
    nobody = next(line for line in ax.lines if line.get_label() == "Flagging nobody: accuracy")
    assert list(nobody.get_ydata()) == pytest.approx(list(100 * sweep["baseline_accuracy"]))
    with pytest.raises(ValueError, match="imbalance_sweep"):
        baseline_chart(sweep.drop(columns=["model_recall"]))
    with pytest.raises(TypeError, match="imbalance_sweep"):
        baseline_chart([1, 2, 3])


def test_recall_target_dashboard_reuses_the_threshold_charts(scored):
    sweep = threshold_sweep(*scored, [0.1, 0.2, 0.3])
    outcome = outcome_for_recall(*scored, 0.8)
    fig = recall_target_dashboard(sweep, outcome, 0.8)
    assert len(fig.axes) == 2 and all(_labelled(ax) for ax in fig.axes)
    assert "at least 80%" in fig.get_suptitle()
    assert f"{outcome.threshold:.1%}" in fig.get_suptitle()
    with pytest.raises(TypeError, match="ThresholdOutcome"):
        recall_target_dashboard(sweep, metrics_from_counts(3, 1, 2, 4), 0.8)
    with pytest.raises(TypeError, match="target_recall"):
        recall_target_dashboard(sweep, outcome, "80%")
