"""Honest testing and overfitting cores (``aicourse.fitting``)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from aicourse.classify import compare_classifiers
from aicourse.data.enquiries import make_enquiries
from aicourse.data.messy import make_busy_weeks
from aicourse.fitting import (
    FLEXIBILITY,
    HONEST_WAY,
    LEARNED,
    MEMORISER,
    MODELS,
    TEST_SHARES,
    WAYS,
    CurveFit,
    SplitScores,
    fit_curve,
    overfitting_sweep,
    scoring_three_ways,
    split_scores,
    train_memoriser,
)
from aicourse.learning import standard_split

# --- The memoriser ---------------------------------------------------------------------


def test_memoriser_copies_the_category_of_the_most_similar_stored_message():
    texts = [
        "my payment is late again",
        "I want to book an appointment",
        "please update my address",
    ]
    model = train_memoriser(texts, ["Payments", "Appointments", "Update my details"])
    assert list(model.predict(texts)) == ["Payments", "Appointments", "Update my details"]
    assert model.predict(["is my payment late"])[0] == "Payments"
    assert model.predict(["book me an appointment please"])[0] == "Appointments"


def test_memoriser_rejects_bad_input():
    with pytest.raises(TypeError, match="one string"):
        train_memoriser("a message", ["Payments"])
    with pytest.raises(TypeError):
        train_memoriser(["ok", 3], ["A", "B"])
    with pytest.raises(ValueError, match="labels"):
        train_memoriser(["a", "b"], ["A"])
    with pytest.raises(ValueError, match="at least two"):
        train_memoriser(["a"], ["A"])


# --- Split scores ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def quarter() -> SplitScores:
    return split_scores(0.25)


def test_split_scores_table_and_sizes(quarter):
    assert list(quarter.table.index) == list(MODELS) == [LEARNED, MEMORISER]
    assert list(quarter.table.columns) == ["on_training", "on_test"]
    assert (quarter.n_train, quarter.n_test) == (2250, 750)
    assert quarter.table.to_numpy().min() > 0.5 and quarter.table.to_numpy().max() <= 1.0


def test_split_scores_match_week_1_at_a_quarter(quarter):
    """At 0.25 the split is Week 1's, so the learned model's test score is Week 1's accuracy."""
    train, test = standard_split()
    week1 = compare_classifiers(train, test).model.accuracy
    assert quarter.table.loc[LEARNED, "on_test"] == pytest.approx(week1)


def test_split_scores_are_deterministic_and_copies(quarter):
    again = split_scores(0.25)
    pd.testing.assert_frame_equal(quarter.table, again.table)
    again.table.loc[LEARNED, "on_test"] = 0.0
    assert split_scores(0.25).table.loc[LEARNED, "on_test"] > 0.5


def test_split_scores_on_given_enquiries_match_the_standard_ones(quarter):
    given = split_scores(0.25, enquiries=make_enquiries(3000))
    pd.testing.assert_frame_equal(given.table, quarter.table)


def test_the_memoriser_is_nearly_perfect_on_what_it_stored(quarter):
    """Mechanism: it stores every training message; it can only miss one whose exact words
    also appear with another category (vague messages)."""
    assert quarter.table.loc[MEMORISER, "on_training"] > 0.97
    assert quarter.gap(MEMORISER) > quarter.gap(LEARNED) > 0


def test_gap_is_training_minus_test(quarter):
    row = quarter.table.loc[LEARNED]
    assert quarter.gap(LEARNED) == pytest.approx(row["on_training"] - row["on_test"])
    with pytest.raises(ValueError, match="model must be"):
        quarter.gap("Keyword rule")


def test_every_offered_share_keeps_that_share_aside():
    for share in TEST_SHARES[:2]:
        s = split_scores(share)
        assert s.n_test == round(3000 * share) and s.n_train + s.n_test == 3000


