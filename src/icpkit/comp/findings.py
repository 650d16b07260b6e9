"""Data-quality findings of the comp stage, in the shared findings layout."""

from __future__ import annotations

from dataclasses import astuple, dataclass
from typing import Literal

import pandas as pd

from icpkit.schema import DATA_QUALITY_COLUMNS

Severity = Literal["info", "warning", "error"]


@dataclass(frozen=True)
class Finding:
    """One counted data-quality observation (columns of schema.DATA_QUALITY_COLUMNS)."""

    table: str
    check: str
    severity: Severity
    count: int
    detail: str
    example: str


def findings_frame(findings: list[Finding]) -> pd.DataFrame:
    rows = [astuple(finding) for finding in findings if finding.count > 0]
    return pd.DataFrame(rows, columns=list(DATA_QUALITY_COLUMNS))


def first_example(values: pd.Series) -> str:
    """The first value of `values` as text, or '' when there is none."""
    return "" if values.empty else str(values.iloc[0])
