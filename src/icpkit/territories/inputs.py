"""Checks on the TAL and reps tables and the per-account measures (DEFINITIONS 8)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from icpkit.config import TerritoriesSettings
from icpkit.errors import InputError, Problem, StageError
from icpkit.territories.findings import Findings, first

TAL_COLUMNS = (
    "entity_id",
    "account_id",
    "name",
    "region",
    "fit_tier",
    "expected_value",
    "owner_id",
)
DEFAULT_CAPACITY = 1.0


def as_text(values: pd.Series) -> pd.Series:
    """Identifiers as Python strings (None where missing), whatever their dtype."""
    text = values.astype(object).where(values.notna(), None)
    return text.map(lambda v: None if v is None else str(v)).astype(object)


def _row(label: object) -> int:
    """A row number for a message, from a default RangeIndex label."""
    return int(label)  # type: ignore[call-overload]


def _missing_columns(frame: pd.DataFrame, table: str, needed: tuple[str, ...]) -> None:
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        problems = [
            Problem(table, None, c, None, f"a column {c!r} in the {table} table")
            for c in missing
        ]
        raise InputError(problems, hint=f"{table} has columns {list(frame.columns)}")


def _duplicates(ids: pd.Series, table: str, column: str) -> list[Problem]:
    repeated = ids[ids.duplicated(keep="first") & ids.notna()]
    return [
        Problem(table, _row(i), column, str(v), f"a unique {column}")
        for i, v in repeated.items()
    ]


def prepare_accounts(
    tal: pd.DataFrame, settings: TerritoriesSettings, findings: Findings
) -> pd.DataFrame:
    """The TAL rows to assign (fit_tier in settings.assign_tiers) with potential =
    expected_value and workload = the weight of the fit tier (DEFINITIONS 8)."""
    _missing_columns(tal, "tal", TAL_COLUMNS)
    considered = tal[tal["fit_tier"].isin(settings.assign_tiers)]
    findings.add(
        "tal",
        "tier_not_assigned",
        "info",
        len(tal) - len(considered),
        f"TAL rows whose fit_tier is not in assign_tiers {settings.assign_tiers}",
    )
    considered = considered.reset_index(drop=True)
    _check_accounts(considered, settings)
    return _measures(considered, settings, findings)


def _check_accounts(tal: pd.DataFrame, settings: TerritoriesSettings) -> None:
    problems = _duplicates(as_text(tal["entity_id"]), "tal", "entity_id")
    problems += [
        Problem("tal", _row(i), "entity_id", None, "an entity_id on every row")
        for i in tal.index[tal["entity_id"].isna()]
    ]
    unknown = ~tal["fit_tier"].isin(list(settings.workload_weights))
    allowed = f"a fit_tier with a workload weight {sorted(settings.workload_weights)}"
    problems += [
        Problem("tal", _row(i), "fit_tier", str(v), allowed)
        for i, v in tal.loc[unknown, "fit_tier"].items()
    ]
    value = pd.to_numeric(tal["expected_value"], errors="raise")
    problems += [
        Problem("tal", _row(i), "expected_value", str(v), "a value >= 0")
        for i, v in value[value < 0].items()
    ]
    if problems:
        raise InputError(problems)


def _measures(
    tal: pd.DataFrame, settings: TerritoriesSettings, findings: Findings
) -> pd.DataFrame:
    value = pd.to_numeric(tal["expected_value"], errors="raise").astype(float)
    unknown = value.isna()
    findings.add(
        "tal",
        "expected_value_missing",
        "warning",
        int(unknown.sum()),
        "TAL rows without expected_value count 0 potential in the balance",
        first(tal.loc[unknown, "entity_id"]),
    )
    weights = tal["fit_tier"].map(settings.workload_weights).astype(float)
    # Every TAL column stays: eligibility rules may name any of them.
    accounts = tal.copy()
    for column in ("entity_id", "account_id", "region"):
        accounts[column] = as_text(tal[column])
    accounts["potential"] = value.where(~unknown, 0.0).to_numpy(dtype=float)
    accounts["workload"] = weights.to_numpy(dtype=float)
    accounts["current_owner"] = as_text(tal["owner_id"])
    if "parent_account_id" in tal.columns:
        accounts["parent_account_id"] = as_text(tal["parent_account_id"])
    return accounts


def prepare_reps(reps: pd.DataFrame, findings: Findings) -> pd.DataFrame:
    """Reps with their capacity; a missing capacity counts as 1.0 and is reported."""
    _missing_columns(reps, "reps", ("rep_id",))
    if reps.empty:
        raise StageError("The reps table is empty: territories need at least one rep.")
    reps = reps.reset_index(drop=True).copy()
    ids = as_text(reps["rep_id"])
    problems = _duplicates(ids, "reps", "rep_id")
    problems += [
        Problem("reps", _row(i), "rep_id", None, "a rep_id on every row")
        for i in ids.index[ids.isna()]
    ]
    if "capacity" not in reps.columns:
        reps["capacity"] = np.nan
    capacity = pd.to_numeric(reps["capacity"], errors="raise").astype(float)
    problems += [
        Problem("reps", _row(i), "capacity", str(v), "a capacity >= 0 (1.0 = full)")
        for i, v in capacity[capacity < 0].items()
    ]
    if problems:
        raise InputError(problems)
    _report_default_capacity(ids, capacity, findings)
    reps["rep_id"] = ids
    reps["capacity"] = capacity.fillna(DEFAULT_CAPACITY)
    for column in ("name", "region"):
        if column not in reps.columns:
            reps[column] = None
    reps["region"] = as_text(reps["region"])
    return reps


def _report_default_capacity(
    ids: pd.Series, capacity: pd.Series, findings: Findings
) -> None:
    missing = capacity.isna()
    findings.add(
        "reps",
        "capacity_missing",
        "info",
        int(missing.sum()),
        f"reps without capacity count as {DEFAULT_CAPACITY} (a full rep)",
        first(ids[missing]),
    )
    idle = capacity == 0
    findings.add(
        "reps",
        "capacity_zero",
        "info",
        int(idle.sum()),
        "reps with capacity 0 receive no new accounts (holds stay with them)",
        first(ids[idle]),
    )
