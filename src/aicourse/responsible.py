"""Responsible AI at your desk: a fairness gap from counts, the benefit of human review, and
customise, buy or build.

These are the concept cores behind Week 5 of AI Foundations. Each function is pure: it
takes plain values and returns plain values or dataclasses, so the lesson, its widgets, the
exercises and the tests all use the same code.

**A fairness gap from counts** (:func:`gap_from_counts`, :func:`wrongly_flagged_gap`). For
each group: of the people who really had no problem, what share was flagged anyway (the
*wrongly flagged rate*, also called the false positive rate)? The gap is the highest group's
rate minus the lowest group's, in percentage points. It is the same measure as the
``false_positive_rate`` column of :func:`aicourse.decisions.group_table`, worked out from
two counts per group so that a person can check it with a calculator.

**The benefit of human review** (:func:`review_benefit`, :func:`review_sweep`). A model
sorts incoming messages. It sorts on its own only the messages it is at least ``threshold``
sure of; a person sorts the rest by hand, as before. Only the share of messages handled by
staff who use the tool (``adoption``) goes through it at all. Every message the model sorts
saves the minutes a person would have taken; every one it sorts wrongly costs the minutes to
notice and fix it. This reuses :func:`aicourse.classify.confidence_split` and
:func:`aicourse.value.triage_benefit`: the messages the model sorts are exactly those of the
confidence split, and their hours are the triage benefit of that many messages.

**Customise, buy or build** (:func:`suggest_approach`). Five plain questions about a use
case; each answer adds points to the approaches it favours (``QUESTIONS`` lists the points
and the reason for each). The approach with the most points is the best fit. This is the
course's rule of thumb for a first conversation, not official guidance: agencies should
follow their own procurement and technology policies.
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from aicourse.classify import confidence_split
from aicourse.value import triage_benefit

# --- a fairness gap from counts -----------------------------------------------------------


def _count(name: str, value: object) -> int:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a whole number, got {value!r}")
    if value < 0:
        raise ValueError(f"{name} cannot be negative, got {value}")
    return int(value)


@dataclass(frozen=True)
class GroupGap:
    """Per group: people with no problem, how many of them were flagged anyway, and the gap.

    ``no_problem`` and ``flagged_anyway`` map each group's name to a count. ``rates`` are the
    wrongly flagged rates (0 to 1); ``gap_points`` is the highest rate minus the lowest, in
    percentage points (13.0 means 13 points).
    """

    no_problem: Mapping[str, int]
    flagged_anyway: Mapping[str, int]

    @property
    def rates(self) -> dict[str, float]:
        """Each group's wrongly flagged rate: flagged anyway divided by those with no problem."""
        return {g: self.flagged_anyway[g] / self.no_problem[g] for g in self.no_problem}

    @property
    def highest(self) -> str:
        """The group whose people with no problem were flagged most often."""
        rates = self.rates
        return max(rates, key=lambda g: rates[g])

    @property
    def lowest(self) -> str:
        """The group whose people with no problem were flagged least often."""
        rates = self.rates
        return min(rates, key=lambda g: rates[g])

    @property
    def gap_points(self) -> float:
        """The highest group's rate minus the lowest group's, in percentage points."""
        rates = self.rates
        return 100 * (rates[self.highest] - rates[self.lowest])

    def table(self) -> pd.DataFrame:
        """The counts and rates as a table to show, one row per group, in plain words."""
        rates = self.rates
        return pd.DataFrame(
            {
                "People with no problem": [self.no_problem[g] for g in self.no_problem],
                "Of those, flagged anyway": [self.flagged_anyway[g] for g in self.no_problem],
                "Wrongly flagged rate": [f"{100 * rates[g]:.1f}%" for g in self.no_problem],
            },
            index=pd.Index(list(self.no_problem), name="Group"),
        )

    def working(self) -> str:
        """The sums written out, one line per group and one for the gap, for a learner to follow."""
        rates = self.rates
        lines = [
            f"{g}: {self.flagged_anyway[g]:,} ÷ {self.no_problem[g]:,} = {100 * rates[g]:.1f}%"
            for g in self.no_problem
        ]
        hi, lo = self.highest, self.lowest
        lines.append(
            f"Gap: {100 * rates[hi]:.1f}% − {100 * rates[lo]:.1f}% = "
            f"{self.gap_points:.1f} percentage points ({hi} flagged more often)"
        )
        return "\n".join(lines)


