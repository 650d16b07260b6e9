"""What was known at a date: opportunities, ARR and customers (DEFINITIONS 1, 3)."""

from __future__ import annotations

from datetime import date

import pandas as pd

OPPORTUNITY_COLUMNS = ("account_id", "status", "type", "amount", "close_date")


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


def arr_at(subscriptions: pd.DataFrame | None, day: date) -> pd.Series:
    """ARR(a, d): sum of arr of subscriptions with start_date <= d and (end_date
    null or > d), trials left out (DEFINITIONS.md section 3), per account_id."""
    if subscriptions is None or not len(subscriptions):
        return pd.Series(dtype=float)
    cutoff = pd.Timestamp(day)
    start = pd.to_datetime(subscriptions["start_date"], errors="raise")
    end = pd.to_datetime(subscriptions["end_date"], errors="raise")
    trial = subscriptions["is_trial"].astype("boolean").fillna(False)  # null: paid
    active = (start <= cutoff) & ~(end <= cutoff) & ~trial
    live = subscriptions.loc[active.to_numpy(dtype=bool)]
    # TODO: subscriptions.overlap = "latest" is not honoured here (always "sum").
    return live.groupby(live["account_id"].astype(str))["arr"].sum()


def won_by(opportunities: pd.DataFrame | None, day: date) -> pd.Series:
    """Total won amount per account_id over opportunities closed by `day`."""
    known = opportunities_at(opportunities, day)
    won = known.loc[known["status"] == "won"]
    return won.groupby(won["account_id"].astype(str))["amount"].sum(min_count=0)


def customers_at(
    opportunities: pd.DataFrame | None,
    subscriptions: pd.DataFrame | None,
    day: date,
) -> frozenset[str]:
    """Point-in-time customers: ARR(a, d) > 0, or a won opportunity closed by d.

    DEFINITIONS.md section 3 (a customer), with the won-opportunity rule applied
    even where subscriptions exist, so that a deal won but not yet billed counts.
    """
    arr = arr_at(subscriptions, day)
    paying = set(arr.index[arr.to_numpy(dtype=float) > 0])
    return frozenset(paying | set(won_by(opportunities, day).index))


def account_states_at(
    accounts: pd.DataFrame,
    opportunities: pd.DataFrame | None,
    subscriptions: pd.DataFrame | None,
    day: date,
) -> pd.DataFrame:
    """account_segments-like rows at `day`: account_id, is_customer, arr_as_of
    (ARR at `day`) and segment_tier null (segment tiers at `day` are not known
    here; select_positives then ranks customers by value)."""
    ids = accounts["account_id"].astype(str)
    arr = arr_at(subscriptions, day)
    customers = customers_at(opportunities, subscriptions, day)
    return pd.DataFrame(
        {
            "account_id": ids.to_numpy(),
            "segment_tier": pd.Series(pd.NA, index=ids.index, dtype="string"),
            "is_customer": ids.isin(customers).to_numpy(),
            # no active subscription: ARR is the empty sum, 0 (DEFINITIONS 3)
            "arr_as_of": ids.map(arr.to_dict()).astype("Float64").fillna(0.0),
        }
    )
