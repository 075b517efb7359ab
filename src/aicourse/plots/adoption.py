"""Charts for leading AI adoption: demand and drift, monitoring, portfolio, business case, risk."""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import PercentFormatter

from aicourse.data.use_cases import KINDS
from aicourse.risk import IMPACTS, LEVELS, LIKELIHOODS, rate_risk, risk_level
from aicourse.style import PALETTE, TEXT_COLOUR, course_style, figure_of, new_axes
from aicourse.validation import require_table

#: Colour for each kind of automation (colour-blind-safe; markers differ too on the map).
KIND_COLOURS: dict[str, str] = {
    "rules": PALETTE["green"],
    "machine learning": PALETTE["blue"],
    "generative AI": PALETTE["orange"],
}
_KIND_MARKERS: dict[str, str] = {"rules": "s", "machine learning": "o", "generative AI": "^"}

#: Fill colour and text colour for each risk level. Sky, yellow and vermillion stay distinct
#: for the common kinds of colour blindness, and each cell also says its level in words. Text
#: contrast is at least 5.4:1 (WCAG AA): dark grey on sky and yellow, black on vermillion.
LEVEL_COLOURS: dict[str, tuple[str, str]] = {
    "Low": (PALETTE["sky"], TEXT_COLOUR),
    "Medium": (PALETTE["yellow"], TEXT_COLOUR),
    "High": (PALETTE["vermillion"], "black"),
}

_SHADE = "#EEEEEE"


def _kind_label(kind: str) -> str:
    """A kind of automation with a capital first letter, for a legend ("Generative AI")."""
    return kind[:1].upper() + kind[1:]


def _mark_change(ax: Axes, change_week: int | None) -> None:
    """A dotted vertical line at the policy change, labelled for the legend."""
    if change_week is not None:
        ax.axvline(
            change_week,
            color=PALETTE["purple"],
            linestyle=":",
            linewidth=2.5,
            label=f"Eligibility widened (week {change_week})",
        )


def demand_chart(
    errors: pd.DataFrame,
    change_week: int | None = None,
    ax: Axes | None = None,
    title: str = "The forecast was good until the rules changed",
) -> Figure:
    """Applications each week against the forecast, with the training weeks shaded.

    ``errors`` is a table from ``aicourse.drift.forecast_errors``; ``change_week``, if given,
    is marked with a dotted line.
    """
    errors = require_table("errors", errors, {"week", "actual", "forecast", "in_training"})
    with course_style():
        ax = new_axes(ax, figsize=(8.0, 4.2))
        trained = errors.loc[errors["in_training"], "week"]
        if not trained.empty:
            ax.axvspan(
                trained.min() - 0.5,
                trained.max() + 0.5,
                color=_SHADE,
                label="Weeks the forecast learned from",
            )
        ax.plot(errors["week"], errors["actual"], color=PALETTE["blue"], label="Applications")
        ax.plot(
            errors["week"],
            errors["forecast"],
            color=PALETTE["orange"],
            linestyle="--",
            label="Forecast",
        )
        _mark_change(ax, change_week)
        ax.set_xlim(errors["week"].min() - 0.5, errors["week"].max() + 0.5)
        ax.set_ylim(0, 1.15 * max(errors["actual"].max(), errors["forecast"].max()))
        ax.set_xlabel("Week")
        ax.set_ylabel("Applications received")
        ax.set_title(title)
        ax.legend(loc="lower right", fontsize=10, ncols=2, frameon=True, facecolor="white")
        return figure_of(ax)


def monitor_chart(
    monitored: pd.DataFrame, change_week: int | None = None, ax: Axes | None = None
) -> Figure:
    """The rolling forecast error, the control limit, and the weeks that raised an alert.

    ``monitored`` is a table from ``aicourse.drift.monitor``. The baseline period (the weeks
    the control limit was set from) is shaded; ``change_week``, if given, is marked.
    """
    monitored = require_table(
        "monitored", monitored, {"week", "rolling_error", "control_limit", "in_baseline", "alert"}
    )
    with course_style():
        ax = new_axes(ax, figsize=(8.0, 4.2))
        base = monitored.loc[monitored["in_baseline"], "week"]
        if not base.empty:
            ax.axvspan(
                base.min() - 0.5, base.max() + 0.5, color=_SHADE, label="Baseline (set the limit)"
            )
        ax.plot(
            monitored["week"],
            monitored["rolling_error"],
            color=PALETTE["blue"],
            label="Recent forecast error",
        )
        limit = float(monitored["control_limit"].iloc[0])
        ax.axhline(
            limit,
            color=TEXT_COLOUR,
            linestyle="--",
            linewidth=1.5,
            label=f"Control limit ({limit:.1f}%)",
        )
        alerts = monitored.loc[monitored["alert"].astype(bool)]
        if not alerts.empty:
            ax.plot(
                alerts["week"],
                alerts["rolling_error"],
                linestyle="none",
                marker="X",
                markersize=9,
                color=PALETTE["vermillion"],
                label="Alert",
            )
        _mark_change(ax, change_week)
        first = None if alerts.empty else int(alerts["week"].min())
        ax.set_title(
            "No alert raised" if first is None else f"The monitor's first alert: week {first}"
        )
        top = np.nanmax(monitored["rolling_error"].to_numpy(dtype=float))
        ax.set_ylim(0, 1.15 * max(top, limit))
        ax.set_xlim(monitored["week"].min() - 0.5, monitored["week"].max() + 0.5)
        ax.yaxis.set_major_formatter(PercentFormatter(decimals=0))
        ax.set_xlabel("Week")
        ax.set_ylabel("Average % error, recent weeks")
        ax.legend(loc="upper left", fontsize=10, frameon=True, facecolor="white")
        return figure_of(ax)


