"""Backtest: train on what was known 12 months ago, measure what happened since.

Positives at t = as_of - 12 months follow DEFINITIONS 5's rule evaluated at t,
from data known at t only. With segment settings given (as the pipeline does),
the segment tiers are computed again at t (compute_segments on the accounts,
opportunities and subscriptions known at t) and the positives are the tier A
customers at t, as production would have chosen them then; where no segment was
tier A at t, or without segment settings, the top `positive_share` of the
customers at t by their value at t (ARR(a, t), else won amount closed by t).
The segment tiers of the current run are never used: they are computed from
opportunities closed after t, the very outcomes the backtest measures (leakage).
Accounts created after t are left out of training; opportunities are taken as
they stood at t; subscriptions started after t are left out.

Scored: every CRM account that was not a customer at t, plus every universe
company not linked to a CRM account (universe column `account_id`, as the
pipeline's resolved universe carries; without it every universe row is scored),
in an order shuffled by the random state so that tied scores are not broken in
favour of CRM accounts. Converted: a customer at as_of (ARR > 0 or a won
opportunity closed by as_of) that was not one at t, i.e. a new logo won in the
12 months. A universe company with no CRM account cannot have converted, and
counts as not converted. ARR follows subscriptions.overlap when given.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import ibis
import numpy as np
import pandas as pd

from icpkit.config import (
    LookalikeSettings,
    SegmentsSettings,
    SizeBand,
    SubscriptionsSettings,
)
from icpkit.errors import StageError
from icpkit.lookalike.measures import decile_table, measures
from icpkit.lookalike.model import LookalikeModel
from icpkit.lookalike.pointintime import (
    Overlap,
    account_states_at,
    customers_at,
    months_before,
    opportunities_at,
    subscriptions_at,
)
from icpkit.lookalike.positives import Positives, select_positives
from icpkit.lookalike.tiers import fit_tier
from icpkit.lookalike.training import training_set
from icpkit.segments import compute_segments

log = logging.getLogger(__name__)

HORIZON_MONTHS = 12
MIN_CONVERTED = 10
BOOTSTRAP_ROUNDS = 200
TAL_TIERS = ("A", "B")


@dataclass
class Backtest:
    """table: one row per measure (measure, value, lo, hi, n, positives);
    deciles: decile, companies, converted, rate, lift; figures: the headline
    numbers for the model card and the report; model: the model trained at t."""

    table: pd.DataFrame
    figures: dict[str, Any]
    deciles: pd.DataFrame = field(default_factory=pd.DataFrame)
    model: LookalikeModel | None = None


def backtest(
    accounts: pd.DataFrame,
    opportunities: pd.DataFrame | None,
    subscriptions: pd.DataFrame | None,
    universe: pd.DataFrame | None,
    as_of: date,
    settings: LookalikeSettings,
    size_bands: list[SizeBand],
    min_converted: int = MIN_CONVERTED,
    rounds: int = BOOTSTRAP_ROUNDS,
    segments: SegmentsSettings | None = None,
    subscription_settings: SubscriptionsSettings | None = None,
) -> Backtest:
    """AUC, top-decile lift and precision at the TAL size of a model trained at
    as_of - 12 months, against the new customers won since (module docstring).

    segments: the segment settings to find tier A at t with (None: positives by
    value). subscription_settings: their `overlap` decides ARR (default "sum").
    Raises StageError under settings.min_positives positives at t, or under
    `min_converted` companies converted since t.
    """
    start = months_before(as_of, HORIZON_MONTHS)
    billing = subscription_settings or SubscriptionsSettings()
    population = _population(
        accounts, opportunities, subscriptions, universe, start, billing.overlap
    ).sample(frac=1.0, random_state=settings.random_state)
    converted = _converted(
        population, opportunities, subscriptions, as_of, billing.overlap
    )
    _check_converted(int(converted.sum()), min_converted, start, as_of)
    _check_contrast(converted, start, as_of)
    known = _KnownAt(
        _accounts_known_at(accounts, start),
        opportunities_at(opportunities, start),
        subscriptions_at(subscriptions, start),
        start,
    )
    try:
        positives = _positives_at(known, settings, segments, billing)
        model = _train_at(known, positives, universe, settings, size_bands)
    except StageError as error:
        raise StageError(
            f"Backtest trains on what was known at {start} (as_of minus "
            f"{HORIZON_MONTHS} months), and could not: {error}"
        ) from error
    ranking = model.labelled_probability(population).to_numpy(dtype=float)
    tiers = fit_tier(model.predict_score(population), model.settings.fit_tiers)
    tal_size = int(tiers.isin(list(TAL_TIERS)).sum())
    table = measures(ranking, converted, tal_size, rounds, settings.random_state)
    figures = _figures(table, start, as_of, tal_size, model, positives.rule)
    log.info("backtest from %s to %s: %s", start, as_of, _headline(figures))
    return Backtest(table, figures, decile_table(ranking, converted), model)


@dataclass(frozen=True)
class _KnownAt:
    """What was known at `day`: the accounts created by then, the opportunities
    as they stood then and the subscriptions started by then."""

    accounts: pd.DataFrame
    opportunities: pd.DataFrame
    subscriptions: pd.DataFrame | None
    day: date


def _positives_at(
    known: _KnownAt,
    settings: LookalikeSettings,
    segments: SegmentsSettings | None,
    billing: SubscriptionsSettings,
) -> Positives:
    """DEFINITIONS 5's positives from what was known at t: tier A customers of
    the segments computed at t, or the top customers by value at t (module
    docstring)."""
    if segments is not None:
        states = _segment_states_at(known, segments, billing)
    else:
        states = account_states_at(
            known.accounts,
            known.opportunities,
            known.subscriptions,
            known.day,
            billing.overlap,
        )
    return select_positives(states, known.opportunities, settings)


def _segment_states_at(
    known: _KnownAt, segments: SegmentsSettings, billing: SubscriptionsSettings
) -> pd.DataFrame:
    """account_segments (segment_tier, is_customer, arr_as_of) of compute_segments
    run at t on the inputs known at t; the universe is left out (it only sizes
    the market, which the tiers do not use)."""
    result = compute_segments(
        ibis.memtable(known.accounts),
        _table_or_none(known.opportunities),
        _table_or_none(known.subscriptions),
        None,
        known.day,
        segments,
        billing,
    )
    tier_a = result.segments.loc[result.segments["tier"] == "A", "segment"]
    log.info("backtest: tier A at %s: %s", known.day, ", ".join(tier_a) or "none")
    return result.account_segments


def _table_or_none(frame: pd.DataFrame | None) -> Any:
    if frame is None or not len(frame):
        return None
    return ibis.memtable(frame)


def _train_at(
    known: _KnownAt,
    positives: Positives,
    universe: pd.DataFrame | None,
    settings: LookalikeSettings,
    size_bands: list[SizeBand],
) -> LookalikeModel:
    """fit_lookalike's steps on the accounts created by t and their positives."""
    training = training_set(
        known.accounts,
        positives,
        universe,
        _linked_companies(universe),
        settings.random_state,
    )
    return LookalikeModel(settings, size_bands).fit(training, known.day)


