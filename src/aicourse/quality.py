"""Looking at data before a model learns from it: labels, quality problems, and who is missing.

These are the concept cores behind Week 2's "features and labels", "data quality" and "an
unrepresentative sample". Every function is pure: it takes tables and returns plain values,
dataclasses or tables, so the lesson, the widgets, the exercises and the tests share them.

- :func:`label_choice` says what a model would learn if a given column were the label.
- :func:`quality_report` finds four kinds of problem in a table: missing values, exact
  duplicates, impossible values and inconsistent spellings; :func:`clean_records` fixes
  what can be fixed without guessing.
- :func:`representation_experiment` trains the same model on samples with more or fewer
  rural clients and scores it on town and rural clients separately (the data and why the
  two groups differ are described in :mod:`aicourse.data.messy`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

from aicourse import SEED
from aicourse.data.messy import SETTINGS, make_appointments
from aicourse.validation import require_table

# --- Features and labels -----------------------------------------------------------------

#: What kind of thing a label is, in the words the lesson uses.
LABEL_KINDS: tuple[str, ...] = ("yes/no", "category", "number", "identifier")


def is_identifier(column: str) -> bool:
    """An ID column only names a row (``id`` or a name ending in ``_id``)."""
    return column == "id" or column.endswith("_id")


@dataclass(frozen=True)
class LabelChoice:
    """What choosing ``label`` as the label column means for a table.

    ``kind`` is one of ``LABEL_KINDS``. ``features`` are the columns a model would learn
    from (every other column except identifiers). ``share_yes`` is the share of rows that
    are True (yes/no labels only); ``n_values`` the number of different values;
    ``value_range`` the smallest and largest value (numbers only).
    """

    label: str
    kind: str
    features: tuple[str, ...]
    n_examples: int
    n_values: int
    share_yes: float | None = None
    value_range: tuple[float, float] | None = None

    @property
    def usable(self) -> bool:
        """False for an identifier: a model cannot learn to predict a row's name tag."""
        return self.kind != "identifier"


def label_choice(table: pd.DataFrame, label: str) -> LabelChoice:
    """Say what a model would learn if ``label`` were the label column of ``table``.

    The other columns, except identifiers (``id`` or names ending ``_id``), become the
    features.
    A True/False column is a yes/no label, a number column a number to predict, and any
    other column a category (a short list of values, such as suburbs).

    Raises:
        TypeError: if ``table`` is not a DataFrame or ``label`` is not text.
        ValueError: if ``label`` is not one of the table's columns, or the table is empty.
    """
    if not isinstance(label, str):
        raise TypeError(f"the label must be a column name (text), got {label!r}")
    table = require_table("the data", table, set())
    if label not in table.columns:
        raise ValueError(f"{label!r} is not a column; the columns are {list(table.columns)}")
    values = table[label]
    features = tuple(str(c) for c in table.columns if c != label and not is_identifier(str(c)))
    n_values = int(values.nunique())
    if is_identifier(label):
        return LabelChoice(label, "identifier", features, len(table), n_values)
    if pd.api.types.is_bool_dtype(values):
        share = float(values.mean())
        return LabelChoice(label, "yes/no", features, len(table), n_values, share_yes=share)
    if pd.api.types.is_numeric_dtype(values):
        span = (float(values.min()), float(values.max()))
        return LabelChoice(label, "number", features, len(table), n_values, value_range=span)
    return LabelChoice(label, "category", features, len(table), n_values)


# --- Data quality ------------------------------------------------------------------------

#: Values outside these ranges cannot be right, for columns with these names.
COMMON_SENSE_RANGES: dict[str, tuple[float, float]] = {
    "age": (0, 120),
    "household_size": (1, 20),
    "weekly_income": (0, 20_000),
}

#: The kinds of problem a quality report looks for, in the order it lists them.
PROBLEM_KINDS: tuple[str, ...] = (
    "Missing value",
    "Exact duplicate",
    "Impossible value",
    "Inconsistent spelling",
)


