"""assign_territories: holds, eligibility, the balancing assignment and its report
(DEFINITIONS 8)."""

from __future__ import annotations

import logging
import time
from datetime import date

import numpy as np
import pandas as pd

from icpkit.config import TerritoriesSettings
from icpkit.territories.balance import balance_table
from icpkit.territories.eligibility import eligibility_matrix
from icpkit.territories.findings import Findings, first
from icpkit.territories.holds import find_holds
from icpkit.territories.inputs import prepare_accounts, prepare_reps
from icpkit.territories.optimiser import (
    DISRUPTION_WEIGHT,
    EXACT,
    GREEDY,
    Accounts,
    Plan,
    plan_assignment,
)
from icpkit.territories.result import PlanStats, TerritoryResult
from icpkit.territories.tables import measure_disruption, rep_summary, territory_table

log = logging.getLogger(__name__)


def assign_territories(
    tal: pd.DataFrame,
    reps: pd.DataFrame,
    opportunities: pd.DataFrame | None,
    as_of: date,
    settings: TerritoriesSettings,
    *,
    disruption_weight: float = DISRUPTION_WEIGHT,
) -> TerritoryResult:
    """Assign every TAL account that is not held to one eligible rep, balancing
    potential and workload against capacity-weighted targets (DEFINITIONS 8).

    `disruption_weight` prices a move away from the current owner as a share of an
    average account's relative size (0 ignores disruption).
    """
    started = time.perf_counter()
    findings = Findings()
    accounts = prepare_accounts(tal, settings, findings)
    reps = prepare_reps(reps, findings)
    rep_ids = reps["rep_id"].to_numpy(dtype=object)
    holds = find_holds(accounts, set(rep_ids), opportunities, as_of, settings, findings)
    eligible = eligibility_matrix(accounts, reps, settings.eligibility, findings)
    arrays = _arrays(accounts, rep_ids, holds, eligible)
    _report_accounts(accounts, arrays, rep_ids, findings)
    capacity = reps["capacity"].to_numpy(dtype=float)
    plan = plan_assignment(arrays, capacity, settings.tolerance, disruption_weight)
    territories = territory_table(accounts, rep_ids, holds, eligible, plan)
    summary = rep_summary(reps, territories, plan, settings.tolerance)
    stats = _plan_stats(plan, summary, time.perf_counter() - started)
    _report_plan(stats, summary, findings)
    return TerritoryResult(
        territories=territories,
        summary=summary,
        findings=findings.to_frame(),
        balance=balance_table(summary, settings.tolerance),
        disruption=measure_disruption(territories),
        plan=stats,
    )


def _arrays(
    accounts: pd.DataFrame,
    rep_ids: np.ndarray,
    holds: pd.DataFrame,
    eligible: np.ndarray,
) -> Accounts:
    position = {rep: i for i, rep in enumerate(rep_ids)}
    owner = accounts["current_owner"].map(lambda r: position.get(r, -1) if r else -1)
    held_by = holds["hold_rep"].map(lambda r: position.get(r, -1) if r else -1)
    return Accounts(
        values=accounts[["potential", "workload"]].to_numpy(dtype=float),
        owner=owner.to_numpy(dtype=int),
        held_by=held_by.to_numpy(dtype=int),
        eligible=eligible,
    )


def _report_accounts(
    accounts: pd.DataFrame, arrays: Accounts, rep_ids: np.ndarray, findings: Findings
) -> None:
    stranded = (arrays.held_by < 0) & ~arrays.eligible.any(axis=1)
    findings.add(
        "territories",
        "account_without_eligible_rep",
        "warning",
        int(stranded.sum()),
        "TAL accounts no rep is eligible for are left unassigned; add an eligibility "
        "rule or a rep for them",
        first(accounts.loc[stranded, "entity_id"]),
    )
    owner = accounts["current_owner"]
    departed = owner.notna() & ~owner.isin(list(rep_ids))
    findings.add(
        "territories",
        "owner_not_in_reps",
        "info",
        int(departed.sum()),
        "accounts whose current owner is not in the reps table; reassigning them "
        "counts as a move",
        first(owner[departed]),
    )


def _plan_stats(plan: Plan, summary: pd.DataFrame, seconds: float) -> PlanStats:
    methods = list(dict.fromkeys(r.method for r in plan.results))
    bounds = [r.objective if r.method == EXACT else r.lp_bound for r in plan.results]
    violation = summary["violation"].to_numpy(dtype=float)
    return PlanStats(
        method=", ".join(methods),
        groups=len(plan.results),
        lp_bound=None if any(b is None for b in bounds) else float(sum(bounds)),  # type: ignore[arg-type]
        objective=float(sum(r.objective for r in plan.results)),
        total_violation=float(violation.sum()),
        max_violation=float(_largest_violation(summary)),
        seconds=seconds,
    )


def _largest_violation(summary: pd.DataFrame) -> float:
    """Largest relative distance outside the window of any rep and measure."""
    return float(summary["violation"].max()) if len(summary) else 0.0


def _report_plan(stats: PlanStats, summary: pd.DataFrame, findings: Findings) -> None:
    if GREEDY in stats.method:
        findings.add(
            "territories",
            "greedy_fallback",
            "warning",
            1,
            "the LP relaxation was too big or not solved for a group of reps; a greedy "
            "balanced assignment with repair was used and no LP bound is reported",
        )
    outside = ~summary["within_tolerance"]
    findings.add(
        "territories",
        "rep_outside_tolerance",
        "info",
        int(outside.sum()),
        f"reps whose potential or workload is outside the tolerance window after "
        f"balancing (largest violation {stats.max_violation:.3f} of target)",
        first(summary.loc[outside, "rep_id"]),
    )
    log.info(
        "assigned territories for %d reps in %.2f s by %s: LP bound %s, plan objective "
        "%.6f, total violation %.4f, largest violation %.4f",
        len(summary),
        stats.seconds,
        stats.method,
        "n/a" if stats.lp_bound is None else f"{stats.lp_bound:.6f}",
        stats.objective,
        stats.total_violation,
        stats.max_violation,
    )
