"""Charts for generative AI in miniature: next-token chances and search scores."""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter
from pandas.io.formats.style import Styler

from aicourse.style import PALETTE, course_style, figure_of, new_axes, new_figure

#: How punctuation tokens are labelled on a chart, so a reader can tell what they are.
_TOKEN_NAMES: dict[str, str] = {
    ".": ". (end of sentence)",
    ",": ", (comma)",
    "?": "? (question mark)",
    "$": "$ (dollar sign)",
}


def _plain(text: str) -> str:
    """Text shown as written: dollar signs must not switch matplotlib into maths mode."""
    return text.replace("$", r"\$")


def _token_label(token: str) -> str:
    return _plain(_TOKEN_NAMES.get(token, f'"{token}"'))


def next_token_chart(
    probabilities: pd.DataFrame,
    context: str | None = None,
    highlight: str | None = None,
    ax: Axes | None = None,
    title: str | None = None,
) -> Figure:
    """Horizontal bars of the likeliest next tokens and their chances, likeliest at the top.

    ``probabilities`` is a table from :func:`aicourse.language.next_token_probabilities`
    (columns ``token`` and ``probability``). ``context`` names the words the chances
    follow (shown in the title); ``highlight`` colours one token's bar, for example the
    one the model went on to pick.
    """
    missing = {"token", "probability"} - set(probabilities.columns)
    if missing:
        raise ValueError(f"the probabilities table is missing columns: {sorted(missing)}")
    if probabilities.empty:
        raise ValueError("the probabilities table is empty")
    with course_style():
        ax = new_axes(ax, figsize=(7.0, 0.45 * len(probabilities) + 1.6))
        tokens = [str(t) for t in probabilities["token"]]
        values = [100 * float(p) for p in probabilities["probability"]]
        colours = [PALETTE["orange"] if t == highlight else PALETTE["blue"] for t in tokens]
        bars = ax.barh([_token_label(t) for t in tokens], values, color=colours)
        ax.bar_label(bars, labels=[f"{v:.0f}%" for v in values], padding=4)
        ax.set_xlim(0, 115)
        ax.xaxis.set_major_formatter(PercentFormatter())
        ax.invert_yaxis()
        ax.grid(axis="y", visible=False)
        ax.set_xlabel("Chance the model picks this token next")
        ax.set_ylabel("Possible next token")
        if title is None:
            title = f'What comes after "{context}"?' if context else "What comes next?"
        ax.set_title(_plain(title))
        if highlight is not None and highlight in tokens:
            ax.legend(
                handles=[bars[tokens.index(highlight)]],
                labels=["The token the model picked"],
                loc="lower right",
            )
        return figure_of(ax)


def search_scores_chart(
    results: pd.DataFrame,
    ax: Axes | None = None,
    title: str = "How close each passage is to the question",
    threshold: float | None = None,
    xlabel: str = "Closeness in meaning (1 = about the same thing)",
) -> Figure:
    """Horizontal bars of search scores, one per passage, best at the top.

    ``results`` is a table from :func:`aicourse.language.search` or
    :func:`aicourse.language.keyword_search` (columns ``id``, ``title``, ``score``).
    ``threshold``, if given, is drawn as a dashed line (the score a grounded answer needs).
    An empty table draws an empty chart that says no passage was found.
    """
    missing = {"id", "title", "score"} - set(results.columns)
    if missing:
        raise ValueError(f"the results table is missing columns: {sorted(missing)}")
    with course_style():
        ax = new_axes(ax, figsize=(7.0, 0.5 * max(len(results), 2) + 1.6))
        labels = [_plain(f"{i}\n{t}") for i, t in zip(results["id"], results["title"], strict=True)]
        values = [float(s) for s in results["score"]]
        if values:
            colours = [PALETTE["green"]] + [PALETTE["sky"]] * (len(values) - 1)
            bars = ax.barh(labels, values, color=colours)
            ax.bar_label(
                bars, labels=[f"{v:.2f}".rstrip("0").rstrip(".") for v in values], padding=4
            )
            ax.invert_yaxis()
            top = max([*values, threshold or 0.0])
            ax.set_xlim(min(0.0, *values), top * 1.2 if top > 0 else 1.0)
        else:
            ax.set_yticks([])
            ax.set_xlim(0, 1)
            ax.text(
                0.5,
                0.5,
                "No passage found",
                ha="center",
                va="center",
                transform=ax.transAxes,
                fontsize=13,
            )
        if threshold is not None:
            ax.axvline(
                threshold,
                color=PALETTE["vermillion"],
                linestyle="--",
                linewidth=1.5,
                label=f"Needed to count as found: {threshold:.2f}",
            )
            ax.legend(loc="lower right")
        ax.grid(axis="y", visible=False)
        ax.tick_params(axis="y", labelsize=10)
        ax.set_xlabel(xlabel)
        ax.set_ylabel("Policy passage")
        ax.set_title(title)
        return figure_of(ax)


def search_comparison_chart(meaning: pd.DataFrame, keyword: pd.DataFrame) -> Figure:
    """Meaning-based search and keyword search for the same question, side by side."""
    with course_style():
        fig = new_figure((12.0, 0.5 * max(len(meaning), len(keyword), 2) + 1.8))
        left, right = fig.subplots(1, 2)
        search_scores_chart(meaning, ax=left, title="Meaning-based search")
        search_scores_chart(
            keyword,
            ax=right,
            title="Keyword search",
            xlabel="How many of the question's words\nthe passage uses",
        )
        return fig


#: Column headings for :func:`sentence_table`, in plain words.
SENTENCE_HEADINGS: dict[str, str] = {
    "written": "What the model wrote",
    "policy": "Closest policy",
    "policy_says": "What that policy says",
}


def sentence_table(table: pd.DataFrame) -> Styler:
    """Made-up sentences beside the closest real policy, as a table to read.

    ``table`` comes from :func:`aicourse.meaning.invented_sentences`. Dollar amounts show as
    written: the table carries the ``mathjax_ignore`` class, so JupyterLab does not set the
    text between two "$" signs as a formula.
    """
    missing = [c for c in SENTENCE_HEADINGS if c not in getattr(table, "columns", [])]
    if not isinstance(table, pd.DataFrame) or missing:
        raise ValueError(
            f"expected the table from meaning.invented_sentences, with columns "
            f"{list(SENTENCE_HEADINGS)}"
        )
    shown = table[list(SENTENCE_HEADINGS)].rename(columns=SENTENCE_HEADINGS)
    return (
        shown.style.hide(axis="index")
        .set_table_attributes('class="mathjax_ignore"')
        .set_properties(**{"text-align": "left"})
        .set_table_styles([{"selector": "th", "props": [("text-align", "left")]}])
        .set_uuid("w4-made-up")
    )
