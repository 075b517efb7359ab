"""Course charts. Each takes ``ax=None``, draws in the course style, labels everything, and
returns the matplotlib ``Figure`` so a notebook cell shows it once. One module per topic;
the common ones are re-exported here."""

from aicourse.plots.text import (
    accuracy_bars,
    benefit_bars,
    confidence_chart,
    confusion_heatmap,
    learning_curve_plot,
)

__all__ = [
    "accuracy_bars",
    "benefit_bars",
    "confidence_chart",
    "confusion_heatmap",
    "learning_curve_plot",
]
