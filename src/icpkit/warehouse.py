"""The engine connection: one DuckDB file per workspace, reached through Ibis."""

from __future__ import annotations

import logging
from pathlib import Path

import ibis
import pandas as pd
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
        """Replace table `name` with `frame`."""
        self.con.create_table(name, frame, overwrite=True)
        log.debug("wrote %s rows to warehouse table %s", f"{len(frame):,}", name)

    def table(self, name: str) -> ibis.Table:
        return self.con.table(name)

    def has(self, name: str) -> bool:
        return name in self.con.list_tables()

    def read(self, name: str) -> pd.DataFrame:
        return self.con.table(name).to_pandas()

    def close(self) -> None:
        self.con.disconnect()
