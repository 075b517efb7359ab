"""Round-trip learners for week 5's exercises notebook (joined with the use case's in
``plan_week_5.py``; see ``roundtrip_plan.py`` for the types)."""

from __future__ import annotations

from roundtrip_plan import Learner

#: The autograded test cells of source/week-5/week-5-exercises.ipynb.
TESTS = frozenset(
    {
        "w5-1a-test",
        "w5-1b-test",
        "w5-1c-test",
        "w5-2a-test",
        "w5-2b-test",
        "w5-2c-test",
        "w5-3-test",
    }
)


def learners() -> dict[str, Learner]:
    """Week 5 exercises: seven one-line answers, each with its own autograded check."""
    from aicourse.exercises.week5 import IMPACT_HINTS, LIKELIHOOD_HINTS

    right = {
        "wrongly_flagged_a": "9",
        "wrongly_flagged_b": "22",
        "gap_in_points": "13",
        "scenario_likelihood": '"Likely"',
        "scenario_impact": '"Severe"',
        "scenario_level": '"High"',
        "oversight_plan": '"B"',
    }
    return {
        "solution": Learner(right),
        "untouched": Learner({}, fails=TESTS),
        "alternatives": Learner(
            {
                "wrongly_flagged_a": "0.09",  # a fraction instead of a percentage
                "wrongly_flagged_b": "21.8",  # rounded differently
                "gap_in_points": "0.13",
                "scenario_likelihood": '"probable"',  # another word for Likely
                "scenario_impact": '" SEVERE "',
                "scenario_level": '"high"',
                "oversight_plan": '"(b)"',
            }
        ),
        "mistakes": Learner(
            {
                "wrongly_flagged_a": "7.5",  # divided by all applications, not the no-problem ones
                "wrongly_flagged_b": "18.3",
                "gap_in_points": "2.44",  # a ratio, not a difference
                "scenario_likelihood": '"Possible"',
                "scenario_impact": '"Moderate"',
                "scenario_level": '"High"',  # Possible x Moderate is Medium on the matrix
                "oversight_plan": '"C"',  # a rubber stamp
            },
            fails=TESTS,
            says={
                "w5-1a-test": ("Not yet", "all 600 applications"),
                "w5-1b-test": ("all 300 applications",),
                "w5-1c-test": ("ratio", "subtraction"),
                "w5-2a-test": (LIKELIHOOD_HINTS["Possible"],),
                "w5-2b-test": (IMPACT_HINTS["Moderate"],),
                "w5-2c-test": ('"Possible" x "Moderate"', '"Medium"'),
                "w5-3-test": ("automation bias",),
            },
        ),
        "badtypes": Learner(
            right
            | {
                "wrongly_flagged_a": '"9%"',
                "gap_in_points": "[13]",
                "scenario_level": "3",
                "oversight_plan": "2",
            },
            fails=frozenset({"w5-1a-test", "w5-1c-test", "w5-2c-test", "w5-3-test"}),
            says={
                "w5-1a-test": ("not the kind of answer expected", "Expected a number"),
                "w5-1c-test": ("Expected a number", "a list"),
                "w5-2c-test": ("Expected one of the words",),
                "w5-3-test": ("Expected one of the words",),
            },
        ),
        "nameerror": Learner(
            right | {"scenario_level": "High"},
            fails=frozenset({"w5-2c-test"}),
            # The answer cell shows Python's NameError; the graded check explains it in words.
            says={
                "w5-2c-answer": ("High",),
                "w5-2c-test": ("`scenario_level` has no answer yet",),
            },
        ),
    }
