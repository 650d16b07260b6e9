"""Proposed mappings for unmapped industry values, by string similarity, for the
user to review and accept into the override file (DEFINITIONS.md section 6)."""

from __future__ import annotations

from functools import cache

import pandas as pd
from rapidfuzz import fuzz, process, utils

from icpkit.taxonomy.industries import (
    CROSSWALK_PREFIX,
    INDUSTRIES,
    LIST_SEPARATOR,
    UNMAPPED,
)
from icpkit.taxonomy.reference import read_reference, reference_files

SUGGESTION_COLUMNS = ("value", "count", "suggested_industry", "similarity", "matched")
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
    choices = _choices()
    best = ("other", 0.0, "")
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
