"""Segment metrics, shrinkage, tests, indices, score and tiers over the per-segment
sums (DEFINITIONS.md sections 3 and 4). Works on the small segment frame."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from icpkit.config import SegmentsSettings
from icpkit.segments.multiple_testing import benjamini_hochberg
from icpkit.segments.rank_test import mann_whitney_p
from icpkit.segments.retention import customer_lifetime_value, retention_metrics
from icpkit.segments.score import SCORED_METRICS, metric_index, segment_score
from icpkit.segments.segment_sums import RankTotals
from icpkit.segments.shrinkage import shrink_continuous
from icpkit.segments.table import ALL
from icpkit.segments.tam import tam_value
from icpkit.segments.tiers import assign_tiers
from icpkit.segments.win_rate import shrink_win_rate, two_proportion_p, wilson_interval

log = logging.getLogger(__name__)

# metric -> the column of its p-value against the rest of the base
TESTS = {
    "win_rate": "win_rate_p",
    "median_cycle_days": "cycle_p",
    "mean_won_amount": "amount_p",
    "nrr_12m": "nrr_p",
}


def add_outcome_metrics(sums: pd.DataFrame, settings: SegmentsSettings) -> pd.DataFrame:
    """win rate and its interval, cycle, deal size, retention and CLV
    (DEFINITIONS.md section 3)."""
    table = sums.copy()
    if "closed_opps" in table:
        closed = table["closed_opps"].astype(float)
        table["win_rate"] = table["won"] / closed.where(closed > 0)
        low, high = wilson_interval(table["won"], closed)
        table["win_rate_lo"], table["win_rate_hi"] = low, high
        table["median_cycle_days"] = table["cycle_median"]
        table["mean_won_amount"] = table["amount_mean"]
        table["median_won_amount"] = table["amount_median"]
    table = pd.concat([table, retention_metrics(table)], axis=1)
    table["clv"] = customer_lifetime_value(
        table["acv"],
        table["nrr_12m"],
        settings.gross_margin,
        settings.horizon_years,
        settings.discount_rate,
    )
    return table


def add_tests(
    table: pd.DataFrame, totals: RankTotals | None, nrr: tuple[np.ndarray, np.ndarray]
) -> pd.DataFrame:
    """p-values of each segment against the rest of the base, and the observed
    direction of each difference (> 0: segment higher) (DEFINITIONS.md section 4).
    `nrr` holds the bootstrap p-values and differences aligned with `table`."""
    table = table.copy()
    overall = _overall(table)
    if totals is not None:
        table["win_rate_p"] = two_proportion_p(
            table["won"], table["closed_opps"], overall["won"], overall["closed_opps"]
        )
        table["win_rate_direction"] = table["win_rate"] - _rest_rate(table, overall)
        for prefix, metric, ties in (
            ("cycle", "median_cycle_days", totals.cycle_ties),
            ("amount", "mean_won_amount", totals.amount_ties),
        ):
            p, direction = mann_whitney_p(
                table[f"{prefix}_n"],
                table[f"{prefix}_rank_sum"],
                int(overall[f"{prefix}_n"]),
                ties,
            )
            table[f"{prefix}_p"], table[f"{metric}_direction"] = p, direction
    table["nrr_p"], table["nrr_12m_direction"] = nrr
    table.loc[table["dimensions"] == ALL, _test_columns(table)] = np.nan
    return table


def add_significance(table: pd.DataFrame, fdr: float) -> tuple[pd.DataFrame, int]:
    """Benjamini-Hochberg over every p-value of the run; *_q columns, the win rate
    flag (differs, either way) and significant_better (a metric significantly
    better: higher, or shorter for cycle). Returns the table and the test count."""
    table = table.copy()
    present = [(metric, col) for metric, col in TESTS.items() if col in table]
    block = table[[col for _, col in present]].to_numpy(dtype=float)
    adjusted = benjamini_hochberg(block.ravel()).reshape(block.shape)
    better = pd.DataFrame(index=table.index)
    for position, (metric, col) in enumerate(present):
        q = adjusted[:, position]
        table[col.replace("_p", "_q")] = q
        sign = -1.0 if metric == "median_cycle_days" else 1.0
        direction = table[f"{metric}_direction"].to_numpy(dtype=float) * sign
        better[metric] = (q <= fdr) & (direction > 0)
    if "win_rate_q" in table:
        table["win_rate_significant"] = table["win_rate_q"] <= fdr
    table["significant_better"] = better.any(axis=1)
    table["better_on"] = better.apply(lambda row: ",".join(row.index[row]), axis=1)
    return table, int(np.isfinite(block).sum())


def add_score_and_tier(table: pd.DataFrame, settings: SegmentsSettings) -> pd.DataFrame:
    """Shrunk values, indices vs overall, score and tier (DEFINITIONS.md section 4)."""
    table = table.copy()
    overall = _overall(table)
    indices = pd.DataFrame(index=table.index)
    for metric in SCORED_METRICS:
        if metric not in table:
            continue
        shrunk = _shrunk(table, metric, overall, settings)
        if metric == "win_rate":
            table["win_rate_shrunk"] = shrunk
        indices[metric] = metric_index(shrunk, float(overall[metric]), metric)
        table[f"index_{metric}"] = indices[metric]
    table["score"] = segment_score(indices, settings.weights)
    table["tier"] = assign_tiers(
        table["score"], table["accounts"], table["significant_better"], settings
    )
    table.loc[table["dimensions"] == ALL, "tier"] = None
    return table


def add_tam_value(table: pd.DataFrame) -> pd.DataFrame:
    """tam_value of each segment (DEFINITIONS.md section 3)."""
    table = table.copy()
    if "tam_accounts" not in table or "median_won_amount" not in table:
        return table
    overall = _overall(table)
    table["tam_value"] = tam_value(
        table["tam_accounts"],
        table["median_won_amount"],
        table["amount_n"],
        float(overall["median_won_amount"]),
    )
    return table


def _shrunk(
    table: pd.DataFrame, metric: str, overall: pd.Series, settings: SegmentsSettings
) -> np.ndarray:
    if metric == "win_rate":
        shrunk = shrink_win_rate(
            table["won"],
            table["closed_opps"],
            float(overall["win_rate"]),
            settings.prior_closed,
        )
        shrunk[~(table["closed_opps"].to_numpy(dtype=float) > 0)] = np.nan
        return shrunk
    sizes = {
        "median_cycle_days": "cycle_n",
        "mean_won_amount": "amount_n",
        "nrr_12m": "retention_accounts",
        "clv": "retention_accounts",
    }
    return shrink_continuous(
        table[metric], table[sizes[metric]], float(overall[metric]), settings.prior_n
    )


def _overall(table: pd.DataFrame) -> pd.Series:
    rows = table[table["dimensions"] == ALL]
    return rows.iloc[0]


def _rest_rate(table: pd.DataFrame, overall: pd.Series) -> pd.Series:
    rest_closed = (overall["closed_opps"] - table["closed_opps"]).astype(float)
    return (overall["won"] - table["won"]) / rest_closed.where(rest_closed > 0)


def _test_columns(table: pd.DataFrame) -> list[str]:
    return [c for c in table.columns if c.endswith(("_p", "_direction"))]
