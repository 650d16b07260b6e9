"""Hand-worked quarters for each metric of DEFINITIONS 7."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from icpkit.metrics import METRIC_COLUMNS, compute_metrics

from . import toy


@pytest.fixture(scope="module")
def metrics() -> pd.DataFrame:
    frame = compute_metrics(
        toy.table(toy.OPPORTUNITIES),
        toy.table(toy.ACCOUNT_ICP),
        toy.table(toy.TAL),
        toy.table(toy.ACTIVITIES),
        None,
        toy.table(toy.TERRITORIES),
        toy.AS_OF,
        reps=toy.table(toy.REPS),
    )
    return frame.set_index(["quarter", "scope", "scope_id"])


def test_columns_and_quarters(metrics: pd.DataFrame) -> None:
    assert list(metrics.reset_index().columns) == list(METRIC_COLUMNS)
    assert sorted(metrics.index.get_level_values("quarter").unique()) == [
        "2017Q1",
        "2017Q2",
    ]


def test_pipeline_coverage(metrics: pd.DataFrame) -> None:
    # Open at 31 March: O2 (ICP), O4 (not), O5 (ICP), O6 (no account, so no ICP
    # account): 2/4; by amount (300 + 400) / (300 + 200 + 400 + 1000).
    q1 = metrics.loc[("2017Q1", "all", "all")]
    assert q1["open_opportunities"] == 4
    assert q1["icp_pipeline_coverage_count"] == pytest.approx(2 / 4)
    assert q1["icp_pipeline_coverage_amount"] == pytest.approx(700 / 1900)
    # At as_of (30 June) only O5 (ICP) and O6 are open: 1/2.
    q2 = metrics.loc[("2017Q2", "all", "all")]
    assert q2["open_opportunities"] == 2
    assert q2["icp_pipeline_coverage_count"] == 0.5
    # R2 at 31 March: O4 (not ICP) and O6 (no account): 0/2, a real zero.
    assert metrics.loc[("2017Q1", "rep", "R2"), "icp_pipeline_coverage_count"] == 0.0


def test_new_logos(metrics: pd.DataFrame) -> None:
    # A1's first win O1 in Q1 (ICP); A2's first win O4 in Q2 (not ICP); O2 is no logo.
    q1, q2 = (
        metrics.loc[("2017Q1", "all", "all")],
        metrics.loc[("2017Q2", "all", "all")],
    )
    assert (q1["new_logos"], q1["icp_new_logo_share"]) == (1, 1.0)
    assert (q2["new_logos"], q2["icp_new_logo_share"]) == (1, 0.0)
    assert metrics.loc[("2017Q2", "rep", "R1"), "new_logos"] == 0
    assert pd.isna(metrics.loc[("2017Q2", "rep", "R1"), "icp_new_logo_share"])


def test_win_rates_and_cycles(metrics: pd.DataFrame) -> None:
    # Q1 closed: O1 won (ICP, 30 days), O3 lost (not ICP).
    q1 = metrics.loc[("2017Q1", "all", "all")]
    assert (q1["closed_icp"], q1["closed_non_icp"]) == (1, 1)
    assert (q1["icp_win_rate"], q1["non_icp_win_rate"]) == (1.0, 0.0)
    assert q1["icp_median_cycle_days"] == 30
    assert pd.isna(q1["non_icp_median_cycle_days"])
    # Q2 closed: O2 won (ICP, 120), O7 lost (ICP), O4 won (not ICP, 69).
    q2 = metrics.loc[("2017Q2", "all", "all")]
    assert (q2["closed_icp"], q2["closed_non_icp"]) == (2, 1)
    assert (q2["icp_win_rate"], q2["non_icp_win_rate"]) == (0.5, 1.0)
    assert (q2["icp_median_cycle_days"], q2["non_icp_median_cycle_days"]) == (120, 69)


def test_tal_engagement(metrics: pd.DataFrame) -> None:
    # Tier A/B entities: E1 (A1), E2 (A2), E4 (prospect, no account) = 3.
    # Q1: opportunities created on A1 and A2 -> 2/3. Q2: only the meeting on A2 (O7
    # is on A3, tier C) -> 1/3. R1 holds E1 and E4: 1/2 then 0/2; R2 holds E2.
    assert metrics.loc[("2017Q1", "all", "all"), "tal_engagement"] == pytest.approx(
        2 / 3
    )
    assert metrics.loc[("2017Q2", "all", "all"), "tal_engagement"] == pytest.approx(
        1 / 3
    )
    assert metrics.loc[("2017Q1", "rep", "R1"), "tal_engagement"] == 0.5
    assert metrics.loc[("2017Q2", "rep", "R1"), "tal_engagement"] == 0.0
    assert metrics.loc[("2017Q2", "rep", "R2"), "tal_engagement"] == 1.0


def test_territory_scope_is_the_reps_region(metrics: pd.DataFrame) -> None:
    east = metrics.loc[("2017Q1", "territory", "East")]
    rep = metrics.loc[("2017Q1", "rep", "R2")]
    assert east["open_opportunities"] == rep["open_opportunities"] == 2


def test_without_activities_engagement_counts_opportunities_only() -> None:
    frame = compute_metrics(
        toy.table(toy.OPPORTUNITIES),
        toy.table(toy.ACCOUNT_ICP),
        toy.table(toy.TAL),
        None,
        None,
        None,
        toy.AS_OF,
    )
    frame = frame.set_index(["quarter", "scope", "scope_id"])
    assert frame.loc[("2017Q2", "all", "all"), "tal_engagement"] == 0.0
    assert frame["icp_cohort_nrr_12m"].isna().all()
    assert set(frame.index.get_level_values("scope")) == {"all", "rep"}


def test_cohort_nrr_of_the_cohort_four_quarters_earlier() -> None:
    # Cohort 2017Q1: C1 (ICP) 1,000 at 31 Mar 2017, 1,000 + 500 at 31 Mar 2018;
    # C2 (not ICP) 2,000 ended Dec 2017 -> 0 (its trial is ignored); C3 (ICP) has
    # no ARR at 31 Mar 2017, so it is not in S. NRR 2018Q1: ICP 1.5, non-ICP 0.0.
    subscriptions = pd.DataFrame(
        [
            ("S1", "C1", "2017-02-01", None, 1000.0, False),
            ("S2", "C1", "2017-10-01", None, 500.0, False),
            ("S3", "C2", "2017-03-01", "2017-12-31", 2000.0, False),
            ("S4", "C2", "2017-01-01", None, 999.0, True),
            ("S5", "C3", "2017-01-15", "2017-03-15", 400.0, False),
        ],
        columns=[
            "subscription_id",
            "account_id",
            "start_date",
            "end_date",
            "arr",
            "is_trial",
        ],
    )
    for column in ("start_date", "end_date"):
        subscriptions[column] = toy.dates(subscriptions[column])
    opps = toy.OPPORTUNITIES.head(1)
    icp = pd.DataFrame(
        {"account_id": ["C1", "C2", "C3"], "is_icp": [True, False, True]}
    )
    frame = compute_metrics(
        toy.table(opps),
        toy.table(icp),
        toy.table(toy.TAL),
        None,
        toy.table(subscriptions),
        None,
        date(2018, 6, 30),
    )
    frame = frame.loc[frame["scope"] == "all"].set_index("quarter")
    assert frame.loc["2018Q1", "icp_cohort_nrr_12m"] == pytest.approx(1.5)
    assert frame.loc["2018Q1", "non_icp_cohort_nrr_12m"] == 0.0
    others = frame.drop(index="2018Q1")
    assert others[["icp_cohort_nrr_12m", "non_icp_cohort_nrr_12m"]].isna().all().all()
