"""generate_sample: write the sample company's data, icpkit.toml and README."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from icpkit.config import CONFIG_FILE
from icpkit.sample import accounts as accounts_module
from icpkit.sample import (
    activities,
    companies,
    figures,
    opportunities,
    reps,
    subscriptions,
    universe,
    workspace_files,
)

log = logging.getLogger(__name__)

ACCOUNTS = 5_000
UNIVERSE = 50_000
KNOWN_IN_UNIVERSE = 1_500
REP_COLUMNS = ["rep_id", "name", "manager", "team", "region", "role", "quota",
               "start_date", "capacity"]  # fmt: skip


def generate_sample(directory: Path, seed: int = 7, scale: float = 1.0) -> Path:
    """Write DIRECTORY/data/*.csv and DIRECTORY/icpkit.toml; return DIRECTORY.

    The same seed and scale always write byte-identical files. Scale multiplies the
    number of accounts (5,000), opportunities (~30,000) and universe rows (50,000);
    the 20 reps do not scale.
    """
    if not scale > 0:
        raise ValueError(f"scale must be a positive number, got {scale!r}")
    started = time.perf_counter()
    rng = np.random.default_rng(seed)
    tables, figures_found = _build(rng, scale)
    directory = Path(directory)
    _write(directory, tables)
    (directory / CONFIG_FILE).write_text(
        workspace_files.config_text(seed, scale), encoding="utf-8"
    )
    readme = workspace_files.readme_text(figures_found, seed)
    (directory / "README.md").write_text(readme, encoding="utf-8")
    log.info("wrote the sample company to %s in %.1f s", directory,
             time.perf_counter() - started)  # fmt: skip
    return directory


@dataclass
class _World:
    """The generated truth: what really happened, before any export's faults."""

    crm: pd.DataFrame
    deals: pd.DataFrame
    contracts: pd.DataFrame
    touches: pd.DataFrame
    team: pd.DataFrame
    vendor: pd.DataFrame
    known: int
    duplicates: int


def _build(
    rng: np.random.Generator, scale: float
) -> tuple[dict[str, pd.DataFrame], workspace_files.SampleFigures]:
    """Every output table (by relative path) and the figures for the README."""
    account_count = max(50, round(ACCOUNTS * scale))
    universe_count = max(50, round(UNIVERSE * scale))
    known = min(round(KNOWN_IN_UNIVERSE * scale), account_count // 2)
    duplicate_count = round(universe.DUPLICATE_SHARE * universe_count)
    prospect_count = universe_count - known - duplicate_count
    firms = companies.draw_companies(rng, account_count + prospect_count)
    in_crm = accounts_module.pick_accounts(rng, firms, account_count)

    roster = reps.rep_roster(rng)
    crm = accounts_module.true_accounts(rng, firms.iloc[in_crm], roster)
    prospecting = opportunities.new_business(rng, crm)
    billing = subscriptions.true_subscriptions(rng, crm, prospecting)
    customers = opportunities.existing_business(rng, crm, billing.tenures)
    deals = opportunities.true_opportunities(rng, crm, roster, [prospecting, customers])
    world = _World(
        crm=crm,
        deals=deals,
        contracts=billing.subscriptions,
        touches=activities.true_activities(rng, crm, deals),
        team=reps.set_quotas(rng, roster, figures.bookings_last_year(deals)),
        vendor=pd.DataFrame(),
        known=known,
        duplicates=duplicate_count,
    )
    others = np.setdiff1d(np.arange(len(firms)), in_crm)
    world.vendor = _vendor(rng, firms.iloc[others], world)
    return _tables(rng, world), _figures(world)


def _vendor(
    rng: np.random.Generator, prospects: pd.DataFrame, world: _World
) -> pd.DataFrame:
    """The universe: prospects, CRM accounts under other spellings, second listings."""
    listings = pd.concat(
        [universe.prospects(rng, prospects),
         universe.known_accounts(rng, world.crm, world.known)],
        ignore_index=True,
    )  # fmt: skip
    repeated = universe.duplicates(rng, listings, world.duplicates)
    return universe.vendor_export(
        rng, pd.concat([listings, repeated], ignore_index=True)
    )


def _tables(rng: np.random.Generator, world: _World) -> dict[str, pd.DataFrame]:
    """The files to write, by path relative to the workspace."""
    deals = opportunities.salesforce_opportunities(rng, world.deals, world.crm)
    return {
        "data/accounts.csv": accounts_module.salesforce_accounts(rng, world.crm),
        "data/opportunities.csv": deals,
        "data/subscriptions.csv": subscriptions.subscriptions_export(world.contracts),
        "data/activities.csv": world.touches,
        "data/reps.csv": world.team[REP_COLUMNS],
        "data/universe.csv": world.vendor.drop(columns="entity"),
        "truth/universe_entities.csv": _entities(world.vendor, world.crm),
    }


def _figures(world: _World) -> workspace_files.SampleFigures:
    outcomes = figures.planted_cell_outcomes(world.crm, world.deals, world.contracts)
    logos = figures.new_logos(world.crm, world.deals)
    return workspace_files.SampleFigures(
        accounts=len(world.crm), opportunities=len(world.deals),
        subscriptions=len(world.contracts), activities=len(world.touches),
        universe=len(world.vendor), icp_accounts=int(outcomes["icp_accounts"]),
        icp_win_rate=outcomes["icp_win_rate"],
        other_win_rate=outcomes["other_win_rate"],
        icp_nrr=outcomes["icp_nrr"], other_nrr=outcomes["other_nrr"],
        customers=int(logos["customers"]), new_logos=int(logos["new_logos"]),
        icp_account_share=logos["icp_account_share"],
        icp_new_logo_share=logos["icp_new_logo_share"],
        universe_known=world.known, universe_duplicates=world.duplicates,
        universe_lookalikes=figures.lookalike_listings(world.vendor),
    )  # fmt: skip


def _entities(vendor: pd.DataFrame, crm: pd.DataFrame) -> pd.DataFrame:
    """Ground truth for resolution: the real company behind each universe listing."""
    is_account = vendor["entity"].isin(crm["account_id"])
    return pd.DataFrame(
        {
            "company_id": vendor["company_id"],
            "entity": vendor["entity"],
            "account_id": vendor["entity"].where(is_account, ""),
        }
    )


def _write(directory: Path, tables: dict[str, pd.DataFrame]) -> None:
    """CSV files; Salesforce exports carry a UTF-8 byte-order mark, as Data Loader's."""
    for relative, table in tables.items():
        path = directory / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        encoding = "utf-8-sig" if relative in _SALESFORCE_FILES else "utf-8"
        table.to_csv(path, index=False, lineterminator="\n", encoding=encoding)


_SALESFORCE_FILES = ("data/accounts.csv", "data/opportunities.csv")
