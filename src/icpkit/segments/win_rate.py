"""Win rate, its Wilson interval, shrinkage and the two-proportion test
(DEFINITIONS.md sections 3 and 4)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from scipy import stats

FloatArray = npt.NDArray[np.float64]
Z_95 = float(stats.norm.ppf(0.975))


def wilson_interval(
    won: npt.ArrayLike, closed: npt.ArrayLike, z: float = Z_95
) -> tuple[FloatArray, FloatArray]:
    """Wilson score interval of won / closed (DEFINITIONS.md section 3), 95 % default.

    (p + z²/2n ± z sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n); NaN where closed is 0.
    """
    won_ = np.asarray(won, dtype=float)
    n = np.asarray(closed, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = won_ / n
        centre = p + z**2 / (2 * n)
        spread = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2))
        denominator = 1 + z**2 / n
        low = (centre - spread) / denominator
        high = (centre + spread) / denominator
    empty = n <= 0
    low[empty] = np.nan
    high[empty] = np.nan
    return low, high


def shrink_win_rate(
    won: npt.ArrayLike, closed: npt.ArrayLike, overall: float, prior_closed: float
) -> FloatArray:
    """Posterior mean under a beta prior centred on `overall` with strength
    `prior_closed` closed opportunities (DEFINITIONS.md section 4):
    (won + prior_closed x overall) / (closed + prior_closed)."""
    won_ = np.asarray(won, dtype=float)
    n = np.asarray(closed, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return (won_ + prior_closed * overall) / (n + prior_closed)


def two_proportion_p(
    won: npt.ArrayLike, closed: npt.ArrayLike, total_won: float, total_closed: float
) -> FloatArray:
    """Two-sided pooled z test of a segment's win rate against the rest of the base
    (DEFINITIONS.md section 4). NaN where either side has no closed opportunity or
    the pooled rate is 0 or 1 (no variance to test against)."""
    won_ = np.asarray(won, dtype=float)
    n1 = np.asarray(closed, dtype=float)
    n2 = total_closed - n1
    won_rest = total_won - won_
    with np.errstate(divide="ignore", invalid="ignore"):
        pooled = total_won / total_closed
        se = np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
        z = (won_ / n1 - won_rest / n2) / se
        p = 2 * stats.norm.sf(np.abs(z))
    p[(n1 <= 0) | (n2 <= 0) | ~(se > 0)] = np.nan
    return np.asarray(p, dtype=float)
