"""Charts return labelled figures that pyplot does not track; the style stays in its block."""

from __future__ import annotations

import base64
import html
import io
import os
import subprocess
import sys
import textwrap

import matplotlib as mpl
import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from aicourse.plots import accuracy_bars, benefit_bars, confusion_heatmap, learning_curve_plot
from aicourse.style import (
    CYCLE,
    PALETTE,
    RC,
    OnePassCanvas,
    course_style,
    describe_figure,
    figure_of,
    new_axes,
    new_figure,
)

#: A small made-up curve: plots only draw what they are given, so no model is needed.
CURVE = pd.DataFrame({"n_train": [20, 100, 800], "accuracy": [0.4, 0.75, 0.9]})
CONFUSION = pd.DataFrame(
    [[5, 1], [2, 7]],
    index=pd.Index(["Payments", "Complaint"], name="true category"),
    columns=pd.Index(["Payments", "Complaint"], name="predicted category"),
)


def _all_figures() -> dict[str, Figure]:
    return {
        "accuracy_bars": accuracy_bars({"Keyword rule": 0.5, "Learned model": 0.9}),
        "confusion_heatmap": confusion_heatmap(CONFUSION),
        "learning_curve_plot": learning_curve_plot(CURVE, highlight=100, baseline=0.5),
        "benefit_bars": benefit_bars(33.3, 16.7),
    }


def _ytick_texts(ax: Axes) -> list[str]:
    ax.get_figure().draw_without_rendering()
    return [t.get_text() for t in ax.get_yticklabels()]


@pytest.mark.parametrize("name", ["accuracy_bars", "confusion_heatmap", "learning_curve_plot"])
def test_each_chart_is_a_figure_with_a_title_and_axis_labels(name):
    fig = _all_figures()[name]
    assert isinstance(fig, Figure)
    (ax,) = fig.axes[:1]
    assert ax.get_title().strip()
    assert ax.get_xlabel().strip()
    if name == "accuracy_bars":
        # Horizontal bars: the y axis is labelled by the method names on its ticks.
        assert _ytick_texts(ax) == ["Keyword rule", "Learned model"]
    else:
        assert ax.get_ylabel().strip()


def test_benefit_bars_labels_and_values():
    fig = benefit_bars(30.0, 40.0)
    ax = fig.axes[0]
    assert ax.get_title().strip() and ax.get_xlabel().strip()
    assert _ytick_texts(ax) == ["Time saved sorting", "Time fixing mistakes", "Net time saved"]
    widths = [p.get_width() for p in ax.patches]
    assert widths == pytest.approx([30.0, -40.0, -10.0])
    # A net loss is drawn in the warning colour, a net gain in green.
    assert mpl.colors.to_hex(ax.patches[2].get_facecolor()) == PALETTE["vermillion"].lower()
    gain = benefit_bars(40.0, 30.0).axes[0]
    assert mpl.colors.to_hex(gain.patches[2].get_facecolor()) == PALETTE["green"].lower()


def test_benefit_bars_with_nothing_to_show_still_draws():
    ax = benefit_bars(0.0, 0.0).axes[0]
    assert ax.get_xlim()[0] < 0 < ax.get_xlim()[1]


def test_accuracy_bars_draws_percentages():
    ax = accuracy_bars({"A": 0.5, "B": 0.875}).axes[0]
    assert [p.get_width() for p in ax.patches] == pytest.approx([50.0, 87.5])
    labels = [t.get_text() for t in ax.texts]
    assert labels == ["50.0%", "87.5%"]
    with pytest.raises(ValueError, match="at least one method"):
        accuracy_bars({})


def test_confusion_heatmap_writes_every_count():
    ax = confusion_heatmap(CONFUSION).axes[0]
    assert [t.get_text() for t in ax.texts] == ["5", "1", "2", "7"]
    assert ax.get_ylabel() == "True category"


