"""Views for deciding well: the threshold and its costs, fairness by group, one explanation.

Each view does its slow work (training, scoring, explaining) once when it is built; moving
a control only looks up or counts, then redraws. Redrawing a chart is the slowest step, so
sliders update when they are let go (``continuous_update=False``), not at every step.
"""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as widgets
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from sklearn.pipeline import Pipeline

from aicourse import SEED
from aicourse.data.applications import make_applications
from aicourse.decisions import (
    COST_MISSED,
    COST_WRONG_FLAG,
    FEATURES,
    PAST,
    SCENARIOS,
    BiasExperiment,
    Explanation,
    application_split,
    bias_experiment,
    explain_one,
    fairness_gap,
    risk_scores,
    spread_of_applicants,
    threshold_outcome,
    threshold_sweep,
    train_risk_model,
)
from aicourse.plots.decisions import explanation_chart, group_rates_chart, threshold_dashboard
from aicourse.views.base import STYLE, WIDE, View

#: Thresholds the charts are drawn for (every whole percentage from 5% to 95%).
THRESHOLDS: tuple[float, ...] = tuple(float(t) for t in np.round(np.arange(0.05, 0.951, 0.01), 2))


def _was(n: int) -> str:
    return "was" if n == 1 else "were"


def _problems(n: int) -> str:
    return "problem is" if n == 1 else "problems are"


class ThresholdView(View):
    """Slide the threshold and the two costs; see who is wrongly flagged, who is missed.

    By default the scores come from a model trained (on the honest features) to copy past
    decisions, and are judged against what was really true, on the 1,200 test applications.
    Pass your own ``scores`` and ``truth`` to use other data.
    """

    def __init__(
        self,
        scores: Sequence[float] | None = None,
        truth: Sequence[bool] | None = None,
        seed: int = SEED,
        start: float = 0.5,
    ) -> None:
        if (scores is None) != (truth is None):
            raise ValueError("give both scores and truth, or neither")
        if scores is None or truth is None:
            train, test = application_split(seed)
            model = train_risk_model(train, FEATURES, seed=seed)
            scores = risk_scores(model, test)
            truth = test["problem"].to_numpy(dtype=bool)
        threshold_outcome(scores, truth, start)  # checks the inputs once, with plain messages
        self.scores = np.asarray(scores, dtype=float)
        self.truth = np.asarray(truth, dtype=bool)
        self._sweeps: dict[tuple[float, float], pd.DataFrame] = {}
        self.figure: Figure | None = None
        self.threshold = widgets.FloatSlider(
            value=start,
            min=0.05,
            max=0.95,
            step=0.01,
            readout_format=".0%",
            description="Threshold (risk score needed for a check):",
            continuous_update=False,
            layout=WIDE,
            style=STYLE,
        )
        self.cost_wrong_flag = widgets.IntSlider(
            value=int(COST_WRONG_FLAG),
            min=0,
            max=2000,
            step=50,
            description="Cost of checking an application that was fine ($):",
            continuous_update=False,
            layout=WIDE,
            style=STYLE,
        )
        self.cost_missed = widgets.IntSlider(
            value=int(COST_MISSED),
            min=0,
            max=10000,
            step=100,
            description="Cost of missing a real problem ($):",
            continuous_update=False,
            layout=WIDE,
            style=STYLE,
        )
        super().__init__([self.threshold, self.cost_wrong_flag, self.cost_missed])
        self.update()

    def _sweep(self, cost_wrong_flag: float, cost_missed: float) -> pd.DataFrame:
        key = (cost_wrong_flag, cost_missed)
        if key not in self._sweeps:
            self._sweeps[key] = threshold_sweep(
                self.scores, self.truth, THRESHOLDS, cost_wrong_flag, cost_missed
            )
        return self._sweeps[key]

    def update(self) -> None:
        cw, cm = float(self.cost_wrong_flag.value), float(self.cost_missed.value)
        o = threshold_outcome(self.scores, self.truth, self.threshold.value, cw, cm)
        sweep = self._sweep(cw, cm)
        best = float(sweep.loc[sweep["total_cost"].idxmin(), "threshold"])
        self.result = o
        self.readout.value = (
            f"<p>At a threshold of <b>{o.threshold:.0%}</b>, <b>{o.flagged:,}</b> of "
            f"{o.n:,} applications are flagged: <b>{o.correctly_flagged:,}</b> really had a "
            f"problem and <b>{o.wrongly_flagged:,}</b> {_was(o.wrongly_flagged)} wrongly flagged; "
            f"<b>{o.missed:,}</b> {_problems(o.missed)} missed. Cost: <b>${o.total_cost:,.0f}</b> "
            f"(the cheapest threshold at these costs is {best:.0%}).</p>"
        )
        self.figure = threshold_dashboard(sweep, o)
        self._show(self.figure)


