"""Rating the risk of an algorithm: how likely harm is, times how bad it would be.

This is the concept core behind the risk assessment tool. It is **modelled on the approach**
of the Algorithm Charter for Aotearoa New Zealand, which asks agencies to weigh the
likelihood of an algorithm causing harm against the impact that harm would have. It is not
a copy of the Charter's own matrix: the labels here are plain ones chosen for this course
(likelihood: Unlikely, Possible, Likely; impact: Minor, Moderate, Severe; level: Low,
Medium, High), and the steps each level asks for are this course's plain summary of good
practice, not the Charter's text. Agencies should use their own current guidance.

How the level is set: each step up in likelihood or impact adds one point (Unlikely and Minor
count 0, Likely and Severe count 2). Up to 1 point is **Low**, 2 points is **Medium**, 3 or 4
points is **High**. So raising the likelihood or the impact never lowers the level, and each
level asks for everything the level below asks for, and more.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

#: How likely it is that the algorithm causes harm, from least to most likely.
LIKELIHOODS: tuple[str, ...] = ("Unlikely", "Possible", "Likely")

#: How bad the harm would be for the people affected, from least to most severe.
IMPACTS: tuple[str, ...] = ("Minor", "Moderate", "Severe")

#: The risk levels, from lowest to highest.
LEVELS: tuple[str, ...] = ("Low", "Medium", "High")

# Points (likelihood + impact) -> level.
_LEVEL_BY_POINTS: tuple[str, ...] = ("Low", "Low", "Medium", "High", "High")

# What each level adds to the level below it.
_ADDS: dict[str, tuple[str, ...]] = {
    "Low": (
        "Record the algorithm in the agency's list of algorithms, with what it is for.",
        "Review it once a year to check it still works and is still needed.",
    ),
    "Medium": (
        "Carry out an algorithm impact assessment before it is used.",
        "Name one person who owns it and answers for how it is used.",
        "Monitor how well it works, and whether it treats groups of people differently.",
    ),
    "High": (
        "Have a person review every decision that affects someone, before it takes effect.",
        "Carry out a privacy impact assessment.",
        "Engage with the people affected, including Māori, before it is used and while it runs.",
        "Get sign-off from a senior leader before it goes live.",
    ),
}


def _pick(kind: str, value: object, options: tuple[str, ...]) -> str:
    """Match ``value`` to one of ``options``, ignoring case and spaces; else a plain error."""
    if not isinstance(value, str):
        raise TypeError(
            f"{kind} must be text, one of: {', '.join(options)}; got {type(value).__name__}"
        )
    wanted = value.strip().lower()
    for option in options:
        if option.lower() == wanted:
            return option
    raise ValueError(f"{kind} must be one of: {', '.join(options)}; got {value!r}")


def risk_level(likelihood: str, impact: str) -> str:
    """The risk level (Low, Medium or High) for a likelihood and an impact.

    Capitals and spaces around the words do not matter ("likely", " Severe " are fine).

    Raises:
        TypeError: if either is not text.
        ValueError: if either is not one of the options (the message lists them).
    """
    i = LIKELIHOODS.index(_pick("likelihood", likelihood, LIKELIHOODS))
    j = IMPACTS.index(_pick("impact", impact, IMPACTS))
    return _LEVEL_BY_POINTS[i + j]


def risk_matrix() -> pd.DataFrame:
    """The whole matrix as a table: rows are likelihoods, columns are impacts, cells are levels.

    Rows and columns run from least to most (Unlikely to Likely, Minor to Severe).
    """
    return pd.DataFrame(
        [[risk_level(lk, im) for im in IMPACTS] for lk in LIKELIHOODS],
        index=pd.Index(LIKELIHOODS, name="likelihood"),
        columns=pd.Index(IMPACTS, name="impact"),
    )


def what_it_asks(level: str) -> list[str]:
    """What a risk level asks of an agency: the steps for that level and every level below it.

    Capitals and spaces do not matter. These steps are a plain summary of good practice for
    this course, not the Charter's wording.

    Raises:
        TypeError: if ``level`` is not text.
        ValueError: if it is not Low, Medium or High.
    """
    chosen = _pick("level", level, LEVELS)
    steps: list[str] = []
    for name in LEVELS[: LEVELS.index(chosen) + 1]:
        steps.extend(_ADDS[name])
    return steps


@dataclass(frozen=True)
class RiskRating:
    """A rated risk: the likelihood and impact chosen, the level, and what that level asks."""

    likelihood: str
    impact: str
    level: str
    asks: tuple[str, ...]


def rate_risk(likelihood: str, impact: str) -> RiskRating:
    """Rate a risk in one step: the level for a likelihood and an impact, and what it asks.

    The likelihood and impact are stored in their standard spelling ("likely" becomes
    "Likely"). Raises the same errors as :func:`risk_level`.
    """
    lk = _pick("likelihood", likelihood, LIKELIHOODS)
    im = _pick("impact", impact, IMPACTS)
    level = risk_level(lk, im)
    return RiskRating(likelihood=lk, impact=im, level=level, asks=tuple(what_it_asks(level)))
