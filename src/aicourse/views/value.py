"""View for the time-saved calculation: does automatic sorting pay off?

Each change of a slider redraws the chart, so sliders act when let go
(``continuous_update=False``), not at every step of a drag.
"""

from __future__ import annotations

import ipywidgets as widgets

from aicourse.plots.text import benefit_bars
from aicourse.value import triage_benefit
from aicourse.views.base import STYLE, WIDE, View


class BenefitView(View):
    """Set the volumes and times; see whether automatic sorting saves staff time."""

    def __init__(self, accuracies: dict[str, float]) -> None:
        if not accuracies:
            raise ValueError("give at least one sorting method and its accuracy")
        self.accuracies = dict(accuracies)
        self.method = widgets.Dropdown(
            options=list(self.accuracies), description="Sorting method:", style=STYLE
        )
        self.messages = widgets.IntSlider(
            value=1000,
            min=100,
            max=5000,
            step=100,
            description="Messages per week:",
            continuous_update=False,
            layout=WIDE,
            style=STYLE,
        )
        self.sort_minutes = widgets.FloatSlider(
            value=2.0,
            min=0.5,
            max=5.0,
            step=0.5,
            description="Minutes to sort one by hand:",
            continuous_update=False,
            layout=WIDE,
            style=STYLE,
        )
        self.fix_minutes = widgets.FloatSlider(
            value=10.0,
            min=1.0,
            max=30.0,
            step=1.0,
            description="Minutes to fix one wrongly sorted message:",
            continuous_update=False,
            layout=WIDE,
            style=STYLE,
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
