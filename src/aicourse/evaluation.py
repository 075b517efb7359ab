"""How we know a model works: accuracy, precision, recall, baselines and rare problems.

These are the concept cores behind Week 3 ("How models learn, and how we know they work").
Every function is pure: it takes counts, scores or tables and returns plain values,
dataclasses or tables, so the lesson, its widgets, the exercises and the tests all use the
same code. The threshold itself (flag every application scoring at least the threshold)
is :func:`aicourse.decisions.threshold_outcome`; this module adds the measures that judge
the result.

The four counts of a yes/no decision, in plain words (the course uses these names
everywhere):

- **correctly flagged** (a "true positive"): flagged for a check, and really had a problem;
- **wrongly flagged** (a "false positive"): flagged, but there was no problem;
- **missed** (a "false negative"): not flagged, but there was a problem;
- **correctly cleared** (a "true negative"): not flagged, and there was no problem.

From them: **accuracy** is the share of all decisions that were right; **precision** is the
share of flags that found a real problem; **recall** is the share of real problems that
were flagged. When problems are rare, a rule that never flags anyone is very accurate and
completely useless, so a model must always be compared with that **baseline**.

The week's risk model (:func:`standard_scores`) is the course's logistic regression
(:func:`aicourse.decisions.train_risk_model`) trained on the honest features to predict
``problem``, what checks of past applications really found, and scored on the 1,200 test
applications of :func:`aicourse.decisions.application_split`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from aicourse import SEED
from aicourse.data.demand import make_demand
from aicourse.decisions import (
    DECISION_LABELS,
    FEATURE_LABELS,
    FEATURES,
    TRUTH_LABELS,
    ThresholdOutcome,
    application_split,
    confusion_counts,
    risk_scores,
    threshold_for_recall,
    threshold_outcome,
    train_risk_model,
)
from aicourse.drift import fit_forecaster, forecast_errors

#: The threshold the lesson's rare-problem demo and the first exercise use: flag every
#: application whose risk score is at least 20%.
EXAMPLE_THRESHOLD: float = 0.2

#: How common problems are in the rare-problem demo's sweep: 1% to 50% in steps of 1%.
PREVALENCES: tuple[float, ...] = tuple(float(p) for p in np.round(np.arange(0.01, 0.501, 0.01), 2))

#: What the model decides, in the words tables use.
FLAG_WORDS: tuple[str, str] = ("Flag for a check", "No check")


# --- checking inputs --------------------------------------------------------------------


def _count(name: str, value: object) -> int:
    """Check that ``value`` is a whole number of zero or more (not True/False)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(
        value, (int, np.integer, float, np.floating)
    ):
        raise TypeError(f"{name} must be a whole number of applications, got {value!r}")
    if not np.isfinite(value) or float(value) != int(value):
        raise ValueError(f"{name} must be a whole number of applications, got {value}")
    if value < 0:
        raise ValueError(f"{name} cannot be negative, got {value}")
    return int(value)


