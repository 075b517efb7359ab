"""Views for "how we know a model works": a tree, the four counts, baselines, recall targets.

Each view does its slow work once, when it is built (training trees, scoring, sweeping);
moving a control only looks up a result and redraws. Redrawing is the slowest step, so
sliders update when they are let go (``continuous_update=False``).
"""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as widgets
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from aicourse import SEED
from aicourse.decisions import threshold_outcome, threshold_sweep
from aicourse.evaluation import (
    EXAMPLE_THRESHOLD,
    PREVALENCES,
    Metrics,
    RareProblemResult,
    imbalance_sweep,
    metrics_at_threshold,
    outcome_for_recall,
    rare_problem_comparison,
    standard_scores,
)
from aicourse.plots.evaluation import (
    baseline_chart,
    confusion_dashboard,
    recall_target_dashboard,
    tree_chart,
)
from aicourse.trees import DEPTHS, FLAG, TreeResult, grow_tree
from aicourse.views.base import STYLE, WIDE, View

#: Thresholds the recall-target chart is drawn for (every whole percentage from 1% to 95%).
THRESHOLDS: tuple[float, ...] = tuple(float(t) for t in np.round(np.arange(0.01, 0.951, 0.01), 2))

#: Recall targets the lesson's slider offers: 50% to 95% in steps of 5%.
RECALL_TARGETS: tuple[float, ...] = tuple(
    float(t) for t in np.round(np.arange(0.5, 0.951, 0.05), 2)
)


