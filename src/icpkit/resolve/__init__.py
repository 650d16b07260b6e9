"""Name and domain normalisation, matching, clusters and entity ids."""

from __future__ import annotations

import pandas as pd

__all__ = ["ENTITY_COLUMNS", "resolve_entities"]

ENTITY_COLUMNS = ("record_table", "record_id", "source", "entity_id", "match_reason")


def resolve_entities(accounts: pd.DataFrame, universe: pd.DataFrame) -> pd.DataFrame:
    """One row per input record (CRM account or universe company) with its entity.

    record_table is "accounts" or "universe"; record_id is account_id or company_id;
    source is "crm" or the universe row's source; match_reason says why the record
    joined its entity ("domain", "name", "self", ...).
    """
    raise NotImplementedError("resolve.resolve_entities is not written yet")
