"""Subscriptions: one yearly contract row per customer year, grown or churned at
each renewal by the rates of the customer's cell (the planted ICP grows more)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

import numpy as np
import pandas as pd

from icpkit.sample import formats, ids
from icpkit.sample.plan import AS_OF, HISTORY_START, PLANTED_ICP

GROWTH_SIGMA = 0.2
EVERGREEN_SHARE = 0.5  # current contracts exported without an end date
CUSTOMER_TRIAL_SHARE = 0.2
PROSPECT_TRIAL_SHARE = 0.05
TRIAL_DAYS = 30
UNCLOSED_SHARE = 0.01  # customers whose first contract row was never closed
ZERO_LENGTH_SHARE = 0.003
COLUMNS = ("account_id", "start_date", "end_date", "arr", "is_trial")


class Contract(NamedTuple):
    account_id: str
    start_date: date
    end_date: date | None
    arr: float
    is_trial: bool


def anniversary(day: date) -> date:
    """The same day one year later (28 February for 29 February)."""
    if day.month == 2 and day.day == 29:
        return date(day.year + 1, 2, 28)
    return day.replace(year=day.year + 1)


def contract_rows(
    rng: np.random.Generator, account_id: str, start: date, arr: float, in_icp: bool
) -> list[Contract]:
    """Yearly contracts from the first win until churn or as_of.

    Expected NRR over any 12 months is (1 - churn) x growth (PlantedIcp).
    """
    # TODO: Existing Business wins do not add ARR here; contracts change only at
    # renewal. Tie the two together if bookings and ARR must reconcile.
    churn = PLANTED_ICP.churn if in_icp else PLANTED_ICP.base_churn
    growth = PLANTED_ICP.growth if in_icp else PLANTED_ICP.base_growth
    rows: list[Contract] = []
    while start <= AS_OF:
        end = anniversary(start)
        rows.append(Contract(account_id, start, end, arr, False))
        if end > AS_OF or rng.random() < churn:
            break
        noise = np.exp(GROWTH_SIGMA * rng.standard_normal() - GROWTH_SIGMA**2 / 2)
        arr = float(np.round(arr * growth * noise, -1))
        start = end
    return rows


class Billing(NamedTuple):
    """subscriptions: the billing rows, faults included, in start order with ids;
    tenures: each customer's account_id, start_date (first paid day) and end_date
    (the day it churned; NaT while still a customer at as_of)."""

    subscriptions: pd.DataFrame
    tenures: pd.DataFrame


def first_wins(deals: pd.DataFrame) -> pd.DataFrame:
    """Each customer's first won deal: its close date and amount (the first ARR)."""
    won = deals[deals["status"] == "won"]
    won = won.sort_values(["close_date", "created_date"], kind="stable")
    return won.drop_duplicates("account_id")[["account_id", "close_date", "amount"]]


def true_subscriptions(
    rng: np.random.Generator, accounts: pd.DataFrame, deals: pd.DataFrame
) -> Billing:
    """Contracts from each first win, trials and the planted faults; tenures."""
    in_icp = dict(zip(accounts["account_id"], accounts["in_icp"], strict=True))
    wins = first_wins(deals)
    starts = pd.to_datetime(wins["close_date"]).dt.date.tolist()
    rows: list[Contract] = []
    tenures: list[tuple[str, date, date | None]] = []
    for account_id, start, amount in zip(
        wins["account_id"].tolist(), starts, wins["amount"].tolist(), strict=True
    ):
        contracts = contract_rows(rng, account_id, start, amount, in_icp[account_id])
        tenures.append((account_id, start, _churned_on(contracts)))
        rows += _with_faults(rng, contracts)
        if rng.random() < CUSTOMER_TRIAL_SHARE:
            trial = start - timedelta(TRIAL_DAYS)
            rows.append(Contract(account_id, trial, start, 0.0, True))
    customers = set(wins["account_id"])
    rows += _prospect_trials(rng, accounts, customers)
    table = pd.DataFrame(rows, columns=list(COLUMNS))
    table = table.sort_values(["start_date", "account_id"], kind="stable")
    table.insert(0, "subscription_id", ids.serial_ids("SUB", len(table)))
    spans = pd.DataFrame(tenures, columns=["account_id", "start_date", "end_date"])
    for column in ("start_date", "end_date"):
        spans[column] = pd.to_datetime(spans[column])
    return Billing(table.reset_index(drop=True), spans)


def _churned_on(contracts: list[Contract]) -> date | None:
    """The end of the last contract if it ended by as_of (churn), else None."""
    end = contracts[-1].end_date
    return end if end is not None and end <= AS_OF else None


def _with_faults(rng: np.random.Generator, contracts: list[Contract]) -> list[Contract]:
    """Leave some current contracts open-ended; plant unclosed and zero-length rows."""
    rows = list(contracts)
    last_end = rows[-1].end_date
    if last_end is not None and last_end > AS_OF and rng.random() < EVERGREEN_SHARE:
        rows[-1] = rows[-1]._replace(end_date=None)
    if len(rows) > 1 and rng.random() < UNCLOSED_SHARE:
        # The feed wrote the renewal as a new row and never closed the old one.
        rows[0] = rows[0]._replace(end_date=None)
    if rng.random() < ZERO_LENGTH_SHARE:
        rows.append(rows[0]._replace(end_date=rows[0].start_date))
    return rows


def _prospect_trials(
    rng: np.random.Generator, accounts: pd.DataFrame, customers: set[str]
) -> list[Contract]:
    """Trials of accounts that never bought."""
    rows: list[Contract] = []
    span = (AS_OF - HISTORY_START).days - TRIAL_DAYS
    for account_id in accounts["account_id"]:
        if account_id in customers or rng.random() >= PROSPECT_TRIAL_SHARE:
            continue
        start = HISTORY_START + timedelta(days=int(rng.integers(0, span)))
        end = start + timedelta(TRIAL_DAYS)
        rows.append(Contract(str(account_id), start, end, 0.0, True))
    return rows


def subscriptions_export(table: pd.DataFrame) -> pd.DataFrame:
    """The billing system's CSV: ISO dates, whole-dollar ARR, True/False trials."""
    return pd.DataFrame(
        {
            "subscription_id": table["subscription_id"],
            "account_id": table["account_id"],
            "start_date": formats.iso_date(_days(table["start_date"])),
            "end_date": formats.iso_date(_days(table["end_date"])),
            "arr": table["arr"].round().astype(np.int64),
            "is_trial": np.where(table["is_trial"], "True", "False"),
        }
    )


def _days(column: pd.Series) -> np.ndarray:
    return pd.to_datetime(column).to_numpy().astype("datetime64[D]")
