"""Per-segment sums of every grouping, computed in the engine and brought back as
one small pandas frame (DEFINITIONS.md sections 2 and 3)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import ibis.expr.types as ir
import pandas as pd

from icpkit.segments.accounts import DIMENSIONS
from icpkit.segments.rank_test import tie_term
from icpkit.segments.table import (
    account_sums,
    aggregate,
    opportunity_sums,
    ranked_sums,
)

log = logging.getLogger(__name__)

# Counts that are truly 0 for a segment absent from an aggregation.
ZERO_WHEN_ABSENT = (
    "closed_opps",
    "won",
    "lost",
    "cycle_n",
    "cycle_rank_sum",
    "amount_n",
    "amount_rank_sum",
    "tam_accounts",
)


@dataclass
class RankTotals:
    """Whole-base figures of the rank tests: number of values and the tie term."""

    cycle_ties: float
    amount_ties: float


def segment_sums(
    base: ir.Table,
    closed: ir.Table | None,
    market: ir.Table | None,
    groups: Sequence[tuple[str, ...]],
) -> tuple[pd.DataFrame, RankTotals | None]:
    """One row per segment of every grouping with the sums the metrics need.
    Segments are those holding accounts; counts of a segment absent from an
    opportunity or market aggregation are truly 0."""
    sums = aggregate(base, groups, account_sums(base))
    for table, metrics in _parts(closed, market):
        part = aggregate(table, groups, metrics).drop(columns=list(DIMENSIONS))
        sums = sums.merge(part, on=["dimensions", "segment"], how="left")
    present = [c for c in ZERO_WHEN_ABSENT if c in sums.columns]
    sums[present] = sums[present].fillna(0)
    totals = None
    if closed is not None:
        totals = RankTotals(
            cycle_ties=float(tie_term(closed, "cycle_days").execute() or 0.0),
            amount_ties=float(tie_term(closed, "deal_amount").execute() or 0.0),
        )
    return sums, totals


def _parts(
    closed: ir.Table | None, market: ir.Table | None
) -> list[tuple[ir.Table, dict[str, ir.Scalar]]]:
    parts: list[tuple[ir.Table, dict[str, ir.Scalar]]] = []
    if closed is not None:
        parts.append((closed, opportunity_sums(closed)))
        parts.append(ranked_sums(closed, "cycle_days", "cycle"))
        parts.append(ranked_sums(closed, "deal_amount", "amount"))
    if market is not None:
        parts.append((market, {"tam_accounts": market.count()}))
    return parts
