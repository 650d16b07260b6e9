"""The target account list: merge, status, fit, tiers, exports (DEFINITIONS 5)."""

from __future__ import annotations

from icpkit.tal.build import TAL_COLUMNS, TalResult, build_tal
from icpkit.tal.export import neutralise_formulas, safe_csv
from icpkit.tal.status import STATUSES

__all__ = [
    "STATUSES",
    "TAL_COLUMNS",
    "TalResult",
    "build_tal",
    "neutralise_formulas",
    "safe_csv",
]
