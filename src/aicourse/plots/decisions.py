"""Charts for deciding well: thresholds and their costs, error rates by group, explanations."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, PercentFormatter

from aicourse.decisions import Explanation, ThresholdOutcome
from aicourse.style import (
    CYCLE,
    PALETTE,
    TEXT_COLOUR,
    course_style,
    figure_of,
    new_axes,
    new_figure,
)

_SWEEP_COLUMNS = ("threshold", "wrongly_flagged", "missed", "total_cost")
_DOLLARS = FuncFormatter(lambda v, _pos: f"${v:,.0f}")


def _check_sweep(sweep: pd.DataFrame) -> None:
    if not isinstance(sweep, pd.DataFrame):
        raise TypeError(f"expected a table from threshold_sweep, got {type(sweep).__name__}")
    missing = [c for c in _SWEEP_COLUMNS if c not in sweep.columns]
    if missing or sweep.empty:
        raise ValueError(f"expected a non-empty table from threshold_sweep; missing {missing}")


def _mark_threshold(ax: Axes, threshold: float | None) -> None:
    if threshold is not None:
        ax.axvline(
            threshold,
            color=TEXT_COLOUR,
            linewidth=1.5,
            linestyle=":",
            label=f"Your threshold: {threshold:.0%}",
        )


def threshold_chart(
    sweep: pd.DataFrame, threshold: float | None = None, ax: Axes | None = None
) -> Figure:
    """As the threshold rises: fewer people wrongly flagged, more problems missed.

    ``sweep`` is a table from :func:`aicourse.decisions.threshold_sweep`; ``threshold``
    (optional) is marked with a dotted line.
    """
    _check_sweep(sweep)
    with course_style():
        ax = new_axes(ax)
        ax.plot(
            sweep["threshold"],
            sweep["wrongly_flagged"],
            color=PALETTE["vermillion"],
            label="Wrongly flagged (no problem)",
        )
        ax.plot(
            sweep["threshold"],
            sweep["missed"],
            color=PALETTE["blue"],
            linestyle="--",
            label="Problems missed",
        )
        _mark_threshold(ax, threshold)
        ax.set_ylim(bottom=0)
        ax.xaxis.set_major_formatter(PercentFormatter(1.0))
        ax.set_xlabel("Threshold: risk score needed before a check")
        ax.set_ylabel("Number of applications")
        ax.set_title("The threshold trades one harm for another")
        ax.legend(loc="upper right", fontsize=10, frameon=True, framealpha=0.9, edgecolor="white")
        return figure_of(ax)


def cost_chart(
    sweep: pd.DataFrame, threshold: float | None = None, ax: Axes | None = None
) -> Figure:
    """Total cost of wrong flags and missed problems at each threshold, cheapest marked."""
    _check_sweep(sweep)
    with course_style():
        ax = new_axes(ax)
        ax.plot(sweep["threshold"], sweep["total_cost"], color=PALETTE["purple"], label="Total")
        best = sweep.loc[sweep["total_cost"].idxmin()]
        ax.plot(
            [best["threshold"]],
            [best["total_cost"]],
            marker="o",
            markersize=11,
            linestyle="none",
            color=PALETTE["green"],
            label=f"Cheapest: {best['threshold']:.0%}",
            zorder=3,
        )
        _mark_threshold(ax, threshold)
        ax.set_ylim(bottom=0)
        ax.xaxis.set_major_formatter(PercentFormatter(1.0))
        ax.yaxis.set_major_formatter(_DOLLARS)
        ax.set_xlabel("Threshold: risk score needed before a check")
        ax.set_ylabel("Cost of wrong flags and misses")
        ax.set_title("What each threshold costs")
        ax.legend(loc="lower right", fontsize=10, frameon=True, framealpha=0.9, edgecolor="white")
        return figure_of(ax)


def threshold_dashboard(sweep: pd.DataFrame, outcome: ThresholdOutcome) -> Figure:
    """Two charts side by side: the two harms, and their cost, with ``outcome``'s threshold."""
    if not isinstance(outcome, ThresholdOutcome):
        raise TypeError(f"expected a ThresholdOutcome, got {type(outcome).__name__}")
    with course_style():
        fig = new_figure((12.0, 4.2))
        left, right = fig.subplots(1, 2)
        threshold_chart(sweep, outcome.threshold, ax=left)
        cost_chart(sweep, outcome.threshold, ax=right)
        return fig


def outcome_bars(outcome: ThresholdOutcome, ax: Axes | None = None) -> Figure:
    """Counts at one threshold: correctly flagged, wrongly flagged, missed, correctly cleared."""
    if not isinstance(outcome, ThresholdOutcome):
        raise TypeError(f"expected a ThresholdOutcome, got {type(outcome).__name__}")
    labels = [
        "Flagged, had a problem",
        "Flagged, no problem",
        "Not flagged, had a problem",
        "Not flagged, no problem",
    ]
    values = [
        outcome.correctly_flagged,
        outcome.wrongly_flagged,
        outcome.missed,
        outcome.correctly_cleared,
    ]
    colours = [PALETTE["green"], PALETTE["vermillion"], PALETTE["orange"], PALETTE["sky"]]
    with course_style():
        ax = new_axes(ax, figsize=(7.0, 3.6))
        bars = ax.barh(labels, values, color=colours)
        ax.bar_label(bars, labels=[f"{v:,}" for v in values], padding=4)
        ax.set_xlim(0, 1.15 * max(max(values), 1))
        ax.invert_yaxis()
        ax.set_xlabel("Number of applications")
        ax.set_title(f"What happens at a threshold of {outcome.threshold:.0%}")
        ax.grid(axis="y", visible=False)
        return figure_of(ax)


