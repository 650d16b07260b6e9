"""What assign_territories returns."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import pandas as pd


@dataclass(frozen=True)
class Disruption:
    """Owner changes against the current owner (DEFINITIONS 8). An account without a
    current owner is not a move: it counts as newly assigned."""

    accounts_moved: int = 0
    potential_moved: float = 0.0
    accounts_newly_assigned: int = 0
    potential_newly_assigned: float = 0.0
    accounts_kept: int = 0
    accounts_unassigned: int = 0
    potential_unassigned: float = 0.0

    def as_dict(self) -> dict[str, float]:
        return {k: float(v) for k, v in asdict(self).items()}


@dataclass(frozen=True)
class PlanStats:
    """How the plan was found. lp_bound is a lower bound on the objective of any
    plan (None when a group fell back to the greedy start); objective is the plan's
    sum of relative violations plus its disruption cost."""

    method: str = ""
    groups: int = 0
    lp_bound: float | None = None
    objective: float = 0.0
    total_violation: float = 0.0
    max_violation: float = 0.0
    seconds: float = 0.0


@dataclass
class TerritoryResult:
    """territories: one row per TAL row considered; summary: one row per rep;
    balance: one row per measure (potential, workload) with max_min_ratio, gini and
    share_within_tolerance; disruption and plan: figures for the whole plan."""

    territories: pd.DataFrame
    summary: pd.DataFrame
    findings: pd.DataFrame
    balance: pd.DataFrame = field(default_factory=pd.DataFrame)
    disruption: Disruption = field(default_factory=Disruption)
    plan: PlanStats = field(default_factory=PlanStats)
