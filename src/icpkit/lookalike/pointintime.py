"""What was known at a date: opportunities, subscriptions, ARR and customers
(DEFINITIONS 1, 3)."""

from __future__ import annotations

from datetime import date
from typing import Literal

import pandas as pd

OPPORTUNITY_COLUMNS = ("account_id", "status", "type", "amount", "close_date")
Overlap = Literal["sum", "latest"]


def months_before(day: date, months: int) -> date:
    """The same calendar day `months` earlier (clipped to the month's end)."""
    return (pd.Timestamp(day) - pd.DateOffset(months=months)).date()


def opportunities_at(opportunities: pd.DataFrame | None, day: date) -> pd.DataFrame:
    """Opportunities as they stood at `day`: created by then (unknown created_date
    kept: it cannot be shown to lie later); won or lost after `day` was open then."""
    if opportunities is None or not len(opportunities):
        return pd.DataFrame(columns=list(OPPORTUNITY_COLUMNS))
    cutoff = pd.Timestamp(day)
    frame = opportunities.loc[
        ~(pd.to_datetime(opportunities["created_date"], errors="raise") > cutoff)
    ].copy()
    closed_later = frame["status"].isin(["won", "lost"]) & (
        pd.to_datetime(frame["close_date"], errors="raise") > cutoff
    )
    frame["status"] = frame["status"].mask(closed_later, "open")
    return frame


def subscriptions_at(
    subscriptions: pd.DataFrame | None, day: date
) -> pd.DataFrame | None:
    """Subscriptions as known at `day`: those started by then, with an end date
    after `day` unknown then (null). ARR at `day` and before is unchanged."""
    if subscriptions is None:
        return None
    cutoff = pd.Timestamp(day)
    start = pd.to_datetime(subscriptions["start_date"], errors="raise")
    frame = subscriptions.loc[(start <= cutoff).to_numpy(dtype=bool)].copy()
    end = pd.to_datetime(frame["end_date"], errors="raise")
    frame["end_date"] = frame["end_date"].mask(end > cutoff)
    return frame


def arr_at(
    subscriptions: pd.DataFrame | None, day: date, overlap: Overlap = "sum"
) -> pd.Series:
    """ARR(a, d) per account_id: arr of subscriptions with start_date <= d and
    (end_date null or > d), trials left out (DEFINITIONS.md section 3).

    overlap (subscriptions.overlap): "sum" adds an account's concurrent
    subscriptions; "latest" counts only its latest-started one (ties: the highest
    subscription_id), for feeds that write a new row per change.
    """
    if subscriptions is None or not len(subscriptions):
        return pd.Series(dtype=float)
    if overlap not in ("sum", "latest"):
        raise ValueError(f"overlap must be 'sum' or 'latest', got {overlap!r}")
    cutoff = pd.Timestamp(day)
    start = pd.to_datetime(subscriptions["start_date"], errors="raise")
    end = pd.to_datetime(subscriptions["end_date"], errors="raise")
    trial = subscriptions["is_trial"].astype("boolean").fillna(False)  # null: paid
    active = (start <= cutoff) & ~(end <= cutoff) & ~trial
    live = subscriptions.loc[active.to_numpy(dtype=bool)]
    accounts = live["account_id"].astype(str)
    if overlap == "sum":
        return live.groupby(accounts)["arr"].sum()
    ordered = live.assign(
        account_id=accounts, _start=start[active.to_numpy(dtype=bool)]
    ).sort_values(["account_id", "_start", "subscription_id"], kind="stable")
    return ordered.groupby("account_id")["arr"].last()


def won_by(opportunities: pd.DataFrame | None, day: date) -> pd.Series:
    """Total won amount per account_id over opportunities closed by `day`."""
    known = opportunities_at(opportunities, day)
    won = known.loc[known["status"] == "won"]
    return won.groupby(won["account_id"].astype(str))["amount"].sum(min_count=0)


def customers_at(
    opportunities: pd.DataFrame | None,
    subscriptions: pd.DataFrame | None,
    day: date,
    overlap: Overlap = "sum",
) -> frozenset[str]:
    """Point-in-time customers: ARR(a, d) > 0, or a won opportunity closed by d.

    DEFINITIONS.md section 3 (a customer), with the won-opportunity rule applied
    even where subscriptions exist, so that a deal won but not yet billed counts.
    """
    arr = arr_at(subscriptions, day, overlap)
    paying = set(arr.index[arr.to_numpy(dtype=float) > 0])
    return frozenset(paying | set(won_by(opportunities, day).index))


def account_states_at(
    accounts: pd.DataFrame,
    opportunities: pd.DataFrame | None,
    subscriptions: pd.DataFrame | None,
    day: date,
    overlap: Overlap = "sum",
) -> pd.DataFrame:
    """account_segments-like rows at `day`: account_id, is_customer, arr_as_of
    (ARR at `day`) and segment_tier null (no segment tiers: select_positives
    then ranks customers by value)."""
    ids = accounts["account_id"].astype(str)
    arr = arr_at(subscriptions, day, overlap)
    customers = customers_at(opportunities, subscriptions, day, overlap)
    return pd.DataFrame(
        {
            "account_id": ids.to_numpy(),
            "segment_tier": pd.Series(pd.NA, index=ids.index, dtype="string"),
            "is_customer": ids.isin(customers).to_numpy(),
            # no active subscription: ARR is the empty sum, 0 (DEFINITIONS 3)
            "arr_as_of": ids.map(arr.to_dict()).astype("Float64").fillna(0.0),
        }
    )
