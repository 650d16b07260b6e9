"""TAL versions kept in the warehouse: every run's full list (DEFINITIONS.md 5).

Table `tal_history` holds the rows of every version: TAL_COLUMNS plus `version`,
`included` (on the list) and `excluded_by` (why a row was left out, for rows kept
only to explain later diffs). Table `tal_version_log` holds one row per version.
A version id is "v<as_of>-<n>": the n-th version stored for that as_of.
"""

from __future__ import annotations

import logging
from datetime import date, datetime

import pandas as pd
import pyarrow as pa

from icpkit.errors import InputError, Problem
from icpkit.tal.build import TAL_COLUMNS
from icpkit.warehouse import Warehouse

log = logging.getLogger(__name__)

HISTORY = "tal_history"
VERSION_LOG = "tal_version_log"
VERSION_COLUMNS = (
    "version",
    "valid_from",
    "sequence",
    "model_version",
    "stored_at",
    "companies",
    "excluded",
)
NUMBERS = ("employees", "fit_score", "expected_value")


def store_version(
    warehouse: Warehouse,
    tal: pd.DataFrame,
    as_of: date,
    model_version: str | None = None,
    excluded: pd.DataFrame | None = None,
    version: str | None = None,
) -> str:
    """Append `tal` (and the rows it left out, from TalResult.excluded) as a new
    version valid from as_of; return its id, e.g. "v2024-06-30-2" (`version`,
    from next_version, when the id was handed out before storing)."""
    # TODO: no retention yet; every version stays (about 0.5 s and a few MB per
    # 50,000 rows). Add a keep-last-N setting once users ask for pruning.
    version = version or next_version(warehouse, as_of)
    sequence = int(version.rsplit("-", 1)[1])
    rows = _history_rows(tal, excluded, version, as_of)
    _append(warehouse, HISTORY, rows)
    entry = {
        "version": version,
        "valid_from": pd.Timestamp(as_of),
        "sequence": sequence,
        "model_version": model_version,
        "stored_at": pd.Timestamp(datetime.now()),
        "companies": len(tal),
        "excluded": 0 if excluded is None else len(excluded),
    }
    log_row = pd.DataFrame([entry]).astype({"model_version": "string"})
    _append(warehouse, VERSION_LOG, log_row)
    log.info("stored TAL version %s (%s companies)", version, f"{len(tal):,}")
    return version


def list_versions(warehouse: Warehouse) -> pd.DataFrame:
    """One row per stored version (VERSION_COLUMNS), oldest first: by valid_from,
    then by the order stored."""
    if not warehouse.has(VERSION_LOG):
        return pd.DataFrame(columns=list(VERSION_COLUMNS))
    frame = warehouse.con.con.execute(
        f"select * from {VERSION_LOG} order by valid_from, sequence"
    ).df()
    return frame[list(VERSION_COLUMNS)]


def read_version(warehouse: Warehouse, version: str) -> pd.DataFrame:
    """Every row stored for `version`, included and excluded ones."""
    known = list_versions(warehouse)["version"].tolist()
    if version not in known:
        listed = ", ".join(known[-10:]) or "none stored yet; run `icpkit tal` first"
        expected = f"a stored TAL version ({listed})"
        raise InputError([Problem("tal_history", None, "version", version, expected)])
    query = f"select * from {HISTORY} where version = ? order by entity_id"
    return warehouse.con.con.execute(query, [version]).df()


def next_version(warehouse: Warehouse, as_of: date) -> str:
    """The id the next version stored for as_of gets: "v<as_of>-<n>"."""
    return f"v{as_of.isoformat()}-{_next_sequence(warehouse, as_of)}"


def _next_sequence(warehouse: Warehouse, as_of: date) -> int:
    if not warehouse.has(VERSION_LOG):
        return 1
    query = f"select max(sequence) from {VERSION_LOG} where valid_from = ?"
    # DuckDB 2 wants every result read before the connection's next statement.
    found = warehouse.con.con.execute(query, [pd.Timestamp(as_of)]).fetchall()
    return 1 if found[0][0] is None else int(found[0][0]) + 1


def _history_rows(
    tal: pd.DataFrame, excluded: pd.DataFrame | None, version: str, as_of: date
) -> pd.DataFrame:
    """TAL and excluded rows in one frame with fixed column types."""
    listed = tal.reindex(columns=list(TAL_COLUMNS)).assign(included=True)
    listed["excluded_by"] = pd.Series(pd.NA, index=listed.index, dtype="string")
    parts = [listed]
    if excluded is not None and len(excluded):
        left_out = excluded.reindex(columns=[*TAL_COLUMNS, "excluded_by"])
        parts.append(left_out.assign(included=False))
    rows = pd.concat(parts, ignore_index=True)
    for column in rows.columns:
        if column in NUMBERS:
            rows[column] = pd.to_numeric(rows[column], errors="raise").astype("Float64")
        elif column != "included":
            rows[column] = rows[column].astype("string")
    rows["valid_from"] = pd.Timestamp(as_of)
    rows.insert(0, "version", pd.Series(version, index=rows.index, dtype="string"))
    return rows


def _append(warehouse: Warehouse, name: str, frame: pd.DataFrame) -> None:
    """Insert by column name; the first insert creates the table."""
    connection = warehouse.con.con
    connection.register(
        "_tal_incoming", pa.Table.from_pandas(frame, preserve_index=False)
    )
    try:
        if warehouse.has(name):
            _add_new_columns(warehouse, name, frame)
            statement = f"insert into {name} by name select * from _tal_incoming"
        else:
            statement = f"create table {name} as select * from _tal_incoming"
        connection.execute(statement).fetchall()
    finally:
        connection.unregister("_tal_incoming")


def _add_new_columns(warehouse: Warehouse, name: str, frame: pd.DataFrame) -> None:
    """Columns the TAL gained since the table was created (parent_entity_id),
    added as text so older versions read them as null."""
    connection = warehouse.con.con
    query = f"select * from {name} limit 0"
    known = {column[0] for column in connection.execute(query).description}
    for column in frame.columns:
        if column not in known:
            connection.execute(f'alter table {name} add column "{column}" varchar')
