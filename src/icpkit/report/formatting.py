"""Cell values as text: thousands separators, percentages with one decimal."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, Literal

import numpy as np
import pandas as pd

Kind = Literal[
    "text", "integer", "money", "cents", "percent", "ratio", "days", "boolean", "number"
]
NUMERIC_KINDS: frozenset[str] = frozenset(
    {"integer", "money", "cents", "percent", "ratio", "days", "number"}
)
MISSING = "–"
CENT = Decimal("0.01")


def is_missing(value: Any) -> bool:
    """True for None, NaN, NaT and pd.NA; False for containers and everything else."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float | np.floating):
        return math.isnan(value)
    return False


def format_value(value: Any, kind: Kind) -> str:
    """One cell as text, by the kind of its column; missing values are an en dash."""
    if is_missing(value):
        return MISSING
    if kind == "text":
        return as_text(value)
    if kind == "boolean":
        return "yes" if bool(value) else "no"
    if kind == "cents":
        return format_decimal(value)
    number = _as_float(value)
    if number is None:
        return as_text(value)
    return _format_number(number, kind)


def _format_number(number: float, kind: Kind) -> str:
    if kind == "percent":
        return f"{number * 100:,.1f}%"
    if kind == "ratio":
        return f"{number:,.2f}"
    if kind in ("integer", "money", "days"):
        return f"{number:,.0f}"
    return format_number(number)


def format_number(number: float) -> str:
    """A free-standing number: integers with separators, others to 3 significant
    digits below 100 (an AUC of 0.8123 reads 0.812) and no decimals above."""
    if float(number).is_integer():
        return f"{number:,.0f}"
    if abs(number) >= 100:
        return f"{number:,.0f}"
    return f"{number:,.3g}"


def format_decimal(value: Any) -> str:
    """Money held as a decimal string, shown to the cent, rounded half-up
    (DEFINITIONS.md section 9): '1234.5' -> '1,234.50'."""
    amount = parse_decimal(value)
    if amount is None:
        return as_text(value)
    return f"{amount.quantize(CENT, rounding=ROUND_HALF_UP):,.2f}"


def parse_decimal(value: Any) -> Decimal | None:
    """A decimal amount, or None when the value is missing or not a finite number."""
    if is_missing(value):
        return None
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return amount if amount.is_finite() else None


def as_text(value: Any) -> str:
    """Free text: lists joined with '; ', mappings as 'key: value' pairs."""
    if is_missing(value):
        return MISSING
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        return "; ".join(f"{k}: {as_text(v)}" for k, v in value.items())
    if isinstance(value, datetime | date | pd.Timestamp):
        return value.isoformat()[:10]
    if isinstance(value, bool | np.bool_):
        return "yes" if value else "no"
    if isinstance(value, int | float | np.integer | np.floating):
        return format_number(float(value))
    if isinstance(value, Iterable):
        return "; ".join(as_text(v) for v in value)
    return str(value)


def _as_float(value: Any) -> float | None:
    if isinstance(value, bool | np.bool_):
        return float(value)
    try:
        return float(value)
    except (TypeError, ValueError):
        return None
