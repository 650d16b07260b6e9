"""The prospect universe: a data vendor's export of ~50,000 companies, some of them
already CRM accounts under other spellings, some listed twice."""

from __future__ import annotations

import numpy as np
import pandas as pd

from icpkit.sample import geography, ids, names

DUPLICATE_SHARE = 0.05
EXACT_DUPLICATE_SHARE = 0.4  # of duplicates: same row under another company id
ESCAPED_NAME_SHARE = 0.5  # of names holding ' or &
INVESTOR_SITE_SHARE = 0.015
BLANK_WEBSITE_SHARE = 0.04
BLANK_EMPLOYEES_SHARE = 0.03
BLANK_INDUSTRY_SHARE = 0.02
SEPARATOR_SHARE = 0.3  # of head counts >= 1,000 written as "1,200"
COLUMNS = ("company", "website", "industry", "employees", "revenue", "iso2",
           "state", "city", "entity")  # fmt: skip


def known_accounts(
    rng: np.random.Generator, accounts: pd.DataFrame, count: int
) -> pd.DataFrame:
    """`count` CRM accounts as the vendor lists them: other name, URL, head count."""
    eligible = accounts[accounts["domain"] != ""]
    picked = eligible.iloc[
        np.sort(rng.choice(len(eligible), size=count, replace=False))
    ]
    jitter = rng.uniform(0.85, 1.15, size=count)
    return pd.DataFrame(
        {
            "company": [names.name_variant(rng, n) for n in picked["name"]],
            "website": [names.universe_website(rng, d) for d in picked["domain"]],
            "industry": picked["industry"].to_numpy(),
            "employees": np.maximum(np.round(picked["employees"] * jitter), 1),
            "revenue": np.round(
                picked["annual_revenue"] * rng.uniform(0.8, 1.2, count), -3
            ),
            "iso2": picked["iso2"].to_numpy(),
            "state": picked["state"].to_numpy(),
            "city": picked["city"].to_numpy(),
            "entity": picked["account_id"].to_numpy(),
        }
    )


def prospects(rng: np.random.Generator, companies: pd.DataFrame) -> pd.DataFrame:
    """Companies that are not in the CRM, as the vendor lists them."""
    return pd.DataFrame(
        {
            "company": companies["name"].to_numpy(),
            "website": [names.universe_website(rng, d) for d in companies["domain"]],
            "industry": companies["industry"].to_numpy(),
            "employees": companies["employees"].to_numpy().astype(float),
            "revenue": companies["annual_revenue"].to_numpy(),
            "iso2": companies["iso2"].to_numpy(),
            "state": companies["state"].to_numpy(),
            "city": companies["city"].to_numpy(),
            "entity": [f"P{number:06d}" for number in range(len(companies))],
        }
    )


def duplicates(
    rng: np.random.Generator, base: pd.DataFrame, count: int
) -> pd.DataFrame:
    """Second listings of `count` companies: exact copies or respelled partial rows."""
    copies = base.iloc[np.sort(rng.choice(len(base), size=count, replace=False))].copy()
    copies = copies.reset_index(drop=True)
    respell = rng.random(count) >= EXACT_DUPLICATE_SHARE
    companies = copies["company"].tolist()
    websites = copies["website"].tolist()
    for row in np.flatnonzero(respell):
        companies[row] = names.name_variant(rng, companies[row])
        websites[row] = names.universe_website(rng, _registered(websites[row]))
    copies["company"] = companies
    copies["website"] = websites
    drop_size = respell & (rng.random(count) < 0.3)
    copies["employees"] = copies["employees"].mask(drop_size)
    return copies


def _registered(website: str) -> str:
    """The bare domain of a vendor URL: HTTPS://WWW.ACME.COM/about -> acme.com."""
    host = website.lower().split("://")[-1].split("/")[0]
    return host.removeprefix("www.")


def vendor_export(rng: np.random.Generator, listings: pd.DataFrame) -> pd.DataFrame:
    """Shuffle, number and write the listings with the vendor's faults."""
    order = rng.permutation(len(listings))
    table = listings.iloc[order].reset_index(drop=True)
    count = len(table)
    return pd.DataFrame(
        {
            "company_id": ids.serial_ids("UNV", count),
            "company": _escaped_names(rng, table["company"].to_numpy()),
            "website": _websites(rng, table["website"].to_numpy()),
            "industry": np.where(
                rng.random(count) < BLANK_INDUSTRY_SHARE,
                "",
                table["industry"].to_numpy(),
            ),
            "employees": _head_counts(rng, table["employees"].to_numpy()),
            "revenue": pd.Series(table["revenue"].round().to_numpy()).astype("Int64"),
            "country": geography.spell_countries(rng, table["iso2"].to_numpy()),
            "state": table["state"].to_numpy(),
            "city": table["city"].to_numpy(),
            "entity": table["entity"].to_numpy(),
        }
    )


def _escaped_names(rng: np.random.Generator, companies: np.ndarray) -> list[str]:
    escape = rng.random(len(companies)) < ESCAPED_NAME_SHARE
    return [
        names.html_escaped(name, rng) if flag else name
        for name, flag in zip(companies, escape, strict=True)
    ]


def _websites(rng: np.random.Generator, websites: np.ndarray) -> list[str]:
    draws = rng.random(len(websites))
    written = []
    for website, draw in zip(websites, draws, strict=True):
        if draw < BLANK_WEBSITE_SHARE:
            written.append("")
        elif draw < BLANK_WEBSITE_SHARE + INVESTOR_SITE_SHARE:
            written.append(names.investor_website(rng, _registered(website)))
        else:
            written.append(website)
    return written


def _head_counts(rng: np.random.Generator, employees: np.ndarray) -> list[str]:
    """Head counts as text: mostly plain, some '1,200', some blank."""
    blank = np.isnan(employees) | (rng.random(len(employees)) < BLANK_EMPLOYEES_SHARE)
    separate = (employees >= 1000) & (rng.random(len(employees)) < SEPARATOR_SHARE)
    written = []
    for value, skip, comma in zip(employees, blank, separate, strict=True):
        if skip:
            written.append("")
        else:
            written.append(f"{int(value):,}" if comma else str(int(value)))
    return written
