"""Holdout after a move, findings, zero lines and bad input (DEFINITIONS 9)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pandas as pd
import pytest

from icpkit.comp import compute_statements
from icpkit.config import AttainmentTier, CompSettings
from icpkit.errors import ConfigError, InputError

from .helpers import AS_OF, NO_TAL, money, opportunities, opportunity, reps

MOVE = date(2017, 6, 30)
TERRITORIES = pd.DataFrame(
    {
        "entity_id": ["E1", "E2"],
        "account_id": ["ACC1", "ACC2"],
        "current_owner": ["R1", "R1"],
        "assigned_rep": ["R2", "R1"],
        "owner_changed": [True, False],
    }
)


def test_former_owner_keeps_credit_during_holdout_and_never_both() -> None:
    # ACC1 moves R1 -> R2 on 30 June; holdout 60 days ends 29 August.
    opps = opportunities(
        opportunity(
            "KEPT", 1000.0, owner_id="R2", created="2017-05-01", closed="2017-07-15"
        ),
        opportunity(
            "LATE", 2000.0, owner_id="R1", created="2017-05-01", closed="2017-09-15"
        ),
        opportunity(
            "NEW", 4000.0, owner_id="R2", created="2017-07-01", closed="2017-07-20"
        ),
        opportunity(
            "STAY", 8000.0, account_id="ACC2", created="2017-05-01", closed="2017-07-15"
        ),
    )
    lines = compute_statements(
        opps, NO_TAL, None, None, TERRITORIES, AS_OF, CompSettings(), move_date=MOVE
    ).statements
    booked = lines.loc[lines["rule"].isin(["base_commission", "holdout_credit"])]
    credited = dict(
        zip(
            booked["opportunity_id"],
            zip(booked["rep_id"], booked["rule"], strict=True),
            strict=True,
        )
    )
    assert credited == {
        "KEPT": ("R1", "holdout_credit"),
        "LATE": ("R2", "base_commission"),
        "NEW": ("R2", "base_commission"),
        "STAY": ("R1", "base_commission"),
    }
    assert booked["opportunity_id"].is_unique


def test_open_opportunities_on_moved_accounts_get_a_holdout_notice() -> None:
    opps = opportunities(
        opportunity("OPEN", None, status="open", created="2017-05-01", closed=None),
    )
    lines = compute_statements(
        opps, NO_TAL, None, None, TERRITORIES, MOVE, CompSettings()
    ).statements
    notice = lines.loc[lines["rule"] == "holdout_notice"].iloc[0]
    assert (notice["rep_id"], notice["opportunity_id"], notice["amount"]) == (
        "R1",
        "OPEN",
        "0.00",
    )
    assert "if won by 2017-08-29" in notice["detail"]


def test_won_without_owner_is_counted_and_paid_to_nobody() -> None:
    opps = opportunities(
        opportunity("O1", 500.0, owner_id=None), opportunity("O2", 100.0)
    )
    result = compute_statements(opps, NO_TAL, None, None, None, AS_OF, CompSettings())
    assert result.statements["opportunity_id"].dropna().tolist() == ["O2"]
    finding = result.findings.set_index("check").loc["won opportunity without owner"]
    assert (finding["count"], finding["example"]) == (1, "O1")
    assert "500.00" in finding["detail"]


def test_won_after_as_of_or_without_amount_is_left_out_and_counted() -> None:
    opps = opportunities(
        opportunity("LATER", 100.0, closed="2018-01-05"),
        opportunity("BLANK", None),
        opportunity("OK", 100.0),
    )
    result = compute_statements(opps, NO_TAL, None, None, None, AS_OF, CompSettings())
    assert result.statements["opportunity_id"].dropna().tolist() == ["OK"]
    checks = dict(zip(result.findings["check"], result.findings["count"], strict=True))
    assert checks["won opportunity closed after as_of"] == 1
    assert checks["won opportunity without amount"] == 1


def test_reps_without_deals_appear_with_zero_totals() -> None:
    opps = opportunities(opportunity("O1", 100.0, closed="2017-08-01"))
    result = compute_statements(
        opps,
        NO_TAL,
        reps({"R1": 1000.0, "IDLE": 1000.0}),
        None,
        None,
        AS_OF,
        CompSettings(),
    )
    totals = result.totals
    assert totals is not None
    idle = totals.loc[totals["rep_id"] == "IDLE"]
    assert idle["period"].tolist() == ["2017-Q3", "2017-Q4"]
    assert idle["total"].tolist() == ["0.00", "0.00"]
    assert idle["attainment"].tolist() == [0.0, 0.0]
    assert money(result.statements, "no_credit") == [Decimal("0.00")] * 3


def test_missing_columns_are_named() -> None:
    opps = opportunities(opportunity("O1", 1.0)).drop(columns=["owner_id", "amount"])
    with pytest.raises(InputError, match=r"column 'owner_id'.*\n.*column 'amount'"):
        compute_statements(opps, NO_TAL, None, None, None, AS_OF, CompSettings())


def test_unordered_attainment_tiers_are_refused() -> None:
    tiers = [AttainmentTier(attainment_from=a, multiplier=1.0) for a in (1.0, 0.5)]
    opps = opportunities(opportunity("O1", 1.0))
    with pytest.raises(ConfigError, match=r"strictly rising order.*\[1.0, 0.5\]"):
        compute_statements(
            opps,
            NO_TAL,
            reps({"R1": 10.0}),
            None,
            None,
            AS_OF,
            CompSettings(attainment_tiers=tiers),
        )