@dataclass(frozen=True)
class QualityReport:
    """The problems :func:`quality_report` found, each pinned to a row and a column.

    Rows are named as in the table's index (the messy client records count from 1).

    - ``missing``: (row, column) of each empty cell;
    - ``duplicates``: (row, earlier row it copies) for each row identical to an earlier one;
    - ``impossible``: (row, column, value) of each value outside its common-sense range;
    - ``spellings``: (row, column, as written, usual spelling) for each cell that spells a
      value differently from how most rows spell it.
    """

    missing: tuple[tuple[Hashable, str], ...]
    duplicates: tuple[tuple[Hashable, Hashable], ...]
    impossible: tuple[tuple[Hashable, str, float], ...]
    spellings: tuple[tuple[Hashable, str, str, str], ...]

    @property
    def n_problems(self) -> int:
        """How many problems were found in all."""
        return len(self.missing) + len(self.duplicates) + len(self.impossible) + len(self.spellings)

    def cells(self, kind: str | None = None) -> list[tuple[Hashable, str | None]]:
        """The (row, column) of each problem of one kind (all kinds if None).

        A duplicate is a whole row, so its column is None.
        """
        if kind is not None and kind not in PROBLEM_KINDS:
            raise ValueError(f"kind must be one of {list(PROBLEM_KINDS)}, got {kind!r}")
        out: list[tuple[Hashable, str | None]] = []
        if kind in (None, PROBLEM_KINDS[0]):
            out += [(r, c) for r, c in self.missing]
        if kind in (None, PROBLEM_KINDS[1]):
            out += [(r, None) for r, _ in self.duplicates]
        if kind in (None, PROBLEM_KINDS[2]):
            out += [(r, c) for r, c, _ in self.impossible]
        if kind in (None, PROBLEM_KINDS[3]):
            out += [(r, c) for r, c, _, _ in self.spellings]
        return out

    def table(self) -> pd.DataFrame:
        """One line per problem: what kind, where (row and column) and what was found."""
        rows: list[tuple[str, Hashable, str, str]] = []
        rows += [(PROBLEM_KINDS[0], r, c, "the cell is empty") for r, c in self.missing]
        rows += [
            (PROBLEM_KINDS[1], r, "(every column)", f"the same as row {first}, in every column")
            for r, first in self.duplicates
        ]
        rows += [
            (PROBLEM_KINDS[2], r, c, f"{v:g} is outside the range that makes sense")
            for r, c, v in self.impossible
        ]
        rows += [
            (PROBLEM_KINDS[3], r, c, f'"{w}" is usually written "{u}"')
            for r, c, w, u in self.spellings
        ]
        return pd.DataFrame(rows, columns=["problem", "row", "column", "what we found"])


