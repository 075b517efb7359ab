"""Week 2's small data sets, each with something wrong that a lesson can find and explain.

All three are made up, for the fictional Community Services Agency. Names of people and
places are invented.

**1. Client records** (``make_client_records``): a short table of 16 client records, as a
team might keep in a spreadsheet. The ordinary values are drawn at random from ``seed``;
four kinds of problem are then planted at fixed places, recorded in the constants below so
that tests, self-checks and the lesson all agree on where they are, whatever the seed
(the lesson's table; the exercise's table, ``EXERCISE_PROBLEMS`` with ``EXERCISE_SEED``,
has the same four kinds of problem in other rows and columns):

- a **missing value**: row ``MISSING_ROW`` has no ``MISSING_COLUMN`` (the cell is empty);
- an **exact duplicate**: row ``DUPLICATE_ROW`` is a copy of row ``DUPLICATE_OF``, every
  column the same (the same client entered twice);
- an **impossible value**: row ``IMPOSSIBLE_ROW`` has an ``IMPOSSIBLE_COLUMN`` of
  ``IMPOSSIBLE_VALUE``, which no person can be (a typing slip);
- **inconsistent spellings**: in column ``INCONSISTENT_COLUMN`` the suburb
  ``STANDARD_SPELLING`` is also written two other ways (``VARIANT_SPELLINGS``: without the
  macron, and in lower case), so a computer counts one place as three.

Rows are numbered from 1 (the table's index, named ``row``), as a person would count them.
Columns: ``client_id`` (str, "CSA-" and four digits), ``name`` (str, invented),
``age`` (int, years), ``area`` (str, suburb), ``household_size`` (int, people),
``weekly_income`` (float, dollars a week before tax; float because pandas stores a column
with a gap that way), ``contact`` (str, how the client prefers to be contacted).

**2. Appointments** (``make_appointments``): appointments booked at the agency's offices,
and whether the client missed them. Used for "an unrepresentative sample". How each row is
made:

1. The client lives in town or in a rural area (``SETTINGS``); a share ``rural_share`` of
   clients is rural (the agency's caseload is about ``RURAL_SHARE`` rural).
2. ``distance_km``: how far the client lives from the office. Town clients live close
   (mostly under 20 km); rural clients live 15 to 120 km away.
3. ``days_waited``: days between booking and the appointment, 0 to 42, drawn the same way
   for everyone.
4. ``missed``: whether the client missed the appointment. **The reason differs by
   setting** (``miss_chance``): town clients are on a bus route, so distance hardly
   matters, but the longer they waited the more likely their plans changed (the chance
   passes one half at ``TOWN_DAYS_MIDPOINT`` days). Rural clients miss because of the
   journey: the farther away, the more likely (one half at ``RURAL_DISTANCE_MIDPOINT``
   km), however long they waited. So a model that has seen few rural clients learns the
   town pattern and applies it to everyone.

Columns: ``appointment_id`` (int), ``setting`` ("Town" or "Rural"), ``distance_km``
(float), ``days_waited`` (int), ``missed`` (bool).

**3. Busy weeks** (``make_busy_weeks``): for the Harakeke Bay office, how many applications
arrived in a week and how many working days, on average, a decision then took. Used for
"why a model that memorises fails". The true relationship (``expected_days``) is a smooth
curve: about ``BASE_DAYS`` days in a quiet week, rising steeply once the office gets more
than about ``BUSY_POINT`` applications (staff fall behind), levelling off near
``BASE_DAYS + EXTRA_DAYS``. Each week's figure is the curve plus noise with a spread of
``NOISE_DAYS`` days, as real weeks vary for reasons nobody records. A small sample of weeks
is marked for learning from (``set`` is "training", spread across the range of busyness)
and the rest are new weeks for testing (``set`` is "new", within the same range).

Columns: ``week`` (int), ``applications`` (int), ``days_to_decision`` (float, one decimal
place), ``set`` ("training" or "new").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from aicourse import SEED

# --- 1. Client records -------------------------------------------------------------------

#: Number of rows in the client records, counting the duplicate.
N_CLIENT_ROWS: int = 16

#: The row with a missing value, and the column it is missing from.
MISSING_ROW: int = 6
MISSING_COLUMN: str = "weekly_income"

#: The row that is an exact copy of an earlier row, and the row it copies.
DUPLICATE_ROW: int = 11
DUPLICATE_OF: int = 4

#: The row with an impossible value, its column, and the value.
IMPOSSIBLE_ROW: int = 13
IMPOSSIBLE_COLUMN: str = "age"
IMPOSSIBLE_VALUE: int = 207

#: The column where one place is spelt in several ways.
INCONSISTENT_COLUMN: str = "area"
#: The usual spelling of that place, and the rows that use it.
STANDARD_SPELLING: str = "Port Tāwhiri"
STANDARD_ROWS: tuple[int, ...] = (2, 9)
#: The rows with another spelling, and what is written there.
VARIANT_SPELLINGS: dict[int, str] = {8: "Port Tawhiri", 15: "port tāwhiri"}

#: Suburbs for the other rows (invented; "Port Tāwhiri" appears only where planted).
OTHER_AREAS: tuple[str, ...] = (
    "Harakeke Bay",
    "Kōwhai Valley",
    "Rimu Heights",
    "Westbrook Flats",
    "Tōtara Point",
)

#: How each client prefers to be contacted.
CONTACT_METHODS: tuple[str, ...] = ("Phone", "Email", "Letter", "Text")

_FIRST_NAMES = (
    "Aroha",
    "Mere",
    "Tama",
    "Sione",
    "Priya",
    "Jack",
    "Olivia",
    "Wiremu",
    "Mei",
    "Liam",
    "Ana",
    "Hemi",
    "Grace",
    "Ravi",
    "Sofia",
    "Nikau",
)
_SURNAMES = (
    "Kerepeti",
    "Walsh-Morton",
    "Faleafa",
    "Fenwick",
    "Raukura",
    "Pillai",
    "Okafor",
    "Brightwater",
    "Lindqvist",
    "Mātaiti",
    "Castellan",
    "Hollis",
    "Tāwera",
    "Moana-Reid",
    "Dunmore",
    "Chen-Harris",
)

CLIENT_COLUMNS: tuple[str, ...] = (
    "client_id",
    "name",
    "age",
    "area",
    "household_size",
    "weekly_income",
    "contact",
)


@dataclass(frozen=True)
class PlantedProblems:
    """Where the four problems go in a table of client records (rows count from 1)."""

    missing_row: int
    missing_column: str
    duplicate_row: int
    duplicate_of: int
    impossible_row: int
    impossible_column: str
    impossible_value: int
    inconsistent_column: str
    standard_spelling: str
    standard_rows: tuple[int, ...]
    variant_spellings: Mapping[int, str]

    def __post_init__(self) -> None:
        edited = [
            self.missing_row,
            self.impossible_row,
            *self.standard_rows,
            *self.variant_spellings,
        ]
        rows = [*edited, self.duplicate_row, self.duplicate_of]
        if not all(1 <= r <= N_CLIENT_ROWS for r in rows):
            raise ValueError(f"planted rows must be between 1 and {N_CLIENT_ROWS}")
        if len(set(rows)) != len(rows):
            raise ValueError("each planted problem needs a row of its own")
        if not self.duplicate_of < self.duplicate_row:
            raise ValueError("the duplicate must come after the row it copies")
        columns = {self.missing_column, self.impossible_column, self.inconsistent_column}
        if len(columns) != 3 or not columns <= set(CLIENT_COLUMNS):
            raise ValueError(f"planted columns must be three different ones of {CLIENT_COLUMNS}")
        if len(self.standard_rows) <= 1 or len(self.variant_spellings) < 1:
            raise ValueError("plant the usual spelling at least twice and one other spelling")


#: The lesson's table: the constants above.
LESSON_PROBLEMS = PlantedProblems(
    MISSING_ROW,
    MISSING_COLUMN,
    DUPLICATE_ROW,
    DUPLICATE_OF,
    IMPOSSIBLE_ROW,
    IMPOSSIBLE_COLUMN,
    IMPOSSIBLE_VALUE,
    INCONSISTENT_COLUMN,
    STANDARD_SPELLING,
    STANDARD_ROWS,
    VARIANT_SPELLINGS,
)

#: The exercise's table: different people (``EXERCISE_SEED``) and problems in other places,
#: so the lesson's marked-up table does not give the answers away.
EXERCISE_SEED: int = SEED + 1
EXERCISE_PROBLEMS = PlantedProblems(
    missing_row=9,
    missing_column="area",
    duplicate_row=14,
    duplicate_of=7,
    impossible_row=3,
    impossible_column="age",
    impossible_value=350,
    inconsistent_column="contact",
    standard_spelling="Email",
    standard_rows=(2, 10),
    variant_spellings={5: "email", 12: "EMAIL"},
)


def _whole_number(name: str, value: object, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be a whole number, got {type(value).__name__}: {value!r}")
    if not low <= value <= high:
        raise ValueError(f"{name} must be between {low:,} and {high:,}, got {value}")
    return int(value)


def _share(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a number between 0 and 1, got {value!r}")
    if not 0.0 <= float(value) <= 1.0:
        raise ValueError(f"{name} must be between 0 and 1, got {value}")
    return float(value)


def make_client_records(
    seed: int = SEED, planted: PlantedProblems = LESSON_PROBLEMS
) -> pd.DataFrame:
    """Make a 16-row table of client records with four planted problems.

    The same ``seed`` always gives the same table; the problems go where ``planted`` says
    (by default the lesson's, in the module's constants), whatever the seed. Rows are
    numbered from 1.

    Raises:
        TypeError: if ``seed`` is not a whole number or ``planted`` not a PlantedProblems.
        ValueError: if ``seed`` is negative.
    """
    seed = _whole_number("seed", seed, 0, 2**63 - 1)
    if not isinstance(planted, PlantedProblems):
        raise TypeError(f"planted must be a PlantedProblems, got {type(planted).__name__}")
    p = planted
    rng = np.random.default_rng(seed)
    n_clients = N_CLIENT_ROWS - 1  # one row is a duplicate
    first = rng.permutation(_FIRST_NAMES)[:n_clients]
    last = rng.permutation(_SURNAMES)[:n_clients]
    ids = rng.choice(np.arange(1000, 10000), size=n_clients, replace=False)
    clients = pd.DataFrame(
        {
            "client_id": [f"CSA-{i}" for i in ids],
            "name": [f"{f} {s}" for f, s in zip(first, last, strict=True)],
            "age": rng.integers(19, 80, n_clients),
            "area": rng.choice(OTHER_AREAS, size=n_clients),
            "household_size": rng.integers(1, 7, n_clients),
            "weekly_income": np.round(rng.uniform(320, 1800, n_clients), -1),
            "contact": rng.choice(CONTACT_METHODS, size=n_clients),
        }
    )
    # The duplicate is inserted at its row, copying the earlier row (rows count from 1).
    before = clients.iloc[: p.duplicate_row - 1]
    after = clients.iloc[p.duplicate_row - 1 :]
    copy = clients.iloc[[p.duplicate_of - 1]]
    table = pd.concat([before, copy, after], ignore_index=True)
    table.index = pd.RangeIndex(1, N_CLIENT_ROWS + 1, name="row")

    for row in p.standard_rows:
        table.loc[row, p.inconsistent_column] = p.standard_spelling
    for row, spelling in p.variant_spellings.items():
        table.loc[row, p.inconsistent_column] = spelling
    if pd.api.types.is_integer_dtype(table[p.missing_column]):
        table[p.missing_column] = table[p.missing_column].astype(float)
    table.loc[p.missing_row, p.missing_column] = np.nan
    table.loc[p.impossible_row, p.impossible_column] = p.impossible_value
    return table[list(CLIENT_COLUMNS)]


# --- 2. Appointments ---------------------------------------------------------------------

#: Where clients live.
SETTINGS: tuple[str, str] = ("Town", "Rural")

#: Share of the agency's clients who live in rural areas.
RURAL_SHARE: float = 0.3

#: Town clients: the chance of missing passes one half after this many days' wait...
TOWN_DAYS_MIDPOINT: float = 21.0
#: ...and rises this much on the log-odds scale per extra day waited.
TOWN_DAYS_SLOPE: float = 0.25

#: Rural clients: the chance of missing passes one half at this distance from the office...
RURAL_DISTANCE_MIDPOINT: float = 65.0
#: ...and rises this much on the log-odds scale per extra kilometre.
RURAL_DISTANCE_SLOPE: float = 0.12


def miss_chance(appointments: pd.DataFrame) -> np.ndarray:
    """The true chance (0 to 1) that each appointment is missed: the mechanism behind ``missed``.

    Town clients: depends only on ``days_waited``. Rural clients: depends only on
    ``distance_km``. See the module docstring.
    """
    if not isinstance(appointments, pd.DataFrame):
        raise TypeError(f"expected a table of appointments, got {type(appointments).__name__}")
    missing = {"setting", "distance_km", "days_waited"} - set(appointments.columns)
    if missing:
        raise ValueError(f"the appointments table is missing columns: {sorted(missing)}")
    rural = appointments["setting"].to_numpy() == SETTINGS[1]
    days = appointments["days_waited"].to_numpy(dtype=float)
    km = appointments["distance_km"].to_numpy(dtype=float)
    logit = np.where(
        rural,
        RURAL_DISTANCE_SLOPE * (km - RURAL_DISTANCE_MIDPOINT),
        TOWN_DAYS_SLOPE * (days - TOWN_DAYS_MIDPOINT),
    )
    return 1.0 / (1.0 + np.exp(-logit))


def make_appointments(
    n: int = 4000, rural_share: float = RURAL_SHARE, seed: int = SEED
) -> pd.DataFrame:
    """Make ``n`` appointments, a share ``rural_share`` of them with rural clients.

    The same arguments always give the same table. See the module docstring for how each
    row is made.

    Raises:
        TypeError: if ``n`` or ``seed`` is not a whole number, or ``rural_share`` not a number.
        ValueError: if ``n`` is outside 10 to 200,000 or ``rural_share`` outside 0 to 1.
    """
    n = _whole_number("n", n, 10, 200_000)
    rural_share = _share("rural_share", rural_share)
    seed = _whole_number("seed", seed, 0, 2**63 - 1)
    rng = np.random.default_rng(seed)
    rural = rng.random(n) < rural_share
    town_km = np.clip(rng.gamma(2.0, 4.0, n), 0.5, 25.0)
    rural_km = rng.uniform(15.0, 120.0, n)
    table = pd.DataFrame(
        {
            "appointment_id": np.arange(1, n + 1),
            "setting": np.where(rural, SETTINGS[1], SETTINGS[0]),
            "distance_km": np.round(np.where(rural, rural_km, town_km), 1),
            "days_waited": rng.integers(0, 43, n),
        }
    )
    table["missed"] = rng.random(n) < miss_chance(table)
    return table


# --- 3. Busy weeks -----------------------------------------------------------------------

#: Working days a decision takes in a quiet week.
BASE_DAYS: float = 3.0
#: Extra days a decision takes once the office is overloaded.
EXTRA_DAYS: float = 15.0
#: Applications a week at which decisions take half the extra days.
BUSY_POINT: float = 420.0
#: How quickly the delay builds up around ``BUSY_POINT`` (applications).
BUSY_SPREAD: float = 40.0
#: Spread of the week-to-week noise, in days.
NOISE_DAYS: float = 1.0
#: The range of applications a week.
APPLICATIONS_RANGE: tuple[int, int] = (100, 600)


def expected_days(applications: object) -> np.ndarray:
    """The true curve: average working days to a decision in a week with this many applications."""
    x = np.asarray(applications, dtype=float)
    return BASE_DAYS + EXTRA_DAYS / (1.0 + np.exp(-(x - BUSY_POINT) / BUSY_SPREAD))


def make_busy_weeks(n_training: int = 10, n_new: int = 60, seed: int = SEED) -> pd.DataFrame:
    """Make ``n_training`` weeks to learn from and ``n_new`` new weeks, for the overfitting demo.

    The training weeks are spread across the range of busyness (one in each equal slice of
    ``APPLICATIONS_RANGE``, at a random point in it); the new weeks fall anywhere between
    the quietest and busiest training week. The same arguments always give the same table.

    Raises:
        TypeError: if an argument is not a whole number.
        ValueError: if ``n_training`` is outside 3 to 100 or ``n_new`` outside 1 to 10,000.
    """
    n_training = _whole_number("n_training", n_training, 3, 100)
    n_new = _whole_number("n_new", n_new, 1, 10_000)
    seed = _whole_number("seed", seed, 0, 2**63 - 1)
    rng = np.random.default_rng(seed)
    low, high = APPLICATIONS_RANGE
    width = (high - low) / n_training
    train_x = np.floor(low + (np.arange(n_training) + rng.uniform(0, 1, n_training)) * width)
    new_x = np.round(rng.uniform(train_x.min(), train_x.max(), n_new))
    x = np.concatenate([train_x, new_x])
    y = expected_days(x) + rng.normal(0.0, NOISE_DAYS, x.size)
    return pd.DataFrame(
        {
            "week": np.arange(1, x.size + 1),
            "applications": x.astype(int),
            "days_to_decision": np.round(y, 1),
            "set": ["training"] * n_training + ["new"] * n_new,
        }
    )
