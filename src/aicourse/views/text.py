"""Views for sorting messages: your own message, the learning curve, confidence.

Each change of a slider redraws a chart, so sliders act when let go
(``continuous_update=False``), not at every step of a drag.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from sklearn.pipeline import Pipeline

from aicourse import SEED
from aicourse.classify import (
    KeywordRule,
    confidence_split,
    confidence_sweep,
    predict_with_confidence,
    sort_message,
    train_text_classifier,
)
from aicourse.learning import TRAINING_SIZES, learning_curve, standard_split
from aicourse.plots.text import confidence_chart, learning_curve_plot
from aicourse.views.base import STYLE, WIDE, View

#: Confidence bars the chart is drawn for.
THRESHOLDS = tuple(np.round(np.arange(0.3, 0.951, 0.05), 2))


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
        if start not in TRAINING_SIZES:
            raise ValueError(
                f"start must be one of the sizes {list(TRAINING_SIZES)}, got {start!r}"
            )
        self.curve = learning_curve(TRAINING_SIZES, seed=seed)
        self.baseline = baseline
        self.slider = widgets.SelectionSlider(
            options=list(TRAINING_SIZES),
            value=start,
            description="Training examples:",
            continuous_update=False,
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


class ConfidenceView(View):
    """Slide the confidence bar: the model sorts what it is sure of, people sort the rest."""

    def __init__(self, model: Pipeline | None = None, seed: int = SEED, start: float = 0.6) -> None:
        train, test = standard_split(seed)
        if model is None:
            model = train_text_classifier(train["text"], train["category"], seed=seed)
        predictions = predict_with_confidence(model, test["text"])
        self.confidence = predictions["confidence"].to_numpy()
        self.correct = (predictions["predicted"] == test["category"]).to_numpy()
        self.sweep = confidence_sweep(self.confidence, self.correct, THRESHOLDS)
        self.slider = widgets.FloatSlider(
            value=start,
            min=0.3,
            max=0.95,
            step=0.05,
            readout_format=".0%",
            description="Confidence needed:",
            continuous_update=False,
            layout=WIDE,
            style=STYLE,
        )
        super().__init__([self.slider])
        self.update()

    def update(self) -> None:
        s = confidence_split(self.confidence, self.correct, self.slider.value)
        self.result = s
        self.readout.value = (
            f"<p>The model sorts <b>{s.share_automatic:.0%}</b> of messages on its own and gets "
            f"<b>{s.accuracy_automatic:.1%}</b> of those right; <b>{s.n_to_person}</b> of "
            f"{s.n_total} go to a person.</p>"
        )
        self._show(confidence_chart(self.sweep, threshold=s.threshold))
