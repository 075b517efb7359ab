"""Week 2's widget views and charts, without a browser: set each control, check the result."""

from __future__ import annotations

import base64
import html

import pandas as pd
import pytest
from IPython.display import Image
from matplotlib.figure import Figure
from pandas.io.formats.style import Styler

from aicourse.data.messy import make_busy_weeks, make_client_records
from aicourse.fitting import (
    FLEXIBILITY,
    LEARNED,
    MEMORISER,
    TEST_SHARES,
    fit_curve,
    overfitting_sweep,
    split_scores,
)
from aicourse.plots.data import (
    curve_fit_chart,
    error_chart,
    label_table,
    overfitting_dashboard,
    problem_table,
    representation_chart,
    train_test_chart,
)
from aicourse.quality import PROBLEM_KINDS, RURAL_SHARES, quality_report
from aicourse.views.base import View
from aicourse.views.data import (
    ALL_PROBLEMS,
    HonestTestView,
    LabelView,
    OverfittingView,
    QualityView,
    RepresentationView,
)


def _capture(view: View, monkeypatch: pytest.MonkeyPatch) -> list[object]:
    shown: list[object] = []
    monkeypatch.setattr(view, "_show", shown.append)
    return shown


def _is_png(picture: object) -> bool:
    return isinstance(picture, Image) and picture.data[:8] == b"\x89PNG\r\n\x1a\n"


def _text(view: View) -> str:
    return html.unescape(view.readout.value)


#: Shares for the honest-test view in these tests (the default has more; each costs a second).
SHARES = (0.1, 0.25, 0.5)


@pytest.fixture(scope="module")
def honest_view() -> HonestTestView:
    """Built once: it trains two models for every share."""
    return HonestTestView(shares=SHARES)


@pytest.fixture(scope="module")
def representation_view() -> RepresentationView:
    return RepresentationView()


@pytest.fixture
def label_view() -> LabelView:
    return LabelView()


@pytest.fixture
def quality_view() -> QualityView:
    return QualityView()


@pytest.fixture
def overfitting_view() -> OverfittingView:
    return OverfittingView()


@pytest.fixture
def views(label_view, honest_view, quality_view, representation_view, overfitting_view):
    return [label_view, honest_view, quality_view, representation_view, overfitting_view]


def test_every_control_has_a_description(views):
    for view in views:
        assert view.controls
        for control in view.controls:
            assert control.description.strip(), (type(view).__name__, control)


def test_views_display_as_widgets_with_a_readout(views):
    for view in views:
        assert "application/vnd.jupyter.widget-view+json" in view._repr_mimebundle_()
        assert view.readout in view.widget.children
        assert view.readout.value.startswith("<p>")


def test_slow_sliders_update_when_let_go(honest_view, representation_view, overfitting_view):
    for view in (honest_view, representation_view, overfitting_view):
        assert view.slider.continuous_update is False


# --- LabelView -------------------------------------------------------------------------


def test_label_view_changes_with_the_label(label_view, monkeypatch):
    shown = _capture(label_view, monkeypatch)
    assert label_view.result.label == "problem" and label_view.result.kind == "yes/no"
    assert "yes or no" in _text(label_view) and "problem" in _text(label_view)
    label_view.choice.value = "weekly_income"
    assert label_view.result.kind == "number" and "predict a number" in _text(label_view)
    label_view.choice.value = "area"
    assert label_view.result.kind == "category" and "8" in _text(label_view)
    label_view.choice.value = "application_id"
    assert not label_view.result.usable and "identifier" in _text(label_view)
    assert len(shown) == 3 and all(isinstance(s, Styler) for s in shown)


def test_label_view_rejects_an_unknown_label():
    with pytest.raises(ValueError):
        LabelView(label="colour")


# --- HonestTestView --------------------------------------------------------------------


def test_honest_view_shows_each_share(honest_view, monkeypatch):
    shown = _capture(honest_view, monkeypatch)
    for share in SHARES:
        honest_view.slider.value = share
        s = honest_view.result
        assert s.test_share == share and s.n_test == round(3000 * share)
        assert f"{s.n_test:,}" in _text(honest_view)
        assert f"{s.table.loc[MEMORISER, 'on_test']:.1%}" in _text(honest_view)
        assert f"{s.table.loc[LEARNED, 'on_training']:.1%}" in _text(honest_view)
    assert len(shown) == len(SHARES) - 1 + (SHARES[-1] != 0.25)
    assert all(_is_png(f) for f in shown)
    honest_view.slider.value = 0.25


def test_honest_view_offers_the_shares_it_was_given_and_checks_its_start(honest_view):
    assert set(SHARES) < set(TEST_SHARES)
    assert [v for _, v in honest_view.slider.options] == list(SHARES)
    assert honest_view.slider.options[1] == ("25%", 0.25)
    with pytest.raises(ValueError, match="start"):
        HonestTestView(start=0.33)


# --- QualityView -----------------------------------------------------------------------


def test_quality_view_marks_each_kind(quality_view, monkeypatch):
    shown = _capture(quality_view, monkeypatch)
    assert len(quality_view.result) == 5 and "5" in _text(quality_view)
    for kind in PROBLEM_KINDS:
        quality_view.choice.value = kind
        assert set(quality_view.result["problem"]) == {kind}
        assert kind.lower() in _text(quality_view)
    quality_view.choice.value = "Exact duplicate"
    assert list(quality_view.result["row"]) == [11] and "row 11" in _text(quality_view)
    quality_view.choice.value = "Inconsistent spelling"
    assert "rows 8 and 15" in _text(quality_view) and "Port Tāwhiri" in _text(quality_view)
    quality_view.choice.value = ALL_PROBLEMS
    assert len(quality_view.result) == 5
    assert all(isinstance(s, Styler) for s in shown)


