"""Section 6: commission totals by rep and by rule (DEFINITIONS 9)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from decimal import Decimal

import pandas as pd

from icpkit.report.formatting import format_decimal, parse_decimal
from icpkit.report.markup import (
    Column,
    Section,
    frame_problem,
    not_computed,
    paragraph,
    render_table,
)
from icpkit.report.territory_section import rep_labels

log = logging.getLogger(__name__)

TITLE = "Commission summary"
REQUIRED = ("rep_id", "rule", "amount")


def rep_names(territory_summary: pd.DataFrame | None) -> dict[str, str]:
    """rep_id -> 'name (rep_id)' from the territory summary's rep rows."""
    if territory_summary is None or "name" not in territory_summary.columns:
        return {}
    reps = territory_summary["rep_id"].astype(str)
    return dict(zip(reps, rep_labels(territory_summary), strict=True))


def comp_section(
    statements: pd.DataFrame | None,
    currency: str,
    names: Mapping[str, str] | None = None,
) -> Section:
    """Totals by rep (named where `names` knows the rep) and by rule."""
    problem = frame_problem(statements, REQUIRED, "commission statements")
    if problem is not None or statements is None:
        return Section("comp", TITLE, not_computed(str(problem)))
    if names:
        statements = statements.assign(
            rep_id=[names.get(str(rep), rep) for rep in statements["rep_id"]]
        )
    amounts = pd.Series(
        [parse_decimal(value) for value in statements["amount"]],
        index=statements.index,
        dtype=object,
    )
    valid = statements.assign(amount=amounts)[amounts.notna()]
    total = sum(valid["amount"], Decimal(0))
    parts = [
        paragraph(
            f"{len(valid):,} statement lines, total {format_decimal(total)} {currency}."
        ),
        skipped_note(statements, len(statements) - len(valid)),
        "<h3>By rep</h3>",
        totals_table(valid, "rep_id", "rep", currency),
        "<h3>By rule</h3>",
        totals_table(valid, "rule", "rule", currency),
    ]
    return Section("comp", TITLE, "".join(parts))


def skipped_note(statements: pd.DataFrame, skipped: int) -> str:
    if skipped == 0:
        return ""
    bad = next(v for v in statements["amount"] if parse_decimal(v) is None)
    log.warning("%d commission line(s) without a decimal amount, e.g. %r", skipped, bad)
    return paragraph(
        f"{skipped:,} line(s) left out of the totals: the amount is not a decimal "
        f"number (e.g. {bad!r}).",
        "note",
    )


def totals_table(lines: pd.DataFrame, key: str, label: str, currency: str) -> str:
    """Sum of exact decimal amounts and line count per KEY, largest total first."""
    sums: dict[object, list[Decimal]] = {}
    for group, amount in zip(lines[key], lines["amount"], strict=True):
        sums.setdefault(group, []).append(amount)
    rows = [(group, len(a), sum(a, Decimal(0))) for group, a in sums.items()]
    rows.sort(key=lambda row: row[2], reverse=True)
    totals = pd.DataFrame(rows, columns=[key, "lines", "total"])
    columns = [
        Column(key, label),
        Column("lines", "lines", "integer"),
        Column("total", f"total ({currency})", "cents"),
    ]
    return render_table(totals, columns)
