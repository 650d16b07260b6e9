"""Data-quality findings collected while the segment metrics are computed."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

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
