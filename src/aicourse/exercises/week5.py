"""Week 5 exercises: a fairness gap from counts, a risk rating, and human oversight.

Question 1 gives counts for two groups; the learner works out each group's wrongly flagged
rate and the gap in percentage points (graded with a tolerance, as a percentage or a
fraction). Common slips (dividing by every application, a ratio instead of a difference)
get a hint that names them. Question 2 rates a scenario with the course's likelihood x
impact matrix (:mod:`aicourse.risk`); the level (2c) is marked against the matrix for the
learner's own likelihood and impact, so reading the matrix right earns its marks even after
a different judgement in 2a or 2b. Question 3 picks the plan that gives meaningful human
oversight.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

import pandas as pd

from aicourse.checks import (
    Verdict,
    as_number,
    check_choice,
    check_percentage,
    is_unanswered,
    normalise_text,
)
from aicourse.exercises import ChoiceExercise, Exercise, learner_namespace, register
from aicourse.responsible import gap_from_counts
from aicourse.risk import IMPACTS, LEVELS, LIKELIHOODS, risk_level

# --- question 1: a fairness gap from counts -------------------------------------------------

#: The counts question 1 gives: a three-month trial of a model that picks Hardship Support
#: Grant applications for a check, at the (invented) Port Tāwhiri office.
FAIRNESS_COUNTS: dict[str, dict[str, int]] = {
    "Group A": {"applications": 600, "had_problem": 100, "flagged_anyway": 45},
    "Group B": {"applications": 300, "had_problem": 50, "flagged_anyway": 55},
}

#: The rates and the gap worked out from ``FAIRNESS_COUNTS``.
FAIRNESS = gap_from_counts(
    {g: c["applications"] - c["had_problem"] for g, c in FAIRNESS_COUNTS.items()},
    {g: c["flagged_anyway"] for g, c in FAIRNESS_COUNTS.items()},
)

#: Percentage points either side of the right value that still count (rounding is fine).
RATE_TOLERANCE = 0.5


def fairness_counts() -> pd.DataFrame:
    """The table question 1 shows: for each group, the counts to work the rates out from."""
    return pd.DataFrame(
        {
            "Applications": [c["applications"] for c in FAIRNESS_COUNTS.values()],
            "Had a problem": [c["had_problem"] for c in FAIRNESS_COUNTS.values()],
            "Had no problem": [
                c["applications"] - c["had_problem"] for c in FAIRNESS_COUNTS.values()
            ],
            "Had no problem, but flagged anyway": [
                c["flagged_anyway"] for c in FAIRNESS_COUNTS.values()
            ],
        },
        index=pd.Index(list(FAIRNESS_COUNTS), name="Group"),
    )


def _as_percent(value: float) -> float:
    """A number a learner typed, read as a percentage (0.09 and 9 both mean 9%)."""
    return value * 100 if abs(value) <= 1.0 else value


def _near(value: float, target: float) -> bool:
    return abs(_as_percent(value) - target) <= RATE_TOLERANCE


def check_group_rate(answer: object, group: str) -> Verdict:
    """Question 1a/1b: ``group``'s wrongly flagged rate, as a percentage (9) or fraction (0.09)."""
    counts = FAIRNESS_COUNTS[group]
    n, flagged = counts["applications"], counts["flagged_anyway"]
    no_problem = n - counts["had_problem"]
    rate = 100 * FAIRNESS.rates[group]
    how = (
        f"Divide the people flagged anyway ({flagged}) by the people who had no problem "
        f"({no_problem}), then multiply by 100."
    )
    verdict = check_percentage(
        answer, rate / 100, tolerance=RATE_TOLERANCE, what="the rate", hint=how
    )
    value = as_number(answer)
    if verdict.status == "correct":
        return Verdict(
            "correct", f"{group}'s wrongly flagged rate is {flagged} ÷ {no_problem} = {rate:.0f}%."
        )
    if verdict.status != "not yet" or value is None:
        return verdict
    slips = {
        100 * flagged / n: f"It looks as if you divided by all {n} applications. The rate is "
        f"about the people who had no problem, so divide by {no_problem}.",
        100 * counts["had_problem"] / n: "That is the share of applications with a problem. " + how,
        100 * flagged / counts["had_problem"]: f"You divided by the {counts['had_problem']} "
        f"who had a problem; divide by the {no_problem} who had no problem.",
    }
    hint = next((h for wrong, h in slips.items() if _near(value, wrong)), how)
    return Verdict("not yet", f"{value:g} is not {group}'s wrongly flagged rate. {hint}")


