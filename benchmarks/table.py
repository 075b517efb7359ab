"""One row per figure, with its target; printed as one Markdown table.

Every benchmark section returns :class:`Row` objects. A row holds one number, its unit,
the target it is judged against (if the issue sets one) and the verdict: ``met``,
``missed``, or ``n/a`` (no target, or a reduced run that cannot be judged).
"""

from __future__ import annotations

import json
import statistics
from dataclasses import asdict, dataclass

#: Verdicts a row can carry.
MET, MISSED, NA = "met", "missed", "n/a"
#: Written in the target column when issue 9 sets no target for a figure.
NO_TARGET = "none set"


@dataclass(frozen=True)
class Row:
    """One figure: what was measured, its value and unit, and the target it is judged by."""

    section: str
    item: str
    measure: str
    value: float
    unit: str
    target: str = NO_TARGET
    verdict: str = NA

    def figure(self) -> str:
        """The value with its unit, e.g. ``"9.4 s"`` or ``"212 MB"``."""
        if self.unit in {"s", "min"}:
            return f"{self.value:.1f} {self.unit}"
        if self.unit == "%":
            return f"{self.value:.0f} %"
        return f"{self.value:.0f} {self.unit}"


def judged(value: float, limit: float, *, reduced: bool = False) -> str:
    """``met`` if ``value`` is under ``limit``, else ``missed``; ``n/a`` on a reduced run."""
    if reduced:
        return NA
    return MET if value < limit else MISSED


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile (0-100) by linear interpolation, as numpy's default does."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def median(values: list[float]) -> float:
    """The median of ``values``."""
    return statistics.median(values)


HEADER = ("section", "item", "measure", "figure", "target", "verdict")


def markdown(rows: list[Row]) -> str:
    """The rows as one Markdown table (readable in a terminal, pasteable into the docs)."""
    lines = [
        "| " + " | ".join(HEADER) + " |",
        "|" + "|".join("---" for _ in HEADER) + "|",
    ]
    for r in rows:
        cells = (r.section, r.item, r.measure, r.figure(), r.target, r.verdict)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def dumps(rows: list[Row]) -> str:
    """The rows as JSON (how a section run in its own process hands its rows back)."""
    return json.dumps([asdict(r) for r in rows])


def loads(text: str) -> list[Row]:
    """Rows back from :func:`dumps`."""
    return [Row(**d) for d in json.loads(text)]
