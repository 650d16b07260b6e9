"""Account and entity status on the TAL (DEFINITIONS.md section 5)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

# Precedence: a lower rank wins when records of one entity disagree.
STATUSES = ("customer", "open_opportunity", "lost", "prospect")
PROSPECT_RANK = STATUSES.index("prospect")


def opportunities_at(opportunities: pd.DataFrame | None, as_of: date) -> pd.DataFrame:
    """Opportunities as they stood at as_of: created by then, status as of then.

    A won or lost opportunity closed after as_of was still open at as_of.
    """
    if opportunities is None or not len(opportunities):
        return pd.DataFrame(
            columns=[
                "account_id",
                "owner_id",
                "status",
                "amount",
                "created_date",
                "close_date",
            ]
        )
    frame = opportunities.copy()
    cutoff = pd.Timestamp(as_of)
    for column in ("created_date", "close_date"):
        frame[column] = pd.to_datetime(frame[column], errors="raise")
    # created_date unknown: kept, since it cannot be shown to lie after as_of.
    frame = frame.loc[~(frame["created_date"] > cutoff)]
    closed_later = frame["status"].isin(["won", "lost"]) & (
        frame["close_date"] > cutoff
    )
    frame["status"] = frame["status"].mask(closed_later, "open")
    return frame


def account_status(
    account_ids: pd.Series,
    opportunities: pd.DataFrame,
    customer_ids: frozenset[str],
    as_of: date,
    lost_window_days: int,
) -> pd.Series:
    """Status rank (index into STATUSES) per account_id.

    customer: a customer at as_of (account_segments.is_customer); open_opportunity:
    an opportunity open at as_of; lost: an opportunity lost within lost_window_days
    before as_of; else prospect. DEFINITIONS.md section 5.
    """
    ids = account_ids.astype(str)
    by_account = opportunities["account_id"].astype("string")
    open_ids = set(by_account[opportunities["status"] == "open"].dropna())
    window = pd.Timestamp(as_of) - pd.Timedelta(days=lost_window_days)
    lost = (opportunities["status"] == "lost") & (opportunities["close_date"] > window)
    lost_ids = set(by_account[lost].dropna())
    rank = np.select(
        [ids.isin(customer_ids), ids.isin(open_ids), ids.isin(lost_ids)],
        [0, 1, 2],
        default=PROSPECT_RANK,
    )
    return pd.Series(rank, index=ids.to_numpy(), dtype=int)


def status_label(rank: pd.Series) -> pd.Series:
    return rank.map(dict(enumerate(STATUSES))).astype("string")
