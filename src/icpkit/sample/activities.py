"""Sales activities (meetings, calls, emails) around deals and on quiet accounts."""

from __future__ import annotations

import numpy as np
import pandas as pd

from icpkit.sample import formats, ids
from icpkit.sample.plan import AS_OF, HISTORY_START

PER_DEAL = 3.0
PER_QUIET_ACCOUNT = 1.0
LEAD_IN_DAYS = 30
TYPES = ("email", "call", "meeting")
TYPE_WEIGHTS = (0.5, 0.3, 0.2)


def true_activities(
    rng: np.random.Generator, accounts: pd.DataFrame, deals: pd.DataFrame
) -> pd.DataFrame:
    """Activities with account, owner, type and ISO date, in date order with ids."""
    around_deals = _around_deals(rng, deals)
    quiet = accounts[~accounts["account_id"].isin(deals["account_id"])]
    on_quiet = _on_quiet_accounts(rng, quiet)
    table = pd.concat([around_deals, on_quiet], ignore_index=True)
    weights = np.array(TYPE_WEIGHTS)
    table["type"] = rng.choice(np.array(TYPES, dtype=object), size=len(table),
                               p=weights / weights.sum())  # fmt: skip
    table = table.sort_values(["activity_date", "account_id"], kind="stable")
    table.insert(0, "activity_id", ids.serial_ids("ACT", len(table)))
    table["activity_date"] = formats.iso_date(table["activity_date"].to_numpy())
    return table[["activity_id", "account_id", "owner_id", "type", "activity_date"]]


def _around_deals(rng: np.random.Generator, deals: pd.DataFrame) -> pd.DataFrame:
    """Touches between a month before a deal opens and its close (or as_of)."""
    counts = rng.poisson(PER_DEAL, size=len(deals))
    rows = np.repeat(np.arange(len(deals)), counts)
    created = deals["created_date"].to_numpy()[rows]
    low = np.maximum(created - np.timedelta64(LEAD_IN_DAYS, "D"),
                     np.datetime64(HISTORY_START))  # fmt: skip
    high = np.minimum(deals["close_date"].to_numpy()[rows], np.datetime64(AS_OF))
    return pd.DataFrame(
        {
            "account_id": deals["account_id"].to_numpy()[rows],
            "owner_id": deals["owner_id"].to_numpy()[rows],
            "activity_date": formats.uniform_days(rng, low, high),
        }
    )


def _on_quiet_accounts(rng: np.random.Generator, quiet: pd.DataFrame) -> pd.DataFrame:
    """Prospecting touches by the account owner on accounts without deals."""
    counts = rng.poisson(PER_QUIET_ACCOUNT, size=len(quiet))
    rows = np.repeat(np.arange(len(quiet)), counts)
    low = np.full(len(rows), np.datetime64(HISTORY_START, "D"))
    high = np.full(len(rows), np.datetime64(AS_OF, "D"))
    return pd.DataFrame(
        {
            "account_id": quiet["account_id"].to_numpy()[rows],
            "owner_id": quiet["owner_id"].to_numpy()[rows],
            "activity_date": formats.uniform_days(rng, low, high),
        }
    )
