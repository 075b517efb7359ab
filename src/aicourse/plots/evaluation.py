"""Charts for "how we know a model works": a decision tree, the confusion table, baselines.

Each chart takes ``ax=None`` (or draws a figure of its own when it has two panels), draws
in the course style, labels everything and returns the matplotlib ``Figure``.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from aicourse.decisions import ThresholdOutcome
from aicourse.evaluation import Metrics
from aicourse.plots.decisions import outcome_bars, threshold_chart
from aicourse.plots.text import confusion_heatmap
from aicourse.style import PALETTE, TEXT_COLOUR, course_style, figure_of, new_axes, new_figure
from aicourse.trees import FLAG, TreeNode, TreeResult, tree_layout

#: Fill and edge colours of the tree's boxes: questions, leaves that flag, leaves that don't.
_QUESTION_FILL = "#FFFFFF"
_FLAG_FILL = "#F7D9C4"  # vermillion at about a quarter strength, on white
_CLEAR_FILL = "#D6E6F2"  # blue at about a sixth strength, on white
#: Extra room (in columns) between the last questions and the leaves.
_LEAF_GAP = 0.35


def _check_metrics(metrics: object) -> Metrics:
    if not isinstance(metrics, Metrics):
        raise TypeError(
            f"expected Metrics (from aicourse.evaluation), got {type(metrics).__name__}"
        )
    return metrics


# --- the decision tree -----------------------------------------------------------------------


def _box_text(node: TreeNode, wrap: int) -> str:
    """What one box of the tree says: a question and its count, or a leaf's decision."""
    if node.is_leaf:
        return f"{node.decision}\n{node.problems:,} of {node.applications:,} had a problem"
    return f"{textwrap.fill(node.question or '', wrap)}\n({node.applications:,} applications)"


def tree_chart(result: TreeResult, ax: Axes | None = None, title: str | None = None) -> Figure:
    """Draw a decision tree from left to right: questions, yes/no branches, and leaves.

    Each question box shows how many training applications reached it; each leaf shows
    its decision ("Flag for a check" in orange-red, "No check" in blue) and how many of
    its training applications had a problem. ``result`` comes from
    :func:`aicourse.trees.grow_tree`.
    """
    if not isinstance(result, TreeResult):
        raise TypeError(f"expected a TreeResult from grow_tree, got {type(result).__name__}")
    nodes = {node.node_id: node for node in result.nodes}
    where = tree_layout(result.nodes)
    rows = max(r for _c, r in where.values()) + 1
    columns = max(c for c, _r in where.values()) + 1
    if columns > 1:  # move the leaves a little further right, to leave room for yes/no
        where = {i: (c + _LEAF_GAP if nodes[i].is_leaf else c, r) for i, (c, r) in where.items()}
    fontsize = 9.5 if rows > 8 else 11
    wrap = 24 if columns >= 4 else 30
    texts = {i: _box_text(node, wrap) for i, node in nodes.items()}
    x_low, x_high = -0.62, columns - 0.38 + (_LEAF_GAP if columns > 1 else 0.0)
    width = 11.0
    # Half the width of each box, in columns, from its longest line (an estimate: the
    # average letter is about 0.58 of the font size wide, plus the box's padding).
    per_column = 0.93 * width / (x_high - x_low)  # inches per column
    half = {
        i: (max(len(line) for line in text.splitlines()) * 0.58 + 0.8)
        * fontsize
        / 72
        / 2
        / per_column
        for i, text in texts.items()
    }
    with course_style():
        ax = new_axes(ax, figsize=(width, max(3.4, 0.58 * rows + 1.6)))
        for node in nodes.values():
            if node.is_leaf or node.yes is None or node.no is None:
                continue
            x0, y0 = where[node.node_id]
            for child, word in ((node.yes, "yes"), (node.no, "no")):
                x1, y1 = where[child]
                ax.plot([x0, x1], [y0, y1], color=TEXT_COLOUR, linewidth=1.2, zorder=1)
                # Label the branch halfway along the part between the two boxes.
                start, end = half[node.node_id], (x1 - x0) - half[child]
                along = (start + max(end - start, 0.0) / 2) / (x1 - x0)
                ax.text(
                    x0 + along * (x1 - x0),
                    y0 + along * (y1 - y0),
                    word,
                    ha="center",
                    va="center",
                    fontsize=fontsize - 1,
                    style="italic",
                    bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"},
                    zorder=3,
                )
        for i, node in nodes.items():
            x, y = where[i]
            if node.is_leaf:
                flag = node.decision == FLAG
                fill, edge = (
                    (_FLAG_FILL, PALETTE["vermillion"]) if flag else (_CLEAR_FILL, PALETTE["blue"])
                )
            else:
                fill, edge = _QUESTION_FILL, TEXT_COLOUR
            ax.text(
                x,
                y,
                texts[i],
                ha="center",
                va="center",
                fontsize=fontsize,
                fontweight="bold" if node.is_leaf else "normal",
                linespacing=1.25,
                bbox={
                    "boxstyle": "round,pad=0.4",
                    "facecolor": fill,
                    "edgecolor": edge,
                    "linewidth": 1.6 if node.is_leaf else 1.0,
                },
                zorder=4,
            )
        ax.set_xlim(x_low, x_high)
        ax.set_ylim(rows - 0.45, -0.55)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.grid(visible=False)
        for side in ("left", "bottom"):
            ax.spines[side].set_visible(False)
        ax.set_xlabel(
            "An application starts at the first question (left) and follows its answers "
            "to a final group (right)",
            fontsize=11,
        )
        ax.set_ylabel("Final groups (leaves)", fontsize=11)
        m = result.test_metrics
        ax.set_title(
            title
            or (
                f"A tree that asks up to {result.depth} question"
                f"{'' if result.depth == 1 else 's'}: right about {m.accuracy:.1%} "
                "of test applications"
            )
        )
        return figure_of(ax)


