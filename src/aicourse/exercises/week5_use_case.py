"""Week 5 capstone checks: the learner's own AI use case.

Each part of the use case has an instant check (``w5-uc-problem``, ``w5-uc-risk-level``...:
the field's variable name with hyphens), which looks at that one answer. Three graded checks
look at the whole use case, collected into ``my_use_case`` by a locked cell
(``my_use_case = collect_use_case()``), each checking one thing:

- ``w5-uc-complete``: every part is meaningfully filled in;
- ``w5-uc-consistent``: the stated risk level is the one the matrix gives;
- ``w5-uc-oversight``: a High risk use names a real human oversight step.

``w5-uc-pitch`` checks that the written pitch is there and long enough; an instructor
marks it, and the quality of the whole use case, with the rubric shown in the notebook.
There are no right answers to store: every learner's use case is their own.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from aicourse.capstone import (
    FIELDS,
    UseCaseProposal,
    completeness_problems,
    field_verdict,
    oversight_problems,
    risk_problems,
)
from aicourse.checks import Verdict, check_text
from aicourse.exercises import Exercise, register

#: The variable the locked cell sets with ``collect_use_case()``.
USE_CASE_VARIABLE = "my_use_case"

#: Words at least in the pitch (three or four sentences).
PITCH_MIN_WORDS = 30

_NOT_COLLECTED = (
    "Your use case has not been gathered yet. Run the 🔒 cell "
    "`my_use_case = collect_use_case()` under Part G (click it, press Shift+Enter)."
)


def exercise_id(field_name: str) -> str:
    """The instant-check id for one field: ``w5-uc-`` and the variable name with hyphens."""
    return "w5-uc-" + field_name.replace("_", "-")


def _numbered(problems: list[str]) -> str:
    """Problems as one paragraph: (1) ... (2) ..."""
    return " ".join(f"({i}) {p}" for i, p in enumerate(problems, start=1))


def _whole(
    answer: object, find: Callable[[UseCaseProposal], list[str]], done: str, what: str
) -> Verdict:
    """A verdict for one graded check of the whole use case."""
    if not isinstance(answer, UseCaseProposal):
        return Verdict("not answered", _NOT_COLLECTED)
    if all(v is None for v in answer.answers().values()):
        return Verdict(
            "not answered",
            "Nothing is filled in yet. Start with Part A: change the ✏️ lines and run each "
            "cell, then run the 🔒 cell under Part G again.",
        )
    problems = find(answer)
    if not problems:
        return Verdict("correct", done)
    n = len(problems)
    return Verdict("not yet", f"{n} {what}{'s' if n != 1 else ''} to fix: {_numbered(problems)}")


def check_complete(answer: object) -> Verdict:
    """Graded check ``w5-uc-complete``: every part of the use case is meaningfully filled in."""
    return _whole(
        answer, completeness_problems, "Every part of your use case is filled in.", "part"
    )


def check_consistent(answer: object) -> Verdict:
    """Graded check ``w5-uc-consistent``: the stated risk level agrees with the matrix."""
    return _whole(
        answer,
        risk_problems,
        "Your risk level is the one the matrix gives for your likelihood and impact.",
        "thing",
    )


def check_oversight(answer: object) -> Verdict:
    """Graded check ``w5-uc-oversight``: human oversight fits the risk level."""
    return _whole(
        answer, oversight_problems, "Your human oversight step fits the risk level.", "thing"
    )


register(
    *(Exercise(exercise_id(f.name), f.name, partial(field_verdict, f)) for f in FIELDS),
    Exercise("w5-uc-complete", USE_CASE_VARIABLE, check_complete),
    Exercise("w5-uc-consistent", USE_CASE_VARIABLE, check_consistent),
    Exercise("w5-uc-oversight", USE_CASE_VARIABLE, check_oversight),
    Exercise(
        "w5-uc-pitch",
        "my_pitch",
        partial(check_text, min_words=PITCH_MIN_WORDS, what="your pitch"),
    ),
)
