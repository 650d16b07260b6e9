"""Proposed mappings for unmapped industry values, by string similarity, for the
user to review and accept into the override file (DEFINITIONS.md section 6)."""

from __future__ import annotations

import re
from functools import cache

import pandas as pd
from rapidfuzz import fuzz, process, utils

from icpkit.taxonomy.countries import country_code
from icpkit.taxonomy.industries import (
    CROSSWALK_PREFIX,
    INDUSTRIES,
    LIST_SEPARATOR,
    UNMAPPED,
)
from icpkit.taxonomy.reference import read_reference, reference_files

SUGGESTION_COLUMNS = ("value", "count", "suggested_industry", "similarity", "matched")
# Below this similarity (0-100) the nearest text is not proposed.
MIN_SIMILARITY = 75
# A two-letter code or "City, ST": a location written in the industry column.
_PLACE = re.compile(r"[A-Z]{2}|[^,]+,\s*[A-Z]{2}")
# Words that name a sector without being in any shipped vocabulary.
SECTOR_KEYWORDS: dict[str, tuple[str, ...]] = {
    "software": ("software", "saas", "cloud", "platform", "app", "internet"),
    "it_services": ("it services", "it consulting", "managed services", "hosting"),
    "hardware": ("hardware", "devices", "electronics", "semiconductor", "chips"),
    "telecommunications": ("telecom", "telco", "wireless", "carrier", "broadband"),
    "financial_services": ("bank", "finance", "fintech", "lending", "payments"),
    "insurance": ("insurance", "insurer", "insurtech", "underwriting"),
    "healthcare": ("health", "hospital", "clinic", "medical", "care"),
    "life_sciences": ("pharma", "biotech", "medtech", "laboratory", "life science"),
    "retail": ("retail", "store", "shop", "ecommerce", "wholesale"),
    "consumer_goods": ("consumer products", "cpg", "apparel", "cosmetics"),
    "manufacturing": ("manufacturing", "industrial", "factory", "machinery"),
    "energy": ("energy", "oil", "gas", "solar", "renewables", "mining"),
    "utilities": ("utility", "utilities", "water", "electricity"),
    "transportation_logistics": ("logistics", "freight", "shipping", "transport"),
    "real_estate_construction": ("real estate", "property", "construction"),
    "media_entertainment": ("media", "entertainment", "publishing", "gaming"),
    "education": ("education", "school", "university", "edtech", "training"),
    "government_nonprofit": ("government", "public sector", "nonprofit", "charity"),
    "business_services": ("services", "consulting", "marketing", "staffing"),
    "hospitality_travel": ("hospitality", "hotel", "restaurant", "travel"),
    "agriculture_food": ("agriculture", "farming", "food", "beverage", "agtech"),
    "other": ("other", "miscellaneous", "conglomerate"),
}


def suggest_mappings(values: pd.Series) -> pd.DataFrame:
    """One proposal per distinct value: the canonical industry of the most
    similar crosswalk value, sector name or keyword (rapidfuzz token_sort_ratio, 0-100).

    Columns: value, count (rows), suggested_industry, similarity, matched (the
    text it resembled); the most frequent values first. Pipe-separated lists
    are scored item by item and take their best item.
    """
    counts = values.dropna().astype(str).value_counts()
    rows = [(value, int(n), *_best_match(str(value))) for value, n in counts.items()]
    frame = pd.DataFrame(rows, columns=list(SUGGESTION_COLUMNS))
    return frame.sort_values(["count", "value"], ascending=[False, True]).reset_index(
        drop=True
    )


def _best_match(value: str) -> tuple[str, float, str]:
    """(industry, similarity, matched text). A sector keyword named as a word of
    the value wins (the longest); a place (`CA`, `Chicago, IL`, a country) or a
    value resembling nothing closely stays unmapped."""
    if _looks_like_a_place(value):
        return UNMAPPED, 0.0, "looks like a place, not an industry"
    keyword = _keyword_match(value)
    if keyword is not None:
        return keyword
    best = _fuzzy_match(value)
    if best[1] < MIN_SIMILARITY:
        return UNMAPPED, best[1], f"nothing close (nearest: {best[2]})"
    return best


def _looks_like_a_place(value: str) -> bool:
    text = value.strip()
    if _PLACE.fullmatch(text):
        return True
    return bool(country_code(pd.Series([text], dtype="string")).notna().iloc[0])


def _keyword_match(value: str) -> tuple[str, float, str] | None:
    words = f" {utils.default_process(value)} "
    hits = [
        (len(keyword), keyword, industry)
        for industry, keywords in SECTOR_KEYWORDS.items()
        for keyword in keywords
        if f" {keyword} " in words
    ]
    if not hits:
        return None
    _, keyword, industry = max(hits)
    return industry, 100.0, keyword


def _fuzzy_match(value: str) -> tuple[str, float, str]:
    choices = _choices()
    best = (UNMAPPED, 0.0, "")
    for item in value.split(LIST_SEPARATOR):
        found = process.extractOne(
            item,
            list(choices),
            scorer=fuzz.token_sort_ratio,
            processor=utils.default_process,
        )
        if found is not None and found[1] > best[1]:
            best = (choices[found[0]], round(float(found[1]), 1), found[0])
    return best


@cache
def _choices() -> dict[str, str]:
    """Text a value may resemble -> its canonical industry."""
    choices: dict[str, str] = {}
    for file_name in reference_files(CROSSWALK_PREFIX):
        table = read_reference(file_name)
        choices.update(zip(table["value"], table["industry"], strict=True))
    for industry in INDUSTRIES:
        choices[industry.replace("_", " ")] = industry
        choices.update(dict.fromkeys(SECTOR_KEYWORDS[industry], industry))
    choices.pop(UNMAPPED, None)
    return choices
