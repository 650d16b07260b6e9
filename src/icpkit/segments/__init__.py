"""Outcome metrics per segment, shrinkage, score and ICP tiers (DEFINITIONS 2-4)."""

from __future__ import annotations

from icpkit.segments.compute import ACCOUNT_SEGMENT_COLUMNS, compute_segments
from icpkit.segments.result import SegmentsResult
from icpkit.segments.size_band import size_band
from icpkit.segments.table import SEGMENT_COLUMNS

__all__ = [
    "ACCOUNT_SEGMENT_COLUMNS",
    "SEGMENT_COLUMNS",
    "SegmentsResult",
    "compute_segments",
    "size_band",
]
