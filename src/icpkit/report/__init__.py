"""The self-contained HTML report and its charts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["ReportInputs", "write_report"]


@dataclass
class ReportInputs:
    title: str
    as_of: date
    icp_statement: str
    segments: pd.DataFrame
    data_quality: pd.DataFrame
    tal: pd.DataFrame | None = None
    territory_summary: pd.DataFrame | None = None
    metrics: pd.DataFrame | None = None
    comp_statements: pd.DataFrame | None = None
    model_card: dict[str, Any] = field(default_factory=dict)
    reliability: pd.DataFrame | None = None
    notes: list[str] = field(default_factory=list)


def write_report(path: Path, inputs: ReportInputs) -> None:
    raise NotImplementedError("report.write_report is not written yet")