def check_gap(answer: object) -> Verdict:
    """Question 1c: the gap between the two rates, in percentage points (13, or 0.13)."""
    rates = {g: 100 * r for g, r in FAIRNESS.rates.items()}
    hi, lo = FAIRNESS.highest, FAIRNESS.lowest
    how = "Take the lower of your two rates (1a and 1b) from the higher one."
    value = as_number(answer)
    if value is not None and value < 0:
        return Verdict(
            "not yet",
            f"{value:g} is below zero. The gap is the higher rate minus the lower one, so it "
            "is a positive number of percentage points.",
        )
    verdict = check_percentage(
        answer,
        FAIRNESS.gap_points / 100,
        tolerance=RATE_TOLERANCE,
        what="the gap in percentage points",
        hint=how,
    )
    if verdict.status == "correct":
        return Verdict(
            "correct",
            f"The gap is {FAIRNESS.gap_points:.0f} percentage points: of the people with no "
            f"problem, {hi} was flagged {rates[hi]:.0f}% of the time and {lo} {rates[lo]:.0f}%.",
        )
    if verdict.status != "not yet" or value is None:
        return verdict
    counts = FAIRNESS_COUNTS
    all_apps = {g: 100 * c["flagged_anyway"] / c["applications"] for g, c in counts.items()}
    slips = {
        rates[hi] / rates[lo]: f"{value:g} is how many times as often (a ratio). A gap in "
        "percentage points is a subtraction. " + how,
        rates[hi] + rates[lo]: "You added the two rates. " + how,
        all_apps[hi] - all_apps[lo]: "That is the gap using all applications. Use the rates "
        "for the people with no problem (1a and 1b). " + how,
    }
    for wrong, hint in slips.items():
        if math.isclose(value, wrong, abs_tol=0.05) or _near(value, wrong):
            return Verdict("not yet", hint)
    return Verdict("not yet", f"{value:g} is not the gap in percentage points. {how}")


# --- question 2: rate a scenario's risk ----------------------------------------------------

#: Other words for the likelihoods that count as them (capitals, spaces, hyphens ignored).
LIKELIHOOD_ALIASES: dict[str, str] = {
    "improbable": "Unlikely",
    "not likely": "Unlikely",
    "occasional": "Possible",
    "possibly": "Possible",
    "probable": "Likely",
    "very likely": "Likely",
}

#: Other words for the impacts that count as them.
IMPACT_ALIASES: dict[str, str] = {
    "small": "Minor",
    "slight": "Minor",
    "serious": "Severe",
    "major": "Severe",
}


def chosen_option(
    answer: object, options: tuple[str, ...], aliases: Mapping[str, str]
) -> str | None:
    """The option an answer names, or None if it names none.

    Capitals, spaces and hyphens do not matter, and each alias counts as its option.
    """
    if not isinstance(answer, str):
        return None
    lookup = {normalise_text(o): o for o in options}
    lookup.update({normalise_text(k): v for k, v in aliases.items()})
    return lookup.get(normalise_text(answer))


LIKELIHOOD_HINTS = {
    "Unlikely": "Unlikely means harm would be rare. Here the tool reads one letter in four "
    "wrongly and nobody checks before it acts: how often will a payment be stopped by mistake?",
    "Possible": "Possible means harm could happen now and then. Here one letter in four is "
    "read wrongly and nothing catches it before it takes effect, so harm will happen often.",
}

IMPACT_HINTS = {
    "Minor": "Minor harm is easily put right, such as a short delay. What happens to a family "
    "whose payment is stopped by mistake?",
    "Moderate": "Moderate harm is real but can be put right quickly. Weeks without money for "
    "rent and food is hard to undo: look at the top of the scale.",
}


def _learner_answers() -> Mapping[str, Any]:
    """The learner's variables (the notebook's namespace), for answers that depend on others."""
    return learner_namespace()


