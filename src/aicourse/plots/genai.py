"""Charts for Foundations week 4: temperature side by side, how often the model makes things
up, and a map of words by meaning."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from aicourse.meaning import MeaningMap, PlacedWord
from aicourse.plots.language import _plain, _token_label
from aicourse.style import CYCLE, PALETTE, TEXT_COLOUR, course_style, figure_of, new_axes

#: Marker shapes for the map's topics, so topics differ by shape as well as colour.
_MARKERS: tuple[str, ...] = ("o", "s", "^", "D", "v", "P")


def _require(table: pd.DataFrame, columns: set[str], what: str) -> None:
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"expected {what} as a table, got {type(table).__name__}")
    missing = columns - set(table.columns)
    if missing:
        raise ValueError(f"{what} is missing columns: {sorted(missing)}")
    if table.empty:
        raise ValueError(f"{what} is empty")


def _wrap(title: str, width: int = 48) -> str:
    """A long title over two lines, so it fits above the chart."""
    return "\n".join(textwrap.wrap(title, width))


def _spread(
    x: np.ndarray, y: np.ndarray, words: list[str], size: tuple[float, float], ranges: tuple
) -> np.ndarray:
    """Vertical label offsets (in points) that keep the words' labels from overlapping.

    Each label starts just above and right of its point; labels whose boxes overlap are
    pushed apart vertically, a little at a time, for a fixed number of rounds (so the
    result is the same every time).
    """
    (x0, x1), (y0, y1) = ranges
    px = (x - x0) / (x1 - x0) * size[0] * 72
    py = (y - y0) / (y1 - y0) * size[1] * 72
    widths = np.array([6.2 * len(w) + 6 for w in words])
    height = 13.0
    offset = np.full(len(words), 2.0)
    for _ in range(300):
        moved = False
        top = py + offset
        for i in range(len(words)):
            for j in range(i + 1, len(words)):
                overlap_x = min(px[i] + widths[i], px[j] + widths[j]) - max(px[i], px[j])
                gap = abs(top[i] - top[j])
                if overlap_x > 0 and gap < height:
                    push = (height - gap) / 2 + 0.5
                    up, down = (i, j) if (top[i], j) >= (top[j], i) else (j, i)
                    offset[up] += push
                    offset[down] -= push
                    top = py + offset
                    moved = True
        if not moved:
            break
    return offset


def _temperature_name(t: float) -> str:
    if t == 0:
        return "0 (always the likeliest)"
    return f"{t:g}"


def temperature_chart(
    table: pd.DataFrame,
    context: str | None = None,
    ax: Axes | None = None,
    title: str | None = None,
) -> Figure:
    """The likeliest next tokens' chances at several temperatures, as grouped bars.

    ``table`` comes from :func:`aicourse.meaning.temperature_table` (columns
    ``temperature``, ``token``, ``probability``). One group of bars per token, likeliest
    at the top; one colour per temperature. ``context`` names the words the chances follow.
    """
    _require(table, {"temperature", "token", "probability"}, "the temperature table")
    temperatures = list(dict.fromkeys(float(t) for t in table["temperature"]))
    tokens = list(dict.fromkeys(str(t) for t in table["token"]))
    with course_style():
        ax = new_axes(ax, figsize=(7.5, 0.55 * len(tokens) * len(temperatures) / 2 + 2.2))
        height = 0.8 / len(temperatures)
        for i, t in enumerate(temperatures):
            rows = table[table["temperature"] == t].set_index("token")
            values = [100 * float(rows["probability"].get(tok, 0.0)) for tok in tokens]
            positions = [k + (i - (len(temperatures) - 1) / 2) * height for k in range(len(tokens))]
            bars = ax.barh(
                positions,
                values,
                height=height * 0.95,
                color=CYCLE[i % len(CYCLE)],
                label=f"Temperature {_temperature_name(t)}",
            )
            ax.bar_label(bars, labels=[f"{v:.0f}%" for v in values], padding=3, fontsize=10)
        ax.set_yticks(range(len(tokens)), [_token_label(tok) for tok in tokens])
        ax.invert_yaxis()
        ax.set_xlim(0, 112)
        ax.xaxis.set_major_formatter(PercentFormatter())
        ax.grid(axis="y", visible=False)
        ax.set_xlabel("Chance the model picks this token next")
        ax.set_ylabel("Possible next token")
        if title is None:
            where = f'after "{context}"' if context else "next"
            title = f"What comes {where}, at each temperature"
        ax.set_title(_plain(_wrap(title)))
        ax.legend(loc="lower right", fontsize=10)
        return figure_of(ax)


def invention_chart(
    rates: pd.DataFrame,
    ax: Axes | None = None,
    title: str = "Higher temperature, more made-up writing",
) -> Figure:
    """Share of the model's writing that is nowhere in its training text, by temperature.

    ``rates`` comes from :func:`aicourse.meaning.invention_rates` (columns
    ``temperature`` and ``share_made_up``). Each point is labelled with its percentage.
    """
    _require(rates, {"temperature", "share_made_up"}, "the table of rates")
    with course_style():
        ax = new_axes(ax)
        x = [float(t) for t in rates["temperature"]]
        y = [100 * float(s) for s in rates["share_made_up"]]
        ax.plot(x, y, marker="o", color=PALETTE["vermillion"])
        for xi, yi in zip(x, y, strict=True):
            ax.annotate(
                f"{yi:.0f}%", (xi, yi), textcoords="offset points", xytext=(0, 9), ha="center"
            )
        ax.set_ylim(0, 110)
        ax.set_xlim(min(x) - 0.1, max(x) + 0.1)
        ax.set_xticks(x)
        ax.yaxis.set_major_formatter(PercentFormatter())
        ax.set_xlabel("Temperature (0 = always the likeliest token)")
        ax.set_ylabel("Writing not in the training text")
        ax.set_title(_wrap(title))
        return figure_of(ax)


def meaning_map_chart(
    meaning: MeaningMap,
    placed: PlacedWord | None = None,
    ax: Axes | None = None,
    title: str = "Words placed by meaning",
) -> Figure:
    """The map's words as labelled points, one colour and shape per topic.

    ``meaning`` comes from :func:`aicourse.meaning.meaning_map`. If ``placed`` (from
    :func:`aicourse.meaning.place_word`) is given and known, it is drawn as a star with
    dashed lines to the map's words closest to it in meaning; if the word is unknown, a
    note says so.
    """
    if not isinstance(meaning, MeaningMap):
        raise TypeError(f"expected a map from meaning_map, got {type(meaning).__name__}")
    if placed is not None and not isinstance(placed, PlacedWord):
        raise TypeError(f"expected a word from place_word, got {type(placed).__name__}")
    words = meaning.words
    with course_style():
        ax = new_axes(ax, figsize=(8.0, 6.0))
        for i, (topic, group) in enumerate(words.groupby("topic", sort=False)):
            ax.scatter(
                group["x"],
                group["y"],
                s=70,
                color=CYCLE[i % len(CYCLE)],
                marker=_MARKERS[i % len(_MARKERS)],
                label=topic,
                zorder=3,
            )
        x = words["x"].to_numpy(dtype=float)
        y = words["y"].to_numpy(dtype=float)
        pad_x, pad_y = 0.15 * np.ptp(x), 0.15 * np.ptp(y)
        ranges = ((x.min() - pad_x, x.max() + pad_x), (y.min() - pad_y, y.max() + pad_y))
        offsets = _spread(x, y, list(words["word"]), (5.5, 4.8), ranges)
        for word, xi, yi, dy in zip(words["word"], x, y, offsets, strict=True):
            ax.annotate(
                word,
                (xi, yi),
                textcoords="offset points",
                xytext=(7, dy),
                va="bottom" if dy >= 0 else "top",
                fontsize=10,
                color=TEXT_COLOUR,
                arrowprops={
                    "arrowstyle": "-",
                    "color": "#999999",
                    "linewidth": 0.6,
                    "shrinkA": 0,
                    "shrinkB": 0,
                    "patchA": None,
                }
                if abs(dy) > 8
                else None,
            )
        ax.set_xlim(*ranges[0])
        ax.set_ylim(*ranges[1])
        if placed is not None and placed.known:
            px, py = placed.x, placed.y
            lookup = words.set_index("word")
            for near in placed.nearest_on_map["word"]:
                ax.plot(
                    [px, lookup.loc[near, "x"]],
                    [py, lookup.loc[near, "y"]],
                    linestyle="--",
                    linewidth=1.2,
                    color=TEXT_COLOUR,
                    zorder=2,
                )
            ax.scatter(
                [px],
                [py],
                s=260,
                marker="*",
                color=TEXT_COLOUR,
                zorder=4,
                label=f'Your word: "{placed.word}"',
            )
            ax.annotate(
                placed.word,
                (px, py),
                textcoords="offset points",
                xytext=(8, -14),
                fontsize=12,
                fontweight="bold",
                color=TEXT_COLOUR,
            )
        elif placed is not None:
            ax.text(
                0.5,
                0.03,
                f'"{placed.word}" is not a word the search knows, so it has no place on the map',
                transform=ax.transAxes,
                ha="center",
                fontsize=11,
                color=PALETTE["vermillion"],
            )
        ax.set_xlabel("Meaning direction 1 (no units)")
        ax.set_ylabel("Meaning direction 2 (no units)")
        ax.set_title(title)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=10, title="Topic")
        return figure_of(ax)
