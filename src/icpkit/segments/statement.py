"""The sentence the report opens with: the ICP, or that there is none
(DEFINITIONS.md section 4)."""

from __future__ import annotations

import math

import pandas as pd

from icpkit.segments.table import ALL


def icp_statement(segments: pd.DataFrame, tests_run: int, fdr: float) -> str:
    """Name the tier A segments with their key figures, or say plainly that the data
    does not single out an ICP, and why (DEFINITIONS.md section 4)."""
    overall = segments[segments["dimensions"] == ALL].iloc[0]
    tier_a = segments[segments["tier"] == "A"]
    correction = (
        f"after Benjamini-Hochberg correction (false discovery rate "
        f"{fdr:.0%}) for the {tests_run} tests run"
    )
    if tier_a.empty:
        better = int(segments["significant_better"].fillna(False).astype(bool).sum())
        if better == 0:
            return (
                "The data does not single out an ICP: no segment is significantly "
                f"better than the rest on any metric {correction}."
            )
        return (
            f"The data does not single out an ICP: {better} segment(s) are "
            f"significantly better on some metric {correction}, but none also "
            "reaches the tier A score and account count."
        )
    described = "; ".join(_describe(row, overall) for _, row in tier_a.iterrows())
    plural = "segments" if len(tier_a) > 1 else "segment"
    return f"The ICP is {len(tier_a)} {plural} ({correction}): {described}."


def _describe(row: pd.Series, overall: pd.Series) -> str:
    parts = [f"{row['segment']} ({int(row['accounts'])} accounts"]
    if _present(row.get("win_rate")):
        parts.append(
            f", win rate {row['win_rate']:.0%} (95% CI {row['win_rate_lo']:.0%}-"
            f"{row['win_rate_hi']:.0%}) vs {overall['win_rate']:.0%} overall"
        )
    if _present(row.get("nrr_12m")):
        parts.append(f", NRR {row['nrr_12m']:.0%} vs {overall['nrr_12m']:.0%}")
    parts.append(f"; better on {row['better_on']})")
    return "".join(parts)


def _present(value: object) -> bool:
    return isinstance(value, (int, float)) and not math.isnan(float(value))
