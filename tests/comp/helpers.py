"""Small hand-built frames for the comp tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pandas as pd


def opportunity(
    opportunity_id: str,
    amount: float | None,
    owner_id: str | None = "R1",
    account_id: str | None = "ACC1",
    status: str = "won",
    created: str | None = "2017-04-03",
    closed: str | None = "2017-05-10",
) -> dict[str, object]:
    return {
        "opportunity_id": opportunity_id,
        "account_id": account_id,
        "owner_id": owner_id,
        "status": status,
        "amount": amount,
        "created_date": None if created is None else pd.Timestamp(created),
        "close_date": None if closed is None else pd.Timestamp(closed),
    }


def opportunities(*rows: dict[str, object]) -> pd.DataFrame:
    frame = pd.DataFrame(list(rows))
    for column in ("created_date", "close_date"):
        frame[column] = pd.to_datetime(frame[column])
    return frame


def tal_versions(*rows: tuple[str, str, str]) -> pd.DataFrame:
    """(account_id, fit_tier, valid_from) rows."""
    return pd.DataFrame(
        {
            "entity_id": [f"E-{account}" for account, _, _ in rows],
            "account_id": [account for account, _, _ in rows],
            "fit_tier": [tier for _, tier, _ in rows],
            "valid_from": [pd.Timestamp(day) for _, _, day in rows],
        }
    )


NO_TAL = tal_versions()


def reps(quotas: dict[str, float | None]) -> pd.DataFrame:
    return pd.DataFrame({"rep_id": list(quotas), "quota": list(quotas.values())})


def money(frame: pd.DataFrame, rule: str) -> list[Decimal]:
    return [Decimal(text) for text in frame.loc[frame["rule"] == rule, "amount"]]


AS_OF = date(2017, 12, 31)
