"""Models decay: a demand forecast that worked until the world changed, and a monitor that notices.

These are the concept cores behind "models decay". A forecaster learns weekly demand from
the weeks before a policy change; after the change its forecasts go wrong, and a simple
monitoring rule raises an alert.

How "accuracy" is measured here: each week's **absolute percentage error** is how far the
forecast was from what actually arrived, as a percentage of what arrived (a forecast of 1,100
when 1,000 arrived is 10% out). The monitor watches the **rolling error**: the average of
that percentage over the last few weeks (the ``window``). It also reports the share of
those weeks whose forecast was within a tolerance (10% by default), which is the plainer
"how often was it close enough" reading.

The **control limit** is set from a baseline period when the model was known to be working:
the average rolling error in that period plus ``limit`` standard deviations of it (three by
default, the usual rule in statistical process control). A week whose rolling error is above
the limit raises an alert. Every function is pure and returns plain values or tables.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from aicourse import SEED
from aicourse.validation import require_table

_DAYS_PER_YEAR = 365.25

#: The forecast counts as close enough when it is within this many per cent of the actual.
DEFAULT_TOLERANCE_PCT: float = 10.0


def _whole(name: str, value: object) -> int:
    """Check that ``value`` is a whole number (not True/False) and return it."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be a whole number, got {type(value).__name__}: {value!r}")
    return int(value)


def _number(name: str, value: object) -> float:
    """Check that ``value`` is a number (not True/False) and return it as a float."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a number, got {type(value).__name__}: {value!r}")
    return float(value)


def _features(demand: pd.DataFrame) -> np.ndarray:
    """The forecaster's inputs: a constant, the week number, and a yearly wave (sine, cosine)."""
    day = pd.to_datetime(demand["week_start"]).dt.dayofyear.to_numpy(dtype=float)
    angle = 2 * np.pi * day / _DAYS_PER_YEAR
    week = demand["week"].to_numpy(dtype=float)
    return np.column_stack([np.ones_like(week), week, np.sin(angle), np.cos(angle)])


@dataclass(frozen=True)
class Forecaster:
    """A fitted weekly demand forecast: a straight-line trend plus one smooth yearly wave.

    ``coefficients`` are the constant, the change per week, and the weights of the sine and
    cosine that make the yearly wave. ``until_week`` is the first week it did not see: it
    was trained on the weeks before it.
    """

    coefficients: tuple[float, float, float, float]
    until_week: int
    seed: int = SEED

    def predict(self, demand: pd.DataFrame) -> np.ndarray:
        """Forecast applications for each week (row) of a demand table."""
        demand = require_table("demand", demand, {"week", "week_start"})
        return _features(demand) @ np.array(self.coefficients)


def fit_forecaster(demand: pd.DataFrame, until_week: int, seed: int = SEED) -> Forecaster:
    """Fit a demand forecast on the weeks before ``until_week`` only.

    The forecast is a least-squares regression of weekly applications on a trend (the week
    number) and a yearly wave (a sine and a cosine of the time of year), so it learns the
    level, the growth and the winter peak it has seen, and nothing it has not seen. A
    least-squares fit uses no randomness, so ``seed`` does not change the result; it is
    accepted and recorded so this core is called the same way as the others.

    Raises:
        TypeError: if ``demand`` is not a table or ``until_week``/``seed`` not whole numbers.
        ValueError: if there are fewer than 52 weeks (a full year) before ``until_week``.
    """
    demand = require_table("demand", demand, {"week", "week_start", "applications"})
    until_week = _whole("until_week", until_week)
    seed = _whole("seed", seed)
    train = demand.loc[demand["week"] < until_week]
    if len(train) < 52:
        raise ValueError(
            "the forecaster needs at least a full year (52 weeks) to learn from; "
            f"only {len(train)} weeks come before week {until_week}"
        )
    y = train["applications"].to_numpy(dtype=float)
    coef, *_ = np.linalg.lstsq(_features(train), y, rcond=None)
    c0, c1, c2, c3 = (float(c) for c in coef)
    return Forecaster(coefficients=(c0, c1, c2, c3), until_week=until_week, seed=seed)


def forecast_errors(
    demand: pd.DataFrame,
    forecaster: Forecaster,
    tolerance_pct: float = DEFAULT_TOLERANCE_PCT,
) -> pd.DataFrame:
    """Compare each week's forecast with what actually arrived.

    Columns: ``week``; ``actual`` and ``forecast`` (applications); ``abs_pct_error`` (how
    far out the forecast was, as a percentage of the actual, e.g. 4.2 means 4.2%);
    ``within_tolerance`` (True when that is at most ``tolerance_pct``); ``in_training``
    (True for weeks the forecaster learned from).
    """
    if not isinstance(forecaster, Forecaster):
        raise TypeError(
            f"forecaster must be a Forecaster from fit_forecaster, got {type(forecaster).__name__}"
        )
    demand = require_table("demand", demand, {"week", "week_start", "applications"})
    tolerance_pct = _number("tolerance_pct", tolerance_pct)
    if not 0 < tolerance_pct <= 100:
        raise ValueError(f"tolerance_pct must be above 0 and at most 100, got {tolerance_pct:g}")
    actual = demand["applications"].to_numpy(dtype=float)
    if (actual <= 0).any():
        raise ValueError("every week needs at least one application to measure a % error")
    forecast = forecaster.predict(demand)
    error = 100 * np.abs(forecast - actual) / actual
    return pd.DataFrame(
        {
            "week": demand["week"].to_numpy(),
            "actual": actual,
            "forecast": forecast,
            "abs_pct_error": error,
            "within_tolerance": error <= tolerance_pct,
            "in_training": demand["week"].to_numpy() < forecaster.until_week,
        }
    )


