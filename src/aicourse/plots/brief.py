"""Drawing the Week 5 use-case brief: one A4 page, and the two small charts on it.

The page takes plain content (:class:`BriefContent`: a title, a few key facts, text sections
in two columns, and the inputs for the charts), so it knows nothing about how a learner's
answers were collected or checked (that is :mod:`aicourse.capstone`).

Text is wrapped to the column width by measuring each character in the course font, and a
section that does not fit is shortened with an ellipsis, so nothing runs off the page. All
text is drawn without maths parsing, so a "$" a learner types stays a dollar sign.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import FancyBboxPatch, Rectangle

from aicourse.plots.adoption import LEVEL_COLOURS, risk_matrix_chart
from aicourse.style import (
    PALETTE,
    TEXT_COLOUR,
    CourseFigure,
    course_style,
    figure_of,
    new_axes,
    new_figure,
)

#: A4 portrait, in inches.
PAGE_SIZE: tuple[float, float] = (8.27, 11.69)

#: What the page prints where a part is not filled in yet.
NOT_FILLED = "(not filled in yet)"

_MARGIN = 0.6  # inches, left and right
_GREY = "#666666"  # 5.7:1 on white
_RULE = "#BBBBBB"
_WARN = "#8A1C00"  # dark vermillion, 8.6:1 on white
_ELLIPSIS = "…"


@dataclass(frozen=True)
class BriefContent:
    """Everything on the brief, as plain values; ``None`` marks a part not filled in yet.

    ``facts`` are (label, value) pairs shown as boxes under the title. ``level`` colours the
    "Risk level" box (one of Low, Medium, High, or None); ``level_note`` is shown under it
    (for example where the stated level differs from the matrix). ``left`` and ``right`` are
    the two columns of (heading, text) sections; ``closing`` is one section across the foot of
    the page (for the first step), or None. ``likelihood`` and ``impact`` place the mark
    on the risk matrix; ``measure_*`` feed the benefit chart. ``missing`` lists the labels of
    parts not filled in yet, for the footer.
    """

    title: str | None
    subtitle: str | None
    facts: tuple[tuple[str, str | None], ...]
    level: str | None
    level_note: str
    left: tuple[tuple[str, str | None], ...]
    right: tuple[tuple[str, str | None], ...]
    closing: tuple[str, str | None] | None
    likelihood: str | None
    impact: str | None
    measure_label: str | None
    measure_now: float | None
    measure_target: float | None
    missing: tuple[str, ...]


# --- Measuring and wrapping text ---------------------------------------------------------


@lru_cache(maxsize=1)
def _renderer() -> RendererAgg:
    return RendererAgg(8, 8, 72)  # at 72 dpi, one pixel is one point


@lru_cache(maxsize=4096)
def _char_width(char: str, size: float, bold: bool) -> float:
    """Width of one character in points, in the course font."""
    prop = FontProperties(size=size, weight="bold" if bold else "normal")
    width, _, _ = _renderer().get_text_width_height_descent(char, prop, ismath=False)
    return float(width)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of ``text`` in points at font ``size``, with a small margin for kerning."""
    return 1.01 * sum(_char_width(c, size, bold) for c in text)


#: Characters of one text that are wrapped at most: more than a whole page can show, so
#: very long text (even a hostile one) is shortened quickly rather than measured in full.
MAX_CHARS = 4000