@pytest.mark.parametrize(
    ("share", "error"),
    [(0.01, ValueError), (0.9, ValueError), ("0.25", TypeError), (True, TypeError)],
)
def test_split_scores_reject_bad_shares(share, error):
    with pytest.raises(error):
        split_scores(share)


def test_split_scores_reject_a_table_without_text():
    with pytest.raises(ValueError, match="missing columns"):
        split_scores(0.25, enquiries=pd.DataFrame({"category": ["A", "B"]}))


# --- Three ways of scoring -------------------------------------------------------------


def test_three_ways_table(quarter):
    table = scoring_three_ways()
    assert list(table.index) == list(WAYS) == ["A", "B", "C"]
    assert list(table.columns) == ["trained on", "scored on", "accuracy (%)"]
    assert HONEST_WAY == "B"
    assert table.loc["B", "accuracy (%)"] == round(100 * quarter.table.loc[LEARNED, "on_test"], 1)


def test_only_the_honest_way_scores_on_unseen_messages_and_it_is_lowest():
    """Mechanism: ways A and C score the model on messages it learned from."""
    table = scoring_three_ways()
    assert table.loc["A", "accuracy (%)"] > table.loc["B", "accuracy (%)"] + 2
    assert table.loc["C", "accuracy (%)"] > table.loc["B", "accuracy (%)"] + 2
    copy = scoring_three_ways()
    copy.loc["B", "accuracy (%)"] = 0
    assert scoring_three_ways().loc["B", "accuracy (%)"] > 0


# --- Overfitting -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def weeks() -> pd.DataFrame:
    return make_busy_weeks()


def test_the_most_flexible_curve_passes_through_every_training_week(weeks):
    fit = fit_curve(weeks, FLEXIBILITY[-1])
    assert isinstance(fit, CurveFit)
    assert fit.flexibility == len(weeks[weeks["set"] == "training"]) - 1
    assert fit.train_error == 0.0
    assert fit.new_error > 1.0


def test_a_straight_line_fit_matches_an_independent_least_squares_line(weeks):
    train = weeks[weeks["set"] == "training"]
    new = weeks[weeks["set"] == "new"]
    slope, intercept = np.polyfit(train["applications"], train["days_to_decision"], 1)

    def mae(t):
        return float(np.abs(slope * t["applications"] + intercept - t["days_to_decision"]).mean())

    fit = fit_curve(weeks, 1)
    assert fit.train_error == pytest.approx(mae(train), abs=1e-6)
    assert fit.new_error == pytest.approx(mae(new))
    assert np.allclose(fit.curve_y, slope * fit.curve_x + intercept)
    assert fit.curve_x.min() == train["applications"].min()
    assert fit.curve_x.max() == train["applications"].max()


def test_overfitting_sweep_collects_each_fit(weeks):
    sweep = overfitting_sweep(weeks)
    assert list(sweep.columns) == ["flexibility", "train_error", "new_error"]
    assert list(sweep["flexibility"]) == list(FLEXIBILITY)
    assert sweep.loc[3, "new_error"] == pytest.approx(fit_curve(weeks, 4).new_error)
    assert sweep["train_error"].iloc[0] > sweep["train_error"].iloc[-1]


@pytest.mark.parametrize(("flex", "error"), [(0, ValueError), (10, ValueError), (2.0, TypeError)])
def test_fit_curve_rejects_bad_flexibility(weeks, flex, error):
    with pytest.raises(error):
        fit_curve(weeks, flex)


def test_fit_curve_rejects_bad_tables(weeks):
    with pytest.raises(TypeError):
        fit_curve("weeks", 2)
    with pytest.raises(ValueError, match="missing columns"):
        fit_curve(weeks.drop(columns="set"), 2)
    with pytest.raises(ValueError, match="new week"):
        fit_curve(weeks[weeks["set"] == "training"], 2)
    with pytest.raises(ValueError, match="at least one"):
        overfitting_sweep(weeks, [])
