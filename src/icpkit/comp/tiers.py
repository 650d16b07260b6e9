"""TAL tier of an account at a date: the version in force then (DEFINITIONS 5 and 9)."""

from __future__ import annotations

import numpy as np
import pandas as pd

IN_FORCE = "in force at creation"
EARLIEST = "earliest version (none in force at creation)"
NO_ACCOUNT = "no account"
NO_TAL = "no TAL version"


def _tier_table(tal_versions: pd.DataFrame) -> pd.DataFrame:
    """valid_from, account_id -> fit_tier; one row per version and account."""
    table = tal_versions.loc[tal_versions["account_id"].notna()].copy()
    table["valid_from"] = pd.to_datetime(table["valid_from"]).astype("datetime64[ns]")
    # An account listed twice in one version keeps its best tier (A before B ...).
    table = table.sort_values("fit_tier", na_position="last")
    table = table.drop_duplicates(["valid_from", "account_id"])
    return table[["valid_from", "account_id", "fit_tier"]]


def tiers_at(
    account_ids: pd.Series, days: pd.Series, tal_versions: pd.DataFrame
) -> pd.DataFrame:
    """For each (account, day): the fit tier in the TAL version in force on that day.

    The version in force is the latest with valid_from <= day. Where none is (a first
    run, or no date), the earliest version is used and tier_basis says so
    (DEFINITIONS 9: the tier is fixed at opportunity creation). Returns columns
    tier and tier_basis aligned with the inputs.
    """
    basis = pd.Series(NO_TAL, index=account_ids.index, dtype=object)
    if tal_versions.empty:
        return pd.DataFrame({"tier": None, "tier_basis": basis}, dtype=object)
    table = _tier_table(tal_versions)
    starts = np.sort(pd.to_datetime(tal_versions["valid_from"]).unique())
    starts = starts.astype("datetime64[ns]")
    stamps = pd.to_datetime(days).to_numpy(dtype="datetime64[ns]")
    position = np.searchsorted(starts, stamps, side="right") - 1
    in_force = (position >= 0) & ~np.isnat(stamps)

    keys = pd.DataFrame(
        {
            "valid_from": starts[np.where(in_force, position, 0)],
            "account_id": account_ids.to_numpy(dtype=object),
        }
    )
    tier = keys.merge(table, on=["valid_from", "account_id"], how="left")["fit_tier"]
    basis[:] = np.where(in_force, IN_FORCE, EARLIEST)
    basis[account_ids.isna().to_numpy()] = NO_ACCOUNT
    tier_values = tier.astype(object).where(tier.notna(), None).to_numpy()
    return pd.DataFrame(
        {"tier": tier_values, "tier_basis": basis},
        index=account_ids.index,
        dtype=object,
    )
