"""ARR, NRR, GRR, logo retention, CLV and customers on a 3-account toy
(DEFINITIONS.md section 3), with overlap sum and latest."""

from __future__ import annotations

import functools
from datetime import date

import pandas as pd
import pytest

from icpkit.config import SegmentsSettings, SubscriptionsSettings
from icpkit.segments import SegmentsResult, compute_segments

from .toy import AS_OF, accounts_table, subscriptions_table

# t = 2023-12-31. A: 100 at t; 100 + 50 at as_of (two concurrent subscriptions).
# B: 200 at t, ended 2024-06-30 (0 at as_of); its 999 trial never counts.
# C: starts 2024-05-01 (not in S), 80 at as_of; its second row ends ON as_of,
# so it is not active on as_of (end_date > d is required).
SUBSCRIPTIONS = [
    ("s1", "A", date(2023, 6, 1), None, 100.0, False),
    ("s2", "A", date(2024, 3, 1), None, 50.0, False),
    ("s3", "B", date(2023, 1, 1), date(2024, 6, 30), 200.0, False),
    ("s4", "B", date(2024, 1, 1), None, 999.0, True),
    ("s5", "C", date(2024, 5, 1), None, 80.0, False),
    ("s6", "C", date(2024, 6, 1), AS_OF, 30.0, False),
]
ACCOUNTS = [
    ("A", "software", 120, "emea"),
    ("B", "software", 120, "emea"),
    ("C", "retail", 20, "na"),
]


@functools.cache
def run(overlap: str) -> SegmentsResult:
    return compute_segments(
        accounts_table(ACCOUNTS),
        None,
        subscriptions_table(SUBSCRIPTIONS),
        None,
        AS_OF,
        SegmentsSettings(),
        SubscriptionsSettings(overlap=overlap),  # type: ignore[arg-type]
    )


def overall(result: SegmentsResult) -> pd.Series:
    return result.segments.set_index("segment").loc["all"]


def test_sum_overlap_retention_metrics() -> None:
    row = overall(run("sum"))
    # S = {A, B}: start 300; end 150 + 0; kept min(150,100) + min(0,200) = 100
    assert row["retention_accounts"] == 2
    assert row["arr"] == pytest.approx(150 + 80)
    assert row["nrr_12m"] == pytest.approx(150 / 300)
    assert row["grr_12m"] == pytest.approx(100 / 300)
    assert row["logo_retention_12m"] == pytest.approx(0.5)
    # ACV = 300 / 2; defaults margin 0.8, 5 years, 10 %
    annuity = sum((0.5 / 1.1) ** k for k in range(5))
    assert row["clv"] == pytest.approx(150 * 0.8 * annuity)


def test_latest_overlap_counts_only_the_newest_subscription() -> None:
    row = overall(run("latest"))
    # A at as_of: only s2 (started 2024-03-01) -> 50
    assert row["nrr_12m"] == pytest.approx(50 / 300)
    assert row["grr_12m"] == pytest.approx(50 / 300)
    assert row["arr"] == pytest.approx(50 + 80)


def test_segment_retention_and_customers() -> None:
    result = run("sum")
    software = result.segments.set_index("segment").loc["industry=software"]
    assert software["accounts"] == 2
    assert software["customers"] == 1  # B has no ARR on as_of
    assert software["nrr_12m"] == pytest.approx(0.5)
    retail = result.segments.set_index("segment").loc["industry=retail"]
    assert retail["retention_accounts"] == 0
    assert pd.isna(retail["nrr_12m"]) and pd.isna(retail["clv"])


def test_account_segments_customer_status_and_cohort() -> None:
    frame = run("sum").account_segments.set_index("account_id")
    assert frame.loc["A", "is_customer"] and frame.loc["C", "is_customer"]
    assert not frame.loc["B", "is_customer"]
    assert frame.loc["A", "arr_as_of"] == pytest.approx(150)
    assert frame.loc["B", "arr_as_of"] == 0
    assert frame.loc["A", "cohort"] == "2023Q2"
    assert frame.loc["B", "cohort"] == "2023Q1"
    assert frame.loc["C", "cohort"] == "2024Q2"
    assert frame.loc["A", "segment"] == "industry=software|size_band=50-199"
    assert frame.loc["C", "segment"] == "industry=retail|size_band=1-49"


def test_concurrent_subscriptions_are_reported() -> None:
    findings = run("sum").findings.set_index("check")
    row = findings.loc["concurrent_subscriptions"]
    assert row["count"] == 1
    assert row["example"] == "A"
    assert row["severity"] == "warning"


def test_clv_is_null_without_subscriptions_and_says_why() -> None:
    from .toy import opportunities_table

    opportunities = opportunities_table(
        [("o1", "A", "won", None, 10.0, date(2024, 1, 1), date(2024, 2, 1))]
    )
    result = compute_segments(
        accounts_table(ACCOUNTS),
        opportunities,
        None,
        None,
        AS_OF,
        SegmentsSettings(),
        SubscriptionsSettings(),
    )
    row = overall(result)
    assert pd.isna(row["clv"]) and pd.isna(row["nrr_12m"]) and pd.isna(row["arr"])
    assert "no_subscription_data" in set(result.findings["check"])
    customers = result.account_segments.set_index("account_id")["is_customer"]
    assert customers.to_dict() == {"A": True, "B": False, "C": False}