def gap_from_counts(no_problem: Mapping[str, int], flagged_anyway: Mapping[str, int]) -> GroupGap:
    """The wrongly flagged rate of each group, and the gap, from two counts per group.

    ``no_problem[g]`` is how many people in group ``g`` really had no problem;
    ``flagged_anyway[g]`` is how many of them were flagged for a check all the same.

    Raises:
        TypeError: if either is not a mapping of group names to whole numbers.
        ValueError: for fewer than two groups, different groups in the two, a group with
            nobody without a problem, or more flagged anyway than had no problem.
    """
    for name, counts in (("no_problem", no_problem), ("flagged_anyway", flagged_anyway)):
        if not isinstance(counts, Mapping):
            raise TypeError(f"{name} must map each group's name to a count, like {{'A': 500}}")
    if set(no_problem) != set(flagged_anyway):
        raise ValueError(
            f"no_problem and flagged_anyway must name the same groups; got "
            f"{sorted(map(str, no_problem))} and {sorted(map(str, flagged_anyway))}"
        )
    if len(no_problem) < 2:
        raise ValueError("a gap needs at least two groups")
    clean_none: dict[str, int] = {}
    clean_flagged: dict[str, int] = {}
    for group in no_problem:
        if not isinstance(group, str):
            raise TypeError(f"group names must be text, got {group!r}")
        n = _count(f"no_problem[{group!r}]", no_problem[group])
        f = _count(f"flagged_anyway[{group!r}]", flagged_anyway[group])
        if n == 0:
            raise ValueError(f"{group} has nobody without a problem, so it has no rate")
        if f > n:
            raise ValueError(
                f"{group}: {f} flagged anyway is more than the {n} people with no problem"
            )
        clean_none[group], clean_flagged[group] = n, f
    return GroupGap(clean_none, clean_flagged)


def wrongly_flagged_gap(
    groups: Sequence[str], truth: Sequence[bool], flagged: Sequence[bool]
) -> GroupGap:
    """Count, for each group, the people with no problem and those of them flagged anyway.

    One entry per person in each of ``groups`` (their group's name), ``truth`` (True if they
    really had a problem) and ``flagged`` (True if they were flagged for a check). Groups are
    in alphabetical order.
    """
    if isinstance(groups, str):
        raise TypeError("groups must be a list of group names, one per person")
    g = np.asarray(groups, dtype=object)
    t, f = np.asarray(truth), np.asarray(flagged)
    for name, arr in (("truth", t), ("flagged", f)):
        if arr.dtype != bool:
            raise TypeError(f"{name} must hold True/False values, got {arr.dtype} values")
    if not (g.ndim == 1 and g.size > 0 and g.shape == t.shape == f.shape):
        raise ValueError("groups, truth and flagged must be non-empty lists of the same length")
    names = sorted({str(x) for x in g})
    no_problem = {n: int(((g == n) & ~t).sum()) for n in names}
    flagged_anyway = {n: int(((g == n) & ~t & f).sum()) for n in names}
    return gap_from_counts(no_problem, flagged_anyway)


# --- the benefit of human review ----------------------------------------------------------


@dataclass(frozen=True)
class ReviewBenefit:
    """A week of sorting messages when the model sorts only what it is sure of.

    Messages per week: ``automatic`` sorted by the model on its own, ``by_person`` sorted by
    a person (the model was unsure, or the staff member does not use the tool). Hours per
    week: ``hours_saved`` (the sorting people no longer do) and ``hours_fixing`` (noticing
    and fixing the model's mistakes). ``accuracy_automatic`` is the share of the model's own
    sorting that was right (nan if it sorted nothing).
    """

    threshold: float
    adoption: float
    automatic: float
    by_person: float
    accuracy_automatic: float
    hours_saved: float
    hours_fixing: float

    @property
    def net_hours(self) -> float:
        """Hours saved minus hours spent fixing mistakes (negative means it costs time)."""
        return self.hours_saved - self.hours_fixing


def _fraction(name: str, value: object) -> float:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number between 0 and 1, got {value!r}")
    if not 0.0 <= float(value) <= 1.0:
        raise ValueError(f"{name} must be between 0 and 1, got {value}")
    return float(value)


