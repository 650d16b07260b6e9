"""Backtest: point-in-time customers, measures with intervals, refusal, worlds."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from icpkit.config import LookalikeSettings, default_size_bands
from icpkit.errors import StageError
from icpkit.lookalike import Backtest, backtest, lift_chart, write_backtest
from icpkit.lookalike.measures import auc, decile_table, lift_at, precision_at
from icpkit.lookalike.pointintime import (
    arr_at,
    customers_at,
    months_before,
    opportunities_at,
)

AS_OF = date(2025, 12, 31)
SETTINGS = LookalikeSettings(min_positives=10)


def run(world: Any, **options: Any) -> Backtest:
    return backtest(world.accounts, world.opportunities, world.subscriptions,
                    world.universe, AS_OF, SETTINGS, default_size_bands(),
                    rounds=100, **options)  # fmt: skip


@pytest.fixture(scope="module")
def planted(planted_world: Any) -> Backtest:
    return run(planted_world)


def test_months_before_keeps_the_calendar_day() -> None:
    assert months_before(date(2025, 12, 31), 12) == date(2024, 12, 31)
    assert months_before(date(2024, 2, 29), 12) == date(2023, 2, 28)


def test_arr_at_hand_example() -> None:
    # a: 100 active + 50 ended on the day (not counted) + a trial; b: starts later.
    subs = pd.DataFrame({
        "account_id": ["a", "a", "a", "b"], "arr": [100.0, 50.0, 70.0, 10.0],
        "start_date": pd.to_datetime(["2024-01-01", "2024-01-01", "2024-01-01",
                                      "2025-01-02"]),
        "end_date": pd.to_datetime([None, "2024-12-31", None, None]),
        "is_trial": [False, False, True, False],
    })  # fmt: skip
    assert arr_at(subs, date(2024, 12, 31)).to_dict() == {"a": 100.0}


def test_opportunities_closed_later_were_open_then() -> None:
    opps = pd.DataFrame({
        "account_id": ["a", "b", "c"], "status": ["won", "won", "lost"],
        "amount": [1.0, 2.0, 3.0],
        "created_date": pd.to_datetime(["2024-01-01", "2024-06-01", "2025-02-01"]),
        "close_date": pd.to_datetime(["2024-03-01", "2025-03-01", "2025-03-01"]),
    })  # fmt: skip
    then = opportunities_at(opps, date(2024, 12, 31))
    assert then["status"].tolist() == ["won", "open"]  # c did not exist yet
    assert customers_at(opps, None, date(2024, 12, 31)) == {"a"}
    assert customers_at(opps, None, date(2025, 12, 31)) == {"a", "b"}


def test_auc_hand_example() -> None:
    # pairs (positive, negative): (0.9, 0.1) (0.9, 0.5) (0.4, 0.1) (0.4, 0.5)
    # win, win, win, loss: 3/4; a tie counts one half.
    scores = np.array([0.9, 0.4, 0.1, 0.5])
    converted = np.array([True, True, False, False])
    assert auc(scores, converted) == 0.75
    assert auc(np.array([0.5, 0.5]), np.array([True, False])) == 0.5


def test_lift_precision_and_deciles_hand_example() -> None:
    # 20 companies, 4 converted: ranks 1, 2, 5 and 20. Top decile = 2 rows,
    # both converted: rate 1.0 over 0.2 overall = lift 5.
    scores = np.arange(20, 0, -1).astype(float)
    converted = np.zeros(20, dtype=bool)
    converted[[0, 1, 4, 19]] = True
    assert lift_at(scores, converted, 2) == 5.0
    assert precision_at(scores, converted, 5) == 0.6
    table = decile_table(scores, converted)
    assert table["companies"].tolist() == [2] * 10
    assert table["converted"].tolist() == [2, 0, 1, 0, 0, 0, 0, 0, 0, 1]
    assert table["lift"].tolist()[:3] == [5.0, 0.0, 2.5]


def test_backtest_finds_the_planted_profile(planted: Backtest) -> None:
    result = planted
    table = result.table.set_index("measure")
    assert list(result.table.columns) == ["measure", "value", "lo", "hi", "n",
                                          "positives"]  # fmt: skip
    lift = table.loc["top_decile_lift"]
    assert lift["value"] > 2 and lift["lo"] > 1.5
    assert table.loc["auc", "lo"] > 0.7
    assert table.loc["auc", "lo"] <= table.loc["auc", "value"] <= table.loc[
        "auc", "hi"]  # fmt: skip
    assert result.figures["top_decile_lift_value"] == pytest.approx(
        lift["value"], abs=1e-4
    )
    assert result.deciles["companies"].sum() == table.loc["auc", "n"]
    assert result.deciles["converted"].sum() == table.loc["auc", "positives"]


def test_backtest_without_signal_covers_lift_one(null_world: Any) -> None:
    lift = run(null_world).table.set_index("measure").loc["top_decile_lift"]
    assert lift["lo"] <= 1.0 <= lift["hi"]


def test_scored_population_leaves_out_customers_at_t(
    planted_world: Any, planted: Backtest
) -> None:
    result = planted
    start = months_before(AS_OF, 12)
    before = customers_at(planted_world.opportunities,
                          planted_world.subscriptions, start)  # fmt: skip
    expected = len(planted_world.accounts) - len(before) + len(
        planted_world.universe)  # fmt: skip
    assert result.figures["companies"] == expected
    assert result.figures["trained_as_of"] == "2024-12-31"


def test_backtest_refuses_with_too_few_conversions(planted_world: Any) -> None:
    with pytest.raises(StageError, match=r"at least 100000 companies .* found \d+"):
        run(planted_world, min_converted=100_000)


def test_backtest_files_and_chart(planted: Backtest, tmp_path: Path) -> None:
    result = planted
    written = write_backtest(result, tmp_path)
    assert [path.name for path in written] == ["backtest.csv", "backtest_deciles.csv"]
    table = pd.read_csv(written[0])
    assert table["measure"].tolist() == ["auc", "top_decile_lift",
                                         "precision_at_tal_size"]  # fmt: skip
    spec = lift_chart(result.deciles).to_dict()
    assert len(spec["layer"]) == 2
