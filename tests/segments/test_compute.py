"""compute_segments end to end on small hand-made tables (DEFINITIONS.md 2-4)."""

from __future__ import annotations

from datetime import date

import ibis
import numpy as np
import pandas as pd
import pytest

from icpkit.config import SegmentsSettings, SubscriptionsSettings
from icpkit.segments import SEGMENT_COLUMNS, SegmentsResult, compute_segments

from .toy import AS_OF, accounts_table, opportunities_table

JAN, FEB, MAR = date(2024, 1, 1), date(2024, 2, 1), date(2024, 3, 1)
ACCOUNTS = [
    ("A", "software", 120, "emea"),
    ("B", "software", 120, "emea"),
    ("C", "retail", 20, "na"),
    ("D", None, None, None),
]
OPPORTUNITIES = [
    ("o1", "A", "won", "new_business", 100.0, JAN, FEB),  # cycle 31
    ("o2", "A", "won", "expansion", 500.0, JAN, MAR),  # cycle 60, not deal size
    ("o3", "B", "lost", "new_business", 50.0, JAN, FEB),
    ("o4", "B", "won", None, 300.0, MAR, FEB),  # negative cycle; type unknown
    ("o5", "C", "won", "new_business", 200.0, JAN, date(2024, 1, 11)),  # cycle 10
    ("o6", None, "won", "new_business", 70.0, JAN, FEB),  # no account
    ("o7", "A", "won", "new_business", 90.0, JAN, date(2025, 1, 5)),  # after as_of
    ("o8", "C", "lost", "new_business", 0.0, JAN, FEB),
    ("o9", "Z", "lost", "new_business", 0.0, JAN, FEB),  # unknown account
    ("o10", "A", "open", "new_business", 10.0, JAN, None),
]
UNIVERSE = pd.DataFrame(
    {
        "company_id": ["u1", "u2", "u3", "u4"],
        "name": ["a", "b", "c", "d"],
        "industry": ["software", "software", "retail", "energy"],
        "employees": [150, 100, 10, 10],
        "region": ["emea", "emea", "na", "na"],
        # u1 is customer A; u3 is account D, not a customer
        "account_id": ["A", None, "D", None],
    }
)


def run() -> SegmentsResult:
    return compute_segments(
        accounts_table(ACCOUNTS),
        opportunities_table(OPPORTUNITIES),
        None,
        ibis.memtable(UNIVERSE),
        AS_OF,
        SegmentsSettings(),
        SubscriptionsSettings(),
    )


@pytest.fixture(scope="module")
def result() -> SegmentsResult:
    return run()


def test_columns_and_rows(result: SegmentsResult) -> None:
    segments = result.segments
    assert list(segments.columns) == list(SEGMENT_COLUMNS)
    assert segments.iloc[0]["segment"] == "all"
    assert pd.isna(segments.iloc[0]["tier"])
    assert set(segments["dimensions"]) == {
        "all",
        "industry",
        "size_band",
        "region",
        "industry+size_band",
    }
    combo = segments[segments["dimensions"] == "industry+size_band"]
    assert combo["region"].isna().all()
    assert "industry=software|size_band=50-199" in set(combo["segment"])


def test_counts_amounts_and_cycles(result: SegmentsResult) -> None:
    rows = result.segments.set_index("segment")
    overall = rows.loc["all"]
    assert (overall["closed_opps"], overall["won"], overall["lost"]) == (6, 4, 2)
    # won new_business or unknown type: o1 100, o4 300, o5 200
    assert overall["mean_won_amount"] == pytest.approx(200.0)
    assert overall["median_cycle_days"] == pytest.approx(31.0)  # 10, 31, 60
    software = rows.loc["industry=software"]
    assert (software["closed_opps"], software["won"]) == (4, 3)
    assert software["win_rate"] == pytest.approx(0.75)
    assert software["mean_won_amount"] == pytest.approx(200.0)  # 100 and 300
    assert software["median_cycle_days"] == pytest.approx(45.5)  # 31 and 60
    unknown = rows.loc["industry=unknown"]
    assert unknown["accounts"] == 1 and unknown["closed_opps"] == 0
    assert pd.isna(unknown["win_rate"])


