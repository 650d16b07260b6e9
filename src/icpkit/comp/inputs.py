"""Checks and conversions of the comp stage's input tables."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from icpkit.comp.findings import Finding, first_example
from icpkit.comp.money import to_decimal
from icpkit.config import CompSettings
from icpkit.errors import InputError, Problem

OPPORTUNITY_COLUMNS = (
    "opportunity_id",
    "account_id",
    "owner_id",
    "status",
    "amount",
    "created_date",
    "close_date",
)
ACTIVITY_COLUMNS = ("activity_id", "account_id", "owner_id", "type", "activity_date")


def require_columns(frame: pd.DataFrame, table: str, columns: tuple[str, ...]) -> None:
    """Raise InputError naming every required column the table lacks."""
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        problems = [
            Problem(
                table, None, column, None, f"a column {column!r} (canonical {table})"
            )
            for column in missing
        ]
        raise InputError(problems, hint=f"columns present: {sorted(frame.columns)}")


def _as_timestamps(frame: pd.DataFrame, table: str, column: str) -> pd.Series:
    try:
        return pd.to_datetime(frame[column]).astype("datetime64[ns]")
    except (ValueError, TypeError) as error:
        problem = Problem(table, None, column, None, f"dates ({error})")
        raise InputError([problem]) from error


def prepare_opportunities(opportunities: pd.DataFrame) -> pd.DataFrame:
    """Opportunities with the comp columns, dates as timestamps."""
    require_columns(opportunities, "opportunities", OPPORTUNITY_COLUMNS)
    opps = opportunities.loc[:, list(OPPORTUNITY_COLUMNS)].copy()
    for column in ("created_date", "close_date"):
        opps[column] = _as_timestamps(opps, "opportunities", column)
    return opps


def prepare_activities(activities: pd.DataFrame) -> pd.DataFrame:
    require_columns(activities, "activities", ACTIVITY_COLUMNS)
    chosen = activities.loc[:, list(ACTIVITY_COLUMNS)].copy()
    chosen["activity_date"] = _as_timestamps(chosen, "activities", "activity_date")
    return chosen


def rep_quotas(
    reps: pd.DataFrame | None, credited_reps: pd.Series, settings: CompSettings
) -> tuple[dict[str, Decimal], list[Finding]]:
    """Quota per period for every rep: its own, else default_quota, else none.

    A quota of zero or less cannot give an attainment; it counts as no quota."""
    default = (
        None if settings.default_quota is None else to_decimal(settings.default_quota)
    )
    listed = (
        pd.Series(dtype=object) if reps is None else reps.set_index("rep_id")["quota"]
    )
    listed = listed.loc[listed.index.notna()]
    quotas: dict[str, Decimal | None] = {
        str(rep): default if pd.isna(value) else to_decimal(value)
        for rep, value in listed.items()
    }
    unlisted = sorted(set(credited_reps.dropna()) - set(quotas))
    quotas.update({rep: default for rep in unlisted})
    bad = [rep for rep, quota in quotas.items() if quota is not None and quota <= 0]
    no_quota = [rep for rep, quota in quotas.items() if quota is None]
    findings = [
        Finding(
            "reps",
            "rep without quota",
            "info",
            # without a default, "no quota" below counts these reps
            0 if default is None else int(listed.isna().sum()),
            f"default_quota {settings.default_quota} used",
            first_example(listed.loc[listed.isna()].index.to_series()),
        ),
        Finding(
            "opportunities",
            "owner not in reps",
            "info",
            len(unlisted),
            "credited rep missing from reps"
            + ("" if default is None else f"; default_quota {default} used"),
            unlisted[0] if unlisted else "",
        ),
        Finding(
            "reps",
            "quota not positive",
            "warning",
            len(bad),
            "attainment accelerators do not apply",
            bad[0] if bad else "",
        ),
        Finding(
            "reps",
            "no quota",
            "info",
            len(no_quota),
            "no quota and no default_quota: attainment accelerators do not apply",
            no_quota[0] if no_quota else "",
        ),
    ]
    clean = {
        rep: quota for rep, quota in quotas.items() if quota is not None and quota > 0
    }
    return clean, findings
