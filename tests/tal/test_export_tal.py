"""export_tal: CSV, Parquet and the Salesforce and HubSpot import files."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from icpkit.tal import TAL_COLUMNS, export_tal
from icpkit.tal.crm_files import HUBSPOT_COLUMNS, SALESFORCE_COLUMNS


@pytest.fixture
def tal() -> pd.DataFrame:
    frame = pd.DataFrame({
        "entity_id": ["E1", "E2", "E3"],
        "account_id": ["001ABCDEFGHIJKLMNO", None, "A7"],
        "name": ["=HYPERLINK(\"x\")", "Prospect Co", "Customer Ltd"],
        "domain": ["a.com", "p.com", "c.co.uk"],
        "industry": ["software", "retail", "energy"],
        "employees": [120.4, None, 5000.0],
        "country": ["US", "GB", "GB"], "state": ["CA", None, None],
        "status": ["open_opportunity", "prospect", "customer"],
        "fit_score": [88.5, 61.0, 20.0], "fit_tier": ["A", "B", "D"],
        "valid_from": date(2024, 6, 30),
    })  # fmt: skip
    return frame.reindex(columns=list(TAL_COLUMNS))


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_every_format_written_and_spreadsheet_safe(
    tal: pd.DataFrame, tmp_path: Path
) -> None:
    exported = export_tal(tal, tmp_path, version="v2024-06-30-1")
    names = [p.name for p in exported.paths]
    assert names == ["tal.csv", "tal.parquet", "salesforce_accounts.csv",
                     "hubspot_companies.csv"]  # fmt: skip
    salesforce = read(tmp_path / "salesforce_accounts.csv")
    assert list(salesforce[0]) == list(SALESFORCE_COLUMNS)
    assert [r["Id"] for r in salesforce] == ["001ABCDEFGHIJKLMNO", "", "A7"]
    assert salesforce[0]["Name"] == '\'=HYPERLINK("x")'
    assert [r["NumberOfEmployees"] for r in salesforce] == ["120", "", "5000"]
    assert salesforce[0]["Fit_Score__c"] == "88.5"
    assert {r["TAL_Version__c"] for r in salesforce} == {"v2024-06-30-1"}
    hubspot = read(tmp_path / "hubspot_companies.csv")
    assert list(hubspot[0]) == list(HUBSPOT_COLUMNS)
    assert [r["domain"] for r in hubspot] == ["a.com", "p.com", "c.co.uk"]
    assert [r["icp_tier"] for r in hubspot] == ["A", "B", "D"]
    assert read(tmp_path / "tal.csv")[0]["name"].startswith("'=")
    back = pd.read_parquet(tmp_path / "tal.parquet")
    assert back["entity_id"].tolist() == ["E1", "E2", "E3"]
    assert back["name"].iloc[0] == '=HYPERLINK("x")'
    checks = exported.findings.set_index("check")[["severity", "count"]]
    assert checks.to_dict("index") == {
        "salesforce_id_format": {"severity": "warning", "count": 1}
    }


def test_non_salesforce_ids_are_information_for_other_crms(
    tal: pd.DataFrame, tmp_path: Path
) -> None:
    exported = export_tal(tal, tmp_path, formats=("salesforce",), from_salesforce=False)
    assert exported.findings["severity"].tolist() == ["info"]


def test_customers_left_out_on_request(tal: pd.DataFrame, tmp_path: Path) -> None:
    exported = export_tal(tal, tmp_path, ["hubspot"], exclude_customers=True)
    assert [p.name for p in exported.paths] == ["hubspot_companies.csv"]
    assert [r["name"] for r in read(exported.paths[0])] == ["'=HYPERLINK(\"x\")",
                                                           "Prospect Co"]  # fmt: skip
    assert exported.findings["check"].tolist() == ["customer_excluded_from_export"]
    assert exported.findings["count"].tolist() == [1]
    with pytest.raises(ValueError, match="unknown export formats \\['xlsx'\\]"):
        export_tal(tal, tmp_path, ["xlsx"])
