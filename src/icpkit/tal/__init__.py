"""The target account list: merge, status, fit, tiers, sizing, versions, exports
(DEFINITIONS 5)."""

from __future__ import annotations

from icpkit.tal.build import TAL_COLUMNS, TalResult, build_tal
from icpkit.tal.diff import DIFF_COLUMNS, diff_versions
from icpkit.tal.export import (
    FORMATS,
    Exported,
    export_tal,
    neutralise_formulas,
    safe_csv,
)
from icpkit.tal.status import STATUSES
from icpkit.tal.versions import (
    list_versions,
    next_version,
    read_version,
    store_version,
)

__all__ = [
    "DIFF_COLUMNS",
    "FORMATS",
    "STATUSES",
    "TAL_COLUMNS",
    "Exported",
    "TalResult",
    "build_tal",
    "diff_versions",
    "export_tal",
    "list_versions",
    "neutralise_formulas",
    "next_version",
    "read_version",
    "safe_csv",
    "store_version",
]
