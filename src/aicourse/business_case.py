"""A business case with uncertainty: simulate the benefit of an AI tool many times over.

This is the concept core behind "a business case with uncertainty". Nobody knows in advance
exactly how many hours a tool will save, how many staff will use it, or how often its output
will need fixing. So instead of one number, each uncertain input is given a range: a low, a
most likely and a high value. The simulation draws a value for every input from its range
(a triangular distribution: most draws near the likely value, fewer towards the ends) and
works out the net benefit; it does this thousands of times, which gives a spread of outcomes
and the chance that the case pays off.

How one simulated outcome is worked out, per year:

- hours saved = ``hours_saved`` (at full use) x ``adoption`` (share of staff who use it);
- uses = ``uses_per_year`` (at full use) x ``adoption``;
- hours lost to rework = uses x ``error_rate`` x ``rework_minutes`` / 60 (each output with a
  mistake takes a person time to notice and fix);
- net benefit a year = (hours saved - hours lost to rework) x ``hourly_cost`` - ``running_cost``.

Over the whole case: net benefit = ``years`` x net benefit a year - ``build_cost``, in New
Zealand dollars, not discounted. It "pays off" when that is above zero.

The same seed always gives the same underlying random numbers, and each input is drawn from
its own fixed share of them, so changing one input moves every simulated outcome the same
way: raising the rework time can only lower each outcome. This makes comparisons between
settings fair (the method is called "common random numbers").
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

import numpy as np
import pandas as pd

from aicourse import SEED

Range = tuple[float, float, float]

#: Inputs that are drawn from a (low, likely, high) range, in the order they are drawn.
UNCERTAIN: tuple[str, ...] = (
    "hours_saved",
    "adoption",
    "error_rate",
    "rework_minutes",
    "build_cost",
    "running_cost",
)

#: Inputs that are shares, so must stay between 0 and 1.
_SHARES = ("adoption", "error_rate")


@dataclass(frozen=True)
class BusinessCaseInputs:
    """The inputs to a business case: ranges (low, likely, high) for what is uncertain.

    The defaults describe a generative AI tool that drafts replies to enquiries at the
    Community Services Agency (invented but plausible numbers):

    - ``hours_saved``: staff hours saved a year if every intended user used it;
    - ``adoption``: the share of intended users who actually use it (0 to 1);
    - ``uses_per_year``: drafts it would write a year at full use (a fixed number);
    - ``error_rate``: share of drafts with a mistake that must be fixed (0 to 1);
    - ``rework_minutes``: minutes to notice and fix one mistake;
    - ``hourly_cost``: cost of an hour of staff time, salary plus overheads (fixed, $);
    - ``build_cost``: one-off cost to buy or build, set up and train staff ($);
    - ``running_cost``: yearly licences, computing, support and monitoring ($);
    - ``years``: how many years the case counts benefits over (a whole number).
    """

    hours_saved: Range = (5_000.0, 9_000.0, 12_000.0)
    adoption: Range = (0.35, 0.65, 0.85)
    uses_per_year: float = 60_000.0
    error_rate: Range = (0.04, 0.10, 0.25)
    rework_minutes: Range = (5.0, 12.0, 30.0)
    hourly_cost: float = 55.0
    build_cost: Range = (180_000.0, 260_000.0, 450_000.0)
    running_cost: Range = (50_000.0, 80_000.0, 130_000.0)
    years: int = 3

    def __post_init__(self) -> None:
        for name in UNCERTAIN:
            value = getattr(self, name)
            if not isinstance(value, tuple) or len(value) != 3:
                raise TypeError(f"{name} must be a (low, likely, high) triple, got {value!r}")
            for v in value:
                if isinstance(v, bool) or not isinstance(v, (int, float, np.integer, np.floating)):
                    raise TypeError(f"{name} must hold three numbers, got {value!r}")
            low, likely, high = value
            if not low <= likely <= high:
                raise ValueError(f"{name} must be in the order (low, likely, high), got {value!r}")
            if low < 0:
                raise ValueError(f"{name} cannot be negative, got {value!r}")
            if name in _SHARES and high > 1:
                raise ValueError(f"{name} is a share, so must be between 0 and 1, got {value!r}")
        for name in ("uses_per_year", "hourly_cost"):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, (int, float, np.integer, np.floating)):
                raise TypeError(f"{name} must be a number, got {v!r}")
            if v < 0:
                raise ValueError(f"{name} cannot be negative, got {v!r}")
        if isinstance(self.years, bool) or not isinstance(self.years, (int, np.integer)):
            raise TypeError(f"years must be a whole number, got {self.years!r}")
        if not 1 <= self.years <= 20:
            raise ValueError(f"years must be between 1 and 20, got {self.years}")

    def with_likely(self, **likely: float) -> BusinessCaseInputs:
        """A copy with new most-likely values, keeping each range's spread in proportion.

        For example ``with_likely(adoption=0.4)`` on the default (0.35, 0.65, 0.85) scales the
        whole range by 0.4 / 0.65. Shares are capped at 1. Fixed inputs (``uses_per_year``,
        ``hourly_cost``, ``years``) are set as given.
        """
        known = {f.name for f in fields(self)}
        unknown = sorted(set(likely) - known)
        if unknown:
            raise ValueError(
                f"unknown inputs {unknown}; the inputs are: {', '.join(sorted(known))}"
            )
        changes: dict[str, Any] = {}
        for name, new in likely.items():
            if name not in UNCERTAIN:
                changes[name] = new
                continue
            if isinstance(new, bool) or not isinstance(new, (int, float, np.integer, np.floating)):
                raise TypeError(f"the likely {name} must be a number, got {new!r}")
            low, old, high = getattr(self, name)
            value = float(new)
            if old > 0:
                low, high = low * value / old, high * value / old
            else:
                low, high = value, value + high - low
            cap = 1.0 if name in _SHARES else float("inf")
            changes[name] = (min(low, cap), min(value, cap), min(high, cap))
        return replace(self, **changes)


def _triangular(u: np.ndarray, low: float, likely: float, high: float) -> np.ndarray:
    """Turn uniform random numbers (0 to 1) into draws from a triangular range.

    Uses the inverse of the distribution's cumulative curve, so a bigger ``u`` always gives a
    bigger draw and moving the range moves every draw the same way.
    """
    if high == low:
        return np.full_like(u, low)
    cut = (likely - low) / (high - low)
    left = low + np.sqrt(u * (high - low) * (likely - low))
    right = high - np.sqrt((1 - u) * (high - low) * (high - likely))
    return np.where(u < cut, left, right)


def simulate_business_case(
    inputs: BusinessCaseInputs | None = None, n: int = 5000, seed: int = SEED
) -> pd.DataFrame:
    """Simulate ``n`` possible outcomes of a business case (see the module docstring).

    Returns one row per simulated outcome with the drawn inputs (``hours_saved``,
    ``adoption``, ``error_rate``, ``rework_minutes``, ``build_cost``, ``running_cost``) and
    the results: ``hours_gained`` and ``hours_reworked`` (a year), ``net_per_year`` ($) and
    ``net_benefit`` ($ over the whole case). ``None`` means the default inputs.

    Raises:
        TypeError: if ``inputs`` is not BusinessCaseInputs, or ``n``/``seed`` not whole numbers.
        ValueError: if ``n`` is not between 100 and 1,000,000.
    """
    inputs = BusinessCaseInputs() if inputs is None else inputs
    if not isinstance(inputs, BusinessCaseInputs):
        raise TypeError(f"inputs must be BusinessCaseInputs, got {type(inputs).__name__}")
    for name, value in (("n", n), ("seed", seed)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            raise TypeError(f"{name} must be a whole number, got {type(value).__name__}: {value!r}")
    if not 100 <= n <= 1_000_000:
        raise ValueError(f"n must be between 100 and 1,000,000 simulations, got {n}")

    u = np.random.default_rng(seed).random((len(UNCERTAIN), n))
    draws = {name: _triangular(u[i], *getattr(inputs, name)) for i, name in enumerate(UNCERTAIN)}
    adoption = draws["adoption"]
    hours_gained = draws["hours_saved"] * adoption
    hours_reworked = (
        inputs.uses_per_year * adoption * draws["error_rate"] * draws["rework_minutes"] / 60
    )
    net_per_year = (hours_gained - hours_reworked) * inputs.hourly_cost - draws["running_cost"]
    net_benefit = inputs.years * net_per_year - draws["build_cost"]
    return pd.DataFrame(
        {
            **draws,
            "hours_gained": hours_gained,
            "hours_reworked": hours_reworked,
            "net_per_year": net_per_year,
            "net_benefit": net_benefit,
        }
    )


def summarise(sim: pd.DataFrame) -> dict[str, float]:
    """Sum up a simulation: the middle outcome, a likely range, and the chance it pays off.

    Keys: ``median`` (half the outcomes are better, half worse), ``p10`` and ``p90`` (one in
    ten outcomes is below ``p10``; one in ten is above ``p90``), ``mean``, and
    ``chance_pays_off`` (share of outcomes with a net benefit above zero). All in dollars over
    the whole case, except the chance (0 to 1).
    """
    if not isinstance(sim, pd.DataFrame):
        raise TypeError(
            f"sim must be a table from simulate_business_case, got {type(sim).__name__}"
        )
    if "net_benefit" not in sim.columns or sim.empty:
        raise ValueError("sim must be a non-empty table with a net_benefit column")
    net = sim["net_benefit"].to_numpy(dtype=float)
    p10, median, p90 = np.percentile(net, [10, 50, 90])
    return {
        "median": float(median),
        "p10": float(p10),
        "p90": float(p90),
        "mean": float(net.mean()),
        "chance_pays_off": float((net > 0).mean()),
    }
