"""The sample workspace's icpkit.toml and README.md."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from icpkit.sample import geography
from icpkit.sample.plan import AS_OF, COMPANY_NAME, PLANTED_ICP

ACCOUNT_COLUMNS = {
    "account_id": "Id", "name": "Name", "domain": "Website", "industry": "Industry",
    "employees": "NumberOfEmployees", "annual_revenue": "AnnualRevenue",
    "country": "BillingCountry", "state": "BillingState", "city": "BillingCity",
    "owner_id": "OwnerId", "parent_account_id": "ParentId",
    "created_date": "CreatedDate",
}  # fmt: skip
OPPORTUNITY_COLUMNS = {
    "opportunity_id": "Id", "account_id": "AccountId", "owner_id": "OwnerId",
    "type": "Type", "stage": "StageName", "amount": "Amount",
    "created_date": "CreatedDate", "close_date": "CloseDate",
}  # fmt: skip
STAGE_STATUS = {
    "Prospecting": "open", "Qualification": "open", "Proposal/Price Quote": "open",
    "Negotiation/Review": "open", "Closed Won": "won", "Closed Lost": "lost",
}  # fmt: skip
SUBSCRIPTION_COLUMNS = {c: c for c in ("subscription_id", "account_id", "start_date",
                                       "end_date", "arr", "is_trial")}  # fmt: skip
ACTIVITY_COLUMNS = {c: c for c in ("activity_id", "account_id", "owner_id", "type",
                                   "activity_date")}  # fmt: skip
REP_COLUMNS = {c: c for c in ("rep_id", "name", "manager", "team", "region", "role",
                              "quota", "start_date", "capacity")}  # fmt: skip
UNIVERSE_COLUMNS = {
    "company_id": "company_id", "name": "company", "domain": "website",
    "industry": "industry", "employees": "employees", "annual_revenue": "revenue",
    "country": "country", "state": "state", "city": "city",
}  # fmt: skip


def _key(key: str) -> str:
    """A TOML key: bare where allowed, else quoted (JSON escapes are valid TOML)."""
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key)


def _table(header: str, mapping: dict[str, str]) -> str:
    lines = [f"[{header}]"] + [
        f"{_key(k)} = {json.dumps(v)}" for k, v in mapping.items()
    ]
    return "\n".join(lines) + "\n"


def _input(table: str, file: str, preset: str, columns: dict[str, str]) -> str:
    """[inputs.TABLE] with its file and preset, then its column mapping."""
    head = f'[inputs.{table}]\npath = "data/{file}"\npreset = "{preset}"\n'
    return head + "\n" + _table(f"inputs.{table}.columns", columns)


def _eligibility() -> str:
    """One rule per region: a rep sells only to accounts of its own region."""
    rules = []
    for region in geography.REGIONS:
        rules.append(
            "[[territories.eligibility]]\n"
            'account_field = "region"\n'
            f"account_values = [{json.dumps(region)}]\n"
            'rep_field = "region"\n'
            f"rep_values = [{json.dumps(region)}]\n"
        )
    return "\n".join(rules)


def config_text(seed: int, scale: float) -> str:
    """The whole icpkit.toml of the sample workspace."""
    opportunities = _input("opportunities", "opportunities.csv", "salesforce",
                           OPPORTUNITY_COLUMNS)  # fmt: skip
    opportunities += "\n" + _table("inputs.opportunities.stage_status", STAGE_STATUS)
    universe = _input("universe", "universe.csv", "generic", UNIVERSE_COLUMNS)
    # An array of tables: [inputs.universe.columns] then belongs to this element.
    universe = universe.replace("[inputs.universe]", "[[inputs.universe]]", 1)
    universe = universe.replace(
        'preset = "generic"\n',
        'preset = "generic"\nconstants = { source = "vendor" }\n',
    )
    sections = [
        f"# The sample company behind `icpkit demo` (seed {seed}, scale {scale:g}).\n"
        f'name = "{COMPANY_NAME} (sample)"\n'
        f'as_of = "{AS_OF.isoformat()}"\n'
        'currency = "USD"\n',
        _input("accounts", "accounts.csv", "salesforce", ACCOUNT_COLUMNS),
        opportunities,
        _input("subscriptions", "subscriptions.csv", "generic", SUBSCRIPTION_COLUMNS),
        _input("activities", "activities.csv", "generic", ACTIVITY_COLUMNS),
        _input("reps", "reps.csv", "generic", REP_COLUMNS),
        universe,
        '[subscriptions]\noverlap = "sum"\n',
        f'[report]\ntitle = "{COMPANY_NAME}: sample go-to-market plan"\n',
        _eligibility(),
    ]
    return "\n".join(sections)


@dataclass(frozen=True)
class SampleFigures:
    """Counts and planted-cell outcomes measured on the generated truth."""

    accounts: int
    opportunities: int
    subscriptions: int
    activities: int
    universe: int
    icp_accounts: int
    icp_win_rate: float
    other_win_rate: float
    icp_nrr: float
    other_nrr: float
    customers: int
    new_logos: int
    icp_account_share: float
    icp_new_logo_share: float
    universe_known: int
    universe_duplicates: int
    universe_lookalikes: int


def readme_text(figures: SampleFigures, seed: int) -> str:
    """A short description of the company, its planted ICP and its planted faults."""
    icp = PLANTED_ICP
    f = figures
    return f"""# {COMPANY_NAME}: the icpkit sample company

