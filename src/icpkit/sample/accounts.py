"""CRM accounts: the true account list, and its Salesforce export with its faults."""

from __future__ import annotations

import numpy as np
import pandas as pd

from icpkit.sample import formats, geography, ids, names, reps
from icpkit.sample.plan import AS_OF, PLANTED_ICP

TYPO_INDUSTRY = "Technolgy"
TYPO_SHARE = 0.02  # of Technology accounts
BLANK_INDUSTRY_SHARE = 0.03
BLANK_EMPLOYEES_SHARE = 0.02
BLANK_REVENUE_SHARE = 0.08
BLANK_WEBSITE_SHARE = 0.05
CHILD_SHARE = 0.02
NAMIBIA_ACCOUNTS = 2
FIRST_CREATED = np.datetime64("2022-01-03")


def pick_accounts(
    rng: np.random.Generator, companies: pd.DataFrame, count: int
) -> np.ndarray:
    """Positions of the `count` companies that are in the CRM, in order.

    Companies of the planted cell are PLANTED_ICP.inbound times as likely to be
    picked: they look for the product more often than others do.
    """
    in_cell = PLANTED_ICP.contains(
        companies["industry"].to_numpy(), companies["employees"].to_numpy()
    )
    weights = np.where(in_cell, PLANTED_ICP.inbound, 1.0)
    picked = rng.choice(len(companies), size=count, replace=False,
                        p=weights / weights.sum())  # fmt: skip
    return np.sort(picked)


def true_accounts(
    rng: np.random.Generator, companies: pd.DataFrame, roster: pd.DataFrame
) -> pd.DataFrame:
    """The accounts as they really are: ids, firmographics, region, owner, family."""
    accounts = companies.reset_index(drop=True).copy()
    accounts.insert(
        0, "account_id", ids.salesforce_ids(ids.ACCOUNT_PREFIX, len(accounts))
    )
    _plant_namibia(rng, accounts)
    accounts["region"] = geography.region_of(accounts["iso2"].to_numpy())
    accounts["parent_account_id"] = _draw_parents(rng, accounts)
    accounts["in_icp"] = PLANTED_ICP.contains(
        accounts["industry"].to_numpy(), accounts["employees"].to_numpy()
    )
    accounts["owner_id"] = reps.draw_owners(
        rng, roster, accounts["region"].to_numpy(), accounts["employees"].to_numpy()
    )
    _children_follow_parents(rng, accounts)
    last = np.datetime64(AS_OF) - np.timedelta64(45, "D")
    low = np.full(len(accounts), FIRST_CREATED)
    accounts["created_date"] = formats.uniform_days(rng, low, np.full_like(low, last))
    return accounts


def _plant_namibia(rng: np.random.Generator, accounts: pd.DataFrame) -> None:
    """Move one or two small non-ICP accounts to Namibia, whose ISO code is 'NA'."""
    candidates = np.flatnonzero(
        (accounts["industry"] != PLANTED_ICP.industry).to_numpy()
        & (accounts["employees"] < PLANTED_ICP.min_employees).to_numpy()
    )
    count = min(NAMIBIA_ACCOUNTS, len(candidates))
    rows = rng.choice(candidates, size=count, replace=False)
    accounts.loc[rows, ["iso2", "state", "city"]] = ["NA", "", "Windhoek"]


def _draw_parents(rng: np.random.Generator, accounts: pd.DataFrame) -> np.ndarray:
    """A few accounts are subsidiaries of another account in the same region."""
    parents = np.full(len(accounts), "", dtype=object)
    children = np.flatnonzero(rng.random(len(accounts)) < CHILD_SHARE)
    region = accounts["region"].to_numpy()
    for child in children:
        pool = np.flatnonzero((region == region[child]) & (parents == ""))
        pool = pool[pool != child]
        if len(pool):
            parents[child] = accounts.at[int(rng.choice(pool)), "account_id"]
    # A parent is never itself a child: keep families one level deep.
    parents[np.isin(accounts["account_id"].to_numpy(), parents[parents != ""])] = ""
    return parents


def _children_follow_parents(rng: np.random.Generator, accounts: pd.DataFrame) -> None:
    """A subsidiary carries its parent's name and city, usually its parent's owner."""
    position = {account: row for row, account in enumerate(accounts["account_id"])}
    parent_ids = accounts["parent_account_id"].tolist()
    stems, cities = accounts["stem"].tolist(), accounts["city"].tolist()
    names_, domains = accounts["name"].tolist(), accounts["domain"].tolist()
    owners = accounts["owner_id"].tolist()
    for row, parent_id in enumerate(parent_ids):
        if not parent_id:
            continue
        parent = position[parent_id]
        names_[row] = f"{stems[parent]} {cities[row]}"
        domains[row] = ""
        if rng.random() < 0.9:
            owners[row] = owners[parent]
    accounts["name"], accounts["domain"], accounts["owner_id"] = names_, domains, owners


def salesforce_accounts(
    rng: np.random.Generator, accounts: pd.DataFrame
) -> pd.DataFrame:
    """The Account export with API-name headers and the planted faults."""
    count = len(accounts)
    export = pd.DataFrame(
        {
            "Id": accounts["account_id"],
            "Name": accounts["name"],
            "Website": _websites(rng, accounts["domain"].to_numpy()),
            "Industry": _industries(rng, accounts["industry"].to_numpy()),
            "NumberOfEmployees": formats.whole_numbers(
                accounts["employees"].to_numpy(),
                rng.random(count) < BLANK_EMPLOYEES_SHARE,
            ),
            "AnnualRevenue": formats.whole_numbers(
                accounts["annual_revenue"].to_numpy(),
                rng.random(count) < BLANK_REVENUE_SHARE,
            ),
            "BillingCountry": geography.spell_countries(
                rng, accounts["iso2"].to_numpy()
            ),
            "BillingState": accounts["state"],
            "BillingCity": accounts["city"],
            "OwnerId": accounts["owner_id"],
            "ParentId": accounts["parent_account_id"],
            "CreatedDate": formats.salesforce_datetime(
                rng, accounts["created_date"].to_numpy()
            ),
        }
    )
    return export


def _websites(rng: np.random.Generator, domains: np.ndarray) -> list[str]:
    blank = rng.random(len(domains)) < BLANK_WEBSITE_SHARE
    return [
        "" if skip or not d else names.crm_website(rng, d)
        for d, skip in zip(domains, blank, strict=True)
    ]


def _industries(rng: np.random.Generator, industry: np.ndarray) -> np.ndarray:
    """Industry as typed: a few 'Technolgy' typos, some left blank."""
    written = industry.copy()
    typo = (industry == PLANTED_ICP.industry) & (rng.random(len(industry)) < TYPO_SHARE)
    written[typo] = TYPO_INDUSTRY
    written[rng.random(len(industry)) < BLANK_INDUSTRY_SHARE] = ""
    return written
