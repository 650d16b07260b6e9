"""Data-quality findings collected while territories are assigned."""

from __future__ import annotations

import logging

import pandas as pd

from icpkit.findings import Findings

log = logging.getLogger(__name__)

__all__ = ["Findings", "first"]


def first(values: pd.Series) -> object:
    """The first value of a selection, as an example for a finding (None if empty)."""
    return None if values.empty else values.iloc[0]
