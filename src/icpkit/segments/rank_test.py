"""Mann-Whitney rank test of a segment against the rest of the base, from ranks
computed once in the engine over the whole base (DEFINITIONS.md section 4).

Segment plus rest is the whole base, so one ranking of the base serves every
segment: each segment needs only its count and its rank sum.
"""

from __future__ import annotations

import ibis.expr.types as ir
import numpy as np
import numpy.typing as npt
from scipy import stats

FloatArray = npt.NDArray[np.float64]


def with_average_ranks(table: ir.Table, value: str, rank: str) -> ir.Table:
    """`table` plus column `rank`: the average (mid) rank of `value`, 1-based, ties
    sharing the mean of their positions; rows where `value` is null are dropped."""
    present = table.filter(table[value].notnull())
    ties = present.group_by(value).aggregate(tie_count=present.count())
    below = ties.tie_count.cumsum(order_by=ties[value]) - ties.tie_count
    ties = ties.mutate(**{rank: below + (ties.tie_count + 1) / 2})
    return present.join(ties.select(value, rank), value)


def tie_term(table: ir.Table, value: str) -> ir.FloatingScalar:
    """sum over tie groups of (t³ - t), the tie correction of the rank-sum variance."""
    present = table.filter(table[value].notnull())
    ties = present.group_by(value).aggregate(t=present.count().cast("float64"))
    return (ties.t**3 - ties.t).sum()


def mann_whitney_p(
    n_segment: npt.ArrayLike, rank_sum: npt.ArrayLike, n_total: int, ties: float
) -> tuple[FloatArray, FloatArray]:
    """Two-sided asymptotic Mann-Whitney p-value (tie and continuity corrected, as
    scipy.stats.mannwhitneyu(method="asymptotic")) and the effect direction
    U1 / (n1 n2) - 0.5 (> 0: the segment's values tend to be larger).
    NaN where the segment or the rest is empty or all values tie."""
    # TODO: exact p-values for very small samples (scipy switches to exact below
    # 8 per side without ties); the normal approximation is used throughout.
    n1 = np.asarray(n_segment, dtype=float)
    r1 = np.asarray(rank_sum, dtype=float)
    n2 = n_total - n1
    u1 = r1 - n1 * (n1 + 1) / 2
    mean = n1 * n2 / 2
    with np.errstate(divide="ignore", invalid="ignore"):
        tie_share = ties / (n_total * (n_total - 1)) if n_total > 1 else np.nan
        sd = np.sqrt(n1 * n2 / 12 * ((n_total + 1) - tie_share))
        u = np.maximum(u1, n1 * n2 - u1)
        z = (u - mean - 0.5) / sd
        p = np.minimum(2 * stats.norm.sf(z), 1.0)
        direction = u1 / (n1 * n2) - 0.5
    invalid = (n1 <= 0) | (n2 <= 0) | ~(sd > 0)
    p[invalid] = np.nan
    direction[invalid] = np.nan
    return np.asarray(p, dtype=float), np.asarray(direction, dtype=float)