def wrap_text(text: str, width_pt: float, size: float, bold: bool = False) -> list[str]:
    """Split ``text`` into lines no wider than ``width_pt`` points (long words are broken).

    Only the first :data:`MAX_CHARS` characters are wrapped.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a string, got {type(text).__name__}")
    if width_pt <= 0:
        raise ValueError(f"width_pt must be positive, got {width_pt}")
    lines: list[str] = []
    for paragraph in text[:MAX_CHARS].splitlines() or [""]:
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if text_width(candidate, size, bold) <= width_pt:
                line = candidate
                continue
            if line:
                lines.append(line)
            while text_width(word, size, bold) > width_pt:  # a very long word: break it
                cut = max(1, _fit(word, width_pt, size, bold))
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines


def _fit(text: str, width_pt: float, size: float, bold: bool) -> int:
    """How many leading characters of ``text`` fit in ``width_pt``."""
    total = 0.0
    for i, c in enumerate(text):
        total += 1.01 * _char_width(c, size, bold)
        if total > width_pt:
            return i
    return len(text)


def shorten_lines(
    lines: list[str], max_lines: int, width_pt: float, size: float, bold: bool = False
) -> list[str]:
    """At most ``max_lines`` lines; if some are cut, the last kept line ends with "…"."""
    if max_lines < 1:
        raise ValueError(f"max_lines must be at least 1, got {max_lines}")
    if len(lines) <= max_lines:
        return list(lines)
    kept = list(lines[:max_lines])
    last = kept[-1].rstrip(" ,;:.")
    while last and text_width(last + _ELLIPSIS, size, bold) > width_pt:
        last = last[: last.rfind(" ")] if " " in last else last[:-1]
        last = last.rstrip(" ,;:.")
    kept[-1] = last + _ELLIPSIS
    return kept


# --- The two charts ----------------------------------------------------------------------

#: The largest figure the benefit chart draws (a trillion): larger ones are not realistic.
MAX_FIGURE = 1e12


def figure_text(value: float) -> str:
    """A figure as the brief prints it: 9, 1,800 or 12.5."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def benefit_chart(
    label: str | None,
    now: float | None,
    target: float | None,
    ax: Axes | None = None,
) -> Figure:
    """Today's figure and the target for the benefit measure, as two labelled bars.

    ``label`` (what is counted) labels the axis, shortened to two lines. Missing figures are
    left out and the chart says they are not filled in yet.

    Raises:
        ValueError: if a figure is not a finite number below :data:`MAX_FIGURE` in size.
    """
    for name, value in (("now", now), ("target", target)):
        if value is not None and not (
            isinstance(value, (int, float)) and math.isfinite(value) and abs(value) < MAX_FIGURE
        ):
            raise ValueError(f"{name} must be a number smaller than {MAX_FIGURE:g}, got {value!r}")
    with course_style():
        ax = new_axes(ax, figsize=(4.0, 2.6))
        bars = [("Today", now, PALETTE["orange"]), ("Target", target, PALETTE["blue"])]
        known = [v for _, v, _ in bars if v is not None]
        top = max([abs(v) for v in known] + [1.0])
        for i, (_, value, colour) in enumerate(bars):
            if value is None:
                ax.text(0, i, f"  {NOT_FILLED}", va="center", color=_GREY, fontsize=9)
                continue
            ax.barh(i, value, color=colour, height=0.6)
            ax.text(
                value + 0.02 * top,
                i,
                figure_text(value),
                va="center",
                fontsize=10,
                fontweight="bold",
                color=TEXT_COLOUR,
                parse_math=False,
            )
        ax.set_yticks([0, 1], [name for name, _, _ in bars])
        ax.set_ylim(1.6, -0.6)
        ax.set_xlim(min(0.0, *known) * 1.25 if known else 0.0, top * 1.3)
        if not known:
            ax.set_xticks([])
        ax.grid(axis="y", visible=False)
        ax.set_ylabel("When", fontsize=9)
        width_pt = 1.1 * ax.get_position().width * ax.figure.get_figwidth() * 72
        shown = shorten_lines(wrap_text(label or NOT_FILLED, width_pt, 9), 2, width_pt, 9)
        ax.set_xlabel("\n".join(shown), fontsize=9, parse_math=False)
        ax.tick_params(labelsize=9)
        if now is not None and target is not None and now != 0:
            change = (target - now) / abs(now)
            way = "down" if change < 0 else "up"
            ax.set_title(f"Benefit measure: target {way} {abs(change):.0%}", fontsize=11)
        else:
            ax.set_title("Benefit measure: today and target", fontsize=11)
        return figure_of(ax)


def _risk_panel(ax: Axes, likelihood: str | None, impact: str | None) -> None:
    """The course's risk matrix, with the position marked, sized for the brief."""
    marked = likelihood is not None and impact is not None
    risk_matrix_chart(likelihood if marked else None, impact if marked else None, ax=ax)
    legend = ax.get_legend()
    if legend is not None:
        legend.remove()  # every cell names its level, and the page has no room beside it
    ax.set_title(
        f"Risk position: {likelihood} x {impact}" if marked else "Risk position: not chosen yet",
        fontsize=11,
    )
    ax.tick_params(labelsize=9)
    ax.xaxis.label.set_fontsize(9)
    ax.yaxis.label.set_fontsize(9)
    for text in ax.texts:  # the level names, and "Your rating"
        limit = 9.5 if text.get_text() in LEVEL_COLOURS else 6.5
        text.set_fontsize(min(text.get_fontsize(), limit))


def brief_charts(content: BriefContent) -> Figure:
    """The brief's two charts side by side: the risk position and the benefit measure."""
    if not isinstance(content, BriefContent):
        raise TypeError(f"content must be a BriefContent, got {type(content).__name__}")
    with course_style():
        fig = new_figure((8.0, 3.1))
        left, right = fig.subplots(1, 2, width_ratios=(1, 1.3))
        _risk_panel(left, content.likelihood, content.impact)
        benefit_chart(content.measure_label, content.measure_now, content.measure_target, ax=right)
        return fig


