"""Money as Decimal: conversion at the edge, rounding once per line (DEFINITIONS 9)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0")


def to_decimal(value: float | int | str) -> Decimal:
    """A warehouse float as the Decimal it prints as (0.1 -> Decimal('0.1'))."""
    return Decimal(str(value))


def to_cents(value: Decimal) -> Decimal:
    """Round half-up to cents; DEFINITIONS 9 applies this once per statement line."""
    rounded = value.quantize(CENT, rounding=ROUND_HALF_UP)
    return rounded + ZERO if rounded == ZERO else rounded  # no "-0.00"


def money_text(value: Decimal) -> str:
    """12000 -> '12,000.00', for the plain-words detail of a line."""
    return f"{to_cents(value):,.2f}"


def plain_number(value: Decimal) -> str:
    """A Decimal without exponent or trailing zeros: 0.100 -> '0.1', 1E+1 -> '10'."""
    text = format(value.normalize(), "f")
    return text


def percent_text(rate: Decimal) -> str:
    """0.1 -> '10%', 0.015 -> '1.5%'."""
    return f"{plain_number(rate * 100)}%"
