"""Ibis metrics against a plain pandas computation on a seeded random toy."""

from __future__ import annotations

from datetime import date

import ibis
import numpy as np
import pandas as pd
import pytest

from icpkit.metrics import compute_metrics

AS_OF = date(2017, 11, 15)


def _random_company(seed: int) -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    n = 300
    accounts = [f"A{i}" for i in range(40)]
    created = pd.Timestamp("2016-07-01") + pd.to_timedelta(rng.integers(0, 480, n), "D")
    cycle = pd.to_timedelta(rng.integers(-5, 200, n), "D")
    status = rng.choice(["won", "lost", "open"], n, p=[0.4, 0.35, 0.25])
    close = (created + cycle).where(status != "open")
    opps = pd.DataFrame(
        {
            "opportunity_id": [f"O{i:03d}" for i in range(n)],
            "account_id": rng.choice([*accounts, None], n),
            "owner_id": rng.choice(["R1", "R2", "R3", None], n, p=[0.3, 0.3, 0.3, 0.1]),
            "status": status,
            "amount": np.where(
                rng.random(n) < 0.1, np.nan, rng.integers(1, 100, n) * 100.0
            ),
            "created_date": created.date,
            "close_date": [None if pd.isna(d) else d.date() for d in close],
        }
    )
    icp = pd.DataFrame({"account_id": accounts, "is_icp": rng.random(40) < 0.4})
    tal = pd.DataFrame(
        {
            "entity_id": [f"E{a}" for a in accounts],
            "account_id": accounts,
            "fit_tier": rng.choice(list("ABCD"), 40),
        }
    )
    territories = tal.assign(assigned_rep=rng.choice(["R1", "R2", "R3"], 40))
    activities = pd.DataFrame(
        {
            "activity_id": [f"M{i}" for i in range(120)],
            "account_id": rng.choice(accounts, 120),
            "owner_id": "R1",
            "type": "meeting",
            "activity_date": (
                pd.Timestamp("2016-07-01")
                + pd.to_timedelta(rng.integers(0, 500, 120), "D")
            ).date,
        }
    )
    return {
        "opps": opps,
        "icp": icp,
        "tal": tal,
        "territories": territories,
        "activities": activities,
    }


def _quarter(days: pd.Series) -> pd.Series:
    stamps = pd.to_datetime(days)
    return (
        stamps.dt.year.astype("Int64").astype(str)
        + "Q"
        + stamps.dt.quarter.astype("Int64").astype(str)
    )


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator > 0 else float("nan")


def _expected_row(opps: pd.DataFrame, wins: pd.DataFrame, quarter: str) -> dict:
    """DEFINITIONS 7 for one scope and quarter, written plainly."""
    start = pd.Period(quarter.replace("Q", "Q"), freq="Q").start_time
    end = min(pd.Period(quarter, freq="Q").end_time.normalize(), pd.Timestamp(AS_OF))
    created, closed = (
        pd.to_datetime(opps["created_date"]),
        pd.to_datetime(opps["close_date"]),
    )
    held = opps.loc[
        (created <= end) & ((opps["status"] == "open") | closed.isna() | (closed > end))
    ]
    priced = held.loc[held["amount"].notna()]
    done = opps.loc[
        opps["status"].isin(["won", "lost"]) & (closed >= start) & (closed <= end)
    ]
    row = {
        "open_opportunities": len(held),
        "icp_pipeline_coverage_count": _ratio(
            (held["is_icp"] == True).sum(),  # noqa: E712
            len(held),
        ),
        "icp_pipeline_coverage_amount": _ratio(
            priced.loc[priced["is_icp"] == True, "amount"].sum(),  # noqa: E712
            priced["amount"].sum(),
        ),
    }
    logos = wins.loc[_quarter(wins["close_date"]) == quarter]
    row["new_logos"] = len(logos)
    icp_logos = (logos["is_icp"] == True).sum()  # noqa: E712
    row["icp_new_logo_share"] = _ratio(icp_logos, len(logos))
    for name, flag in (("icp", True), ("non_icp", False)):
        part = done.loc[done["is_icp"] == flag]
        won = part.loc[part["status"] == "won"]
        days = (
            pd.to_datetime(won["close_date"]) - pd.to_datetime(won["created_date"])
        ).dt.days
        row[f"closed_{name}"] = len(part)
        row[f"{name}_win_rate"] = _ratio(len(won), len(part))
        row[f"{name}_median_cycle_days"] = days[days >= 0].median()
    return row


