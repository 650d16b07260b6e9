"""Eligibility, holds, a balancing assignment, balance and disruption (DEFINITIONS 8)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from icpkit.config import TerritoriesSettings

__all__ = ["TerritoryResult", "assign_territories"]


@dataclass
class TerritoryResult:
    territories: pd.DataFrame
    summary: pd.DataFrame
    findings: pd.DataFrame


def assign_territories(
    tal: pd.DataFrame,
    reps: pd.DataFrame,
    opportunities: pd.DataFrame | None,
    as_of: date,
    settings: TerritoriesSettings,
) -> TerritoryResult:
    raise NotImplementedError("territories.assign_territories is not written yet")
