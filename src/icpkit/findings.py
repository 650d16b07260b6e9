"""Data-quality findings: problems that do not stop the run, counted with an example.

Every stage collects its findings in a `Findings` and hands them back as a frame with
the columns of icpkit.schema.DATA_QUALITY_COLUMNS; the pipeline writes them all to
out/data_quality.csv.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import pandas as pd

from icpkit.schema import DATA_QUALITY_COLUMNS

log = logging.getLogger(__name__)

SEVERITIES = ("info", "warning", "error")


@dataclass
class Findings:
    """An append-only list of findings (table, check, severity, count, detail,
    example)."""

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
        if count <= 0:
            return
        if severity not in SEVERITIES:
            raise ValueError(f"severity must be one of {SEVERITIES}, got {severity!r}")
        values = (table, check, severity, int(count), detail, _shown(example))
        self.rows.append(dict(zip(DATA_QUALITY_COLUMNS, values, strict=True)))
        log.info("data quality: %s.%s: %s (%s)", table, check, count, detail)

    def count_mask(
        self,
        table: str,
        check: str,
        severity: str,
        mask: pd.Series,
        detail: str,
        examples: pd.Series,
    ) -> None:
        """Add a finding counting the True cells of `mask`, with the first example."""
        hits = mask.fillna(False).astype(bool)
        count = int(hits.sum())
        if count:
            self.add(table, check, severity, count, detail, examples[hits].iloc[0])

    def checks(self) -> list[str]:
        return [str(row["check"]) for row in self.rows]

    def frame(self) -> pd.DataFrame:
        frame = pd.DataFrame(self.rows, columns=list(DATA_QUALITY_COLUMNS))
        return frame.astype({"count": "int64"})

    def to_frame(self) -> pd.DataFrame:
        return self.frame()


def _shown(example: object) -> str | None:
    if example is None or example is pd.NA:
        return None
    text = str(example)
    return None if text in ("nan", "NaT", "<NA>") else text
