"""Round-trip learners for week 4 (see ``roundtrip_plan.py``)."""

from __future__ import annotations

from roundtrip_plan import EVERY_TEST, Learner, Plan


def plan() -> Plan:
    """Week 4: nine one-line answers, all autograded; three are graded by a property."""
    from aicourse.exercises.week4 import QUESTION_3, SAFE_USE_HINTS

    right = {
        "tokens_by_hand": "8",
        "my_sentence": '"Our team answers about 40 calls a day about late payments."',
        "temperature": "0",
        "my_search": '"see my case notes"',
        "policy_id": '"CSA-POL-06"',
        "use_a": '"never"',
        "use_b": '"safe"',
        "use_c": '"needs care"',
        "use_d": '"never"',
    }
    return Plan(
        feedback_for="mistakes",
        learners={
            "solution": Learner(right),
            "untouched": Learner({}, fails=EVERY_TEST),
            # Right in other words: another 12-token sentence, other search words finding the
            # other answering policy, and other spellings.
            "alternatives": Learner(
                {
                    "tokens_by_hand": "8.0",
                    "my_sentence": (
                        '"Most days I help clients with travel claims and hardship grants."'
                    ),
                    "temperature": "0.0",
                    "my_search": '"copy of my information"',
                    "policy_id": '" csa-pol-11 "',
                    "use_a": '"NEVER"',
                    "use_b": '"Safe "',
                    "use_c": '"needs-care"',
                    "use_d": '"Never"',
                }
            ),
            "mistakes": Learner(
                {
                    "tokens_by_hand": "6",  # counted the words
                    "my_sentence": '"Our team answers about forty calls about payments every day."',
                    "temperature": "1",  # the default
                    "my_search": repr(QUESTION_3),  # the client's own words
                    "policy_id": '"CSA-POL-17"',  # what that search puts first
                    "use_a": '"needs care"',
                    "use_b": '"never"',
                    "use_c": '"safe"',
                    "use_d": '"needs care"',
                },
                fails=EVERY_TEST,
                says={
                    "w4-1a-test": ("Not yet", "number of words"),
                    "w4-1b-test": ("11 tokens, not 12", "Add 1"),
                    "w4-2-test": ("At temperature 1", "different text on different tries"),
                    "w4-3a-test": ("CSA-POL-17", "does not say"),
                    "w4-3b-test": ("Proof of identity",),
                    "w4-4a-test": (SAFE_USE_HINTS["needs care"],),
                    "w4-4c-test": (SAFE_USE_HINTS["safe"],),
                },
            ),
            "badtypes": Learner(
                right
                | {
                    "tokens_by_hand": '"8"',
                    "my_sentence": "12",
                    "temperature": '"0"',
                    "policy_id": "6",
                    "use_b": '["safe"]',
                },
                fails=frozenset(
                    {"w4-1a-test", "w4-1b-test", "w4-2-test", "w4-3b-test", "w4-4b-test"}
                ),
                says={
                    "w4-1a-test": ("not the kind of answer expected", "Expected a whole number"),
                    "w4-1b-test": ("Expected a sentence in quotes",),
                    "w4-2-test": ("Expected a number",),
                    "w4-3b-test": ("Expected a policy id in quotes",),
                    "w4-4b-test": ("Expected one of the words",),
                },
            ),
            "nameerror": Learner(
                right | {"use_c": "needs_care"},
                fails=frozenset({"w4-4c-test"}),
                # The answer cell shows Python's NameError; the graded check explains it in words.
                says={
                    "w4-4c-answer": ("needs_care",),
                    "w4-4c-test": ("`use_c` has no answer yet",),
                },
            ),
        },
    )
