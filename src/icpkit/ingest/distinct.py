"""Parse each distinct value once: CRM columns repeat values heavily (dates, stages)."""

from __future__ import annotations

import numpy as np
import pandas as pd


def factorize(values: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """Codes per row (-1 for missing) and the distinct non-missing values."""
    codes, uniques = pd.factorize(values)
    return codes, pd.Series(np.asarray(uniques, dtype=object), dtype="string")


def expand(parsed: pd.Series, codes: np.ndarray, index: pd.Index) -> pd.Series:
    """Per-row values from the per-distinct-value `parsed`; code -1 (a missing
    value) takes the padding row that reindex adds, which is missing too."""
    padded = parsed.reset_index(drop=True).reindex(range(len(parsed) + 1))
    out = padded.iloc[codes]
    out.index = index
    return out
