"""Hand-worked cases for each rule of DEFINITIONS 9."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest

from icpkit.comp import compute_statements
from icpkit.comp.money import to_cents
from icpkit.config import AttainmentTier, CompSettings

from .helpers import (
    AS_OF,
    NO_TAL,
    money,
    opportunities,
    opportunity,
    reps,
    tal_versions,
)

D = Decimal


def test_rounding_is_half_up_to_cents() -> None:
    assert to_cents(D("0.125")) == D("0.13")
    assert to_cents(D("2.675")) == D("2.68")
    assert to_cents(D("-0.001")) == D("0.00")
    assert str(to_cents(D("-0.001"))) == "0.00"


def test_base_commission_is_rate_times_amount_at_close() -> None:
    opps = opportunities(opportunity("O1", 12000.0, closed="2017-05-10"))
    result = compute_statements(opps, NO_TAL, None, None, None, AS_OF, CompSettings())
    line = result.statements.set_index("rule").loc["base_commission"]
    assert (line.name, line["period"], line["amount"]) == (
        "base_commission",
        "2017-Q2",
        "1200.00",
    )
    assert line["detail"] == "10% of 12,000.00"
    assert line["basis"] == "12000"


def test_each_line_is_rounded_once() -> None:
    # 0.05 x 10 % = 0.005 -> 0.01; accelerator 0.005 x 15 % = 0.00075 -> 0.00.
    opps = opportunities(opportunity("O1", 0.05))
    tal = tal_versions(("ACC1", "A", "2017-01-01"))
    result = compute_statements(opps, tal, None, None, None, AS_OF, CompSettings())
    assert money(result.statements, "base_commission") == [D("0.01")]
    assert money(result.statements, "icp_accelerator") == [D("0.00")]


def test_icp_accelerator_uses_tier_in_force_at_creation() -> None:
    # Tier A when created (March), re-scored C in June before the July close.
    opps = opportunities(
        opportunity("O1", 12000.0, created="2017-03-01", closed="2017-07-01")
    )
    tal = tal_versions(("ACC1", "A", "2017-01-01"), ("ACC1", "C", "2017-06-01"))
    lines = compute_statements(
        opps, tal, None, None, None, AS_OF, CompSettings()
    ).statements
    accelerator = lines.loc[lines["rule"] == "icp_accelerator"].iloc[0]
    assert accelerator["tier"] == "A"
    assert accelerator["tier_basis"] == "in force at creation"
    assert accelerator["amount"] == "180.00"  # 1,200 x (1.15 - 1)
    assert accelerator["rate"] == "0.15"


def test_earliest_version_is_used_and_said_when_none_in_force() -> None:
    opps = opportunities(opportunity("O1", 1000.0, created="2016-11-01"))
    tal = tal_versions(("ACC1", "B", "2017-01-01"), ("ACC1", "C", "2017-06-01"))
    result = compute_statements(opps, tal, None, None, None, AS_OF, CompSettings())
    line = result.statements.set_index("rule").loc["base_commission"]
    assert line["tier"] == "B"
    assert line["tier_basis"] == "earliest version (none in force at creation)"
    assert money(result.statements, "icp_accelerator") == [D("10.00")]
    assert "TAL tier from earliest version" in set(result.findings["check"])


def _plan(shape: str) -> CompSettings:
    tiers = [
        AttainmentTier(attainment_from=a, multiplier=m)
        for a, m in [(0.0, 1.0), (1.0, 1.5), (1.5, 2.0)]
    ]
    return CompSettings(attainment_shape=shape, attainment_tiers=tiers)


def test_tiered_pays_all_bookings_at_the_tier_reached() -> None:
    # quota 100k, bookings 160k: attainment 160 % reaches the 150 % tier (x2.0), so
    # all 160k earn 10 % x 2.0 = 32,000: base 16,000 + accelerator 16,000.
    opps = opportunities(opportunity("O1", 160000.0, account_id=None))
    result = compute_statements(
        opps, NO_TAL, reps({"R1": 100000.0}), None, None, AS_OF, _plan("tiered")
    )
    assert money(result.statements, "attainment_accelerator") == [D("16000.00")]
    totals = result.totals
    assert totals is not None
    row = totals.loc[totals["period"] == "2017-Q2"].iloc[0]
    assert (row["bookings"], row["quota"], row["total"]) == (
        "160000.00",
        "100000.00",
        "32000.00",
    )
    assert row["attainment"] == pytest.approx(1.6)


def test_marginal_pays_each_slice_at_its_own_tier() -> None:
    # 100k x 1.0 + 50k x 1.5 + 10k x 2.0 at 10 % = 10,000 + 7,500 + 2,000 = 19,500:
    # base 16,000, increments 50k x 10 % x 0.5 = 2,500 and 10k x 10 % x 1.0 = 1,000.
    opps = opportunities(opportunity("O1", 160000.0, account_id=None))
    result = compute_statements(
        opps, NO_TAL, reps({"R1": 100000.0}), None, None, AS_OF, _plan("marginal")
    )
    accelerators = result.statements.loc[
        result.statements["rule"] == "attainment_accelerator"
    ]
    assert sorted(accelerators["basis"]) == ["10000", "50000"]
    assert sorted(money(result.statements, "attainment_accelerator")) == [
        D("1000.00"),
        D("2500.00"),
    ]
    totals = result.totals
    assert totals is not None
    assert totals.loc[totals["period"] == "2017-Q2", "total"].item() == "19500.00"


def test_no_quota_means_no_attainment_accelerator_and_a_line_says_so() -> None:
    opps = opportunities(opportunity("O1", 500000.0, account_id=None))
    result = compute_statements(
        opps, NO_TAL, reps({"R1": None}), None, None, AS_OF, _plan("tiered")
    )
    line = result.statements.loc[result.statements["rule"] == "attainment_accelerator"]
    assert line["amount"].tolist() == ["0.00"]
    assert "no quota" in line["detail"].item()
    totals = result.totals
    assert totals is not None
    assert totals["attainment"].isna().all()


def test_default_quota_applies_to_reps_without_one() -> None:
    opps = opportunities(opportunity("O1", 160000.0, account_id=None))
    settings = _plan("tiered").model_copy(update={"default_quota": 100000.0})
    result = compute_statements(
        opps, NO_TAL, reps({"R1": None}), None, None, AS_OF, settings
    )
    assert money(result.statements, "attainment_accelerator") == [D("16000.00")]


def _activities(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    """(account_id, type, activity_date) rows, all by rep R1."""
    return pd.DataFrame(
        {
            "activity_id": [f"A{i}" for i in range(len(rows))],
            "account_id": [account for account, _, _ in rows],
            "owner_id": "R1",
            "type": [kind for _, kind, _ in rows],
            "activity_date": [pd.Timestamp(day) for _, _, day in rows],
        }
    )


def test_activity_credit_counts_meetings_with_tier_a_b_before_the_win() -> None:
    # ACC1 (tier A) is won on 2017-05-10: meetings before count, the one after not;
    # a call does not count; ACC3 is tier C. 3 x 50 = 150.
    opps = opportunities(opportunity("O1", 0.0, account_id="ACC1"))
    tal = tal_versions(
        ("ACC1", "A", "2017-01-01"),
        ("ACC2", "B", "2017-01-01"),
        ("ACC3", "C", "2017-01-01"),
    )
    activities = _activities(
        [
            ("ACC1", "meeting", "2017-04-01"),
            ("ACC1", "meeting", "2017-05-01"),
            ("ACC2", "meeting", "2017-06-01"),
            ("ACC1", "meeting", "2017-06-01"),
            ("ACC1", "call", "2017-04-02"),
            ("ACC3", "meeting", "2017-04-03"),
        ]
    )
    lines = compute_statements(
        opps, tal, None, activities, None, AS_OF, CompSettings()
    ).statements
    credit = lines.loc[lines["rule"] == "activity_credit"]
    assert credit[["rep_id", "period", "basis", "amount"]].values.tolist() == [
        ["R1", "2017-Q2", "3", "150.00"]
    ]


def test_activity_credit_is_capped_per_rep_and_period() -> None:
    tal = tal_versions(("ACC2", "B", "2017-01-01"))
    activities = _activities([("ACC2", "meeting", "2017-04-01")] * 25)
    opps = opportunities(opportunity("O1", 10.0, account_id=None))
    lines = compute_statements(
        opps, tal, None, activities, None, AS_OF, CompSettings()
    ).statements
    credit = lines.loc[lines["rule"] == "activity_credit"].iloc[0]
    assert (credit["basis"], credit["amount"]) == ("25", "1000.00")
    assert "capped at 1,000.00" in credit["detail"]