def _accounts_known_at(accounts: pd.DataFrame, day: date) -> pd.DataFrame:
    """Accounts created by `day`; unknown created_date kept (cannot be shown later)."""
    if "created_date" not in accounts:
        return accounts
    created = pd.to_datetime(accounts["created_date"], errors="raise")
    later = (created > pd.Timestamp(day)).to_numpy(dtype=bool)
    log.info("backtest: %d accounts created after %s left out of training",
             later.sum(), day)  # fmt: skip
    return accounts.loc[~later]


def _linked_companies(universe: pd.DataFrame | None) -> frozenset[str]:
    if universe is None or "account_id" not in universe:
        return frozenset()
    linked = universe["account_id"].notna().to_numpy(dtype=bool)
    return frozenset(universe.loc[linked, "company_id"].astype(str))


def _population(
    accounts: pd.DataFrame,
    opportunities: pd.DataFrame | None,
    subscriptions: pd.DataFrame | None,
    universe: pd.DataFrame | None,
    start: date,
    overlap: Overlap,
) -> pd.DataFrame:
    """Accounts that were not customers at start, plus unlinked universe companies."""
    before = customers_at(opportunities, subscriptions, start, overlap)
    crm = accounts.loc[~accounts["account_id"].astype(str).isin(before)]
    crm = crm.assign(account_id=crm["account_id"].astype(str))
    parts = [crm]
    if universe is not None and len(universe):
        linked = _linked_companies(universe)
        free = universe.loc[~universe["company_id"].astype(str).isin(linked)]
        parts.append(free.drop(columns=["account_id"], errors="ignore"))
    frame = pd.concat(parts, ignore_index=True)
    log.info("backtest population: %d accounts, %d universe companies",
             len(crm), len(frame) - len(crm))  # fmt: skip
    return frame


def _converted(
    population: pd.DataFrame,
    opportunities: pd.DataFrame | None,
    subscriptions: pd.DataFrame | None,
    as_of: date,
    overlap: Overlap,
) -> np.ndarray:
    after = customers_at(opportunities, subscriptions, as_of, overlap)
    ids = population["account_id"].astype("string")
    return ids.isin(after).fillna(False).to_numpy(dtype=bool)  # no account: no


def _check_converted(found: int, needed: int, start: date, as_of: date) -> None:
    if found < needed:
        raise StageError(
            f"Backtest needs at least {needed} companies that became customers "
            f"between {start} and {as_of}; found {found}. Add more history."
        )


def _check_contrast(converted: np.ndarray, start: date, as_of: date) -> None:
    """AUC, lift and precision compare converted with not converted companies."""
    if bool(converted.all()):
        raise StageError(
            f"Backtest cannot measure a ranking: all {len(converted):,} companies "
            f"scored at {start} became customers by {as_of}, none stayed a "
            "prospect. Add a universe ([[inputs.universe]]) or accounts that never "
            "bought."
        )


def _figures(
    table: pd.DataFrame,
    start: date,
    as_of: date,
    tal_size: int,
    model: Any,
    rule: str,
) -> dict[str, Any]:
    figures: dict[str, Any] = {
        "trained_as_of": start.isoformat(),
        "measured_to": as_of.isoformat(),
        "training_positives": model.model_card_["positives"],
        "training_positives_rule": rule,
        "tal_size": tal_size,
    }
    for row in table.itertuples(index=False):
        for key in ("value", "lo", "hi"):
            value = float(getattr(row, key))
            figures[f"{row.measure}_{key}"] = round(value, 4)
    figures["companies"] = int(table["n"].iloc[0])
    figures["converted"] = int(table["positives"].iloc[0])
    return figures


def _headline(figures: dict[str, Any]) -> str:
    return (
        f"AUC {figures['auc_value']:.3f} "
        f"({figures['auc_lo']:.3f}-{figures['auc_hi']:.3f}), top-decile lift "
        f"{figures['top_decile_lift_value']:.2f} "
        f"({figures['top_decile_lift_lo']:.2f}-{figures['top_decile_lift_hi']:.2f}), "
        f"{figures['converted']} converted of {figures['companies']}"
    )
