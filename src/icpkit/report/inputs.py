"""What the report is built from: the tables of one run, each optional but segments."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd


@dataclass
class ReportInputs:
    """The tables of one run. Any table may be None or empty: its section then says
    "not computed" with the reason instead of failing.

    tolerance is the territory balance tolerance (DEFINITIONS.md section 8), drawn as
    a band around 1.0 in the territory chart; currency labels money columns.
    """

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
    # The look-alike backtest: measure, value, lo, hi, n, positives; and its deciles.
    backtest: pd.DataFrame | None = None
    backtest_deciles: pd.DataFrame | None = None
    notes: list[str] = field(default_factory=list)
    tolerance: float = 0.10
    currency: str = "USD"
