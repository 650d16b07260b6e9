"""Statement lines: one per rule applied, rounded once to cents (DEFINITIONS 9)."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

import pandas as pd

from icpkit.comp.money import plain_number, to_cents

STATEMENT_COLUMNS = (
    "rep_id",
    "period",
    "opportunity_id",
    "account_id",
    "rule",
    "basis",
    "rate",
    "tier",
    "tier_basis",
    "quota",
    "amount",
    "detail",
)

# Rules whose basis is a booking credited to the rep (DEFINITIONS 9: base commission,
# or the same credit kept by the former owner during a holdout).
BOOKING_RULES = ("base_commission", "holdout_credit")


@dataclass(frozen=True)
class StatementLine:
    """One rule applied to an opportunity, or to a rep-period (opportunity_id None)."""

    rep_id: str
    period: str
    rule: str
    basis: Decimal
    rate: Decimal
    amount: Decimal
    detail: str
    opportunity_id: str | None = None
    account_id: str | None = None
    tier: str | None = None
    tier_basis: str | None = None


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts, with missing values as None."""
    cleaned = frame.astype(object).where(frame.notna(), None)
    return [
        {str(key): value for key, value in row.items()}
        for row in cleaned.to_dict("records")
    ]


def key_pair(key: Hashable) -> tuple[str, str]:
    """A two-column groupby key as two strings."""
    first, second = cast(tuple[Any, Any], key)
    return str(first), str(second)


def lines_frame(lines: list[StatementLine], quotas: dict[str, Decimal]) -> pd.DataFrame:
    """The statements table; amounts as cent strings ('1234.50') so CSV keeps cents.

    `quotas` maps rep_id to the quota per period (absent: no quota)."""
    rows = []
    for line in lines:
        row = dict(vars(line))  # asdict() deep-copies every Decimal: slow
        row["basis"] = plain_number(line.basis)
        row["rate"] = plain_number(line.rate)
        row["amount"] = str(to_cents(line.amount))
        quota = quotas.get(line.rep_id)
        row["quota"] = None if quota is None else str(to_cents(quota))
        rows.append(row)
    frame = pd.DataFrame(rows, columns=list(STATEMENT_COLUMNS), dtype=object)
    return frame.sort_values(["rep_id", "period", "rule"], kind="stable").reset_index(
        drop=True
    )
