"""Commission plan and statements (DEFINITIONS 9)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from icpkit.config import CompSettings

__all__ = ["CompResult", "compute_statements"]


@dataclass
class CompResult:
    statements: pd.DataFrame
    findings: pd.DataFrame


def compute_statements(
    opportunities: pd.DataFrame,
    tal_versions: pd.DataFrame,
    reps: pd.DataFrame | None,
    activities: pd.DataFrame | None,
    territories: pd.DataFrame | None,
    as_of: date,
    settings: CompSettings,
) -> CompResult:
    raise NotImplementedError("comp.compute_statements is not written yet")
