"""Net and gross revenue retention, logo retention and CLV of a segment
(DEFINITIONS.md section 3), from per-segment sums over S = accounts with ARR at
t = as_of - 12 months > 0."""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
import numpy as np
import numpy.typing as npt
import pandas as pd

FloatArray = npt.NDArray[np.float64]


def retention_sums(base: ir.Table) -> dict[str, ir.Scalar]:
    """Reductions over S that the retention metrics are built from: the number of
    accounts in S, their ARR at t and at as_of, the kept ARR min(end, start) and
    the number still paying at as_of. Use inside an aggregate."""
    in_s = base.arr_start > 0
    kept = base.arr_as_of.clip(upper=base.arr_start)
    # Without subscription data ARR is null, and so is the size of S (not 0).
    known = base.arr_start.count() > 0
    return {
        "retention_accounts": ibis.ifelse(
            known, base.account_id.count(where=in_s), ibis.null("int64")
        ),
        "arr_start_sum": base.arr_start.sum(where=in_s),
        "arr_end_sum": base.arr_as_of.sum(where=in_s),
        "arr_kept_sum": kept.sum(where=in_s),
        "logos_kept": base.account_id.count(where=in_s & (base.arr_as_of > 0)),
    }


def retention_metrics(sums: pd.DataFrame) -> pd.DataFrame:
    """nrr_12m = sum ARR(a, as_of) / sum ARR(a, t); grr_12m = sum min(ARR(a, as_of),
    ARR(a, t)) / sum ARR(a, t); logo_retention_12m = share of S still paying;
    acv = mean ARR(a, t) over S (DEFINITIONS.md section 3). Null where S is empty."""
    accounts = sums["retention_accounts"].astype(float)
    start = sums["arr_start_sum"].astype(float).where(accounts > 0)
    return pd.DataFrame(
        {
            "nrr_12m": sums["arr_end_sum"] / start,
            "grr_12m": sums["arr_kept_sum"] / start,
            "logo_retention_12m": sums["logos_kept"] / accounts.where(accounts > 0),
            "acv": start / accounts,
        },
        index=sums.index,
    )


def customer_lifetime_value(
    acv: npt.ArrayLike,
    nrr: npt.ArrayLike,
    gross_margin: float,
    horizon_years: int,
    discount_rate: float,
) -> FloatArray:
    """clv = ACV x gross_margin x sum for k = 0..H-1 of (nrr / (1 + r))^k
    (DEFINITIONS.md section 3). NaN where ACV or NRR is missing."""
    ratio = np.asarray(nrr, dtype=float) / (1 + discount_rate)
    years = np.arange(horizon_years, dtype=float)
    annuity = (ratio[..., None] ** years).sum(axis=-1)
    return np.asarray(acv, dtype=float) * gross_margin * annuity
