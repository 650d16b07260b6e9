"""Universe presets: how each public company list of shared/data maps onto the
universe table (columns, constants, scale, derived columns). `icpkit universe
add` writes them into icpkit.toml explicitly, so the file describes itself."""

from __future__ import annotations

from dataclasses import dataclass, field

MILLIONS = 1e6


@dataclass(frozen=True)
class UniversePreset:
    """One list format: its source name and how its columns map."""

    source: str
    columns: dict[str, str]
    constants: dict[str, str] = field(default_factory=dict)
    scale: dict[str, float] = field(default_factory=dict)
    derive: dict[str, str] = field(default_factory=dict)


UNIVERSE_PRESETS: dict[str, UniversePreset] = {
    "inc5000_2014": UniversePreset(
        "inc5000_2014",
        {
            "company_id": "id",
            "name": "company",
            "industry": "industry",
            "employees": "workers",
            "annual_revenue": "revenue",  # dollars
            "state": "state_s",
            "city": "city",
            "domain": "",  # `url` holds the inc.com slug, not a website
        },
        {"country": "US"},
    ),
    "inc5000_2019": UniversePreset(
        "inc5000_2019",
        {
            "company_id": "id",
            "domain": "website",
            "industry": "industry",
            "employees": "employees",
            "annual_revenue": "revenue_millions",
        },
        {"country": "US"},
        {"annual_revenue": MILLIONS},
        {"name": "slug:page_url"},  # the list has no name column
    ),
    "fortune1000_2016": UniversePreset(
        "fortune1000_2016",
        {
            "company_id": "rank",
            "name": "company",
            "industry": "sector",
            "employees": "employees",
            "annual_revenue": "revenue",
        },
        {"country": "US"},
        {"annual_revenue": MILLIONS},
        {"city": "city:location", "state": "state:location"},
    ),
    "fortune1000_2021": UniversePreset(
        "fortune1000_2021",
        {
            "company_id": "rank",
            "name": "company",
            "domain": "Website",
            "industry": "sector",
            "employees": "num. of employees",
            "annual_revenue": "revenue",
            "state": "state",
            "city": "city",
        },
        {"country": "US"},
        {"annual_revenue": MILLIONS},
    ),
    "sp500": UniversePreset(
        "sp500",
        {"company_id": "Symbol", "name": "Security", "industry": "GICS Sub-Industry"},
        derive={
            "city": "city:Headquarters Location",
            "state": "state:Headquarters Location",
            "country": "country:Headquarters Location",  # 24 are outside the US
        },
    ),
    "sec_tickers": UniversePreset(
        "sec_tickers",
        # ticker, not CIK: a CIK repeats for each share class (SOURCE.md)
        {"company_id": "ticker", "name": "name"},
    ),
    "uk_companies_house": UniversePreset(
        "uk_companies_house",
        {
            "company_id": "CompanyNumber",
            "name": "CompanyName",
            "industry": "SICCode.SicText_1",
            "city": "RegAddress.PostTown",
        },
        # RegAddress.Country is blank for 643 rows; a registered office is in the UK
        {"country": "GB"},
    ),
    "crunchbase": UniversePreset(
        "crunchbase",
        {
            "company_id": "company_permalink",
            "name": "company_name",
            "industry": "company_category_list",
            "country": "company_country_code",
            "state": "company_state_code",
            "city": "company_city",
        },
    ),
}
