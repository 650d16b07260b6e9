"""The result of compute_segments."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass
class SegmentsResult:
    """segments: one row per segment (columns: see segments/table.py SEGMENT_COLUMNS).
    account_segments: one row per account: account_id, industry, size_band, region,
        segment (the combination key), segment_tier (A/B/C of the combination
        segment), is_customer, arr_as_of, first_customer_date, cohort.
    icp_statement: the sentence the report opens with (which segments are the ICP,
        or that the data does not single one out).
    findings: data-quality findings (icpkit.schema.DATA_QUALITY_COLUMNS).
    """

    segments: pd.DataFrame
    account_segments: pd.DataFrame
    icp_statement: str
    findings: pd.DataFrame
