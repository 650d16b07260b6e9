"""Shrinkage of continuous segment metrics toward the overall value
(DEFINITIONS.md section 4)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]


def shrink_continuous(
    value: npt.ArrayLike, n: npt.ArrayLike, overall: float, prior_n: float
) -> FloatArray:
    """w x value + (1 - w) x overall with w = n / (n + prior_n)
    (DEFINITIONS.md section 4). NaN where the segment has no observation (n = 0)
    or the overall value is missing: the metric is then not available."""
    value_ = np.asarray(value, dtype=float)
    n_ = np.asarray(n, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        weight = n_ / (n_ + prior_n)
        shrunk = weight * value_ + (1 - weight) * overall
    shrunk[~(n_ > 0) | np.isnan(value_)] = np.nan
    return np.asarray(shrunk, dtype=float)
