"""Service demand: applications received each week by the fictional Community Services Agency.

Used for "models decay": a forecast that was good before a policy change goes wrong after it,
and a monitoring chart catches the drop.

How the weekly count is made (the mechanism a lesson can point to):

1. **The existing group.** Applications from people who were already eligible start at
   ``BASE_LEVEL`` a week and grow steadily by ``TREND_PER_WEEK`` (the region's population
   is growing). They follow a yearly pattern with a **winter peak**: New Zealand's winter is
   June to August, when heating costs and illness push more people to ask for help. The peak
   sits in mid-July and is ``WINTER_SWING`` above the yearly average (and the same amount
   below it in mid-summer).
2. **The policy change.** From ``change_week`` eligibility is widened to working families on
   low incomes. Their applications arrive on top of the existing group's: word spreads, so
   they build up over ``RAMP_WEEKS`` weeks to ``NEW_GROUP_SHARE`` of the existing level.
   Their yearly pattern is different: they peak in late January and February, when
   back-to-school costs land, and are lowest in winter (``NEW_GROUP_SWING``). So the change
   moves both the **level** and the **seasonal pattern** of demand.
3. **Noise.** Every week's total is multiplied by a random factor with a spread of
   ``NOISE`` (about 3%), as real weeks vary for reasons nobody records, and rounded to whole
   applications.

The calendar starts on Monday 2 January 2023 (``START_DATE``), so the default two years
run to the end of 2024, and the default change at week 60 falls in late February 2024.

Columns: ``week`` (int, 1, 2, ...), ``week_start`` (date of the Monday),
``applications`` (int, total received that week), ``existing_group`` and ``new_group``
(int, applications from each group; they add up to ``applications``), ``after_change``
(bool, the policy change was in force that week).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from aicourse import SEED

#: The Monday of week 1.
START_DATE: str = "2023-01-02"

#: Applications a week from the existing group at the start, before seasonal swings.
BASE_LEVEL: float = 1000.0

#: Extra applications each week from population growth (about 100 more a year).
TREND_PER_WEEK: float = 2.0

#: The existing group's winter peak: this share above the yearly average in mid-July.
WINTER_SWING: float = 0.15

#: Day of the year when the existing group's demand peaks (mid-July, New Zealand winter).
WINTER_PEAK_DAY: int = 196

#: Once word has spread, the newly eligible group adds this share of the existing level.
NEW_GROUP_SHARE: float = 0.30

#: The newly eligible group peaks this share above its average in early February.
NEW_GROUP_SWING: float = 0.35

#: Day of the year when the newly eligible group peaks (early February, back to school).
NEW_GROUP_PEAK_DAY: int = 35

#: Weeks it takes for the newly eligible group to reach its full level.
RAMP_WEEKS: int = 4

#: Spread of the random week-to-week variation, as a share of the week's demand.
NOISE: float = 0.03

_DAYS_PER_YEAR = 365.25


def _whole(name: str, value: object) -> int:
    """Check that ``value`` is a whole number (not True/False) and return it."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be a whole number, got {type(value).__name__}: {value!r}")
    return int(value)


def _seasonal(day_of_year: np.ndarray, peak_day: float) -> np.ndarray:
    """A smooth yearly wave: +1 on ``peak_day``, -1 half a year later, 0 in between."""
    return np.cos(2 * np.pi * (np.asarray(day_of_year, dtype=float) - peak_day) / _DAYS_PER_YEAR)


def make_demand(weeks: int = 104, change_week: int = 60, seed: int = SEED) -> pd.DataFrame:
    """Make a weekly count of applications to the Community Services Agency.

    Demand has a steady upward trend, a winter peak, random week-to-week noise, and a policy
    change at ``change_week`` that widens eligibility: the level jumps and the seasonal pattern
    shifts towards a summer peak. The same arguments always give the same table. See the
    module docstring for the mechanism and the columns.

    Raises:
        TypeError: if ``weeks``, ``change_week`` or ``seed`` is not a whole number.
        ValueError: if ``weeks`` is not between 60 and 520, or ``change_week`` does not leave
            at least 52 weeks before it and 8 weeks from it to the end.
    """
    weeks = _whole("weeks", weeks)
    change_week = _whole("change_week", change_week)
    seed = _whole("seed", seed)
    if not 60 <= weeks <= 520:
        raise ValueError(f"weeks must be between 60 and 520 (about ten years), got {weeks}")
    if not 53 <= change_week <= weeks - 7:
        raise ValueError(
            "change_week must leave at least a year (52 weeks) before the change and 8 weeks "
            f"from the change to the end; with {weeks} weeks that is 53 to {weeks - 7}, "
            f"got {change_week}"
        )

    rng = np.random.default_rng(seed)
    week = np.arange(1, weeks + 1)
    starts = pd.date_range(START_DATE, periods=weeks, freq="7D")
    day = starts.dayofyear.to_numpy()

    level = BASE_LEVEL + TREND_PER_WEEK * (week - 1)
    existing = level * (1 + WINTER_SWING * _seasonal(day, WINTER_PEAK_DAY))
    ramp = np.clip((week - change_week + 1) / RAMP_WEEKS, 0.0, 1.0)
    new = (
        NEW_GROUP_SHARE * level * ramp * (1 + NEW_GROUP_SWING * _seasonal(day, NEW_GROUP_PEAK_DAY))
    )

    factor = 1 + NOISE * rng.standard_normal(weeks)
    existing_n = np.round(existing * factor).astype(int)
    new_n = np.round(new * factor).astype(int)
    return pd.DataFrame(
        {
            "week": week,
            "week_start": starts,
            "applications": existing_n + new_n,
            "existing_group": existing_n,
            "new_group": new_n,
            "after_change": week >= change_week,
        }
    )
