"""Round-trip learners for week 3 (see ``roundtrip_plan.py``)."""

from __future__ import annotations

from roundtrip_plan import EVERY_TEST, Learner, Plan


def plan() -> Plan:
    """Week 3: five one-line answers, all autograded (10 marks)."""
    from aicourse.evaluation import standard_scores, threshold_band
    from aicourse.exercises.week3 import (
        BASELINE_HINTS,
        MAX_SHARE_FLAGGED,
        TARGET_RECALL,
        exercise_metrics,
    )

    m = exercise_metrics()
    precision, recall = round(100 * m.precision, 1), round(100 * m.recall, 1)
    band = threshold_band(*standard_scores(), TARGET_RECALL, MAX_SHARE_FLAGGED)
    assert band is not None, "the threshold question needs a band of right answers"
    low, high = band
    inside = [t for t in range(1, 100) if low <= t / 100 <= high]  # whole percentages
    right = {
        "my_precision": repr(precision),
        "my_recall": repr(recall),
        "my_threshold": repr(inside[len(inside) // 2] / 100),  # a whole percentage inside
        "nobody_accuracy": "95",
        "beats_baseline": '"no"',
    }
    return Plan(
        feedback_for="mistakes",
        learners={
            "solution": Learner(right),
            "untouched": Learner({}, fails=EVERY_TEST),
            "alternatives": Learner(
                {
                    "my_precision": repr(round(m.precision, 3)),  # a share, not a percentage
                    "my_recall": repr(round(recall)),  # rounded to a whole percentage
                    "my_threshold": repr(inside[0]),  # another right threshold, as a percentage
                    "nobody_accuracy": "0.95",
                    "beats_baseline": '" No "',
                }
            ),
            "mistakes": Learner(
                {
                    "my_precision": repr(recall),  # precision and recall swapped
                    "my_recall": repr(precision),
                    "my_threshold": "0.1",  # catches enough problems, but flags far too many
                    "nobody_accuracy": "94",  # the vendor model's accuracy
                    "beats_baseline": '"yes"',
                },
                fails=EVERY_TEST,
                says={
                    "w3-1a-test": ("Not yet", "That is the recall"),
                    "w3-1b-test": ("That is the precision",),
                    "w3-2-test": ("more than the 40%", "raise the threshold"),
                    "w3-3a-test": ("vendor model's accuracy",),
                    "w3-3b-test": (BASELINE_HINTS["yes"],),
                },
            ),
            "badtypes": Learner(
                right
                | {
                    "my_precision": '"38.2%"',
                    "my_recall": "[62]",
                    "my_threshold": '"0.14"',
                    "beats_baseline": "False",
                },
                fails=frozenset({"w3-1a-test", "w3-1b-test", "w3-2-test", "w3-3b-test"}),
                says={
                    "w3-1a-test": ("not the kind of answer expected", "Expected a number"),
                    "w3-1b-test": ("Expected a number", "a list"),
                    "w3-2-test": ("Expected a number such as 0.15", "text"),
                    "w3-3b-test": ("Expected one of the words",),
                },
            ),
            "nameerror": Learner(
                right | {"beats_baseline": "nope"},
                fails=frozenset({"w3-3b-test"}),
                # The answer cell shows Python's NameError; the graded check explains it in words.
                says={
                    "w3-3b-answer": ("nope",),
                    "w3-3b-test": ("`beats_baseline` has no answer yet",),
                },
            ),
        },
    )