# --- the confusion table and three measures ---------------------------------------------------

_COUNT_NAMES = (("Correctly flagged", "Missed"), ("Wrongly flagged", "Correctly cleared"))


def metric_bars(metrics: Metrics, ax: Axes | None = None, title: str | None = None) -> Figure:
    """Bars of accuracy, precision and recall (as percentages) for one set of decisions.

    A measure that cannot be worked out (precision when nothing is flagged) is drawn as an
    empty bar labelled "none flagged".
    """
    m = _check_metrics(metrics)
    names = [
        "Accuracy\n(decisions that were right)",
        "Precision\n(flags that found a problem)",
        "Recall\n(problems that were flagged)",
    ]
    values = [m.accuracy, m.precision, m.recall]
    colours = [PALETTE["blue"], PALETTE["orange"], PALETTE["green"]]
    with course_style():
        ax = new_axes(ax, figsize=(6.5, 3.6))
        shown = [0.0 if np.isnan(v) else 100 * v for v in values]
        bars = ax.barh(names, shown, color=colours)
        for bar, hatch in zip(bars, ("", "//", ".."), strict=True):
            bar.set_hatch(hatch)
            bar.set_edgecolor("white")
        labels = ["none flagged" if np.isnan(v) else f"{100 * v:.1f}%" for v in values]
        ax.bar_label(bars, labels=labels, padding=4, fontsize=11)
        ax.set_xlim(0, 118)
        ax.xaxis.set_major_formatter(PercentFormatter())
        ax.invert_yaxis()
        ax.tick_params(axis="y", labelsize=10)
        ax.set_xlabel("Per cent")
        ax.set_title(title or "Three ways to score the same decisions")
        ax.grid(axis="y", visible=False)
        return figure_of(ax)


def confusion_chart(metrics: Metrics, ax: Axes | None = None, title: str | None = None) -> Figure:
    """The four counts as a 2 x 2 table: what was really true (rows) by what was decided.

    Draws :func:`aicourse.plots.text.confusion_heatmap` and names each cell in plain words.
    """
    m = _check_metrics(metrics)
    table = m.table()
    with course_style():
        ax = new_axes(ax, figsize=(6.0, 4.6))
        confusion_heatmap(table, ax=ax, title=title or "Who was flagged, and who had a problem")
        values = table.to_numpy()
        for text in ax.texts:  # the counts the heat map wrote: make them larger and lift them
            text.set_fontsize(15)
            text.set_fontweight("bold")
            x, y = text.get_position()
            text.set_position((x, y - 0.12))
        middle = values.max() / 2 if values.size else 0
        for (r, c), v in np.ndenumerate(values):
            ax.text(
                c,
                r + 0.2,
                _COUNT_NAMES[r][c],
                ha="center",
                va="center",
                fontsize=10,
                color="black" if v > middle else "white",
            )
        ax.set_xticks([0, 1], list(table.columns), rotation=0, ha="center", fontsize=11)
        ax.set_yticks([0, 1], list(table.index), fontsize=11)
        ax.set_xlabel("What was decided")
        ax.set_ylabel("What was really true")
        return figure_of(ax)


