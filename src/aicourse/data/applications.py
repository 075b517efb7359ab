"""Applications: requests for a fictional Hardship Support Grant, and who was sent for checks.

Used for "the threshold is a policy choice", "bias in, bias out" and "explaining a model".
The Community Services Agency (an invented agency) pays the grant. Some applications have
an error or a problem that needs an extra check (a missing payslip, the wrong household
size, an old address). Checkers used to decide by hand which applications to check, and
those past decisions were harsher on one group. A model trained to copy them learns that.

How an application is made (the mechanism a lesson can point to):

1. **Group.** Each applicant belongs to "Group A" or "Group B" (``GROUP_B_SHARE``, about
   30%, are in Group B). The groups stand for people who share a characteristic that the
   Human Rights Act 1993 protects from discrimination. They are kept abstract on purpose.
2. **Area (the proxy).** The applicant's suburb, one of eight invented suburbs (``AREAS``).
   Most Group B applicants live in three of them (``GROUP_B_AREAS``) and few Group A
   applicants do (``AREA_SHARES``), so knowing someone's suburb is a good guess at their
   group. Nothing else about an application depends on its suburb.
3. **The honest features** are drawn the same way for everyone, whatever their group or
   suburb: age, weekly household income, household size, months at their current address,
   whether all documents were supplied, grants received in the last two years, and how
   many times their income changed in the last year.
4. **Problem (the truth).** Whether the application really had an error or problem that a
   check would find. Its chance depends only on the honest features, and in the same way
   for both groups (``problem_chance``, with the sizes in ``PROBLEM_EFFECTS``): missing
   documents, an income that changes often, a recent move, a larger household and a
   higher income (close to the grant's limit, so harder to assess) make a problem more
   likely; people who have had a grant before know the forms and make fewer mistakes.
   Age makes no difference. About 16% of applications have a problem, in both groups.
5. **Flagged before (the biased past decision).** Whether a checker sent the application
   for an extra check. Checkers spotted about two in three real problems, and were wary
   of the same warning signs that really go with problems (``CHECKER_WARNING_SIGNS``). But
   for the same application they were more likely to flag a Group B applicant
   (``CHECKER_BIAS``, added to the checker's log-odds). So among applications with no
   problem at all, Group B ones were flagged far more often (about 25% against 9%).

Columns:

- ``application_id`` (int): 1, 2, 3, ...
- ``group`` (str): "Group A" or "Group B".
- ``area`` (str): the applicant's suburb, one of ``AREAS``.
- ``age`` (int): years, 18 to 85. Makes no difference to whether there is a problem.
- ``weekly_income`` (float): household income before tax, dollars a week, 0 to 2,500.
- ``household_size`` (int): people in the household, 1 to 8.
- ``months_at_address`` (int): months at the current address, 0 to 360.
- ``documents_complete`` (bool): every document the form asks for was supplied.
- ``prior_grants`` (int): hardship grants received in the last two years, 0 to 6.
- ``income_changes`` (int): times the household's income changed in the last year, 0 to 8.
- ``problem`` (bool): the truth: the application had an error or problem needing a check.
- ``flagged_before`` (bool): a checker sent it for an extra check (the past decision).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from aicourse import SEED

#: The two groups, in the order used for tables and charts.
GROUPS: tuple[str, ...] = ("Group A", "Group B")

#: Share of applicants in Group B.
GROUP_B_SHARE: float = 0.30

#: The eight invented suburbs applicants live in.
AREAS: tuple[str, ...] = (
    "Harakeke Bay",
    "Kōwhai Valley",
    "Rimu Heights",
    "Westbrook Flats",
    "Tōtara Point",
    "Port Tāwhiri",
    "Mātai Downs",
    "Ngaio Springs",
)

#: The three suburbs where most Group B applicants live.
GROUP_B_AREAS: tuple[str, ...] = ("Port Tāwhiri", "Mātai Downs", "Ngaio Springs")

#: For each group, the share of its applicants living in each suburb (same order as AREAS).
AREA_SHARES: dict[str, tuple[float, ...]] = {
    "Group A": (0.20, 0.19, 0.19, 0.18, 0.18, 0.02, 0.02, 0.02),
    "Group B": (0.01, 0.01, 0.01, 0.01, 0.01, 0.33, 0.31, 0.31),
}

#: Share of applications with every document supplied.
DOCUMENTS_COMPLETE_SHARE: float = 0.78

#: How much each honest feature adds to the log-odds that an application has a problem.
PROBLEM_EFFECTS: dict[str, float] = {
    "intercept": -3.3,
    "documents_missing": 1.8,
    "income_changes": 0.55,  # per change in the last year
    "recent_move": 1.4,  # fades as months at the address go by (halves about every 8 months)
    "household_size": 0.3,  # per person above two
    "income_per_500": 0.7,  # per $500 a week above $850 (incomes near the limit are harder)
    "prior_grants": -0.4,  # per grant in the last two years
}

#: How the past checkers decided, on the log-odds scale: a real problem made a flag much
#: more likely; they were also wary of the same warning signs that really go with problems
#: (missing documents, changing incomes...), a little less than they deserved.
CHECKER_INTERCEPT: float = -3.3
CHECKER_SEES_PROBLEM: float = 2.0
CHECKER_WARNING_SIGNS: float = 0.7
#: The bias: added to the checker's log-odds for every Group B application.
CHECKER_BIAS: float = 1.4


def _whole_number(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be a whole number, got {type(value).__name__}: {value!r}")
    return int(value)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def problem_chance(df: pd.DataFrame) -> np.ndarray:
    """The true chance (0 to 1) that each application has a problem, from its honest features.

    This is the mechanism behind the ``problem`` column. It does not look at ``group`` or
    ``area``: two applications with the same honest features have the same chance.
    """
    needed = [
        "documents_complete",
        "income_changes",
        "months_at_address",
        "household_size",
        "weekly_income",
        "prior_grants",
    ]
    missing = [c for c in needed if c not in df.columns]
    if missing:
        raise ValueError(f"the applications table is missing columns: {missing}")
    return _sigmoid(_warning_signs(df))


def _warning_signs(df: pd.DataFrame) -> np.ndarray:
    """The log-odds of a problem from the honest features (see ``PROBLEM_EFFECTS``)."""
    e = PROBLEM_EFFECTS
    months = df["months_at_address"].to_numpy(dtype=float)
    income = df["weekly_income"].to_numpy(dtype=float)
    return (
        e["intercept"]
        + e["documents_missing"] * (~df["documents_complete"].to_numpy(dtype=bool))
        + e["income_changes"] * df["income_changes"].to_numpy(dtype=float)
        + e["recent_move"] * np.exp(-months / 12)
        + e["household_size"] * (df["household_size"].to_numpy(dtype=float) - 2)
        + e["income_per_500"] * (income - 850) / 500
        + e["prior_grants"] * df["prior_grants"].to_numpy(dtype=float)
    )


def make_applications(n: int = 4000, seed: int = SEED) -> pd.DataFrame:
    """Make ``n`` applications for the fictional Hardship Support Grant.

    The same ``n`` and ``seed`` always give the same table. See the module docstring
    for how each application is made and what the columns mean.

    Raises:
        TypeError: if ``n`` or ``seed`` is not a whole number.
        ValueError: if ``n`` is smaller than 100 or larger than 200,000.
    """
    n = _whole_number("n", n)
    seed = _whole_number("seed", seed)
    if not 100 <= n <= 200_000:
        raise ValueError(f"n must be between 100 and 200,000 applications, got {n}")

    rng = np.random.default_rng(seed)
    is_b = rng.random(n) < GROUP_B_SHARE
    group = np.where(is_b, GROUPS[1], GROUPS[0])

    area_index = np.empty(n, dtype=int)
    for name, in_group in ((GROUPS[0], ~is_b), (GROUPS[1], is_b)):
        shares = np.array(AREA_SHARES[name])
        area_index[in_group] = rng.choice(len(AREAS), size=int(in_group.sum()), p=shares)
    area = np.array(AREAS, dtype=object)[area_index]

    age = np.clip(np.round(rng.normal(42, 14, n)), 18, 85).astype(int)
    weekly_income = np.clip(np.round(rng.lognormal(np.log(850), 0.35, n), -1), 0, 2500)
    household_size = np.clip(1 + rng.poisson(1.6, n), 1, 8).astype(int)
    months_at_address = np.clip(np.round(rng.exponential(40, n)), 0, 360).astype(int)
    documents_complete = rng.random(n) < DOCUMENTS_COMPLETE_SHARE
    prior_grants = np.clip(rng.poisson(0.8, n), 0, 6).astype(int)
    income_changes = np.clip(rng.poisson(1.0, n), 0, 8).astype(int)

    df = pd.DataFrame(
        {
            "application_id": np.arange(1, n + 1),
            "group": group,
            "area": area,
            "age": age,
            "weekly_income": weekly_income.astype(float),
            "household_size": household_size,
            "months_at_address": months_at_address,
            "documents_complete": documents_complete,
            "prior_grants": prior_grants,
            "income_changes": income_changes,
        }
    )
    signs = _warning_signs(df)
    problem = rng.random(n) < _sigmoid(signs)
    checker_logit = (
        CHECKER_INTERCEPT
        + CHECKER_SEES_PROBLEM * problem
        + CHECKER_WARNING_SIGNS * (signs - PROBLEM_EFFECTS["intercept"])
        + CHECKER_BIAS * is_b
    )
    flagged_before = rng.random(n) < _sigmoid(checker_logit)
    df["problem"] = problem
    df["flagged_before"] = flagged_before
    return df
