"""Scopes of the metrics: the company, each rep, each territory (DEFINITIONS 7)."""

from __future__ import annotations

import ibis

ALL = "all"


def scoped(
    table: ibis.Table, rep_column: str, regions: ibis.Table | None
) -> ibis.Table:
    """`table` three times over, with scope and scope_id: 'all'; per rep (the value of
    rep_column); per territory (the region of that rep, when `regions` is given,
    a table rep_id, region). Rows without a rep count only in 'all'."""
    everyone = table.mutate(scope=ibis.literal(ALL), scope_id=ibis.literal(ALL))
    with_rep = table.filter(table[rep_column].notnull())
    per_rep = with_rep.mutate(scope=ibis.literal("rep"), scope_id=with_rep[rep_column])
    parts = [everyone, per_rep.select(everyone.columns)]
    if regions is not None:
        joined = with_rep.join(regions, with_rep[rep_column] == regions.rep_id)
        joined = joined.filter(joined.region.notnull())
        per_region = joined.mutate(
            scope=ibis.literal("territory"), scope_id=joined.region.cast("string")
        )
        parts.append(per_region.select(everyone.columns))
    return ibis.union(*parts, distinct=False)


def ratio(numerator: ibis.Value, denominator: ibis.Value) -> ibis.Value:
    """numerator / denominator, null (not zero) where the denominator is empty."""
    return ibis.ifelse(denominator > 0, numerator / denominator, ibis.null())