def check_scenario_level(answer: object, answers: Mapping[str, Any] | None = None) -> Verdict:
    """Question 2c: the level the matrix gives for the learner's own likelihood and impact.

    ``answers`` holds the learner's ``scenario_likelihood`` and ``scenario_impact``; by
    default they are read from the notebook. If either is missing or not one of the words,
    the learner is asked to answer 2a and 2b first.
    """
    if is_unanswered(answer):
        return check_choice(answer, LEVELS, LEVELS[0])
    found = _learner_answers() if answers is None else answers
    lk = chosen_option(found.get("scenario_likelihood"), LIKELIHOODS, LIKELIHOOD_ALIASES)
    im = chosen_option(found.get("scenario_impact"), IMPACTS, IMPACT_ALIASES)
    if lk is None or im is None:
        return Verdict(
            "not answered",
            "Answer 2a and 2b first, with one of the words each offers, and run their cells: "
            "the level depends on the likelihood and the impact you chose.",
        )
    expected = risk_level(lk, im)
    wrong = (
        f'For your answers ("{lk}" x "{im}") the matrix gives "{expected}". Find the row for '
        f'"{lk}" and the column for "{im}", and read the level where they meet.'
    )
    return check_choice(
        answer,
        LEVELS,
        expected,
        why=f'"{lk}" x "{im}" is "{expected}" on the matrix.',
        hints=dict.fromkeys(LEVELS, wrong),
    )


# --- question 3: meaningful human oversight ------------------------------------------------

OVERSIGHT_OPTIONS: tuple[str, ...] = ("A", "B", "C")

OVERSIGHT_HINTS = {
    "A": "A look at 1% of decisions, a month later, finds mistakes only after people have "
    "been harmed, and nobody can change a decision before it takes effect.",
    "C": "Clicking Agree on 200 decisions a day leaves about two minutes each, without the "
    "file: people in that position tend to go along with the machine (automation bias). Who "
    "has the time, the information and the authority to decide differently?",
}

#: Other ways of writing a letter that count as that letter ("(B)", "option b"...).
LETTER_ALIASES = {
    f"{form}": letter
    for letter in OVERSIGHT_OPTIONS
    for form in (f"({letter})", f"{letter})", f"option {letter}", f"plan {letter}")
}


def _choice(
    question_id: str,
    variable: str,
    options: tuple[str, ...],
    answer_digest: str,
    why: str,
    hints: Mapping[str, str],
    aliases: Mapping[str, str] | None = None,
) -> ChoiceExercise:
    return ChoiceExercise(
        question_id, variable, options, answer_digest, why=why, hints=hints, aliases=aliases or {}
    )


def _rate(group: str) -> Callable[[object], Verdict]:
    return partial(check_group_rate, group=group)


register(
    Exercise("w5-1a", "wrongly_flagged_a", _rate("Group A")),
    Exercise("w5-1b", "wrongly_flagged_b", _rate("Group B")),
    Exercise("w5-1c", "gap_in_points", check_gap),
    _choice(
        "w5-2a",
        "scenario_likelihood",
        LIKELIHOODS,
        "ec5c6242712946b6a358081e7b1702c380f37d9d1c6bd356f64eabb5aa114203",
        "One letter in four is read wrongly and nothing stops it acting, so harm is likely.",
        LIKELIHOOD_HINTS,
        LIKELIHOOD_ALIASES,
    ),
    _choice(
        "w5-2b",
        "scenario_impact",
        IMPACTS,
        "dd92299fa380389d45043f921271beb033164173ef5d97596a41e0f006032452",
        "Weeks without money for rent and food is severe harm, and hard to put right.",
        IMPACT_HINTS,
        IMPACT_ALIASES,
    ),
    Exercise("w5-2c", "scenario_level", check_scenario_level),
    _choice(
        "w5-3",
        "oversight_plan",
        OVERSIGHT_OPTIONS,
        "e83ed7c7a8a16809e8afb19893f8f5bb9e559a91411919befba112dea86aa471",
        "A person with the file, the time and the authority to decide differently reviews "
        "every decision that could harm someone, before it takes effect, and people can "
        "challenge the result.",
        OVERSIGHT_HINTS,
        LETTER_ALIASES,
    ),
)