def confusion_dashboard(metrics: Metrics, threshold: float | None = None) -> Figure:
    """Two charts side by side: the confusion table, and accuracy, precision and recall."""
    m = _check_metrics(metrics)
    heading = "" if threshold is None else f" at a threshold of {threshold:.0%}"
    with course_style():
        fig = new_figure((12.0, 4.4))
        left, right = fig.subplots(1, 2, width_ratios=[1.0, 1.15])
        confusion_chart(m, ax=left, title=f"The four counts{heading}")
        metric_bars(m, ax=right)
        return fig


# --- rare problems and the baseline ----------------------------------------------------------

_SWEEP_COLUMNS = ("prevalence", "baseline_accuracy", "model_accuracy", "model_recall")


def baseline_chart(
    sweep: pd.DataFrame, prevalence: float | None = None, ax: Axes | None = None
) -> Figure:
    """As problems get rarer, flagging nobody looks more accurate but still catches none.

    ``sweep`` is a table from :func:`aicourse.evaluation.imbalance_sweep`; ``prevalence``
    (optional) is marked with a dotted line.
    """
    if not isinstance(sweep, pd.DataFrame):
        raise TypeError(f"expected a table from imbalance_sweep, got {type(sweep).__name__}")
    missing = [c for c in _SWEEP_COLUMNS if c not in sweep.columns]
    if missing or sweep.empty:
        raise ValueError(f"expected a non-empty table from imbalance_sweep; missing {missing}")
    x = sweep["prevalence"].to_numpy(dtype=float)
    with course_style():
        ax = new_axes(ax, figsize=(8.5, 5.4))
        ax.plot(
            x,
            100 * sweep["baseline_accuracy"],
            color=PALETTE["vermillion"],
            linestyle="--",
            label="Flagging nobody: accuracy",
        )
        ax.plot(
            x,
            np.zeros_like(x),
            color=PALETTE["vermillion"],
            linestyle=":",
            linewidth=3,
            label="Flagging nobody: problems caught (recall)",
        )
        ax.plot(x, 100 * sweep["model_accuracy"], color=PALETTE["blue"], label="Model: accuracy")
        ax.plot(
            x,
            100 * sweep["model_recall"],
            color=PALETTE["green"],
            linestyle="-.",
            label="Model: problems caught (recall)",
        )
        if prevalence is not None:
            ax.axvline(
                prevalence,
                color=TEXT_COLOUR,
                linewidth=1.5,
                linestyle=":",
                label=f"Your setting: {prevalence:.0%} have a problem",
            )
        ax.set_xlim(0, float(x.max()) + 0.01)
        ax.set_ylim(-3, 103)
        ax.xaxis.set_major_formatter(PercentFormatter(1.0))
        ax.yaxis.set_major_formatter(PercentFormatter())
        ax.set_xlabel("Share of applications that really have a problem")
        ax.set_ylabel("Per cent")
        ax.set_title("The rarer the problem, the better doing nothing looks")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.17), ncols=2, fontsize=10)
        return figure_of(ax)


# --- choosing a threshold for a recall target -------------------------------------------------


def recall_target_dashboard(
    sweep: pd.DataFrame, outcome: ThresholdOutcome, target_recall: float
) -> Figure:
    """Two charts side by side for a recall target: the two harms, and the counts there.

    Reuses :func:`aicourse.plots.decisions.threshold_chart` (``sweep`` is a table from
    ``decisions.threshold_sweep``) and :func:`aicourse.plots.decisions.outcome_bars`.
    """
    if not isinstance(outcome, ThresholdOutcome):
        raise TypeError(f"expected a ThresholdOutcome, got {type(outcome).__name__}")
    if isinstance(target_recall, bool) or not isinstance(target_recall, (int, float)):
        raise TypeError(f"target_recall must be a number, got {target_recall!r}")
    with course_style():
        fig = new_figure((12.5, 4.4))
        left, right = fig.subplots(1, 2)
        threshold_chart(sweep, outcome.threshold, ax=left)
        outcome_bars(outcome, ax=right)
        fig.suptitle(
            f"To catch at least {target_recall:.0%} of real problems, "
            f"flag every application scoring {outcome.threshold:.1%} or more",
            fontsize=14,
            fontweight="bold",
        )
        return fig
