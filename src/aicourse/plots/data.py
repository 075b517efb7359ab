"""Charts and marked-up tables for Week 2: labels, data problems, honest scores, overfitting.

Charts take ``ax=None``, draw in the course style and return the ``Figure``. The two table
helpers return a pandas ``Styler`` (a table with coloured cells) with a fixed id, so the
same table always gives the same HTML. Colour is never the only signal: marked cells are
also bold and boxed, and every table has a caption saying what the colours mean.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter
from pandas.io.formats.style import Styler

from aicourse.data.messy import SETTINGS
from aicourse.fitting import MODELS, CurveFit, SplitScores
from aicourse.quality import is_identifier
from aicourse.style import PALETTE, TEXT_COLOUR, course_style, figure_of, new_axes, new_figure

#: Pale tints of the course palette for table cells (dark text on them passes WCAG AA).
LABEL_TINT = "#F8D98F"  # orange
FEATURE_TINT = "#CFE8F7"  # sky blue
PROBLEM_TINT = "#F6CBB0"  # vermillion

_LABEL_CSS = f"background-color: {LABEL_TINT}; color: {TEXT_COLOUR}; font-weight: bold"
_FEATURE_CSS = f"background-color: {FEATURE_TINT}; color: {TEXT_COLOUR}"
_ID_CSS = "color: #767676"
_PROBLEM_CSS = (
    f"background-color: {PROBLEM_TINT}; color: {TEXT_COLOUR}; font-weight: bold; "
    f"outline: 2px solid {PALETTE['vermillion']}"
)


def _check_frame(table: object) -> pd.DataFrame:
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"expected a table (a pandas DataFrame), got {type(table).__name__}")
    return table


#: Wide tables scroll sideways inside themselves, and take the keyboard focus so a
#: keyboard user can scroll them too (WCAG 2.1.1; axe's "scrollable-region-focusable").
_TABLE_STYLES = [
    {"selector": "", "props": "display: block; max-width: 100%; overflow-x: auto"},
    {"selector": "caption", "props": "caption-side: top; text-align: left"},
]
_TABLE_ATTRIBUTES = 'tabindex="0"'


def label_table(table: pd.DataFrame, label: str, n_rows: int = 6) -> Styler:
    """The first ``n_rows`` rows with the label column in orange and the features in blue.

    Identifier columns (``id`` or names ending ``_id``) are greyed out: they are neither.
    """
    table = _check_frame(table)
    if label not in table.columns:
        raise ValueError(f"{label!r} is not a column; the columns are {list(table.columns)}")
    if isinstance(n_rows, bool) or not isinstance(n_rows, int) or n_rows < 1:
        raise ValueError(f"n_rows must be a whole number of at least 1, got {n_rows!r}")
    head = table.head(n_rows)

    def colour(column: pd.Series) -> list[str]:
        name = str(column.name)
        css = _LABEL_CSS if name == label else _ID_CSS if is_identifier(name) else _FEATURE_CSS
        return [css] * len(column)

    return (
        head.style.apply(colour, axis=0)
        .format(precision=0, thousands=",", na_rep="NaN")
        .set_caption(
            f"Orange, bold: the label ({label}), what the model learns to predict. "
            "Blue: the features it learns from. Grey: an identifier, which is neither."
        )
        .set_table_styles(_TABLE_STYLES)
        .set_table_attributes(_TABLE_ATTRIBUTES)
        .set_uuid("w2-label-table")
    )


def problem_table(
    table: pd.DataFrame,
    cells: Sequence[tuple[Hashable, str | None]],
    caption: str = "Marked (bold, boxed): the cells with a problem.",
) -> Styler:
    """The whole table with the given cells marked; a cell with column None marks its row.

    ``cells`` is a list of (row, column) pairs, as from ``QualityReport.cells``.
    """
    table = _check_frame(table)
    marks = pd.DataFrame("", index=table.index, columns=table.columns)
    for row, column in cells:
        if row not in marks.index:
            raise ValueError(f"row {row!r} is not in the table")
        if column is None:
            marks.loc[row, :] = _PROBLEM_CSS
        elif column not in marks.columns:
            raise ValueError(f"column {column!r} is not in the table")
        else:
            marks.loc[row, column] = _PROBLEM_CSS
    return (
        table.style.apply(lambda _: marks, axis=None)
        .format(precision=0, thousands=",", na_rep="NaN")
        .set_caption(caption)
        .set_table_styles(_TABLE_STYLES)
        .set_table_attributes(_TABLE_ATTRIBUTES)
        .set_uuid("w2-problem-table")
    )


def train_test_chart(scores: SplitScores, ax: Axes | None = None) -> Figure:
    """Each model's accuracy on the messages it learned from and on messages kept aside."""
    if not isinstance(scores, SplitScores):
        raise TypeError(f"expected SplitScores from split_scores, got {type(scores).__name__}")
    with course_style():
        ax = new_axes(ax, figsize=(7.5, 4.2))
        y = np.arange(len(MODELS))
        height = 0.38
        kinds = (
            ("on_training", f"Messages it learned from ({scores.n_train:,})", PALETTE["sky"], ""),
            ("on_test", f"Messages kept aside ({scores.n_test:,})", PALETTE["orange"], "//"),
        )
        for i, (column, name, colour, hatch) in enumerate(kinds):
            values = [100 * float(scores.table.loc[m, column]) for m in MODELS]
            bars = ax.barh(
                y + (i - 0.5) * height,
                values,
                height=height,
                color=colour,
                hatch=hatch,
                edgecolor=TEXT_COLOUR,
                linewidth=0.6,
                label=name,
            )
            ax.bar_label(bars, labels=[f"{v:.1f}%" for v in values], padding=4, fontsize=11)
        ax.set_yticks(y, list(MODELS))
        ax.invert_yaxis()
        ax.set_xlim(0, 115)
        ax.xaxis.set_major_formatter(PercentFormatter())
        ax.set_xlabel("Share of messages sorted into the right category")
        ax.set_title("Scores on training messages flatter both models")
        ax.grid(axis="y", visible=False)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncols=2, fontsize=10)
        return figure_of(ax)


