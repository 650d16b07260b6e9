"""The target account list: merge, status, fit, tiers, versions, exports (DEFINITIONS 5)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd

from icpkit.config import LookalikeSettings, SegmentsSettings, TalSettings

__all__ = ["TAL_COLUMNS", "TalResult", "build_tal"]

TAL_COLUMNS = (
    "entity_id", "account_id", "name", "domain", "industry", "size_band", "region",
    "country", "state", "status", "sources", "fit_score", "fit_tier", "segment",
    "segment_tier", "reasons", "similar_customers", "expected_value", "owner_id",
    "valid_from",
)  # fmt: skip


@dataclass
class TalResult:
    tal: pd.DataFrame
    model_card: dict[str, Any]
    findings: pd.DataFrame
    reliability: pd.DataFrame = field(default_factory=pd.DataFrame)


def build_tal(
    accounts: pd.DataFrame,
    opportunities: pd.DataFrame | None,
    universe: pd.DataFrame | None,
    entities: pd.DataFrame,
    account_segments: pd.DataFrame,
    segments: pd.DataFrame,
    as_of: date,
    lookalike: LookalikeSettings,
    settings: TalSettings,
    segment_settings: SegmentsSettings,
) -> TalResult:
    raise NotImplementedError("tal.build_tal is not written yet")
