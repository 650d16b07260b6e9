"""The ICP statement in its three cases (DEFINITIONS.md section 4)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from icpkit.segments.statement import icp_statement, metric_words


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
        "(95% CI 38%-52%) vs 30% overall, NRR 115% vs 104%; better on win rate)."
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
    assert text.startswith(
        "The data does not single out an ICP: 1 segment is significantly better"
    )
    assert "tests run (industry=software, 8 accounts, better on win rate)" in text
    assert "none also reaches the tier A score and account count" in text


def test_metric_names_in_words() -> None:
    assert metric_words("win_rate,nrr_12m") == "win rate and NRR"
    assert metric_words("mean_won_amount") == "deal size"
    assert metric_words("win_rate,median_cycle_days,nrr_12m") == (
        "win rate, sales cycle, NRR"
    )


def test_a_parent_tier_a_segment_is_judged_without_the_icp_inside_it() -> None:
    table = pd.DataFrame(
        {
            "dimensions": ["all", "industry", "industry+size_band"],
            "industry": [None, "software", "software"],
            "size_band": [None, None, "200-999"],
            "segment": [
                "all",
                "industry=software",
                "industry=software|size_band=200-999",
            ],
            "accounts": [100, 30, 10],
            "closed_opps": [400, 120, 40],
            "won": [100, 40, 20],
            "win_rate": [0.25, 40 / 120, 0.5],
            "win_rate_lo": [0.21, 0.26, 0.35],
            "win_rate_hi": [0.29, 0.42, 0.65],
            "nrr_12m": [np.nan] * 3,
            "tier": [None, "A", "A"],
            "significant_better": [None, True, True],
            "better_on": [None, "win_rate", "win_rate"],
        }
    )
    text = icp_statement(table, tests_run=5, fdr=0.05)
    assert text.startswith("The ICP is 1 segment (")
    assert ": industry=software|size_band=200-999 (10 accounts, win rate 50%" in text
    # Outside the band: 20 won of 80 closed = 25%; Wilson 95% interval by hand:
    # p=0.25, n=80, z=1.96: centre 0.27401, spread 0.09788, denominator 1.04802
    # -> 0.1681 .. 0.3548.
    assert text.endswith(
        "industry=software is also tier A, but it contains "
        "industry=software|size_band=200-999; without it, its win rate is 25% "
        "(95% CI 17%-35%) vs 25% overall."
    )