_EXPERIMENT_COLUMNS = ("rural_share", "accuracy_town", "accuracy_rural")


def representation_chart(
    experiment: pd.DataFrame, share: float | None = None, ax: Axes | None = None
) -> Figure:
    """Accuracy for town and for rural clients, by the share of rural clients in training.

    ``experiment`` is a table from :func:`aicourse.quality.representation_experiment`; the
    shares are spaced evenly along the bottom so the small ones can be told apart.
    """
    experiment = _check_frame(experiment)
    missing = [c for c in _EXPERIMENT_COLUMNS if c not in experiment.columns]
    if missing or experiment.empty:
        raise ValueError(f"expected a table from representation_experiment; missing {missing}")
    shares = list(experiment["rural_share"])
    if share is not None and share not in shares:
        raise ValueError(f"{share} is not one of the shares in the table: {shares}")
    with course_style():
        ax = new_axes(ax, figsize=(7.5, 4.2))
        x = np.arange(len(shares))
        ax.axhline(50, color="#767676", linewidth=1, linestyle=":", label="A coin toss (50%)")
        for setting, column, colour, style, marker in (
            (SETTINGS[0], "accuracy_town", PALETTE["blue"], "-", "o"),
            (SETTINGS[1], "accuracy_rural", PALETTE["vermillion"], "--", "s"),
        ):
            ax.plot(
                x,
                100 * experiment[column],
                color=colour,
                linestyle=style,
                marker=marker,
                label=f"{setting} clients",
            )
        if share is not None:
            i = shares.index(share)
            ax.axvline(
                i,
                color=TEXT_COLOUR,
                linewidth=1.5,
                linestyle=":",
                label=f"Your setting: {share:.0%} rural",
            )
        ax.set_xticks(x, [f"{s:.0%}" for s in shares])
        ax.set_ylim(0, 100)
        ax.yaxis.set_major_formatter(PercentFormatter())
        ax.set_xlabel("Rural clients in the training sample (share of the sample)")
        ax.set_ylabel("Appointments predicted correctly")
        ax.set_title("A model is weakest for the people it rarely saw")
        ax.legend(loc="lower right", fontsize=10)
        return figure_of(ax)


