"""Balance of a territory plan (DEFINITIONS 8): per-rep loads against targets, and
max/min ratio, Gini coefficient and share within tolerance per measure."""

from __future__ import annotations

import numpy as np
import pandas as pd

from icpkit.territories.problem import MEASURES

WITHIN_SLACK = 1e-9


def gini(values: np.ndarray) -> float:
    """Gini coefficient: sum over all pairs |x_i - x_j| / (2 n^2 mean); 0 when equal.
    Null (NaN) for no values or a zero mean (DEFINITIONS 8)."""
    values = np.asarray(values, dtype=float)
    if len(values) == 0 or values.mean() <= 0:
        return float("nan")
    ordered = np.sort(values)
    n = len(ordered)
    # sum_{i<j} (x_j - x_i) from the sorted values: each x_k weighs (2k - n + 1)
    pair_sum = float(((2 * np.arange(n) - n + 1) * ordered).sum())
    return 2 * pair_sum / (2 * n * n * ordered.mean())


def max_min_ratio(values: np.ndarray) -> float:
    """Largest over smallest value (DEFINITIONS 8); null (NaN) when the smallest is 0
    or there are no values."""
    values = np.asarray(values, dtype=float)
    if len(values) == 0 or values.min() <= 0:
        return float("nan")
    return float(values.max() / values.min())


def within_tolerance(
    load: np.ndarray, target: np.ndarray, tolerance: float
) -> np.ndarray:
    """Load within (1 +/- tolerance) x target; a zero target needs a zero load."""
    low = (1 - tolerance) * target - WITHIN_SLACK
    high = (1 + tolerance) * target + WITHIN_SLACK
    return (load >= low) & (load <= high)


def balance_table(summary: pd.DataFrame, tolerance: float) -> pd.DataFrame:
    """One row per measure over reps of capacity > 0, loads divided by capacity."""
    active = summary[summary["capacity"] > 0]
    rows = []
    for measure in MEASURES:
        per_capacity = (active[measure] / active["capacity"]).to_numpy(dtype=float)
        inside = within_tolerance(
            active[measure].to_numpy(dtype=float),
            active[f"{measure}_target"].to_numpy(dtype=float),
            tolerance,
        )
        rows.append(
            {
                "measure": measure,
                "reps": len(active),
                "max_min_ratio": max_min_ratio(per_capacity),
                "gini": gini(per_capacity),
                "share_within_tolerance": float(inside.mean())
                if len(active)
                else np.nan,
            }
        )
    return pd.DataFrame(rows)
