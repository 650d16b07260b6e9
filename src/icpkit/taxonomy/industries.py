"""Canonical industries and the shipped crosswalk onto them (DEFINITIONS.md 6)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

import pandas as pd

from icpkit.taxonomy.keys import lookup_key, lookup_keys
from icpkit.taxonomy.reference import read_reference

# TODO: NAICS 2-digit and SIC division codes (DEFINITIONS 6) are not in the crosswalk
# yet, nor pipe-separated multi-category values (Crunchbase); they come out unmapped.
# TODO: no icpkit.toml setting feeds `overrides` yet (needs a config field).
CROSSWALK_FILE = "industry_crosswalk.csv"
UNMAPPED = "unmapped"
INDUSTRIES: tuple[str, ...] = (
    "software",
    "it_services",
    "hardware",
    "telecommunications",
    "financial_services",
    "insurance",
    "healthcare",
    "life_sciences",
    "retail",
    "consumer_goods",
    "manufacturing",
    "energy",
    "utilities",
    "transportation_logistics",
    "real_estate_construction",
    "media_entertainment",
    "education",
    "government_nonprofit",
    "business_services",
    "hospitality_travel",
    "agriculture_food",
    "other",
)


@cache
def industry_crosswalk() -> dict[str, str]:
    """Lookup key of every known source value -> canonical industry.

    Raises ValueError when two vocabularies send one key to different industries, or
    when a row names an industry outside INDUSTRIES (a broken shipped file).
    """
    table = read_reference(CROSSWALK_FILE)
    crosswalk: dict[str, str] = {}
    for value, industry in zip(table["value"], table["industry"], strict=True):
        if industry not in INDUSTRIES:
            raise ValueError(
                f"{CROSSWALK_FILE}: {value!r} maps to unknown {industry!r}"
            )
        key = lookup_key(value)
        if crosswalk.setdefault(key, industry) != industry:
            raise ValueError(f"{CROSSWALK_FILE}: {value!r} maps to two industries")
    return crosswalk


def canonical_industry(
    values: pd.Series, overrides: Mapping[str, str] | None = None
) -> pd.Series:
    """Canonical sector of each source industry (DEFINITIONS.md section 6).

    Matching ignores case, spacing and punctuation. `overrides` (source value ->
    canonical industry) wins over the shipped crosswalk. A blank stays null; a value
    that maps nowhere becomes `unmapped`, never a guess.
    """
    crosswalk = dict(industry_crosswalk())
    for source, industry in (overrides or {}).items():
        if industry not in INDUSTRIES:
            allowed = ", ".join(INDUSTRIES)
            raise ValueError(
                f"industry override {source!r} -> {industry!r}: use {allowed}"
            )
        crosswalk[lookup_key(source)] = industry
    keys = lookup_keys(values.astype("string"))
    mapped = keys.map(crosswalk).astype("string")
    given = keys.fillna("").ne("")
    unmapped = given & mapped.isna()
    return mapped.mask(unmapped, UNMAPPED).astype("string")
