"""Deciding well: thresholds, fairness across groups, and explanations, for the applications.

These are the concept cores behind "the threshold is a policy choice", "bias in, bias out"
and "explaining a model". Every function is pure: it takes data (and a trained model) and
returns plain values, dataclasses or tables, so lessons, widgets, exercises and tests all
use the same code.

The risk model copies the past: it is trained on ``flagged_before``, the checkers' old
decisions, which is how many real systems are built. Its results are then judged against
``problem``, what was really true. Where the past was unfair, a model that copies it well
is unfair too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.exceptions import NotFittedError
from sklearn.inspection import permutation_importance
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.utils.validation import check_is_fitted

from aicourse import SEED
from aicourse.data.applications import make_applications
from aicourse.threads import one_blas_thread

#: The honest features: facts about an application that say nothing about the group.
FEATURES: tuple[str, ...] = (
    "age",
    "weekly_income",
    "household_size",
    "months_at_address",
    "documents_complete",
    "prior_grants",
    "income_changes",
)

#: Plain-language names for every input a model may use, for tables and charts.
FEATURE_LABELS: dict[str, str] = {
    "age": "Age",
    "weekly_income": "Weekly income",
    "household_size": "Household size",
    "months_at_address": "Months at address",
    "documents_complete": "All documents supplied",
    "prior_grants": "Grants in last two years",
    "income_changes": "Income changes in last year",
    "group": "Group",
    "area": "Suburb",
}

#: Illustrative cost of one unnecessary check, in dollars: about three hours of a checker's
#: time, plus the delay and worry for a person whose application was fine.
COST_WRONG_FLAG: float = 300.0

#: Illustrative cost of one missed problem, in dollars: a wrong payment that later has to be
#: recovered or put right, and the hardship that causes.
COST_MISSED: float = 1500.0

#: Row and column names of a confusion table.
TRUTH_LABELS: tuple[str, str] = ("Had a problem", "No problem")
DECISION_LABELS: tuple[str, str] = ("Flagged for a check", "Not flagged")

#: Names of the four ways of deciding compared in the bias experiment.
PAST = "Past decisions"
WITH_GROUP = "Model with group column"
WITHOUT_GROUP = "Model without group column"
WITHOUT_GROUP_OR_AREA = "Model without group or area"
SCENARIOS: tuple[str, ...] = (PAST, WITH_GROUP, WITHOUT_GROUP, WITHOUT_GROUP_OR_AREA)

#: Plain-language names for the columns of a group table.
COLUMN_LABELS: dict[str, str] = {
    "n": "Applications",
    "problem_rate": "Really had a problem",
    "selection_rate": "Flagged (selection rate)",
    "false_positive_rate": "Wrongly flagged, of those with no problem",
    "false_negative_rate": "Missed, of those with a problem",
    "precision": "Flags that found a problem (precision)",
}


# --- checking inputs --------------------------------------------------------------------


def _number(name: str, value: object, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a number, got {value!r}")
    if not np.isfinite(value) or not low <= value <= high:
        raise ValueError(f"{name} must be between {low:g} and {high:g}, got {value}")
    return float(value)


def _as_bool_array(name: str, values: object) -> np.ndarray:
    """Read true/false values (True/False or 1/0) into a 1-D array of booleans."""
    if isinstance(values, str):
        raise TypeError(f"{name} must be a list of True/False values, not a single piece of text")
    arr = np.asarray(values)
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError(f"{name} must be a non-empty list of True/False values")
    if arr.dtype == bool:
        return arr
    if arr.dtype.kind not in "iuf":
        raise TypeError(f"{name} must hold True/False (or 1/0) values, got {arr.dtype} values")
    if not np.isin(arr, (0, 1)).all():
        raise ValueError(f"{name} must hold only True/False (or 1/0) values")
    return arr.astype(bool)


def _scores_and_truth(scores: object, truth: object) -> tuple[np.ndarray, np.ndarray]:
    if isinstance(scores, str):
        raise TypeError("scores must be a list of numbers between 0 and 1, not text")
    s = np.asarray(scores)
    if s.dtype.kind not in "iuf" or s.dtype == bool:
        raise TypeError(f"scores must be numbers between 0 and 1, got {s.dtype} values")
    s = s.astype(float)
    if s.ndim != 1 or s.size == 0:
        raise ValueError("scores must be a non-empty list of numbers")
    if not np.isfinite(s).all() or s.min() < 0 or s.max() > 1:
        raise ValueError("every score must be a number between 0 and 1")
    t = _as_bool_array("truth", truth)
    if t.shape != s.shape:
        raise ValueError(f"got {s.size} scores but {t.size} true answers; they must match")
    return s, t


def _columns_present(df: object, columns: Iterable[str], what: str = "the table") -> None:
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"expected a table (a pandas DataFrame), got {type(df).__name__}")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{what} is missing columns: {missing}")


def _feature_list(features: object) -> list[str]:
    if isinstance(features, str):
        raise TypeError("features must be a list of column names; wrap a single name in [...]")
    if not isinstance(features, Iterable):
        raise TypeError("features must be a list of column names")
    out = list(features)
    if not out:
        raise ValueError("give the model at least one feature")
    if not all(isinstance(f, str) for f in out):
        raise TypeError("every feature must be a column name (text)")
    if len(set(out)) != len(out):
        raise ValueError(f"a feature is listed twice: {out}")
    return out


def _fitted(model: object) -> Pipeline:
    if not isinstance(model, Pipeline):
        raise TypeError(f"expected a model made by train_risk_model, got {type(model).__name__}")
    try:
        check_is_fitted(model)
    except NotFittedError as err:
        raise ValueError("this model has not been trained yet") from err
    if not hasattr(model, "feature_names_in_"):
        raise TypeError("expected a model made by train_risk_model (trained on a table)")
    return model


def _logistic_parts(model: Pipeline) -> tuple[ColumnTransformer, LogisticRegression]:
    """The two steps of a model made by :func:`train_risk_model`."""
    prep, classifier = model.named_steps.get("inputs"), model.named_steps.get("weigh")
    if not isinstance(prep, ColumnTransformer) or not isinstance(classifier, LogisticRegression):
        raise TypeError("explanations need a model made by train_risk_model")
    return prep, classifier


def _inputs_of(model: Pipeline) -> list[str]:
    return [str(c) for c in model.feature_names_in_]


# --- data split and the risk model -------------------------------------------------------


def split_applications(
    df: pd.DataFrame, test_share: float = 0.3, seed: int = SEED
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split applications into training and test sets, keeping group shares the same in both.

    The model learns from the training set only; everything is judged on the test set, so
    the results are an honest guess at how it would do on new applications.
    """
    _number("test_share", test_share, 0.05, 0.95)
    _columns_present(df, ["group"], "the applications table")
    train, test = train_test_split(
        df, test_size=test_share, random_state=seed, stratify=df["group"]
    )
    return train.reset_index(drop=True), test.reset_index(drop=True)


