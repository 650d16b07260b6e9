"""Small hand-made canonical tables for the segment tests."""

from __future__ import annotations

from datetime import date

import ibis
import pandas as pd

AS_OF = date(2024, 12, 31)


def accounts_table(rows: list[tuple[str, str | None, int | None, str]]) -> ibis.Table:
    """rows of (account_id, industry, employees, region)."""
    frame = pd.DataFrame(
        rows, columns=["account_id", "industry", "employees", "region"]
    )
    frame["name"] = frame["account_id"]
    frame["employees"] = frame["employees"].astype("Int64")
    return ibis.memtable(frame)


def subscriptions_table(
    rows: list[tuple[str, str, date, date | None, float, bool]],
) -> ibis.Table:
    """rows of (subscription_id, account_id, start_date, end_date, arr, is_trial)."""
    columns = ["subscription_id", "account_id", "start_date", "end_date", "arr"]
    frame = pd.DataFrame(rows, columns=[*columns, "is_trial"])
    frame["end_date"] = pd.array(frame["end_date"], dtype=object)
    schema = {
        "subscription_id": "string",
        "account_id": "string",
        "start_date": "date",
        "end_date": "date",
        "arr": "float64",
        "is_trial": "boolean",
    }
    return ibis.memtable(frame, schema=schema)


def opportunities_table(
    rows: list[tuple[str, str | None, str, str | None, float | None, date, date]],
) -> ibis.Table:
    """rows of (opportunity_id, account_id, status, type, amount, created, closed)."""
    columns = [
        "opportunity_id",
        "account_id",
        "status",
        "type",
        "amount",
        "created_date",
        "close_date",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    frame["stage"] = frame["status"]
    schema = {
        "opportunity_id": "string",
        "account_id": "string",
        "status": "string",
        "type": "string",
        "amount": "float64",
        "created_date": "date",
        "close_date": "date",
        "stage": "string",
    }
    return ibis.memtable(frame, schema=schema)