def test_learning_curve_plot_draws_the_curve_highlight_and_baseline():
    ax = learning_curve_plot(CURVE, highlight=100, baseline=0.5).axes[0]
    curve_line = ax.lines[0]
    assert list(curve_line.get_xdata()) == [20, 100, 800]
    assert list(curve_line.get_ydata()) == pytest.approx([40.0, 75.0, 90.0])
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "100 examples: 75.0%" in legend
    assert "Keyword rule" in legend
    baseline = [line for line in ax.lines if line.get_label() == "Keyword rule"]
    assert list(baseline[0].get_ydata()) == pytest.approx([50.0, 50.0])
    assert ax.get_ylim() == (0, 100)


def test_learning_curve_plot_without_options_has_no_baseline():
    ax = learning_curve_plot(CURVE).axes[0]
    assert [line.get_label() for line in ax.lines] == ["Learned model"]


@pytest.mark.parametrize("highlight", [50, 2250])
def test_learning_curve_plot_refuses_a_size_not_on_the_curve(highlight):
    with pytest.raises(ValueError, match=f"{highlight} is not one of the sizes on the curve"):
        learning_curve_plot(CURVE, highlight=highlight)


def test_charts_are_not_registered_with_pyplot():
    import matplotlib.pyplot as plt  # the backend is set to Agg in conftest.py

    before = plt.get_fignums()
    figures = _all_figures()
    assert plt.get_fignums() == before
    assert all(isinstance(f, Figure) for f in figures.values())


def test_charts_draw_on_a_given_axes():
    fig = Figure()
    ax = fig.add_subplot()
    assert accuracy_bars({"A": 0.5}, ax=ax) is fig
    assert len(fig.axes) == 1 and len(ax.patches) == 1


def test_charts_are_drawn_in_the_course_style():
    ax = learning_curve_plot(CURVE).axes[0]
    # Properties fixed at drawing time come from RC, whatever the global settings are.
    assert ax.title.get_fontweight() == RC["axes.titleweight"]
    assert mpl.colors.to_hex(ax.lines[0].get_color()) == CYCLE[0].lower()
    assert not ax.spines["top"].get_visible()


# --- style --------------------------------------------------------------------------------


def test_course_style_applies_only_inside_the_block():
    before = mpl.rcParams.copy()
    with course_style():
        assert mpl.rcParams["axes.titleweight"] == "bold"
        assert mpl.rcParams["font.size"] == RC["font.size"]
        assert list(mpl.rcParams["figure.figsize"]) == list(RC["figure.figsize"])
        assert mpl.rcParams["axes.prop_cycle"].by_key()["color"] == list(CYCLE)
    assert mpl.rcParams == before


def test_course_style_is_undone_after_an_error():
    before = mpl.rcParams.copy()
    with pytest.raises(RuntimeError), course_style():
        raise RuntimeError("boom")
    assert mpl.rcParams == before


def test_new_axes_and_figure_of():
    with course_style():
        ax = new_axes()
    fig = figure_of(ax)
    assert isinstance(fig, Figure)
    assert tuple(fig.get_size_inches()) == pytest.approx(RC["figure.figsize"])
    assert new_axes(ax) is ax
    assert tuple(figure_of(new_axes(figsize=(3, 2))).get_size_inches()) == (3, 2)


def test_palette_colours_are_valid_and_distinct():
    assert all(mpl.colors.is_color_like(c) for c in PALETTE.values())
    assert len(set(CYCLE)) == len(CYCLE)


