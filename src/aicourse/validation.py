"""Shared input checks that turn a wrong argument into a plain message."""

from __future__ import annotations

import pandas as pd


def require_table(name: str, table: object, columns: set[str]) -> pd.DataFrame:
    """Check that ``table`` is a non-empty DataFrame with the given columns, and return it."""
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"{name} must be a table (a pandas DataFrame), got {type(table).__name__}")
    missing = columns - set(table.columns)
    if missing:
        raise ValueError(f"{name} table is missing columns: {sorted(missing)}")
    if table.empty:
        raise ValueError(f"{name} table has no rows")
    return table
