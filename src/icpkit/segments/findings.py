"""Data-quality findings collected while the segment metrics are computed."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import ibis.expr.types as ir
import pandas as pd

from icpkit.schema import DATA_QUALITY_COLUMNS

log = logging.getLogger(__name__)


@dataclass
class Findings:
    """An append-only list of findings (icpkit.schema.DATA_QUALITY_COLUMNS)."""

    rows: list[dict[str, object]] = field(default_factory=list)

    def add(
        self,
        table: str,
        check: str,
        severity: str,
        count: int,
        detail: str,
        example: str | None = None,
    ) -> None:
        """Record one finding; zero counts are skipped (nothing to report)."""
        if count == 0:
            return
        if severity not in ("info", "warning", "error"):
            raise ValueError(f"severity must be info|warning|error, got {severity!r}")
        self.rows.append(
            {
                "table": table,
                "check": check,
                "severity": severity,
                "count": int(count),
                "detail": detail,
                "example": example,
            }
        )
        log.info("data quality: %s.%s: %s (%s)", table, check, count, detail)

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows, columns=list(DATA_QUALITY_COLUMNS))


def count_flags(
    table: ir.Table, flags: dict[str, ir.BooleanValue], example: str
) -> dict[str, tuple[int, str | None]]:
    """For each named condition, the number of rows meeting it and the `example`
    column of one of them, in a single query."""
    metrics: dict[str, ir.Scalar] = {}
    for name, flag in flags.items():
        metrics[f"{name}__count"] = table.count(where=flag)
        metrics[f"{name}__example"] = table[example].cast("string").first(where=flag)
    row = table.aggregate(**metrics).to_pandas().iloc[0]
    return {
        name: (int(row[f"{name}__count"]), _text(row[f"{name}__example"]))
        for name in flags
    }


def _text(value: object) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    return str(value)
