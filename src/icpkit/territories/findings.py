"""Data-quality findings collected while territories are assigned."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import pandas as pd

from icpkit.schema import DATA_QUALITY_COLUMNS

log = logging.getLogger(__name__)

SEVERITIES = ("info", "warning", "error")


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
        example: object = None,
    ) -> None:
        """Record one finding; a zero count is skipped (nothing to report)."""
        if count == 0:
            return
        if severity not in SEVERITIES:
            raise ValueError(f"severity must be one of {SEVERITIES}, got {severity!r}")
        shown = None if example is None else str(example)
        row: dict[str, object] = {"table": table, "check": check}
        row.update(severity=severity, count=int(count), detail=detail, example=shown)
        self.rows.append(row)
        log.info("territories finding: %s.%s: %s (%s)", table, check, count, detail)

    def checks(self) -> list[str]:
        return [str(row["check"]) for row in self.rows]

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows, columns=list(DATA_QUALITY_COLUMNS))


def first(values: pd.Series) -> object:
    """The first value of a selection, as an example for a finding (None if empty)."""
    return None if values.empty else values.iloc[0]
