"""Tests for the adoption cores: demand and drift, use cases and portfolio, business case, risk.

Covers the data worlds (``aicourse.data.demand``, ``aicourse.data.use_cases``), the concept
cores (``aicourse.drift``, ``aicourse.portfolio``, ``aicourse.business_case``,
``aicourse.risk``), their charts (``aicourse.plots.adoption``) and widget views
(``aicourse.views.adoption``), including the story claims the lessons rely on.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from aicourse import SEED
from aicourse.business_case import (
    UNCERTAIN,
    BusinessCaseInputs,
    simulate_business_case,
    summarise,
)
from aicourse.data.demand import NEW_GROUP_SHARE, make_demand
from aicourse.data.use_cases import (
    BENEFIT_AREAS,
    FEASIBILITY_CRITERIA,
    KINDS,
    USE_CASES,
    VALUE_CRITERIA,
    UseCase,
    make_use_cases,
)
from aicourse.drift import (
    Forecaster,
    error_before_after,
    first_alert_week,
    fit_forecaster,
    forecast_errors,
    monitor,
    monitor_summary,
)
from aicourse.plots.adoption import (
    business_case_chart,
    demand_chart,
    monitor_chart,
    portfolio_chart,
    risk_matrix_chart,
)
from aicourse.portfolio import (
    CRITERIA,
    DEFAULT_WEIGHTS,
    LOWER_IS_BETTER,
    feasibility_only_weights,
    normalise_criteria,
    score_portfolio,
    value_only_weights,
)
from aicourse.risk import (
    IMPACTS,
    LEVELS,
    LIKELIHOODS,
    rate_risk,
    risk_level,
    risk_matrix,
    what_it_asks,
)
from aicourse.views.adoption import BusinessCaseView, DriftView, PortfolioView, RiskMatrixView

CHANGE_WEEK = 60


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def demand() -> pd.DataFrame:
    return make_demand()


@pytest.fixture(scope="module")
def errors(demand: pd.DataFrame) -> pd.DataFrame:
    return forecast_errors(demand, fit_forecaster(demand, until_week=CHANGE_WEEK))


@pytest.fixture(scope="module")
def monitored(errors: pd.DataFrame) -> pd.DataFrame:
    return monitor(errors, baseline_weeks=CHANGE_WEEK - 1)


@pytest.fixture(scope="module")
def use_cases() -> pd.DataFrame:
    return make_use_cases()


@pytest.fixture(scope="module")
def sim() -> pd.DataFrame:
    return simulate_business_case()


def _errors_table(values: list[float], tolerance: float = 10.0) -> pd.DataFrame:
    """A hand-made errors table with the given weekly % errors."""
    return pd.DataFrame(
        {
            "week": np.arange(1, len(values) + 1),
            "abs_pct_error": values,
            "within_tolerance": np.array(values) <= tolerance,
        }
    )


def _chance(inputs: BusinessCaseInputs) -> float:
    return summarise(simulate_business_case(inputs))["chance_pays_off"]


# ---------------------------------------------------------------- demand (data world)


def test_make_demand_columns_and_groups_add_up(demand: pd.DataFrame) -> None:
    assert list(demand.columns) == [
        "week",
        "week_start",
        "applications",
        "existing_group",
        "new_group",
        "after_change",
    ]
    assert len(demand) == 104
    assert (demand["week"] == np.arange(1, 105)).all()
    assert (demand["applications"] == demand["existing_group"] + demand["new_group"]).all()
    assert (demand["week_start"].diff().dropna() == pd.Timedelta(days=7)).all()
    assert (demand["after_change"] == (demand["week"] >= CHANGE_WEEK)).all()


def test_make_demand_is_deterministic_and_seeded() -> None:
    pd.testing.assert_frame_equal(make_demand(seed=7), make_demand(seed=7))
    assert not make_demand(seed=7)["applications"].equals(make_demand(seed=8)["applications"])


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"weeks": 104.0}, TypeError),
        ({"seed": "1"}, TypeError),
        ({"change_week": True}, TypeError),
        ({"weeks": 59}, ValueError),
        ({"change_week": 52}, ValueError),
        ({"weeks": 80, "change_week": 74}, ValueError),
    ],
)
def test_make_demand_rejects_bad_input(kwargs: dict, error: type[Exception]) -> None:
    with pytest.raises(error):
        make_demand(**kwargs)


def test_new_group_appears_only_from_the_change_and_builds_up(demand: pd.DataFrame) -> None:
    """Newly eligible applicants arrive from the change week, ramping up over a few weeks."""
    before = demand.loc[~demand["after_change"], "new_group"]
    assert (before == 0).all()
    after = demand.loc[demand["after_change"]]
    assert (after["new_group"] > 0).all()
    first_four = after["new_group"].iloc[:4].to_numpy()
    assert (np.diff(first_four) > 0).all()
    # Once ramped up, the new group is roughly NEW_GROUP_SHARE of the existing group.
    ratio = (after["new_group"] / after["existing_group"]).iloc[4:].mean()
    assert ratio == pytest.approx(NEW_GROUP_SHARE, rel=0.35)


def test_level_jumps_after_the_change(demand: pd.DataFrame) -> None:
    """Widening eligibility lifts demand: the 8 weeks after the ramp are well above the 8 before."""
    apps = demand.set_index("week")["applications"]
    before = apps.loc[CHANGE_WEEK - 8 : CHANGE_WEEK - 1].mean()
    after = apps.loc[CHANGE_WEEK + 4 : CHANGE_WEEK + 11].mean()
    assert after > 1.2 * before


def test_existing_group_peaks_in_winter_and_grows(demand: pd.DataFrame) -> None:
    """The existing group peaks in June to August (NZ winter) and trends upward year on year."""
    d = demand.assign(month=demand["week_start"].dt.month, year=demand["week_start"].dt.year).query(
        "year == 2023"
    )
    winter = d.loc[d["month"].isin([6, 7, 8]), "existing_group"].mean()
    summer = d.loc[d["month"].isin([12, 1, 2]), "existing_group"].mean()
    assert winter > 1.15 * summer
    yearly = demand.groupby(demand["week_start"].dt.year)["existing_group"].mean()
    assert yearly.loc[2024] > yearly.loc[2023]


def test_new_group_peaks_in_summer_not_winter(demand: pd.DataFrame) -> None:
    """The change shifts the seasonal mix: the new group peaks in late summer, not in winter."""
    d = demand.assign(month=demand["week_start"].dt.month, year=demand["week_start"].dt.year)
    d = d.query("year == 2024 and week >= @CHANGE_WEEK + 4")
    march = d.loc[d["month"] == 3, "new_group"].mean()
    july = d.loc[d["month"] == 7, "new_group"].mean()
    assert march > 1.3 * july


# ---------------------------------------------------------------- drift (concept core)


def test_fit_forecaster_recovers_a_known_trend_and_season() -> None:
    """On noiseless data made from a trend and a yearly wave, the fit finds them exactly."""
    starts = pd.date_range("2023-01-02", periods=70, freq="7D")
    week = np.arange(1, 71)
    angle = 2 * np.pi * starts.dayofyear.to_numpy() / 365.25
    apps = 500 + 3 * week + 50 * np.sin(angle) - 20 * np.cos(angle)
    table = pd.DataFrame({"week": week, "week_start": starts, "applications": apps})
    f = fit_forecaster(table, until_week=60)
    assert f.coefficients == pytest.approx((500, 3, 50, -20), abs=1e-6)
    assert f.until_week == 60
    assert f.predict(table) == pytest.approx(apps, abs=1e-6)


def test_fit_forecaster_only_learns_from_weeks_before(demand: pd.DataFrame) -> None:
    """Changing every week from ``until_week`` on does not change the fitted forecast."""
    changed = demand.copy()
    changed.loc[changed["week"] >= CHANGE_WEEK, "applications"] *= 10
    a = fit_forecaster(demand, CHANGE_WEEK)
    b = fit_forecaster(changed, CHANGE_WEEK)
    assert a.coefficients == b.coefficients
    c = fit_forecaster(changed, CHANGE_WEEK + 5)
    assert c.coefficients != a.coefficients


def test_fit_forecaster_is_deterministic(demand: pd.DataFrame) -> None:
    assert fit_forecaster(demand, CHANGE_WEEK, seed=SEED) == fit_forecaster(
        demand, CHANGE_WEEK, seed=SEED
    )


def test_fit_forecaster_rejects_bad_input(demand: pd.DataFrame) -> None:
    with pytest.raises(TypeError):
        fit_forecaster(demand["applications"], CHANGE_WEEK)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        fit_forecaster(demand, 60.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="full year"):
        fit_forecaster(demand, 40)
    with pytest.raises(ValueError, match="missing columns"):
        fit_forecaster(demand.drop(columns=["week_start"]), CHANGE_WEEK)


def test_forecast_errors_by_hand() -> None:
    """A flat forecast of 100 against 100, 110, 80, 125 is 0%, 9.1%, 25% and 20% out."""
    table = pd.DataFrame(
        {
            "week": [1, 2, 3, 4],
            "week_start": pd.date_range("2023-01-02", periods=4, freq="7D"),
            "applications": [100, 110, 80, 125],
        }
    )
    flat = Forecaster(coefficients=(100.0, 0.0, 0.0, 0.0), until_week=3)
    e = forecast_errors(table, flat, tolerance_pct=10)
    assert list(e.columns) == [
        "week",
        "actual",
        "forecast",
        "abs_pct_error",
        "within_tolerance",
        "in_training",
    ]
    assert e["abs_pct_error"].tolist() == pytest.approx([0, 100 / 11, 25, 20])
    assert e["within_tolerance"].tolist() == [True, True, False, False]
    assert e["in_training"].tolist() == [True, True, False, False]


def test_forecast_errors_rejects_bad_input(demand: pd.DataFrame) -> None:
    f = fit_forecaster(demand, CHANGE_WEEK)
    with pytest.raises(TypeError, match="Forecaster"):
        forecast_errors(demand, (1, 2, 3, 4))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="tolerance"):
        forecast_errors(demand, f, tolerance_pct=0)
    with pytest.raises(TypeError):
        forecast_errors(demand, f, tolerance_pct="10")  # type: ignore[arg-type]
    zero = demand.assign(applications=0)
    with pytest.raises(ValueError, match="at least one application"):
        forecast_errors(zero, f)


def test_error_before_after_by_hand() -> None:
    table = _errors_table([2, 4, 6, 30, 50])
    assert error_before_after(table, 4) == pytest.approx((4.0, 40.0))
    with pytest.raises(ValueError):
        error_before_after(table, 1)


def test_monitor_control_limit_and_alert_by_hand() -> None:
    """Errors alternating 1% and 3% for 20 weeks, then 20%: limit = 2 + 3 sd; alert in week 21."""
    values = [1.0, 3.0] * 10 + [20.0] * 10
    m = monitor(_errors_table(values), baseline_weeks=20, window=1, limit=3.0)
    expected_limit = 2 + 3 * math.sqrt(20 / 19)
    assert m["control_limit"].iloc[0] == pytest.approx(expected_limit)
    assert (m["control_limit"] == m["control_limit"].iloc[0]).all()
    assert m["alert"].tolist() == [False] * 20 + [True] * 10
    assert m["in_baseline"].tolist() == [True] * 20 + [False] * 10
    assert first_alert_week(m) == 21


def test_monitor_limit_sets_how_big_a_rise_raises_an_alert() -> None:
    """A rise to 4% is inside a 3 sd limit (about 5.1%) but outside a 1 sd limit (about 3.0%)."""
    values = [1.0, 3.0] * 10 + [4.0] * 5
    assert first_alert_week(monitor(_errors_table(values), 20, window=1, limit=3.0)) is None
    assert first_alert_week(monitor(_errors_table(values), 20, window=1, limit=1.0)) == 21


def test_monitor_rolling_window_averages_recent_weeks() -> None:
    values = [1.0, 3.0] * 10 + [20.0] * 4
    m = monitor(_errors_table(values), baseline_weeks=20, window=3)
    assert m["rolling_error"].iloc[:2].isna().all()
    assert m["rolling_error"].iloc[2] == pytest.approx((1 + 3 + 1) / 3)
    assert m["rolling_error"].iloc[21] == pytest.approx((3 + 20 + 20) / 3)
    assert m["share_within_tolerance"].iloc[21] == pytest.approx(1 / 3)
    assert not m["alert"].iloc[:2].any()  # no rolling value yet, so no alert


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"window": 0}, ValueError),
        ({"window": 14}, ValueError),
        ({"window": 2.0}, TypeError),
        ({"limit": 0}, ValueError),
        ({"limit": "3"}, TypeError),
        ({"baseline_weeks": 5}, ValueError),
        ({"baseline_weeks": 200}, ValueError),
    ],
)
def test_monitor_rejects_bad_input(errors: pd.DataFrame, kwargs: dict, error: type) -> None:
    args = {"baseline_weeks": 59, **kwargs}
    with pytest.raises(error):
        monitor(errors, **args)


def test_first_alert_week_none_and_from_week() -> None:
    m = pd.DataFrame({"week": [1, 2, 3, 4, 5], "alert": [False, True, False, False, True]})
    assert first_alert_week(m) == 2
    assert first_alert_week(m, from_week=3) == 5
    assert first_alert_week(m.assign(alert=False)) is None
    with pytest.raises(ValueError, match="missing columns"):
        first_alert_week(m.drop(columns=["alert"]))


def test_monitor_summary_by_hand() -> None:
    m = pd.DataFrame(
        {
            "week": [1, 2, 3, 4, 5, 6],
            "alert": [False, True, False, False, False, True],
            "control_limit": 5.0,
        }
    )
    s = monitor_summary(m, change_week=4)
    assert s == {"control_limit": 5.0, "false_alarms": 1, "first_alert": 6, "weeks_to_detect": 2}
    quiet = monitor_summary(m.assign(alert=False), change_week=4)
    assert quiet["first_alert"] is None and quiet["weeks_to_detect"] is None


def test_story_claim_1_forecast_decays_and_the_monitor_catches_it(
    errors: pd.DataFrame, monitored: pd.DataFrame
) -> None:
    """Story claim: "The forecaster's error is small before the policy change and jumps after it
    (mean abs % error after > 2x before), and the monitor raises its first alert within 6 weeks
    after the change and raises no alert in the baseline period."
    """
    before, after = error_before_after(errors, CHANGE_WEEK)
    assert before < 5  # noise is about 3%, so a good fit is off by a few per cent
    assert after > 2 * before
    assert not monitored.loc[monitored["in_baseline"], "alert"].any()
    first = first_alert_week(monitored)
    assert first is not None
    assert CHANGE_WEEK <= first <= CHANGE_WEEK + 6


# ---------------------------------------------------------------- use cases (data world)


def test_use_cases_table(use_cases: pd.DataFrame) -> None:
    assert 10 <= len(use_cases) <= 14
    assert len(use_cases) == len(USE_CASES)
    assert use_cases["name"].is_unique
    for column in (*VALUE_CRITERIA, *FEASIBILITY_CRITERIA, "kind", "benefit_area"):
        assert column in use_cases.columns
    for column in ("customer_benefit", "data_readiness", "complexity", "risk"):
        assert use_cases[column].between(1, 5).all()
    assert (use_cases[["hours_saved", "people_served", "cost"]] >= 0).all().all()
    assert set(use_cases["kind"]) == set(KINDS)  # every kind appears
    assert set(use_cases["benefit_area"]) == set(BENEFIT_AREAS)
    pd.testing.assert_frame_equal(use_cases, make_use_cases())


def test_use_case_rejects_bad_attributes() -> None:
    good = dict(
        name="x",
        description="y",
        kind="rules",
        benefit_area="productivity",
        hours_saved=1,
        people_served=1,
        customer_benefit=3,
        data_readiness=3,
        complexity=3,
        risk=3,
        cost=1,
    )
    UseCase(**good)
    for change in ({"kind": "magic"}, {"benefit_area": "fun"}, {"risk": 6}, {"cost": -1}):
        with pytest.raises(ValueError):
            UseCase(**{**good, **change})


# ---------------------------------------------------------------- portfolio (concept core)


def test_default_weights_cover_every_criterion() -> None:
    assert set(DEFAULT_WEIGHTS) == set(CRITERIA)
    assert sum(DEFAULT_WEIGHTS.values()) == pytest.approx(1.0)


def test_normalise_criteria_best_is_one_and_lower_is_better_flipped(
    use_cases: pd.DataFrame,
) -> None:
    n = normalise_criteria(use_cases)
    assert list(n.columns) == list(CRITERIA)
    assert ((n >= 0) & (n <= 1)).all().all()
    for criterion in CRITERIA:
        best = (
            use_cases[criterion].idxmin()
            if criterion in LOWER_IS_BETTER
            else use_cases[criterion].idxmax()
        )
        assert n.loc[best, criterion] == pytest.approx(1.0)
    cheapest, dearest = use_cases["cost"].idxmin(), use_cases["cost"].idxmax()
    assert (n.loc[cheapest, "cost"], n.loc[dearest, "cost"]) == (1.0, 0.0)
    flat = use_cases.assign(risk=3)
    assert (normalise_criteria(flat)["risk"] == 0.5).all()


def test_score_portfolio_ranks_best_first(use_cases: pd.DataFrame) -> None:
    s = score_portfolio(use_cases)
    assert s["rank"].tolist() == list(range(1, len(use_cases) + 1))
    assert s["score"].is_monotonic_decreasing
    assert set(s["name"]) == set(use_cases["name"])
    for column in ("value", "feasibility", "score"):
        assert s[column].between(0, 1).all()
    pd.testing.assert_frame_equal(s, score_portfolio(use_cases, DEFAULT_WEIGHTS))


def test_one_criterion_ranks_by_that_criterion(use_cases: pd.DataFrame) -> None:
    """With all the weight on cost the cheapest is first; on hours saved, the biggest saver."""
    by_cost = score_portfolio(use_cases, {"cost": 1})["name"].tolist()
    assert by_cost == use_cases.sort_values("cost")["name"].tolist()
    by_hours = score_portfolio(use_cases, {"hours_saved": 5})["name"].tolist()
    assert by_hours == use_cases.sort_values("hours_saved", ascending=False)["name"].tolist()


def test_weights_are_scaled_so_only_their_ratios_matter(use_cases: pd.DataFrame) -> None:
    doubled = {k: 2 * v for k, v in DEFAULT_WEIGHTS.items()}
    pd.testing.assert_frame_equal(
        score_portfolio(use_cases, doubled), score_portfolio(use_cases, DEFAULT_WEIGHTS)
    )


@pytest.mark.parametrize(
    ("weights", "error"),
    [
        ({"hours": 1}, ValueError),
        ({"risk": -1}, ValueError),
        ({"risk": 0, "cost": 0}, ValueError),
        ({"risk": "high"}, TypeError),
        ([("risk", 1)], TypeError),
    ],
)
def test_score_portfolio_rejects_bad_weights(use_cases, weights, error) -> None:
    with pytest.raises(error):
        score_portfolio(use_cases, weights)


def test_score_portfolio_rejects_bad_tables(use_cases: pd.DataFrame) -> None:
    with pytest.raises(TypeError):
        score_portfolio(use_cases.to_dict())  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="missing columns"):
        score_portfolio(use_cases.drop(columns=["risk"]))
    with pytest.raises(ValueError, match="at least two"):
        score_portfolio(use_cases.head(1))


def test_story_claim_2_weights_move_the_ranking(use_cases: pd.DataFrame) -> None:
    """Story claim: "Changing the portfolio weights changes the ranking: the top use case with
    default weights differs from the top use case when only "value" criteria are weighted (or
    only feasibility)."
    """
    top_default = score_portfolio(use_cases)["name"].iloc[0]
    top_value = score_portfolio(use_cases, value_only_weights())["name"].iloc[0]
    top_feasible = score_portfolio(use_cases, feasibility_only_weights())["name"].iloc[0]
    assert top_default != top_value
    assert top_default != top_feasible
    # Value only: the candidate with the most hours saved and the most people served wins.
    row = use_cases.set_index("name").loc[top_value]
    assert row["hours_saved"] == use_cases["hours_saved"].max()
    assert row["people_served"] == use_cases["people_served"].max()
    # Feasibility only: the candidate with the readiest data, least complexity and least risk.
    row = use_cases.set_index("name").loc[top_feasible]
    assert row["data_readiness"] == 5 and row["complexity"] == 1 and row["risk"] == 1


# ---------------------------------------------------------------- business case (concept core)


def test_simulation_columns_formulas_and_ranges(sim: pd.DataFrame) -> None:
    inputs = BusinessCaseInputs()
    assert len(sim) == 5000
    for name in UNCERTAIN:
        low, _, high = getattr(inputs, name)
        assert sim[name].between(low, high).all()
    gained = sim["hours_saved"] * sim["adoption"]
    rework = inputs.uses_per_year * sim["adoption"] * sim["error_rate"] * sim["rework_minutes"] / 60
    net_year = (gained - rework) * inputs.hourly_cost - sim["running_cost"]
    assert np.allclose(sim["hours_gained"], gained)
    assert np.allclose(sim["hours_reworked"], rework)
    assert np.allclose(sim["net_per_year"], net_year)
    assert np.allclose(sim["net_benefit"], inputs.years * net_year - sim["build_cost"])


def test_draws_follow_the_triangular_range(sim: pd.DataFrame) -> None:
    """A triangular range's average is (low + likely + high) / 3; its most common region is
    around the likely value."""
    low, likely, high = BusinessCaseInputs().adoption
    mean = (low + likely + high) / 3
    sd = math.sqrt((low**2 + likely**2 + high**2 - low * likely - low * high - likely * high) / 18)
    assert sim["adoption"].mean() == pytest.approx(mean, abs=4 * sd / math.sqrt(len(sim)))
    # The share below the likely value is (likely - low) / (high - low).
    share_below = (sim["adoption"] < likely).mean()
    assert share_below == pytest.approx((likely - low) / (high - low), abs=0.03)


def test_simulation_is_deterministic_and_seeded() -> None:
    a = simulate_business_case(n=500, seed=3)
    pd.testing.assert_frame_equal(a, simulate_business_case(n=500, seed=3))
    assert not a.equals(simulate_business_case(n=500, seed=4))


def test_fixed_ranges_give_a_fixed_answer() -> None:
    """With no uncertainty every simulated outcome is the hand-worked figure."""
    inputs = BusinessCaseInputs(
        hours_saved=(1000.0, 1000.0, 1000.0),
        adoption=(0.5, 0.5, 0.5),
        uses_per_year=6000.0,
        error_rate=(0.1, 0.1, 0.1),
        rework_minutes=(10.0, 10.0, 10.0),
        hourly_cost=50.0,
        build_cost=(20_000.0, 20_000.0, 20_000.0),
        running_cost=(5_000.0, 5_000.0, 5_000.0),
        years=2,
    )
    # hours: 500 gained, 6000 * 0.5 * 0.1 * 10 / 60 = 50 reworked; (450 * 50 - 5000) = 17,500 a
    # year; 2 years - 20,000 = 15,000.
    net = simulate_business_case(inputs, n=100)["net_benefit"]
    assert np.allclose(net, 15_000)
    assert summarise(simulate_business_case(inputs, n=100))["chance_pays_off"] == 1.0


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"adoption": (0.5, 0.4, 0.9)}, ValueError),
        ({"adoption": (0.5, 0.7, 1.2)}, ValueError),
        ({"build_cost": (-1.0, 0.0, 1.0)}, ValueError),
        ({"error_rate": (0.1, 0.2)}, TypeError),
        ({"error_rate": (0.1, "0.2", 0.3)}, TypeError),
        ({"years": 0}, ValueError),
        ({"years": 2.5}, TypeError),
        ({"hourly_cost": -5.0}, ValueError),
    ],
)
def test_business_case_inputs_reject_bad_values(kwargs: dict, error: type) -> None:
    with pytest.raises(error):
        BusinessCaseInputs(**kwargs)


def test_simulate_and_summarise_reject_bad_input() -> None:
    with pytest.raises(TypeError):
        simulate_business_case({"adoption": 0.5})  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        simulate_business_case(n=10)
    with pytest.raises(TypeError):
        simulate_business_case(n=1000.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        summarise([1, 2, 3])  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        summarise(pd.DataFrame({"x": [1]}))


def test_with_likely_scales_the_range_and_caps_shares() -> None:
    base = BusinessCaseInputs(adoption=(0.4, 0.6, 0.8), running_cost=(50.0, 100.0, 200.0))
    moved = base.with_likely(adoption=0.9, running_cost=50.0, years=5)
    assert moved.adoption == pytest.approx((0.6, 0.9, 1.0))
    assert moved.running_cost == pytest.approx((25.0, 50.0, 100.0))
    assert moved.years == 5
    assert base.adoption == (0.4, 0.6, 0.8)  # the original is unchanged
    with pytest.raises(ValueError, match="unknown"):
        base.with_likely(adopshun=0.5)
    with pytest.raises(TypeError):
        base.with_likely(adoption="high")


def test_summarise_keys_and_order(sim: pd.DataFrame) -> None:
    s = summarise(sim)
    assert set(s) == {"median", "p10", "p90", "mean", "chance_pays_off"}
    assert s["p10"] < s["median"] < s["p90"]
    assert s["chance_pays_off"] == pytest.approx((sim["net_benefit"] > 0).mean())
    assert s["median"] == pytest.approx(sim["net_benefit"].median())


def test_common_random_numbers_move_every_outcome_one_way() -> None:
    """Same seed, more rework time: no simulated outcome gets better."""
    base = BusinessCaseInputs()
    a = simulate_business_case(base, n=2000)["net_benefit"]
    b = simulate_business_case(base.with_likely(rework_minutes=20.0), n=2000)["net_benefit"]
    assert (b <= a + 1e-6).all()
    assert (b < a).mean() > 0.9


def test_story_claim_3_the_business_case_is_uncertain_and_responds(sim: pd.DataFrame) -> None:
    """Story claim: "The business case: with the default inputs the chance of paying off is
    between 0.5 and 0.95 (genuinely uncertain), and raising the rework per error or lowering
    adoption lowers that chance (monotone across a few settings)."
    """
    chance = summarise(sim)["chance_pays_off"]
    assert 0.5 < chance < 0.95
    base = BusinessCaseInputs()
    by_rework = [_chance(base.with_likely(rework_minutes=m)) for m in (6.0, 12.0, 18.0, 24.0)]
    assert all(later < earlier for earlier, later in zip(by_rework, by_rework[1:], strict=False))
    by_adoption = [_chance(base.with_likely(adoption=a)) for a in (0.8, 0.65, 0.5, 0.35)]
    assert all(
        later < earlier for earlier, later in zip(by_adoption, by_adoption[1:], strict=False)
    )


# ---------------------------------------------------------------- risk (concept core)


def test_risk_level_reads_words_in_any_case() -> None:
    assert risk_level("likely", " SEVERE ") == "High"
    assert risk_level("Unlikely", "minor") == "Low"


@pytest.mark.parametrize(
    ("likelihood", "impact", "error", "listed"),
    [
        ("Rare", "Minor", ValueError, "Unlikely, Possible, Likely"),
        ("Likely", "Catastrophic", ValueError, "Minor, Moderate, Severe"),
        (3, "Minor", TypeError, "Unlikely, Possible, Likely"),
        ("Likely", None, TypeError, "Minor, Moderate, Severe"),
    ],
)
def test_risk_level_bad_input_lists_the_options(likelihood, impact, error, listed) -> None:
    with pytest.raises(error, match=listed):
        risk_level(likelihood, impact)


def test_risk_matrix_table() -> None:
    m = risk_matrix()
    assert m.index.tolist() == list(LIKELIHOODS)
    assert m.columns.tolist() == list(IMPACTS)
    assert set(m.to_numpy().ravel()) == set(LEVELS)
    for lk in LIKELIHOODS:
        for im in IMPACTS:
            assert m.loc[lk, im] == risk_level(lk, im)


def test_what_it_asks_builds_up_by_level() -> None:
    low, medium, high = (what_it_asks(level) for level in LEVELS)
    assert low and medium[: len(low)] == low and high[: len(medium)] == medium
    assert len(low) < len(medium) < len(high)
    text = " ".join(high).lower()
    for needed in ("impact assessment", "privacy", "māori", "every decision", "senior"):
        assert needed in text
    assert what_it_asks(" high ") == high
    with pytest.raises(ValueError, match="Low, Medium, High"):
        what_it_asks("Extreme")
    with pytest.raises(TypeError):
        what_it_asks(2)  # type: ignore[arg-type]


def test_rate_risk_standardises_spelling() -> None:
    r = rate_risk("possible", "severe")
    assert (r.likelihood, r.impact, r.level) == ("Possible", "Severe", "High")
    assert list(r.asks) == what_it_asks("High")


def test_story_claim_4_the_risk_matrix_is_monotone() -> None:
    """Story claim: "The risk matrix is monotone: raising likelihood or impact never lowers the
    level; Likely x Severe is High and Unlikely x Minor is Low."
    """
    rank = {level: i for i, level in enumerate(LEVELS)}
    for i, lk in enumerate(LIKELIHOODS):
        for j, im in enumerate(IMPACTS):
            here = rank[risk_level(lk, im)]
            if i + 1 < len(LIKELIHOODS):
                assert rank[risk_level(LIKELIHOODS[i + 1], im)] >= here
            if j + 1 < len(IMPACTS):
                assert rank[risk_level(lk, IMPACTS[j + 1])] >= here
    assert risk_level("Likely", "Severe") == "High"
    assert risk_level("Unlikely", "Minor") == "Low"


# ---------------------------------------------------------------- story claim 5: determinism


def test_story_claim_5_determinism_everywhere_with_the_seed(use_cases: pd.DataFrame) -> None:
    """Story claim: "Determinism everywhere with the seed." Every generator and core gives the
    same output twice for the same seed."""
    d1, d2 = make_demand(seed=SEED), make_demand(seed=SEED)
    pd.testing.assert_frame_equal(d1, d2)
    e1 = forecast_errors(d1, fit_forecaster(d1, CHANGE_WEEK, seed=SEED))
    e2 = forecast_errors(d2, fit_forecaster(d2, CHANGE_WEEK, seed=SEED))
    pd.testing.assert_frame_equal(e1, e2)
    pd.testing.assert_frame_equal(monitor(e1, 59), monitor(e2, 59))
    pd.testing.assert_frame_equal(score_portfolio(use_cases), score_portfolio(make_use_cases()))
    s1, s2 = simulate_business_case(seed=SEED), simulate_business_case(seed=SEED)
    pd.testing.assert_frame_equal(s1, s2)
    assert summarise(s1) == summarise(s2)
    pd.testing.assert_frame_equal(risk_matrix(), risk_matrix())


# ---------------------------------------------------------------- charts


def _labelled(fig: Figure) -> None:
    ax = fig.axes[0]
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()


def test_demand_chart(errors: pd.DataFrame) -> None:
    fig = demand_chart(errors, change_week=CHANGE_WEEK)
    _labelled(fig)
    labels = [line.get_label() for line in fig.axes[0].get_lines()]
    assert "Applications" in labels and "Forecast" in labels
    assert any("week 60" in label for label in labels)
    with pytest.raises(ValueError, match="missing columns"):
        demand_chart(errors.drop(columns=["forecast"]))


def test_monitor_chart_marks_each_alert(monitored: pd.DataFrame) -> None:
    fig = monitor_chart(monitored, change_week=CHANGE_WEEK)
    _labelled(fig)
    alert_line = [ln for ln in fig.axes[0].get_lines() if ln.get_label() == "Alert"]
    assert len(alert_line) == 1
    assert len(alert_line[0].get_xdata()) == int(monitored["alert"].sum())
    assert str(first_alert_week(monitored)) in fig.axes[0].get_title()
    quiet = monitor_chart(monitored.assign(alert=False))
    assert quiet.axes[0].get_title() == "No alert raised"
    with pytest.raises(TypeError):
        monitor_chart(monitored.to_numpy())  # type: ignore[arg-type]


def test_portfolio_chart_both_kinds(use_cases: pd.DataFrame) -> None:
    scored = score_portfolio(use_cases)
    bars = portfolio_chart(scored, kind="bars")
    _labelled(bars)
    ticks = [t.get_text() for t in bars.axes[0].get_yticklabels()]
    assert ticks[0] == f"1. {scored['name'].iloc[0]}"
    chart_map = portfolio_chart(scored, kind="map")
    _labelled(chart_map)
    assert "feasibility" in chart_map.axes[0].get_title().lower()
    with pytest.raises(ValueError, match="bars"):
        portfolio_chart(scored, kind="pie")  # type: ignore[arg-type]


def test_portfolio_chart_without_a_kind_column_still_plots_every_use_case(
    use_cases: pd.DataFrame,
) -> None:
    scored = score_portfolio(use_cases.drop(columns=["kind"]))
    fig = portfolio_chart(scored, kind="map")
    assert sum(len(c.get_offsets()) for c in fig.axes[0].collections) == len(scored)


def test_business_case_chart_states_the_chance(sim: pd.DataFrame) -> None:
    fig = business_case_chart(sim)
    _labelled(fig)
    chance = summarise(sim)["chance_pays_off"]
    assert f"{chance:.0%}" in fig.axes[0].get_title()
    fixed = business_case_chart(sim, xlim=(-1e6, 1e6))
    assert fixed.axes[0].get_xlim() == pytest.approx((-1000, 1000))
    with pytest.raises(ValueError):
        business_case_chart(sim.drop(columns=["net_benefit"]))


def test_risk_matrix_chart_writes_each_level_and_marks_the_choice() -> None:
    fig = risk_matrix_chart("likely", "severe")
    _labelled(fig)
    texts = [t.get_text() for t in fig.axes[0].texts]
    for level in LEVELS:
        assert texts.count(level) == (risk_matrix().to_numpy() == level).sum()
    assert "Your rating" in texts
    assert "High" in fig.axes[0].get_title()
    blank = risk_matrix_chart()
    assert "Your rating" not in [t.get_text() for t in blank.axes[0].texts]
    with pytest.raises(ValueError, match="both"):
        risk_matrix_chart(likelihood="Likely")
    with pytest.raises(ValueError):
        risk_matrix_chart("Likely", "Huge")


# ---------------------------------------------------------------- views (wiring, no browser)


def _descriptions(view) -> None:
    for control in view.controls:
        assert control.description.strip()


def test_portfolio_view_wiring(use_cases: pd.DataFrame) -> None:
    view = PortfolioView()
    _descriptions(view)
    assert len(view.sliders) == len(CRITERIA)
    pd.testing.assert_frame_equal(view.result, score_portfolio(use_cases, DEFAULT_WEIGHTS))
    for criterion, slider in view.sliders.items():
        before_scores, before_text = view.result["score"].copy(), view.readout.value
        slider.value = 1.0
        assert view.weights()[criterion] == 1.0
        assert not np.allclose(view.result["score"].sort_values(), before_scores.sort_values())
        assert view.readout.value != before_text
    for slider in view.sliders.values():
        slider.value = 0.0
    assert view.result is None and "above zero" in view.readout.value
    view.sliders["hours_saved"].value = 1.0
    top = use_cases.loc[use_cases["hours_saved"].idxmax(), "name"]
    assert view.result["name"].iloc[0] == top and top in view.readout.value
    view.chart.value = "map"
    assert "feasibility" in view.figure.axes[0].get_title().lower()
    custom = PortfolioView(weights=value_only_weights())
    assert custom.weights()["cost"] == 0.0
    assert "the same as with the starting weights" in custom.readout.value


def test_business_case_view_wiring() -> None:
    view = BusinessCaseView(n=1000)  # fewer draws keep the test fast
    _descriptions(view)
    assert view.result == summarise(simulate_business_case(view.inputs(), n=1000))
    moves = [
        (view.adoption, 0.4),  # fewer users: lower chance
        (view.error_rate, 0.2),  # more mistakes: lower chance
        (view.rework, 20.0),  # longer fixes: lower chance
        (view.running, 150_000),  # dearer to run: lower chance
    ]
    for control, value in moves:
        before, before_text = view.result["chance_pays_off"], view.readout.value
        control.value = value
        assert view.result["chance_pays_off"] < before
        assert view.readout.value != before_text
    assert view.inputs().adoption[1] == 0.4
    assert view.figure.axes[0].get_xlim() == pytest.approx(tuple(x / 1000 for x in view.xlim))


def test_drift_view_wiring() -> None:
    view = DriftView()
    _descriptions(view)
    assert view.result["first_alert"] is not None
    assert view.result["false_alarms"] == 0
    assert f"week {view.result['first_alert']}" in view.readout.value
    before = view.result["control_limit"]
    view.window.value = 8
    assert view.result["control_limit"] != before
    # A limit only one standard deviation above the baseline average is crossed by chance.
    before_text = view.readout.value
    view.limit.value = 1.0
    assert view.result["false_alarms"] > 0
    assert view.readout.value != before_text


def test_risk_matrix_view_wiring() -> None:
    view = RiskMatrixView()
    _descriptions(view)
    assert view.result.level == risk_level("Possible", "Moderate")
    view.likelihood.value = "Likely"
    view.impact.value = "Severe"
    assert view.result.level == "High"
    assert "High" in view.readout.value and "privacy impact assessment" in view.readout.value
    view.likelihood.value = "Unlikely"
    view.impact.value = "Minor"
    assert view.result.level == "Low"
    assert "<b>Low</b>" in view.readout.value
    assert "privacy" not in view.readout.value
    with pytest.raises(ValueError):
        RiskMatrixView(likelihood="Sometimes")
