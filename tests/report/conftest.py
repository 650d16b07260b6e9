"""Small hand-made tables standing in for the outputs of the other stages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser

import pandas as pd
import pytest

from icpkit.report import ReportInputs

MALICIOUS = '<script>alert("x")</script> & Co'
STATEMENT = "The ICP is software / 200-999: win rate 42.0% against 25.0% overall."


def segment_row(dimensions: str, segment: str, **values: object) -> dict[str, object]:
    row: dict[str, object] = {
        "dimensions": dimensions,
        "segment": segment,
        "industry": None,
        "size_band": None,
        "region": None,
        "accounts": 40,
        "closed_opps": 50,
        "won": 15,
        "win_rate": 0.30,
        "win_rate_lo": 0.19,
        "win_rate_hi": 0.44,
        "win_rate_shrunk": 0.29,
        "win_rate_significant": False,
        "median_cycle_days": 61.0,
        "mean_won_amount": 25_000.0,
        "nrr_12m": 1.04,
        "grr_12m": 0.91,
        "clv": 81_234.5,
        "tam_accounts": 1_250,
        "tam_value": 31_250_000.0,
        "score": 1.0,
        "tier": "C",
        "significant_better": None,
    }
    row.update(values)
    return row


def make_segments(count: int = 4) -> pd.DataFrame:
    rows = [
        segment_row(
            "all", "all", accounts=200, closed_opps=400, won=100, win_rate=0.25
        ),
        segment_row("industry", "software", tier="B", score=1.05),
        segment_row(
            "industry+size_band",
            "software|200-999",
            tier="A",
            score=1.32,
            win_rate=0.42,
            win_rate_lo=0.33,
            win_rate_hi=0.52,
            significant_better="win_rate",
        ),
        segment_row("industry+size_band", MALICIOUS, tier="C", score=0.8),
    ]
    rows += [
        segment_row("industry+size_band", f"sector {i}|50-199", score=0.5 + i / 100)
        for i in range(max(0, count - len(rows)))
    ]
    return pd.DataFrame(rows)


def make_tal() -> pd.DataFrame:
    rows = [
        ("e1", "a1", "Acme", "customer", 91.0, "A", "software|200-999", "A", 22_750.0),
        ("e2", None, MALICIOUS, "prospect", 85.5, "A", "software|200-999", "A", 21_375),
        ("e3", None, "Beta", "prospect", 64.0, "B", "retail|50-199", "C", 9_600.0),
        ("e4", "a4", "Gamma", "open_opportunity", 30.0, "D", None, None, 4_500.0),
        ("e5", None, "Delta", "prospect", 45.0, None, None, None, None),
    ]
    columns = [
        "entity_id",
        "account_id",
        "name",
        "status",
        "fit_score",
        "fit_tier",
        "segment",
        "segment_tier",
        "expected_value",
    ]
    tal = pd.DataFrame(rows, columns=columns)
    tal["reasons"] = ["industry: software, +18"] * len(tal)
    return tal


def make_territory_summary() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "rep_id": ["r1", "r2", "r3"],
            "name": ["Ann", "Bo", MALICIOUS],
            "region": ["West", "West", "East"],
            "accounts": [120, 95, 101],
            "potential": [1_250_000.0, 1_100_000.0, 980_000.0],
            "workload": [210.5, 190.0, 201.0],
            "potential_index": [1.08, 0.98, 0.94],
            "workload_index": [1.04, 0.95, 1.01],
            "within_tolerance": [True, True, True],
        }
    )


def make_metrics() -> pd.DataFrame:
    quarters = ["2024Q1", "2024Q2", "2024Q3"]
    company = pd.DataFrame(
        {
            "quarter": quarters,
            "scope": "all",
            "scope_id": "all",
            "icp_pipeline_coverage_count": [0.31, 0.35, 0.41],
            "icp_new_logo_share": [0.25, 0.30, 0.38],
            "icp_win_rate": [0.33, 0.36, 0.40],
            "non_icp_win_rate": [0.20, 0.21, 0.19],
            "icp_median_cycle_days": [55.0, 52.0, 50.0],
            "non_icp_median_cycle_days": [80.0, 84.0, 79.0],
            "tal_engagement": [0.12, 0.18, 0.22],
        }
    )
    rep = company.assign(scope="rep", scope_id="r1", icp_win_rate=0.99)
    return pd.concat([company, rep], ignore_index=True)


def make_statements() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "rep_id": ["r1", "r1", "r2", "r2"],
            "period": ["2024Q1"] * 4,
            "rule": ["base", "icp_accelerator", "base", "activity_credit"],
            "amount": ["1000.10", "150.02", "2500.00", "50.00"],
        }
    )


def make_data_quality() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "table": ["opportunities", "accounts"],
            "check": ["negative_cycle", "blank_industry"],
            "severity": ["warning", "info"],
            "count": [3, 1_204],
            "detail": ["close_date before created_date", "industry is blank"],
            "example": ["opp-17", MALICIOUS],
        }
    )


def make_reliability() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "bin": ["0.0-0.2", "0.2-0.4", "0.4-0.6", "0.6-0.8", "0.8-1.0"],
            "mean_predicted": [0.1, 0.3, 0.5, 0.7, 0.9],
            "observed_rate": [0.08, 0.33, 0.47, 0.72, 0.88],
            "count": [500, 210, 120, 60, 20],
        }
    )


def full_inputs(segment_count: int = 4) -> ReportInputs:
    return ReportInputs(
        title="Demo <plan>",
        as_of=date(2024, 9, 30),
        icp_statement=STATEMENT,
        segments=make_segments(segment_count),
        data_quality=make_data_quality(),
        tal=make_tal(),
        territory_summary=make_territory_summary(),
        metrics=make_metrics(),
        comp_statements=make_statements(),
        model_card={"model_version": "lgbm-1", "auc": 0.8123, "positives": 1_204},
        reliability=make_reliability(),
        notes=["No subscriptions given: NRR, GRR and CLV are null.", MALICIOUS],
    )


VOID = {"meta", "br", "hr", "img", "input", "link", "col", "area", "base", "source"}
# SVG elements vl-convert writes self-closed (<path ... />) arrive as startendtag.


class ReportReader(HTMLParser):
    """Collects the text of elements, the tags opened in order, URLs in attributes
    and unbalanced tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.order: list[str] = []
        self.texts: dict[str, list[str]] = {}
        self.urls: list[tuple[str, str, str]] = []
        self.unbalanced: list[str] = []
        self._open: list[str] = []
        self._capture: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.order.append(tag)
        for name, value in attrs:
            if value and not name.startswith("xmlns") and _is_url(value):
                self.urls.append((tag, name, value))
        if tag in VOID:
            return
        self._open.append(tag)
        if tag in ("h1", "p", "title") and not self._capture:
            self._capture.append((tag, []))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.order.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self._open or self._open[-1] != tag:
            self.unbalanced.append(tag)
            return
        self._open.pop()
        if self._capture and self._capture[-1][0] == tag:
            name, parts = self._capture.pop()
            self.texts.setdefault(name, []).append("".join(parts))

    def handle_data(self, data: str) -> None:
        if self._capture:
            self._capture[-1][1].append(data)

    def first(self, tag: str) -> str:
        return self.texts.get(tag, [""])[0]


def _is_url(value: str) -> bool:
    return "://" in value or value.startswith("//")


def read_report(document: str) -> ReportReader:
    reader = ReportReader()
    reader.feed(document)
    reader.close()
    return reader


@dataclass(frozen=True)
class Samples:
    """The sample builders, handed to tests as one fixture."""

    malicious: str = MALICIOUS
    statement: str = STATEMENT
    full_inputs: Callable[..., ReportInputs] = full_inputs
    segments: Callable[..., pd.DataFrame] = make_segments
    segment_row: Callable[..., dict[str, object]] = segment_row
    tal: Callable[[], pd.DataFrame] = make_tal
    territory_summary: Callable[[], pd.DataFrame] = make_territory_summary
    metrics: Callable[[], pd.DataFrame] = make_metrics
    statements: Callable[[], pd.DataFrame] = make_statements
    data_quality: Callable[[], pd.DataFrame] = make_data_quality
    reliability: Callable[[], pd.DataFrame] = make_reliability
    read: Callable[[str], ReportReader] = read_report


@pytest.fixture
def samples() -> Samples:
    return Samples()


@pytest.fixture
def inputs() -> ReportInputs:
    return full_inputs()
