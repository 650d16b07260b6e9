"""Figures measured on the generated truth, for the sample's README."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

from icpkit.sample.plan import AS_OF, PLANTED_ICP


def arr_at(subscriptions: pd.DataFrame, day: date) -> pd.Series:
    """ARR(a, d) per account (DEFINITIONS.md section 3), trials left out."""
    start = pd.to_datetime(subscriptions["start_date"])
    end = pd.to_datetime(subscriptions["end_date"])
    stamp = pd.Timestamp(day)
    live = (start <= stamp) & (end.isna() | (end > stamp)) & ~subscriptions["is_trial"]
    return subscriptions[live].groupby("account_id")["arr"].sum()


def net_revenue_retention(subscriptions: pd.DataFrame, accounts: pd.Index) -> float:
    """nrr_12m over `accounts` (DEFINITIONS.md section 3), at the sample's as_of."""
    before = arr_at(subscriptions, AS_OF - timedelta(days=365))
    after = arr_at(subscriptions, AS_OF)
    base = before[before.index.isin(accounts) & (before > 0)]
    # Accounts with no live contract at as_of have ARR 0 there: churned.
    return float(after.reindex(base.index, fill_value=0.0).sum() / base.sum())


def win_rate(deals: pd.DataFrame) -> float:
    """won / (won + lost) (DEFINITIONS.md section 3)."""
    closed = deals[deals["status"] != "open"]
    return float((closed["status"] == "won").mean())


def planted_cell_outcomes(
    accounts: pd.DataFrame, deals: pd.DataFrame, subscriptions: pd.DataFrame
) -> dict[str, float]:
    """Raw win rate and NRR inside the planted cell and outside it."""
    icp_ids = pd.Index(accounts.loc[accounts["in_icp"], "account_id"])
    other_ids = pd.Index(accounts.loc[~accounts["in_icp"], "account_id"])
    in_cell = deals["account_id"].isin(icp_ids).to_numpy()
    return {
        "icp_accounts": float(len(icp_ids)),
        "icp_win_rate": win_rate(deals[in_cell]),
        "other_win_rate": win_rate(deals[~in_cell]),
        "icp_nrr": net_revenue_retention(subscriptions, icp_ids),
        "other_nrr": net_revenue_retention(subscriptions, other_ids),
    }


def new_logos(accounts: pd.DataFrame, deals: pd.DataFrame) -> dict[str, float]:
    """Customers (a won deal by as_of), new logos of the last 365 days (first win
    closed in them), and the planted cell's share of accounts and of new logos."""
    won = deals[deals["status"] == "won"]
    first = won.groupby("account_id")["close_date"].min()
    since = np.datetime64(AS_OF) - np.timedelta64(365, "D")
    recent = first.index[first.to_numpy() > since]
    in_icp = accounts.set_index("account_id")["in_icp"]
    return {
        "customers": float(len(first)),
        "new_logos": float(len(recent)),
        "icp_account_share": float(in_icp.mean()),
        "icp_new_logo_share": float(in_icp[recent].mean()) if len(recent) else 0.0,
    }


def lookalike_listings(universe: pd.DataFrame) -> int:
    """Universe listings in the planted cell, by their written industry and size."""
    written = universe["employees"].str.replace(",", "", regex=False)
    # Blank head counts fall in no band: they are simply not counted here.
    employees = pd.to_numeric(written.replace("", None))
    industry = universe["industry"].to_numpy()
    return int(PLANTED_ICP.contains(industry, employees.to_numpy(dtype=float)).sum())


def bookings_last_year(deals: pd.DataFrame) -> pd.Series:
    """Won amount per owner over the 365 days up to as_of."""
    since = np.datetime64(AS_OF) - np.timedelta64(365, "D")
    won = deals[(deals["status"] == "won") & (deals["close_date"].to_numpy() > since)]
    return won.groupby("owner_id")["amount"].sum()
