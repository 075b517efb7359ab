"""Views for Week 2: pick the label, honest testing, data problems, who is missing, overfitting.

Each view does its slow work (training models, fitting curves) once when it is built;
moving a control only looks up a stored result and redraws it. Drawing a chart is the
slowest step, so the chart views keep each chart as a picture the first time it is drawn:
going back to a setting already seen shows it at once.
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Callable, Hashable, Sequence

import ipywidgets as widgets
import pandas as pd
from IPython.display import Image
from matplotlib.figure import Figure

from aicourse import SEED
from aicourse.data.applications import make_applications
from aicourse.data.messy import make_busy_weeks, make_client_records
from aicourse.fitting import (
    FLEXIBILITY,
    LEARNED,
    MEMORISER,
    TEST_SHARES,
    CurveFit,
    SplitScores,
    fit_curve,
    overfitting_sweep,
    split_scores,
)
from aicourse.plots.data import (
    label_table,
    overfitting_dashboard,
    problem_table,
    representation_chart,
    train_test_chart,
)
from aicourse.quality import (
    PROBLEM_KINDS,
    RURAL_SHARES,
    LabelChoice,
    label_choice,
    quality_report,
    representation_experiment,
)
from aicourse.style import describe_figure, show_chart
from aicourse.views.base import STYLE, WIDE, View


class ChartPicture(Image):
    """A chart kept as a PNG picture; shown, like a course figure, with its description."""

    def __init__(self, png: bytes, description: str) -> None:
        super().__init__(data=png, format="png")
        self.description = description

    def _ipython_display_(self) -> None:
        show_chart(base64.b64encode(self.data).decode("ascii"), self.description)


class _Pictures:
    """Charts drawn once per setting and kept as PNG pictures, so a revisit shows at once."""

    def __init__(self, draw: Callable[[Hashable], Figure]) -> None:
        self.draw = draw
        self.kept: dict[Hashable, Image] = {}

    def __call__(self, key: Hashable) -> Image:
        if key not in self.kept:
            buffer = io.BytesIO()
            fig = self.draw(key)
            fig.savefig(buffer, format="png")
            self.kept[key] = ChartPicture(buffer.getvalue(), describe_figure(fig))
        return self.kept[key]


#: The choice in the quality view that shows every problem at once.
ALL_PROBLEMS = "All problems"


def _names(columns: tuple[str, ...], most: int = 4) -> str:
    shown = ", ".join(columns[:most])
    return shown + (f" and {len(columns) - most} more" if len(columns) > most else "")


class LabelView(View):
    """Pick which column is the label; see what a model would learn, and from which features.

    By default the table is the applications for the fictional Hardship Support Grant.
    """

    def __init__(
        self, table: pd.DataFrame | None = None, label: str = "problem", seed: int = SEED
    ) -> None:
        if table is None:
            table = make_applications(seed=seed)
        label_choice(table, label)  # checks the inputs once, with plain messages
        self.table = table
        self.choice = widgets.Dropdown(
            options=[str(c) for c in table.columns],
            value=label,
            description="Label column (what to predict):",
            style=STYLE,
            layout=widgets.Layout(width="60%"),
        )
        super().__init__([self.choice])
        self.update()

    def update(self) -> None:
        c: LabelChoice = label_choice(self.table, self.choice.value)
        self.result = c
        name = f"<b>{html.escape(c.label)}</b>"
        learns_from = f"from {len(c.features)} features ({html.escape(_names(c.features))})"
        if c.kind == "identifier":
            text = (
                f"{name} is an identifier: it only names each row, so there is nothing to "
                "learn. Pick another column."
            )
        elif c.kind == "yes/no":
            share = f" (yes for {c.share_yes:.0%} of the {c.n_examples:,} examples)"
            text = f"The model would learn to answer yes or no: {name}{share}, {learns_from}."
        elif c.kind == "number":
            low, high = c.value_range or (0.0, 0.0)
            text = (
                f"The model would learn to predict a number: {name} (from {low:,.0f} to "
                f"{high:,.0f}), {learns_from}."
            )
        else:
            text = (
                f"The model would learn to sort each example into one of <b>{c.n_values}</b> "
                f"categories of {name}, {learns_from}."
            )
        self.readout.value = f"<p>{text}</p>"
        self._show(label_table(self.table, c.label))


def _share_options(shares: Sequence[float]) -> list[tuple[str, float]]:
    return [(f"{s:.0%}", s) for s in shares]


class HonestTestView(View):
    """Slide the share of messages kept aside; see both models scored on what they learned
    from and on messages they never saw.

    Both models are trained for every share in ``shares`` when the view is built (about a
    second each).
    """

    def __init__(
        self, seed: int = SEED, start: float = 0.25, shares: Sequence[float] = TEST_SHARES
    ) -> None:
        shares = tuple(shares)
        if start not in shares:
            raise ValueError(f"start must be one of {list(shares)}, got {start!r}")
        self.scores: dict[float, SplitScores] = {s: split_scores(s, seed=seed) for s in shares}
        self.pictures = _Pictures(lambda share: train_test_chart(self.scores[share]))
        self.slider = widgets.SelectionSlider(
            options=_share_options(shares),
            value=start,
            description="Share of messages kept aside for testing:",
            continuous_update=False,
            layout=WIDE,
            style=STYLE,
        )
        super().__init__([self.slider])
        self.update()

    def update(self) -> None:
        s = self.scores[self.slider.value]
        self.result = s
        t = s.table
        self.readout.value = (
            f"<p>Kept aside: <b>{s.n_test:,}</b> of {s.n_train + s.n_test:,} messages. "
            f"{LEARNED}: <b>{t.loc[LEARNED, 'on_training']:.1%}</b> on messages it learned "
            f"from, <b>{t.loc[LEARNED, 'on_test']:.1%}</b> on new ones. {MEMORISER}: "
            f"<b>{t.loc[MEMORISER, 'on_training']:.1%}</b> and "
            f"<b>{t.loc[MEMORISER, 'on_test']:.1%}</b>.</p>"
        )
        self._show(self.pictures(self.slider.value))


def _in_rows(rows: list[object]) -> str:
    """ "row 6", or "rows 8 and 15"."""
    words = [str(r) for r in rows]
    if len(words) == 1:
        return f"row {words[0]}"
    return "rows " + ", ".join(words[:-1]) + " and " + words[-1]


def _plural(kind: str, n: int) -> str:
    return kind.lower() + ("" if n == 1 else "s")


class QualityView(View):
    """Pick a kind of data problem; see where it is in the table, marked.

    By default the table is Week 2's 16 client records with their planted problems.
    """

    def __init__(
        self, table: pd.DataFrame | None = None, seed: int = SEED, start: str = ALL_PROBLEMS
    ) -> None:
        if table is None:
            table = make_client_records(seed=seed)
        options = [ALL_PROBLEMS, *PROBLEM_KINDS]
        if start not in options:
            raise ValueError(f"start must be one of {options}, got {start!r}")
        self.table = table
        self.report = quality_report(table)
        self.found = self.report.table()
        self.choice = widgets.Dropdown(
            options=options,
            value=start,
            description="Show:",
            style=STYLE,
            layout=widgets.Layout(width="60%"),
        )
        super().__init__([self.choice])
        self.update()

    def update(self) -> None:
        kind = self.choice.value
        if kind == ALL_PROBLEMS:
            found = self.found
            cells = self.report.cells()
            text = (
                f"<b>{len(found)}</b> problems found: "
                + "; ".join(
                    f"{_plural(k, len(g))} in {_in_rows(list(g['row']))}"
                    for k, g in found.groupby("problem", sort=False)
                )
                + "."
            )
        else:
            found = self.found[self.found["problem"] == kind]
            cells = self.report.cells(kind)
            if found.empty:
                text = f"No {_plural(kind, 0)} found."
            else:
                columns = sorted(set(found["column"]))
                where = "" if columns == ["(every column)"] else f" (column {', '.join(columns)})"
                text = (
                    f"<b>{len(found)}</b> {_plural(kind, len(found))}, in "
                    f"{_in_rows(list(found['row']))}{html.escape(where)}: "
                    + html.escape("; ".join(found["what we found"]))
                    + "."
                )
        self.result = found.reset_index(drop=True)
        self.readout.value = f"<p>{text}</p>"
        caption = f"Marked (bold, boxed): {_plural(kind, 2)}." if cells else "Nothing to mark."
        self._show(problem_table(self.table, cells, caption=caption))


class RepresentationView(View):
    """Slide the share of rural clients in the training sample; see accuracy for town and
    rural clients, and the gap between them."""

    def __init__(self, seed: int = SEED, start: float = 0.02) -> None:
        if start not in RURAL_SHARES:
            raise ValueError(f"start must be one of {list(RURAL_SHARES)}, got {start!r}")
        self.experiment = representation_experiment(RURAL_SHARES, seed=seed)
        self.pictures = _Pictures(lambda share: representation_chart(self.experiment, share))
        self.slider = widgets.SelectionSlider(
            options=_share_options(RURAL_SHARES),
            value=start,
            description="Rural clients in the training sample:",
            continuous_update=False,
            layout=WIDE,
            style=STYLE,
        )
        super().__init__([self.slider])
        self.update()

    def update(self) -> None:
        share = self.slider.value
        row = self.experiment.loc[self.experiment["rural_share"] == share].iloc[0]
        self.result = row
        n_rural, n = int(row["n_rural"]), int(row["n_rural"] + row["n_town"])
        self.readout.value = (
            f"<p>With <b>{n_rural}</b> rural clients among the {n} it learned from, the model "
            f"predicts <b>{row['accuracy_town']:.0%}</b> of town appointments correctly and "
            f"<b>{row['accuracy_rural']:.0%}</b> of rural ones: a gap of "
            f"<b>{100 * row['gap']:.0f} percentage points</b>.</p>"
        )
        self._show(self.pictures(share))


class OverfittingView(View):
    """Slide the flexibility of the curve; see it fit the weeks it learned from, and new weeks.

    By default the weeks are Week 2's ten busy weeks to learn from and 60 new ones.
    """

    def __init__(self, weeks: pd.DataFrame | None = None, seed: int = SEED, start: int = 1) -> None:
        if weeks is None:
            weeks = make_busy_weeks(seed=seed)
        if start not in FLEXIBILITY:
            raise ValueError(f"start must be one of {list(FLEXIBILITY)}, got {start!r}")
        self.weeks = weeks
        self.fits: dict[int, CurveFit] = {k: fit_curve(weeks, k) for k in FLEXIBILITY}
        self.sweep = overfitting_sweep(weeks, FLEXIBILITY)
        self.pictures = _Pictures(
            lambda k: overfitting_dashboard(self.weeks, self.fits[k], self.sweep)
        )
        self.n_training = int((weeks["set"] == "training").sum())
        self.n_new = int((weeks["set"] == "new").sum())
        self.slider = widgets.IntSlider(
            value=start,
            min=FLEXIBILITY[0],
            max=FLEXIBILITY[-1],
            step=1,
            description="Flexibility (how much the curve can bend):",
            continuous_update=False,
            layout=WIDE,
            style=STYLE,
        )
        super().__init__([self.slider])
        self.update()

    def update(self) -> None:
        fit = self.fits[self.slider.value]
        self.result = fit
        self.readout.value = (
            f"<p>At flexibility <b>{fit.flexibility}</b> the curve is off by "
            f"<b>{fit.train_error:.1f} days</b> on average on the {self.n_training} weeks it "
            f"learned from, and by <b>{fit.new_error:.1f} days</b> on {self.n_new} new weeks.</p>"
        )
        self._show(self.pictures(fit.flexibility))