# --- The page ----------------------------------------------------------------------------


class _Page:
    """Draws on a figure in inches from the top-left corner of the page."""

    def __init__(self, fig: Figure) -> None:
        self.fig = fig
        self.width, self.height = PAGE_SIZE

    def text(self, x: float, y: float, s: str, size: float, **kw: object) -> None:
        """Text whose top-left is ``x`` inches from the left and ``y`` from the top."""
        self.fig.text(
            x / self.width,
            1 - y / self.height,
            s,
            fontsize=size,
            va="top",
            ha=kw.pop("ha", "left"),
            parse_math=False,
            **kw,
        )

    def box(self, x: float, y: float, w: float, h: float, face: str, edge: str) -> None:
        """A rounded box, top-left at (``x``, ``y``) inches, ``w`` by ``h`` inches."""
        self.fig.patches.append(
            FancyBboxPatch(
                (x / self.width, 1 - (y + h) / self.height),
                w / self.width,
                h / self.height,
                boxstyle="round,pad=0,rounding_size=0.006",
                transform=self.fig.transFigure,
                facecolor=face,
                edgecolor=edge,
                linewidth=1,
            )
        )

    def rule(self, y: float, colour: str = _RULE, height: float = 0.012) -> None:
        """A thin line across the page at ``y`` inches from the top."""
        self.fig.patches.append(
            Rectangle(
                (_MARGIN / self.width, 1 - (y + height) / self.height),
                (self.width - 2 * _MARGIN) / self.width,
                height / self.height,
                transform=self.fig.transFigure,
                facecolor=colour,
                edgecolor="none",
            )
        )

    def axes(self, x: float, y: float, w: float, h: float) -> Axes:
        """Axes whose plotting area has its top-left at (``x``, ``y``) inches."""
        return self.fig.add_axes(
            (x / self.width, 1 - (y + h) / self.height, w / self.width, h / self.height)
        )


_BODY = 8.5  # points
_SPACING = 1.32  # line spacing, in lines
_LINE = _SPACING * _BODY / 72  # inches per body line
_HEAD = 10.5
_HEAD_GAP = 0.2  # inches from a heading's top to its first body line
_SECTION_GAP = 0.11


def _column(
    page: _Page,
    x: float,
    top: float,
    bottom: float,
    width: float,
    sections: Sequence[tuple[str, str | None]],
) -> None:
    """Draw sections (a heading, then wrapped text) from ``top`` down, fitting above ``bottom``.

    If the text does not fit, the longest sections lose lines first (each keeps at least
    two), and a shortened section ends with "…".
    """
    width_pt = width * 72
    wrapped = [
        wrap_text(text, width_pt, _BODY) if text is not None else [NOT_FILLED]
        for _, text in sections
    ]
    fixed = len(sections) * (_HEAD_GAP + _SECTION_GAP)
    budget = max(len(sections), int((bottom - top - fixed) / _LINE))
    caps = [len(lines) for lines in wrapped]
    while sum(caps) > budget and max(caps) > 2:
        caps[caps.index(max(caps))] -= 1
    y = top
    for (heading, text), lines, cap in zip(sections, wrapped, caps, strict=True):
        page.text(x, y, heading.upper(), _HEAD - 1.5, color=PALETTE["blue"], fontweight="bold")
        y += _HEAD_GAP
        shown = shorten_lines(lines, cap, width_pt, _BODY)
        style = {"color": _GREY, "style": "italic"} if text is None else {"color": TEXT_COLOUR}
        page.text(x, y, "\n".join(shown), _BODY, linespacing=_SPACING, **style)
        y += len(shown) * _LINE + _SECTION_GAP


