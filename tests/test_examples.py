"""The example workspaces on real data in ../shared/data, run end to end."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from scipy.stats import binomtest

from icpkit.pipeline import RunResult, run_pipeline
from icpkit.workspace import Workspace

REPO = Path(__file__).resolve().parents[1]


def _run_example(name: str, tmp_path: Path, shared_data: Path) -> RunResult:
    """Copy examples/NAME so its ../../../shared paths still resolve, then run it."""
    copy = tmp_path / "repo" / "examples" / name
    copy.mkdir(parents=True)
    shutil.copy(REPO / "examples" / name / "icpkit.toml", copy / "icpkit.toml")
    (tmp_path / "shared").symlink_to(shared_data.parent)
    return run_pipeline(Workspace.open(copy))


@pytest.fixture(scope="module")
def maven(
    tmp_path_factory: pytest.TempPathFactory, shared_data: Path
) -> tuple[RunResult, Path]:
    tmp = tmp_path_factory.mktemp("maven")
    result = _run_example("maven", tmp, shared_data)
    return result, tmp / "repo" / "examples" / "maven" / "out"


def test_maven_industry_rows_add_up(maven: tuple[RunResult, Path]) -> None:
    _, out = maven
    segments = pd.read_csv(out / "segments.csv")
    industry = segments[segments["dimensions"] == "industry"]
    assert industry["closed_opps"].sum() == 6711
    assert industry["won"].sum() == 4238
    assert (industry["won"] + industry["lost"] == industry["closed_opps"]).all()
    closed = industry["closed_opps"]
    assert (industry["win_rate"] - industry["won"] / closed).abs().max() < 1e-12


def test_maven_wilson_bounds_match_scipy(maven: tuple[RunResult, Path]) -> None:
    _, out = maven
    segments = pd.read_csv(out / "segments.csv")
    rows = segments[segments["closed_opps"] > 0]
    for row in rows.itertuples():
        interval = binomtest(int(row.won), int(row.closed_opps)).proportion_ci(
            confidence_level=0.95, method="wilson"
        )
        assert row.win_rate_lo == pytest.approx(interval.low, abs=1e-9)
        assert row.win_rate_hi == pytest.approx(interval.high, abs=1e-9)


def test_maven_singles_out_no_icp(maven: tuple[RunResult, Path]) -> None:
    result, out = maven
    segments = pd.read_csv(out / "segments.csv")
    industry = segments[segments["dimensions"] == "industry"]
    assert not industry["win_rate_significant"].astype(bool).any()
    assert not (segments["tier"] == "A").any()
    assert result.icp_statement.startswith("The data does not single out an ICP")
    report = (out / "report.html").read_text(encoding="utf-8")
    body = report[report.index("<body") :]
    assert body.index("The data does not single out an ICP") < body.index("<h2")


def test_maven_writes_every_output(maven: tuple[RunResult, Path]) -> None:
    _, out = maven
    for name in (
        "segments.csv", "tal.csv", "territories.csv", "territory_summary.csv",
        "comp_statements.csv", "metrics.csv", "data_quality.csv", "report.html",
    ):  # fmt: skip
        assert (out / name).stat().st_size > 0, name


def test_ravenstack_retention_figures(tmp_path: Path, shared_data: Path) -> None:
    _run_example("ravenstack", tmp_path, shared_data)
    out = tmp_path / "repo" / "examples" / "ravenstack" / "out"
    segments = pd.read_csv(out / "segments.csv")
    overall = segments[segments["dimensions"] == "all"].iloc[0]
    assert round(overall["nrr_12m"], 4) == 2.9227
    assert overall["retention_accounts"] == 185
    assert round(overall["grr_12m"], 4) == 0.9959
    quality = pd.read_csv(out / "data_quality.csv")
    concurrent = quality[quality["check"] == "concurrent_subscriptions"]
    assert len(concurrent) == 1
    assert concurrent["count"].iloc[0] == 496


def test_ravenstack_uninformative_model_scores_nothing(
    tmp_path: Path, shared_data: Path
) -> None:
    """RavenStack's firmographics do not separate its best customers (cross-validated
    AUC under 0.6): the TAL must not hand out confident fit tiers."""
    _run_example("ravenstack", tmp_path, shared_data)
    out = tmp_path / "repo" / "examples" / "ravenstack" / "out"
    tal = pd.read_csv(out / "tal.csv")
    assert len(tal) == 500
    assert tal["fit_score"].isna().all()
    assert tal["fit_tier"].isna().all()
    assert tal["reasons"].str.startswith("not scored: look-alike model not used").all()
    quality = pd.read_csv(out / "data_quality.csv")
    assert "fit_not_scored" in set(quality["check"])


def test_salesforce_export_runs_end_to_end(tmp_path: Path, shared_data: Path) -> None:
    result = _run_example("salesforce", tmp_path, shared_data)
    out = tmp_path / "repo" / "examples" / "salesforce" / "out"
    opportunities_closed = pd.read_csv(out / "segments.csv").iloc[0]["closed_opps"]
    assert opportunities_closed > 0
    assert result.skipped == {"territories": "no reps input configured ([inputs.reps])"}
    quality = pd.read_csv(out / "data_quality.csv")
    # The demo org's CreatedDate follows CloseDate on most deals (SOURCE.md).
    assert "negative_cycle" in set(quality["check"])
