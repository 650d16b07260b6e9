"""Canonical tables (DEFINITIONS.md section 1) and the warehouse tables stages exchange.

Column types are one of: string, float, integer, date, boolean, money. Money is a float
in the reporting currency inside the warehouse; commission statements convert it to
Decimal at the edge (DEFINITIONS.md section 9).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TableSchema:
    """One canonical table: its key, its columns with types, the required ones."""

    name: str
    key: str
    columns: dict[str, str]
    required: tuple[str, ...]
    derived: dict[str, str] = field(default_factory=dict)

    @property
    def all_columns(self) -> dict[str, str]:
        return {**self.columns, **self.derived}


ACCOUNTS = TableSchema(
    name="accounts",
    key="account_id",
    columns={
        "account_id": "string",
        "name": "string",
        "domain": "string",
        "industry": "string",
        "employees": "integer",
        "annual_revenue": "money",
        "country": "string",
        "region": "string",
        "state": "string",
        "city": "string",
        "owner_id": "string",
        "parent_account_id": "string",
        "created_date": "date",
    },
    required=("account_id", "name"),
    # industry holds the canonical sector; industry_source keeps the value as given.
    derived={"industry_source": "string"},
)

OPPORTUNITIES = TableSchema(
    name="opportunities",
    key="opportunity_id",
    columns={
        "opportunity_id": "string",
        "account_id": "string",
        "owner_id": "string",
        "type": "string",
        "stage": "string",
        "status": "string",
        "amount": "money",
        "currency": "string",
        "created_date": "date",
        "close_date": "date",
        "product": "string",
    },
    required=("opportunity_id", "stage"),
)

SUBSCRIPTIONS = TableSchema(
    name="subscriptions",
    key="subscription_id",
    columns={
        "subscription_id": "string",
        "account_id": "string",
        "start_date": "date",
        "end_date": "date",
        "arr": "money",
        "is_trial": "boolean",
    },
    required=("subscription_id", "account_id", "start_date", "arr"),
)

ACTIVITIES = TableSchema(
    name="activities",
    key="activity_id",
    columns={
        "activity_id": "string",
        "account_id": "string",
        "owner_id": "string",
        "type": "string",
        "activity_date": "date",
    },
    required=("activity_id", "activity_date"),
)

REPS = TableSchema(
    name="reps",
    key="rep_id",
    columns={
        "rep_id": "string",
        "name": "string",
        "manager": "string",
        "team": "string",
        "region": "string",
        "role": "string",
        "quota": "money",
        "start_date": "date",
        "capacity": "float",
    },
    required=("rep_id",),
)

UNIVERSE = TableSchema(
    name="universe",
    key="company_id",
    columns={
        "company_id": "string",
        "name": "string",
        "domain": "string",
        "industry": "string",
        "employees": "integer",
        "annual_revenue": "money",
        "country": "string",
        "region": "string",
        "state": "string",
        "city": "string",
        "source": "string",
    },
    required=("company_id", "name"),
    derived={"industry_source": "string"},
)

CANONICAL: dict[str, TableSchema] = {
    t.name: t
    for t in (ACCOUNTS, OPPORTUNITIES, SUBSCRIPTIONS, ACTIVITIES, REPS, UNIVERSE)
}

OPPORTUNITY_STATUSES = ("open", "won", "lost")
OPPORTUNITY_TYPES = ("new_business", "expansion", "renewal", "other")
ACTIVITY_TYPES = ("meeting", "call", "email", "other")

# Warehouse tables written by the stages, in pipeline order.
DATA_QUALITY = "data_quality"
SEGMENTS = "segments"
ACCOUNT_SEGMENTS = "account_segments"
TAL = "tal"
TAL_VERSIONS = "tal_versions"
TERRITORIES = "territories"
TERRITORY_SUMMARY = "territory_summary"
COMP_STATEMENTS = "comp_statements"
METRICS = "metrics"

DATA_QUALITY_COLUMNS = ("table", "check", "severity", "count", "detail", "example")
