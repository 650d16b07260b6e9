"""The sample company end to end: every output, and the planted ICP found."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from icpkit.pipeline import RunResult, run_pipeline
from icpkit.sample import AS_OF, generate_sample
from icpkit.workspace import Workspace

PLANTED_INDUSTRY = "software"  # the sample's "Technology", in the canonical taxonomy
PLANTED_SIZE_BAND = "200-999"
OUTPUTS = (
    "segments.csv", "tal.csv", "territories.csv", "territory_summary.csv",
    "comp_statements.csv", "metrics.csv", "data_quality.csv", "report.html",
    "briefs/index.md",
)  # fmt: skip


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[RunResult, Path]:
    directory = tmp_path_factory.mktemp("demo")
    generate_sample(directory)
    return run_pipeline(Workspace.open(directory)), directory / "out"


def test_demo_writes_every_output(demo: tuple[RunResult, Path]) -> None:
    result, out = demo
    for name in OUTPUTS:
        assert (out / name).stat().st_size > 0, name
    assert result.report == out / "report.html"


def test_planted_icp_is_tier_a(demo: tuple[RunResult, Path]) -> None:
    _, out = demo
    segments = pd.read_csv(out / "segments.csv")
    planted = segments[
        (segments["dimensions"] == "industry+size_band")
        & (segments["industry"] == PLANTED_INDUSTRY)
        & (segments["size_band"] == PLANTED_SIZE_BAND)
    ]
    assert len(planted) == 1
    assert planted["tier"].iloc[0] == "A"


def test_no_segment_excluding_the_planted_icp_is_tier_a(
    demo: tuple[RunResult, Path],
) -> None:
    _, out = demo
    segments = pd.read_csv(out / "segments.csv")
    tier_a = segments[segments["tier"] == "A"]
    other_industry = tier_a["industry"].notna() & (
        tier_a["industry"] != PLANTED_INDUSTRY
    )
    other_band = tier_a["size_band"].notna() & (
        tier_a["size_band"] != PLANTED_SIZE_BAND
    )
    assert not (other_industry | other_band).any(), tier_a[["segment", "score"]]


def test_backtest_finds_the_planted_icp(demo: tuple[RunResult, Path]) -> None:
    """The model trained on what was known a year before as_of ranks the new
    logos won since: the top tenth of its scores converted at least twice as
    often as all scored companies, and surely more often (lower bound > 1)."""
    _, out = demo
    table = pd.read_csv(out / "backtest.csv").set_index("measure")
    lift = table.loc["top_decile_lift"]
    assert lift["value"] >= 2, table
    assert lift["lo"] > 1, table
    assert table.loc["auc", "lo"] > 0.5, table
    card = json.loads((out / "model_card.json").read_text(encoding="utf-8"))
    assert card["backtest"]["training_positives_rule"] == "tier A customers"
    assert card["backtest"]["converted"] >= 100


def test_fit_tier_a_is_the_planted_icp(demo: tuple[RunResult, Path]) -> None:
    _, out = demo
    tal = pd.read_csv(out / "tal.csv")
    tier_a = tal[tal["fit_tier"] == "A"]
    planted = (tier_a["industry"] == PLANTED_INDUSTRY) & (
        tier_a["size_band"] == PLANTED_SIZE_BAND
    )
    assert len(tier_a) >= 100
    assert planted.mean() >= 0.8, tier_a.groupby(["industry", "size_band"]).size()


def test_report_opens_with_the_icp(demo: tuple[RunResult, Path]) -> None:
    result, out = demo
    assert "industry=software" in result.icp_statement
    report = (out / "report.html").read_text(encoding="utf-8")
    body = report[report.index("<body") :]
    assert body.index("industry=software") < body.index("<h2")


def test_every_customer_is_listed_as_customer(demo: tuple[RunResult, Path]) -> None:
    """Customers computed independently from the subscription file: ARR > 0 at as_of
    (DEFINITIONS 3); each must be in the TAL once, with status customer."""
    _, out = demo
    subscriptions = pd.read_csv(
        out.parent / "data" / "subscriptions.csv",
        parse_dates=["start_date", "end_date"],
    )
    as_of = pd.Timestamp(AS_OF)
    active = (
        (subscriptions["start_date"] <= as_of)
        & (subscriptions["end_date"].isna() | (subscriptions["end_date"] > as_of))
        & ~subscriptions["is_trial"].astype(bool)
    )
    arr = subscriptions[active].groupby("account_id")["arr"].sum()
    customers = set(arr[arr > 0].index)
    tal = pd.read_csv(out / "tal.csv")
    assert tal["entity_id"].is_unique
    records = tal.assign(record=tal["sources"].str.split("; ")).explode("record")
    status_of = records.set_index("record")["status"]
    statuses = {status_of.get(f"crm:{account}") for account in customers}
    assert statuses == {"customer"}