def test_quality_view_on_a_clean_table_says_nothing_was_found():
    clean = pd.DataFrame({"name": ["Ana", "Ben"], "age": [30, 41]})
    view = QualityView(clean, start="Missing value")
    assert view.result.empty and "No missing values found" in _text(view)
    with pytest.raises(ValueError, match="start"):
        QualityView(start="Typos")


# --- RepresentationView ----------------------------------------------------------------


def test_representation_view_reads_the_experiment(representation_view, monkeypatch):
    shown = _capture(representation_view, monkeypatch)
    for share in RURAL_SHARES:
        representation_view.slider.value = share
        row = representation_view.result
        assert row["rural_share"] == share
        assert f"<b>{int(row['n_rural'])}</b> rural" in representation_view.readout.value
        assert f"{row['accuracy_rural']:.0%}" in _text(representation_view)
        assert f"{100 * row['gap']:.0f} percentage points" in _text(representation_view)
    assert shown and all(_is_png(f) for f in shown)
    representation_view.slider.value = 0.02
    with pytest.raises(ValueError, match="start"):
        RepresentationView(start=0.03)


# --- OverfittingView -------------------------------------------------------------------


def test_overfitting_view_shows_each_flexibility(overfitting_view, monkeypatch):
    shown = _capture(overfitting_view, monkeypatch)
    weeks = make_busy_weeks()
    for k in FLEXIBILITY[1:]:
        overfitting_view.slider.value = k
        fit = overfitting_view.result
        assert fit.flexibility == k
        assert fit.new_error == pytest.approx(fit_curve(weeks, k).new_error)
        assert f"{fit.new_error:.1f} days" in _text(overfitting_view)
    assert "0.0 days" in _text(overfitting_view)  # the most flexible memorises
    assert len(shown) == len(FLEXIBILITY) - 1 and all(_is_png(p) for p in shown)
    overfitting_view.slider.value = 2
    assert shown[-1] is shown[0], "a setting already seen shows its kept picture"
    assert len(overfitting_view.pictures.kept) == len(FLEXIBILITY)
    with pytest.raises(ValueError, match="start"):
        OverfittingView(start=12)


# --- Charts and tables -----------------------------------------------------------------


def _labelled(fig: Figure) -> None:
    for ax in fig.axes:
        assert ax.get_title() and ax.get_xlabel()
        assert ax.get_ylabel() or ax.get_yticklabels()


def test_charts_have_titles_and_labels(representation_view):
    weeks = make_busy_weeks()
    sweep = overfitting_sweep(weeks)
    fit = fit_curve(weeks, 3)
    for fig in (
        train_test_chart(split_scores(0.25)),
        representation_chart(representation_view.experiment, 0.1),
        curve_fit_chart(weeks, fit),
        error_chart(sweep, 9),
        overfitting_dashboard(weeks, fit, sweep),
    ):
        assert isinstance(fig, Figure)
        _labelled(fig)
    assert len(overfitting_dashboard(weeks, fit, sweep).axes) == 2


def test_error_chart_marks_errors_off_the_chart():
    weeks = make_busy_weeks()
    sweep = overfitting_sweep(weeks)
    texts = [t.get_text() for t in error_chart(sweep).axes[0].texts]
    biggest = sweep["new_error"].max()
    assert any(f"{biggest:.1f} days" in t for t in texts)


def test_chart_helpers_reject_bad_input(representation_view):
    weeks = make_busy_weeks()
    with pytest.raises(TypeError):
        train_test_chart({"a": 1})
    with pytest.raises(ValueError, match="not one of the shares"):
        representation_chart(representation_view.experiment, 0.33)
    with pytest.raises(ValueError, match="missing"):
        representation_chart(pd.DataFrame({"x": [1]}))
    with pytest.raises(TypeError):
        curve_fit_chart(weeks, "fit")
    with pytest.raises(ValueError, match="not one of the settings"):
        error_chart(overfitting_sweep(weeks), 12)


def test_tables_mark_the_right_cells():
    records = make_client_records()
    cells = quality_report(records).cells("Missing value")
    page = problem_table(records, cells).to_html()
    css = page.split("</style>")[0]
    assert css.count("outline: 2px solid") == 1
    assert css.count("#T_w2-problem-table_row") == 1  # one cell marked...
    assert "#T_w2-problem-table_row5_col5" in css  # ...row 6 (position 5), weekly_income
    row_marked = problem_table(records, [(11, None)]).to_html().split("</style>")[0]
    assert row_marked.count("#T_w2-problem-table_row10_col") == len(records.columns)
    assert problem_table(records, cells).to_html() == page  # a fixed id: same HTML each time
    with pytest.raises(ValueError, match="row"):
        problem_table(records, [(99, "age")])
    with pytest.raises(ValueError, match="column"):
        problem_table(records, [(1, "height")])
    labels = label_table(records, "age").to_html()
    assert "the label (age)" in labels
    with pytest.raises(ValueError):
        label_table(records, "height")
    with pytest.raises(ValueError):
        label_table(records, "age", n_rows=0)


def test_kept_pictures_show_with_their_chart_description(overfitting_view, monkeypatch):
    import IPython.display

    picture = next(iter(overfitting_view.pictures.kept.values()))
    assert picture.description.startswith("Chart: ") and "Across: " in picture.description
    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda data, raw: shown.append(data))
    picture._ipython_display_()
    assert base64.b64decode(shown[0]["image/png"]) == picture.data
    assert shown[1]["text/plain"] == picture.description