def brief_page(content: BriefContent) -> Figure:
    """The one-page A4 brief: header, key facts, the two charts, then two columns of text.

    Parts not filled in yet print "(not filled in yet)", and the footer lists them, so a
    learner can preview the page early.
    """
    if not isinstance(content, BriefContent):
        raise TypeError(f"content must be a BriefContent, got {type(content).__name__}")
    with course_style():
        fig = CourseFigure(figsize=PAGE_SIZE)  # shown with a text description
        page = _Page(fig)
        inner = page.width - 2 * _MARGIN

        # Header: a coloured band, a kicker, the title and the team.
        page.fig.patches.append(
            Rectangle(
                (0, 1 - 0.16 / page.height),
                1,
                0.16 / page.height,
                transform=fig.transFigure,
                facecolor=PALETTE["blue"],
                edgecolor="none",
            )
        )
        page.text(_MARGIN, 0.42, "AI USE CASE PROPOSAL", 9, color=PALETTE["blue"], weight="bold")
        title = content.title or "Untitled use case " + NOT_FILLED
        title_lines = shorten_lines(wrap_text(title, inner * 72, 20, True), 2, inner * 72, 20, True)
        page.text(_MARGIN, 0.64, "\n".join(title_lines), 20, weight="bold", linespacing=1.15)
        y = 0.64 + len(title_lines) * 0.34 + 0.06
        team = content.subtitle or "Agency and team " + NOT_FILLED
        team = shorten_lines(wrap_text(team, inner * 72, 12), 1, inner * 72, 12)[0]
        page.text(_MARGIN, y, team, 12, color=_GREY if content.subtitle is None else TEXT_COLOUR)
        y += 0.36
        page.rule(y)
        y += 0.16

        # Key facts: one box each.
        gap = 0.15
        n = max(1, len(content.facts))
        box_w = (inner - gap * (n - 1)) / n
        box_h = 0.62
        for i, (label, value) in enumerate(content.facts):
            x = _MARGIN + i * (box_w + gap)
            face, ink = "#F4F6F8", TEXT_COLOUR
            if label == "Risk level" and content.level in LEVEL_COLOURS:
                face, ink = LEVEL_COLOURS[content.level]
            page.box(x, y, box_w, box_h, face, _RULE)
            page.text(x + 0.12, y + 0.08, label.upper(), 7.5, color=ink, weight="bold")
            room = (box_w - 0.24) * 72
            if value is None:
                page.text(x + 0.12, y + 0.28, NOT_FILLED, 10, color=ink, style="italic")
            else:
                size = next((z for z in (12, 11, 10) if text_width(value, z, True) <= room), 10)
                shown = shorten_lines(wrap_text(value, room, size, True), 1, room, size, True)[0]
                page.text(x + 0.12, y + 0.27, shown, size, color=ink, weight="bold")
            if label == "Risk level" and content.level_note:
                page.text(x + 0.12, y + 0.46, content.level_note, 7.5, color=ink)
        y += box_h + 0.38

        # The two charts.
        chart_h = 1.95
        risk_ax = page.axes(_MARGIN + 0.95, y, chart_h, chart_h)
        _risk_panel(risk_ax, content.likelihood, content.impact)
        benefit_chart(
            content.measure_label,
            content.measure_now,
            content.measure_target,
            ax=page.axes(_MARGIN + 4.05, y + 0.05, 2.85, 1.2),
        )
        y += chart_h + 0.52
        page.rule(y)
        y += 0.16

        # Two columns of text, the closing section across the page, then the footer.
        bottom = page.height - 0.75
        if content.closing is not None:
            heading, text = content.closing
            lines = wrap_text(text, (inner - 0.3) * 72, _BODY) if text is not None else []
            lines = shorten_lines(lines or [NOT_FILLED], 3, (inner - 0.3) * 72, _BODY)
            box_h = _HEAD_GAP + len(lines) * _LINE + 0.2
            bottom -= box_h + 0.12
            page.box(_MARGIN, bottom + 0.12, inner, box_h, "#EAF1FA", "#EAF1FA")
            _column(
                page,
                _MARGIN + 0.15,
                bottom + 0.22,
                bottom + 0.12 + box_h,
                inner - 0.3,
                [(heading, text)],
            )
        col_w = (inner - 0.35) / 2
        _column(page, _MARGIN, y, bottom, col_w, content.left)
        _column(page, _MARGIN + col_w + 0.35, y, bottom, col_w, content.right)
        page.rule(page.height - 0.62)
        page.text(
            _MARGIN,
            page.height - 0.5,
            "AI Foundations · Week 5 · an AI use case proposal for discussion",
            7.5,
            color=_GREY,
        )
        if content.missing:
            note = "Still to fill in: " + ", ".join(content.missing)
            note = shorten_lines(wrap_text(note, 3.3 * 72, 7.5), 1, 3.3 * 72, 7.5)[0]
            colour = _WARN
        else:
            note, colour = "Every part is filled in", _GREY
        page.text(page.width - _MARGIN, page.height - 0.5, note, 7.5, color=colour, ha="right")
        return fig


__all__ = [
    "MAX_CHARS",
    "MAX_FIGURE",
    "NOT_FILLED",
    "PAGE_SIZE",
    "BriefContent",
    "benefit_chart",
    "figure_text",
    "brief_charts",
    "brief_page",
    "shorten_lines",
    "text_width",
    "wrap_text",
]
