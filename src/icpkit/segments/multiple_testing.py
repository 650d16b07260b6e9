"""Benjamini-Hochberg correction over every test of a run (DEFINITIONS.md section 4)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]


def benjamini_hochberg(p_values: npt.ArrayLike) -> FloatArray:
    """BH-adjusted p-values (q-values) of all tests of one run (DEFINITIONS.md
    section 4): q_(i) = min over j >= i of p_(j) x m / j, capped at 1. NaN stays NaN
    and does not count as a test; a test is significant where q <= the FDR."""
    p = np.asarray(p_values, dtype=float)
    adjusted = np.full(p.shape, np.nan)
    tested = ~np.isnan(p)
    m = int(tested.sum())
    if m == 0:
        return adjusted
    order = np.argsort(p[tested])
    ranked = p[tested][order] * m / np.arange(1, m + 1)
    monotone = np.minimum.accumulate(ranked[::-1])[::-1]
    q = np.empty(m)
    q[order] = np.minimum(monotone, 1.0)
    adjusted[tested] = q
    return adjusted
