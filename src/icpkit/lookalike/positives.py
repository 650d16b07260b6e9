"""Which accounts are the company's best customers (DEFINITIONS.md section 5)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
import pandas as pd

from icpkit.config import LookalikeSettings
from icpkit.errors import StageError

log = logging.getLogger(__name__)

TIER_A_RULE = "tier A customers"  # the rule when the ICP's own customers are positives


@dataclass(frozen=True)
class Positives:
    """account_ids of the positives, the rule that chose them, and all customers."""

    account_ids: frozenset[str]
    customer_ids: frozenset[str]
    rule: str


def select_positives(
    account_segments: pd.DataFrame,
    opportunities: pd.DataFrame | None,
    settings: LookalikeSettings,
) -> Positives:
    """Tier A customers; where none exists, the top `positive_share` of customers
    by CLV proxy (arr_as_of, or total won amount without subscriptions).

    DEFINITIONS.md section 5. Raises StageError under settings.min_positives.
    """
    customers = account_segments.loc[account_segments["is_customer"].astype(bool)]
    customer_ids = frozenset(customers["account_id"].astype(str))
    tier_a = customers.loc[customers["segment_tier"] == "A", "account_id"]
    if len(tier_a):
        chosen, rule = frozenset(tier_a.astype(str)), TIER_A_RULE
    else:
        chosen = _top_by_value(customers, opportunities, settings.positive_share)
        rule = f"top {settings.positive_share:.0%} of customers by value (no tier A)"
    if len(chosen) < settings.min_positives:
        raise StageError(
            f"Look-alike model needs at least {settings.min_positives} positives "
            f"({rule}); found {len(chosen)} among {len(customer_ids)} customers. "
            "Add more history, or lower lookalike.min_positives in icpkit.toml."
        )
    log.info("look-alike positives: %d (%s)", len(chosen), rule)
    return Positives(chosen, customer_ids, rule)


def customer_value(
    customers: pd.DataFrame, opportunities: pd.DataFrame | None
) -> pd.Series:
    """CLV proxy per customer: arr_as_of where positive, else total won amount."""
    arr = pd.to_numeric(customers["arr_as_of"], errors="raise").astype("Float64")
    value = pd.Series(arr.to_numpy(), index=customers["account_id"].astype(str))
    if opportunities is not None and len(opportunities):
        won = opportunities.loc[opportunities["status"] == "won"]
        totals = won.groupby(won["account_id"].astype(str))["amount"].sum()
        fallback = pd.Series(
            value.index.map(totals.to_dict()), index=value.index, dtype="Float64"
        )
        value = value.where(value > 0, fallback)
    return value


def _top_by_value(
    customers: pd.DataFrame, opportunities: pd.DataFrame | None, share: float
) -> frozenset[str]:
    value = customer_value(customers, opportunities).dropna()  # no value: not ranked
    count = int(np.ceil(share * len(value)))
    ranked = value.sort_values(ascending=False, kind="stable")
    return frozenset(ranked.index[:count])
