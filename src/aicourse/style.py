"""The course's one plot style: a colour-blind-safe palette and readable sizes.

The style is applied inside a context (``with course_style(): ...``), never on import,
so importing ``aicourse`` leaves a learner's own matplotlib settings alone.
"""

from __future__ import annotations

import html
import os
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

import matplotlib as mpl
import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
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


class OnePassCanvas(FigureCanvasAgg):
    """An Agg canvas that writes a course figure's PNG in one drawing pass.

    Jupyter's inline backend shows a figure as ``savefig(format="png",
    bbox_inches="tight")``. Matplotlib does that in three passes over every artist: a
    draw that only lays out (constrained layout), a measurement of every artist for the
    tight box, and the real draw. On a figure whose constrained layout keeps everything
    inside it, one real draw says the same: the tight box is where the ink is. So this
    canvas draws once, crops to the ink plus the usual padding, and writes the PNG,
    about twice as fast; that is most of the time a widget takes to answer a control.
    Anything else (another format, dpi or box, extra options, or ink that reaches the
    figure's edge and so may spill over it) goes matplotlib's usual way.
    """

    def print_figure(  # type: ignore[override]
        self,
        filename: Any,
        dpi: Any = None,
        facecolor: Any = None,
        edgecolor: Any = None,
        orientation: str = "portrait",
        format: str | None = None,  # noqa: A002 - matplotlib's name
        *,
        bbox_inches: Any = None,
        pad_inches: Any = None,
        bbox_extra_artists: Any = None,
        backend: str | None = None,
        **kwargs: Any,
    ) -> None:
        png = None
        if (
            _is_png(filename, format)
            and orientation == "portrait"
            and bbox_extra_artists is None
            and backend is None
            and not kwargs
        ):
            png = self._one_pass_png(dpi, facecolor, edgecolor, bbox_inches, pad_inches)
        if png is None:
            return super().print_figure(
                filename,
                dpi,
                facecolor,
                edgecolor,
                orientation,
                format,
                bbox_inches=bbox_inches,
                pad_inches=pad_inches,
                bbox_extra_artists=bbox_extra_artists,
                backend=backend,
                **kwargs,
            )
        mpl.image.imsave(
            filename,
            png,
            format="png",
            origin="upper",
            dpi=self.figure.dpi,
            pil_kwargs={"compress_level": 1},  # a tenth of the time of level 6, 2% bigger
        )
        return None

    def _one_pass_png(
        self, dpi: Any, facecolor: Any, edgecolor: Any, bbox_inches: Any, pad_inches: Any
    ) -> np.ndarray | None:
        """The cropped RGBA picture, or None if this request needs matplotlib's usual way."""
        fig = self.figure
        dpi = mpl.rcParams["savefig.dpi"] if dpi is None else dpi
        bbox_inches = mpl.rcParams["savefig.bbox"] if bbox_inches is None else bbox_inches
        pad_inches = mpl.rcParams["savefig.pad_inches"] if pad_inches is None else pad_inches
        if not (dpi == "figure" or dpi == fig.dpi) or bbox_inches not in (None, "tight"):
            return None
        if not isinstance(pad_inches, int | float):
            return None
        with ExitStack() as stack:
            for prop, colour in (("facecolor", facecolor), ("edgecolor", edgecolor)):
                colour = mpl.rcParams[f"savefig.{prop}"] if colour is None else colour
                if not (isinstance(colour, str) and colour == "auto"):
                    before = getattr(fig, f"get_{prop}")()
                    getattr(fig, f"set_{prop}")(colour)
                    stack.callback(getattr(fig, f"set_{prop}"), before)
            background = to_rgba(fig.get_facecolor())
            if background[3] != 1:
                return None  # a see-through background: the ink cannot be told apart
            self._is_saving = True
            stack.callback(setattr, self, "_is_saving", False)
            self.draw()
            picture = np.asarray(self.buffer_rgba())
            if bbox_inches != "tight":
                return picture.copy()
            return _crop_to_ink(picture, round(pad_inches * fig.dpi))


def _is_png(filename: Any, format: str | None) -> bool:  # noqa: A002
    if format is not None:
        return format.lower() == "png"
    if isinstance(filename, str | os.PathLike):
        return os.fspath(filename).lower().endswith(".png")
    return mpl.rcParams["savefig.format"] == "png"


