"""Views for responsible AI at your desk: the benefit of human review; customise, buy or build.

The review view trains its model and scores the test messages once, when it is built;
moving a slider only counts and redraws, and sliders act when released
(``continuous_update=False``) because each change redraws the chart.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from sklearn.pipeline import Pipeline

from aicourse import SEED
from aicourse.classify import predict_with_confidence, train_text_classifier
from aicourse.learning import standard_split
from aicourse.plots.responsible import approach_chart, review_benefit_chart
from aicourse.responsible import (
    APPROACH_MEANINGS,
    DEFAULT_ANSWERS,
    QUESTIONS,
    review_benefit,
    review_sweep,
    suggest_approach,
)
from aicourse.views.base import STYLE, WIDE, View

#: Confidence bars the review chart is drawn for: 0 (the model sorts everything), then 30%
#: to 95% in steps of 5 (below 30% the model is always at least that sure of something).
REVIEW_THRESHOLDS: tuple[float, ...] = (
    0.0,
    *(float(t) for t in np.round(np.arange(0.3, 0.951, 0.05), 2)),
)


class ReviewBenefitView(View):
    """Set the confidence bar, how many staff use the tool, and the cost of a mistake; see the
    staff hours a week that sorting messages automatically saves, net of fixing its mistakes.

    By default the model is the course's text classifier, trained on the standard training
    messages and scored on the 750 test messages; pass ``model`` to reuse one already trained.
    """

    def __init__(
        self,
        model: Pipeline | None = None,
        seed: int = SEED,
        start: float = 0.0,
        messages_per_week: int = 1000,
        minutes_to_sort: float = 2.0,
    ) -> None:
        train, test = standard_split(seed)
        if model is None:
            model = train_text_classifier(train["text"], train["category"], seed=seed)
        predictions = predict_with_confidence(model, test["text"])
        self.confidence = predictions["confidence"].to_numpy(dtype=float)
        self.correct = (predictions["predicted"] == test["category"]).to_numpy()
        self.messages_per_week = messages_per_week
        self.minutes_to_sort = minutes_to_sort
        review_benefit(self.confidence, self.correct, start, messages_per_week, minutes_to_sort)
        self._sweeps: dict[tuple[float, float], pd.DataFrame] = {}
        self.figure: Figure | None = None
        self.threshold = widgets.FloatSlider(
            value=start,
            min=0.0,
            max=0.95,
            step=0.05,
            readout_format=".0%",
            description="Confidence needed before the model sorts a message on its own:",
            continuous_update=False,
            layout=WIDE,
            style=STYLE,
        )
        self.adoption = widgets.FloatSlider(
            value=1.0,
            min=0.1,
            max=1.0,
            step=0.1,
            readout_format=".0%",
            description="Share of staff who use the tool:",
            continuous_update=False,
            layout=WIDE,
            style=STYLE,
        )
        self.fix_minutes = widgets.IntSlider(
            value=10,
            min=1,
            max=30,
            step=1,
            description="Minutes to fix one wrongly sorted message:",
            continuous_update=False,
            layout=WIDE,
            style=STYLE,
        )
        super().__init__([self.threshold, self.adoption, self.fix_minutes])
        self.update()

    def _sweep(self, adoption: float, fix: float) -> pd.DataFrame:
        key = (adoption, fix)
        if key not in self._sweeps:
            self._sweeps[key] = review_sweep(
                self.confidence,
                self.correct,
                REVIEW_THRESHOLDS,
                self.messages_per_week,
                self.minutes_to_sort,
                fix,
                adoption,
            )
        return self._sweeps[key]

    def update(self) -> None:
        """Work out the week's hours for the slider settings, say what they mean, and redraw."""
        adoption, fix = float(self.adoption.value), float(self.fix_minutes.value)
        b = review_benefit(
            self.confidence,
            self.correct,
            float(self.threshold.value),
            self.messages_per_week,
            self.minutes_to_sort,
            fix,
            adoption,
        )
        self.result = b
        verdict = "saves" if b.net_hours >= 0 else "costs"
        self.readout.value = (
            f"<p>The team {verdict} <b>{abs(b.net_hours):,.1f} staff hours a week</b> "
            f"({b.hours_saved:,.1f} saved, {b.hours_fixing:,.1f} spent fixing mistakes). "
            f"The model sorts <b>{b.automatic:,.0f}</b> of {self.messages_per_week:,} messages "
            f"on its own; a person sorts <b>{b.by_person:,.0f}</b>.</p>"
        )
        self.figure = review_benefit_chart(self._sweep(adoption, fix), b.threshold)
        self._show(self.figure)


class ApproachView(View):
    """Answer five questions about a use case; see whether customising, buying or building
    fits best, why, and what to check before going ahead."""

    def __init__(self, answers: dict[str, str] | None = None) -> None:
        start = suggest_approach(DEFAULT_ANSWERS if answers is None else answers)
        self.questions = {
            q.key: widgets.Dropdown(
                options=list(q.options),
                value=start.answers[q.key],
                description=q.prompt,
                style=STYLE,
                layout=WIDE,
            )
            for q in QUESTIONS
        }
        self.figure: Figure | None = None
        super().__init__(list(self.questions.values()))
        self.update()

    def answers(self) -> dict[str, str]:
        """The answers the menus show now."""
        return {key: str(menu.value) for key, menu in self.questions.items()}

    def update(self) -> None:
        """Add up the points for the chosen answers, explain the best fit, and redraw."""
        a = suggest_approach(self.answers())
        self.result = a
        others = ", ".join(f"{name} {a.points[name]}" for name in a.points if name not in a.best)
        if len(a.best) == 1:
            head = f"Best fit: <b>{a.best[0]}</b> ({a.points[a.best[0]]} points; {others})."
        else:
            head = f"A tie between <b>{' and '.join(a.best)}</b>; talk it through with your team."
        meaning = html.escape(APPROACH_MEANINGS[a.best[0]])
        why = "".join(f"<li>{html.escape(r)}</li>" for r in a.reasons)
        checks = "".join(f"<li>{html.escape(c)}</li>" for c in a.checks)
        self.readout.value = (
            f"<p>{head} <i>{a.best[0].capitalize()}</i> means: {meaning}</p>"
            f"<p>Why, answer by answer:</p><ul>{why}</ul>"
            f"<p>Before you go ahead with {a.best[0]}:</p><ul>{checks}</ul>"
        )
        self.figure = approach_chart(a)
        self._show(self.figure)