def curve_fit_chart(weeks: pd.DataFrame, fit: CurveFit, ax: Axes | None = None) -> Figure:
    """The training weeks, the new weeks and the fitted curve (clipped to the data's range)."""
    weeks = _check_frame(weeks)
    if not isinstance(fit, CurveFit):
        raise TypeError(f"expected a CurveFit from fit_curve, got {type(fit).__name__}")
    train = weeks[weeks["set"] == "training"]
    new = weeks[weeks["set"] == "new"]
    with course_style():
        ax = new_axes(ax, figsize=(6.5, 4.2))
        ax.scatter(
            new["applications"],
            new["days_to_decision"],
            s=22,
            facecolors="none",
            edgecolors=PALETTE["sky"],
            label="New weeks (for testing)",
        )
        ax.scatter(
            train["applications"],
            train["days_to_decision"],
            s=60,
            color=PALETTE["blue"],
            zorder=3,
            label="Weeks it learned from",
        )
        ax.plot(fit.curve_x, fit.curve_y, color=PALETTE["orange"], label="Fitted curve")
        low = float(weeks["days_to_decision"].min())
        high = float(weeks["days_to_decision"].max())
        ax.set_ylim(low - 3, high + 5)
        ax.set_xlabel("Applications received that week")
        ax.set_ylabel("Working days to a decision")
        ax.set_title(f"The curve at flexibility {fit.flexibility}")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncols=3, fontsize=10)
        return figure_of(ax)


_SWEEP_COLUMNS = ("flexibility", "train_error", "new_error")


def error_chart(
    sweep: pd.DataFrame, flexibility: int | None = None, ax: Axes | None = None
) -> Figure:
    """How far off the curve is, on the weeks it learned from and on new weeks, by flexibility.

    Errors more than three times the smallest error on new weeks are drawn at the top edge
    with an arrow and their value, so the rest of the chart stays readable.
    """
    sweep = _check_frame(sweep)
    missing = [c for c in _SWEEP_COLUMNS if c not in sweep.columns]
    if missing or sweep.empty:
        raise ValueError(f"expected a table from overfitting_sweep; missing {missing}")
    x = sweep["flexibility"].to_numpy()
    cap = 3.0 * float(sweep["new_error"].min())
    cap = max(cap, float(sweep["train_error"].max()) * 1.1)
    with course_style():
        ax = new_axes(ax, figsize=(6.5, 4.2))
        for column, name, colour, style, marker in (
            ("train_error", "On the weeks it learned from", PALETTE["blue"], "-", "o"),
            ("new_error", "On new weeks", PALETTE["orange"], "--", "s"),
        ):
            values = sweep[column].to_numpy(dtype=float)
            ax.plot(
                x,
                np.minimum(values, cap),
                color=colour,
                linestyle=style,
                marker=marker,
                label=name,
            )
            for xi, v in zip(x, values, strict=True):
                if v > cap:
                    ax.annotate(
                        f"{v:.1f} days\n(off the chart)",
                        xy=(xi, cap),
                        xytext=(xi - 0.3, 0.8 * cap),
                        ha="right",
                        fontsize=10,
                        arrowprops={"arrowstyle": "->", "color": TEXT_COLOUR},
                    )
        if flexibility is not None:
            if flexibility not in set(x):
                raise ValueError(f"{flexibility} is not one of the settings in the sweep")
            ax.axvline(
                flexibility,
                color=TEXT_COLOUR,
                linewidth=1.5,
                linestyle=":",
                label=f"Your setting: {flexibility}",
            )
        ax.set_ylim(0, cap * 1.08)
        ax.set_xticks(x)
        ax.set_xlabel("Flexibility (how much the curve can bend)")
        ax.set_ylabel("Average days off")
        ax.set_title("Too stiff or too bendy: both are off")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncols=3, fontsize=10)
        return figure_of(ax)


def overfitting_dashboard(weeks: pd.DataFrame, fit: CurveFit, sweep: pd.DataFrame) -> Figure:
    """Two charts side by side: the fitted curve, and the errors with its flexibility marked."""
    with course_style():
        fig = new_figure((12.5, 4.8))
        left, right = fig.subplots(1, 2)
        curve_fit_chart(weeks, fit, ax=left)
        error_chart(sweep, fit.flexibility, ax=right)
        return fig
