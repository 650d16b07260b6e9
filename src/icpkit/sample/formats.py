"""Dates and numbers written the way each source system exports them."""

from __future__ import annotations

import numpy as np
import pandas as pd

# Business hours in UTC seconds: 13:00-23:00, so US office hours.
EARLIEST_SECOND = 13 * 3600
LATEST_SECOND = 23 * 3600


def salesforce_datetime(rng: np.random.Generator, days: np.ndarray) -> np.ndarray:
    """Salesforce datetime export: 2024-01-22T16:14:25.000+0000."""
    seconds = rng.integers(EARLIEST_SECOND, LATEST_SECOND, size=len(days))
    stamps = days.astype("datetime64[s]") + seconds.astype("timedelta64[s]")
    text = np.datetime_as_string(stamps, unit="s")
    return np.char.add(text.astype(str), ".000+0000").astype(object)


def iso_date(days: np.ndarray) -> np.ndarray:
    """ISO date text (2024-01-22); NaT becomes an empty cell."""
    text = np.datetime_as_string(days.astype("datetime64[D]"), unit="D")
    return np.where(np.isnat(days), "", text).astype(object)


def whole_numbers(values: np.ndarray, blank: np.ndarray) -> pd.Series:
    """Integers without a decimal point, blank where `blank` is true."""
    series = pd.Series(np.round(values).astype(np.int64), dtype="Int64")
    return series.mask(pd.Series(blank))


def uniform_days(
    rng: np.random.Generator, low: np.ndarray, high: np.ndarray
) -> np.ndarray:
    """One day drawn uniformly in [low, high] (inclusive) for each pair of dates."""
    low = np.asarray(low).astype("datetime64[D]")
    span = (np.asarray(high).astype("datetime64[D]") - low).astype(np.int64)
    offsets = np.floor(rng.random(len(span)) * (span + 1)).astype(np.int64)
    return low + offsets.astype("timedelta64[D]")