class FairnessView(View):
    """Pick who decides (the past checkers, or one of three models); see each group's rates.

    Every way of deciding flags the same share of the test applications and is judged
    against what was really true. Everything is worked out once, when the view is built.
    """

    def __init__(
        self, experiment: BiasExperiment | None = None, seed: int = SEED, start: str = PAST
    ) -> None:
        if experiment is None:
            experiment = bias_experiment(make_applications(seed=seed), seed=seed)
        if not isinstance(experiment, BiasExperiment):
            raise TypeError(f"expected a BiasExperiment, got {type(experiment).__name__}")
        if start not in SCENARIOS:
            raise ValueError(f"start must be one of {list(SCENARIOS)}, got {start!r}")
        self.experiment = experiment
        self.figure: Figure | None = None
        self.choice = widgets.Dropdown(
            options=list(SCENARIOS),
            value=start,
            description="Who decides:",
            style=STYLE,
            layout=widgets.Layout(width="60%"),
        )
        super().__init__([self.choice])
        self.update()

    def update(self) -> None:
        name = self.choice.value
        table = self.experiment.tables[name]
        self.result = table
        rates = table["false_positive_rate"]
        per_group = " and ".join(f"<b>{rate:.0%}</b> of {group}" for group, rate in rates.items())
        gap = fairness_gap(table, "false_positive_rate")
        self.readout.value = (
            f"<p><b>{name}:</b> of the applicants who had no problem, {per_group} were "
            f"flagged for a check anyway: a gap of <b>{100 * gap:.0f} percentage points</b>.</p>"
        )
        self.figure = group_rates_chart(table, title=f"{name}: how each group is treated")
        self._show(self.figure)


class ExplainView(View):
    """Pick an applicant; see which of their inputs push their risk score up or down.

    By default the model is trained on past decisions without the group column (the
    suburb is still in), and the list holds ``n_per_group`` applicants from each group in
    the test set, with scores from low to high. Pass ``model`` and ``people`` (a table) to
    explain others.
    """

    def __init__(
        self,
        model: Pipeline | None = None,
        people: pd.DataFrame | None = None,
        seed: int = SEED,
        n_per_group: int = 3,
    ) -> None:
        train, test = application_split(seed)
        if model is None:
            model = train_risk_model(train, ("area", *FEATURES), seed=seed)
        if people is None:
            people = test
        if not isinstance(people, pd.DataFrame):
            raise TypeError(f"people must be a table of applicants, got {type(people).__name__}")
        groups = people["group"] if "group" in people.columns else None
        positions = spread_of_applicants(risk_scores(model, people), n_per_group, groups)
        self.explanations: dict[str, Explanation] = {}
        for p in positions:
            e = explain_one(model, people, p)
            who = f"Applicant {e.application_id}" if e.application_id is not None else f"Row {p}"
            where = f", {people['area'].iloc[p]}" if "area" in people.columns else ""
            self.explanations[f"{who}{where} (risk score {e.probability:.0%})"] = e
        self.figure: Figure | None = None
        self.person = widgets.Dropdown(
            options=list(self.explanations),
            description="Applicant:",
            style=STYLE,
            layout=widgets.Layout(width="60%"),
        )
        super().__init__([self.person])
        self.update()

    def update(self) -> None:
        e = self.explanations[self.person.value]
        self.result = e
        top = e.table.iloc[0]
        self.readout.value = (
            f"<p>Risk score <b>{e.probability:.0%}</b>, against <b>"
            f"{e.baseline_probability:.0%}</b> for an average applicant. The biggest push: "
            f"<b>{top['input']}: {top['value']}</b> ({top['direction']}).</p>"
        )
        self.figure = explanation_chart(e)
        self._show(self.figure)