def portfolio_chart(
    scored: pd.DataFrame,
    kind: Literal["bars", "map"] = "bars",
    ax: Axes | None = None,
) -> Figure:
    """Show a scored portfolio (from ``aicourse.portfolio.score_portfolio``).

    ``kind="bars"``: the use cases ranked by score, best at the top, coloured by kind of
    automation. ``kind="map"``: value against feasibility, one labelled point per use case;
    the best candidates sit top right.
    """
    scored = require_table("scored", scored, {"name", "value", "feasibility", "score", "rank"})
    if kind not in ("bars", "map"):
        raise ValueError(f"kind must be 'bars' or 'map', got {kind!r}")
    ordered = scored.sort_values("rank")
    if "kind" in ordered.columns:
        kinds = ordered["kind"].astype(str).to_numpy()
    else:
        kinds = np.full(len(ordered), "other")
    colours = [KIND_COLOURS.get(k, PALETTE["purple"]) for k in kinds]
    present = [k for k in KINDS if k in set(kinds)]
    present += sorted(set(kinds) - set(present))  # any kind outside KINDS comes last
    with course_style():
        if kind == "bars":
            ax = new_axes(ax, figsize=(8.0, 0.38 * len(ordered) + 1.6))
            labels = [f"{r}. {n}" for r, n in zip(ordered["rank"], ordered["name"], strict=True)]
            bars = ax.barh(labels, ordered["score"], color=colours)
            ax.bar_label(bars, labels=[f"{s:.2f}" for s in ordered["score"]], padding=3)
            ax.invert_yaxis()
            ax.set_xlim(0, 1.1)
            ax.set_xlabel("Weighted score (0 to 1, higher is better)")
            ax.set_ylabel("Use case, by rank")
            ax.grid(axis="y", visible=False)
            ax.set_title("Ranking with these weights")
            handles = [
                Patch(color=KIND_COLOURS.get(k, PALETTE["purple"]), label=_kind_label(k))
                for k in present
            ]
            ax.legend(
                handles=handles, loc="lower right", fontsize=10, frameon=True, facecolor="white"
            )
        else:
            ax = new_axes(ax, figsize=(10.0, 5.6))
            ax.axvline(0.5, color="#BBBBBB", linewidth=1)
            ax.axhline(0.5, color="#BBBBBB", linewidth=1)
            for k in present:
                rows = ordered.loc[kinds == k]
                ax.scatter(
                    rows["feasibility"],
                    rows["value"],
                    s=90,
                    color=KIND_COLOURS.get(k, PALETTE["purple"]),
                    marker=_KIND_MARKERS.get(k, "D"),
                    label=_kind_label(k),
                    zorder=3,
                )
            for _, row in ordered.iterrows():
                ax.annotate(
                    str(row["rank"]),
                    (row["feasibility"], row["value"]),
                    xytext=(6, 5),
                    textcoords="offset points",
                    fontsize=11,
                    fontweight="bold",
                )
            key = "\n".join(
                f"{r}. {n}" for r, n in zip(ordered["rank"], ordered["name"], strict=True)
            )
            ax.text(1.03, 1.0, key, transform=ax.transAxes, va="top", fontsize=10)
            ax.set_xlim(-0.05, 1.1)
            ax.set_ylim(-0.05, 1.1)
            ax.set_xlabel("Feasibility (0 to 1: ready data, simple, low risk, low cost)")
            ax.set_ylabel("Value (0 to 1: hours, people, benefit)")
            ax.set_title("Value and feasibility: aim for the top right")
            ax.legend(loc="lower left", fontsize=10, frameon=True, facecolor="white")
        return figure_of(ax)


