"""Deciding well: the applications world, thresholds, fairness, explanations, charts, views.

The story claims the Masterclass 2 lesson makes are tested here, each quoted in its test's
docstring, so a change to the data world cannot silently make the lesson's text false.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

import aicourse.data.applications as applications
from aicourse import SEED
from aicourse.data.applications import (
    AREA_SHARES,
    AREAS,
    DOCUMENTS_COMPLETE_SHARE,
    GROUP_B_AREAS,
    GROUP_B_SHARE,
    GROUPS,
    make_applications,
    problem_chance,
)
from aicourse.decisions import (
    COST_MISSED,
    COST_WRONG_FLAG,
    DECISION_LABELS,
    FEATURE_LABELS,
    FEATURES,
    PAST,
    SCENARIOS,
    TRUTH_LABELS,
    WITH_GROUP,
    WITHOUT_GROUP,
    WITHOUT_GROUP_OR_AREA,
    BiasExperiment,
    Explanation,
    ThresholdOutcome,
    application_split,
    bias_experiment,
    confusion_counts,
    describe_value,
    explain_one,
    fairness_gap,
    feature_importance,
    flag_top_share,
    group_table,
    risk_logits,
    risk_scores,
    split_applications,
    spread_of_applicants,
    threshold_for_recall,
    threshold_outcome,
    threshold_sweep,
    train_risk_model,
)
from aicourse.plots.decisions import (
    cost_chart,
    explanation_chart,
    group_rates_chart,
    importance_chart,
    outcome_bars,
    threshold_chart,
    threshold_dashboard,
)
from aicourse.style import PALETTE
from aicourse.views.decisions import THRESHOLDS, ExplainView, FairnessView, ThresholdView

COLUMNS = [
    "application_id",
    "group",
    "area",
    "age",
    "weekly_income",
    "household_size",
    "months_at_address",
    "documents_complete",
    "prior_grants",
    "income_changes",
    "problem",
    "flagged_before",
]

#: Large enough that sampling error on every share is about a percentage point or less.
N_BIG = 40_000


def _four_se(p: float, n: int) -> float:
    """Four standard errors of a sample share: a false failure is about 1 in 16,000."""
    return 4 * math.sqrt(p * (1 - p) / n)


# --- fixtures (expensive objects built once) ----------------------------------------------


@pytest.fixture(scope="module")
def big() -> pd.DataFrame:
    return make_applications(N_BIG, seed=SEED)


@pytest.fixture(scope="module")
def default() -> pd.DataFrame:
    return make_applications()


@pytest.fixture(scope="module")
def split() -> tuple[pd.DataFrame, pd.DataFrame]:
    return application_split()


@pytest.fixture(scope="module")
def honest_model(split) -> Pipeline:
    train, _ = split
    return train_risk_model(train, FEATURES)


@pytest.fixture(scope="module")
def test_scores(split, honest_model) -> tuple[np.ndarray, np.ndarray]:
    _, test = split
    return risk_scores(honest_model, test), test["problem"].to_numpy(dtype=bool)


@pytest.fixture(scope="module")
def experiment(default) -> BiasExperiment:
    return bias_experiment(default)


@pytest.fixture(scope="module")
def tiny() -> pd.DataFrame:
    """A small table for quick input checks."""
    return make_applications(300, seed=3)


# --- the applications data world ---------------------------------------------------------


def test_schema_and_types(tiny):
    assert list(tiny.columns) == COLUMNS
    assert len(tiny) == 300
    assert tiny["application_id"].tolist() == list(range(1, 301))
    for col in ("documents_complete", "problem", "flagged_before"):
        assert tiny[col].dtype == bool, col
    for col in ("age", "household_size", "months_at_address", "prior_grants", "income_changes"):
        assert pd.api.types.is_integer_dtype(tiny[col]), col
    assert tiny["weekly_income"].dtype == float


def test_values_stay_in_their_documented_ranges(big):
    assert set(big["group"]) == set(GROUPS)
    assert set(big["area"]) == set(AREAS)
    assert big["age"].between(18, 85).all()
    assert big["weekly_income"].between(0, 3000).all()
    assert big["household_size"].between(1, 8).all()
    assert big["months_at_address"].between(0, 360).all()
    assert big["prior_grants"].between(0, 6).all()
    assert big["income_changes"].between(0, 8).all()


def test_same_seed_gives_the_identical_table_and_seeds_differ():
    pd.testing.assert_frame_equal(make_applications(500, seed=11), make_applications(500, seed=11))
    pd.testing.assert_frame_equal(make_applications(200), make_applications(200, seed=SEED))
    a, b = make_applications(500, seed=1), make_applications(500, seed=2)
    # Incomes are continuous draws rounded to $10: two independent tables rarely agree.
    assert (a["weekly_income"] != b["weekly_income"]).mean() > 0.8


def test_numpy_integers_are_accepted():
    pd.testing.assert_frame_equal(
        make_applications(np.int64(150), seed=np.int64(4)), make_applications(150, seed=4)
    )


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"n": 100.0}, TypeError),
        ({"n": True}, TypeError),
        ({"n": "4000"}, TypeError),
        ({"seed": 1.5}, TypeError),
        ({"n": 99}, ValueError),
        ({"n": 200_001}, ValueError),
    ],
)
def test_bad_arguments_raise_clear_errors(kwargs, error):
    with pytest.raises(error, match="n must|seed must"):
        make_applications(**kwargs)


def test_group_and_document_shares_match_the_mechanism(big):
    share_b = (big["group"] == "Group B").mean()
    assert abs(share_b - GROUP_B_SHARE) < _four_se(GROUP_B_SHARE, N_BIG)
    complete = big["documents_complete"].mean()
    assert abs(complete - DOCUMENTS_COMPLETE_SHARE) < _four_se(DOCUMENTS_COMPLETE_SHARE, N_BIG)


def test_area_is_a_proxy_for_group(big):
    """Most of Group B, and few of Group A, live in the three GROUP_B_AREAS."""
    for group in GROUPS:
        expected = sum(
            share
            for area, share in zip(AREAS, AREA_SHARES[group], strict=True)
            if area in GROUP_B_AREAS
        )
        members = big[big["group"] == group]
        observed = members["area"].isin(GROUP_B_AREAS).mean()
        assert abs(observed - expected) < _four_se(expected, len(members)), group
    # So a suburb is a good guess at a group: in each of the three, most applicants are B.
    for area in GROUP_B_AREAS:
        assert (big.loc[big["area"] == area, "group"] == "Group B").mean() > 0.75, area


def test_honest_features_are_drawn_the_same_way_for_both_groups(big):
    a, b = big[big["group"] == "Group A"], big[big["group"] == "Group B"]
    for col in FEATURES:
        x, y = a[col].astype(float), b[col].astype(float)
        se = math.sqrt(x.var() / len(x) + y.var() / len(y))
        assert abs(x.mean() - y.mean()) < 4 * se, col


def test_problem_chance_ignores_group_area_and_age(tiny):
    swapped = tiny.copy()
    swapped["group"] = "Group B"
    swapped["area"] = AREAS[0]
    swapped["age"] = 80
    np.testing.assert_array_equal(problem_chance(tiny), problem_chance(swapped))


@pytest.mark.parametrize(
    ("column", "change", "direction"),
    [
        ("documents_complete", lambda s: ~s, -1),  # supplying every document: fewer problems
        ("income_changes", lambda s: s + 1, +1),
        ("household_size", lambda s: s + 1, +1),
        ("weekly_income", lambda s: s + 500, +1),
        ("months_at_address", lambda s: s + 24, -1),  # settled longer: fewer problems
        ("prior_grants", lambda s: s + 1, -1),
    ],
)
def test_problem_chance_moves_the_documented_way(tiny, column, change, direction):
    base = tiny[tiny["documents_complete"]] if column == "documents_complete" else tiny
    moved = base.copy()
    moved[column] = change(moved[column])
    diff = problem_chance(moved) - problem_chance(base)
    # documents_complete: turning complete into missing raises the chance (direction flips).
    sign = -direction if column == "documents_complete" else direction
    assert (np.sign(diff) == sign).all(), column


def test_problem_chance_needs_its_columns(tiny):
    with pytest.raises(ValueError, match="missing columns"):
        problem_chance(tiny.drop(columns=["income_changes"]))


def test_problem_rate_is_in_the_story_range_and_the_same_for_both_groups(big):
    assert 0.15 <= big["problem"].mean() <= 0.20
    rates = big.groupby("group")["problem"].mean()
    n_b = int((big["group"] == "Group B").sum())
    se = math.sqrt(rates.mean() * (1 - rates.mean()) * (1 / n_b + 1 / (N_BIG - n_b)))
    assert abs(rates["Group A"] - rates["Group B"]) < 4 * se


def test_checkers_mostly_follow_real_problems(big):
    """A real problem makes a flag much more likely, in each group."""
    for group in GROUPS:
        g = big[big["group"] == group]
        assert (
            g.loc[g["problem"], "flagged_before"].mean()
            > 2 * g.loc[~g["problem"], "flagged_before"].mean()
        )


def test_the_gap_in_past_decisions_comes_from_the_bias_term(monkeypatch):
    """With CHECKER_BIAS set to 0, the checkers treat both groups alike."""
    monkeypatch.setattr(applications, "CHECKER_BIAS", 0.0)
    fair = make_applications(N_BIG)
    table = group_table(fair["group"], fair["problem"], fair["flagged_before"])
    assert fairness_gap(table, "false_positive_rate") < 0.02


def test_story_claim_1_past_decisions_were_harsher_on_group_b(default, big, experiment):
    """Claim 1: "The historical decisions flag Group B applicants who had no problem far more
    often than Group A applicants who had no problem (false positive rate gap >= 0.08
    measured against `problem`), while true problem rates are similar across groups."""
    for df in (default, experiment.test):
        table = group_table(df["group"], df["problem"], df["flagged_before"])
        fpr = table["false_positive_rate"]
        assert fpr["Group B"] - fpr["Group A"] >= 0.08
        # Similar problem rates: within four standard errors of a difference of two shares.
        n_a, n_b = table.loc["Group A", "n"], table.loc["Group B", "n"]
        p = df["problem"].mean()
        se = math.sqrt(p * (1 - p) * (1 / n_a + 1 / n_b))
        assert abs(table["problem_rate"].diff().iloc[-1]) < 4 * se
    assert experiment.tables[PAST].equals(
        group_table(
            experiment.test["group"], experiment.test["problem"], experiment.test["flagged_before"]
        )
    )


# --- split and model -----------------------------------------------------------------------


def test_split_keeps_group_shares_and_is_deterministic(default):
    train, test = split_applications(default, test_share=0.3, seed=5)
    assert (len(train), len(test)) == (2800, 1200)
    assert set(train["application_id"]).isdisjoint(test["application_id"])
    assert abs((train["group"] == "Group B").mean() - (test["group"] == "Group B").mean()) < 0.01
    again, _ = split_applications(default, test_share=0.3, seed=5)
    pd.testing.assert_frame_equal(train, again)


def test_split_rejects_bad_input(default):
    with pytest.raises(ValueError, match="test_share"):
        split_applications(default, test_share=0.99)
    with pytest.raises(TypeError, match="test_share"):
        split_applications(default, test_share="0.3")
    with pytest.raises(ValueError, match="missing columns"):
        split_applications(default.drop(columns=["group"]))
    with pytest.raises(TypeError, match="DataFrame"):
        split_applications([1, 2, 3])


def test_application_split_is_the_standard_split_and_returns_copies(default):
    train, test = application_split()
    expected_train, expected_test = split_applications(default)
    pd.testing.assert_frame_equal(train, expected_train)
    pd.testing.assert_frame_equal(test, expected_test)
    train.loc[0, "group"] = "changed"
    assert application_split()[0].loc[0, "group"] != "changed"


def test_train_risk_model_is_deterministic(split):
    train, test = split
    a = train_risk_model(train, FEATURES, seed=1)
    b = train_risk_model(train, FEATURES, seed=1)
    np.testing.assert_array_equal(risk_scores(a, test), risk_scores(b, test))


def test_model_with_group_learns_the_bias(experiment):
    """Trained on past decisions, the model scores an application higher if it is Group B."""
    model = experiment.models[WITH_GROUP]
    as_a, as_b = experiment.test.copy(), experiment.test.copy()
    as_a["group"], as_b["group"] = "Group A", "Group B"
    assert (risk_scores(model, as_b) > risk_scores(model, as_a)).all()


def test_model_without_group_learns_it_through_the_suburb(experiment):
    model = experiment.models[WITHOUT_GROUP]
    b_suburb, a_suburb = experiment.test.copy(), experiment.test.copy()
    b_suburb["area"], a_suburb["area"] = GROUP_B_AREAS[0], AREAS[0]
    assert (risk_scores(model, b_suburb) > risk_scores(model, a_suburb)).all()


@pytest.mark.parametrize(
    ("features", "target", "error", "match"),
    [
        ("age", "flagged_before", TypeError, "list of column names"),
        ([], "flagged_before", ValueError, "at least one feature"),
        (7, "flagged_before", TypeError, "list of column names"),
        (["age", 3], "flagged_before", TypeError, "column name"),
        (["age", "age"], "flagged_before", ValueError, "twice"),
        (["age", "shoe_size"], "flagged_before", ValueError, "missing columns"),
        (["age", "problem"], "problem", ValueError, "cannot also be"),
        (["age"], 7, TypeError, "target"),
        (["age"], "group", TypeError, "True/False"),
    ],
)
def test_train_risk_model_rejects_bad_input(tiny, features, target, error, match):
    with pytest.raises(error, match=match):
        train_risk_model(tiny, features, target)


def test_train_risk_model_needs_both_outcomes(tiny):
    all_flagged = tiny.assign(flagged_before=True)
    with pytest.raises(ValueError, match="True and where it is False"):
        train_risk_model(all_flagged, FEATURES)


def test_risk_scores_are_probabilities_matching_the_logits(split, honest_model):
    _, test = split
    scores = risk_scores(honest_model, test)
    assert scores.shape == (len(test),)
    assert ((scores > 0) & (scores < 1)).all()
    np.testing.assert_allclose(1 / (1 + np.exp(-risk_logits(honest_model, test))), scores)


def test_risk_scores_reject_bad_input(split, honest_model):
    _, test = split
    with pytest.raises(TypeError, match="train_risk_model"):
        risk_scores("model", test)
    with pytest.raises(ValueError, match="not been trained"):
        risk_scores(Pipeline([("weigh", LogisticRegression())]), test)
    with pytest.raises(ValueError, match="missing columns"):
        risk_scores(honest_model, test.drop(columns=["age"]))
    on_arrays = Pipeline([("weigh", LogisticRegression())]).fit([[0.0], [1.0]], [False, True])
    with pytest.raises(TypeError, match="trained on a table"):
        risk_scores(on_arrays, test)
    with pytest.raises(ValueError, match="no applications"):
        risk_logits(honest_model, test.iloc[:0])


# --- confusion table and threshold --------------------------------------------------------

SCORES = [0.9, 0.8, 0.4, 0.3, 0.1]
TRUTH = [True, False, True, False, False]


def test_confusion_counts_by_hand():
    table = confusion_counts([True, True, False, False, False], [True, False, True, False, False])
    assert list(table.index) == list(TRUTH_LABELS)
    assert list(table.columns) == list(DECISION_LABELS)
    assert table.to_numpy().tolist() == [[1, 1], [1, 2]]
    assert confusion_counts([1, 0], [1, 1]).to_numpy().sum() == 2


@pytest.mark.parametrize(
    ("truth", "predicted", "error"),
    [
        ([True, False], [True], ValueError),
        ([True, 2], [True, False], ValueError),
        ("yes", [True], TypeError),
        (["a", "b"], [True, False], TypeError),
        ([], [], ValueError),
    ],
)
def test_confusion_counts_rejects_bad_input(truth, predicted, error):
    with pytest.raises(error):
        confusion_counts(truth, predicted)


def test_threshold_outcome_by_hand():
    o = threshold_outcome(SCORES, TRUTH, 0.5)
    assert isinstance(o, ThresholdOutcome)
    assert (o.flagged, o.correctly_flagged, o.wrongly_flagged) == (2, 1, 1)
    assert (o.missed, o.correctly_cleared, o.n) == (1, 2, 5)
    assert (o.precision, o.recall) == (0.5, 0.5)
    assert o.false_positive_rate == pytest.approx(1 / 3)
    assert o.total_cost == COST_WRONG_FLAG + COST_MISSED
    # A score equal to the threshold is flagged.
    assert threshold_outcome(SCORES, TRUTH, 0.4).flagged == 3
    custom = threshold_outcome(SCORES, TRUTH, 0.35, cost_wrong_flag=10, cost_missed=1000)
    assert custom.total_cost == 1 * 10 + 0 * 1000


def test_threshold_outcome_with_nothing_flagged_has_no_precision():
    o = threshold_outcome(SCORES, TRUTH, 0.95)
    assert o.flagged == 0 and math.isnan(o.precision) and o.recall == 0


@pytest.mark.parametrize(
    ("args", "error"),
    [
        ((SCORES, TRUTH, 1.5), ValueError),
        ((SCORES, TRUTH, "0.5"), TypeError),
        ((SCORES, TRUTH, True), TypeError),
        (([0.5, 1.2, 0, 0, 0], TRUTH, 0.5), ValueError),
        ((SCORES, TRUTH[:3], 0.5), ValueError),
        (("high", TRUTH, 0.5), TypeError),
        ((SCORES, TRUTH, 0.5, -1), ValueError),
    ],
)
def test_threshold_outcome_rejects_bad_input(args, error):
    with pytest.raises(error):
        threshold_outcome(*args)


def test_threshold_sweep_agrees_with_threshold_outcome(test_scores):
    scores, truth = test_scores
    thresholds = [0.0, 0.1, 0.25, 0.5, 0.75, 1.0]
    sweep = threshold_sweep(scores, truth, thresholds, cost_wrong_flag=200, cost_missed=900)
    assert list(sweep["threshold"]) == thresholds
    for _, row in sweep.iterrows():
        o = threshold_outcome(scores, truth, row["threshold"], 200, 900)
        for field in ("flagged", "correctly_flagged", "wrongly_flagged", "missed", "total_cost"):
            assert row[field] == getattr(o, field), field
        assert row["recall"] == pytest.approx(o.recall, nan_ok=True)
        assert row["precision"] == pytest.approx(o.precision, nan_ok=True)


def test_threshold_sweep_rejects_bad_input(test_scores):
    scores, truth = test_scores
    with pytest.raises(ValueError, match="at least one threshold"):
        threshold_sweep(scores, truth, [])
    with pytest.raises(ValueError, match="threshold"):
        threshold_sweep(scores, truth, [0.2, 2.0])


def test_story_claim_2_the_threshold_trades_one_harm_for_the_other(test_scores):
    """Claim 2: "As the threshold rises, the number wrongly flagged never increases and the
    number missed never decreases (monotone over a sweep) — the threshold trades one harm
    for the other."""
    scores, truth = test_scores
    thresholds = np.unique(np.concatenate([np.linspace(0, 1, 101), scores]))
    sweep = threshold_sweep(scores, truth, thresholds)
    assert (np.diff(sweep["wrongly_flagged"]) <= 0).all()
    assert (np.diff(sweep["missed"]) >= 0).all()
    # A real trade: at the lowest threshold nobody is missed, at the highest nobody is flagged.
    assert sweep["missed"].iloc[0] == 0 and sweep["wrongly_flagged"].iloc[0] > 0
    assert sweep["wrongly_flagged"].iloc[-1] == 0 and sweep["missed"].iloc[-1] > 0


def test_threshold_for_recall_by_hand():
    scores = [0.9, 0.7, 0.4, 0.2, 0.8, 0.5]
    truth = [True, True, True, True, False, False]
    assert threshold_for_recall(scores, truth, 0.5) == 0.7
    assert threshold_for_recall(scores, truth, 0.75) == 0.4
    assert threshold_for_recall(scores, truth, 1.0) == 0.2
    assert threshold_for_recall(scores, truth, 0.1) == 0.9


@pytest.mark.parametrize("target", [0.5, 0.8, 0.9, 0.95])
def test_story_claim_5_threshold_for_recall_is_the_highest_that_works(test_scores, target):
    """Claim 5: "`threshold_for_recall` returns a threshold whose recall meets the target,
    and any higher threshold from the sweep does not."""
    scores, truth = test_scores
    chosen = threshold_for_recall(scores, truth, target)
    assert threshold_outcome(scores, truth, chosen).recall >= target
    thresholds = np.unique(np.concatenate([np.linspace(0, 1, 201), scores]))
    sweep = threshold_sweep(scores, truth, thresholds)
    higher = sweep[sweep["threshold"] > chosen]
    assert len(higher) > 0
    assert (higher["recall"] < target).all()


@pytest.mark.parametrize(
    ("truth", "target", "error"),
    [
        (TRUTH, 0.0, ValueError),
        (TRUTH, 1.1, ValueError),
        (TRUTH, "all", TypeError),
        ([False] * 5, 0.5, ValueError),
    ],
)
def test_threshold_for_recall_rejects_bad_input(truth, target, error):
    with pytest.raises(error):
        threshold_for_recall(SCORES, truth, target)


# --- fairness -----------------------------------------------------------------------------


def test_group_table_by_hand():
    groups = ["X", "X", "X", "X", "Y", "Y", "Y"]
    truth = [True, True, False, False, True, False, False]
    flagged = [True, False, True, False, True, True, True]
    table = group_table(groups, truth, flagged)
    assert list(table.index) == ["X", "Y"]
    assert table.loc["X"].to_dict() == {
        "n": 4,
        "problem_rate": 0.5,
        "selection_rate": 0.5,
        "false_positive_rate": 0.5,
        "false_negative_rate": 0.5,
        "precision": 0.5,
    }
    assert table.loc["Y", "false_positive_rate"] == 1.0
    assert table.loc["Y", "false_negative_rate"] == 0.0
    assert table.loc["Y", "precision"] == pytest.approx(1 / 3)
    assert fairness_gap(table, "false_positive_rate") == 0.5
    assert fairness_gap(table, "selection_rate") == pytest.approx(0.5)


def test_group_table_rate_with_nothing_to_divide_by_is_nan():
    table = group_table(["X", "X", "Y"], [False, False, True], [False, False, True])
    assert math.isnan(table.loc["X", "false_negative_rate"])
    assert math.isnan(table.loc["X", "precision"])
    with pytest.raises(ValueError, match="cannot be worked out"):
        fairness_gap(table, "precision")


def test_group_table_and_fairness_gap_reject_bad_input():
    with pytest.raises(TypeError, match="group names"):
        group_table("XY", [True, False], [True, False])
    with pytest.raises(ValueError, match="same length"):
        group_table(["X", "Y"], [True], [True, False])
    table = group_table(["X", "Y"], [True, False], [True, False])
    with pytest.raises(ValueError, match="missing columns"):
        fairness_gap(table, "happiness")
    with pytest.raises(TypeError, match="column name"):
        fairness_gap(table, 3)
    with pytest.raises(ValueError, match="two groups"):
        fairness_gap(group_table(["X"], [True], [True]), "selection_rate")


def test_flag_top_share_flags_the_highest_scores():
    flagged = flag_top_share([0.1, 0.9, 0.5, 0.7, 0.5], 0.4)
    assert flagged.tolist() == [False, True, False, True, False]
    ties = flag_top_share([0.5, 0.5, 0.5, 0.1], 0.5)
    assert ties.tolist() == [True, True, False, False]  # ties: the earlier rows first
    assert flag_top_share([0.2, 0.3], 0.0).sum() == 0
    with pytest.raises(ValueError, match="share"):
        flag_top_share([0.2, 0.3], 1.5)
    with pytest.raises(ValueError, match="non-empty"):
        flag_top_share([], 0.5)


def test_bias_experiment_compares_like_with_like(experiment):
    assert set(experiment.tables) == set(SCENARIOS)
    assert set(experiment.models) == {WITH_GROUP, WITHOUT_GROUP, WITHOUT_GROUP_OR_AREA}
    train, test = split_applications(make_applications())
    assert experiment.flag_share == pytest.approx(train["flagged_before"].mean())
    pd.testing.assert_frame_equal(experiment.test, test)
    k = round(experiment.flag_share * len(test))
    for name in SCENARIOS[1:]:
        assert experiment.flagged[name].sum() == k, name
    for name, table in experiment.tables.items():
        assert table["n"].sum() == len(test), name
    # The models see only the inputs their names promise.
    assert "group" not in experiment.models[WITHOUT_GROUP].feature_names_in_
    assert "area" in experiment.models[WITHOUT_GROUP].feature_names_in_
    assert set(experiment.models[WITHOUT_GROUP_OR_AREA].feature_names_in_) == set(FEATURES)


def test_bias_experiment_is_deterministic_and_checks_its_input(default, experiment):
    again = bias_experiment(default)
    for name in SCENARIOS:
        pd.testing.assert_frame_equal(again.tables[name], experiment.tables[name])
    with pytest.raises(ValueError, match="missing columns"):
        bias_experiment(default.drop(columns=["area"]))


def test_story_claim_3_removing_the_group_column_does_not_remove_the_bias(experiment):
    """Claim 3: "Removing the group column leaves a false-positive-rate gap between groups
    that is still at least half of the gap of the model with the group column, because area
    carries the group (a proxy); removing area as well shrinks the gap substantially
    (e.g. to less than half)."""
    gaps = experiment.gaps("false_positive_rate")
    assert list(gaps.index) == list(SCENARIOS)
    with_group = gaps[WITH_GROUP]
    assert with_group > 0.08  # the model copied a real gap
    assert gaps[WITHOUT_GROUP] >= 0.5 * with_group
    assert gaps[WITHOUT_GROUP_OR_AREA] < 0.5 * with_group
    # And the group that suffers is still Group B.
    fpr = experiment.tables[WITHOUT_GROUP]["false_positive_rate"]
    assert fpr["Group B"] > fpr["Group A"]


# --- explanations -------------------------------------------------------------------------


def test_feature_importance_finds_what_the_mechanism_says(experiment):
    imp = feature_importance(experiment.models[WITH_GROUP], experiment.test)
    assert list(imp.columns) == ["input", "feature", "importance", "spread"]
    assert set(imp["feature"]) == {"group", "area", *FEATURES}
    assert (np.diff(imp["importance"]) <= 0).all()
    assert imp["input"].tolist() == [FEATURE_LABELS[f] for f in imp["feature"]]
    by = imp.set_index("feature")["importance"]
    # Missing documents is the strongest warning sign, for the truth and for the checkers.
    assert by.idxmax() == "documents_complete"
    # Age plays no part in the mechanism; the group does (through the checkers' bias).
    assert abs(by["age"]) < 0.01
    assert by["group"] > 0.02


def test_feature_importance_is_deterministic_and_checks_input(experiment):
    model, test = experiment.models[WITHOUT_GROUP_OR_AREA], experiment.test
    a = feature_importance(model, test, ["age", "documents_complete"], n_repeats=3)
    b = feature_importance(model, test, ["age", "documents_complete"], n_repeats=3)
    pd.testing.assert_frame_equal(a, b)
    assert len(a) == 2
    with pytest.raises(ValueError, match="does not use"):
        feature_importance(model, test, ["group"])
    with pytest.raises(ValueError, match="n_repeats"):
        feature_importance(model, test, n_repeats=0)
    with pytest.raises(ValueError, match="True for some"):
        feature_importance(model, test.assign(flagged_before=False))


@pytest.mark.parametrize(
    ("feature", "value", "text"),
    [
        ("weekly_income", 1230.0, "$1,230 a week"),
        ("documents_complete", False, "no"),
        ("household_size", 1, "1 person"),
        ("household_size", 4, "4 people"),
        ("months_at_address", 1, "1 month"),
        ("months_at_address", 14, "14 months"),
        ("area", "Rimu Heights", "Rimu Heights"),
        ("age", 41, "41"),
        ("prior_grants", np.float64(2.0), "2"),
    ],
)
def test_describe_value(feature, value, text):
    assert describe_value(feature, value) == text


def test_story_claim_4_contributions_add_up_to_the_score(experiment):
    """Claim 4: "In `explain_one`, contributions plus the baseline reproduce the person's
    model score (logit scale or probability, whichever you document) to within 1e-6."
    Documented: the logit (log-odds) scale; the probability follows from it."""
    test = experiment.test
    for name in (WITH_GROUP, WITHOUT_GROUP, WITHOUT_GROUP_OR_AREA):
        model = experiment.models[name]
        logits, probs = risk_logits(model, test), risk_scores(model, test)
        for row in (0, 17, 512, len(test) - 1):
            e = explain_one(model, test, row)
            assert abs(e.baseline + e.table["contribution"].sum() - logits[row]) < 1e-6
            assert abs(e.score - logits[row]) < 1e-6
            assert abs(e.probability - probs[row]) < 1e-6


def test_explain_one_table_and_directions(experiment):
    model, test = experiment.models[WITH_GROUP], experiment.test
    row = int(np.flatnonzero((test["group"] == "Group B") & ~test["documents_complete"])[0])
    e = explain_one(model, test, row)
    assert isinstance(e, Explanation)
    assert e.application_id == test.loc[row, "application_id"]
    assert list(e.table.columns) == ["input", "feature", "value", "contribution", "direction"]
    assert set(e.table["feature"]) == {"group", "area", *FEATURES}
    assert (np.diff(e.table["contribution"].abs()) <= 0).all()  # largest effect first
    by = e.table.set_index("feature")
    # A Group B applicant with missing documents: both push this score up.
    assert by.loc["group", "direction"] == "raises risk" and by.loc["group", "contribution"] > 0
    assert by.loc["documents_complete", "direction"] == "raises risk"
    assert by.loc["documents_complete", "value"] == "no"
    assert ((e.table["contribution"] > 0) == (e.table["direction"] == "raises risk")).all()
    # The baseline is the average applicant in the table given: the mean of everyone's logit.
    assert e.baseline == pytest.approx(risk_logits(model, test).mean())


def test_explain_one_rejects_bad_input(experiment):
    model, test = experiment.models[WITH_GROUP], experiment.test
    with pytest.raises(ValueError, match="between 0 and"):
        explain_one(model, test, len(test))
    with pytest.raises(TypeError, match="whole number"):
        explain_one(model, test, 1.0)
    with pytest.raises(TypeError, match="train_risk_model"):
        explain_one(None, test, 0)
    other = Pipeline([("weigh", LogisticRegression())]).fit(test[["age"]], test["flagged_before"])
    with pytest.raises(TypeError, match="explanations need"):
        explain_one(other, test, 0)


def test_spread_of_applicants_runs_from_low_to_high():
    scores = np.linspace(0, 1, 101)[::-1]  # highest first, so positions and ranks differ
    picked = spread_of_applicants(scores, 5)
    assert len(set(picked)) == 5
    assert (np.diff(scores[picked]) > 0).all()
    assert scores[picked[0]] < 0.1 and scores[picked[-1]] > 0.9
    assert sorted(spread_of_applicants([0.3, 0.1, 0.2], 3)) == [0, 1, 2]
    with pytest.raises(ValueError, match="between 1 and"):
        spread_of_applicants(scores, 0)
    with pytest.raises(TypeError, match="whole number"):
        spread_of_applicants(scores, 2.5)


def test_spread_of_applicants_takes_n_from_each_group():
    # Group "B" holds only the three lowest scores: without groups it would barely appear.
    scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05]
    groups = ["A"] * 7 + ["B"] * 3
    picked = spread_of_applicants(scores, 2, groups)
    assert len(picked) == 4
    assert sorted(groups[i] for i in picked) == ["A", "A", "B", "B"]
    assert [scores[i] for i in picked] == sorted(scores[i] for i in picked)
    with pytest.raises(ValueError, match="between 1 and 3"):
        spread_of_applicants(scores, 4, groups)
    with pytest.raises(ValueError, match="must match"):
        spread_of_applicants(scores, 1, groups[:5])
    with pytest.raises(TypeError, match="list of labels"):
        spread_of_applicants(scores, 1, "AB")


# --- charts -------------------------------------------------------------------------------


def _labelled(fig: Figure) -> None:
    for ax in fig.axes:
        assert ax.get_title().strip()
        assert ax.get_xlabel().strip()
        assert ax.get_ylabel().strip()


def test_threshold_charts_are_labelled_and_mark_the_threshold(test_scores):
    scores, truth = test_scores
    sweep = threshold_sweep(scores, truth, THRESHOLDS)
    outcome = threshold_outcome(scores, truth, 0.4)
    fig = threshold_chart(sweep, threshold=0.4)
    _labelled(fig)
    colours = {line.get_color() for line in fig.axes[0].get_lines()}
    assert {PALETTE["vermillion"], PALETTE["blue"]} <= colours
    assert any("40%" in t.get_text() for t in fig.axes[0].get_legend().get_texts())
    cost = cost_chart(sweep)
    _labelled(cost)
    cheapest = sweep.loc[sweep["total_cost"].idxmin(), "threshold"]
    assert any(f"{cheapest:.0%}" in t.get_text() for t in cost.axes[0].get_legend().get_texts())
    dash = threshold_dashboard(sweep, outcome)
    assert len(dash.axes) == 2
    _labelled(dash)
    bars = outcome_bars(outcome)
    assert bars.axes[0].get_title().strip() and bars.axes[0].get_xlabel().strip()
    heights = [p.get_width() for p in bars.axes[0].patches]
    assert heights == [
        outcome.correctly_flagged,
        outcome.wrongly_flagged,
        outcome.missed,
        outcome.correctly_cleared,
    ]


def test_threshold_charts_reject_bad_input():
    with pytest.raises(TypeError, match="threshold_sweep"):
        threshold_chart([1, 2, 3])
    with pytest.raises(ValueError, match="missing"):
        cost_chart(pd.DataFrame({"threshold": [0.5]}))
    with pytest.raises(TypeError, match="ThresholdOutcome"):
        outcome_bars({"flagged": 3})


def test_group_rates_chart_draws_each_group_and_rate(experiment):
    table = experiment.tables[PAST]
    fig = group_rates_chart(table)
    _labelled(fig)
    ax = fig.axes[0]
    assert len(ax.patches) == 2 * 3
    expected = 100 * table.loc["Group B", "false_positive_rate"]
    assert any(p.get_height() == pytest.approx(expected) for p in ax.patches)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Group A", "Group B"]
    with pytest.raises(ValueError, match="missing"):
        group_rates_chart(table.drop(columns=["selection_rate"]))


def test_importance_and_explanation_charts(experiment):
    model, test = experiment.models[WITH_GROUP], experiment.test
    imp = feature_importance(model, test, n_repeats=2)
    fig = importance_chart(imp)
    _labelled(fig)
    assert len(fig.axes[0].patches) == len(imp)
    e = explain_one(model, test, 3)
    fig = explanation_chart(e)
    _labelled(fig)
    widths = [p.get_width() for p in fig.axes[0].patches[: len(e.table)]]
    np.testing.assert_allclose(widths, e.table["contribution"])
    assert f"{e.probability:.0%}" in fig.axes[0].get_title()
    with pytest.raises(TypeError, match="explain_one"):
        explanation_chart(e.table)
    with pytest.raises(ValueError, match="input"):
        importance_chart(pd.DataFrame({"x": [1]}))


# --- widget views -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def threshold_view():
    return ThresholdView()


@pytest.fixture(scope="module")
def fairness_view(experiment):
    return FairnessView(experiment)


@pytest.fixture(scope="module")
def explain_view():
    return ExplainView()


def test_every_control_has_a_description(threshold_view, fairness_view, explain_view):
    for view in (threshold_view, fairness_view, explain_view):
        assert view.controls
        for control in view.controls:
            assert control.description.strip(), (type(view).__name__, control)
        assert isinstance(view.figure, Figure)


def test_threshold_view_default_uses_the_honest_model_on_the_test_set(threshold_view, test_scores):
    scores, truth = test_scores
    np.testing.assert_array_equal(threshold_view.scores, scores)
    np.testing.assert_array_equal(threshold_view.truth, truth)
    assert threshold_view.result == threshold_outcome(scores, truth, 0.5)


def test_threshold_view_slider_sets_the_threshold(threshold_view):
    view = threshold_view
    before = (view.result, view.readout.value)
    view.threshold.value = 0.3
    assert view.result == threshold_outcome(view.scores, view.truth, 0.3)
    assert view.result != before[0]
    assert view.readout.value != before[1]
    assert "30%" in view.readout.value
    assert f"{view.result.wrongly_flagged:,}" in view.readout.value
    view.threshold.value = 0.5


def test_threshold_view_cost_sliders_change_the_cost(threshold_view):
    view = threshold_view
    before = (view.result.total_cost, view.readout.value)
    view.cost_wrong_flag.value = 1000
    o = view.result
    assert o.cost_wrong_flag == 1000
    assert o.total_cost == o.wrongly_flagged * 1000 + o.missed * o.cost_missed
    assert (o.total_cost, view.readout.value) != before
    view.cost_missed.value = 5000
    assert view.result.total_cost == o.wrongly_flagged * 1000 + o.missed * 5000
    assert f"${view.result.total_cost:,.0f}" in view.readout.value
    view.cost_wrong_flag.value, view.cost_missed.value = int(COST_WRONG_FLAG), int(COST_MISSED)


def test_threshold_view_takes_other_scores_and_checks_them():
    view = ThresholdView(SCORES, TRUTH, start=0.5)
    assert view.result.flagged == 2
    with pytest.raises(ValueError, match="both scores and truth"):
        ThresholdView(SCORES)
    with pytest.raises(ValueError, match="between 0 and 1"):
        ThresholdView([0.5, 2.0], [True, False])


def test_fairness_view_dropdown_shows_each_way_of_deciding(fairness_view, experiment):
    view = fairness_view
    assert view.result is experiment.tables[PAST]
    for name in SCENARIOS[1:] + SCENARIOS[:1]:
        before = view.readout.value
        view.choice.value = name
        assert view.result is experiment.tables[name]
        assert name in view.readout.value
        gap = fairness_gap(experiment.tables[name], "false_positive_rate")
        assert f"{100 * gap:.0f} percentage points" in view.readout.value
        assert view.readout.value != before


def test_fairness_view_rejects_bad_input(experiment):
    with pytest.raises(ValueError, match="start must be one of"):
        FairnessView(experiment, start="Coin toss")
    with pytest.raises(TypeError, match="BiasExperiment"):
        FairnessView({"tables": {}})


def test_explain_view_dropdown_picks_an_applicant(explain_view):
    view = explain_view
    options = list(view.person.options)
    assert len(options) == 6
    probabilities = [view.explanations[o].probability for o in options]
    assert probabilities == sorted(probabilities)  # listed from low to high risk
    # Three applicants from each group are listed, so the suburb's push shows both ways.
    _, test = application_split()
    ids = {view.explanations[o].application_id for o in options}
    listed = test[test["application_id"].isin(ids)]
    assert listed["group"].value_counts().to_dict() == {"Group A": 3, "Group B": 3}
    suburb = [view.explanations[o].table.set_index("feature").loc["area"] for o in options]
    assert {row["direction"] for row in suburb} == {"raises risk", "lowers risk"}
    # The default model leaves out the group column but keeps the suburb.
    assert "group" not in set(view.result.table["feature"])
    assert "area" in set(view.result.table["feature"])
    for option in options[1:]:
        before = view.readout.value
        view.person.value = option
        assert view.result is view.explanations[option]
        assert f"{view.result.probability:.0%}" in view.readout.value
        assert view.readout.value != before


def test_explain_view_with_a_given_model_and_people(experiment):
    view = ExplainView(experiment.models[WITH_GROUP], experiment.test.iloc[:50], n_per_group=2)
    assert len(view.person.options) == 4
    assert "group" in set(view.result.table["feature"])
    with pytest.raises(TypeError, match="table of applicants"):
        ExplainView(people=[1, 2, 3])
