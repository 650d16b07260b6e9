"""Small hand-made TAL and reps frames for the territory tests."""

from __future__ import annotations

from datetime import date

import pandas as pd

AS_OF = date(2024, 6, 30)


def tal_frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    """A TAL with every contract column; rows give entity_id and what differs."""
    defaults: dict[str, object] = {
        "account_id": None,
        "name": "Company",
        "industry": "software",
        "size_band": "50-199",
        "region": "West",
        "country": "US",
        "state": "CA",
        "status": "prospect",
        "fit_score": 50.0,
        "fit_tier": "C",
        "expected_value": 100.0,
        "owner_id": None,
    }
    return pd.DataFrame([{**defaults, **row} for row in rows])


def reps_frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    defaults: dict[str, object] = {"name": "Rep", "region": "West", "capacity": 1.0}
    return pd.DataFrame([{**defaults, **row} for row in rows])
