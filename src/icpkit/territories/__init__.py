"""Eligibility, holds, a balancing assignment, balance, disruption (DEFINITIONS 8)."""

from __future__ import annotations

from icpkit.territories.assign import assign_territories
from icpkit.territories.result import Disruption, PlanStats, TerritoryResult

__all__ = ["Disruption", "PlanStats", "TerritoryResult", "assign_territories"]
