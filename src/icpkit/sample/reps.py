"""The sales team: 20 reps in four regions, five of them new and without deals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from icpkit.sample import geography, ids
from icpkit.sample.plan import AS_OF

NA_ENTERPRISE = "NA Enterprise"
NA_COMMERCIAL = "NA Commercial"
# Accounts in North America with at least this many employees belong to Enterprise.
ENTERPRISE_EMPLOYEES = 400


@dataclass(frozen=True)
class Team:
    name: str
    region: str
    manager: str
    active: int
    new: int


TEAMS = (
    Team(NA_ENTERPRISE, geography.NORTH_AMERICA, "Dana Whitfield", 3, 1),
    Team(NA_COMMERCIAL, geography.NORTH_AMERICA, "Marcus Oyelaran", 5, 2),
    Team("EMEA", geography.EMEA, "Ingrid Vos", 4, 1),
    Team("APAC", geography.APAC, "Kenji Arakawa", 2, 1),
    Team("LATAM", geography.LATAM, "Lucia Ferreyra", 1, 0),
)
FIRST_NAMES = (
    "Avery", "Jordan", "Priya", "Mateo", "Chloe", "Samuel", "Aisha", "Liam",
    "Sofia", "Noah", "Hannah", "Ethan", "Mei", "Oliver", "Zara", "Lucas", "Emma",
    "Rafael", "Nora", "Felix"
)  # fmt: skip
LAST_NAMES = (
    "Brooks", "Castillo", "Nair", "Lindqvist", "Dubois", "Okafor", "Reyes",
    "Schmidt", "Tanaka", "Morgan", "Kowalski", "Byrne", "Chen", "Murphy", "Haddad",
    "Novak", "Weber", "Silva", "Fischer", "Quinn"
)  # fmt: skip


def rep_roster(rng: np.random.Generator) -> pd.DataFrame:
    """One row per rep: id, name, manager, team, region, role, start date, capacity.

    `is_new` marks the five reps hired in the last quarter who own nothing yet.
    """
    rows = []
    for team in TEAMS:
        for position in range(team.active + team.new):
            rows.append(_rep_row(rng, team, is_new=position >= team.active))
    roster = pd.DataFrame(rows)
    roster.insert(0, "rep_id", ids.salesforce_ids(ids.USER_PREFIX, len(roster)))
    roster.insert(
        1, "name", [f"{f} {s}" for f, s in zip(FIRST_NAMES, LAST_NAMES, strict=True)]
    )
    return roster


def _rep_row(rng: np.random.Generator, team: Team, is_new: bool) -> dict[str, object]:
    if is_new:
        start = AS_OF - timedelta(days=int(rng.integers(20, 80)))
    else:
        start = date(2021, 1, 4) + timedelta(days=int(rng.integers(0, 600)))
    senior = not is_new and rng.random() < 0.4
    return {
        "manager": team.manager,
        "team": team.name,
        "region": team.region,
        "role": "Senior Account Executive" if senior else "Account Executive",
        "start_date": start.isoformat(),
        "capacity": 0.5 if is_new else 1.0,
        "is_new": is_new,
    }


def set_quotas(
    rng: np.random.Generator, roster: pd.DataFrame, bookings: pd.Series
) -> pd.DataFrame:
    """Quarterly quota: last year's mean quarterly bookings x 0.8-1.25, to $10k.

    New reps get half the median quota of the experienced reps (ramping).
    `bookings` is last year's won amount per rep id.
    """
    reps = roster.copy()
    booked = reps["rep_id"].map(bookings).fillna(0.0).to_numpy()  # no deals: none
    stretch = rng.uniform(0.8, 1.25, size=len(reps))
    quota = np.round(booked / 4 * stretch, -4)
    ramp = np.round(np.median(quota[~reps["is_new"].to_numpy()]) * 0.5, -4)
    reps["quota"] = np.where(reps["is_new"], ramp, quota).astype(np.int64)
    return reps


def draw_owners(
    rng: np.random.Generator,
    roster: pd.DataFrame,
    region: np.ndarray,
    employees: np.ndarray,
) -> np.ndarray:
    """An experienced rep of the account's region (and NA team by size)."""
    active = roster[~roster["is_new"]]
    teams = np.where(region == geography.NORTH_AMERICA, NA_COMMERCIAL, "")
    teams = np.where(teams.astype(bool) & (employees >= ENTERPRISE_EMPLOYEES),
                     NA_ENTERPRISE, teams)  # fmt: skip
    owners = np.empty(len(region), dtype=object)
    for key in sorted(set(zip(region, teams, strict=True))):
        rows = np.flatnonzero((region == key[0]) & (teams == key[1]))
        pool = active[active["region"] == key[0]]
        if key[1]:
            pool = pool[pool["team"] == key[1]]
        owners[rows] = rng.choice(pool["rep_id"].to_numpy(), size=len(rows))
    return owners