def _share(name: str, value: object, low: float, high: float) -> float:
    """Check that ``value`` is a number between ``low`` and ``high`` (both included)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(
        value, (int, float, np.integer, np.floating)
    ):
        raise TypeError(f"{name} must be a number, got {value!r}")
    if not np.isfinite(value) or not low <= value <= high:
        raise ValueError(f"{name} must be between {low:g} and {high:g}, got {value}")
    return float(value)


def _ratio(top: int, bottom: int) -> float:
    return top / bottom if bottom else float("nan")


# --- measures from the four counts ------------------------------------------------------


@dataclass(frozen=True)
class Metrics:
    """The four counts of a yes/no decision, and the measures worked out from them.

    A measure with nothing to divide by is nan: precision when nothing was flagged,
    recall when there were no real problems.
    """

    correctly_flagged: int
    wrongly_flagged: int
    missed: int
    correctly_cleared: int

    @property
    def n(self) -> int:
        """Number of applications (all four counts added up)."""
        return self.correctly_flagged + self.wrongly_flagged + self.missed + self.correctly_cleared

    @property
    def flagged(self) -> int:
        """Applications flagged for a check."""
        return self.correctly_flagged + self.wrongly_flagged

    @property
    def problems(self) -> int:
        """Applications that really had a problem."""
        return self.correctly_flagged + self.missed

    @property
    def accuracy(self) -> float:
        """Share of all decisions that were right (flagged with a problem, or cleared without)."""
        return (self.correctly_flagged + self.correctly_cleared) / self.n

    @property
    def precision(self) -> float:
        """Share of flagged applications that really had a problem (nan if none flagged)."""
        return _ratio(self.correctly_flagged, self.flagged)

    @property
    def recall(self) -> float:
        """Share of real problems that were flagged (nan if there were no problems)."""
        return _ratio(self.correctly_flagged, self.problems)

    @property
    def share_flagged(self) -> float:
        """Share of all applications that were flagged for a check."""
        return self.flagged / self.n

    @property
    def problem_rate(self) -> float:
        """Share of all applications that really had a problem (how common problems are)."""
        return self.problems / self.n

    def table(self) -> pd.DataFrame:
        """The counts as a confusion table, laid out like :func:`decisions.confusion_counts`."""
        return pd.DataFrame(
            [
                [self.correctly_flagged, self.missed],
                [self.wrongly_flagged, self.correctly_cleared],
            ],
            index=pd.Index(TRUTH_LABELS, name="What was really true"),
            columns=pd.Index(DECISION_LABELS, name="What was decided"),
        )


def metrics_from_counts(
    correctly_flagged: int, wrongly_flagged: int, missed: int, correctly_cleared: int
) -> Metrics:
    """Build the measures from the four counts of a confusion table.

    Raises:
        TypeError: if a count is not a number (text, True/False...).
        ValueError: if a count is negative or has a fraction, or all four are zero.
    """
    counts = Metrics(
        _count("correctly_flagged", correctly_flagged),
        _count("wrongly_flagged", wrongly_flagged),
        _count("missed", missed),
        _count("correctly_cleared", correctly_cleared),
    )
    if counts.n == 0:
        raise ValueError("all four counts are zero: there are no decisions to measure")
    return counts


def metrics_from_table(table: pd.DataFrame) -> Metrics:
    """Read the four counts from a confusion table made by ``decisions.confusion_counts``.

    Rows are what was really true (``TRUTH_LABELS``), columns what was decided
    (``DECISION_LABELS``).
    """
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"expected a confusion table (a DataFrame), got {type(table).__name__}")
    if list(table.index) != list(TRUTH_LABELS) or list(table.columns) != list(DECISION_LABELS):
        raise ValueError(
            f"expected rows {list(TRUTH_LABELS)} and columns {list(DECISION_LABELS)}, "
            f"as confusion_counts makes them"
        )
    had, none = TRUTH_LABELS
    flag, clear = DECISION_LABELS
    return metrics_from_counts(
        table.loc[had, flag], table.loc[none, flag], table.loc[had, clear], table.loc[none, clear]
    )


def metrics_from_flags(truth: Sequence[bool], flagged: Sequence[bool]) -> Metrics:
    """The measures for a list of decisions (``flagged``) against what was really true."""
    return metrics_from_table(confusion_counts(truth, flagged))


def metrics_from_outcome(outcome: ThresholdOutcome) -> Metrics:
    """The measures for the decisions at one threshold (from ``decisions.threshold_outcome``)."""
    if not isinstance(outcome, ThresholdOutcome):
        raise TypeError(f"expected a ThresholdOutcome, got {type(outcome).__name__}")
    return metrics_from_counts(
        outcome.correctly_flagged,
        outcome.wrongly_flagged,
        outcome.missed,
        outcome.correctly_cleared,
    )


def metrics_at_threshold(
    scores: Sequence[float], truth: Sequence[bool], threshold: float
) -> Metrics:
    """Flag every application scoring at least ``threshold``; measure the decisions."""
    return metrics_from_outcome(threshold_outcome(scores, truth, threshold))


def precision(correctly_flagged: int, wrongly_flagged: int) -> float:
    """Share of flags that found a real problem: correctly flagged / everything flagged.

    nan if nothing was flagged. Raises TypeError or ValueError for a count that is not a
    whole number of zero or more.
    """
    caught = _count("correctly_flagged", correctly_flagged)
    return _ratio(caught, caught + _count("wrongly_flagged", wrongly_flagged))


def recall(correctly_flagged: int, missed: int) -> float:
    """Share of real problems that were flagged: correctly flagged / all real problems.

    nan if there were no real problems. Raises TypeError or ValueError for a count that is
    not a whole number of zero or more.
    """
    caught = _count("correctly_flagged", correctly_flagged)
    return _ratio(caught, caught + _count("missed", missed))


def accuracy(
    correctly_flagged: int, wrongly_flagged: int, missed: int, correctly_cleared: int
) -> float:
    """Share of all decisions that were right: (correctly flagged + correctly cleared) / all."""
    return metrics_from_counts(
        correctly_flagged, wrongly_flagged, missed, correctly_cleared
    ).accuracy


# --- the baseline -------------------------------------------------------------------------


def baseline_metrics(problems: int, n: int) -> Metrics:
    """The baseline: give every application the most common answer, without looking at it.

    When fewer than half the applications have a problem (the usual case), the most common
    answer is "no problem", so the baseline **never flags anyone**: its accuracy is the
    share with no problem, and it catches none of the problems. Any model worth having must
    do better than this on the measure that matters.
    """
    problems, n = _count("problems", problems), _count("n", n)
    if n == 0:
        raise ValueError("n must be at least 1 application")
    if problems > n:
        raise ValueError(f"there cannot be more problems ({problems}) than applications ({n})")
    if 2 * problems <= n:
        return Metrics(0, 0, problems, n - problems)
    return Metrics(problems, n - problems, 0, 0)


def baseline_accuracy(truth: Sequence[bool]) -> float:
    """Accuracy of the baseline on these true answers: the share of the most common answer."""
    table = confusion_counts(truth, truth)  # checks the values; its diagonal counts each answer
    return baseline_metrics(int(table.iloc[0, 0]), int(table.to_numpy().sum())).accuracy


@dataclass(frozen=True)
class BaselineComparison:
    """A model's decisions next to the baseline's, on the same applications."""

    model: Metrics
    baseline: Metrics

    @property
    def beats_on_accuracy(self) -> bool:
        """True if the model is right more often than the baseline."""
        return self.model.accuracy > self.baseline.accuracy

    @property
    def accuracy_gap(self) -> float:
        """Model accuracy minus baseline accuracy (negative when the baseline is better)."""
        return self.model.accuracy - self.baseline.accuracy

    @property
    def extra_problems_caught(self) -> int:
        """How many more real problems the model catches than the baseline."""
        return self.model.correctly_flagged - self.baseline.correctly_flagged


def compare_with_baseline(model: Metrics) -> BaselineComparison:
    """Put a model's measures next to the baseline's for the same applications."""
    if not isinstance(model, Metrics):
        raise TypeError(f"expected Metrics (from metrics_from_counts), got {type(model).__name__}")
    return BaselineComparison(model, baseline_metrics(model.problems, model.n))


# --- the week's risk model ---------------------------------------------------------------


@lru_cache(maxsize=4)
def _standard_scores(seed: int) -> tuple[np.ndarray, np.ndarray]:
    train, test = application_split(seed)
    model = train_risk_model(train, FEATURES, target="problem", seed=seed)
    return risk_scores(model, test), test["problem"].to_numpy(dtype=bool)


def standard_scores(seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    """The week's risk scores for the 1,200 test applications, and what was really true.

    The model (a logistic regression, ``train_risk_model``) learned from the 2,800 training
    applications which ones had a problem, using the honest features only. Computed once
    per session and copied on each call, so callers may change their copy.
    """
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise TypeError(f"seed must be a whole number, got {seed!r}")
    scores, truth = _standard_scores(int(seed))
    return scores.copy(), truth.copy()


def outcome_for_recall(
    scores: Sequence[float], truth: Sequence[bool], target_recall: float
) -> ThresholdOutcome:
    """The highest threshold that catches at least ``target_recall`` of real problems, applied.

    Uses ``decisions.threshold_for_recall`` to find the threshold, then counts who is
    flagged, wrongly flagged and missed there.
    """
    return threshold_outcome(scores, truth, threshold_for_recall(scores, truth, target_recall))


@dataclass(frozen=True)
class ThresholdCheck:
    """Does one threshold meet a recall target without flagging more than the team can check?"""

    threshold: float
    metrics: Metrics
    target_recall: float
    max_share_flagged: float

    @property
    def meets_recall(self) -> bool:
        """True if at least ``target_recall`` of the real problems are flagged."""
        return bool(self.metrics.recall >= self.target_recall)

    @property
    def within_capacity(self) -> bool:
        """True if no more than ``max_share_flagged`` of all applications are flagged."""
        return bool(self.metrics.share_flagged <= self.max_share_flagged)

    @property
    def ok(self) -> bool:
        """True if the threshold meets both conditions."""
        return self.meets_recall and self.within_capacity


def check_threshold(
    scores: Sequence[float],
    truth: Sequence[bool],
    threshold: float,
    target_recall: float,
    max_share_flagged: float,
) -> ThresholdCheck:
    """Check a threshold against two conditions: catch enough problems, flag few enough.

    A recall target alone can be met by flagging everyone; a limit on how many
    applications the team can check rules that out, so the right answers form a band of
    thresholds (see :func:`threshold_band`).
    """
    target = _share("target_recall", target_recall, 0.0, 1.0)
    limit = _share("max_share_flagged", max_share_flagged, 0.0, 1.0)
    metrics = metrics_at_threshold(scores, truth, threshold)
    return ThresholdCheck(float(threshold), metrics, target, limit)


def threshold_band(
    scores: Sequence[float],
    truth: Sequence[bool],
    target_recall: float,
    max_share_flagged: float,
) -> tuple[float, float] | None:
    """The lowest and highest thresholds that meet both conditions, or None if none does.

    The highest is ``decisions.threshold_for_recall``: any higher misses the recall target.
    The lowest is just above the score of the application that would take the flags past
    ``max_share_flagged`` of all applications: any lower flags too many.
    """
    highest = threshold_for_recall(scores, truth, target_recall)  # also checks the inputs
    limit = _share("max_share_flagged", max_share_flagged, 0.0, 1.0)
    s = np.sort(np.asarray(scores, dtype=float))[::-1]  # highest score first
    most = int(np.floor(limit * s.size + 1e-9))  # applications the team can check
    lowest = 0.0 if most >= s.size else float(np.nextafter(s[most], np.inf))
    if lowest > highest:
        return None
    return lowest, highest


# --- rare problems -------------------------------------------------------------------------


def rare_problem_set(
    scores: Sequence[float], truth: Sequence[bool], prevalence: float, seed: int = SEED
) -> tuple[np.ndarray, np.ndarray]:
    """Keep a subset of scored applications so that ``prevalence`` of them have a problem.

    If problems must be rarer than they are, every application with no problem is kept and
    only some of those with a problem; if more common, every problem is kept and only some
    of the others. Which ones are kept follows one fixed shuffle made from ``seed``, so a
    lower prevalence keeps a subset of the problems kept at a higher one. Scores are not
    changed: only how common problems are.
    """
    threshold_outcome(scores, truth, 0.5)  # checks scores and truth with plain messages
    s = np.asarray(scores, dtype=float)
    t = np.asarray(truth).astype(bool)
    p = _share("prevalence", prevalence, 0.0, 1.0)
    if not 0.0 < p < 1.0:
        raise ValueError(f"prevalence must be more than 0 and less than 1, got {prevalence}")
    problem_rows, fine_rows = np.flatnonzero(t), np.flatnonzero(~t)
    if problem_rows.size == 0 or fine_rows.size == 0:
        raise ValueError("the applications need some with a problem and some without")
    rng = np.random.default_rng(seed)
    problem_rows, fine_rows = rng.permutation(problem_rows), rng.permutation(fine_rows)
    if p <= problem_rows.size / t.size:
        keep_problems = max(1, round(p * fine_rows.size / (1 - p)))
        keep = np.concatenate([problem_rows[:keep_problems], fine_rows])
    else:
        keep_fine = max(1, round(problem_rows.size * (1 - p) / p))
        keep = np.concatenate([problem_rows, fine_rows[:keep_fine]])
    keep = np.sort(keep)
    return s[keep], t[keep]


@dataclass(frozen=True)
class RareProblemResult:
    """The model and the never-flag baseline on applications where problems are rare."""

    prevalence: float
    threshold: float
    model: Metrics
    baseline: Metrics


def rare_problem_comparison(
    scores: Sequence[float],
    truth: Sequence[bool],
    prevalence: float,
    threshold: float = EXAMPLE_THRESHOLD,
    seed: int = SEED,
) -> RareProblemResult:
    """Make problems as common as ``prevalence``; measure the model and the baseline there."""
    s, t = rare_problem_set(scores, truth, prevalence, seed)
    model = metrics_at_threshold(s, t, threshold)
    return RareProblemResult(
        float(prevalence), float(threshold), model, baseline_metrics(model.problems, model.n)
    )


def imbalance_sweep(
    scores: Sequence[float],
    truth: Sequence[bool],
    prevalences: Iterable[float] = PREVALENCES,
    threshold: float = EXAMPLE_THRESHOLD,
    seed: int = SEED,
) -> pd.DataFrame:
    """:func:`rare_problem_comparison` at each prevalence, one row each.

    Columns: ``prevalence`` (asked for), ``problem_rate`` (what the subset really has),
    ``applications``, ``problems``, ``baseline_accuracy``, ``baseline_recall`` (always 0
    while problems are under half), ``model_accuracy``, ``model_recall``,
    ``model_precision``.
    """
    rows = []
    for p in prevalences:
        r = rare_problem_comparison(scores, truth, p, threshold, seed)
        rows.append(
            {
                "prevalence": r.prevalence,
                "problem_rate": r.model.problem_rate,
                "applications": r.model.n,
                "problems": r.model.problems,
                "baseline_accuracy": r.baseline.accuracy,
                "baseline_recall": r.baseline.recall,
                "model_accuracy": r.model.accuracy,
                "model_recall": r.model.recall,
                "model_precision": r.model.precision,
            }
        )
    if not rows:
        raise ValueError("give at least one prevalence")
    return pd.DataFrame(rows)


# --- classification and regression, one example of each ---------------------------------

_EXAMPLE_COLUMNS = ("documents_complete", "income_changes", "months_at_address", "weekly_income")


def classification_examples(
    n: int = 6, threshold: float = EXAMPLE_THRESHOLD, seed: int = SEED
) -> pd.DataFrame:
    """Classification: a few test applications, each sorted into one of two groups.

    Shows four of each application's inputs, the model's risk score, its answer (a
    category: "Flag for a check" or "No check", at ``threshold``) and what was really
    true. The rows are taken in turn from the four kinds of result (correctly flagged,
    correctly cleared, wrongly flagged, missed), earliest test application first, so the
    table shows right and wrong answers alike.
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
        raise TypeError(f"n must be a whole number, got {n!r}")
    if not 1 <= n <= 40:
        raise ValueError(f"n must be between 1 and 40, got {n}")
    thr = _share("threshold", threshold, 0.0, 1.0)
    _, test = application_split(seed)
    scores, truth = standard_scores(seed)
    flagged = scores >= thr
    kinds = [
        np.flatnonzero(flagged & truth),
        np.flatnonzero(~flagged & ~truth),
        np.flatnonzero(flagged & ~truth),
        np.flatnonzero(~flagged & truth),
    ]
    longest = max(k.size for k in kinds)
    in_turn = [int(k[j]) for j in range(longest) for k in kinds if j < k.size]
    picked = in_turn[:n]
    rows = test.iloc[picked]
    table = pd.DataFrame(
        {FEATURE_LABELS[c]: rows[c].to_numpy() for c in _EXAMPLE_COLUMNS},
        index=pd.Index(rows["application_id"].to_numpy(), name="Application"),
    )
    table[FEATURE_LABELS["documents_complete"]] = np.where(
        rows["documents_complete"].to_numpy(), "yes", "no"
    )
    table[FEATURE_LABELS["weekly_income"]] = [f"${v:,.0f}" for v in rows["weekly_income"]]
    table["Risk score"] = [f"{v:.0%}" for v in scores[picked]]
    table["Model's answer"] = np.where(flagged[picked], FLAG_WORDS[0], FLAG_WORDS[1])
    table["What was true"] = np.where(truth[picked], TRUTH_LABELS[0], TRUTH_LABELS[1])
    return table


#: Regression example: the forecast learns from weeks 1 to 52 and predicts the weeks after,
#: up to the week before the policy change in the demand data world.
REGRESSION_TRAIN_WEEKS = 52


def regression_example(seed: int = SEED) -> pd.DataFrame:
    """Regression: a forecast of how many applications arrive each week (a number).

    The demand forecaster (``drift.fit_forecaster``) learns from the first 52 weeks and
    forecasts the weeks after, up to the policy change, so nothing unusual happens in the
    period shown. Returns the table from ``drift.forecast_errors``: ``week``, ``actual``,
    ``forecast``, ``abs_pct_error``, ``within_tolerance``, ``in_training``.
    """
    demand = make_demand(seed=seed)
    before = demand.loc[~demand["after_change"]].reset_index(drop=True)
    forecaster = fit_forecaster(before, until_week=REGRESSION_TRAIN_WEEKS + 1, seed=seed)
    return forecast_errors(before, forecaster)
