"""Commission plan and statements (DEFINITIONS 9)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from icpkit.comp.statements import build_statements
from icpkit.comp.totals import statement_totals
from icpkit.config import CompSettings

__all__ = ["CompResult", "compute_statements", "statement_totals"]


@dataclass
class CompResult:
    """statements: one line per rule applied (comp.lines.STATEMENT_COLUMNS);
    findings: data-quality findings; totals: statement_totals(statements)."""

    statements: pd.DataFrame
    findings: pd.DataFrame
    totals: pd.DataFrame | None = None


def compute_statements(
    opportunities: pd.DataFrame,
    tal_versions: pd.DataFrame,
    reps: pd.DataFrame | None,
    activities: pd.DataFrame | None,
    territories: pd.DataFrame | None,
    as_of: date,
    settings: CompSettings,
    move_date: date | None = None,
) -> CompResult:
    """Commission statements per rep and period (DEFINITIONS 9).

    Base commission on each won opportunity closed by as_of, credited to its owner
    (or to the former owner during a holdout after a territory move on `move_date`,
    default as_of); ICP accelerator by the account's TAL tier in the version in force
    at creation; attainment accelerators per settings.attainment_shape; activity
    credit capped per rep and period. Amounts are Decimal, rounded half-up to cents
    once per line, stored as strings ("1234.50"). Every rep of `reps` appears in
    every period up to as_of (a no_credit line where nothing else applies).
    """
    statements, findings = build_statements(
        opportunities,
        tal_versions,
        reps,
        activities,
        territories,
        as_of,
        settings,
        move_date=move_date,
    )
    return CompResult(statements, findings, statement_totals(statements))