def test_importing_aicourse_changes_no_matplotlib_settings():
    """Run in a fresh interpreter: this one has already imported everything."""
    code = textwrap.dedent(
        """
        import matplotlib as mpl
        before = mpl.rcParams.copy()
        import aicourse, aicourse.style, aicourse.plots, aicourse.views
        import aicourse.classify, aicourse.learning, aicourse.value, aicourse.quizzes
        import aicourse.exercises.week1
        after = mpl.rcParams.copy()
        changed = sorted(k for k in after if after[k] != before[k])
        print("CHANGED:" + ",".join(changed))
        """
    )
    env = {**os.environ, "MPLBACKEND": "Agg"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "CHANGED:"


# --- one-pass PNG ------------------------------------------------------------------------


def _png_size(data: bytes) -> tuple[int, int]:
    from PIL import Image

    return Image.open(io.BytesIO(data)).size


def _usual_png(fig: Figure, **kwargs) -> bytes:
    """The PNG matplotlib's own Agg canvas writes (three passes), for comparison."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    buffer = io.BytesIO()
    FigureCanvasAgg.print_figure(fig.canvas, buffer, format="png", **kwargs)
    return buffer.getvalue()


def test_course_figures_are_laid_out_and_written_in_one_pass():
    with course_style():
        fig = new_figure((5, 3))
    assert isinstance(fig.canvas, OnePassCanvas)
    assert fig.get_layout_engine() is not None  # constrained layout
    assert isinstance(figure_of(new_axes()).canvas, OnePassCanvas)


@pytest.mark.parametrize("name", ["accuracy_bars", "confusion_heatmap", "learning_curve_plot"])
def test_one_pass_png_is_the_inline_backends_picture(name):
    """Jupyter shows a figure as print_figure(fig, "png", bbox_inches="tight"): the one-pass
    picture has the same size (to a few pixels of anti-aliased edge) and the same colours."""
    from IPython.core.pylabtools import print_figure

    fig = _all_figures()[name]
    fast = print_figure(fig, "png", bbox_inches="tight")
    usual = _usual_png(fig, bbox_inches="tight")
    (w1, h1), (w2, h2) = _png_size(fast), _png_size(usual)
    assert abs(w1 - w2) <= 6 and abs(h1 - h2) <= 6
    assert _palette_colours_in(fast) == _palette_colours_in(usual)


def _palette_colours_in(png: bytes) -> set[str]:
    from PIL import Image

    pixels = Image.open(io.BytesIO(png)).convert("RGB").getcolors(1 << 20)
    return {c.lower() for c in CYCLE} & {"#{:02x}{:02x}{:02x}".format(*rgb) for _, rgb in pixels}


def test_one_pass_png_without_a_box_is_the_whole_figure(tmp_path):
    with course_style():
        ax = new_axes(figsize=(4, 2))
    ax.plot([0, 1], [0, 1])
    path = tmp_path / "chart.png"
    figure_of(ax).savefig(path)
    assert _png_size(path.read_bytes()) == (400, 200)


def test_ink_at_the_edge_goes_matplotlibs_usual_way():
    """Text that spills over the figure is kept: the tight box grows to hold it."""
    with course_style():
        ax = new_axes(figsize=(4, 2))
    ax.set_title("A title far too long to fit across a figure only four inches wide at all")
    buffer = io.BytesIO()
    figure_of(ax).savefig(buffer, format="png", bbox_inches="tight")
    assert _png_size(buffer.getvalue())[0] > 400


def test_other_formats_go_matplotlibs_usual_way():
    with course_style():
        ax = new_axes(figsize=(4, 2))
    buffer = io.BytesIO()
    figure_of(ax).savefig(buffer, format="svg", bbox_inches="tight")
    assert buffer.getvalue().lstrip().startswith(b"<?xml")


def test_each_chart_has_a_text_description_of_its_title_and_axes():
    fig = learning_curve_plot(CURVE)
    ax = fig.axes[0]
    text = describe_figure(fig)
    assert text.startswith("Chart: ") and ax.get_title() in text
    assert f"Across: {ax.get_xlabel()}" in text and f"up: {ax.get_ylabel()}" in text
    assert describe_figure(new_figure()) == "Chart: no title."


def test_a_chart_shows_as_its_picture_then_a_description_for_screen_readers(monkeypatch):
    import IPython.display

    fig = accuracy_bars({"Keyword rule": 0.5, "Learned model": 0.9})
    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda data, raw: shown.append(data))
    fig._ipython_display_()
    assert [sorted(d) for d in shown] == [["image/png", "text/plain"], ["text/html", "text/plain"]]
    assert _png_size(base64.b64decode(shown[0]["image/png"]))[0] > 100
    assert html.escape(describe_figure(fig)) in shown[1]["text/html"]
    assert shown[1]["text/plain"] == describe_figure(fig)
    assert "clip:rect(0,0,0,0)" in shown[1]["text/html"]  # read out, not drawn
