"""The segment table: its columns, its groupings and the per-segment sums computed
in the engine (DEFINITIONS.md sections 2 and 3)."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

import ibis
import ibis.expr.types as ir
import pandas as pd

from icpkit.config import SegmentsSettings
from icpkit.errors import ConfigError
from icpkit.segments.accounts import DIMENSIONS
from icpkit.segments.rank_test import with_average_ranks
from icpkit.segments.retention import retention_sums

log = logging.getLogger(__name__)

ALL = "all"
SEGMENT_COLUMNS: tuple[str, ...] = (
    "dimensions",
    *DIMENSIONS,
    "segment",
    "accounts",
    "customers",
    "closed_opps",
    "won",
    "lost",
    "win_rate",
    "win_rate_lo",
    "win_rate_hi",
    "win_rate_shrunk",
    "win_rate_p",
    "win_rate_q",
    "win_rate_significant",
    "median_cycle_days",
    "cycle_p",
    "cycle_q",
    "mean_won_amount",
    "median_won_amount",
    "amount_p",
    "amount_q",
    "arr",
    "retention_accounts",
    "nrr_12m",
    "grr_12m",
    "logo_retention_12m",
    "nrr_p",
    "nrr_q",
    "clv",
    "tam_accounts",
    "tam_value",
    "index_win_rate",
    "index_median_cycle_days",
    "index_mean_won_amount",
    "index_nrr_12m",
    "index_clv",
    "score",
    "significant_better",
    "better_on",
    "tier",
)
"""Columns of the segment table. *_q are the Benjamini-Hochberg adjusted p-values;
retention_accounts is |S|; better_on lists the metrics significantly better."""


def groupings(settings: SegmentsSettings) -> list[tuple[str, ...]]:
    """The dimension sets evaluated: each single dimension, the combination, and ()
    for the whole base (DEFINITIONS.md section 2)."""
    for name in [*settings.dimensions, *settings.combination]:
        if name not in DIMENSIONS:
            raise ConfigError(
                f"segments: unknown dimension {name!r}; allowed: {list(DIMENSIONS)}"
            )
    chosen: list[tuple[str, ...]] = [(n,) for n in dict.fromkeys(settings.dimensions)]
    combination = tuple(dict.fromkeys(settings.combination))
    if combination and combination not in chosen:
        chosen.append(combination)
    return [*chosen, ()]


def dimensions_label(grouping: Sequence[str]) -> str:
    return "+".join(grouping) if grouping else ALL


def segment_key(values: Mapping[Any, object], grouping: Sequence[str]) -> str:
    """Readable key such as 'industry=software|size_band=200-999' ('all' for ())."""
    if not grouping:
        return ALL
    return "|".join(f"{name}={values[name]}" for name in grouping)


def aggregate(
    table: ir.Table,
    groups: Sequence[tuple[str, ...]],
    metrics: Mapping[str, ir.Scalar],
) -> pd.DataFrame:
    """One aggregation per segment of every grouping, run as a single query (a
    union over the groupings); dimensions a grouping does not fix are null. Adds
    the columns dimensions and segment."""
    parts = []
    for grouping in groups:
        if grouping:
            part = table.group_by(list(grouping)).aggregate(**metrics)
        else:
            part = table.aggregate(**metrics)
        fixed = {
            name: part[name] if name in grouping else ibis.null("string")
            for name in DIMENSIONS
        }
        label = ibis.literal(dimensions_label(grouping))
        parts.append(part.select(*metrics, dimensions=label, **fixed))
    frame = ibis.union(*parts).to_pandas()
    frame["segment"] = [
        segment_key(row, _fixed(row["dimensions"])) for row in frame.to_dict("records")
    ]
    return frame


def _fixed(label: str) -> tuple[str, ...]:
    return () if label == ALL else tuple(label.split("+"))


def account_sums(base: ir.Table) -> dict[str, ir.Scalar]:
    """Accounts, customers, ARR and the retention sums of a segment."""
    return {
        "accounts": base.account_id.count(),
        "customers": base.is_customer.sum(),
        "arr": base.arr_as_of.sum(),
        **retention_sums(base),
    }


def opportunity_sums(closed: ir.Table) -> dict[str, ir.Scalar]:
    """closed_opps, won, lost (DEFINITIONS.md section 3)."""
    return {
        "closed_opps": closed.count(),
        "won": closed.opportunity_id.count(where=closed.status == "won"),
        "lost": closed.opportunity_id.count(where=closed.status == "lost"),
    }


def ranked_sums(
    closed: ir.Table, value: str, prefix: str
) -> tuple[ir.Table, dict[str, ir.Scalar]]:
    """The rows with a `value`, ranked over the whole base, and the reductions a
    rank test needs per segment: count, rank sum, mean and median of `value`."""
    ranked = with_average_ranks(closed, value, "rank")
    metrics = {
        f"{prefix}_n": ranked.count(),
        f"{prefix}_rank_sum": ranked["rank"].sum(),
        f"{prefix}_mean": ranked[value].mean(),
        f"{prefix}_median": ranked[value].median(),
    }
    return ranked, metrics
