"""Charts for sorting messages: accuracy, confusion tables, learning curves, time saved."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from aicourse.style import CYCLE, PALETTE, SEQUENTIAL_CMAP, course_style, figure_of, new_axes


def accuracy_bars(
    accuracies: dict[str, float],
    ax: Axes | None = None,
    title: str = "Share of test messages sorted correctly",
) -> Figure:
    """Bar chart of accuracy (0 to 1) per method, with the value written on each bar."""
    if not accuracies:
        raise ValueError("give at least one method and its accuracy")
    with course_style():
        ax = new_axes(ax, figsize=(6.5, 3.6))
        names = list(accuracies)
        values = [100 * accuracies[n] for n in names]
        bars = ax.barh(names, values, color=CYCLE[: len(names)])
        ax.bar_label(bars, labels=[f"{v:.1f}%" for v in values], padding=4)
        ax.set_xlim(0, 110)
        ax.xaxis.set_major_formatter(PercentFormatter())
        ax.invert_yaxis()
        ax.set_xlabel("Accuracy on messages neither method had seen")
        ax.set_title(title)
        ax.grid(axis="y", visible=False)
        return figure_of(ax)


def confusion_heatmap(
    confusion: pd.DataFrame, ax: Axes | None = None, title: str = "Where the messages went"
) -> Figure:
    """Heat map of a confusion table (rows: true category, columns: predicted), with counts."""
    with course_style():
        ax = new_axes(ax, figsize=(7.5, 5.2))
        values = confusion.to_numpy()
        ax.imshow(values, cmap=SEQUENTIAL_CMAP)
        ax.grid(visible=False)
        ticks = np.arange(len(confusion.columns))
        ax.set_xticks(
            ticks,
            [str(c) for c in confusion.columns],
            fontsize=10,
            rotation=30,
            ha="right",
            rotation_mode="anchor",
        )
        ax.set_yticks(
            np.arange(len(confusion.index)), [str(i) for i in confusion.index], fontsize=10
        )
        threshold = values.max() / 2 if values.size else 0
        for (r, c), v in np.ndenumerate(values):
            colour = "black" if v > threshold else "white"
            ax.text(c, r, str(v), ha="center", va="center", color=colour, fontsize=11)
        ax.set_xlabel("Category it was sorted into")
        ax.set_ylabel("True category")
        ax.set_title(title)
        return figure_of(ax)


def learning_curve_plot(
    curve: pd.DataFrame,
    highlight: int | None = None,
    ax: Axes | None = None,
    baseline: float | None = None,
) -> Figure:
    """Accuracy against number of training examples; optionally mark one size and a baseline."""
    with course_style():
        ax = new_axes(ax)
        ax.plot(
            curve["n_train"],
            100 * curve["accuracy"],
            marker="o",
            color=PALETTE["blue"],
            label="Learned model",
        )
        if baseline is not None:
            ax.axhline(
                100 * baseline, color=PALETTE["vermillion"], linestyle="--", label="Keyword rule"
            )
        if highlight is not None:
            row = curve.loc[curve["n_train"] == highlight]
            if row.empty:
                raise ValueError(f"{highlight} is not one of the sizes on the curve")
            acc = 100 * float(row["accuracy"].iloc[0])
            ax.plot(
                [highlight],
                [acc],
                marker="o",
                markersize=14,
                color=PALETTE["orange"],
                zorder=3,
                label=f"{highlight} examples: {acc:.1f}%",
            )
        ax.set_xscale("log")
        ax.set_xticks(list(curve["n_train"]), [f"{n:,}" for n in curve["n_train"]])
        ax.minorticks_off()
        ax.set_ylim(0, 100)
        ax.yaxis.set_major_formatter(PercentFormatter())
        ax.set_xlabel("Number of training examples (spread out so small numbers are visible)")
        ax.set_ylabel("Accuracy on test messages")
        ax.set_title("More examples help, up to a point")
        ax.legend(loc="lower right")
        return figure_of(ax)


def benefit_bars(hours_saved: float, hours_fixing: float, ax: Axes | None = None) -> Figure:
    """Hours saved, hours spent fixing mistakes, and the net, per week."""
    with course_style():
        ax = new_axes(ax, figsize=(6.5, 3.4))
        net = hours_saved - hours_fixing
        labels = ["Time saved sorting", "Time fixing mistakes", "Net time saved"]
        values = [hours_saved, -hours_fixing, net]
        colours = [
            PALETTE["blue"],
            PALETTE["vermillion"],
            PALETTE["green"] if net >= 0 else PALETTE["vermillion"],
        ]
        bars = ax.barh(labels, values, color=colours)
        ax.bar_label(bars, labels=[f"{v:+,.0f} h" for v in values], padding=4)
        span = max(abs(v) for v in values) or 1.0
        ax.set_xlim(-1.35 * span, 1.35 * span)
        ax.axvline(0, color="#333333", linewidth=1)
        ax.invert_yaxis()
        ax.set_xlabel("Staff hours per week")
        ax.set_title("Does automatic sorting save time?")
        ax.grid(axis="y", visible=False)
        return figure_of(ax)


def confidence_chart(
    sweep: pd.DataFrame, threshold: float | None = None, ax: Axes | None = None
) -> Figure:
    """As the confidence bar rises: share of messages automated, and how accurate they are."""
    with course_style():
        ax = new_axes(ax)
        ax.plot(
            sweep["threshold"],
            100 * sweep["accuracy_automatic"],
            color=PALETTE["blue"],
            label="Accuracy of the automatically sorted messages",
        )
        ax.plot(
            sweep["threshold"],
            100 * sweep["share_automatic"],
            color=PALETTE["orange"],
            linestyle="--",
            label="Share of messages sorted automatically",
        )
        if threshold is not None:
            ax.axvline(
                threshold,
                color=PALETTE["vermillion"],
                linewidth=1.5,
                linestyle=":",
                label=f"Your setting: {threshold:.0%}",
            )
        ax.set_ylim(0, 105)
        ax.yaxis.set_major_formatter(PercentFormatter())
        ax.xaxis.set_major_formatter(PercentFormatter(1.0))
        ax.set_xlabel("Confidence needed before the model sorts a message on its own")
        ax.set_ylabel("Per cent")
        ax.set_title("Confident predictions are more often right")
        ax.legend(loc="lower left")
        return figure_of(ax)
