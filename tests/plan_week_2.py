"""Round-trip learners for week 2 (see ``roundtrip_plan.py``)."""

from __future__ import annotations

from roundtrip_plan import EVERY_TEST, Learner, Plan


def plan() -> Plan:
    """Week 2: ten one-line answers, all autograded (11 marks)."""
    from aicourse.exercises.week2 import ABOUT, COLUMN_HINTS, WAY_HINTS
    from aicourse.fitting import scoring_three_ways

    ways = scoring_three_ways()
    honest = float(ways.loc["B", "accuracy (%)"])
    dishonest = float(ways.loc["A", "accuracy (%)"])
    right = {
        "missing_column": '"area"',
        "duplicate_row": "14",
        "impossible_row": "3",
        "inconsistent_column": '"contact"',
        "honest_way": '"B"',
        "honest_score": repr(honest),
        "scenario_a": '"purpose"',
        "scenario_b": '"security"',
        "scenario_c": '"overseas"',
        "scenario_d": '"access"',
    }
    return Plan(
        feedback_for="mistakes",
        learners={
            "solution": Learner(right),
            "untouched": Learner({}, fails=EVERY_TEST),
            "alternatives": Learner(
                {
                    "missing_column": '"Area"',
                    "duplicate_row": "14.0",
                    "impossible_row": "3.0",
                    "inconsistent_column": '" Contact "',
                    "honest_way": '"b"',
                    "honest_score": repr(round(honest / 100, 3)),
                    "scenario_a": '"IPP 1"',
                    "scenario_b": '"Principle 5"',
                    "scenario_c": '"12"',
                    "scenario_d": '"Access"',
                }
            ),
            "mistakes": Learner(
                {
                    # The lesson's answers, which are in other places in this table.
                    "missing_column": '"weekly_income"',
                    "duplicate_row": "7",
                    "impossible_row": "13",
                    "inconsistent_column": '"area"',
                    "honest_way": '"A"',
                    "honest_score": repr(dishonest),
                    "scenario_a": '"security"',
                    "scenario_b": '"access"',
                    "scenario_c": '"security"',
                    "scenario_d": '"correction"',
                },
                fails=EVERY_TEST,
                says={
                    "w2-1a-test": ("Not yet", COLUMN_HINTS["missing"]),
                    "w2-1b-test": ("Row 7 is the first copy",),
                    "w2-1c-test": ("13 is not the row with the impossible value",),
                    "w2-1d-test": (COLUMN_HINTS["spelling"],),
                    "w2-2a-test": (WAY_HINTS["A"],),
                    "w2-2b-test": (f"{dishonest:g} is the score for way A",),
                    "w2-3a-test": (ABOUT["security"], "why the information would be collected"),
                    "w2-3d-test": (ABOUT["correction"],),
                },
            ),
            "badtypes": Learner(
                right
                | {
                    "missing_column": "3",
                    "duplicate_row": '"14"',
                    "honest_score": '"91.5%"',
                    "scenario_a": "1",
                },
                fails=frozenset({"w2-1a-test", "w2-1b-test", "w2-2b-test", "w2-3a-test"}),
                says={
                    "w2-1a-test": ("not the kind of answer expected", "Expected one of the words"),
                    "w2-1b-test": ("Expected a whole number",),
                    "w2-2b-test": ("Expected a number",),
                    "w2-3a-test": ("Expected one of the words",),
                },
            ),
            "nameerror": Learner(
                right | {"scenario_c": "overseas"},
                fails=frozenset({"w2-3c-test"}),
                # The answer cell shows Python's NameError; the graded check explains it in words.
                says={
                    "w2-3c-answer": ("overseas",),
                    "w2-3c-test": ("`scenario_c` has no answer yet",),
                },
            ),
        },
    )
