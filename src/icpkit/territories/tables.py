"""The territory table (one row per account) and the rep summary (DEFINITIONS 8)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from icpkit.territories.balance import within_tolerance
from icpkit.territories.optimiser import Plan
from icpkit.territories.problem import MEASURES, relative_violation
from icpkit.territories.result import Disruption

TERRITORY_COLUMNS = [
    "entity_id", "account_id", "name", "region", "fit_tier", "status", "potential",
    "workload", "current_owner", "assigned_rep", "held", "hold_reason",
    "owner_changed", "eligible_reps", "reason",
]  # fmt: skip


def territory_table(
    accounts: pd.DataFrame,
    rep_ids: np.ndarray,
    holds: pd.DataFrame,
    eligible: np.ndarray,
    plan: Plan,
) -> pd.DataFrame:
    """One row per account considered, with its assigned rep and why."""
    table = accounts.reindex(columns=TERRITORY_COLUMNS).copy()
    assigned = np.where(plan.assign >= 0, rep_ids[np.maximum(plan.assign, 0)], None)
    table["assigned_rep"] = pd.Series(assigned, index=table.index, dtype=object)
    table["held"] = holds["hold_rep"].notna().to_numpy()
    table["hold_reason"] = holds["hold_reason"].to_numpy()
    owner, rep = table["current_owner"], table["assigned_rep"]
    table["owner_changed"] = (owner.notna() & rep.notna() & (owner != rep)).to_numpy()
    table["eligible_reps"] = eligible.sum(axis=1)
    table["reason"] = _reasons(table, set(rep_ids))
    return table


def _reasons(table: pd.DataFrame, rep_ids: set[str]) -> np.ndarray:
    owner, rep = table["current_owner"], table["assigned_rep"]
    conditions = [
        rep.isna().to_numpy(),
        table["held"].to_numpy(dtype=bool),
        owner.isna().to_numpy(),
        (owner == rep).to_numpy(dtype=bool),
        ~owner.isin(list(rep_ids)).to_numpy(),
    ]
    labels = ["no eligible rep", "held", "newly assigned", "kept", "owner not in reps"]
    return np.select(conditions, labels, default="moved for balance").astype(object)


def rep_summary(
    reps: pd.DataFrame, territories: pd.DataFrame, plan: Plan, tolerance: float
) -> pd.DataFrame:
    """One row per rep: accounts, loads, targets, indices, within_tolerance."""
    summary = reps[["rep_id", "name", "region", "capacity"]].copy()
    summary["balance_group"] = plan.group + 1
    by_rep = territories.groupby("assigned_rep")
    summary["accounts"] = _per_rep(summary, by_rep.size())
    tier_a = territories[territories["fit_tier"] == "A"].groupby("assigned_rep").size()
    summary["tier_a_accounts"] = _per_rep(summary, tier_a)
    summary["held_accounts"] = _per_rep(summary, by_rep["held"].sum())
    inside = np.ones(len(summary), dtype=bool)
    for m, measure in enumerate(MEASURES):
        load = _per_rep(summary, by_rep[measure].sum()).astype(float)
        target = plan.target[:, m]
        summary[measure] = load
        summary[f"{measure}_target"] = target
        with np.errstate(divide="ignore", invalid="ignore"):
            summary[f"{measure}_index"] = np.where(target > 0, load / target, np.nan)
        inside &= within_tolerance(load, target, tolerance)
    summary["within_tolerance"] = inside
    loads = summary[list(MEASURES)].to_numpy(dtype=float)
    violation = relative_violation(loads, plan.target, tolerance)
    summary["violation"] = violation.sum(axis=1)
    return summary


def _per_rep(summary: pd.DataFrame, values: pd.Series) -> np.ndarray:
    """Values per rep_id in summary order; a rep with no account has 0."""
    return values.reindex(summary["rep_id"], fill_value=0).to_numpy()


def measure_disruption(territories: pd.DataFrame) -> Disruption:
    """Accounts and potential moved, newly assigned, kept and unassigned."""
    assigned = territories["assigned_rep"].notna()
    moved = territories["owner_changed"].to_numpy(dtype=bool)
    new = (territories["current_owner"].isna() & assigned).to_numpy()
    potential = territories["potential"].to_numpy(dtype=float)
    unassigned = (~assigned).to_numpy()
    return Disruption(
        accounts_moved=int(moved.sum()),
        potential_moved=float(potential[moved].sum()),
        accounts_newly_assigned=int(new.sum()),
        potential_newly_assigned=float(potential[new].sum()),
        accounts_kept=int((assigned & ~territories["owner_changed"]).sum() - new.sum()),
        accounts_unassigned=int(unassigned.sum()),
        potential_unassigned=float(potential[unassigned].sum()),
    )
