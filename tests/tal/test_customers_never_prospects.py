"""A customer is never listed as a prospect, whatever the universe calls it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from icpkit.config import LookalikeSettings, SegmentsSettings, TalSettings
from icpkit.resolve import resolve_entities
from icpkit.tal import build_tal

AS_OF = date(2024, 6, 30)  # the world fixture's as_of (tests/tal/conftest.py)
# A small model is enough: the property is about status, not fit.
LOOKALIKE = LookalikeSettings(min_positives=5, min_cv_auc=0.5)


def customers(world: Any) -> pd.Series:
    segments = world.account_segments
    return segments.loc[segments["is_customer"], "account_id"]


def customer_copies(world: Any) -> pd.DataFrame:
    """Universe rows that re-spell a customer account (name case, legal form,
    domain with scheme, www or path), found by the firmographics the world
    copies unchanged: employees and annual revenue (a random real)."""
    accounts = world.accounts.loc[world.accounts["account_id"].isin(customers(world))]
    keys = ["employees", "annual_revenue"]
    return world.universe.merge(accounts[[*keys, "account_id"]], on=keys)


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 2**31 - 1))
def test_no_customer_copy_is_a_prospect(
    world_factory: Callable[[int, int, int], Any], seed: int
) -> None:
    world = world_factory(80, 300, seed)
    entities = resolve_entities(world.accounts, world.universe)
    tal = build_tal(
        world.accounts, world.opportunities, world.universe, entities,
        world.account_segments, world.segments, AS_OF, LOOKALIKE, TalSettings(),
        SegmentsSettings(),
    ).tal  # fmt: skip
    copies = customer_copies(world)
    assert len(copies) > 0
    status = tal.set_index("entity_id")["status"]
    entity_of = entities.set_index(["record_table", "record_id"])["entity_id"]
    for company_id in copies["company_id"]:
        entity = entity_of[("universe", company_id)]
        assert status[entity] == "customer", (company_id, tal.loc[
            tal["entity_id"] == entity, ["name", "status", "sources"]
        ])  # fmt: skip
    for account_id in customers(world):
        assert status[entity_of[("accounts", account_id)]] == "customer", account_id
