"""Does the AI make a difference? A simple, honest time-saved calculation for triage.

Sorting messages by hand takes staff time. An automatic sorter saves that time on every
message, but each mistake costs time to notice and fix. The net saving is what is left.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass


@dataclass(frozen=True)
class TriageBenefit:
    """Hours per week: saved by automatic sorting, spent fixing its mistakes, and the net."""

    hours_saved: float
    hours_fixing: float

    @property
    def net_hours(self) -> float:
        """Hours saved minus hours spent fixing mistakes (negative means it costs time)."""
        return self.hours_saved - self.hours_fixing


def _check(name: str, value: object, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, got {value!r}")
    if not low <= value <= high:
        raise ValueError(f"{name} must be between {low:g} and {high:g}, got {value:g}")
    return float(value)


def triage_benefit(
    messages_per_week: float,
    minutes_to_sort: float,
    accuracy: float,
    minutes_to_fix_mistake: float,
) -> TriageBenefit:
    """Weekly hours saved by sorting messages automatically, net of fixing its mistakes.

    ``accuracy`` is the share sorted correctly (0 to 1). Every message saves
    ``minutes_to_sort``; every mistake costs ``minutes_to_fix_mistake`` (a message in the
    wrong queue waits, is passed on, and is sorted again).
    """
    n = _check("messages_per_week", messages_per_week, 0, 1_000_000)
    sort = _check("minutes_to_sort", minutes_to_sort, 0, 600)
    acc = _check("accuracy", accuracy, 0, 1)
    fix = _check("minutes_to_fix_mistake", minutes_to_fix_mistake, 0, 600)
    return TriageBenefit(hours_saved=n * sort / 60, hours_fixing=n * (1 - acc) * fix / 60)