def _scores_and_truth(
    scores: Sequence[float] | None, truth: Sequence[bool] | None, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """The given scores and truth, or the week's standard ones; checked once, with plain words."""
    if (scores is None) != (truth is None):
        raise ValueError("give both scores and truth, or neither")
    if scores is None or truth is None:
        return standard_scores(seed)
    threshold_outcome(scores, truth, 0.5)  # raises a plain message for bad input
    return np.asarray(scores, dtype=float), np.asarray(truth).astype(bool)


def _plural(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


class TreeView(View):
    """Slide the depth (how many questions in a row); see the tree drawn out and its score.

    Trees of every depth in ``depths`` are grown on the 2,800 training applications when
    the view is built, and tested on the 1,200 test applications.
    """

    def __init__(
        self, depths: Sequence[int] = DEPTHS, seed: int = SEED, start: int | None = None
    ) -> None:
        depths = sorted({int(d) for d in depths})
        if not depths:
            raise ValueError("give at least one depth")
        start = depths[len(depths) // 2] if start is None else start
        if start not in depths:
            raise ValueError(f"start must be one of the depths {depths}, got {start!r}")
        self.trees: dict[int, TreeResult] = {d: grow_tree(d, seed=seed) for d in depths}
        self.figure: Figure | None = None
        self.depth = widgets.IntSlider(
            value=start,
            min=depths[0],
            max=depths[-1],
            step=1,
            description="Questions the tree may ask in a row (its depth):",
            continuous_update=False,
            layout=WIDE,
            style=STYLE,
        )
        super().__init__([self.depth])
        self.update()

    def update(self) -> None:
        result = self.trees[int(self.depth.value)]
        self.result = result
        m = result.test_metrics
        flag_leaves = sum(n.is_leaf and n.decision == FLAG for n in result.nodes)
        self.readout.value = (
            f"<p>Up to <b>{result.depth}</b> question{'s' if result.depth != 1 else ''}: "
            f"<b>{_plural(result.leaves, 'final group', 'final groups')}</b>, "
            f"{flag_leaves} of them flagged. On the {m.n:,} test applications the tree flags "
            f"<b>{m.flagged:,}</b> (<b>{m.correctly_flagged:,}</b> really had a problem) and "
            f"is right about <b>{m.accuracy:.1%}</b> of them "
            f"({result.train_metrics.accuracy:.1%} of the applications it learned from).</p>"
        )
        self.figure = tree_chart(result)
        self._show(self.figure)


class ConfusionView(View):
    """Slide the threshold; see the four counts and accuracy, precision and recall.

    By default the scores come from the week's risk model on the 1,200 test applications
    (``evaluation.standard_scores``). Pass your own ``scores`` and ``truth`` to use others.
    """

    def __init__(
        self,
        scores: Sequence[float] | None = None,
        truth: Sequence[bool] | None = None,
        seed: int = SEED,
        start: float = 0.5,
    ) -> None:
        self.scores, self.truth = _scores_and_truth(scores, truth, seed)
        metrics_at_threshold(self.scores, self.truth, start)  # checks start
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
        super().__init__([self.threshold])
        self.update()

    def update(self) -> None:
        threshold = float(self.threshold.value)
        m: Metrics = metrics_at_threshold(self.scores, self.truth, threshold)
        self.result = m
        precision = "none flagged" if np.isnan(m.precision) else f"{m.precision:.1%}"
        self.readout.value = (
            f"<p>At <b>{threshold:.0%}</b>: {m.flagged:,} flagged, of which "
            f"<b>{m.correctly_flagged:,}</b> had a problem and <b>{m.wrongly_flagged:,}</b> did "
            f"not; <b>{m.missed:,}</b> problems missed. Accuracy <b>{m.accuracy:.1%}</b>, "
            f"precision <b>{precision}</b>, recall <b>{m.recall:.1%}</b>.</p>"
        )
        self.figure = confusion_dashboard(m, threshold)
        self._show(self.figure)


class BaselineView(View):
    """Slide how common problems are; compare the model with flagging nobody at all.

    The model flags every application scoring at least ``threshold``. Every prevalence in
    ``evaluation.PREVALENCES`` is worked out when the view is built.
    """

    def __init__(
        self,
        scores: Sequence[float] | None = None,
        truth: Sequence[bool] | None = None,
        threshold: float = EXAMPLE_THRESHOLD,
        seed: int = SEED,
        start: float = 0.05,
    ) -> None:
        self.scores, self.truth = _scores_and_truth(scores, truth, seed)
        start = float(round(start, 2))
        if start not in PREVALENCES:
            raise ValueError(f"start must be a whole percentage from 1% to 50%, got {start!r}")
        self.model_threshold = float(threshold)
        self.sweep: pd.DataFrame = imbalance_sweep(
            self.scores, self.truth, PREVALENCES, self.model_threshold, seed
        )
        self.results: dict[float, RareProblemResult] = {
            p: rare_problem_comparison(self.scores, self.truth, p, self.model_threshold, seed)
            for p in PREVALENCES
        }
        self.figure: Figure | None = None
        self.prevalence = widgets.SelectionSlider(
            options=[(f"{p:.0%}", p) for p in PREVALENCES],
            value=start,
            description="Share of applications with a problem:",
            continuous_update=False,
            layout=WIDE,
            style=STYLE,
        )
        super().__init__([self.prevalence])
        self.update()

    def update(self) -> None:
        r = self.results[float(self.prevalence.value)]
        self.result = r
        model, base = r.model, r.baseline
        self.readout.value = (
            f"<p>With <b>{_plural(model.problems, 'problem', 'problems')}</b> among "
            f"{model.n:,} applications ({model.problem_rate:.1%}), flagging nobody is right "
            f"<b>{base.accuracy:.1%}</b> of the time and catches <b>none</b> of them. The model "
            f"(threshold {r.threshold:.0%}) is right <b>{model.accuracy:.1%}</b> of the time and "
            f"catches <b>{model.correctly_flagged:,}</b> ({model.recall:.0%}).</p>"
        )
        self.figure = baseline_chart(self.sweep, r.prevalence)
        self._show(self.figure)


class RecallTargetView(View):
    """Slide a recall target; see the highest threshold that meets it, and who gets flagged."""

    def __init__(
        self,
        scores: Sequence[float] | None = None,
        truth: Sequence[bool] | None = None,
        seed: int = SEED,
        start: float = 0.8,
    ) -> None:
        self.scores, self.truth = _scores_and_truth(scores, truth, seed)
        start = float(round(start, 2))
        if start not in RECALL_TARGETS:
            raise ValueError(f"start must be one of {list(RECALL_TARGETS)}, got {start!r}")
        self.sweep: pd.DataFrame = threshold_sweep(self.scores, self.truth, THRESHOLDS)
        self.figure: Figure | None = None
        self.target = widgets.SelectionSlider(
            options=[(f"{t:.0%}", t) for t in RECALL_TARGETS],
            value=start,
            description="Share of real problems we must catch (recall target):",
            continuous_update=False,
            layout=WIDE,
            style=STYLE,
        )
        super().__init__([self.target])
        self.update()

    def update(self) -> None:
        target = float(self.target.value)
        o = outcome_for_recall(self.scores, self.truth, target)
        self.result = o
        self.readout.value = (
            f"<p>To catch at least <b>{target:.0%}</b> of real problems, flag every "
            f"application scoring <b>{o.threshold:.1%}</b> or more: <b>{o.correctly_flagged:,}"
            f"</b> of {o.correctly_flagged + o.missed:,} problems caught (recall "
            f"{o.recall:.1%}), and <b>{o.wrongly_flagged:,}</b> applications with no problem "
            f"checked too. In all, {o.flagged:,} of {o.n:,} ({o.flagged / o.n:.0%}) are "
            f"flagged.</p>"
        )
        self.figure = recall_target_dashboard(self.sweep, o, target)
        self._show(self.figure)
