"""Data-quality findings: problems that do not stop the run, counted with an example."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from icpkit.schema import DATA_QUALITY_COLUMNS


@dataclass
class Findings:
    """Collects findings (table, check, severity, count, detail, example)."""

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
        if count <= 0:
            return
        shown = None if example is None or example is pd.NA else str(example)
        if shown in ("nan", "NaT"):
            shown = None
        values: tuple[object, ...] = (table, check, severity, count, detail, shown)
        self.rows.append(dict(zip(DATA_QUALITY_COLUMNS, values, strict=True)))

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

    def frame(self) -> pd.DataFrame:
        frame = pd.DataFrame(self.rows, columns=list(DATA_QUALITY_COLUMNS))
        return frame.astype({"count": "int64"})
