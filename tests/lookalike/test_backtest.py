"""Backtest: point-in-time customers, measures with intervals, refusal, worlds."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from icpkit.config import (
    LookalikeSettings,
    SegmentsSettings,
    SubscriptionsSettings,
    default_size_bands,
)
from icpkit.errors import StageError
from icpkit.lookalike import Backtest, backtest, lift_chart, write_backtest
from icpkit.lookalike.backtest import _check_contrast
from icpkit.lookalike.measures import auc, decile_table, lift_at, precision_at
from icpkit.lookalike.pointintime import (
    arr_at,
    customers_at,
    months_before,
    opportunities_at,
    subscriptions_at,
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


def test_arr_at_latest_counts_the_newest_concurrent_row() -> None:
    # a holds two live rows on 2025-06-30: the 2025 one (120) is the latest; b's
    # two rows start the same day: the higher id (S4, 30) counts. Sum: 220, 50.
    subs = pd.DataFrame({
        "subscription_id": ["S1", "S2", "S3", "S4"], "account_id": ["a", "a", "b", "b"],
        "arr": [100.0, 120.0, 20.0, 30.0],
        "start_date": pd.to_datetime(["2024-01-01", "2025-01-01", "2025-03-01",
                                      "2025-03-01"]),
        "end_date": pd.NaT, "is_trial": False,
    })  # fmt: skip
    day = date(2025, 6, 30)
    assert arr_at(subs, day, "latest").to_dict() == {"a": 120.0, "b": 30.0}
    assert arr_at(subs, day).to_dict() == {"a": 220.0, "b": 50.0}
    with pytest.raises(ValueError, match="overlap must be 'sum' or 'latest'"):
        arr_at(subs, day, "newest")  # type: ignore[arg-type]


def test_subscriptions_at_hide_later_starts_and_ends() -> None:
    subs = pd.DataFrame({
        "account_id": ["a", "b", "c"], "arr": [1.0, 2.0, 3.0],
        "start_date": pd.to_datetime(["2024-01-01", "2024-06-01", "2025-02-01"]),
        "end_date": pd.to_datetime(["2024-06-01", "2025-06-01", None]),
        "is_trial": False,
    })  # fmt: skip
    then = subscriptions_at(subs, date(2024, 12, 31))
    assert then is not None
    assert then["account_id"].tolist() == ["a", "b"]  # c started later
    assert then["end_date"].isna().tolist() == [False, True]  # b's end: unknown
    assert arr_at(then, date(2024, 12, 31)).to_dict() == {"b": 2.0}


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


def test_backtest_refusing_to_train_says_it_is_the_backtest(
    planted_world: Any,
) -> None:
    settings = LookalikeSettings(min_positives=100_000)
    message = (
        r"Backtest trains on what was known at 2024-12-31 \(as_of minus 12 months\)"
        r", and could not: .*at least 100000 positives"
    )
    with pytest.raises(StageError, match=message):
        backtest(planted_world.accounts, planted_world.opportunities,
                 planted_world.subscriptions, planted_world.universe, AS_OF,
                 settings, default_size_bands(), rounds=10)  # fmt: skip


def test_backtest_files_and_chart(planted: Backtest, tmp_path: Path) -> None:
    result = planted
    written = write_backtest(result, tmp_path)
    assert [path.name for path in written] == ["backtest.csv", "backtest_deciles.csv"]
    table = pd.read_csv(written[0])
    assert table["measure"].tolist() == ["auc", "top_decile_lift",
                                         "precision_at_tal_size"]  # fmt: skip
    spec = lift_chart(result.deciles).to_dict()
    assert len(spec["layer"]) == 2


def with_history(world: Any, seed: int = 11) -> Any:
    """The planted world plus three deals closed in 2024 (before t) on each
    customer at t: software customers won 70 % of them, others 20 %."""
    rng = np.random.default_rng(seed)
    customers = world.accounts[world.accounts["account_id"].isin(
        world.subscriptions["account_id"])]  # fmt: skip
    ids = np.repeat(customers["account_id"].to_numpy(), 3)
    software = np.repeat((customers["industry"] == "software").to_numpy(), 3)
    won = rng.random(len(ids)) < np.where(software, 0.7, 0.2)
    history = pd.DataFrame({
        "opportunity_id": [f"H{i}" for i in range(len(ids))], "account_id": ids,
        "type": "new_business", "status": np.where(won, "won", "lost"),
        "amount": 1000.0, "created_date": pd.Timestamp("2024-02-01"),
        "close_date": pd.Timestamp("2024-03-15"),
    })  # fmt: skip
    opportunities = pd.concat([world.opportunities, history], ignore_index=True)
    return replace(world, opportunities=opportunities)


def test_positives_are_the_tier_a_customers_at_t(planted_world: Any) -> None:
    """With segment settings, tier A is computed at t from what was known then:
    software wins more before t, so the positives are software customers."""
    world = with_history(planted_world)
    result = run(world, segments=SegmentsSettings(),
                 subscription_settings=SubscriptionsSettings())  # fmt: skip
    accounts = world.accounts.set_index("account_id")
    customers = accounts.loc[world.subscriptions["account_id"]]
    software = int((customers["industry"] == "software").sum())
    assert result.figures["training_positives_rule"] == "tier A customers"
    # Tier A is per industry x size band; a tiny band may miss the bar.
    assert 0.8 * software <= result.figures["training_positives"] <= software
    assert result.figures["top_decile_lift_lo"] > 2


def test_without_tier_a_at_t_positives_fall_back_to_value(planted_world: Any) -> None:
    # No deal closed before t and no ARR a year before t: nothing is tier A then.
    result = run(planted_world, segments=SegmentsSettings())
    assert result.figures["training_positives_rule"].startswith("top 20%")


def test_nothing_after_t_reaches_the_model(planted_world: Any) -> None:
    """Extra wins, subscriptions and deals after t change what is measured,
    never the model trained at t (same training digest)."""
    world = planted_world
    first = run(world).model
    later = world.accounts["account_id"].iloc[:40].to_numpy()
    extra_subs = pd.DataFrame({
        "subscription_id": [f"X{i}" for i in range(40)], "account_id": later,
        "start_date": pd.Timestamp("2025-03-01"), "end_date": pd.NaT,
        "arr": 1e6, "is_trial": False,
    })  # fmt: skip
    extra_deals = pd.DataFrame({
        "opportunity_id": [f"Y{i}" for i in range(40)], "account_id": later,
        "type": "new_business", "status": "won", "amount": 1e6,
        "created_date": pd.Timestamp("2024-11-01"),  # open at t, won after
        "close_date": pd.Timestamp("2025-02-01"),
    })  # fmt: skip
    changed = replace(
        world,
        subscriptions=pd.concat([world.subscriptions, extra_subs], ignore_index=True),
        opportunities=pd.concat([world.opportunities, extra_deals], ignore_index=True),
    )
    second = run(changed)
    assert first is not None and second.model is not None
    assert second.model.model_card_["version"] == first.model_card_["version"]
    assert second.figures["converted"] != run(world).figures["converted"]


def test_backtest_refuses_when_every_scored_company_converted() -> None:
    with pytest.raises(StageError, match=r"all 3 companies scored at 2024-12-31"):
        _check_contrast(np.array([True, True, True]), date(2024, 12, 31), AS_OF)
    _check_contrast(np.array([True, False]), date(2024, 12, 31), AS_OF)
