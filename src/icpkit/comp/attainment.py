"""Attainment accelerators on quota, tiered or marginal (DEFINITIONS 9)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from icpkit.comp.lines import StatementLine
from icpkit.comp.money import ZERO, money_text, percent_text, plain_number
from icpkit.config import AttainmentTier
from icpkit.errors import ConfigError

ONE = Decimal(1)


@dataclass(frozen=True)
class Slice:
    """Bookings paid at one attainment tier's multiplier."""

    bookings: Decimal
    attainment_from: Decimal
    multiplier: Decimal


def decimal_tiers(tiers: list[AttainmentTier]) -> list[tuple[Decimal, Decimal]]:
    """Tiers as (attainment_from, multiplier) Decimals; they must rise strictly."""
    pairs = [
        (Decimal(str(t.attainment_from)), Decimal(str(t.multiplier))) for t in tiers
    ]
    starts = [start for start, _ in pairs]
    if starts != sorted(set(starts)) or any(start < 0 for start in starts):
        raise ConfigError(
            "comp.attainment_tiers must list attainment_from in strictly rising order "
            f"from 0 or more, got {[float(s) for s in starts]}; e.g. "
            "[{attainment_from = 0.0, multiplier = 1.0}, "
            "{attainment_from = 1.0, multiplier = 1.5}]"
        )
    return pairs


def tiered_slices(
    bookings: Decimal, quota: Decimal, tiers: list[tuple[Decimal, Decimal]]
) -> list[Slice]:
    """Tiered: the highest tier reached sets the multiplier of all the bookings."""
    attainment = bookings / quota
    reached = [(start, mult) for start, mult in tiers if start <= attainment]
    start, multiplier = reached[-1] if reached else (ZERO, ONE)
    return [Slice(bookings, start, multiplier)]


def marginal_slices(
    bookings: Decimal, quota: Decimal, tiers: list[tuple[Decimal, Decimal]]
) -> list[Slice]:
    """Marginal: bookings between tier i's and tier i+1's threshold earn tier i."""
    slices = []
    lows = [start * quota for start, _ in tiers]
    highs: list[Decimal | None] = [*lows[1:], None]
    for (start, multiplier), low, high in zip(tiers, lows, highs, strict=True):
        top = bookings if high is None else min(bookings, high)
        if top > low:
            slices.append(Slice(top - low, start, multiplier))
    return slices


def attainment_lines(
    rep_id: str,
    period: str,
    bookings: Decimal,
    quota: Decimal,
    base_rate: Decimal,
    slices: list[Slice],
) -> list[StatementLine]:
    """One line per slice whose multiplier is not 1: the increment over base only."""
    attainment = bookings / quota
    lines = []
    for part in slices:
        if part.multiplier == ONE:
            continue
        rate = base_rate * (part.multiplier - ONE)
        detail = (
            f"attainment {_percent(attainment)} of quota {money_text(quota)}; "
            f"tier from {_percent(part.attainment_from)} "
            f"x{plain_number(part.multiplier)}: {percent_text(rate)} of "
            f"{money_text(part.bookings)}"
        )
        lines.append(
            StatementLine(
                rep_id,
                period,
                "attainment_accelerator",
                part.bookings,
                rate,
                part.bookings * rate,
                detail,
            )
        )
    return lines


def no_quota_line(rep_id: str, period: str, bookings: Decimal) -> StatementLine:
    """A zero line: the rep has no quota, so attainment accelerators do not apply."""
    detail = "no quota for this rep: attainment accelerators do not apply"
    return StatementLine(
        rep_id, period, "attainment_accelerator", bookings, ZERO, ZERO, detail
    )


def _percent(ratio: Decimal) -> str:
    return f"{ratio * 100:.1f}%"