def error_before_after(errors: pd.DataFrame, change_week: int) -> tuple[float, float]:
    """Average absolute % error in the weeks before ``change_week``, and from it on."""
    errors = require_table("errors", errors, {"week", "abs_pct_error"})
    change_week = _whole("change_week", change_week)
    before = errors.loc[errors["week"] < change_week, "abs_pct_error"]
    after = errors.loc[errors["week"] >= change_week, "abs_pct_error"]
    if before.empty or after.empty:
        raise ValueError(f"week {change_week} must have weeks both before it and from it on")
    return float(before.mean()), float(after.mean())


def monitor(
    errors: pd.DataFrame, baseline_weeks: int, window: int = 4, limit: float = 3.0
) -> pd.DataFrame:
    """Watch the rolling forecast error and raise an alert when it passes a control limit.

    ``baseline_weeks`` is how many weeks at the start count as the baseline, when the model
    was known to be working. ``window`` is how many recent weeks the rolling error averages
    over. ``limit`` is how many standard deviations above the baseline's average rolling
    error the control limit sits.

    Columns: ``week``; ``rolling_error`` (average absolute % error over the last ``window``
    weeks; empty for the first ``window - 1`` weeks); ``share_within_tolerance`` (share of
    those weeks whose forecast was close enough); ``control_limit`` (the same in every row);
    ``in_baseline``; ``alert`` (True when the rolling error is above the control limit).

    Raises:
        TypeError: if an argument is the wrong kind of thing.
        ValueError: if ``window`` is not 1 to 13 weeks, ``limit`` is not above 0 and at
            most 10, or the baseline is too short to hold at least 8 rolling values.
    """
    errors = require_table("errors", errors, {"week", "abs_pct_error", "within_tolerance"})
    baseline_weeks = _whole("baseline_weeks", baseline_weeks)
    window = _whole("window", window)
    limit = _number("limit", limit)
    if not 1 <= window <= 13:
        raise ValueError(f"window must be between 1 and 13 weeks, got {window}")
    if not 0 < limit <= 10:
        raise ValueError(f"limit must be above 0 and at most 10 standard deviations, got {limit:g}")
    if not window + 7 <= baseline_weeks <= len(errors):
        raise ValueError(
            f"baseline_weeks must be between {window + 7} (enough for 8 rolling values with "
            f"a {window}-week window) and {len(errors)} (the number of weeks), got {baseline_weeks}"
        )
    ordered = errors.sort_values("week").reset_index(drop=True)
    rolling = ordered["abs_pct_error"].rolling(window).mean()
    share = ordered["within_tolerance"].astype(float).rolling(window).mean()
    in_baseline = np.arange(len(ordered)) < baseline_weeks
    base = rolling[in_baseline].dropna()
    control_limit = float(base.mean() + limit * base.std(ddof=1))
    return pd.DataFrame(
        {
            "week": ordered["week"].to_numpy(),
            "rolling_error": rolling.to_numpy(),
            "share_within_tolerance": share.to_numpy(),
            "control_limit": control_limit,
            "in_baseline": in_baseline,
            "alert": (rolling > control_limit).to_numpy(),
        }
    )


def first_alert_week(monitored: pd.DataFrame, from_week: int | None = None) -> int | None:
    """The first week the monitor raised an alert (at or after ``from_week`` if given), or None."""
    monitored = require_table("monitored", monitored, {"week", "alert"})
    alerts = monitored.loc[monitored["alert"].astype(bool), "week"]
    if from_week is not None:
        alerts = alerts[alerts >= _whole("from_week", from_week)]
    return None if alerts.empty else int(alerts.min())


def monitor_summary(monitored: pd.DataFrame, change_week: int) -> dict[str, float | int | None]:
    """How well the monitor did around a known change: false alarms before it, delay after it.

    Keys: ``control_limit`` (%); ``false_alarms`` (weeks before ``change_week`` that raised
    an alert, though nothing had changed); ``first_alert`` (first alert week at or after the
    change, or None); ``weeks_to_detect`` (``first_alert - change_week``, or None if it never
    alerted).
    """
    monitored = require_table("monitored", monitored, {"week", "alert", "control_limit"})
    change_week = _whole("change_week", change_week)
    alerts = monitored["alert"].astype(bool)
    first = first_alert_week(monitored, from_week=change_week)
    return {
        "control_limit": float(monitored["control_limit"].iloc[0]),
        "false_alarms": int((alerts & (monitored["week"] < change_week)).sum()),
        "first_alert": first,
        "weeks_to_detect": None if first is None else first - change_week,
    }
