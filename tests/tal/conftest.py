"""A synthetic company world (CRM + universe) with a planted ICP and duplicates."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
import pytest

AS_OF = date(2024, 6, 30)
INDUSTRIES = ("software", "manufacturing", "retail", "financial_services",
              "healthcare", "energy", "media", "education")  # fmt: skip
COUNTRIES = {"US": "Americas", "CA": "Americas", "GB": "EMEA", "DE": "EMEA",
             "FR": "EMEA", "JP": "APAC", "AU": "APAC"}  # fmt: skip
WORDS = (
    "Acme",
    "Globex",
    "Initech",
    "Umbrella",
    "Stark",
    "Wayne",
    "Hooli",
    "Vandelay",
    "Soylent",
    "Cyberdyne",
    "Tyrell",
    "Wonka",
    "Gringotts",
    "Oscorp",
    "Aperture",
    "Massive",
    "Dynamic",
    "Pioneer",
    "Summit",
    "Northern",
    "Blue",
    "Red",
    "Apex",
    "Vertex",
    "Quantum",
    "Orbit",
    "Nova",
    "Atlas",
    "Titan",
    "Zenith",
)
NOUNS = (
    "Systems",
    "Labs",
    "Foods",
    "Motors",
    "Analytics",
    "Partners",
    "Energy",
    "Media",
    "Health",
    "Logistics",
    "Software",
    "Capital",
    "Works",
    "Retail",
)
LEGAL = ("Inc", "Inc.", "Corp", "Corporation", "LLC", "Ltd", "GmbH", "S.A.", "", "")
SIZE_EDGES = ((5000, "5000+"), (1000, "1000-4999"), (200, "200-999"), (50, "50-199"))


@dataclass
class World:
    accounts: pd.DataFrame
    opportunities: pd.DataFrame
    universe: pd.DataFrame
    account_segments: pd.DataFrame
    segments: pd.DataFrame


def band_of(employees: np.ndarray) -> np.ndarray:
    bands = np.full(len(employees), "1-49", dtype=object)
    for edge, label in reversed(SIZE_EDGES):
        bands[employees >= edge] = label
    return bands


def _companies(count: int, rng: np.random.Generator, prefix: str) -> pd.DataFrame:
    first = rng.choice(WORDS, count)
    second = rng.choice(NOUNS, count)
    stem = [f"{a} {b} {i}" for i, (a, b) in enumerate(zip(first, second, strict=True))]
    country = rng.choice(
        list(COUNTRIES), count, p=[0.5, 0.05, 0.1, 0.1, 0.1, 0.1, 0.05]
    )
    employees = np.round(rng.lognormal(5.5, 1.6, count)).astype(int) + 1
    industry = rng.choice(INDUSTRIES, count, p=[0.3] + [0.1] * 7)
    return pd.DataFrame({
        "stem": [f"{prefix}{s}" for s in stem],
        "industry": industry,
        "employees": employees,
        "annual_revenue": employees * rng.uniform(1e5, 3e5, count),
        "country": country,
        "region": [COUNTRIES[c] for c in country],
        "state": rng.choice(["CA", "NY", "TX", None], count),
    })  # fmt: skip


def _spell(stem: pd.Series, rng: np.random.Generator) -> pd.Series:
    legal = rng.choice(LEGAL, len(stem))
    upper = rng.random(len(stem)) < 0.3
    names = [f"{s} {form}".strip() for s, form in zip(stem, legal, strict=True)]
    return pd.Series([n.upper() if u else n for n, u in zip(names, upper, strict=True)])


def _domain(stem: pd.Series, rng: np.random.Generator) -> pd.Series:
    host = stem.str.lower().str.replace(" ", "", regex=False) + ".com"
    style = rng.choice(["{}", "https://www.{}", "http://{}/about", None], len(stem))
    return pd.Series(
        [s.format(h) if s else None for s, h in zip(style, host, strict=True)]
    )


def make_world(n_accounts: int, n_universe: int, seed: int = 0) -> World:
    """CRM accounts (a third customers; software 200-999 the planted ICP) and a
    universe in which 30 % of the accounts reappear under other spellings."""
    rng = np.random.default_rng(seed)
    crm = _companies(n_accounts, rng, "")
    accounts = crm.assign(
        account_id=[f"A{i:06d}" for i in range(n_accounts)],
        name=_spell(crm["stem"], rng), domain=_domain(crm["stem"], rng),
        owner_id=rng.choice([f"R{i}" for i in range(20)], n_accounts),
        city=None, parent_account_id=None, created_date=pd.Timestamp("2020-01-01"),
    ).drop(columns="stem")  # fmt: skip
    band = band_of(crm["employees"].to_numpy())
    icp = (crm["industry"].to_numpy() == "software") & (band == "200-999")
    customer = rng.random(n_accounts) < np.where(icp, 0.8, 0.3)
    universe = _universe(crm, n_universe, rng)
    segments_, account_segments = _segments(accounts, band, customer, icp, rng)
    return World(accounts, _opportunities(accounts, customer, rng), universe,
                 account_segments, segments_)  # fmt: skip


def _universe(crm: pd.DataFrame, size: int, rng: np.random.Generator) -> pd.DataFrame:
    repeated = crm.sample(frac=0.3, random_state=int(rng.integers(1 << 30)))
    fresh = _companies(max(size - len(repeated), 0), rng, "U")
    rows = pd.concat([repeated, fresh], ignore_index=True).iloc[:size]
    return rows.assign(
        company_id=[f"{i}" for i in range(len(rows))],
        name=_spell(rows["stem"], rng), domain=_domain(rows["stem"], rng),
        city=None, source=rng.choice(["inc5000_2014", "fortune1000_2021"], len(rows)),
    ).drop(columns="stem")  # fmt: skip


def _opportunities(
    accounts: pd.DataFrame, customer: np.ndarray, rng: np.random.Generator
) -> pd.DataFrame:
    count = len(accounts)
    status = np.where(customer, "won", rng.choice(["lost", "open", "none"], count))
    keep = status != "none"
    created = pd.Timestamp("2023-01-01") + pd.to_timedelta(
        rng.integers(0, 400, count), "D"
    )
    close = created + pd.to_timedelta(rng.integers(10, 120, count), "D")
    frame = pd.DataFrame({
        "opportunity_id": [f"O{i:06d}" for i in range(count)],
        "account_id": accounts["account_id"], "owner_id": accounts["owner_id"],
        "type": "new_business", "stage": status, "status": status,
        "amount": np.round(rng.uniform(5e3, 5e4, count), 2), "currency": "USD",
        "created_date": created, "close_date": close.where(status != "open"),
        "product": None,
    })  # fmt: skip
    return frame.loc[keep].reset_index(drop=True)


def _segments(
    accounts: pd.DataFrame,
    band: np.ndarray,
    customer: np.ndarray,
    icp: np.ndarray,
    rng: np.random.Generator,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    segment = [f"{i}|{b}" for i, b in zip(accounts["industry"], band, strict=True)]
    account_segments = pd.DataFrame({
        "account_id": accounts["account_id"], "industry": accounts["industry"],
        "size_band": band, "region": accounts["region"], "segment": segment,
        "segment_tier": np.where(icp, "A", "C"), "is_customer": customer,
        "arr_as_of": np.where(customer, rng.uniform(1e4, 1e5, len(accounts)), 0.0),
        "first_customer_date": pd.NaT, "cohort": None,
    })  # fmt: skip
    table = account_segments.drop_duplicates("segment")[
        ["industry", "size_band", "segment", "segment_tier"]
    ].rename(columns={"segment_tier": "tier"})
    table = table.assign(dimensions="industry+size_band", region=None,
                         mean_won_amount=20000.0, won=30)  # fmt: skip
    overall = pd.DataFrame([{"dimensions": "all", "segment": "all", "tier": None,
                             "mean_won_amount": 25000.0, "won": 900}])  # fmt: skip
    return pd.concat([table, overall], ignore_index=True), account_segments


@pytest.fixture(scope="session")
def world() -> World:
    return make_world(400, 3000, seed=7)


@pytest.fixture(scope="session")
def world_factory() -> Callable[[int, int, int], World]:
    """make_world itself, for tests that draw many small worlds."""
    return make_world
