"""Opportunities: prospects' new-business deals up to their first win, customers'
existing-business deals while they stay, and the Salesforce export of both."""

from __future__ import annotations

import numpy as np
import pandas as pd

from icpkit.sample import formats, ids
from icpkit.sample.plan import AS_OF, HISTORY_START, PLANTED_ICP

# Each prospect's engagement (a multiplier of its cell's deal rate, mean 1) is
# gamma distributed: many prospects never open a deal, a few open several.
ENGAGEMENT_SHAPE = 2.0
CUSTOMER_DEAL_RATE = 9.0  # existing-business deals a year while a customer
DAYS_PER_YEAR = 365.25
CYCLE_MEDIAN_DAYS = 45.0
AMOUNT_MEDIAN = 25_000.0
OPEN_STAGES = ("Prospecting", "Qualification", "Proposal/Price Quote",
               "Negotiation/Review")  # fmt: skip
OPEN_STAGE_WEIGHTS = (0.3, 0.3, 0.25, 0.15)
WON, LOST = "Closed Won", "Closed Lost"
NEW_BUSINESS, EXISTING_BUSINESS = "New Business", "Existing Business"
OWNER_IS_ACCOUNT_OWNER = 0.85
BLANK_ACCOUNT_SHARE = 0.25  # of open deals
ZERO_LOST_AMOUNT_SHARE = 0.4
CREATED_AFTER_CLOSE_SHARE = 0.003  # of closed deals
LAST_DAY = np.datetime64(AS_OF) - np.timedelta64(1, "D")


def new_business(rng: np.random.Generator, accounts: pd.DataFrame) -> pd.DataFrame:
    """Prospecting deals as they happened, each account's up to its first win.

    From its creation (or the start of the history) an account opens deals at its
    cell's deal rate times its engagement; the first deal won makes it a customer
    and ends its prospecting. Columns: account_id, in_icp, created_date,
    close_date, stage, status, amount.
    """
    start = np.maximum(
        accounts["created_date"].to_numpy().astype("datetime64[D]"),
        np.datetime64(HISTORY_START),
    )
    engagement = rng.gamma(ENGAGEMENT_SHAPE, 1 / ENGAGEMENT_SHAPE, len(accounts))
    rate = np.where(
        accounts["in_icp"], PLANTED_ICP.deal_rate, PLANTED_ICP.base_deal_rate
    )
    end = np.full(len(accounts), LAST_DAY)
    counts = rng.poisson(rate * engagement * _years(start, end))
    rows = np.repeat(np.arange(len(accounts)), counts)
    deals = _draw_deals(rng, accounts, rows, start[rows], end[rows])
    return _until_first_win(deals)


def existing_business(
    rng: np.random.Generator, accounts: pd.DataFrame, tenures: pd.DataFrame
) -> pd.DataFrame:
    """Upsell, cross-sell and renewal deals of customers, at CUSTOMER_DEAL_RATE a
    year from the day after their first win until they churn (or as_of).

    `tenures`: account_id, start_date, end_date (NaT while still a customer).
    """
    position = pd.Series(np.arange(len(accounts)), index=accounts["account_id"])
    first = tenures["start_date"].to_numpy().astype("datetime64[D]")
    start = first + np.timedelta64(1, "D")
    end = tenures["end_date"].to_numpy().astype("datetime64[D]")
    end = np.where(np.isnat(end) | (end > LAST_DAY), LAST_DAY, end)
    counts = rng.poisson(CUSTOMER_DEAL_RATE * _years(start, end))
    rows = np.repeat(position[tenures["account_id"]].to_numpy(), counts)
    low, high = np.repeat(start, counts), np.repeat(end, counts)
    return _draw_deals(rng, accounts, rows, low, high)


def true_opportunities(
    rng: np.random.Generator,
    accounts: pd.DataFrame,
    roster: pd.DataFrame,
    deals: list[pd.DataFrame],
) -> pd.DataFrame:
    """Every deal as it happened, with owner, type and id, in creation order."""
    table = pd.concat(deals, ignore_index=True)
    position = pd.Series(np.arange(len(accounts)), index=accounts["account_id"])
    rows = position[table["account_id"]].to_numpy()
    table["owner_id"] = _draw_owners(rng, accounts, roster, rows)
    table = table.sort_values(["created_date", "account_id"], kind="stable")
    table = table.reset_index(drop=True)
    table["type"] = _deal_types(table)
    table.insert(
        0, "opportunity_id", ids.salesforce_ids(ids.OPPORTUNITY_PREFIX, len(table))
    )
    return table


