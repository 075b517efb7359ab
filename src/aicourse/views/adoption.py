"""Views for leading AI adoption: portfolio weights, business case, drift monitor, risk matrix."""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd
from IPython.display import clear_output
from matplotlib.figure import Figure

from aicourse import SEED
from aicourse.business_case import BusinessCaseInputs, simulate_business_case, summarise
from aicourse.data.demand import make_demand
from aicourse.data.use_cases import make_use_cases
from aicourse.drift import fit_forecaster, forecast_errors, monitor, monitor_summary
from aicourse.plots.adoption import (
    business_case_chart,
    monitor_chart,
    portfolio_chart,
    risk_matrix_chart,
)
from aicourse.portfolio import CRITERIA, CRITERION_LABELS, DEFAULT_WEIGHTS, score_portfolio
from aicourse.risk import IMPACTS, LIKELIHOODS, rate_risk
from aicourse.views.base import STYLE, WIDE, View


def _money(dollars: float) -> str:
    """Dollars in plain words: -$162,000 or $116,000 (rounded to the nearest thousand)."""
    sign = "-" if dollars < 0 else ""
    return f"{sign}${abs(round(dollars, -3)):,.0f}"


class PortfolioView(View):
    """A weight slider per criterion; see the use cases re-ranked as the weights change.

    Each change redraws the chart, so sliders act when released rather than while dragged.
    """

    def __init__(
        self, use_cases: pd.DataFrame | None = None, weights: dict[str, float] | None = None
    ) -> None:
        self.figure: Figure | None = None  # the chart last drawn
        self.use_cases = make_use_cases() if use_cases is None else use_cases
        start = dict(DEFAULT_WEIGHTS if weights is None else weights)
        self.start_top = str(score_portfolio(self.use_cases, start)["name"].iloc[0])
        self.sliders: dict[str, widgets.FloatSlider] = {
            c: widgets.FloatSlider(
                value=float(start.get(c, 0.0)),
                min=0.0,
                max=1.0,
                step=0.05,
                description=f"Weight on {CRITERION_LABELS[c].lower()}:",
                continuous_update=False,
                layout=WIDE,
                style=STYLE,
            )
            for c in CRITERIA
        }
        self.chart = widgets.ToggleButtons(
            options=[("Ranked bars", "bars"), ("Value and feasibility map", "map")],
            value="bars",
            description="Chart:",
            style=STYLE,
        )
        super().__init__([*self.sliders.values(), self.chart])
        self.update()

    def weights(self) -> dict[str, float]:
        """The weights the sliders are set to now."""
        return {c: float(s.value) for c, s in self.sliders.items()}

    def update(self) -> None:
        """Re-rank the use cases with the weights on the sliders, and redraw."""
        weights = self.weights()
        if sum(weights.values()) == 0:
            self.result = None
            self.figure = None
            self.readout.value = "<p>Give at least one criterion a weight above zero.</p>"
            with self.output:
                clear_output()
            return
        scored = score_portfolio(self.use_cases, weights)
        self.result = scored
        top = scored.iloc[0]
        others = ", ".join(html.escape(str(n)) for n in scored["name"].iloc[1:3])
        moved = (
            "the same as with the starting weights"
            if top["name"] == self.start_top
            else f"with the starting weights it was {html.escape(self.start_top)}"
        )
        self.readout.value = (
            f"<p>Top with these weights: <b>{html.escape(str(top['name']))}</b> "
            f"(score {top['score']:.2f}), then {others}; {moved}.</p>"
        )
        self.figure = portfolio_chart(scored, kind=self.chart.value)
        self._show(self.figure)


class BusinessCaseView(View):
    """Sliders for the most likely adoption, error rate, rework time and running cost.

    Each slider sets the most likely value of its input; the low and high ends move with it in
    proportion. The simulation reuses the same random numbers each time (same seed), so a
    change in the chart is caused by the slider, not by chance. The horizontal range is fixed
    from the starting inputs so settings can be compared; outcomes beyond it are counted in
    the end bars. Sliders act when released, as each change redraws the chart.
    """

    def __init__(
        self, inputs: BusinessCaseInputs | None = None, n: int = 5000, seed: int = SEED
    ) -> None:
        self.figure: Figure | None = None  # the chart last drawn
        self.base = BusinessCaseInputs() if inputs is None else inputs
        self.n = n
        self.seed = seed
        first = simulate_business_case(self.base, n=n, seed=seed)["net_benefit"]
        low, high = float(first.quantile(0.005)), float(first.quantile(0.995))
        spread = high - low
        self.xlim = (low - 0.6 * spread, high + 0.6 * spread)
        self.adoption = widgets.FloatSlider(
            value=self.base.adoption[1],
            min=0.05,
            max=1.0,
            step=0.05,
            readout_format=".0%",
            description="Most likely share of staff who use it:",
            continuous_update=False,
            layout=WIDE,
            style=STYLE,
        )
        self.error_rate = widgets.FloatSlider(
            value=self.base.error_rate[1],
            min=0.01,
            max=0.40,
            step=0.01,
            readout_format=".0%",
            description="Most likely share of drafts with a mistake:",
            continuous_update=False,
            layout=WIDE,
            style=STYLE,
        )
        self.rework = widgets.FloatSlider(
            value=self.base.rework_minutes[1],
            min=1.0,
            max=40.0,
            step=1.0,
            readout_format=".0f",
            description="Most likely minutes to fix one mistake:",
            continuous_update=False,
            layout=WIDE,
            style=STYLE,
        )
        self.running = widgets.IntSlider(
            value=int(self.base.running_cost[1]),
            min=10_000,
            max=250_000,
            step=10_000,
            description="Most likely running cost a year ($):",
            continuous_update=False,
            layout=WIDE,
            style=STYLE,
        )
        super().__init__([self.adoption, self.error_rate, self.rework, self.running])
        self.update()

    def inputs(self) -> BusinessCaseInputs:
        """The business case inputs the sliders describe now."""
        return self.base.with_likely(
            adoption=self.adoption.value,
            error_rate=self.error_rate.value,
            rework_minutes=self.rework.value,
            running_cost=float(self.running.value),
        )

    def update(self) -> None:
        """Simulate the case with the slider settings, sum it up, and redraw."""
        sim = simulate_business_case(self.inputs(), n=self.n, seed=self.seed)
        s = summarise(sim)
        self.result = s
        self.readout.value = (
            f"<p>Chance the case pays off: <b>{s['chance_pays_off']:.0%}</b>. Middle outcome "
            f"<b>{_money(s['median'])}</b> over {self.base.years} years; one in ten outcomes is "
            f"below {_money(s['p10'])} and one in ten is above {_money(s['p90'])}.</p>"
        )
        self.figure = business_case_chart(sim, xlim=self.xlim)
        self._show(self.figure)