def review_benefit(
    confidence: Sequence[float],
    correct: Sequence[bool],
    threshold: float,
    messages_per_week: float = 1000,
    minutes_to_sort: float = 2,
    minutes_to_fix: float = 10,
    adoption: float = 1.0,
) -> ReviewBenefit:
    """Weekly hours saved when the model sorts only messages it is at least ``threshold`` sure of.

    ``confidence`` and ``correct`` are the model's confidence (0 to 1) and whether it was
    right, for each of a set of test messages; their shares stand for a week's
    ``messages_per_week``. ``adoption`` is the share of messages handled by staff who use
    the tool (0 to 1). A ``threshold`` of 0 automates every message the tool sees.
    """
    split = confidence_split(confidence, correct, threshold)
    share = _fraction("adoption", adoption)
    automatic_share = share * split.share_automatic
    accuracy = split.accuracy_automatic
    # The triage benefit if the model sorted every message at this accuracy (it also checks
    # the inputs); only ``automatic_share`` of the messages are really sorted by the model.
    every = triage_benefit(
        messages_per_week, minutes_to_sort, accuracy if split.n_automatic else 1.0, minutes_to_fix
    )
    automatic = float(messages_per_week) * automatic_share
    return ReviewBenefit(
        threshold=split.threshold,
        adoption=share,
        automatic=automatic,
        by_person=float(messages_per_week) - automatic,
        accuracy_automatic=accuracy,
        hours_saved=every.hours_saved * automatic_share,
        hours_fixing=every.hours_fixing * automatic_share,
    )


def review_sweep(
    confidence: Sequence[float],
    correct: Sequence[bool],
    thresholds: Sequence[float],
    messages_per_week: float = 1000,
    minutes_to_sort: float = 2,
    minutes_to_fix: float = 10,
    adoption: float = 1.0,
) -> pd.DataFrame:
    """:func:`review_benefit` at each threshold, one row each, lowest threshold first.

    Columns: ``threshold``, ``automatic``, ``by_person``, ``accuracy_automatic``,
    ``hours_saved``, ``hours_fixing`` and ``net_hours``.
    """
    if isinstance(thresholds, str) or len(thresholds) == 0:
        raise ValueError("give at least one threshold")
    rows = []
    for t in sorted(thresholds):
        b = review_benefit(
            confidence, correct, t, messages_per_week, minutes_to_sort, minutes_to_fix, adoption
        )
        rows.append(
            (
                b.threshold,
                b.automatic,
                b.by_person,
                b.accuracy_automatic,
                b.hours_saved,
                b.hours_fixing,
                b.net_hours,
            )
        )
    return pd.DataFrame(
        rows,
        columns=[
            "threshold",
            "automatic",
            "by_person",
            "accuracy_automatic",
            "hours_saved",
            "hours_fixing",
            "net_hours",
        ],
    )


# --- customise, buy or build --------------------------------------------------------------

#: The three ways to get an AI tool, in the order used for tables and charts.
APPROACHES: tuple[str, ...] = ("customise", "buy", "build")

#: What each approach means, in plain words.
APPROACH_MEANINGS: dict[str, str] = {
    "customise": "Set up a tool your agency already has, or a general-purpose model, for "
    "your task: your own instructions, documents or settings, with little or no new code.",
    "buy": "Acquire a ready-made product or service from a vendor that already does the task.",
    "build": "Your agency (or people it contracts) makes its own model from its own data, "
    "and looks after it for as long as it is used.",
}

#: What to check before going ahead with each approach (the course's summary).
APPROACH_CHECKS: dict[str, tuple[str, ...]] = {
    "customise": (
        "Check the tool is approved for the kind of information you will put into it.",
        "Test it on real past cases and count how often it is wrong.",
        "Write down your instructions and settings, so someone else can look after them.",
    ),
    "buy": (
        "Ask the vendor how it was tested, on people like yours, with error rates by group.",
        "Ask where the data is stored and processed, and who else can see or use it.",
        "Check you can explain its results, and leave the contract without losing your data.",
    ),
    "build": (
        "Check your data is good enough, and fair, before you start (week 2).",
        "Plan who will monitor it, and retrain it when things change.",
        "Budget for years of looking after it, not just for building it.",
    ),
}


@dataclass(frozen=True)
class ApproachQuestion:
    """One question about a use case: its options, the points each option gives each
    approach, and the reason for those points."""

    key: str
    prompt: str
    options: tuple[str, ...]
    points: Mapping[str, Mapping[str, int]]
    reasons: Mapping[str, str] = field(default_factory=dict)