Generated by `icpkit.sample.generate_sample` (seed {seed}); every number below is
deterministic for that seed. {COMPANY_NAME} sells a B2B analytics subscription.
Its CRM is Salesforce; three years of history end at as_of = {AS_OF.isoformat()}.

| file | rows | what |
|---|---|---|
| data/accounts.csv | {f.accounts:,} | Salesforce Account export (API-name headers) |
| data/opportunities.csv | {f.opportunities:,} | Salesforce Opportunity export |
| data/subscriptions.csv | {f.subscriptions:,} | billing: a row per contract year |
| data/activities.csv | {f.activities:,} | meetings, calls, emails (ISO dates) |
| data/reps.csv | 20 | reps: North America, EMEA, APAC, LATAM; quarterly quota |
| data/universe.csv | {f.universe:,} | a data vendor's prospect universe |

## The planted ICP

One cell is truly better: **{icp.industry} x {icp.size_band} employees**
({f.icp_accounts} accounts). Its deals are won at {icp.win_rate:.0%} (others
{icp.base_win_rate:.0%}); its customers renew at NRR {icp.nrr:.2f} (others
{icp.base_nrr:.2f}). Measured on this sample: raw win rate {f.icp_win_rate:.1%}
vs {f.other_win_rate:.1%}, NRR {f.icp_nrr:.2f} vs {f.other_nrr:.2f}. Deal size
and cycle length do not depend on the segment, so no other cell has a systematic
advantage. The universe lists {f.universe_lookalikes:,} companies in that cell.

Accounts enter the CRM throughout the history, companies of the cell
{icp.inbound:g} times as often as others (they come looking). A prospect opens
new-business deals at {icp.deal_rate:g} a year in the cell and
{icp.base_deal_rate:g} elsewhere (times its own engagement) until its first win,
so an average prospect wins its first deal at a rate of {icp.conversion:.2f} a
year against {icp.base_conversion:.2f}; customers then open existing-business
deals until they churn. {f.customers:,} accounts are customers by as_of;
{f.new_logos:,} of them won their first deal in the last 12 months,
{f.icp_new_logo_share:.0%} of those in the cell, which holds
{f.icp_account_share:.0%} of the accounts.

## Planted faults (the demo must handle all of them)

- accounts: industry typo `Technolgy`; blank Industry, NumberOfEmployees,
  AnnualRevenue, Website on some rows; websites as `www.x.com`, `https://...`,
  `x.com`; countries as names and codes (`United States`, `USA`, `US`, `UK`, `GB`,
  `DE`...); Namibia as `NA` on one or two accounts; subsidiaries (ParentId) named
  after their parent; a UTF-8 byte-order mark, as Data Loader writes.
- opportunities: blank AccountId on a quarter of open deals; Amount 0 on many lost
  deals; a few CreatedDate after CloseDate; CreatedDate as
  `2024-01-22T16:14:25.000+0000`, CloseDate as `2024-01-22`; Type `New Business` /
  `Existing Business`.
- subscriptions: some accounts hold concurrent rows (an old row never closed);
  zero-length rows (end = start); current contracts with blank end_date; trials (arr 0).
- reps: five new reps own no accounts and have no deals.
- universe: {f.universe_known:,} listings are CRM accounts under other spellings
  (`Acme Corp` / `ACME CORPORATION, INC.`, `acme.com` / `https://www.acme.com/about`);
  {f.universe_duplicates:,} second listings of the same company under another
  company_id; HTML entities in names (`O&#8217;Reilly`, `&amp;`); investor-relations
  websites; head counts with thousands separators (`1,200`); blank fields.

`truth/universe_entities.csv` says which listing is which company (for resolution
tests); it is not an input of the workspace.
"""
