"""View for a self-check quiz: each question marked the moment an option is picked."""

from __future__ import annotations

import html
from collections.abc import Sequence

import ipywidgets as widgets

from aicourse.quiz import QuizQuestion, mark_answer
from aicourse.views.base import STYLE, WIDE, View


class QuizView(View):
    """A few multiple-choice questions, each marked the moment an option is picked."""

    def __init__(self, questions: Sequence[QuizQuestion]) -> None:
        if not questions:
            raise ValueError("a quiz needs at least one question")
        self.questions = list(questions)
        self.choices = [
            widgets.RadioButtons(
                options=list(q.options),
                value=None,
                description=f"Question {i}:",
                layout=WIDE,
                style=STYLE,
            )
            for i, q in enumerate(self.questions, start=1)
        ]
        self.feedback = [widgets.HTML() for _ in self.questions]
        super().__init__(self.choices)
        rows = []
        for i, (q, choice, fb) in enumerate(
            zip(self.questions, self.choices, self.feedback, strict=True), 1
        ):
            rows += [widgets.HTML(f"<p><b>{i}. {html.escape(q.prompt)}</b></p>"), choice, fb]
        self.widget = widgets.VBox([*rows, self.readout])
        self.update()

    def update(self) -> None:
        verdicts = [
            mark_answer(q, c.value) for q, c in zip(self.questions, self.choices, strict=True)
        ]
        for fb, v in zip(self.feedback, verdicts, strict=True):
            fb.value = v._repr_html_() if v.status != "not answered" else ""
        self.result = verdicts
        right = sum(v.correct for v in verdicts)
        self.readout.value = f"<p>{right} of {len(verdicts)} right so far.</p>"
