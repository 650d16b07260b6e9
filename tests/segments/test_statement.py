"""The ICP statement in its three cases (DEFINITIONS.md section 4)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from icpkit.segments.statement import icp_statement


def frame(tier: str, better: bool, nrr: float = np.nan) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "dimensions": ["all", "industry"],
            "segment": ["all", "industry=software"],
            "accounts": [40, 8],
            "win_rate": [0.30, 0.45],
            "win_rate_lo": [0.27, 0.38],
            "win_rate_hi": [0.33, 0.52],
            "nrr_12m": [1.04, nrr],
            "tier": [None, tier],
            "significant_better": [None, better],
            "better_on": [None, "win_rate" if better else ""],
        }
    )


def test_statement_names_tier_a_with_key_figures() -> None:
    text = icp_statement(frame("A", True, nrr=1.15), tests_run=12, fdr=0.05)
    assert text == (
        "The ICP is 1 segment (after Benjamini-Hochberg correction (false discovery "
        "rate 5%) for the 12 tests run): industry=software (8 accounts, win rate 45% "
        "(95% CI 38%-52%) vs 30% overall, NRR 115% vs 104%; better on win_rate)."
    )


def test_statement_says_plainly_there_is_no_icp() -> None:
    text = icp_statement(frame("B", False), tests_run=12, fdr=0.05)
    assert text == (
        "The data does not single out an ICP: no segment is significantly better "
        "than the rest on any metric after Benjamini-Hochberg correction (false "
        "discovery rate 5%) for the 12 tests run."
    )


def test_statement_when_better_segments_miss_tier_a() -> None:
    text = icp_statement(frame("B", True), tests_run=12, fdr=0.05)
    assert text.startswith("The data does not single out an ICP: 1 segment(s)")
    assert "none also reaches the tier A score and account count" in text
