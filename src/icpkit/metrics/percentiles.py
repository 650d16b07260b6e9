"""Percentiles behind one helper: exact median does not compile on every backend."""

from __future__ import annotations

from ibis.expr.types import BooleanValue, NumericColumn, NumericScalar


def median(values: NumericColumn, where: BooleanValue | None = None) -> NumericScalar:
    """Median of `values` (interpolated, QUANTILE_CONT on DuckDB).

    # TODO: on Spark, quantile compiles to percentile_approx; switch to an exact
    # percentile there if reports must match DuckDB to the day.
    """
    return values.quantile(0.5, where=where)
