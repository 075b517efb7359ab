"""Widget views: thin wiring from controls to a concept core, and a drawing of the result.

Each view builds its controls (every one with a visible description, which screen readers
read), calls its core once on build, and again whenever a control changes. The last
result is kept on the view (``result``), and a one-line reading of it is shown in
``readout``, so tests can drive a view without a browser. Display a view by making it the
last line of a cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ipywidgets as widgets
from IPython.display import clear_output, display
from sklearn.pipeline import Pipeline

from aicourse import SEED
from aicourse.classify import KeywordRule, sort_message, train_text_classifier
from aicourse.learning import TRAINING_SIZES, learning_curve, standard_split
from aicourse.plots import benefit_bars, learning_curve_plot
from aicourse.quiz import QuizQuestion, mark_answer
from aicourse.value import triage_benefit

_WIDE = widgets.Layout(width="95%")
_STYLE = {"description_width": "initial"}


class View:
    """Base class: a box of controls, a one-line readout and an output area for a chart."""

    def __init__(self, controls: Sequence[widgets.Widget]) -> None:
        self.controls = list(controls)
        self.readout = widgets.HTML()
        self.output = widgets.Output()
        self.result: Any = None
        self.widget = widgets.VBox([*self.controls, self.readout, self.output])
        for control in self.controls:
            control.observe(self._on_change, names="value")

    def _on_change(self, _change: dict[str, Any]) -> None:
        self.update()

    def update(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def _show(self, obj: object) -> None:
        with self.output:
            clear_output(wait=True)
            display(obj)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)


class SortMessageView(View):
    """Type a message; see how the keyword rule and the learned model each sort it."""

    def __init__(
        self,
        model: Pipeline | None = None,
        message: str = "Still waiting for my money, it is late again.",
        seed: int = SEED,
    ) -> None:
        if model is None:
            train, _ = standard_split(seed)
            model = train_text_classifier(train["text"], train["category"], seed=seed)
        self.rule = KeywordRule()
        self.model = model
        self.text = widgets.Text(
            value=message,
            description="Your message:",
            continuous_update=False,
            layout=_WIDE,
            style=_STYLE,
        )
        super().__init__([self.text])
        self.update()

    def update(self) -> None:
        if not self.text.value.strip():
            self.result = None
            self.readout.value = "<p>Type a message above and press Enter.</p>"
            return
        r = sort_message(self.text.value, self.model, self.rule)
        self.result = r
        why = (
            f'it contains "{r["keyword"]}"'
            if r["keyword"]
            else "no keyword matched, so it used the default"
        )
        self.readout.value = (
            f"<p><b>Keyword rule:</b> {r['rule']} ({why}).<br>"
            f"<b>Learned model:</b> {r['model']} ({r['confidence']:.0%} sure).</p>"
        )


class LearningCurveView(View):
    """Slide the number of training examples; see the test accuracy the model reaches."""

    def __init__(self, seed: int = SEED, start: int = 100, baseline: float | None = None) -> None:
        self.curve = learning_curve(TRAINING_SIZES, seed=seed)
        self.baseline = baseline
        self.slider = widgets.SelectionSlider(
            options=list(TRAINING_SIZES),
            value=start,
            description="Training examples:",
            layout=_WIDE,
            style=_STYLE,
        )
        super().__init__([self.slider])
        self.update()

    def update(self) -> None:
        n = self.slider.value
        acc = float(self.curve.loc[self.curve["n_train"] == n, "accuracy"].iloc[0])
        self.result = acc
        self.readout.value = (
            f"<p>Trained on <b>{n:,}</b> examples, the model sorts <b>{acc:.1%}</b> "
            "of new messages correctly.</p>"
        )
        self._show(learning_curve_plot(self.curve, highlight=n, baseline=self.baseline))


class BenefitView(View):
    """Set the volumes and times; see whether automatic sorting saves staff time."""

    def __init__(self, accuracies: dict[str, float]) -> None:
        if not accuracies:
            raise ValueError("give at least one sorting method and its accuracy")
        self.accuracies = dict(accuracies)
        self.method = widgets.Dropdown(
            options=list(self.accuracies), description="Sorting method:", style=_STYLE
        )
        self.messages = widgets.IntSlider(
            value=1000,
            min=100,
            max=5000,
            step=100,
            description="Messages per week:",
            layout=_WIDE,
            style=_STYLE,
        )
        self.sort_minutes = widgets.FloatSlider(
            value=2.0,
            min=0.5,
            max=5.0,
            step=0.5,
            description="Minutes to sort one by hand:",
            layout=_WIDE,
            style=_STYLE,
        )
        self.fix_minutes = widgets.FloatSlider(
            value=10.0,
            min=1.0,
            max=30.0,
            step=1.0,
            description="Minutes to fix one wrongly sorted message:",
            layout=_WIDE,
            style=_STYLE,
        )
        super().__init__([self.method, self.messages, self.sort_minutes, self.fix_minutes])
        self.update()

    def update(self) -> None:
        acc = self.accuracies[self.method.value]
        b = triage_benefit(
            self.messages.value, self.sort_minutes.value, acc, self.fix_minutes.value
        )
        self.result = b
        verdict = "saves" if b.net_hours >= 0 else "costs"
        self.readout.value = (
            f"<p>At {acc:.1%} accuracy, automatic sorting <b>{verdict} "
            f"{abs(b.net_hours):,.0f} staff hours a week</b> "
            f"({b.hours_saved:,.0f} saved, {b.hours_fixing:,.0f} spent fixing mistakes).</p>"
        )
        self._show(benefit_bars(b.hours_saved, b.hours_fixing))


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
                layout=_WIDE,
                style=_STYLE,
            )
            for i, q in enumerate(self.questions, start=1)
        ]
        self.feedback = [widgets.HTML() for _ in self.questions]
        super().__init__(self.choices)
        rows = []
        for i, (q, choice, fb) in enumerate(
            zip(self.questions, self.choices, self.feedback, strict=True), 1
        ):
            rows += [widgets.HTML(f"<p><b>{i}. {q.prompt}</b></p>"), choice, fb]
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
