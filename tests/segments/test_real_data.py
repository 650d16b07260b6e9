"""Segments on real public data: maven-crm (opportunities) and ravenstack-saas
(subscriptions)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import ibis
import numpy as np
import pandas as pd
import pytest
from scipy import stats

from icpkit.config import SegmentsSettings, SubscriptionsSettings
from icpkit.segments import SegmentsResult, compute_segments

from . import real_data

pytestmark = pytest.mark.shared_data


@pytest.fixture(scope="module")
def maven(shared_data: Path) -> SegmentsResult:
    folder = shared_data / "maven-crm"
    return compute_segments(
        ibis.memtable(real_data.maven_accounts(folder)),
        ibis.memtable(real_data.maven_opportunities(folder)),
        None,
        None,
        date(2017, 12, 31),
        SegmentsSettings(),
        SubscriptionsSettings(),
    )


@pytest.fixture(scope="module")
def ravenstack(shared_data: Path) -> SegmentsResult:
    folder = shared_data / "ravenstack-saas"
    return compute_segments(
        ibis.memtable(real_data.ravenstack_accounts(folder)),
        None,
        ibis.memtable(real_data.ravenstack_subscriptions(folder)),
        None,
        date(2024, 12, 31),
        SegmentsSettings(),
        SubscriptionsSettings(overlap="sum"),
    )


def industries(result: SegmentsResult) -> pd.DataFrame:
    return result.segments[result.segments["dimensions"] == "industry"]


def test_maven_industry_rows_add_up(maven: SegmentsResult) -> None:
    rows = industries(maven)
    assert len(rows) == 10
    assert rows["closed_opps"].sum() == 6711
    assert rows["won"].sum() == 4238
    overall = maven.segments.set_index("segment").loc["all"]
    assert (overall["closed_opps"], overall["won"]) == (6711, 4238)


def test_maven_win_rates_and_wilson_bounds(maven: SegmentsResult) -> None:
    segments = maven.segments[maven.segments["closed_opps"] > 0]
    np.testing.assert_allclose(
        segments["win_rate"], segments["won"] / segments["closed_opps"]
    )
    for row in segments.itertuples():
        test = stats.binomtest(int(row.won), int(row.closed_opps))
        interval = test.proportion_ci(confidence_level=0.95, method="wilson")
        assert row.win_rate_lo == pytest.approx(interval.low, abs=1e-9)
        assert row.win_rate_hi == pytest.approx(interval.high, abs=1e-9)


def test_maven_has_no_icp(maven: SegmentsResult) -> None:
    rows = industries(maven)
    assert not rows["win_rate_significant"].astype(bool).any()
    assert not rows["significant_better"].astype(bool).any()
    assert not (maven.segments["tier"] == "A").any()
    assert maven.icp_statement.startswith("The data does not single out an ICP")
    # no subscriptions: retention and CLV are null, with the reason in a finding
    assert maven.segments["clv"].isna().all()
    assert "no_subscription_data" in set(maven.findings["check"])
    open_orphans = maven.findings.set_index("check").loc["open_without_account"]
    assert open_orphans["count"] == 1425


def test_ravenstack_retention(ravenstack: SegmentsResult) -> None:
    overall = ravenstack.segments.set_index("segment").loc["all"]
    assert round(overall["nrr_12m"], 4) == 2.9227
    assert overall["retention_accounts"] == 185
    assert round(overall["grr_12m"], 4) == 0.9959


def test_ravenstack_reports_concurrent_subscriptions(
    ravenstack: SegmentsResult,
) -> None:
    finding = ravenstack.findings.set_index("check").loc["concurrent_subscriptions"]
    assert finding["count"] == 496
    assert finding["severity"] == "warning"
    assert str(finding["example"]).startswith("A-")
