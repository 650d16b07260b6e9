"""Holds: accounts that stay with an owner whatever the balance (DEFINITIONS 8)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from icpkit.config import TerritoriesSettings
from icpkit.territories.findings import Findings, first
from icpkit.territories.inputs import as_text

NAMED_ACCOUNT = "named_account"
OPEN_OPPORTUNITY = "open_opportunity"
PARENT_ACCOUNT = "parent_account"
OPPORTUNITY_COLUMNS = ("account_id", "owner_id", "status", "created_date")
MAX_FAMILY_DEPTH = 20


def find_holds(
    accounts: pd.DataFrame,
    rep_ids: set[str],
    opportunities: pd.DataFrame | None,
    as_of: date,
    settings: TerritoriesSettings,
    findings: Findings,
) -> pd.DataFrame:
    """hold_rep and hold_reason per account (null where not held).

    Named accounts come first, then accounts with an opportunity open at as_of,
    kept with their current owner (the owner of the latest open opportunity where
    the account has no current owner among the reps), then children of a held
    parent, which move with it. A hold whose rep is not in the reps table is
    reported and not applied.
    """
    holds = pd.DataFrame(
        {"hold_rep": None, "hold_reason": None}, index=accounts.index, dtype=object
    )
    named = _named_reps(accounts, settings.named_accounts, findings)
    _apply(holds, named, NAMED_ACCOUNT, rep_ids, findings)
    if settings.hold_open_opportunities:
        owners = _open_opportunity_owners(accounts, opportunities, as_of, findings)
        _apply(holds, _kept_with(accounts, owners, rep_ids), OPEN_OPPORTUNITY,
               rep_ids, findings)  # fmt: skip
    if "parent_account_id" in accounts.columns:
        _hold_families(accounts, holds)
    return holds


def _apply(
    holds: pd.DataFrame,
    reps: pd.Series,
    reason: str,
    rep_ids: set[str],
    findings: Findings,
) -> None:
    """Hold the accounts in `reps` (account index -> rep) not already held."""
    reps = reps[reps.notna() & holds.loc[reps.index, "hold_rep"].isna()]
    unknown = ~reps.isin(list(rep_ids))
    findings.add(
        "territories",
        f"{reason}_rep_unknown",
        "warning",
        int(unknown.sum()),
        f"{reason} holds whose rep is not in the reps table; assigned normally",
        first(reps[unknown]),
    )
    kept = reps[~unknown]
    holds.loc[kept.index, "hold_rep"] = kept.to_numpy()
    holds.loc[kept.index, "hold_reason"] = reason


def _kept_with(
    accounts: pd.DataFrame, open_owners: pd.Series, rep_ids: set[str]
) -> pd.Series:
    """A held account stays with its current owner (DEFINITIONS 8), so a hold
    never counts as a move; without one among the reps, the open deal's owner."""
    if "current_owner" not in accounts.columns:
        return open_owners
    current = accounts.loc[open_owners.index, "current_owner"]
    usable = current.notna() & current.isin(list(rep_ids))
    return current.where(usable, open_owners).astype(object)


def _named_reps(
    accounts: pd.DataFrame, named: dict[str, str], findings: Findings
) -> pd.Series:
    by_account = accounts["account_id"].map(lambda v: named.get(v) if v else None)
    by_entity = accounts["entity_id"].map(named.get)
    reps = by_account.where(by_account.notna(), by_entity)
    known = set(accounts["account_id"].dropna()) | set(accounts["entity_id"])
    absent = [key for key in named if key not in known]
    findings.add(
        "territories",
        "named_account_not_in_tal",
        "warning",
        len(absent),
        "named_accounts keys that match no account_id or entity_id of the TAL",
        absent[0] if absent else None,
    )
    return reps.astype(object)


def _open_opportunity_owners(
    accounts: pd.DataFrame,
    opportunities: pd.DataFrame | None,
    as_of: date,
    findings: Findings,
) -> pd.Series:
    """The owner of each account's latest opportunity open at as_of."""
    if opportunities is None:
        return pd.Series(dtype=object)
    missing = [c for c in OPPORTUNITY_COLUMNS if c not in opportunities.columns]
    findings.add(
        "opportunities",
        "open_opportunity_holds_skipped",
        "warning",
        len(missing),
        f"no open-opportunity holds: opportunities lack columns {missing}",
    )
    if missing:
        return pd.Series(dtype=object)
    open_now = _open_at(opportunities, as_of, findings)
    latest = open_now.sort_values(["account_id", "created_date", "owner_id"])
    latest = latest.drop_duplicates("account_id", keep="last")
    owner_of = dict(zip(latest["account_id"], latest["owner_id"], strict=True))
    owners = accounts["account_id"].map(lambda v: owner_of.get(v) if v else None)
    return owners[owners.notna()].astype(object)


def _open_at(
    opportunities: pd.DataFrame, as_of: date, findings: Findings
) -> pd.DataFrame:
    table = pd.DataFrame(
        {
            "account_id": as_text(opportunities["account_id"]),
            "owner_id": as_text(opportunities["owner_id"]),
            "created_date": pd.to_datetime(opportunities["created_date"]),
        }
    )
    is_open = (opportunities["status"] == "open").to_numpy()
    undated = is_open & table["created_date"].isna().to_numpy()
    findings.add(
        "opportunities",
        "open_opportunity_without_created_date",
        "info",
        int(undated.sum()),
        "open opportunities without created_date do not hold their account",
    )
    orphan = (
        is_open & (table["account_id"].isna() | table["owner_id"].isna()).to_numpy()
    )
    findings.add(
        "opportunities",
        "open_opportunity_without_account_or_owner",
        "info",
        int(orphan.sum()),
        "open opportunities without account_id or owner_id hold no account",
    )
    started = (table["created_date"] <= pd.Timestamp(as_of)).to_numpy()
    return table[is_open & started & ~orphan]


# TODO: families whose parent is not held are balanced account by account.
def _hold_families(accounts: pd.DataFrame, holds: pd.DataFrame) -> None:
    """Children of a held parent are held by the parent's rep, down the family."""
    parents = accounts["parent_account_id"]
    for _ in range(MAX_FAMILY_DEPTH):
        held = holds["hold_rep"].notna() & accounts["account_id"].notna()
        rep_of = dict(
            zip(
                accounts.loc[held, "account_id"],
                holds.loc[held, "hold_rep"],
                strict=True,
            )
        )
        follow = parents.map(rep_of.get)
        follow = follow[follow.notna() & holds["hold_rep"].isna()]
        if follow.empty:
            return
        holds.loc[follow.index, "hold_rep"] = follow.to_numpy()
        holds.loc[follow.index, "hold_reason"] = PARENT_ACCOUNT
