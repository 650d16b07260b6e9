"""Industry codes onto canonical sectors by code range (DEFINITIONS.md section 6).

Recognised shapes (a code with or without its text):
- `62012 - Business and domestic software development`, `62012`: UK SIC 2007
- `7499 - Non-trading company`: UK SIC 2003 (Companies House writes old codes so)
- `7372`: US SIC (the Salesforce `Sic` field); `NAICS 52` or `541511`: NAICS
Two-digit NAICS sectors (`52`) are plain crosswalk rows.
"""

from __future__ import annotations

import re
from functools import cache

from icpkit.taxonomy.reference import read_reference

RANGES_FILE = "industry_code_ranges.csv"
_CODE_TEXT = re.compile(r"^\s*(\d{4,5})\s+-\s+\S")
_BARE_CODE = re.compile(r"^\s*(?:(SIC|NAICS)\s*)?(\d{4,6})\s*$", re.IGNORECASE)
_NAICS_SECTORS = {
    "11": "agriculture_food",
    "21": "energy",
    "22": "utilities",
    "23": "real_estate_construction",
    "31": "manufacturing",
    "32": "manufacturing",
    "33": "manufacturing",
    "42": "retail",
    "44": "retail",
    "45": "retail",
    "48": "transportation_logistics",
    "49": "transportation_logistics",
    "51": "media_entertainment",
    "52": "financial_services",
    "53": "real_estate_construction",
    "54": "business_services",
    "55": "business_services",
    "56": "business_services",
    "61": "education",
    "62": "healthcare",
    "71": "media_entertainment",
    "72": "hospitality_travel",
    "81": "other",
    "92": "government_nonprofit",
}
_NAICS_REFINED = {"5112": "software", "5182": "it_services", "5415": "it_services"}


def code_industry(value: str) -> str | None:
    """Canonical sector of an industry code, or None when `value` is not one."""
    with_text = _CODE_TEXT.match(value)
    if with_text:
        code = with_text.group(1)
        scheme = "uk_sic_2007" if len(code) == 5 else "uk_sic_2003"
        return range_industry(scheme, code)
    bare = _BARE_CODE.match(value)
    if bare is None:
        return None
    prefix, code = (bare.group(1) or "").upper(), bare.group(2)
    if prefix == "NAICS" or len(code) == 6:
        return naics_industry(code)
    if len(code) == 5:
        return range_industry("uk_sic_2007", code)
    return range_industry("us_sic", code)


def naics_industry(code: str) -> str | None:
    """NAICS sector of a 2- to 6-digit code (a few software/IT codes refined)."""
    return _NAICS_REFINED.get(code[:4]) or _NAICS_SECTORS.get(code[:2])


def range_industry(scheme: str, code: str) -> str | None:
    """The industry of the narrowest range of `scheme` holding `code`."""
    for first, last, industry in _ranges(scheme):
        if first <= code <= last:
            return industry
    return None


@cache
def _ranges(scheme: str) -> list[tuple[str, str, str]]:
    """Ranges of one scheme, narrowest first (a refinement beats its division)."""
    table = read_reference(RANGES_FILE)
    rows = table[table["scheme"] == scheme]
    ranges = list(zip(rows["first"], rows["last"], rows["industry"], strict=True))
    return sorted(ranges, key=lambda r: int(r[1]) - int(r[0]))
