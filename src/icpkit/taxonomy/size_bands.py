"""Size bands from employee counts (DEFINITIONS.md section 2)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from icpkit.config import SizeBand

UNKNOWN_BAND = "unknown"


def size_band(employees: pd.Series, bands: list[SizeBand]) -> pd.Series:
    """Label of the band whose `min_employees` is the largest not above the count.

    DEFINITIONS.md section 2: unknown size is its own band, `unknown`. A count below
    the smallest band (0 employees, as Inc. 5000 shows for 13 companies) is not a
    size either: it is `unknown` too; ingest reports how many such rows there are.
    """
    ordered = sorted(bands, key=lambda band: band.min_employees)
    edges = np.array([band.min_employees for band in ordered], dtype=float)
    labels = np.array([band.label for band in ordered] + [UNKNOWN_BAND], dtype=object)
    counts = pd.to_numeric(employees, errors="raise").astype("Float64")
    values = counts.to_numpy(dtype=float, na_value=np.nan)
    position = np.searchsorted(edges, values, side="right") - 1
    position[np.isnan(values) | (position < 0)] = len(ordered)
    return pd.Series(labels[position], index=employees.index, dtype="string")
