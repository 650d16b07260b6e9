"""Checks that the inputs can support a run at all, before any stage works on them."""

from __future__ import annotations

import logging
from datetime import date

import pandas as pd

from icpkit.config import WorkspaceConfig
from icpkit.errors import StageError
from icpkit.ingest.crosschecks import latest_date
from icpkit.schema import CANONICAL, DATA_QUALITY_COLUMNS

log = logging.getLogger(__name__)

AS_OF_SLACK_DAYS = 31


def check_usable(
    tables: dict[str, pd.DataFrame], config: WorkspaceConfig, as_of: date
) -> None:
    """Stop early, with a reason a user can act on, when no stage could work."""
    accounts = tables.get("accounts")
    if accounts is None:
        raise StageError(
            "No accounts input is configured. Add [inputs.accounts] to icpkit.toml "
            "(path, preset and column mapping); every stage starts from accounts."
        )
    path = config.inputs.accounts
    if accounts.empty:
        raise StageError(
            f"The accounts file {path.path if path else ''} has no rows: nothing to "
            "segment. Export the accounts again with their data rows."
        )
    earliest = _earliest_date(tables)
    if earliest is not None and earliest > as_of:
        raise StageError(
            f"as_of {as_of} is before every date in the inputs (the "
            f"earliest is {earliest}): nothing is known at as_of. Set as_of in "
            "icpkit.toml to a later date, or remove it to use the latest date."
        )


def _earliest_date(tables: dict[str, pd.DataFrame]) -> date | None:
    earliest = []
    for name, frame in tables.items():
        if name not in CANONICAL or name == "universe":
            continue
        for column, kind in CANONICAL[name].columns.items():
            if kind == "date" and frame[column].notna().any():
                earliest.append(frame[column].min())
    return min(earliest).date() if earliest else None


def as_of_findings(tables: dict[str, pd.DataFrame], as_of: date) -> pd.DataFrame:
    """A configured as_of far after the data makes every open deal look stale and
    every retention figure flat; say so."""
    latest = latest_date(tables)
    if latest is None or (as_of - latest).days <= AS_OF_SLACK_DAYS:
        return pd.DataFrame(columns=list(DATA_QUALITY_COLUMNS))
    detail = (
        f"as_of {as_of} is {(as_of - latest).days} days after the latest date in the "
        f"inputs ({latest}); metrics after {latest} describe no data"
    )
    log.warning(detail)
    row = ("inputs", "as_of_after_data", "warning", 1, detail, str(latest))
    return pd.DataFrame([row], columns=list(DATA_QUALITY_COLUMNS))
