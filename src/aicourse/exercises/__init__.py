"""Self-checks for the graded exercises: one registry of questions, looked up by id.

An assignment shows a self-check under each answer, ``self_check("w1-1a")``, which finds
the learner's answer by its variable name, checks it and shows a plain-words verdict. The
graded test cell calls ``grade("w1-1a", answer)`` with the same logic, and hidden tests in
``source/`` check the answer again independently.

Right answers to choice questions are stored as salted SHA-256 digests, so reading this
package does not show them at a glance.
"""

from __future__ import annotations

import hashlib
import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from aicourse.checks import Verdict, check_choice, require


def digest(question_id: str, option: str) -> str:
    """The salted digest under which a choice question's right option is stored."""
    return hashlib.sha256(f"aicourse|{question_id}|{option}".encode()).hexdigest()


@dataclass(frozen=True)
class Exercise:
    """One graded question: the variable the learner sets and how to check its value."""

    question_id: str
    variable: str
    check: Callable[[object], Verdict]


@dataclass(frozen=True)
class ChoiceExercise:
    """A question answered with one of a few words; the right one is stored as a digest."""

    question_id: str
    variable: str
    options: tuple[str, ...]
    answer_digest: str
    why: str = ""
    hints: Mapping[str, str] = field(default_factory=dict)
    aliases: Mapping[str, str] = field(default_factory=dict)

    def check(self, answer: object) -> Verdict:
        """Check ``answer`` against the option whose digest matches."""
        right = [o for o in self.options if digest(self.question_id, o) == self.answer_digest]
        if len(right) != 1:
            raise ValueError(f"exercise {self.question_id} has no single right option")
        return check_choice(
            answer, self.options, right[0], why=self.why, hints=self.hints, aliases=self.aliases
        )


REGISTRY: dict[str, Exercise | ChoiceExercise] = {}


def register(*exercises: Exercise | ChoiceExercise) -> None:
    """Add exercises to the registry; ids must be unique."""
    for ex in exercises:
        if ex.question_id in REGISTRY:
            raise ValueError(f"exercise id {ex.question_id!r} is registered twice")
        REGISTRY[ex.question_id] = ex


def _exercise(question_id: str) -> Exercise | ChoiceExercise:
    _load_all()
    try:
        return REGISTRY[question_id]
    except KeyError:
        raise KeyError(f"no exercise with id {question_id!r}") from None


def grade(question_id: str, answer: object) -> Verdict:
    """Check one answer and return the verdict (for tests and graded cells)."""
    return _exercise(question_id).check(answer)


def require_correct(question_id: str, *answer: object) -> None:
    """For graded test cells: fail with the plain-words message unless the answer is right.

    Called with only the question id, it finds the answer by its variable name, so a learner
    whose answer cell failed gets a sentence about it rather than a ``NameError``.
    """
    if len(answer) > 1:
        raise TypeError("give one answer at most")
    require(_exercise(question_id).check(answer[0]) if answer else _lookup(question_id))


def learner_namespace() -> Mapping[str, Any]:
    """The learner's variables: IPython's user namespace, or the calling module's globals."""
    try:
        from IPython import get_ipython

        shell = get_ipython()
    except ImportError:  # pragma: no cover - IPython is a dependency
        shell = None
    if shell is not None:
        return shell.user_ns
    frame = inspect.currentframe()
    while frame is not None and frame.f_globals.get("__name__") == __name__:
        frame = frame.f_back
    if frame is None:  # pragma: no cover - there is always a caller outside this module
        raise RuntimeError("could not find the caller's variables")
    return frame.f_globals


def _lookup(question_id: str) -> Verdict:
    """Check the learner's answer found by its variable name, saying so if it is not set."""
    ex = _exercise(question_id)
    ns = learner_namespace()
    if ex.variable not in ns:
        return Verdict(
            "not answered",
            f"`{ex.variable}` has no answer yet. Run the cell with `{ex.variable} = ...` above "
            "(click it, press Shift+Enter). If it shows an error, check that your answer is "
            "typed exactly as the instructions say, with quotes for words.",
        )
    return ex.check(ns[ex.variable])


def self_check(question_id: str) -> Verdict:
    """Find the learner's answer for a question by its variable name and check it.

    If the answer cell has not been run yet, or failed, say so rather than raise ``NameError``.
    """
    return _lookup(question_id)


def _load_all() -> None:
    """Import every week's exercise module (``week1``, ``week2``...): each registers its own."""
    import importlib
    import pkgutil

    import aicourse.exercises as package

    for module in pkgutil.iter_modules(package.__path__):
        if module.name.startswith("week"):
            importlib.import_module(f"{package.__name__}.{module.name}")