class DriftView(View):
    """Sliders for the monitor's window and control limit; see when it alerts, and false alarms.

    The forecast is fitted once, on the weeks before the policy change; only the monitoring
    rule changes with the sliders. Sliders act when released, as each change redraws the chart.
    """

    def __init__(
        self, demand: pd.DataFrame | None = None, change_week: int = 60, seed: int = SEED
    ) -> None:
        self.figure: Figure | None = None  # the chart last drawn
        self.demand = make_demand(change_week=change_week, seed=seed) if demand is None else demand
        self.change_week = change_week
        self.forecaster = fit_forecaster(self.demand, until_week=change_week, seed=seed)
        self.errors = forecast_errors(self.demand, self.forecaster)
        self.baseline_weeks = int((self.errors["week"] < change_week).sum())
        self.window = widgets.IntSlider(
            value=4,
            min=1,
            max=8,
            step=1,
            description="Weeks averaged in the recent error:",
            continuous_update=False,
            layout=WIDE,
            style=STYLE,
        )
        self.limit = widgets.FloatSlider(
            value=3.0,
            min=1.0,
            max=6.0,
            step=0.5,
            readout_format=".1f",
            description="Control limit (standard deviations above the baseline):",
            continuous_update=False,
            layout=WIDE,
            style=STYLE,
        )
        super().__init__([self.window, self.limit])
        self.update()

    def update(self) -> None:
        """Re-run the monitor with the slider settings, sum up how it did, and redraw."""
        monitored = monitor(
            self.errors, self.baseline_weeks, window=self.window.value, limit=self.limit.value
        )
        s = monitor_summary(monitored, self.change_week)
        self.result = s
        if s["first_alert"] is None:
            caught = "it <b>never raises an alert</b> after the change"
        else:
            lag = s["weeks_to_detect"]
            when = (
                "the week of the change"
                if lag == 0
                else f"{lag} week{'' if lag == 1 else 's'} after the change in week "
                f"{self.change_week}"
            )
            caught = f"its first alert after the change is <b>week {s['first_alert']}</b> ({when})"
        alarms = s["false_alarms"]
        self.readout.value = (
            f"<p>The control limit is {s['control_limit']:.1f}% error; {caught}. "
            f"False alarms before the change: <b>{alarms}</b>.</p>"
        )
        self.figure = monitor_chart(monitored, change_week=self.change_week)
        self._show(self.figure)


class RiskMatrixView(View):
    """Choose a likelihood and an impact; see the risk level and what it asks of the agency."""

    def __init__(self, likelihood: str = "Possible", impact: str = "Moderate") -> None:
        self.figure: Figure | None = None  # the chart last drawn
        start = rate_risk(likelihood, impact)
        self.likelihood = widgets.Dropdown(
            options=list(LIKELIHOODS),
            value=start.likelihood,
            description="Likelihood of harm:",
            style=STYLE,
        )
        self.impact = widgets.Dropdown(
            options=list(IMPACTS),
            value=start.impact,
            description="Impact if it happens:",
            style=STYLE,
        )
        super().__init__([self.likelihood, self.impact])
        self.update()

    def update(self) -> None:
        """Rate the chosen likelihood and impact, list what that level asks, and redraw."""
        r = rate_risk(self.likelihood.value, self.impact.value)
        self.result = r
        steps = "".join(f"<li>{html.escape(step)}</li>" for step in r.asks)
        self.readout.value = (
            f"<p>{r.likelihood} x {r.impact}: risk level <b>{r.level}</b>. "
            f"It asks the agency to:</p><ul>{steps}</ul>"
        )
        self.figure = risk_matrix_chart(r.likelihood, r.impact)
        self._show(self.figure)
