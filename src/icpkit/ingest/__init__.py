"""Readers, mapping presets, validation and the data-quality report (DEFINITIONS 1)."""

from __future__ import annotations

from icpkit.ingest.load import check_inputs, load_inputs
from icpkit.ingest.mapping import infer_mapping, match_columns
from icpkit.ingest.presets import PRESETS
from icpkit.ingest.readers import read_table
from icpkit.ingest.result import IngestResult

__all__ = [
    "PRESETS",
    "IngestResult",
    "check_inputs",
    "infer_mapping",
    "load_inputs",
    "match_columns",
    "read_table",
]
