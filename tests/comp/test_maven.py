"""Statements on the real maven-crm pipeline (35 agents, 5 without deals)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from icpkit.comp import compute_statements
from icpkit.config import CompSettings

STATUS = {"Won": "won", "Lost": "lost", "Engaging": "open", "Prospecting": "open"}


@pytest.mark.shared_data
def test_maven_statements_pay_every_won_deal_and_list_idle_agents(
    shared_data: Path,
) -> None:
    folder = shared_data / "maven-crm"
    pipeline = pd.read_csv(folder / "sales_pipeline.csv")
    teams = pd.read_csv(folder / "sales_teams.csv")
    opportunities = pd.DataFrame(
        {
            "opportunity_id": pipeline["opportunity_id"],
            "account_id": pipeline["account"],
            "owner_id": pipeline["sales_agent"],
            "status": pipeline["deal_stage"].map(STATUS),
            "amount": pipeline["close_value"],
            "created_date": pd.to_datetime(pipeline["engage_date"]),
            "close_date": pd.to_datetime(pipeline["close_date"]),
        }
    )
    reps = pd.DataFrame({"rep_id": teams["sales_agent"], "quota": None})
    result = compute_statements(
        opportunities,
        pd.DataFrame(),
        reps,
        None,
        None,
        date(2017, 12, 31),
        CompSettings(default_quota=150000.0),
    )
    lines, totals = result.statements, result.totals
    assert totals is not None
    base = lines.loc[lines["rule"] == "base_commission"]
    assert len(base) == 4238
    won_total = Decimal(
        str(pipeline.loc[pipeline["deal_stage"] == "Won", "close_value"].sum())
    )
    booked = sum(Decimal(b) for b in base["basis"])
    assert booked == won_total
    assert totals["rep_id"].nunique() == 35
    idle = totals.groupby("rep_id")["total"].apply(lambda t: set(t) == {"0.00"})
    assert idle.sum() == 5