@lru_cache(maxsize=4)
def _standard_split(seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    return split_applications(make_applications(seed=seed), seed=seed)


def application_split(seed: int = SEED) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The course's standard applications: 4,000 made with ``seed``, split 2,800 / 1,200.

    Computed once per session and copied on each call, so callers may change their copy.
    """
    train, test = _standard_split(seed)
    return train.copy(), test.copy()


def train_risk_model(
    df: pd.DataFrame,
    features: Sequence[str],
    target: str = "flagged_before",
    seed: int = SEED,
) -> Pipeline:
    """Train a risk model: which applications look like the ones ``target`` marks as True?

    By default the target is ``flagged_before``: the model learns to copy the checkers'
    past decisions, which is how many real systems are built. Text columns (such as group
    or area) are turned into yes/no columns, numbers are put on a common scale, and a
    logistic regression weighs them up into a score between 0 and 1.
    """
    feats = _feature_list(features)
    if not isinstance(target, str):
        raise TypeError(f"target must be a column name (text), got {target!r}")
    if target in feats:
        raise ValueError(f"the target {target!r} cannot also be one of the features")
    _columns_present(df, [*feats, target], "the applications table")
    y = _as_bool_array(target, df[target].to_numpy())
    if y.all() or not y.any():
        raise ValueError(f"training needs examples where {target!r} is True and where it is False")
    numeric = [f for f in feats if pd.api.types.is_numeric_dtype(df[f])]
    categorical = [f for f in feats if f not in numeric]
    steps = []
    if categorical:
        steps.append(("categories", OneHotEncoder(handle_unknown="ignore"), categorical))
    if numeric:
        steps.append(("numbers", StandardScaler(), numeric))
    model = Pipeline(
        [
            ("inputs", ColumnTransformer(steps, sparse_threshold=0.0)),
            ("weigh", LogisticRegression(max_iter=1000, random_state=seed)),
        ]
    )
    with one_blas_thread():
        model.fit(_prepare(df, feats), y)
    return model


def _prepare(df: pd.DataFrame, features: Sequence[str]) -> pd.DataFrame:
    """The model's input columns, with yes/no columns turned into 1/0 numbers."""
    X = df[list(features)].copy()
    for f in X.columns:
        if X[f].dtype == bool:
            X[f] = X[f].astype(float)
    return X


def _model_inputs(model: Pipeline, df: pd.DataFrame) -> pd.DataFrame:
    feats = _inputs_of(model)
    _columns_present(df, feats, "the applications table")
    return _prepare(df, feats)


def risk_scores(model: Pipeline, df: pd.DataFrame) -> np.ndarray:
    """The model's risk score (0 to 1) for each application in ``df``: higher looks riskier."""
    model = _fitted(model)
    if len(df) == 0:
        raise ValueError("there are no applications to score")
    proba = model.predict_proba(_model_inputs(model, df))
    positive = list(model.classes_).index(True)
    return proba[:, positive]


def risk_logits(model: Pipeline, df: pd.DataFrame) -> np.ndarray:
    """The model's score for each application on its internal scale (log-odds).

    A score ``s`` here is the probability ``1 / (1 + exp(-s))``. Contributions in
    :func:`explain_one` add up on this scale.
    """
    model = _fitted(model)
    if len(df) == 0:
        raise ValueError("there are no applications to score")
    return model.decision_function(_model_inputs(model, df))


# --- the threshold ------------------------------------------------------------------------


def confusion_counts(truth: Sequence[bool], predicted: Sequence[bool]) -> pd.DataFrame:
    """The confusion table: how many applications fall in each pair of truth and decision.

    Rows are what was really true (had a problem or not); columns are what was decided
    (flagged for a check or not). The four counts add up to the number of applications.
    """
    t = _as_bool_array("truth", truth)
    p = _as_bool_array("predicted", predicted)
    if t.shape != p.shape:
        raise ValueError(f"got {t.size} true answers but {p.size} decisions; they must match")
    counts = [
        [int((t & p).sum()), int((t & ~p).sum())],
        [int((~t & p).sum()), int((~t & ~p).sum())],
    ]
    return pd.DataFrame(
        counts,
        index=pd.Index(TRUTH_LABELS, name="What was really true"),
        columns=pd.Index(DECISION_LABELS, name="What was decided"),
    )


@dataclass(frozen=True)
class ThresholdOutcome:
    """What happens when every application scoring at or above ``threshold`` is checked.

    ``precision`` is the share of flagged applications that really had a problem (nan if
    none were flagged); ``recall`` is the share of real problems that were flagged (nan if
    there were none). ``total_cost`` is in dollars: each wrong flag costs
    ``cost_wrong_flag`` and each missed problem costs ``cost_missed``.
    """

    threshold: float
    flagged: int
    correctly_flagged: int
    wrongly_flagged: int
    missed: int
    correctly_cleared: int
    precision: float
    recall: float
    cost_wrong_flag: float
    cost_missed: float
    total_cost: float

    @property
    def n(self) -> int:
        """Number of applications."""
        return self.flagged + self.missed + self.correctly_cleared

    @property
    def false_positive_rate(self) -> float:
        """Share of applications with no problem that were flagged anyway."""
        no_problem = self.wrongly_flagged + self.correctly_cleared
        return self.wrongly_flagged / no_problem if no_problem else float("nan")


def _ratio(top: int, bottom: int) -> float:
    return top / bottom if bottom else float("nan")


def threshold_outcome(
    scores: Sequence[float],
    truth: Sequence[bool],
    threshold: float,
    cost_wrong_flag: float = COST_WRONG_FLAG,
    cost_missed: float = COST_MISSED,
) -> ThresholdOutcome:
    """Flag every application whose score is at least ``threshold``; count the results.

    ``truth`` says which applications really had a problem. Returns the counts (correctly
    flagged, wrongly flagged, missed, correctly cleared), precision, recall and the cost.
    """
    s, t = _scores_and_truth(scores, truth)
    thr = _number("threshold", threshold, 0.0, 1.0)
    cw = _number("cost_wrong_flag", cost_wrong_flag, 0.0, 1e9)
    cm = _number("cost_missed", cost_missed, 0.0, 1e9)
    flagged = s >= thr
    tp = int((flagged & t).sum())
    fp = int((flagged & ~t).sum())
    fn = int((~flagged & t).sum())
    tn = int((~flagged & ~t).sum())
    return ThresholdOutcome(
        threshold=thr,
        flagged=tp + fp,
        correctly_flagged=tp,
        wrongly_flagged=fp,
        missed=fn,
        correctly_cleared=tn,
        precision=_ratio(tp, tp + fp),
        recall=_ratio(tp, tp + fn),
        cost_wrong_flag=cw,
        cost_missed=cm,
        total_cost=fp * cw + fn * cm,
    )


def threshold_sweep(
    scores: Sequence[float],
    truth: Sequence[bool],
    thresholds: Iterable[float],
    cost_wrong_flag: float = COST_WRONG_FLAG,
    cost_missed: float = COST_MISSED,
) -> pd.DataFrame:
    """:func:`threshold_outcome` at each threshold, one row each, in the order given.

    Columns: threshold, flagged, correctly_flagged, wrongly_flagged, missed,
    correctly_cleared, precision, recall, total_cost.
    """
    s, t = _scores_and_truth(scores, truth)
    thr = np.array([_number("each threshold", v, 0.0, 1.0) for v in thresholds], dtype=float)
    if thr.size == 0:
        raise ValueError("give at least one threshold")
    cw = _number("cost_wrong_flag", cost_wrong_flag, 0.0, 1e9)
    cm = _number("cost_missed", cost_missed, 0.0, 1e9)
    problem_scores = np.sort(s[t])
    fine_scores = np.sort(s[~t])
    tp = problem_scores.size - np.searchsorted(problem_scores, thr, side="left")
    fp = fine_scores.size - np.searchsorted(fine_scores, thr, side="left")
    fn = problem_scores.size - tp
    tn = fine_scores.size - fp
    with np.errstate(invalid="ignore", divide="ignore"):
        precision = np.where(tp + fp > 0, tp / np.maximum(tp + fp, 1), np.nan)
        recall = np.where(tp + fn > 0, tp / np.maximum(tp + fn, 1), np.nan)
    return pd.DataFrame(
        {
            "threshold": thr,
            "flagged": tp + fp,
            "correctly_flagged": tp,
            "wrongly_flagged": fp,
            "missed": fn,
            "correctly_cleared": tn,
            "precision": precision,
            "recall": recall,
            "total_cost": fp * cw + fn * cm,
        }
    )


def threshold_for_recall(
    scores: Sequence[float], truth: Sequence[bool], target_recall: float
) -> float:
    """The highest threshold that still flags at least ``target_recall`` of the real problems.

    Raising the threshold flags fewer applications, so recall can only fall. The answer is
    the score of the real problem that just makes the target: flag everything scoring at
    least that, and the target is met; any higher threshold misses it.
    """
    s, t = _scores_and_truth(scores, truth)
    target = _number("target_recall", target_recall, 0.0, 1.0)
    if target == 0.0:
        raise ValueError("target_recall must be more than 0 (a recall of 0 needs no checks)")
    if not t.any():
        raise ValueError("there are no real problems, so recall cannot be worked out")
    problem_scores = np.sort(s[t])[::-1]  # highest first
    candidates = np.unique(problem_scores)[::-1]  # distinct scores, highest first
    caught = problem_scores.size - np.searchsorted(problem_scores[::-1], candidates, "left")
    recall = caught / problem_scores.size
    meets = np.flatnonzero(recall >= target)
    return float(candidates[meets[0]])


# --- fairness across groups ---------------------------------------------------------------


def group_table(
    groups: Sequence[str], truth: Sequence[bool], flagged: Sequence[bool]
) -> pd.DataFrame:
    """One row per group: how often its applications were flagged, and the errors made.

    Columns: ``n`` (applications), ``problem_rate`` (share that really had a problem),
    ``selection_rate`` (share flagged), ``false_positive_rate`` (share of those with no
    problem who were flagged anyway), ``false_negative_rate`` (share of those with a problem
    who were missed) and ``precision`` (share of flags that found a problem). A rate with
    nothing to divide by is nan.
    """
    if isinstance(groups, str):
        raise TypeError("groups must be a list of group names, one per application")
    g = np.asarray(groups, dtype=object)
    t = _as_bool_array("truth", truth)
    f = _as_bool_array("flagged", flagged)
    if not (g.ndim == 1 and g.shape == t.shape == f.shape):
        raise ValueError("groups, truth and flagged must be lists of the same length")
    rows = {}
    for name in sorted({str(x) for x in g}):
        m = g == name
        tt, ff = t[m], f[m]
        rows[name] = {
            "n": int(m.sum()),
            "problem_rate": float(tt.mean()),
            "selection_rate": float(ff.mean()),
            "false_positive_rate": _ratio(int((ff & ~tt).sum()), int((~tt).sum())),
            "false_negative_rate": _ratio(int((~ff & tt).sum()), int(tt.sum())),
            "precision": _ratio(int((ff & tt).sum()), int(ff.sum())),
        }
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "group"
    return table


def fairness_gap(table: pd.DataFrame, column: str) -> float:
    """The gap in one measure between groups: the highest group's value minus the lowest's.

    For example, ``fairness_gap(table, "false_positive_rate")`` is how much more often the
    worst-treated group's applicants with no problem were flagged. 0 means no gap.
    """
    if not isinstance(column, str):
        raise TypeError(f"column must be a column name (text), got {column!r}")
    _columns_present(table, [column], "the group table")
    if len(table) < 2:
        raise ValueError("a gap needs at least two groups")
    values = table[column].to_numpy(dtype=float)
    if np.isnan(values).any():
        raise ValueError(f"{column!r} cannot be worked out for every group, so there is no gap")
    return float(values.max() - values.min())


def flag_top_share(scores: Sequence[float], share: float) -> np.ndarray:
    """Flag the ``share`` of applications with the highest scores (ties: the earlier row first).

    Used to compare several models fairly: each one flags the same number of applications.
    """
    s = np.asarray(scores, dtype=float)
    if s.ndim != 1 or s.size == 0:
        raise ValueError("scores must be a non-empty list of numbers")
    k = round(_number("share", share, 0.0, 1.0) * s.size)
    flagged = np.zeros(s.size, dtype=bool)
    flagged[np.argsort(-s, kind="stable")[:k]] = True
    return flagged


@dataclass(frozen=True)
class BiasExperiment:
    """The bias experiment: four ways of deciding, judged on the same test applications.

    ``tables`` holds a :func:`group_table` for each name in ``SCENARIOS``, judged against
    the truth (``problem``). Each model flags ``flag_share`` of the test applications, the
    share the checkers used to flag, so the four are compared like with like.
    """

    flag_share: float
    test: pd.DataFrame
    models: dict[str, Pipeline]
    scores: dict[str, np.ndarray]
    flagged: dict[str, np.ndarray]
    tables: dict[str, pd.DataFrame]

    def gaps(self, column: str = "false_positive_rate") -> pd.Series:
        """The gap between groups in ``column`` for each way of deciding."""
        return pd.Series(
            {name: fairness_gap(self.tables[name], column) for name in SCENARIOS},
            name=f"gap in {column}",
        )


#: The inputs each model in the bias experiment may use.
SCENARIO_FEATURES: dict[str, tuple[str, ...]] = {
    WITH_GROUP: ("group", "area", *FEATURES),
    WITHOUT_GROUP: ("area", *FEATURES),
    WITHOUT_GROUP_OR_AREA: FEATURES,
}


def bias_experiment(df: pd.DataFrame, seed: int = SEED, test_share: float = 0.3) -> BiasExperiment:
    """Bias in, bias out: train three models on past decisions and compare them with the past.

    The applications are split into training and test sets. Three models learn to copy
    ``flagged_before``: one may use the group column, one may not (but still sees the
    suburb), and one sees neither. On the test set each flags the same share of
    applications the checkers flagged, and every way of deciding, past decisions included,
    is judged against what was really true.
    """
    _columns_present(df, ["group", "area", "problem", "flagged_before", *FEATURES])
    train, test = split_applications(df, test_share=test_share, seed=seed)
    share = float(train["flagged_before"].mean())
    truth = test["problem"].to_numpy(dtype=bool)
    groups = test["group"].to_numpy()
    past = test["flagged_before"].to_numpy(dtype=bool)
    models: dict[str, Pipeline] = {}
    scores: dict[str, np.ndarray] = {}
    flagged: dict[str, np.ndarray] = {PAST: past}
    for name, feats in SCENARIO_FEATURES.items():
        models[name] = train_risk_model(train, feats, "flagged_before", seed=seed)
        scores[name] = risk_scores(models[name], test)
        flagged[name] = flag_top_share(scores[name], share)
    tables = {name: group_table(groups, truth, flagged[name]) for name in SCENARIOS}
    return BiasExperiment(share, test, models, scores, flagged, tables)


# --- explaining a model -------------------------------------------------------------------


def feature_importance(
    model: Pipeline,
    df: pd.DataFrame,
    features: Sequence[str] | None = None,
    target: str = "flagged_before",
    seed: int = SEED,
    n_repeats: int = 10,
) -> pd.DataFrame:
    """Which inputs matter overall: how much worse the model gets when one input is shuffled.

    Each input in turn is shuffled across the applications in ``df`` (use a test set the
    model did not learn from), which breaks its link with everything else; the drop in the
    model's ranking quality (the area under the ROC curve, where 1 is a perfect ranking and
    0.5 is guessing) is that input's importance. Columns: ``input`` (plain name),
    ``feature`` (column name), ``importance`` (average drop) and ``spread`` (standard
    deviation over ``n_repeats`` shuffles), most important first.
    """
    model = _fitted(model)
    feats = _inputs_of(model) if features is None else _feature_list(features)
    unknown = [f for f in feats if f not in _inputs_of(model)]
    if unknown:
        raise ValueError(f"the model does not use these inputs: {unknown}")
    if isinstance(n_repeats, bool) or not isinstance(n_repeats, int) or n_repeats < 1:
        raise ValueError(f"n_repeats must be a whole number of at least 1, got {n_repeats!r}")
    _columns_present(df, [*_inputs_of(model), target], "the applications table")
    y = _as_bool_array(target, df[target].to_numpy())
    if y.all() or not y.any():
        raise ValueError(f"{target!r} must be True for some applications and False for others")
    X = _model_inputs(model, df)
    result = permutation_importance(
        model, X, y, scoring="roc_auc", n_repeats=n_repeats, random_state=seed
    )
    position = {f: i for i, f in enumerate(X.columns)}
    table = pd.DataFrame(
        {
            "input": [FEATURE_LABELS.get(f, f) for f in feats],
            "feature": feats,
            "importance": [float(result.importances_mean[position[f]]) for f in feats],
            "spread": [float(result.importances_std[position[f]]) for f in feats],
        }
    )
    return table.sort_values("importance", ascending=False, kind="stable").reset_index(drop=True)


def describe_value(feature: str, value: Any) -> str:
    """A person's value for one input, in plain words ("$640 a week", "no", "3 people")."""
    if feature == "weekly_income":
        return f"${float(value):,.0f} a week"
    if feature == "documents_complete":
        return "yes" if bool(value) else "no"
    if feature == "household_size":
        return f"{int(value)} {'person' if int(value) == 1 else 'people'}"
    if feature == "months_at_address":
        return f"{int(value)} month{'' if int(value) == 1 else 's'}"
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return str(int(value))
    return str(value)


@dataclass(frozen=True)
class Explanation:
    """Why the model gave one applicant their score, input by input.

    ``table`` has one row per input: ``input`` (plain name), ``feature`` (column name),
    ``value`` (this person's value, in words), ``contribution`` and ``direction`` ("raises
    risk" or "lowers risk"), largest effect first. Contributions are on the model's
    internal scale (log-odds), where they add up exactly: ``baseline`` (the score of an
    average applicant) plus every contribution equals ``score`` (this person's score).
    ``probability`` and ``baseline_probability`` are the same two scores between 0 and 1.
    """

    application_id: int | None
    table: pd.DataFrame
    baseline: float
    score: float

    @property
    def probability(self) -> float:
        """This applicant's risk score between 0 and 1."""
        return float(1.0 / (1.0 + np.exp(-self.score)))

    @property
    def baseline_probability(self) -> float:
        """An average applicant's risk score between 0 and 1."""
        return float(1.0 / (1.0 + np.exp(-self.baseline)))


def _input_slices(prep: ColumnTransformer) -> dict[str, slice]:
    """Which columns of the model's prepared inputs come from each original input."""
    out: dict[str, slice] = {}
    for name, transformer, cols in prep.transformers_:
        if name == "remainder":
            continue
        block = prep.output_indices_[name]
        start = block.start
        if isinstance(transformer, OneHotEncoder):
            widths = [len(c) for c in transformer.categories_]
        else:
            widths = [1] * len(cols)
        for col, width in zip(cols, widths, strict=True):
            out[col] = slice(start, start + width)
            start += width
    return out


def explain_one(model: Pipeline, df: pd.DataFrame, row_index: int) -> Explanation:
    """Explain one applicant's score: how far each input moves it from an average applicant.

    ``row_index`` is the applicant's position in ``df`` (0 for the first row). The average
    applicant is the average of everyone in ``df``. Works for models made by
    :func:`train_risk_model` (a logistic regression), where each input's push on the score
    can be read off exactly: its weight times how far this person is from the average.
    """
    model = _fitted(model)
    if isinstance(row_index, bool) or not isinstance(row_index, (int, np.integer)):
        raise TypeError(f"row_index must be a whole number, got {row_index!r}")
    X = _model_inputs(model, df)
    if not 0 <= row_index < len(df):
        raise ValueError(f"row_index must be between 0 and {len(df) - 1}, got {row_index}")
    prep, classifier = _logistic_parts(model)
    prepared = np.asarray(prep.transform(X), dtype=float)
    sign = 1.0 if classifier.classes_[1] else -1.0
    weights = sign * classifier.coef_[0]
    centred = prepared[row_index] - prepared.mean(axis=0)
    per_column = weights * centred
    slices = _input_slices(prep)
    feats = _inputs_of(model)
    contributions = [float(per_column[slices[f]].sum()) for f in feats]
    person = df.iloc[row_index]
    table = pd.DataFrame(
        {
            "input": [FEATURE_LABELS.get(f, f) for f in feats],
            "feature": feats,
            "value": [describe_value(f, person[f]) for f in feats],
            "contribution": contributions,
            "direction": ["raises risk" if c > 0 else "lowers risk" for c in contributions],
        }
    )
    order = np.argsort(-np.abs(table["contribution"].to_numpy()), kind="stable")
    table = table.iloc[order].reset_index(drop=True)
    baseline = float(sign * classifier.intercept_[0] + weights @ prepared.mean(axis=0))
    score = float(sign * classifier.intercept_[0] + weights @ prepared[row_index])
    app_id = int(person["application_id"]) if "application_id" in df.columns else None
    return Explanation(app_id, table, baseline, score)


def spread_of_applicants(
    scores: Sequence[float], n: int = 6, groups: Sequence[str] | None = None
) -> list[int]:
    """Positions of ``n`` applicants whose scores spread from low to high, for a demo list.

    Picks the applicants nearest to evenly spaced points between the 5th and 98th
    percentile of the scores, with no one picked twice. If ``groups`` (one label per
    applicant, such as their suburb or group) is given, picks ``n`` from each group, so
    every group is in the list. Returned lowest score first.
    """
    s = np.asarray(scores, dtype=float)
    if s.ndim != 1 or s.size == 0:
        raise ValueError("scores must be a non-empty list of numbers")
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
        raise TypeError(f"n must be a whole number, got {n!r}")
    if groups is None:
        members = [np.arange(s.size)]
    else:
        if isinstance(groups, str):
            raise TypeError("groups must be a list of labels, one per applicant")
        g = np.asarray(groups, dtype=object)
        if g.shape != s.shape:
            raise ValueError(f"got {s.size} scores but {g.size} group labels; they must match")
        members = [np.flatnonzero(g == label) for label in sorted({str(x) for x in g})]
    smallest = min(len(m) for m in members)
    if not 1 <= n <= smallest:
        raise ValueError(f"n must be between 1 and {smallest}, got {n}")
    picked: list[int] = []
    for rows in members:
        order = rows[np.argsort(s[rows], kind="stable")]
        ranks = np.round(np.linspace(0.05, 0.98, n) * (order.size - 1)).astype(int)
        used: set[int] = set()
        for r in ranks:
            r = int(r)
            while r in used:  # n is at most the group's size, so a free rank exists
                r = (r + 1) % order.size
            used.add(r)
        picked.extend(int(order[r]) for r in used)
    return sorted(picked, key=lambda i: (s[i], i))