def _first_wins(opps: pd.DataFrame) -> pd.DataFrame:
    won = opps.loc[(opps["status"] == "won") & opps["account_id"].notna()]
    won = won.loc[pd.to_datetime(won["close_date"]) <= pd.Timestamp(AS_OF)]
    won = won.sort_values(["close_date", "opportunity_id"])
    return won.drop_duplicates("account_id")


@pytest.mark.parametrize("seed", [1, 2])
def test_ibis_matches_pandas_on_a_random_company(seed: int) -> None:
    data = _random_company(seed)
    opps = data["opps"]
    result = compute_metrics(
        ibis.memtable(opps),
        ibis.memtable(data["icp"]),
        ibis.memtable(data["tal"]),
        ibis.memtable(data["activities"]),
        None,
        ibis.memtable(data["territories"]),
        AS_OF,
    ).set_index(["quarter", "scope", "scope_id"])

    flags = dict(zip(data["icp"]["account_id"], data["icp"]["is_icp"], strict=True))
    opps = opps.assign(is_icp=opps["account_id"].map(flags).astype(object))
    wins = _first_wins(opps)
    checked = 0
    for quarter in ["2016Q3", "2017Q1", "2017Q2", "2017Q4"]:
        for scope, scope_id, mine in [
            ("all", "all", opps),
            *(
                ("rep", rep, opps.loc[opps["owner_id"] == rep])
                for rep in ["R1", "R2", "R3"]
            ),
        ]:
            mine_wins = wins.loc[wins["opportunity_id"].isin(mine["opportunity_id"])]
            expected = _expected_row(mine, mine_wins, quarter)
            got = result.loc[(quarter, scope, scope_id)]
            for column, value in expected.items():
                assert got[column] == pytest.approx(value, nan_ok=True), (
                    quarter,
                    scope_id,
                    column,
                )
                checked += 1
    assert checked == 4 * 4 * 11  # quarters x scopes x metrics


def test_tal_engagement_matches_pandas() -> None:
    data = _random_company(3)
    result = compute_metrics(
        ibis.memtable(data["opps"]),
        ibis.memtable(data["icp"]),
        ibis.memtable(data["tal"]),
        ibis.memtable(data["activities"]),
        None,
        ibis.memtable(data["territories"]),
        AS_OF,
    ).set_index(["quarter", "scope", "scope_id"])
    tal = data["territories"].loc[data["territories"]["fit_tier"].isin(["A", "B"])]
    opps, acts = data["opps"], data["activities"]
    acts = acts.loc[pd.to_datetime(acts["activity_date"]) <= pd.Timestamp(AS_OF)]
    events = pd.concat(
        [
            pd.DataFrame(
                {"account_id": opps["account_id"], "q": _quarter(opps["created_date"])}
            ),
            pd.DataFrame(
                {"account_id": acts["account_id"], "q": _quarter(acts["activity_date"])}
            ),
        ]
    )
    for quarter in ["2016Q4", "2017Q3"]:
        touched = set(events.loc[events["q"] == quarter, "account_id"])
        for rep in ["R1", "R2", "R3"]:
            mine = tal.loc[tal["assigned_rep"] == rep]
            expected = _ratio(mine["account_id"].isin(touched).sum(), len(mine))
            got = result.loc[(quarter, "rep", rep), "tal_engagement"]
            assert got == pytest.approx(expected, nan_ok=True)
        expected_all = _ratio(tal["account_id"].isin(touched).sum(), len(tal))
        assert result.loc[(quarter, "all", "all"), "tal_engagement"] == pytest.approx(
            expected_all
        )
