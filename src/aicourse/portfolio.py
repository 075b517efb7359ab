"""Ranking a portfolio of AI use cases by value and feasibility, with weights a leader chooses.

This is the concept core behind "a use-case portfolio". How a score is made:

1. **Put every criterion on the same 0 to 1 scale**, so hours, people, dollars and 1-5 ratings
   can be added up. The best candidate on a criterion gets 1, the worst gets 0, and the rest
   fall in between in proportion. For complexity, risk and cost lower is better, so those are
   flipped: the cheapest, simplest or safest candidate gets 1. (Scores are therefore relative
   to this list: add or drop a candidate and the others' scores can move.)
2. **Weigh the criteria.** Each criterion gets a weight (any non-negative numbers; they are
   scaled to add up to 1). A criterion left out of the weights counts for nothing.
3. **Add up.** A candidate's score is the weighted average of its 0 to 1 values; the highest
   score is ranked 1. A ``value`` and a ``feasibility`` score are also given (the weighted
   average over just those criteria) for a value-versus-feasibility chart.

The weights are a judgement, not a fact: the lesson is that changing them changes the ranking.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from aicourse.data.use_cases import FEASIBILITY_CRITERIA, VALUE_CRITERIA

#: Every criterion a use case is scored on, value first.
CRITERIA: tuple[str, ...] = VALUE_CRITERIA + FEASIBILITY_CRITERIA

#: Criteria where a lower number is better; they are flipped before scoring.
LOWER_IS_BETTER: tuple[str, ...] = ("complexity", "risk", "cost")

#: Plain names for each criterion, for sliders and charts.
CRITERION_LABELS: dict[str, str] = {
    "hours_saved": "Staff hours saved",
    "people_served": "People served",
    "customer_benefit": "Benefit to the public",
    "data_readiness": "Data ready to use",
    "complexity": "Simple to build (low complexity)",
    "risk": "Low risk of harm",
    "cost": "Low cost",
}

#: A balanced starting point: a little more weight on hours saved and on risk.
DEFAULT_WEIGHTS: dict[str, float] = {
    "hours_saved": 0.20,
    "people_served": 0.10,
    "customer_benefit": 0.15,
    "data_readiness": 0.15,
    "complexity": 0.10,
    "risk": 0.20,
    "cost": 0.10,
}


def _check_use_cases(use_cases: object) -> pd.DataFrame:
    """Check that ``use_cases`` is a table with a name and every criterion, and return it."""
    if not isinstance(use_cases, pd.DataFrame):
        raise TypeError(
            f"use_cases must be a table (a pandas DataFrame), got {type(use_cases).__name__}"
        )
    missing = {"name", *CRITERIA} - set(use_cases.columns)
    if missing:
        raise ValueError(f"use_cases table is missing columns: {sorted(missing)}")
    if len(use_cases) < 2:
        raise ValueError("a portfolio needs at least two use cases to rank")
    for criterion in CRITERIA:
        if not pd.api.types.is_numeric_dtype(use_cases[criterion]):
            raise TypeError(f"column {criterion!r} must hold numbers")
        if use_cases[criterion].isna().any():
            raise ValueError(f"column {criterion!r} has missing values")
    return use_cases


def _check_weights(weights: object) -> dict[str, float]:
    """Check the weights (known criteria, non-negative numbers, not all zero); fill gaps with 0."""
    if not isinstance(weights, Mapping):
        raise TypeError(
            "weights must be a dictionary from criterion to number, "
            f"e.g. {{'hours_saved': 1}}; got {type(weights).__name__}"
        )
    unknown = sorted(set(weights) - set(CRITERIA))
    if unknown:
        raise ValueError(f"unknown criteria {unknown}; the criteria are: {', '.join(CRITERIA)}")
    out: dict[str, float] = {}
    for criterion in CRITERIA:
        w = weights.get(criterion, 0.0)
        if isinstance(w, bool) or not isinstance(w, (int, float, np.integer, np.floating)):
            raise TypeError(f"the weight for {criterion!r} must be a number, got {w!r}")
        if not np.isfinite(w) or w < 0:
            raise ValueError(f"the weight for {criterion!r} must be zero or more, got {w!r}")
        out[criterion] = float(w)
    if sum(out.values()) == 0:
        raise ValueError("at least one weight must be above zero")
    return out


def normalise_criteria(use_cases: pd.DataFrame) -> pd.DataFrame:
    """Put every criterion on a 0 to 1 scale where higher is better (see the module docstring).

    Returns one column per criterion, same rows as ``use_cases``. A criterion on which every
    candidate is equal gives everyone 0.5.
    """
    use_cases = _check_use_cases(use_cases)
    out = pd.DataFrame(index=use_cases.index)
    for criterion in CRITERIA:
        x = use_cases[criterion].to_numpy(dtype=float)
        span = x.max() - x.min()
        scaled = (x - x.min()) / span if span > 0 else np.full_like(x, 0.5)
        out[criterion] = 1 - scaled if criterion in LOWER_IS_BETTER else scaled
    return out


def _weighted(
    normalised: pd.DataFrame, weights: dict[str, float], criteria: tuple[str, ...]
) -> np.ndarray:
    """Weighted average of some criteria; equal weights if all of theirs are zero."""
    w = np.array([weights[c] for c in criteria])
    if w.sum() == 0:
        w = np.ones_like(w)
    return normalised[list(criteria)].to_numpy() @ (w / w.sum())


def score_portfolio(
    use_cases: pd.DataFrame, weights: Mapping[str, float] | None = None
) -> pd.DataFrame:
    """Score and rank use cases by a weighted sum of their 0 to 1 criteria.

    ``weights`` maps criterion names (``CRITERIA``) to non-negative numbers; missing ones
    count as zero, and ``None`` means ``DEFAULT_WEIGHTS``. Returns one row per use case,
    best first, with ``name``, ``kind`` and ``benefit_area`` (when present), ``value`` and
    ``feasibility`` (0 to 1; each the weighted average of its own criteria, or their plain
    average if all their weights are zero), ``score`` (0 to 1) and ``rank`` (1 is best; a tie
    keeps the order of the input table).

    Raises:
        TypeError: if the table or weights are the wrong kind of thing.
        ValueError: for an unknown criterion, a negative weight, or all weights zero.
    """
    use_cases = _check_use_cases(use_cases)
    w = _check_weights(DEFAULT_WEIGHTS if weights is None else weights)
    normalised = normalise_criteria(use_cases)
    keep = [c for c in ("name", "kind", "benefit_area") if c in use_cases.columns]
    out = use_cases[keep].copy()
    out["value"] = _weighted(normalised, w, VALUE_CRITERIA)
    out["feasibility"] = _weighted(normalised, w, FEASIBILITY_CRITERIA)
    total = np.array([w[c] for c in CRITERIA])
    out["score"] = normalised[list(CRITERIA)].to_numpy() @ (total / total.sum())
    out = out.sort_values("score", ascending=False, kind="stable").reset_index(drop=True)
    out["rank"] = np.arange(1, len(out) + 1)
    return out


def value_only_weights() -> dict[str, float]:
    """Weights that count only the value criteria, equally (feasibility ignored)."""
    return {c: 1.0 for c in VALUE_CRITERIA}


def feasibility_only_weights() -> dict[str, float]:
    """Weights that count only the feasibility criteria, equally (value ignored)."""
    return {c: 1.0 for c in FEASIBILITY_CRITERIA}
