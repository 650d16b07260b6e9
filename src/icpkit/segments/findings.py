"""Data-quality findings collected while the segment metrics are computed."""

from __future__ import annotations

import logging

import ibis.expr.types as ir

from icpkit.findings import Findings

log = logging.getLogger(__name__)

__all__ = ["Findings", "count_flags"]


def count_flags(
    table: ir.Table, flags: dict[str, ir.BooleanValue], example: str
) -> dict[str, tuple[int, str | None]]:
    """For each named condition, the number of rows meeting it and the `example`
    column of one of them, in a single query."""
    metrics: dict[str, ir.Scalar] = {}
    for name, flag in flags.items():
        metrics[f"{name}__count"] = table.count(where=flag)
        metrics[f"{name}__example"] = table[example].cast("string").first(where=flag)
    row = table.aggregate(**metrics).to_pandas().iloc[0]
    return {
        name: (int(row[f"{name}__count"]), _text(row[f"{name}__example"]))
        for name in flags
    }


def _text(value: object) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    return str(value)
