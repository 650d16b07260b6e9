"""Industries, countries, regions and size bands (DEFINITIONS.md sections 2 and 6)."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from icpkit.config import SizeBand, default_size_bands
from icpkit.taxonomy import (
    INDUSTRIES,
    UNMAPPED,
    canonical_industry,
    country_code,
    default_region,
    region_of,
    size_band,
    us_census_region,
)
from icpkit.taxonomy.industries import industry_crosswalk


def _column(path: Path, column: str) -> set[str]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return {row[column] for row in csv.DictReader(fh)} - {""}


def test_industry_lookup_ignores_case_space_punctuation() -> None:
    values = pd.Series(
        ["technolgy", " IT services ", "COMPUTER_SOFTWARE", "Food, Beverages & Tobacco"]
    )
    assert canonical_industry(values).tolist() == [
        "software",
        "it_services",
        "software",
        "agriculture_food",
    ]


def test_unmapped_industry_is_kept_as_unmapped_and_blank_stays_null() -> None:
    values = pd.Series(["Chicago,\xa0IL\xa0", None, "Software"], dtype="string")
    result = canonical_industry(values)
    assert result.iloc[0] == UNMAPPED
    assert pd.isna(result.iloc[1])
    assert result.iloc[2] == "software"


def test_industry_override_wins_and_is_checked() -> None:
    values = pd.Series(["Curated Web"])
    assert canonical_industry(values, {"curated web": "media_entertainment"}).iloc[
        0
    ] == ("media_entertainment")
    with pytest.raises(ValueError, match="'web' -> 'internet'"):
        canonical_industry(values, {"web": "internet"})


def test_crosswalk_is_consistent_and_covers_every_sector() -> None:
    assert set(industry_crosswalk().values()) == set(INDUSTRIES)
    assert 18 <= len(INDUSTRIES) <= 24


@pytest.mark.parametrize(
    ("folder", "file", "column"),
    [
        ("maven-crm", "accounts.csv", "sector"),
        ("ravenstack-saas", "ravenstack_accounts.csv", "industry"),
        ("inc5000-universe", "inc5000_2014.csv", "industry"),
        ("company-universe", "fortune1000_2021.csv", "sector"),
        ("company-universe", "fortune1000_2016.csv", "sector"),
        ("company-universe", "sp500_constituents_2026.csv", "GICS Sector"),
        ("salesforce-export-samples", "sfdc_dev_org_demo/Account.csv", "Industry"),
        (
            "salesforce-export-samples",
            "sfdc_data_cloud_workshop/Account.csv",
            "Industry",
        ),
    ],
)
def test_every_real_vocabulary_maps(
    shared_data: Path, folder: str, file: str, column: str
) -> None:
    values = pd.Series(sorted(_column(shared_data / folder / file, column)))
    unmapped = values[canonical_industry(values).eq(UNMAPPED)].tolist()
    assert unmapped == []


def test_inc5000_2019_maps_all_but_the_three_shifted_city_values(
    shared_data: Path,
) -> None:
    path = shared_data / "inc5000-universe" / "inc5000_2019_crawled.csv"
    values = pd.Series(sorted(_column(path, "industry")))
    unmapped = values[canonical_industry(values).eq(UNMAPPED)]
    assert sorted(v.split(",")[0] for v in unmapped) == [
        "Chicago",
        "San Francisco",
        "Vancouver",
    ]


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("United States", "US"),
        ("USA", "US"),
        ("US", "US"),
        ("United Kingdom", "GB"),
        ("UK", "GB"),
        ("Great Britain", "GB"),
        ("ENGLAND", "GB"),
        ("Korea", "KR"),
        ("South Korea", "KR"),
        ("Philipines", "PH"),
        ("Russia", "RU"),
        ("Turkey", "TR"),
        ("Türkiye", "TR"),
        ("Czech Republic", "CZ"),
        ("Taiwan", "TW"),
        ("Netherlands", "NL"),
        ("WEST GERMANY", "DE"),
        ("ROM", "RO"),
        ("ROU", "RO"),
        ("NA", "NA"),
        ("Namibia", "NA"),
        ("Bolivia", "BO"),
        ("deu", "DE"),
    ],
)
def test_country_code(value: str, code: str) -> None:
    assert country_code(pd.Series([value])).iloc[0] == code


def test_values_that_are_not_countries_become_null() -> None:
    result = country_code(pd.Series(["SF Bay Area", "LANCS", None], dtype="string"))
    assert result.isna().all()


@pytest.mark.parametrize(
    ("code", "region"),
    [
        ("US", "North America"),
        ("CA", "North America"),
        ("BR", "LATAM"),
        ("PA", "LATAM"),
        ("DE", "EMEA"),
        ("KE", "EMEA"),
        ("JO", "EMEA"),
        ("TR", "EMEA"),
        ("JP", "APAC"),
        ("IN", "APAC"),
        ("AU", "APAC"),
        ("TW", "APAC"),
        ("AQ", None),
        ("XX", None),
    ],
)
def test_default_region(code: str, region: str | None) -> None:
    assert default_region(code) == region


def test_region_override_from_config_wins() -> None:
    codes = pd.Series(["US", "MX", "GB"], dtype="string")
    assert region_of(codes, {"MX": "North America"}).tolist() == [
        "North America",
        "North America",
        "EMEA",
    ]


def test_us_census_region_has_no_puerto_rico() -> None:
    result = us_census_region(pd.Series(["ca", "NY", "PR"], dtype="string"))
    assert result.iloc[0] == "West" and result.iloc[1] == "Northeast"
    assert pd.isna(result.iloc[2])


def test_size_band_hand_worked() -> None:
    """DEFINITIONS.md section 2: 1-49, 50-199, 200-999, 1000-4999, 5000+, unknown."""
    employees = pd.Series(
        [1, 49, 50, 199, 200, 999, 1000, 4999, 5000, 0, None], dtype="Int64"
    )
    assert size_band(employees, default_size_bands()).tolist() == [
        "1-49",
        "1-49",
        "50-199",
        "50-199",
        "200-999",
        "200-999",
        "1000-4999",
        "1000-4999",
        "5000+",
        "unknown",
        "unknown",
    ]


def test_size_band_sorts_custom_bands() -> None:
    bands = [
        SizeBand(label="big", min_employees=100),
        SizeBand(label="small", min_employees=10),
    ]
    employees = pd.Series([5, 10, 150], dtype="Int64")
    assert size_band(employees, bands).tolist() == ["unknown", "small", "big"]


def test_shipped_data_has_readme_and_iso_table() -> None:
    import icpkit.taxonomy as taxonomy

    data = Path(taxonomy.__file__).parent / "data"
    assert "CC BY-SA 4.0" in (data / "README.md").read_text(encoding="utf-8")
    assert len(_column(data / "iso3166_countries_regions.csv", "alpha-2")) == 249