def _crop_to_ink(picture: np.ndarray, pad: int) -> np.ndarray | None:
    """``picture`` cut to where it differs from its corner's colour, plus ``pad`` pixels.

    None if the ink reaches an edge (something may lie beyond the figure) or the corner
    itself is ink (the figure's edge is drawn).
    """
    pixels = picture.view(np.uint32)[:, :, 0]
    background = pixels[0, 0]
    ink = pixels != background
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    height, width = pixels.shape
    if rows.size == 0:
        return picture.copy()
    if rows[0] == 0 or cols[0] == 0 or rows[-1] == height - 1 or cols[-1] == width - 1:
        return None
    top, bottom, left, right = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
    out = np.empty((bottom - top + 2 * pad, right - left + 2 * pad, 4), dtype=np.uint8)
    out.view(np.uint32)[:, :, 0] = background
    out[pad : pad + bottom - top, pad : pad + right - left] = picture[top:bottom, left:right]
    return out


def describe_figure(fig: Figure) -> str:
    """A text alternative for a chart, from its titles and axis labels, for screen readers.

    For example: ``Chart: Accuracy by method. Across: method; up: accuracy (%).`` A chart
    of several panels is described panel by panel. Colour bars and empty axes are left out.
    """
    sentences = []
    suptitle = fig.get_suptitle() if hasattr(fig, "get_suptitle") else ""
    if suptitle:
        sentences.append(f"{suptitle.strip()}.")
    for ax in fig.axes:
        if not ax.get_visible() or ax.get_label() == "<colorbar>":
            continue
        title = " ".join(
            t for t in (ax.get_title("left"), ax.get_title(), ax.get_title("right")) if t
        )
        axes = "; ".join(
            f"{where}: {label.strip()}"
            for where, label in (("Across", ax.get_xlabel()), ("up", ax.get_ylabel()))
            if label.strip()
        )
        if title or axes:
            sentences.append(
                f"{title.strip() or 'A chart'}."
                + (f" {axes[0].upper() + axes[1:]}." if axes else "")
            )
    return "Chart: " + (" ".join(sentences) if sentences else "no title.")


class CourseFigure(Figure):
    """A course chart: shown in a notebook as its picture followed by a text description.

    JupyterLab gives a picture output no alt text, so screen-reader users would hear only
    "image". Each course chart is therefore followed by a short description (its titles and
    axes, :func:`describe_figure`) that screen readers read and that is not drawn on screen.
    """

    def _ipython_display_(self) -> None:
        from IPython.core.pylabtools import print_figure

        png = print_figure(self, "png", bbox_inches="tight", base64=True)
        show_chart(png, describe_figure(self), repr(self))


def show_chart(png: str, description: str, plain: str = "<chart>") -> None:
    """Show a chart's picture (PNG, base64) and then its description for screen readers."""
    from IPython.display import display

    display({"image/png": png, "text/plain": plain}, raw=True)
    display(
        {
            "text/html": f'<p class="aic-figure-text" style="{SCREEN_READER_ONLY}">'
            f"{html.escape(description)}</p>",
            "text/plain": description,
        },
        raw=True,
    )


#: CSS for text that screen readers read but the page does not draw (the usual "sr-only").
SCREEN_READER_ONLY = (
    "position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;"
    "clip:rect(0,0,0,0);white-space:nowrap;border:0"
)


def new_figure(figsize: tuple[float, float] | None = None) -> Figure:
    """A new figure that pyplot does not track, laid out by constrained layout.

    Figures made here are not registered with pyplot, so a notebook shows each one once
    (as the cell's result) and a widget that redraws does not pile up open figures. Its
    PNG is drawn in one pass (:class:`OnePassCanvas`), which keeps widgets responsive.
    Call it inside ``course_style()`` so the new figure takes the course's sizes.
    """
    fig = CourseFigure(figsize=figsize or mpl.rcParams["figure.figsize"], layout="constrained")
    OnePassCanvas(fig)
    return fig


def new_axes(ax: Axes | None = None, *, figsize: tuple[float, float] | None = None) -> Axes:
    """Return ``ax`` if given, or the axes of a new figure (:func:`new_figure`).

    Call it inside ``course_style()`` so the new figure takes the course's sizes.
    """
    if ax is not None:
        return ax
    return new_figure(figsize).add_subplot()


def figure_of(ax: Axes) -> Figure:
    """The figure an axes belongs to (what a plot helper returns for the notebook to show)."""
    fig = ax.get_figure()
    if not isinstance(fig, Figure):
        raise TypeError("these axes are not on a figure")
    return fig
