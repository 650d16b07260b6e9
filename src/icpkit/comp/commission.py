"""Base commission and ICP accelerator lines per won opportunity (DEFINITIONS 9)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pandas as pd

from icpkit.comp.lines import StatementLine, records
from icpkit.comp.money import money_text, percent_text, plain_number, to_decimal

ONE = Decimal(1)


def opportunity_lines(
    credited: pd.DataFrame, base_rate: Decimal, accelerators: dict[str, Decimal]
) -> list[StatementLine]:
    """Lines for won opportunities already given credited_rep, period, tier, amount.

    Base commission = base_rate x amount, credited at close_date. The ICP accelerator
    multiplies the base by the tier's multiplier at creation; its line carries only
    the increment base x (multiplier - 1), so a statement's total is its lines' sum.
    """
    lines: list[StatementLine] = []
    columns = ["credited_rep", "period", "opportunity_id", "account_id", "tier"]
    columns += ["tier_basis", "credit_rule", "credit_note", "amount_decimal"]
    for row in records(credited[columns]):
        amount: Decimal = row["amount_decimal"]
        base = amount * base_rate
        common: dict[str, Any] = {
            "rep_id": row["credited_rep"],
            "period": row["period"],
            "opportunity_id": row["opportunity_id"],
            "account_id": row["account_id"],
            "tier": row["tier"],
            "tier_basis": row["tier_basis"],
        }
        detail = f"{percent_text(base_rate)} of {money_text(amount)}"
        lines.append(
            StatementLine(
                rule=row["credit_rule"],
                basis=amount,
                rate=base_rate,
                amount=base,
                detail=detail + row["credit_note"],
                **common,
            )
        )
        multiplier = accelerators.get(row["tier"] or "", ONE)
        if multiplier != ONE:
            lines.append(_accelerator_line(base, multiplier, row["tier"], common))
    return lines


def _accelerator_line(
    base: Decimal, multiplier: Decimal, tier: str, common: dict[str, Any]
) -> StatementLine:
    increment = multiplier - ONE
    detail = (
        f"tier {tier} accelerator x{plain_number(multiplier)}: "
        f"{percent_text(increment)} of base commission {money_text(base)}"
    )
    return StatementLine(
        rule="icp_accelerator",
        basis=base,
        rate=increment,
        amount=base * increment,
        detail=detail,
        **common,
    )


def decimal_accelerators(multipliers: dict[str, float]) -> dict[str, Decimal]:
    return {tier: to_decimal(value) for tier, value in multipliers.items()}
