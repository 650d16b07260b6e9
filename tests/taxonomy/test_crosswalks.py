"""Every vocabulary of shared/data and the CRM picklists map onto the canonical
sectors (DEFINITIONS.md section 6); unmapped shares are measured by rows."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from icpkit.taxonomy import INDUSTRIES, UNMAPPED, canonical_industry
from icpkit.taxonomy.industries import industry_crosswalk

CU = "company-universe"
CB = "crunchbase-2015-acquisitions/acquisitions.csv"

# (file under shared/data, column, largest share of rows allowed unmapped)
REAL_VOCABULARIES = {
    "maven_sectors_with_typos": ("maven-crm/accounts.csv", "sector", 0.0),
    "ravenstack": ("ravenstack-saas/ravenstack_accounts.csv", "industry", 0.0),
    "inc5000_2014": ("inc5000-universe/inc5000_2014.csv", "industry", 0.0),
    # 3 rows hold a city in `industry` (shifted columns, SOURCE.md)
    "inc5000_2019": ("inc5000-universe/inc5000_2019_crawled.csv", "industry", 0.001),
    "fortune_2016_sector": (f"{CU}/fortune1000_2016.csv", "sector", 0.0),
    # `Miscellaneous` (11 rows) spans several sectors: left to the sector column
    "fortune_2016_industry": (f"{CU}/fortune1000_2016.csv", "industry", 0.02),
    "fortune_2021_sector": (f"{CU}/fortune1000_2021.csv", "sector", 0.0),
    "gics_sector": (f"{CU}/sp500_constituents_2026.csv", "GICS Sector", 0.0),
    "gics_sub_industry": (
        f"{CU}/sp500_constituents_2026.csv",
        "GICS Sub-Industry",
        0.0,
    ),
    "crunchbase_company": (CB, "company_category_list", 0.005),
    "crunchbase_acquirer": (CB, "acquirer_category_list", 0.005),
    "uk_sic_text": (f"{CU}/uk_companies_house_first1000.csv", "SICCode.SicText_1", 0.0),
    "uk_sic_text_2": (
        f"{CU}/uk_companies_house_first1000.csv",
        "SICCode.SicText_2",
        0.0,
    ),
    "salesforce_account": (
        "salesforce-export-samples/sfdc_data_cloud_workshop/Account.csv",
        "Industry",
        0.0,
    ),
}


@pytest.mark.parametrize("vocabulary", sorted(REAL_VOCABULARIES))
def test_real_vocabulary_unmapped_share(shared_data: Path, vocabulary: str) -> None:
    file, column, threshold = REAL_VOCABULARIES[vocabulary]
    frame = pd.read_csv(shared_data / file, dtype="string", keep_default_na=False)
    values = frame[column].mask(frame[column].str.strip().eq(""))
    canonical = canonical_industry(values)
    given = values.notna()
    unmapped = values[canonical.eq(UNMAPPED).fillna(False)]
    share = len(unmapped) / max(int(given.sum()), 1)
    listed = unmapped.value_counts().to_dict()
    assert share <= threshold, f"{vocabulary}: {share:.2%} unmapped: {listed}"
    assert canonical[given].notna().mean() > 0.8  # not all written-out blanks


SALESFORCE_PICKLIST = (
    "Agriculture", "Apparel", "Banking", "Biotechnology", "Chemicals",
    "Communications", "Construction", "Consulting", "Education", "Electronics",
    "Energy", "Engineering", "Entertainment", "Environmental", "Finance",
    "Food & Beverage", "Government", "Healthcare", "Hospitality", "Insurance",
    "Machinery", "Manufacturing", "Media", "Not For Profit", "Other", "Recreation",
    "Retail", "Shipping", "Technology", "Telecommunications", "Transportation",
    "Utilities",
)  # fmt: skip
HUBSPOT_SAMPLE = (
    "ACCOUNTING AIRLINES_AVIATION ALTERNATIVE_DISPUTE_RESOLUTION ANIMATION "
    "APPAREL_FASHION ARCHITECTURE_PLANNING AUTOMOTIVE AVIATION_AEROSPACE BANKING "
    "BIOTECHNOLOGY COMPUTER_SOFTWARE CIVIL_ENGINEERING DAIRY DEFENSE_SPACE E_LEARNING "
    "FISHERY GAMBLING_CASINOS HEALTH_WELLNESS_AND_FITNESS INFORMATION_TECHNOLOGY_AND_"
    "SERVICES LAW_PRACTICE MARITIME MINING_METALS MUSIC NEWSPAPERS PACKAGE_FREIGHT_"
    "DELIVERY PHILANTHROPY PLASTICS RANCHING SUPERMARKETS THINK_TANKS VENTURE_CAPITAL_"
    "PRIVATE_EQUITY WAREHOUSING WINE_AND_SPIRITS WRITING_AND_EDITING"
)


def test_salesforce_picklist_maps_entirely() -> None:
    values = pd.Series(SALESFORCE_PICKLIST)
    result = canonical_industry(values)
    assert values[result.eq(UNMAPPED)].tolist() == []
    assert result.iloc[-1] == "utilities"


def test_hubspot_picklist_maps_entirely() -> None:
    values = pd.Series(HUBSPOT_SAMPLE.split())
    result = canonical_industry(values)
    assert values[result.eq(UNMAPPED)].tolist() == []
    assert result.iloc[0] == "business_services"  # ACCOUNTING


@pytest.mark.parametrize(
    ("value", "industry"),
    [
        ("52", "financial_services"),
        ("31-33", "manufacturing"),
        ("Finance and Insurance", "financial_services"),
        ("NAICS 541511", "it_services"),
        ("Division D", "manufacturing"),
        ("Retail Trade", "retail"),
        (
            "Transportation, Communications, Electric, Gas, and Sanitary Services",
            ("transportation_logistics"),
        ),
        ("7372", "software"),  # US SIC: prepackaged software beats its division 73
        ("7311", "business_services"),
        ("2834", "life_sciences"),
        ("62012 - Business and domestic software development", "software"),
        ("62020 - Information technology consultancy activities", "it_services"),
        ("99999 - Dormant Company", "other"),
        ("4521 - Gen construction & civil engineer", "real_estate_construction"),
        ("7499 - Non-trading company", "other"),
    ],
)
def test_codes_and_titles_hand_worked(value: str, industry: str) -> None:
    assert canonical_industry(pd.Series([value])).iloc[0] == industry


def test_pipe_lists_take_the_majority_then_the_first() -> None:
    values = pd.Series(
        [
            "Curated Web|Biotechnology|Pharmaceuticals",  # 2 life_sciences vs 1
            "Biotechnology|Software",  # tie: the first
            "Nonsense|Retail",  # unmappable items skipped
            "Nonsense|Gibberish",
        ]
    )
    assert canonical_industry(values).tolist() == [
        "life_sciences",
        "life_sciences",
        "retail",
        UNMAPPED,
    ]


def test_written_out_blanks_stay_null() -> None:
    result = canonical_industry(pd.Series(["None Supplied", "unknown", "N/A"]))
    assert result.isna().all()


def test_every_shipped_row_names_a_sector_and_keys_agree() -> None:
    crosswalk = industry_crosswalk()  # raises on a conflict between files
    assert set(crosswalk.values()) <= set(INDUSTRIES)
    assert len(crosswalk) > 1000
