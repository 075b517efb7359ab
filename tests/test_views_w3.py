"""Week 3 widget wiring without a browser: set each control, check ``result`` and ``readout``."""

from __future__ import annotations

import html
import re

import numpy as np
import pytest
from matplotlib.figure import Figure

from aicourse.decisions import ThresholdOutcome, threshold_for_recall
from aicourse.evaluation import (
    EXAMPLE_THRESHOLD,
    Metrics,
    RareProblemResult,
    metrics_at_threshold,
    rare_problem_comparison,
    standard_scores,
)
from aicourse.trees import DEPTHS, TreeResult, grow_tree
from aicourse.views.base import View
from aicourse.views.evaluation import (
    RECALL_TARGETS,
    THRESHOLDS,
    BaselineView,
    ConfusionView,
    RecallTargetView,
    TreeView,
)


def _text(view: View) -> str:
    """The readout as plain text (tags removed, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", "", view.readout.value))


@pytest.fixture(scope="module")
def scored() -> tuple[np.ndarray, np.ndarray]:
    return standard_scores()


@pytest.fixture(scope="module")
def tree_view() -> TreeView:
    return TreeView()


@pytest.fixture(scope="module")
def confusion_view() -> ConfusionView:
    return ConfusionView()


@pytest.fixture(scope="module")
def baseline_view() -> BaselineView:
    return BaselineView()


@pytest.fixture(scope="module")
def recall_view() -> RecallTargetView:
    return RecallTargetView()


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch, tree_view, confusion_view, baseline_view, recall_view):
    """Charts each view shows after a control changes (captured instead of displayed)."""
    charts: list[object] = []
    for view in (tree_view, confusion_view, baseline_view, recall_view):
        monkeypatch.setattr(view, "_show", charts.append)
    return charts


def test_every_control_has_a_description(tree_view, confusion_view, baseline_view, recall_view):
    for view in (tree_view, confusion_view, baseline_view, recall_view):
        assert view.controls
        for control in view.controls:
            assert control.description.strip(), (type(view).__name__, control)
            assert control.continuous_update is False
        assert view.readout in view.widget.children
        assert "application/vnd.jupyter.widget-view+json" in view._repr_mimebundle_()


# --- TreeView ---------------------------------------------------------------------------------


def test_tree_view_starts_in_the_middle_and_shows_a_tree(tree_view):
    assert isinstance(tree_view.result, TreeResult)
    assert tree_view.depth.value == 3 and tree_view.result.depth == 3
    assert isinstance(tree_view.figure, Figure)
    assert (tree_view.depth.min, tree_view.depth.max) == (DEPTHS[0], DEPTHS[-1])


@pytest.mark.parametrize("depth", DEPTHS)
def test_tree_view_depth_changes_tree_and_readout(tree_view, shown, depth):
    other = DEPTHS[0] if depth != DEPTHS[0] else DEPTHS[-1]
    tree_view.depth.value = other
    tree_view.depth.value = depth
    r = tree_view.result
    expected = grow_tree(depth)
    assert r.depth == depth and r.test_metrics == expected.test_metrics
    text = _text(tree_view)
    assert f"Up to {depth} question" in text
    assert f"{r.test_metrics.accuracy:.1%}" in text
    assert f"flags {r.test_metrics.flagged:,}" in text
    assert f"{r.leaves} final group" in text
    assert isinstance(shown[-1], Figure) and shown[-1] is tree_view.figure


def test_tree_view_bad_start():
    with pytest.raises(ValueError, match="start must be one of the depths"):
        TreeView(depths=(1, 2), start=3)
    with pytest.raises(ValueError, match="at least one depth"):
        TreeView(depths=())


# --- ConfusionView ----------------------------------------------------------------------------


def test_confusion_view_threshold_changes_counts_and_measures(confusion_view, shown, scored):
    assert confusion_view.threshold.value == 0.5
    for threshold in (0.2, 0.35, 0.8):
        confusion_view.threshold.value = threshold
        m = confusion_view.result
        assert isinstance(m, Metrics)
        assert m == metrics_at_threshold(*scored, threshold)
        text = _text(confusion_view)
        assert f"At {threshold:.0%}" in text
        assert f"{m.flagged:,} flagged" in text
        assert f"recall {m.recall:.1%}" in text and f"accuracy {m.accuracy:.1%}" in text.lower()
        assert isinstance(shown[-1], Figure)
    low, high = metrics_at_threshold(*scored, 0.2), metrics_at_threshold(*scored, 0.8)
    assert low.recall > high.recall and low.flagged > high.flagged


def test_confusion_view_says_when_nothing_is_flagged():
    view = ConfusionView(scores=[0.1, 0.2, 0.3], truth=[True, False, False], start=0.9)
    assert view.result.flagged == 0
    assert "none flagged" in _text(view)


def test_confusion_view_with_own_scores_and_bad_input():
    view = ConfusionView(scores=[0.9, 0.2, 0.6, 0.1], truth=[1, 0, 0, 1], start=0.5)
    assert view.result == Metrics(1, 1, 1, 1)
    with pytest.raises(ValueError, match="both scores and truth"):
        ConfusionView(scores=[0.5, 0.6])
    with pytest.raises(ValueError, match="between 0 and 1"):
        ConfusionView(scores=[1.5, 0.2], truth=[True, False])


# --- BaselineView -----------------------------------------------------------------------------


def test_baseline_view_prevalence_changes_the_comparison(baseline_view, shown, scored):
    assert baseline_view.prevalence.value == 0.05
    for p in (0.01, 0.2, 0.5):
        baseline_view.prevalence.value = p
        r = baseline_view.result
        assert isinstance(r, RareProblemResult) and r.prevalence == p
        expected = rare_problem_comparison(*scored, p, EXAMPLE_THRESHOLD)
        assert r.model == expected.model and r.baseline == expected.baseline
        text = _text(baseline_view)
        assert f"right {r.baseline.accuracy:.1%} of the time and catches none" in text
        assert f"right {r.model.accuracy:.1%} of the time" in text
        assert isinstance(shown[-1], Figure)


def test_baseline_view_bad_start():
    with pytest.raises(ValueError, match="whole percentage"):
        BaselineView(start=0.75)


# --- RecallTargetView -------------------------------------------------------------------------


def test_recall_view_target_changes_the_threshold(recall_view, shown, scored):
    assert recall_view.target.value == 0.8
    thresholds = []
    for target in (0.5, 0.7, 0.95):
        recall_view.target.value = target
        o = recall_view.result
        assert isinstance(o, ThresholdOutcome)
        assert o.threshold == threshold_for_recall(*scored, target)
        assert o.recall >= target
        text = _text(recall_view)
        assert f"at least {target:.0%}" in text and f"{o.threshold:.1%}" in text
        assert f"{o.wrongly_flagged:,} applications with no problem" in text
        assert isinstance(shown[-1], Figure)
        thresholds.append(o.threshold)
    assert thresholds == sorted(thresholds, reverse=True)  # a higher target needs a lower one


def test_recall_view_options_and_bad_start():
    assert RECALL_TARGETS[0] == 0.5 and RECALL_TARGETS[-1] == 0.95
    assert THRESHOLDS[0] == 0.01 and THRESHOLDS[-1] == 0.95
    with pytest.raises(ValueError, match="start must be one of"):
        RecallTargetView(start=0.82)
