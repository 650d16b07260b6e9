"""Checks that the canonical columns a step reads are present."""

from __future__ import annotations

from collections.abc import Iterable

import ibis.expr.types as ir

from icpkit.errors import StageError


def require_columns(table: ir.Table, names: Iterable[str], table_name: str) -> None:
    """Raise StageError naming every canonical column `table` lacks."""
    missing = [name for name in names if name not in table.columns]
    if missing:
        raise StageError(
            f"segments: table {table_name!r} lacks column(s) {missing}; it has "
            f"{list(table.columns)}. Map them onto the canonical schema "
            "(icpkit.schema) before computing segments."
        )
