"""The current owner of a TAL entity (DEFINITIONS.md sections 5 and 8)."""

from __future__ import annotations

import pandas as pd


def current_owner(
    rows: pd.DataFrame, known: pd.DataFrame, entities: pd.DataFrame
) -> pd.Series:
    """Owner of the entity's latest opportunity (by created_date, then close_date,
    then opportunity_id), else the primary account's owner_id; null for
    universe-only entities."""
    accounts = entities.loc[entities["record_table"] == "accounts"]
    entity_of = pd.Series(
        accounts["entity_id"].to_numpy(),
        index=accounts["record_id"].astype(str).to_numpy(),
    )
    opportunities = known.loc[known["owner_id"].notna() & known["account_id"].notna()]
    opportunities = opportunities.assign(
        entity_id=opportunities["account_id"].astype(str).map(entity_of)
    )
    order = [c for c in ("created_date", "close_date", "opportunity_id") if c in known]
    opportunities = opportunities.sort_values(order, na_position="first", kind="stable")
    latest = opportunities.groupby("entity_id")["owner_id"].last()
    fallback = (
        rows["owner_id"] if "owner_id" in rows else pd.Series(pd.NA, index=rows.index)
    )
    owner = rows["entity_id"].map(latest)
    return owner.where(owner.notna(), fallback).astype("string")
