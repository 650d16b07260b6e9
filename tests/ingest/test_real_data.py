"""The real public files of shared/data: each documented fault read as expected."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from icpkit.config import parse_config
from icpkit.ingest import IngestResult, load_inputs

pytestmark = pytest.mark.shared_data
SF = "salesforce-export-samples"


def _load(root: Path, as_of: str | None = None, **inputs: Any) -> IngestResult:
    raw: dict[str, Any] = {"inputs": inputs}
    if as_of:
        raw["as_of"] = as_of
    return load_inputs(parse_config(raw, "test"), root)


def _count(result: IngestResult, check: str) -> int:
    return int(result.findings.loc[result.findings["check"] == check, "count"].sum())


def test_maven_three_pipeline_variants_give_identical_dates(shared_data: Path) -> None:
    paths = [
        "maven-crm/sales_pipeline.csv",
        "maven-crm/variants/sales_pipeline_ddmmyy_with_quarters.csv",
        "maven-crm/variants/sales_pipeline_mdy.csv",
    ]
    frames = [
        _load(shared_data, opportunities={"path": p}).tables["opportunities"]
        for p in paths
    ]
    for frame in frames[1:]:
        pd.testing.assert_frame_equal(frame, frames[0])
    first = frames[0].set_index("opportunity_id")
    assert first.loc["1C1I7A6R", "close_date"] == pd.Timestamp(
        "2017-03-01"
    )  # `01-03-17`
    assert first["status"].value_counts().to_dict() == {
        "won": 4238,
        "lost": 2473,
        "open": 2089,
    }


def test_maven_workspace(shared_data: Path) -> None:
    result = _load(
        shared_data,
        accounts={"path": "maven-crm/accounts.csv", "scale": {"annual_revenue": 1e6}},
        opportunities={"path": "maven-crm/sales_pipeline.csv"},
        reps={"path": "maven-crm/sales_teams.csv"},
    )
    accounts = result.tables["accounts"].set_index("account_id")
    assert accounts.loc["Acme Corporation", "industry"] == "software"  # `technolgy`
    assert accounts.loc["Acme Corporation", "annual_revenue"] == pytest.approx(
        1100.04e6
    )
    assert accounts["country"].value_counts()["US"] == 71
    assert accounts["country"].isna().sum() == 0  # Philipines, Korea read
    assert accounts.loc["Bluth Company", "parent_account_id"] == "Acme Corporation"
    assert _count(result, "without_account") == 1425
    assert _count(result, "without_created_date") == 500
    assert _count(result, "lost_amount_zero") == 2473
    assert _count(result, "without_opportunities") == 5  # reps never in the pipeline
    assert _count(result, "negative_cycle") == 0
    assert result.as_of.isoformat() == "2017-12-31"


def test_ravenstack_dmy_excel_variant_matches_iso_file(shared_data: Path) -> None:
    iso = _load(
        shared_data, accounts={"path": "ravenstack-saas/ravenstack_accounts.csv"}
    )
    excel = _load(
        shared_data,
        accounts={"path": "ravenstack-saas/variants/ravenstack_accounts_dmy_excel.csv"},
    )
    pd.testing.assert_frame_equal(iso.tables["accounts"], excel.tables["accounts"])
    accounts = iso.tables["accounts"]
    assert accounts["country"].value_counts()["GB"] == 58  # `UK`
    assert set(accounts["industry"]) == {
        "software",
        "financial_services",
        "healthcare",
        "education",
    }


def test_ravenstack_subscriptions(shared_data: Path) -> None:
    result = _load(
        shared_data,
        accounts={"path": "ravenstack-saas/ravenstack_accounts.csv"},
        subscriptions={"path": "ravenstack-saas/ravenstack_subscriptions.csv"},
    )
    subscriptions = result.tables["subscriptions"]
    assert len(subscriptions) == 5000 and subscriptions["is_trial"].sum() == 778
    assert _count(result, "zero_length") == 13
    assert _count(result, "account_not_in_accounts") == 0
    assert result.as_of.isoformat() == "2024-12-31"


def test_salesforce_dev_org_demo(shared_data: Path) -> None:
    base = f"{SF}/sfdc_dev_org_demo/"
    result = _load(
        shared_data,
        accounts={"path": base + "Account.csv", "preset": "salesforce"},
        opportunities={"path": base + "Opportunity.csv", "preset": "salesforce"},
    )
    opps = result.tables["opportunities"]
    assert opps["created_date"].iloc[0] == pd.Timestamp("2026-02-23")  # `02/23/26`
    assert opps["close_date"].iloc[0] == pd.Timestamp("2024-02-03")
    assert opps["status"].value_counts().to_dict() == {"open": 16, "won": 12, "lost": 8}
    assert _count(result, "negative_cycle") == 32  # records loaded into a fresh org
    accounts = result.tables["accounts"]
    moved = accounts[accounts["name"].str.startswith("United Oil & Gas, ")]
    assert sorted(moved["country"]) == ["GB", "SG"]  # BillingState `UK`, `Singapore`
    assert _count(result, "country_in_state") == 2
    assert _count(result, "industry_blank") == 6


def test_salesforce_data_cloud_workshop(shared_data: Path) -> None:
    base = f"{SF}/sfdc_data_cloud_workshop/"
    result = _load(
        shared_data,
        accounts={"path": base + "Account.csv", "preset": "salesforce"},
        opportunities={"path": base + "Opportunity.csv", "preset": "salesforce"},
        activities={"path": base + "Task.csv", "preset": "salesforce"},
    )
    accounts = result.tables["accounts"]
    assert accounts.columns[0] == "account_id"  # the BOM did not stick to `Id`
    assert accounts["account_id"].iloc[0] == "001Ec00000FzlUdIAJ"
    # `MP` (Northern Mariana Islands) is a state code: kept as state, not moved.
    assert set(accounts.loc[accounts["state"] == "MP", "country"]) == {"US"}
    opps = result.tables["opportunities"]
    assert opps["created_date"].iloc[0] == pd.Timestamp("2024-01-22")
    assert opps["status"].value_counts().to_dict() == {"open": 35, "won": 12, "lost": 3}
    assert _count(result, "boolean_blank_as_false") == 38 + 35
    activities = result.tables["activities"]
    assert activities["type"].value_counts().to_dict() == {
        "other": 28,
        "email": 18,
        "call": 17,
        "meeting": 12,
    }


def test_inc5000_2014(shared_data: Path) -> None:
    spec = {
        "path": "inc5000-universe/inc5000_2014.csv",
        "columns": {"domain": ""},
        "constants": {"country": "US", "source": "inc5000_2014"},
    }
    result = _load(shared_data, as_of="2014-12-31", universe=[spec])
    universe = result.tables["universe"]
    assert universe["company_id"].iloc[0] == "inc5000_2014:22890"
    assert universe["employees"].iloc[0] == 227 and universe["state"].iloc[0] == "CA"
    assert universe["annual_revenue"].iloc[0] == 195640000.0
    assert _count(result, "employees_zero") == 13
    assert _count(result, "industry_unmapped") == 0


def test_inc5000_2019_shifted_columns_are_findings(shared_data: Path) -> None:
    spec = {
        "path": "inc5000-universe/inc5000_2019_crawled.csv",
        "columns": {"name": "website"},
        "constants": {"country": "US"},
    }
    result = _load(shared_data, as_of="2019-12-31", universe=[spec])
    universe = result.tables["universe"].set_index("name")
    assert universe.loc["freestar.com", "annual_revenue"] == pytest.approx(
        36.9e6
    )  # `36.9 M`
    assert _count(result, "money_in_count_column") == 5  # `$0`, `$180,000` in employees
    assert _count(result, "missing_marker") == 370
    assert _count(result, "industry_unmapped") == 3  # `Chicago, IL` as industry
    assert _count(result, "duplicate_company_id") == 20


def test_fortune1000_2021(shared_data: Path) -> None:
    spec = {
        "path": "company-universe/fortune1000_2021.csv",
        "constants": {"country": "US"},
        "scale": {"annual_revenue": 1e6},
    }
    result = _load(shared_data, as_of="2021-06-01", universe=[spec])
    universe = result.tables["universe"].set_index("company_id")
    walmart = universe.loc["fortune1000_2021:2"]
    assert walmart["name"] == "Walmart" and walmart["employees"] == 2_200_000
    assert walmart["annual_revenue"] == pytest.approx(523_964e6)
    assert walmart["domain"] == "stock.walmart.com" and walmart["industry"] == "retail"
    assert "Lowe’s" in set(universe["name"])  # `Lowe&#8217;s`
    assert _count(result, "html_entities_decoded") == 12


def test_uk_companies_house_and_crunchbase_countries(shared_data: Path) -> None:
    uk = {
        "path": "company-universe/uk_companies_house_first1000.csv",
        "columns": {
            "name": "CompanyName",
            "company_id": "CompanyNumber",
            "country": "RegAddress.Country",
        },
    }
    result = _load(shared_data, as_of="2020-01-01", universe=[uk])
    universe = result.tables["universe"]
    source = pd.read_csv(shared_data / uk["path"], dtype=str, keep_default_na=False)
    given = source["RegAddress.Country"].str.upper()
    for written, code in [
        ("ENGLAND", "GB"),
        ("GREAT BRITAIN", "GB"),
        ("WEST GERMANY", "DE"),
    ]:
        assert set(universe.loc[given.eq(written).to_numpy(), "country"]) == {code}
    assert result.findings.loc[
        result.findings["check"] == "country_unrecognised", "example"
    ].tolist() == ["LANCS"]


def test_30k_opportunities_and_50k_universe_read_whole(tmp_path: Path) -> None:
    rng = np.random.default_rng(7)
    n = 30_000
    days = pd.Timestamp("2022-01-01") + pd.to_timedelta(
        rng.integers(0, 700, n), unit="D"
    )
    pd.DataFrame(
        {
            "Id": [f"006{i:015d}" for i in range(n)],
            "AccountId": [f"001{i % 5000:015d}" for i in range(n)],
            "StageName": rng.choice(["Closed Won", "Closed Lost", "Prospecting"], n),
            "Amount": [f"${v:,.2f}" for v in rng.integers(1000, 90000, n)],
            "CreatedDate": days.strftime("%Y-%m-%dT%H:%M:%S.000+0000"),
            "CloseDate": (days + pd.Timedelta(days=40)).strftime("%m/%d/%y"),
            "IsWon": rng.choice(["1", ""], n),
        }
    ).to_csv(tmp_path / "o.csv", index=False)
    m = 50_000
    pd.DataFrame(
        {
            "company": [f"Company {i}" for i in range(m)],
            "website": [f"https://www.company{i}.com/about" for i in range(m)],
            "industry": rng.choice(["Software", "IT Services", "Health", "Retail"], m),
            "employees": [f"{v:,}" for v in rng.integers(1, 20000, m)],
            "revenue": [f"{v / 10:.1f} M" for v in rng.integers(10, 9000, m)],
            "country": rng.choice(["United States", "UK", "DEU", "Korea"], m),
        }
    ).to_csv(tmp_path / "u.csv", index=False)
    result = _load(
        tmp_path,
        opportunities={"path": "o.csv", "preset": "salesforce"},
        universe=[{"path": "u.csv"}],
    )
    assert (
        len(result.tables["opportunities"]) == n and len(result.tables["universe"]) == m
    )
