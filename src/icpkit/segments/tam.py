"""Total addressable market of a segment (DEFINITIONS.md section 3)."""

from __future__ import annotations

import ibis.expr.types as ir
import numpy as np
import numpy.typing as npt

from icpkit.config import SegmentsSettings
from icpkit.segments.accounts import DIMENSIONS, segment_dimensions
from icpkit.segments.columns import require_columns
from icpkit.segments.findings import Findings

FloatArray = npt.NDArray[np.float64]
MIN_WON_FOR_OWN_MEDIAN = 10


def addressable_companies(
    universe: ir.Table, base: ir.Table, settings: SegmentsSettings, findings: Findings
) -> ir.Table:
    """Universe companies that are not already customers: account_id (the CRM
    account matched by entity resolution) is null or not a customer. Returns
    company_id and the three segment dimensions."""
    require_columns(universe, ("company_id", "account_id"), "universe")
    with_dims = segment_dimensions(universe, settings, findings, "universe")
    customers = base.filter(base.is_customer).select(customer_id=base.account_id)
    open_market = with_dims.anti_join(
        customers, with_dims.account_id == customers.customer_id
    )
    return open_market.select("company_id", *DIMENSIONS)


def tam_value(
    tam_accounts: npt.ArrayLike,
    median_won_amount: npt.ArrayLike,
    won_with_amount: npt.ArrayLike,
    overall_median: float,
) -> FloatArray:
    """tam_accounts x the segment's median won amount, or the overall median where
    the segment has fewer than 10 won deals with an amount (DEFINITIONS.md
    section 3)."""
    median = np.asarray(median_won_amount, dtype=float)
    enough = np.asarray(won_with_amount, dtype=float) >= MIN_WON_FOR_OWN_MEDIAN
    chosen = np.where(enough, median, overall_median)
    return np.asarray(tam_accounts, dtype=float) * chosen
