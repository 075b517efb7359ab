"""The course's one plot style: a colour-blind-safe palette and readable sizes.

The style is applied inside a context (``with course_style(): ...``), never on import,
so importing ``aicourse`` leaves a learner's own matplotlib settings alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.figure import Figure

#: Okabe and Ito's palette, designed to be told apart with the common kinds of colour
#: blindness. Black is left out so that text stays the darkest thing on a chart.
PALETTE: dict[str, str] = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
}

#: Colours in the order charts use them.
CYCLE: tuple[str, ...] = (
    PALETTE["blue"],
    PALETTE["orange"],
    PALETTE["green"],
    PALETTE["vermillion"],
    PALETTE["purple"],
    PALETTE["sky"],
)

#: A sequential colour map that stays readable in greyscale and for colour-blind readers.
SEQUENTIAL_CMAP = "cividis"

#: Dark grey used for text: 12.6:1 contrast on white, above WCAG AA's 4.5:1.
TEXT_COLOUR = "#333333"

RC: dict[str, object] = {
    "figure.figsize": (7.0, 4.0),
    "figure.dpi": 100,
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "font.size": 12,
    "axes.titlesize": 14,
    "axes.titleweight": "bold",
    "axes.labelsize": 12,
    "axes.edgecolor": TEXT_COLOUR,
    "axes.labelcolor": TEXT_COLOUR,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#DDDDDD",
    "grid.linewidth": 0.8,
    "axes.axisbelow": True,
    "axes.prop_cycle": mpl.cycler(color=list(CYCLE)),
    "xtick.color": TEXT_COLOUR,
    "ytick.color": TEXT_COLOUR,
    "text.color": TEXT_COLOUR,
    "legend.frameon": False,
    "lines.linewidth": 2.5,
    "lines.markersize": 7,
    "svg.hashsalt": "aicourse",
}


@contextmanager
def course_style() -> Iterator[None]:
    """Apply the course style for the duration of a ``with`` block."""
    with mpl.rc_context(RC):
        yield


def new_axes(ax: Axes | None = None, *, figsize: tuple[float, float] | None = None) -> Axes:
    """Return ``ax`` if given, or the axes of a new figure that pyplot does not track.

    Figures made here are not registered with pyplot, so a notebook shows each one once
    (as the cell's result) and a widget that redraws does not pile up open figures.
    Call it inside ``course_style()`` so the new figure takes the course's sizes.
    """
    if ax is not None:
        return ax
    fig = Figure(figsize=figsize or mpl.rcParams["figure.figsize"], layout="constrained")
    return fig.add_subplot()


def figure_of(ax: Axes) -> Figure:
    """The figure an axes belongs to (what a plot helper returns for the notebook to show)."""
    fig = ax.get_figure()
    if not isinstance(fig, Figure):
        raise TypeError("these axes are not on a figure")
    return fig
