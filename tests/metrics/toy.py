"""A hand-worked toy company for the metrics tests (numbers worked out in comments)."""

from __future__ import annotations

from datetime import date

import ibis
import pandas as pd


def day(text: object) -> date | None:
    return None if pd.isna(text) else date.fromisoformat(str(text))


def dates(values: pd.Series) -> pd.Series:
    return pd.Series([day(v) for v in values], index=values.index, dtype=object)


OPPORTUNITIES = pd.DataFrame(
    [
        # id, account, owner, status, amount, created, closed
        ("O1", "A1", "R1", "won", 100.0, "2017-01-10", "2017-02-09"),  # cycle 30
        ("O2", "A1", "R1", "won", 300.0, "2017-01-15", "2017-05-15"),  # cycle 120
        ("O3", "A2", "R2", "lost", 50.0, "2017-02-01", "2017-03-01"),
        ("O4", "A2", "R2", "won", 200.0, "2017-02-01", "2017-04-11"),  # cycle 69
        ("O5", "A3", "R1", "open", 400.0, "2017-03-01", None),
        ("O6", None, "R2", "open", 1000.0, "2017-03-15", None),
        ("O7", "A3", "R2", "lost", 80.0, "2017-04-01", "2017-06-01"),
    ],
    columns=[
        "opportunity_id",
        "account_id",
        "owner_id",
        "status",
        "amount",
        "created_date",
        "close_date",
    ],
)
for _column in ("created_date", "close_date"):
    OPPORTUNITIES[_column] = dates(OPPORTUNITIES[_column])

ACCOUNT_ICP = pd.DataFrame(
    {"account_id": ["A1", "A2", "A3"], "is_icp": [True, False, True]}
)
TAL = pd.DataFrame(
    {
        "entity_id": ["E1", "E2", "E3", "E4"],
        "account_id": ["A1", "A2", "A3", None],
        "fit_tier": ["A", "B", "C", "A"],
    }
)
TERRITORIES = pd.DataFrame(
    {
        "entity_id": ["E1", "E2", "E3", "E4"],
        "account_id": ["A1", "A2", "A3", None],
        "assigned_rep": ["R1", "R2", "R2", "R1"],
    }
)
ACTIVITIES = pd.DataFrame(
    {
        "activity_id": ["M1"],
        "account_id": ["A2"],
        "owner_id": ["R2"],
        "type": ["meeting"],
        "activity_date": [date(2017, 5, 5)],
    }
)
REPS = pd.DataFrame({"rep_id": ["R1", "R2"], "region": ["West", "East"]})
AS_OF = date(2017, 6, 30)


def table(frame: pd.DataFrame) -> ibis.Table:
    return ibis.memtable(frame)
