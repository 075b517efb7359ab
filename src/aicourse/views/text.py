"""Views for sorting messages: type your own message, and the learning curve."""

from __future__ import annotations

import ipywidgets as widgets
from sklearn.pipeline import Pipeline

from aicourse import SEED
from aicourse.classify import KeywordRule, sort_message, train_text_classifier
from aicourse.learning import TRAINING_SIZES, learning_curve, standard_split
from aicourse.plots.text import learning_curve_plot
from aicourse.views.base import STYLE, WIDE, View


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
            layout=WIDE,
            style=STYLE,
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
            layout=WIDE,
            style=STYLE,
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
