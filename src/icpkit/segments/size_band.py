"""Size bands from employee counts (DEFINITIONS.md section 2)."""

from __future__ import annotations

from collections.abc import Sequence

import ibis
import ibis.expr.types as ir

from icpkit.config import SizeBand
from icpkit.errors import ConfigError

UNKNOWN_SIZE = "unknown"


def size_band(employees: ir.NumericValue, bands: Sequence[SizeBand]) -> ir.StringValue:
    """The size band label of `employees` (DEFINITIONS.md section 2).

    A band holds employees >= its min_employees and below the next band's minimum.
    Unknown employees, and counts below the smallest band, are `unknown`.
    """
    ordered = sorted(bands, key=lambda band: band.min_employees, reverse=True)
    if not ordered:
        raise ConfigError("segments.size_bands is empty; give at least one band")
    labels = [band.label for band in ordered]
    if len(set(labels)) != len(labels) or UNKNOWN_SIZE in labels:
        raise ConfigError(
            f"segments.size_bands labels must be unique and not {UNKNOWN_SIZE!r}, "
            f"got {labels}"
        )
    cases = [(employees >= band.min_employees, band.label) for band in ordered]
    return ibis.cases(*cases, else_=UNKNOWN_SIZE)
