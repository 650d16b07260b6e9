"""Data-quality findings in the shared shape (icpkit.schema.DATA_QUALITY_COLUMNS)."""

from __future__ import annotations

import pandas as pd

from icpkit.schema import DATA_QUALITY_COLUMNS


def finding(
    table: str, check: str, severity: str, count: int, detail: str, example: str = ""
) -> dict[str, object]:
    """One finding row; severity is info, warning or error."""
    values = (table, check, severity, count, detail, example)
    return dict(zip(DATA_QUALITY_COLUMNS, values, strict=True))


def findings_frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(DATA_QUALITY_COLUMNS))