_RATES = ("selection_rate", "false_positive_rate", "false_negative_rate")
_RATE_NAMES = (
    "Flagged",
    "Wrongly flagged\n(of those with no problem)",
    "Missed\n(of real problems)",
)


def group_rates_chart(
    table: pd.DataFrame,
    ax: Axes | None = None,
    title: str = "How each group is treated",
) -> Figure:
    """Side-by-side bars per group: share flagged, false positive rate, false negative rate.

    ``table`` is a table from :func:`aicourse.decisions.group_table`.
    """
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"expected a table from group_table, got {type(table).__name__}")
    missing = [c for c in _RATES if c not in table.columns]
    if missing or table.empty:
        raise ValueError(f"expected a non-empty table from group_table; missing {missing}")
    groups = [str(g) for g in table.index]
    with course_style():
        ax = new_axes(ax, figsize=(8.0, 4.2))
        x = np.arange(len(_RATES))
        width = 0.8 / len(groups)
        for i, group in enumerate(groups):
            values = 100 * table.loc[group, list(_RATES)].to_numpy(dtype=float)
            bars = ax.bar(
                x + (i - (len(groups) - 1) / 2) * width,
                values,
                width,
                color=CYCLE[i % len(CYCLE)],
                label=group,
                hatch=["", "//", "..", "xx"][i % 4],
                edgecolor="white",
            )
            ax.bar_label(bars, labels=[f"{v:.0f}%" for v in values], padding=2, fontsize=10)
        ax.set_xticks(x, _RATE_NAMES, fontsize=10)
        ax.set_ylim(0, 105)
        ax.yaxis.set_major_formatter(PercentFormatter())
        ax.set_xlabel("Measured against what was really true")
        ax.set_ylabel("Share of the group's applications")
        ax.set_title(title)
        ax.legend(loc="upper right")
        ax.grid(axis="x", visible=False)
        return figure_of(ax)


def importance_chart(
    importance: pd.DataFrame,
    ax: Axes | None = None,
    title: str = "Which inputs the model relies on",
) -> Figure:
    """Horizontal bars of each input's importance, from :func:`feature_importance`."""
    if not isinstance(importance, pd.DataFrame):
        raise TypeError(
            f"expected a table from feature_importance, got {type(importance).__name__}"
        )
    if importance.empty or not {"input", "importance"} <= set(importance.columns):
        raise ValueError("expected a non-empty table with 'input' and 'importance' columns")
    with course_style():
        ax = new_axes(ax, figsize=(7.5, 0.45 * len(importance) + 1.6))
        values = importance["importance"].to_numpy(dtype=float)
        errors = importance["spread"].to_numpy(dtype=float) if "spread" in importance else None
        ax.barh(
            list(importance["input"]),
            values,
            xerr=errors,
            color=PALETTE["blue"],
            ecolor=TEXT_COLOUR,
            capsize=3,
        )
        ax.axvline(0, color=TEXT_COLOUR, linewidth=1)
        ax.invert_yaxis()
        ax.set_xlabel("Drop in ranking quality when this input is shuffled")
        ax.set_ylabel("Input")
        ax.set_title(title)
        ax.grid(axis="y", visible=False)
        return figure_of(ax)


def explanation_chart(explanation: Explanation, ax: Axes | None = None) -> Figure:
    """One applicant: how far each input pushes their score up or down from the average."""
    if not isinstance(explanation, Explanation):
        raise TypeError(
            f"expected an Explanation from explain_one, got {type(explanation).__name__}"
        )
    table = explanation.table
    labels = [f"{i}: {v}" for i, v in zip(table["input"], table["value"], strict=True)]
    values = table["contribution"].to_numpy(dtype=float)
    colours = [PALETTE["vermillion"] if v > 0 else PALETTE["blue"] for v in values]
    who = (
        f"Applicant {explanation.application_id}"
        if explanation.application_id is not None
        else "This applicant"
    )
    with course_style():
        ax = new_axes(ax, figsize=(8.0, 0.45 * len(table) + 1.8))
        bars = ax.barh(labels, values, color=colours)
        for bar, v in zip(bars, values, strict=True):
            bar.set_hatch("" if v > 0 else "//")
            bar.set_edgecolor("white")
        ax.axvline(0, color=TEXT_COLOUR, linewidth=1)
        span = max(float(np.abs(values).max()), 0.1)
        ax.set_xlim(-1.15 * span, 1.15 * span)
        ax.invert_yaxis()
        ax.set_xlabel("Push on the risk score (left lowers it, right raises it)")
        ax.set_ylabel("Input and this person's value")
        ax.set_title(
            f"{who}: risk score {explanation.probability:.0%}\n"
            f"(an average applicant scores {explanation.baseline_probability:.0%})",
            fontsize=13,
        )
        ax.legend(
            handles=[
                Patch(facecolor=PALETTE["vermillion"], label="Raises risk"),
                Patch(
                    facecolor=PALETTE["blue"], hatch="//", edgecolor="white", label="Lowers risk"
                ),
            ],
            loc="lower right",
            fontsize=10,
        )
        ax.grid(axis="y", visible=False)
        return figure_of(ax)