#: The questions, in order. Each answer adds points to the approaches it favours.
QUESTIONS: tuple[ApproachQuestion, ...] = (
    ApproachQuestion(
        "product",
        "Does a ready-made product already do this task well?",
        ("Yes", "Not sure", "No"),
        {
            "Yes": {"buy": 2},
            "Not sure": {"customise": 1, "buy": 1},
            "No": {"customise": 1, "build": 2},
        },
        {
            "Yes": "A product that already does the task well is often the quickest route.",
            "Not sure": "Find out first: ask other agencies what they use for the same task.",
            "No": "With nothing ready-made, you adapt a general tool or build your own.",
        },
    ),
    ApproachQuestion(
        "tool",
        "Does your agency already have an approved AI tool that could be set up for it?",
        ("Yes", "No"),
        {"Yes": {"customise": 2}, "No": {"buy": 1, "build": 1}},
        {
            "Yes": "Setting up a tool you already have reuses work that is already approved.",
            "No": "With no tool to adapt, you would have to buy or build one.",
        },
    ),
    ApproachQuestion(
        "task",
        "How special is the task to your agency?",
        ("Common to many organisations", "Partly special", "Unique to us"),
        {
            "Common to many organisations": {"buy": 2},
            "Partly special": {"customise": 2},
            "Unique to us": {"build": 2},
        },
        {
            "Common to many organisations": "Many organisations do it, so vendors are likely "
            "to offer it.",
            "Partly special": "A general tool, set up with your own rules and documents, can "
            "cover what is special.",
            "Unique to us": "Nobody else does it, so nothing off the shelf will fit well.",
        },
    ),
    ApproachQuestion(
        "data",
        "Do you have good past examples to learn from (records with the right answer)?",
        ("Lots", "Some", "Hardly any"),
        {
            "Lots": {"build": 2},
            "Some": {"customise": 1},
            "Hardly any": {"customise": 1, "buy": 1},
        },
        {
            "Lots": "Plenty of good examples is what building your own model needs.",
            "Some": "Some examples are enough to set up and test a general tool.",
            "Hardly any": "You cannot build a model without examples; you still need a few "
            "cases to test any tool.",
        },
    ),
    ApproachQuestion(
        "skills",
        "Do you have people who can build, test and look after a model for years?",
        ("Yes", "No"),
        {"Yes": {"build": 2}, "No": {"customise": 1, "buy": 1}},
        {
            "Yes": "Building needs people to make it and keep it working as things change.",
            "No": "Without that team, a product or a tool you set up is the safer choice.",
        },
    ),
)

#: The lesson's starting answers: a partly special task, an approved tool already in place.
DEFAULT_ANSWERS: dict[str, str] = {
    "product": "Not sure",
    "tool": "Yes",
    "task": "Partly special",
    "data": "Some",
    "skills": "No",
}


@dataclass(frozen=True)
class ApproachAdvice:
    """The points each approach got from the answers, the best fit, and why.

    ``best`` holds the approach with the most points, or several if they tie (in the order of
    ``APPROACHES``). ``reasons`` has one sentence per answer; ``checks`` lists what to check
    before going ahead with the first of ``best``.
    """

    answers: Mapping[str, str]
    points: Mapping[str, int]
    best: tuple[str, ...]
    reasons: tuple[str, ...]
    checks: tuple[str, ...]


def _option(question: ApproachQuestion, answer: object) -> str:
    if not isinstance(answer, str):
        raise TypeError(
            f"the answer to {question.key!r} must be text, one of: "
            f"{', '.join(question.options)}; got {answer!r}"
        )
    wanted = " ".join(answer.split()).lower()
    for option in question.options:
        if option.lower() == wanted:
            return option
    raise ValueError(
        f"the answer to {question.key!r} must be one of: {', '.join(question.options)}; "
        f"got {answer!r}"
    )


def suggest_approach(answers: Mapping[str, str]) -> ApproachAdvice:
    """Add up the points the answers give customise, buy and build; the most points fits best.

    ``answers`` maps each question's key (see ``QUESTIONS``) to one of its options; capitals
    and extra spaces do not matter.

    Raises:
        TypeError: if ``answers`` is not a mapping, or an answer is not text.
        ValueError: if a question is not answered, an unknown key is given, or an answer is
            not one of its question's options (the message lists them).
    """
    if not isinstance(answers, Mapping):
        raise TypeError(f"answers must map each question to an option, got {answers!r}")
    keys = [q.key for q in QUESTIONS]
    unknown = sorted(set(map(str, answers)) - set(keys))
    if unknown:
        raise ValueError(f"unknown questions {unknown}; the questions are {keys}")
    missing = [k for k in keys if k not in answers]
    if missing:
        raise ValueError(f"answer every question; missing {missing}")
    points = dict.fromkeys(APPROACHES, 0)
    chosen: dict[str, str] = {}
    reasons: list[str] = []
    for q in QUESTIONS:
        option = _option(q, answers[q.key])
        chosen[q.key] = option
        for approach, p in q.points[option].items():
            points[approach] += p
        reasons.append(q.reasons[option])
    top = max(points.values())
    best = tuple(a for a in APPROACHES if points[a] == top)
    return ApproachAdvice(chosen, points, best, tuple(reasons), APPROACH_CHECKS[best[0]])
