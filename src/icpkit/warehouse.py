"""The engine connection: one DuckDB file per workspace, reached through Ibis."""

from __future__ import annotations

import logging
from pathlib import Path

import ibis
import pandas as pd
import pyarrow as pa
from ibis.backends.duckdb import Backend

log = logging.getLogger(__name__)


class Warehouse:
    """Named tables in a DuckDB file (or in memory when `path` is None)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        target = ":memory:" if path is None else str(path)
        self.con: Backend = ibis.duckdb.connect(target, threads=2)

    def write(self, name: str, frame: pd.DataFrame) -> None:
        """Replace table `name` with `frame`.

        A column with no values at all (a metric that cannot be computed from the
        data given) has no type of its own; it is stored as a null string column.
        """
        table = pa.Table.from_pandas(frame, preserve_index=False)
        for index, column in enumerate(table.schema):
            if pa.types.is_null(column.type):
                table = table.set_column(
                    index, column.name, table.column(index).cast(pa.string())
                )
        self.con.create_table(name, table, overwrite=True)
        log.debug("wrote %s rows to warehouse table %s", f"{len(frame):,}", name)

    def table(self, name: str) -> ibis.Table:
        return self.con.table(name)

    def has(self, name: str) -> bool:
        # Ibis 12's list_tables calls a DuckDB 1.x method that DuckDB 2.0 removed.
        query = "select count(*) from information_schema.tables where table_name = ?"
        found = self.con.con.execute(query, [name]).fetchall()
        return bool(found[0][0])

    def read(self, name: str) -> pd.DataFrame:
        return self.con.table(name).to_pandas()

    def close(self) -> None:
        self.con.disconnect()
