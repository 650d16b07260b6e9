"""Execution metrics per quarter, for all, per rep and per territory (DEFINITIONS 7)."""

from __future__ import annotations

from datetime import date

import ibis
import pandas as pd

__all__ = ["compute_metrics"]


def compute_metrics(
    opportunities: ibis.Table,
    account_icp: ibis.Table,
    tal: ibis.Table,
    activities: ibis.Table | None,
    subscriptions: ibis.Table | None,
    territories: ibis.Table | None,
    as_of: date,
) -> pd.DataFrame:
    raise NotImplementedError("metrics.compute_metrics is not written yet")
