"""Fixtures: a small synthetic CRM + universe whose conversions after t can depend
on industry (the backtest's worlds)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
import pytest

AS_OF = date(2025, 12, 31)
BEFORE = pd.Timestamp("2024-06-30")  # within the training window
AFTER = pd.Timestamp("2025-06-30")  # between t = as_of - 12 months and as_of
INDUSTRIES = ["software", "retail", "energy", "healthcare"]


@dataclass
class World:
    """The inputs backtest reads."""

    accounts: pd.DataFrame
    opportunities: pd.DataFrame
    subscriptions: pd.DataFrame
    universe: pd.DataFrame


def firms(count: int, rng: np.random.Generator) -> pd.DataFrame:
    return pd.DataFrame({
        "industry": rng.choice(INDUSTRIES, count),
        "employees": rng.integers(5, 5000, count),
        "annual_revenue": rng.uniform(1e6, 1e8, count),
        "country": rng.choice(["US", "DE", "GB"], count),
        "region": rng.choice(["Americas", "EMEA"], count),
    })  # fmt: skip


def world(planted: bool, seed: int = 5, accounts: int = 1600) -> World:
    """Customers at t: a third of the accounts; with `planted`, software customers
    hold the high ARR (so are the positives) and software non-customers convert
    at 50 % after t against 4 % elsewhere; without, everyone converts at 12 %."""
    rng = np.random.default_rng(seed)
    crm = firms(accounts, rng)
    crm["account_id"] = [f"A{i}" for i in range(accounts)]
    crm["name"] = [f"Company {i}" for i in range(accounts)]
    crm["created_date"] = pd.Timestamp("2023-01-01")
    software = (crm["industry"] == "software").to_numpy()
    customer = rng.random(accounts) < 1 / 3
    arr = rng.uniform(1e3, 2e4, accounts)
    if planted:
        arr = np.where(software, arr * 10, arr)
    rate = np.where(software, 0.5, 0.04) if planted else np.full(accounts, 0.12)
    converts = ~customer & (rng.random(accounts) < rate)
    universe = firms(accounts // 2, rng)
    universe["company_id"] = [f"U{i}" for i in range(len(universe))]
    universe["name"] = [f"Prospect {i}" for i in range(len(universe))]
    universe["account_id"] = pd.Series(pd.NA, index=universe.index, dtype="string")
    return World(crm, _wins(crm, converts), _subscriptions(crm, customer, arr),
                 universe)  # fmt: skip


def _wins(crm: pd.DataFrame, converts: np.ndarray) -> pd.DataFrame:
    ids = crm.loc[converts, "account_id"].to_numpy()
    return pd.DataFrame({
        "opportunity_id": [f"O{i}" for i in range(len(ids))],
        "account_id": ids, "type": "new_business", "status": "won",
        "amount": 1000.0, "created_date": AFTER - pd.Timedelta(days=30),
        "close_date": AFTER,
    })  # fmt: skip


def _subscriptions(
    crm: pd.DataFrame, customer: np.ndarray, arr: np.ndarray
) -> pd.DataFrame:
    ids = crm.loc[customer, "account_id"].to_numpy()
    return pd.DataFrame({
        "subscription_id": [f"S{i}" for i in range(len(ids))],
        "account_id": ids, "start_date": BEFORE, "end_date": pd.NaT,
        "arr": arr[customer], "is_trial": False,
    })  # fmt: skip


@pytest.fixture(scope="session")
def planted_world() -> World:
    return world(planted=True)


@pytest.fixture(scope="session")
def null_world() -> World:
    return world(planted=False)