def business_case_chart(
    sim: pd.DataFrame,
    ax: Axes | None = None,
    xlim: tuple[float, float] | None = None,
) -> Figure:
    """Histogram of simulated net benefit, losses and gains in different colours.

    ``sim`` is a table from ``aicourse.business_case.simulate_business_case``. The title says
    the share of outcomes above zero (the chance the case pays off); a dashed line marks the
    middle outcome. ``xlim`` (in dollars) fixes the horizontal range, so charts for different
    settings can be compared; outcomes beyond it are counted in the end bars.
    """
    sim = require_table("sim", sim, {"net_benefit"})
    net = sim["net_benefit"].to_numpy(dtype=float) / 1000
    with course_style():
        ax = new_axes(ax, figsize=(7.5, 4.2))
        low, high = (v / 1000 for v in xlim) if xlim is not None else (net.min(), net.max())
        if not low < high:
            low, high = low - 1, high + 1
        # Forty bars of equal width, with zero on an edge so no bar straddles a loss and a gain.
        width = (high - low) / 40
        start = np.floor(low / width) * width
        edges = start + width * np.arange(int(np.ceil((high - start) / width)) + 1)
        counts, _ = np.histogram(np.clip(net, low, high), bins=edges)
        loss = edges[1:] <= 1e-9 * width
        for part, colour, label in (
            (loss, PALETTE["vermillion"], "Loses money"),
            (~loss, PALETTE["blue"], "Pays off"),
        ):
            ax.stairs(np.where(part, counts, 0), edges, fill=True, color=colour, label=label)
        ax.axvline(0, color=TEXT_COLOUR, linewidth=1.5)
        median = float(np.median(net))
        ax.axvline(
            median,
            color=PALETTE["orange"],
            linestyle="--",
            label=f"Middle outcome: {'-' if median < 0 else ''}${abs(median):,.0f}k",
        )
        ax.set_xlim(low, high)
        ax.set_xlabel("Net benefit over the whole case (thousands of dollars)")
        ax.set_ylabel("Number of simulated outcomes")
        ax.set_title(f"Chance the case pays off: {(net > 0).mean():.0%}")
        ax.legend(loc="upper left", fontsize=10)
        return figure_of(ax)


def risk_matrix_chart(
    likelihood: str | None = None, impact: str | None = None, ax: Axes | None = None
) -> Figure:
    """The 3 x 3 risk matrix, each cell coloured and labelled with its level.

    Impact runs left to right and likelihood bottom to top, so risk grows towards the top
    right. If ``likelihood`` and ``impact`` are given, that cell is outlined and marked.
    """
    if (likelihood is None) != (impact is None):
        raise ValueError("give both a likelihood and an impact to mark a cell, or neither")
    chosen = None
    if likelihood is not None and impact is not None:
        rating = rate_risk(likelihood, impact)
        chosen = (LIKELIHOODS.index(rating.likelihood), IMPACTS.index(rating.impact), rating.level)
    with course_style():
        ax = new_axes(ax, figsize=(6.5, 5.0))
        for i, lk in enumerate(LIKELIHOODS):
            for j, im in enumerate(IMPACTS):
                level = risk_level(lk, im)
                fill, ink = LEVEL_COLOURS[level]
                ax.add_patch(Rectangle((j, i), 1, 1, facecolor=fill, edgecolor="white", lw=3))
                ax.text(
                    j + 0.5,
                    i + 0.5,
                    level,
                    ha="center",
                    va="center",
                    color=ink,
                    fontsize=15,
                    fontweight="bold",
                )
        if chosen is not None:
            i, j, level = chosen
            ax.add_patch(
                Rectangle((j + 0.04, i + 0.04), 0.92, 0.92, fill=False, edgecolor="black", lw=4)
            )
            ax.text(
                j + 0.5,
                i + 0.22,
                "Your rating",
                ha="center",
                va="center",
                color=LEVEL_COLOURS[level][1],
                fontsize=11,
                fontweight="bold",
            )
            ax.set_title(f"Risk level: {level} ({LIKELIHOODS[i]} x {IMPACTS[j]})")
        else:
            ax.set_title("Risk level: likelihood x impact")
        ax.set_xlim(0, 3)
        ax.set_ylim(0, 3)
        ax.set_aspect("equal")
        ax.grid(visible=False)
        ax.set_xticks([0.5, 1.5, 2.5], list(IMPACTS))
        ax.set_yticks([0.5, 1.5, 2.5], list(LIKELIHOODS))
        ax.tick_params(length=0)
        for side in ("left", "bottom"):
            ax.spines[side].set_visible(False)
        ax.set_xlabel("Impact: how bad the harm would be")
        ax.set_ylabel("Likelihood of harm")
        handles = [Patch(color=LEVEL_COLOURS[lv][0], label=lv) for lv in LEVELS]
        ax.legend(
            handles=handles,
            title="Level",
            loc="upper left",
            bbox_to_anchor=(1.02, 1.0),
            fontsize=10,
        )
        return figure_of(ax)