def _years(start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Years from start to end, 0 where end is not after start."""
    days = (end - start).astype("timedelta64[D]").astype(np.int64)
    return np.clip(days, 0, None) / DAYS_PER_YEAR


def _draw_deals(
    rng: np.random.Generator,
    accounts: pd.DataFrame,
    rows: np.ndarray,
    low: np.ndarray,
    high: np.ndarray,
) -> pd.DataFrame:
    """Deals of accounts[rows], created uniformly in [low, high], with outcomes."""
    deals = pd.DataFrame({"account_id": accounts["account_id"].to_numpy()[rows]})
    deals["in_icp"] = accounts["in_icp"].to_numpy()[rows]
    created = formats.uniform_days(rng, low, high)
    cycle = rng.lognormal(np.log(CYCLE_MEDIAN_DAYS), 0.7, size=len(deals))
    cycle = np.clip(np.round(cycle), 3, 400).astype(np.int64)
    deals["created_date"] = created
    deals["close_date"] = created + cycle.astype("timedelta64[D]")
    _draw_outcomes(rng, deals)
    return deals


def _until_first_win(deals: pd.DataFrame) -> pd.DataFrame:
    """Drop the deals an account opened after its first win closed."""
    return deals.loc[~_after_first_win(deals)].reset_index(drop=True)


def _after_first_win(deals: pd.DataFrame) -> np.ndarray:
    """True for deals created after their account's first win closed."""
    won = deals[deals["status"] == "won"]
    first_win = won.groupby("account_id")["close_date"].min()
    first = deals["account_id"].map(first_win).to_numpy()
    return ~np.isnat(first) & (deals["created_date"].to_numpy() > first)


def _draw_outcomes(rng: np.random.Generator, deals: pd.DataFrame) -> None:
    """Open when the close date is after as_of; otherwise won at the cell's rate."""
    is_open = deals["close_date"].to_numpy() > np.datetime64(AS_OF)
    win_rate = np.where(
        deals["in_icp"], PLANTED_ICP.win_rate, PLANTED_ICP.base_win_rate
    )
    won = ~is_open & (rng.random(len(deals)) < win_rate)
    weights = np.array(OPEN_STAGE_WEIGHTS)
    open_stage = rng.choice(np.array(OPEN_STAGES, dtype=object), size=len(deals),
                            p=weights / weights.sum())  # fmt: skip
    deals["stage"] = np.where(is_open, open_stage, np.where(won, WON, LOST))
    deals["status"] = np.where(is_open, "open", np.where(won, "won", "lost"))
    # TODO: amounts ignore company size on purpose, so that no size band outranks
    # the planted cell on deal size; a realistic size effect needs a new ICP design.
    amount = rng.lognormal(np.log(AMOUNT_MEDIAN), 0.9, size=len(deals))
    deals["amount"] = np.maximum(np.round(amount, -2), 1000.0)


def _draw_owners(
    rng: np.random.Generator,
    accounts: pd.DataFrame,
    roster: pd.DataFrame,
    rows: np.ndarray,
) -> np.ndarray:
    """Mostly the account owner; sometimes another experienced rep of the region."""
    owners = accounts["owner_id"].to_numpy()[rows].copy()
    region = accounts["region"].to_numpy()[rows]
    active = roster[~roster["is_new"]]
    other = rng.random(len(rows)) >= OWNER_IS_ACCOUNT_OWNER
    for name in sorted(set(region)):
        picked = np.flatnonzero(other & (region == name))
        pool = active.loc[active["region"] == name, "rep_id"].to_numpy()
        owners[picked] = rng.choice(pool, size=len(picked))
    return owners


def _deal_types(deals: pd.DataFrame) -> np.ndarray:
    """New Business until the account's first win closes; Existing Business after."""
    return np.where(_after_first_win(deals), EXISTING_BUSINESS, NEW_BUSINESS)


def salesforce_opportunities(
    rng: np.random.Generator, deals: pd.DataFrame, accounts: pd.DataFrame
) -> pd.DataFrame:
    """The Opportunity export with API-name headers and the planted faults."""
    is_open = (deals["status"] == "open").to_numpy()
    account_name = deals["account_id"].map(accounts.set_index("account_id")["name"])
    month = pd.to_datetime(deals["created_date"]).dt.strftime("%B %Y")
    export = pd.DataFrame(
        {
            "Id": deals["opportunity_id"],
            "AccountId": _account_ids(rng, deals["account_id"].to_numpy(), is_open),
            "Name": account_name + " - " + deals["type"] + " - " + month,
            "OwnerId": deals["owner_id"],
            "Type": deals["type"],
            "StageName": deals["stage"],
            "Amount": _amounts(rng, deals),
            "CreatedDate": formats.salesforce_datetime(rng, _created(rng, deals)),
            "CloseDate": formats.iso_date(deals["close_date"].to_numpy()),
        }
    )
    return export


def _account_ids(
    rng: np.random.Generator, account_ids: np.ndarray, is_open: np.ndarray
) -> np.ndarray:
    """Open deals logged before anyone linked them to an account have none."""
    blank = is_open & (rng.random(len(account_ids)) < BLANK_ACCOUNT_SHARE)
    return np.where(blank, "", account_ids)


def _amounts(rng: np.random.Generator, deals: pd.DataFrame) -> np.ndarray:
    """Whole dollars; many lost deals were zeroed out when they were lost."""
    lost = (deals["status"] == "lost").to_numpy()
    zero = lost & (rng.random(len(deals)) < ZERO_LOST_AMOUNT_SHARE)
    amount = np.where(zero, 0.0, deals["amount"].to_numpy())
    return amount.astype(np.int64)


def _created(rng: np.random.Generator, deals: pd.DataFrame) -> np.ndarray:
    """Created dates, a few of them typed in after the close (negative cycle)."""
    created = deals["created_date"].to_numpy().copy()
    closed = (deals["status"] != "open").to_numpy()
    late = closed & (rng.random(len(deals)) < CREATED_AFTER_CLOSE_SHARE)
    shift = rng.integers(1, 21, size=len(deals)).astype("timedelta64[D]")
    after_close = np.minimum(
        deals["close_date"].to_numpy() + shift, np.datetime64(AS_OF)
    )
    created[late] = after_close[late]
    return created
