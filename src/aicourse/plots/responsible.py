"""Charts for responsible AI at your desk: a fairness gap, the benefit of human review, and
customise, buy or build."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from aicourse.responsible import APPROACHES, ApproachAdvice, GroupGap
from aicourse.style import CYCLE, PALETTE, TEXT_COLOUR, course_style, figure_of, new_axes
from aicourse.validation import require_table

_HATCHES = ("", "//", "..", "xx")


def gap_chart(
    gap: GroupGap,
    ax: Axes | None = None,
    title: str = "Of the people with no problem,\nhow many were flagged anyway?",
) -> Figure:
    """One bar per group: its wrongly flagged rate, with the gap between highest and lowest.

    ``gap`` comes from :func:`aicourse.responsible.gap_from_counts` or
    :func:`aicourse.responsible.wrongly_flagged_gap`.
    """
    if not isinstance(gap, GroupGap):
        raise TypeError(f"expected a GroupGap from gap_from_counts, got {type(gap).__name__}")
    rates = gap.rates
    groups = list(rates)
    values = [100 * rates[g] for g in groups]
    with course_style():
        ax = new_axes(ax, figsize=(6.5, 4.2))
        bars = ax.bar(
            groups,
            values,
            width=0.55,
            color=[CYCLE[i % len(CYCLE)] for i in range(len(groups))],
            hatch=None,
            edgecolor="white",
        )
        for bar, hatch in zip(bars, _HATCHES * len(groups), strict=False):
            bar.set_hatch(hatch)
        ax.bar_label(bars, labels=[f"{v:.1f}%" for v in values], padding=3)
        hi, lo = 100 * rates[gap.highest], 100 * rates[gap.lowest]
        x = len(groups) - 0.5
        ax.annotate(
            "",
            xy=(x, hi),
            xytext=(x, lo),
            arrowprops={"arrowstyle": "<->", "color": TEXT_COLOUR, "linewidth": 1.5},
        )
        for group, level in ((gap.highest, hi), (gap.lowest, lo)):  # guides from the bar tops
            start = groups.index(group) + 0.3
            ax.hlines(level, start, x + 0.1, color=TEXT_COLOUR, linewidth=1, linestyle=":")
        ax.text(
            x + 0.08,
            (hi + lo) / 2,
            f"gap: {gap.gap_points:.1f}\npercentage\npoints",
            va="center",
            ha="left",
            fontsize=11,
        )
        ax.set_xlim(-0.6, len(groups) + 0.2)
        ax.set_ylim(0, max(1.3 * hi, 5))
        ax.yaxis.set_major_formatter(PercentFormatter(decimals=0))
        ax.set_xlabel("Group")
        ax.set_ylabel("Wrongly flagged rate")
        ax.set_title(title, fontsize=13)
        ax.grid(axis="x", visible=False)
        return figure_of(ax)


_SWEEP = {"threshold", "hours_saved", "hours_fixing", "net_hours", "by_person"}


def review_benefit_chart(
    sweep: pd.DataFrame, threshold: float | None = None, ax: Axes | None = None
) -> Figure:
    """Net staff hours saved a week at each confidence bar, and the hours spent fixing mistakes.

    ``sweep`` is a table from :func:`aicourse.responsible.review_sweep`. The leftmost point
    (a bar of 0) automates every message; ``threshold``, if given, is marked.
    """
    sweep = require_table("sweep", sweep, _SWEEP)
    with course_style():
        ax = new_axes(ax, figsize=(8.0, 4.2))
        x = sweep["threshold"].to_numpy(dtype=float)
        ax.plot(
            x,
            sweep["net_hours"],
            color=PALETTE["green"],
            marker="o",
            markersize=5,
            label="Net hours saved (saved minus fixing)",
        )
        ax.plot(
            x,
            sweep["hours_fixing"],
            color=PALETTE["vermillion"],
            linestyle="--",
            label="Hours spent fixing the model's mistakes",
        )
        first = sweep.iloc[0]
        ax.plot(
            [first["threshold"]],
            [first["net_hours"]],
            marker="s",
            markersize=10,
            linestyle="none",
            color=PALETTE["orange"],
            label=f"No review (model sorts all): {first['net_hours']:.0f} h",
            zorder=3,
        )
        if threshold is not None:
            ax.axvline(
                threshold,
                color=TEXT_COLOUR,
                linestyle=":",
                linewidth=1.5,
                label=f"Your setting: {threshold:.0%}",
            )
        top = float(np.nanmax(sweep[["net_hours", "hours_fixing"]].to_numpy(dtype=float)))
        ax.set_ylim(min(0.0, float(sweep["net_hours"].min()) * 1.1), max(1.0, 1.35 * top))
        ax.xaxis.set_major_formatter(PercentFormatter(1.0))
        ax.set_xlabel("Confidence needed before the model sorts a message on its own")
        ax.set_ylabel("Staff hours per week")
        ax.set_title("Does sending unsure messages to a person pay?")
        ax.legend(loc="upper left", fontsize=10, frameon=True, framealpha=0.9, edgecolor="white")
        return figure_of(ax)


def approach_chart(advice: ApproachAdvice, ax: Axes | None = None) -> Figure:
    """Points for customise, buy and build from a set of answers; the best fit stands out.

    ``advice`` comes from :func:`aicourse.responsible.suggest_approach`.
    """
    if not isinstance(advice, ApproachAdvice):
        raise TypeError(
            f"expected an ApproachAdvice from suggest_approach, got {type(advice).__name__}"
        )
    names = [a.capitalize() for a in APPROACHES]
    values = [advice.points[a] for a in APPROACHES]
    best = set(advice.best)
    colours = [PALETTE["green"] if a in best else PALETTE["sky"] for a in APPROACHES]
    with course_style():
        ax = new_axes(ax, figsize=(6.5, 3.2))
        bars = ax.barh(names, values, color=colours, edgecolor="white")
        for bar, a in zip(bars, APPROACHES, strict=True):
            bar.set_hatch("" if a in best else "//")
        ax.bar_label(
            bars,
            labels=[
                f"{v} point{'' if v == 1 else 's'}" + (" (best fit)" if a in best else "")
                for v, a in zip(values, APPROACHES, strict=True)
            ],
            padding=4,
        )
        ax.set_xlim(0, max(max(values), 1) * 1.6)
        ax.invert_yaxis()
        ax.set_xlabel("Points from your answers")
        ax.set_ylabel("Approach")
        if len(advice.best) == 1:
            ax.set_title(f"Best fit for your answers: {advice.best[0]}")
        else:
            ax.set_title(f"A tie for your answers: {' and '.join(advice.best)}")
        ax.grid(axis="y", visible=False)
        return figure_of(ax)