def test_shrunk_win_rate_and_index(result: SegmentsResult) -> None:
    software = result.segments.set_index("segment").loc["industry=software"]
    # (3 + 20 x 4/6) / (4 + 20)
    shrunk = (3 + 20 * 4 / 6) / 24
    assert software["win_rate_shrunk"] == pytest.approx(shrunk)
    assert software["index_win_rate"] == pytest.approx(shrunk / (4 / 6))


def test_findings_count_what_was_left_out(result: SegmentsResult) -> None:
    findings = result.findings.set_index(["table", "check"])["count"]
    assert findings[("opportunities", "opportunities_without_account")] == 1
    assert findings[("opportunities", "unknown_account")] == 1
    assert findings[("opportunities", "negative_cycle")] == 1
    assert findings[("opportunities", "closed_after_as_of")] == 1
    assert findings[("accounts", "industry_blank")] == 1
    assert findings[("accounts", "employees_missing")] == 1
    assert findings[("universe", "outside_account_segments")] == 1


def test_tam_excludes_customers(result: SegmentsResult) -> None:
    rows = result.segments.set_index("segment")
    assert rows.loc["all", "tam_accounts"] == 3  # u2, u3 (D no customer), u4
    assert rows.loc["industry=software", "tam_accounts"] == 1
    # fewer than 10 won: the overall median won amount, 200
    assert rows.loc["industry=software", "tam_value"] == pytest.approx(200.0)
    assert rows.loc["all", "tam_value"] == pytest.approx(600.0)


def test_account_segments(result: SegmentsResult) -> None:
    frame = result.account_segments.set_index("account_id")
    assert frame.loc["D", "segment"] == "industry=unknown|size_band=unknown"
    assert frame.loc["B", "is_customer"] and not frame.loc["D", "is_customer"]
    assert frame.loc["C", "cohort"] == "2024Q1"
    assert frame.loc["A", "segment_tier"] in {"A", "B", "C"}


def test_statement_without_icp_names_the_test_count(result: SegmentsResult) -> None:
    assert result.icp_statement.startswith("The data does not single out an ICP")
    assert "tests run" in result.icp_statement


def planted() -> SegmentsResult:
    """Industry 'fintech' (6 accounts) wins 80 % of 300 deals; the rest 40 % of 600."""
    accounts = [(f"f{i}", "fintech", 300, "na") for i in range(6)]
    accounts += [(f"o{i}", "other", 300, "na") for i in range(12)]
    rows = []
    for number in range(900):
        fintech = number < 300
        account = f"f{number % 6}" if fintech else f"o{number % 12}"
        won = (number % 10) < (8 if fintech else 4)
        status = "won" if won else "lost"
        rows.append((f"p{number}", account, status, None, 100.0, JAN, FEB))
    return compute_segments(
        accounts_table(accounts),
        opportunities_table(rows),
        None,
        None,
        AS_OF,
        SegmentsSettings(),
        SubscriptionsSettings(),
    )


def test_planted_segment_reaches_tier_a_and_is_named() -> None:
    result = planted()
    rows = result.segments.set_index("segment")
    fintech = rows.loc["industry=fintech"]
    assert fintech["tier"] == "A"
    assert fintech["win_rate_significant"] and fintech["better_on"] == "win_rate"
    assert rows.loc["industry=other", "tier"] == "C"
    assert not rows.loc["industry=other", "significant_better"]  # worse, not better
    assert result.icp_statement.startswith("The ICP is")
    assert "industry=fintech" in result.icp_statement
    assert "win rate 80% (95% CI" in result.icp_statement
    tiers = result.account_segments.set_index("account_id")["segment_tier"]
    assert tiers["f0"] == "A"
    assert np.isnan(rows.loc["industry=fintech", "nrr_12m"])


def test_negative_won_amount_is_a_win_but_not_a_deal_size() -> None:
    credit = ("o11", "C", "won", "new_business", -500.0, JAN, FEB)
    result = compute_segments(
        accounts_table(ACCOUNTS), opportunities_table([*OPPORTUNITIES, credit]),
        None, ibis.memtable(UNIVERSE), AS_OF, SegmentsSettings(),
        SubscriptionsSettings(),
    )  # fmt: skip
    overall = result.segments.set_index("segment").loc["all"]
    assert overall["won"] == 5
    assert overall["mean_won_amount"] == pytest.approx(200.0)  # still 100, 300, 200
    findings = result.findings.set_index(["table", "check"])
    assert findings.loc[("opportunities", "won_negative_amount"), "count"] == 1