def _fold(text: str) -> str:
    """Text as a computer should compare it: no capitals, macrons or extra spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


def _check_ranges(ranges: object) -> dict[str, tuple[float, float]]:
    if ranges is None:
        return dict(COMMON_SENSE_RANGES)
    if not isinstance(ranges, Mapping):
        raise TypeError("ranges must map a column name to a (lowest, highest) pair")
    out: dict[str, tuple[float, float]] = {}
    for column, pair in ranges.items():
        if not isinstance(pair, Sequence) or len(pair) != 2:
            raise TypeError(f"the range for {column!r} must be a (lowest, highest) pair")
        low, high = (float(v) for v in pair)
        if low > high:
            raise ValueError(f"the range for {column!r} has lowest {low:g} above highest {high:g}")
        out[str(column)] = (low, high)
    return out


def _usual_spellings(values: pd.Series) -> dict[str, str]:
    """For each folded value with several spellings, the most common one (ties: first seen)."""
    written = values.dropna().astype(str)
    usual: dict[str, str] = {}
    for folded, group in written.groupby(written.map(_fold), sort=False):
        counts = group.value_counts(sort=False)
        if len(counts) > 1:
            usual[str(folded)] = str(counts.idxmax())
    return usual


def quality_report(
    table: pd.DataFrame, ranges: Mapping[str, tuple[float, float]] | None = None
) -> QualityReport:
    """Find missing values, exact duplicates, impossible values and inconsistent spellings.

    - A **missing value** is an empty cell (shown as ``NaN`` or ``None``).
    - An **exact duplicate** is a row identical, in every column, to an earlier row.
    - An **impossible value** is a number outside ``ranges`` for its column (by default
      ``COMMON_SENSE_RANGES``; columns not in the table are skipped).
    - An **inconsistent spelling** is text that matches another cell in the same column
      once capitals, macrons and extra spaces are ignored, but is written differently; the
      most common way of writing it counts as the usual spelling.

    Raises:
        TypeError: if ``table`` is not a DataFrame, or ``ranges`` is not a mapping of pairs.
        ValueError: if the table is empty, or a range's lowest value is above its highest.
    """
    table = require_table("the data", table, set())
    limits = _check_ranges(ranges)

    missing = tuple(
        (row, str(column))
        for row, values in table.isna().iterrows()
        for column, empty in values.items()
        if empty
    )

    hashes = pd.util.hash_pandas_object(table, index=False)
    first_seen: dict[int, Hashable] = {}
    duplicates: list[tuple[Hashable, Hashable]] = []
    for row, h in hashes.items():
        if h in first_seen:
            duplicates.append((row, first_seen[h]))
        else:
            first_seen[h] = row

    impossible: list[tuple[Hashable, str, float]] = []
    for column, (low, high) in limits.items():
        if column not in table.columns or not pd.api.types.is_numeric_dtype(table[column]):
            continue
        values = table[column]
        bad = values.notna() & ((values < low) | (values > high))
        impossible += [(row, column, float(values[row])) for row in values.index[bad]]

    spellings: list[tuple[Hashable, str, str, str]] = []
    for column in table.columns:
        values = table[column]
        if not (pd.api.types.is_object_dtype(values) or pd.api.types.is_string_dtype(values)):
            continue
        usual = _usual_spellings(values)
        for row, value in values.items():
            if isinstance(value, str) and (u := usual.get(_fold(value))) and value != u:
                spellings.append((row, str(column), value, u))

    return QualityReport(missing, tuple(duplicates), tuple(impossible), tuple(spellings))


def clean_records(
    table: pd.DataFrame, ranges: Mapping[str, tuple[float, float]] | None = None
) -> pd.DataFrame:
    """A copy of ``table`` with the problems fixed that can be fixed without guessing.

    Exact duplicates are removed (the first copy stays), impossible values become empty
    (nobody knows the right value, so it is not made up), and every spelling becomes the
    usual one. Missing values stay missing: filling them in would be a guess, which is a
    decision for a person who knows the data.
    """
    report = quality_report(table, ranges)
    cleaned = table.copy()
    for row, column, _ in report.impossible:
        if pd.api.types.is_integer_dtype(cleaned[column]):
            cleaned[column] = cleaned[column].astype(float)
        cleaned.loc[row, column] = np.nan
    for row, column, _, usual in report.spellings:
        cleaned.loc[row, column] = usual
    return cleaned.drop(index=[row for row, _ in report.duplicates])


# --- An unrepresentative sample ----------------------------------------------------------

#: Shares of rural clients in the training sample that the demo offers.
RURAL_SHARES: tuple[float, ...] = (0.0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5)

#: Appointments in each training sample.
N_TRAIN: int = 500

#: Town appointments and rural appointments in the test set (the same number of each).
N_TEST_EACH: int = 1000

#: The model predicts from this many most-similar past appointments.
NEIGHBOURS: int = 15

#: What the model sees about each appointment.
INPUTS: tuple[str, ...] = ("distance_km", "days_waited")


def train_appointment_model(sample: pd.DataFrame) -> Pipeline:
    """Train a model that predicts a missed appointment from the ``NEIGHBOURS`` most similar
    past appointments (by distance and days waited, each put on the same scale)."""
    sample = require_table("the training", sample, {*INPUTS, "missed"})
    if len(sample) < NEIGHBOURS:
        raise ValueError(f"training needs at least {NEIGHBOURS} appointments, got {len(sample)}")
    model = Pipeline(
        [("scale", StandardScaler()), ("neighbours", KNeighborsClassifier(NEIGHBOURS))]
    )
    model.fit(sample[list(INPUTS)], sample["missed"].astype(bool))
    return model


def accuracy_by_setting(model: Pipeline, test: pd.DataFrame) -> dict[str, float]:
    """Share of town and of rural appointments (0 to 1) whose outcome the model got right."""
    test = require_table("the test", test, {*INPUTS, "missed", "setting"})
    right = model.predict(test[list(INPUTS)]) == test["missed"].to_numpy(dtype=bool)
    out: dict[str, float] = {}
    for setting in SETTINGS:
        mask = (test["setting"] == setting).to_numpy()
        out[setting] = float(right[mask].mean()) if mask.any() else float("nan")
    return out


def _check_shares(shares: object) -> list[float]:
    if isinstance(shares, (str, bytes)) or not isinstance(shares, Sequence) or not shares:
        raise TypeError("shares must be a non-empty list of numbers between 0 and 0.5")
    out = []
    for s in shares:
        if isinstance(s, bool) or not isinstance(s, (int, float, np.integer, np.floating)):
            raise TypeError(f"each share must be a number between 0 and 0.5, got {s!r}")
        if not 0.0 <= float(s) <= 0.5:
            raise ValueError(f"each share must be between 0 and 0.5, got {s}")
        out.append(float(s))
    return out


def representation_experiment(
    shares: Sequence[float] = RURAL_SHARES, n_train: int = N_TRAIN, seed: int = SEED
) -> pd.DataFrame:
    """Train on samples with different shares of rural clients; score town and rural apart.

    Every model is scored on the same test set (``N_TEST_EACH`` town and ``N_TEST_EACH``
    rural appointments). Each training sample has ``n_train`` appointments, the given share
    of them rural; the samples are nested (a larger share adds rural appointments and drops
    town ones), so the only thing that changes is who is in the sample.

    Returns a table with one row per share: ``rural_share``, ``n_rural``, ``n_town``,
    ``accuracy_town``, ``accuracy_rural`` (0 to 1) and ``gap`` (town minus rural).
    """
    levels = _check_shares(shares)
    if isinstance(n_train, bool) or not isinstance(n_train, (int, np.integer)):
        raise TypeError(f"n_train must be a whole number, got {n_train!r}")
    if not 50 <= n_train <= 5000:
        raise ValueError(f"n_train must be between 50 and 5,000, got {n_train}")
    pool = make_appointments(4 * (N_TEST_EACH + int(n_train)), rural_share=0.5, seed=seed)
    town_all = pool[pool["setting"] == SETTINGS[0]]
    rural_all = pool[pool["setting"] == SETTINGS[1]]
    test = pd.concat([town_all.iloc[:N_TEST_EACH], rural_all.iloc[:N_TEST_EACH]])
    rng = np.random.default_rng(seed)
    town_pool = town_all.iloc[N_TEST_EACH:]
    rural_pool = rural_all.iloc[N_TEST_EACH:]
    town_pool = town_pool.iloc[rng.permutation(len(town_pool))]
    rural_pool = rural_pool.iloc[rng.permutation(len(rural_pool))]
    rows = []
    for share in levels:
        n_rural = int(round(share * n_train))
        sample = pd.concat([town_pool.iloc[: n_train - n_rural], rural_pool.iloc[:n_rural]])
        acc = accuracy_by_setting(train_appointment_model(sample), test)
        town, rural = acc[SETTINGS[0]], acc[SETTINGS[1]]
        rows.append((share, n_rural, n_train - n_rural, town, rural, town - rural))
    return pd.DataFrame(
        rows,
        columns=["rural_share", "n_rural", "n_town", "accuracy_town", "accuracy_rural", "gap"],
    )
