"""Loaders mapping two real public data sets onto the canonical tables by hand
(plain pandas, for the segment tests only)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

MAVEN_STATUS = {"Won": "won", "Lost": "lost", "Engaging": "open", "Prospecting": "open"}


def _dates(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    for column in columns:
        frame[column] = pd.to_datetime(frame[column], format="%Y-%m-%d").dt.date
    return frame


def maven_accounts(folder: Path) -> pd.DataFrame:
    raw = pd.read_csv(folder / "accounts.csv")
    return pd.DataFrame(
        {
            "account_id": raw["account"],
            "name": raw["account"],
            "industry": raw["sector"].str.lower(),
            "employees": raw["employees"].astype("int64"),
            "country": raw["office_location"],
            # region: the country itself (14 of 15 countries hold one account).
            "region": raw["office_location"],
        }
    )


def maven_opportunities(folder: Path) -> pd.DataFrame:
    raw = pd.read_csv(folder / "sales_pipeline.csv")
    frame = pd.DataFrame(
        {
            "opportunity_id": raw["opportunity_id"],
            "account_id": raw["account"],
            "owner_id": raw["sales_agent"],
            "type": pd.Series([None] * len(raw), dtype="string"),
            "stage": raw["deal_stage"],
            "status": raw["deal_stage"].map(MAVEN_STATUS),
            "amount": raw["close_value"].astype("float64"),
            "created_date": raw["engage_date"],
            "close_date": raw["close_date"],
            "product": raw["product"],
        }
    )
    return _dates(frame, ["created_date", "close_date"])


def ravenstack_accounts(folder: Path) -> pd.DataFrame:
    raw = pd.read_csv(folder / "ravenstack_accounts.csv")
    return pd.DataFrame(
        {
            "account_id": raw["account_id"],
            "name": raw["account_name"],
            "industry": raw["industry"].str.lower(),
            # the set has seats, not employees: size is unknown.
            "employees": pd.Series([None] * len(raw), dtype="Int64"),
            "country": raw["country"],
            "region": raw["country"],
        }
    )


def ravenstack_subscriptions(folder: Path) -> pd.DataFrame:
    raw = pd.read_csv(folder / "ravenstack_subscriptions.csv")
    frame = pd.DataFrame(
        {
            "subscription_id": raw["subscription_id"],
            "account_id": raw["account_id"],
            "start_date": raw["start_date"],
            "end_date": raw["end_date"],
            "arr": raw["arr_amount"].astype("float64"),
            "is_trial": raw["is_trial"].astype(bool),
        }
    )
    return _dates(frame, ["start_date", "end_date"])
