"""A small self-check quiz with instant feedback, for "Check your understanding".

``QuizQuestion`` and ``mark_answer`` are the core (plain values, testable); ``QuizView``
in ``aicourse.views`` wires them to radio buttons.
"""

from __future__ import annotations

from dataclasses import dataclass

from aicourse.checks import Verdict


@dataclass(frozen=True)
class QuizQuestion:
    """One multiple-choice question, with the reason the right answer is right."""

    prompt: str
    options: tuple[str, ...]
    answer: str
    explanation: str
    hint: str = "Have another go: look back at the section above."

    def __post_init__(self) -> None:
        if len(self.options) < 2:
            raise ValueError("a quiz question needs at least two options")
        if self.answer not in self.options:
            raise ValueError(f"the answer {self.answer!r} is not one of the options")


def mark_answer(question: QuizQuestion, chosen: str | None) -> Verdict:
    """Say whether ``chosen`` is right, and why; ``None`` means nothing is chosen yet."""
    if chosen is None:
        return Verdict("not answered", "Pick an option to see if you are right.")
    if chosen not in question.options:
        return Verdict("wrong kind", f"{chosen!r} is not one of the options.")
    if chosen == question.answer:
        return Verdict("correct", question.explanation)
    return Verdict("not yet", question.hint)
