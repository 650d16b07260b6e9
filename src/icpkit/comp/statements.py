"""Commission statements from won deals, the TAL and the plan (DEFINITIONS 9)."""

from __future__ import annotations

import logging
import time
from datetime import date, timedelta
from decimal import Decimal

import pandas as pd

from icpkit.comp.activity import activity_lines, qualifying_activities
from icpkit.comp.attainment import (
    attainment_lines,
    decimal_tiers,
    marginal_slices,
    no_quota_line,
    tiered_slices,
)
from icpkit.comp.commission import decimal_accelerators, opportunity_lines
from icpkit.comp.findings import Finding, findings_frame
from icpkit.comp.holdout import account_moves, credit_owners, open_at_move
from icpkit.comp.inputs import prepare_activities, prepare_opportunities, rep_quotas
from icpkit.comp.lines import StatementLine, key_pair, lines_frame, records
from icpkit.comp.money import ZERO, to_decimal
from icpkit.comp.periods import period_of, periods_between
from icpkit.comp.tiers import tiers_at
from icpkit.comp.won import won_opportunities
from icpkit.config import CompSettings

log = logging.getLogger(__name__)


def build_statements(
    opportunities: pd.DataFrame,
    tal_versions: pd.DataFrame | None,
    reps: pd.DataFrame | None,
    activities: pd.DataFrame | None,
    territories: pd.DataFrame | None,
    as_of: date,
    settings: CompSettings,
    move_date: date | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Statement lines and findings; see comp.compute_statements for the contract."""
    started = time.perf_counter()
    tal = _tal_or_empty(tal_versions)
    opps = prepare_opportunities(opportunities)
    won, findings = won_opportunities(opps, as_of)
    moves = account_moves(territories)
    moved_on = as_of if move_date is None else move_date

    credited = _credited(won, tal, moves, moved_on, settings)
    base_rate = to_decimal(settings.base_rate)
    lines = opportunity_lines(
        credited, base_rate, decimal_accelerators(settings.icp_accelerator)
    )
    quotas, quota_findings = rep_quotas(reps, credited["credited_rep"], settings)
    lines += _attainment(credited, quotas, base_rate, settings)
    if activities is not None:
        qualifying, more = qualifying_activities(
            prepare_activities(activities), won, tal, settings.activity_types, as_of
        )
        findings += more
        lines += activity_lines(
            qualifying,
            to_decimal(settings.activity_credit),
            to_decimal(settings.activity_credit_cap),
            settings.period,
        )
    lines += _holdout_notices(opps, moves, moved_on, as_of, settings)
    lines += _zero_lines(lines, reps, credited, as_of, settings)
    findings += quota_findings + _tier_findings(credited)
    log.info(
        "computed %s statement lines for %s won opportunities in %.1f s",
        f"{len(lines):,}",
        f"{len(won):,}",
        time.perf_counter() - started,
    )
    return lines_frame(lines, quotas), findings_frame(findings)


def _tal_or_empty(tal_versions: pd.DataFrame | None) -> pd.DataFrame:
    columns = ["entity_id", "account_id", "fit_tier", "valid_from"]
    if tal_versions is None:
        return pd.DataFrame(columns=columns)
    return tal_versions


def _credited(
    won: pd.DataFrame,
    tal: pd.DataFrame,
    moves: pd.DataFrame,
    move_date: date,
    settings: CompSettings,
) -> pd.DataFrame:
    """Won opportunities with tier at creation, credited rep, period, Decimal amount."""
    tiers = tiers_at(won["account_id"], won["created_date"], tal)
    credited = credit_owners(won.join(tiers), moves, move_date, settings.holdout_days)
    credited = credited.loc[credited["credited_rep"].notna()].copy()
    credited["period"] = [
        period_of(day.date(), settings.period) for day in credited["close_date"]
    ]
    amounts = [to_decimal(value) for value in credited["amount"]]
    credited["amount_decimal"] = pd.Series(amounts, index=credited.index, dtype=object)
    return credited


def _attainment(
    credited: pd.DataFrame,
    quotas: dict[str, Decimal],
    base_rate: Decimal,
    settings: CompSettings,
) -> list[StatementLine]:
    """Attainment accelerator lines per rep and period (DEFINITIONS 9)."""
    tiers = decimal_tiers(settings.attainment_tiers)
    shape = tiered_slices if settings.attainment_shape == "tiered" else marginal_slices
    bookings = credited.groupby(["credited_rep", "period"])["amount_decimal"].sum()
    lines: list[StatementLine] = []
    for key, booked in bookings.items():
        rep_id, period = key_pair(key)
        quota = quotas.get(rep_id)
        if quota is None:
            lines.append(no_quota_line(rep_id, period, booked))
            continue
        slices = shape(booked, quota, tiers)
        lines += attainment_lines(rep_id, period, booked, quota, base_rate, slices)
    return lines


def _holdout_notices(
    opps: pd.DataFrame,
    moves: pd.DataFrame,
    move_date: date,
    as_of: date,
    settings: CompSettings,
) -> list[StatementLine]:
    """Zero lines telling a former owner which open opportunities they still hold."""
    window_end = move_date + timedelta(days=settings.holdout_days)
    if moves.empty or as_of > window_end:
        return []
    opps = opps.loc[open_at_move(opps, move_date) & open_at_move(opps, as_of)]
    held = records(opps.merge(moves, on="account_id"))
    period = period_of(as_of, settings.period)
    return [
        StatementLine(
            rep_id=row["former_owner"],
            period=period,
            rule="holdout_notice",
            basis=ZERO,
            rate=ZERO,
            amount=ZERO,
            opportunity_id=row["opportunity_id"],
            account_id=row["account_id"],
            detail=f"account moved to {row['new_owner']} on {move_date}; credit stays "
            f"with {row['former_owner']} if won by {window_end}",
        )
        for row in held
    ]


def _zero_lines(
    lines: list[StatementLine],
    reps: pd.DataFrame | None,
    credited: pd.DataFrame,
    as_of: date,
    settings: CompSettings,
) -> list[StatementLine]:
    """A zero line for each listed rep and period without any line, so every rep of
    reps appears in every period from the first credited one to as_of."""
    if reps is None or reps.empty:
        return []
    starts = [day.date() for day in credited["close_date"]] or [as_of]
    periods = periods_between(min(starts), as_of, settings.period)
    seen = {(line.rep_id, line.period) for line in lines}
    return [
        StatementLine(
            str(rep_id),
            period,
            "no_credit",
            ZERO,
            ZERO,
            ZERO,
            f"no credited won opportunities or activities in {period}",
        )
        for rep_id in reps["rep_id"].dropna().unique()
        for period in periods
        if (rep_id, period) not in seen
    ]


def _tier_findings(credited: pd.DataFrame) -> list[Finding]:
    earliest = credited["tier_basis"].str.startswith("earliest")
    return [
        Finding(
            "opportunities",
            "TAL tier from earliest version",
            "info",
            int(earliest.sum()),
            "no TAL version was in force at creation; the earliest version sets "
            "the ICP accelerator",
            "",
        )
    ]
