"""Round-trip learners for week 1 (see ``roundtrip_plan.py``)."""

from __future__ import annotations

from roundtrip_plan import EVERY_TEST, Learner, Plan


def plan() -> Plan:
    """Week 1: ten one-line answers; nine autograded checks and one written answer."""
    import numpy as np

    from aicourse.classify import KeywordRule
    from aicourse.exercises.week1 import BENEFIT_HINTS, KIND_HINTS
    from aicourse.learning import accuracy_with_examples, standard_split

    accuracy = round(100 * accuracy_with_examples(800), 1)
    _, test = standard_split()
    rule = KeywordRule().predict(list(test["text"]))
    rule_accuracy = round(100 * float(np.mean(np.array(rule) == test["category"].to_numpy())), 1)
    task = (
        '"Our team reads about 200 public submissions on each consultation and sorts them by '
        "topic by hand. Machine learning could suggest a topic for each one, because we have "
        "years of sorted submissions. That is productivity: we would compare analyst hours per "
        'consultation before and after."'
    )
    right = {
        "scenario_a": '"rules"',
        "scenario_b": '"machine learning"',
        "scenario_c": '"generative AI"',
        "scenario_d": '"machine learning"',
        "use_case_a": '"productivity"',
        "use_case_b": '"customer experience"',
        "use_case_c": '"cost efficiency"',
        "training_examples": "800",
        "reported_accuracy": repr(accuracy),
        "my_task": task,
    }
    return Plan(
        feedback_for="mistakes",
        learners={
            "solution": Learner(right),
            "untouched": Learner({}, fails=EVERY_TEST),
            "alternatives": Learner(
                {
                    "scenario_a": '"Rules-based"',
                    "scenario_b": '"ML"',
                    "scenario_c": '" Generative AI "',
                    "scenario_d": '"Machine Learning"',
                    "use_case_a": '"Productivity"',
                    "use_case_b": '"customer"',
                    "use_case_c": '"cost"',
                    "training_examples": "800.0",
                    "reported_accuracy": repr(round(accuracy / 100, 3)),
                    "my_task": (
                        '"Contact centre staff answer the same questions about payment dates '
                        "all day. Generative AI could draft replies for staff to check, which "
                        'is customer experience; we would track waiting times each month."'
                    ),
                }
            ),
            "mistakes": Learner(
                {
                    "scenario_a": '"machine learning"',
                    "scenario_b": '"rules"',
                    "scenario_c": '"machine learning"',
                    "scenario_d": '"rules"',
                    "use_case_a": '"cost efficiency"',
                    "use_case_b": '"productivity"',
                    "use_case_c": '"productivity"',
                    "training_examples": "400",
                    "reported_accuracy": repr(rule_accuracy),
                    "my_task": '"Sorting emails."',
                },
                fails=EVERY_TEST,
                says={
                    "w1-1a-test": ("Not yet", KIND_HINTS["machine learning"]),
                    "w1-1b-test": (KIND_HINTS["rules"],),
                    "w1-2a-test": (BENEFIT_HINTS["cost efficiency"],),
                    "w1-3-test": ("400",),
                    "w1-4-test": (f"{rule_accuracy:g}", "800"),
                },
            ),
            "badtypes": Learner(
                right
                | {"scenario_a": "3", "reported_accuracy": '"91.2%"', "training_examples": '"800"'},
                fails=frozenset({"w1-1a-test", "w1-3-test", "w1-4-test"}),
                says={
                    "w1-1a-test": ("not the kind of answer expected", "Expected one of the words"),
                    "w1-3-test": ("Expected a whole number",),
                    "w1-4-test": ("Expected a number",),
                },
            ),
            "nameerror": Learner(
                right | {"scenario_b": "machine_learning"},
                fails=frozenset({"w1-1b-test"}),
                # The answer cell shows Python's NameError; the graded check explains it in words.
                says={
                    "w1-1b-answer": ("machine_learning",),
                    "w1-1b-test": ("`scenario_b` has no answer yet",),
                },
            ),
        },
    )
