"""Canonical industries and the shipped crosswalks onto them (DEFINITIONS.md 6)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from functools import cache

import pandas as pd

from icpkit.taxonomy.industry_codes import code_industry
from icpkit.taxonomy.keys import lookup_key
from icpkit.taxonomy.reference import read_reference, reference_files

CROSSWALK_FILE = "industry_crosswalk.csv"
CROSSWALK_PREFIX = "industry_crosswalk"
UNMAPPED = "unmapped"
LIST_SEPARATOR = "|"
# Written-out blanks: an industry given as one of these is missing, not unmapped.
BLANK_KEYS = frozenset({"", "nonesupplied", "notsupplied", "unknown", "na", "none"})
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
    """Lookup key of every known source value -> canonical industry, from every
    shipped `industry_crosswalk*.csv` (one file per family of vocabularies).

    Raises ValueError when two vocabularies send one key to different industries, or
    when a row names an industry outside INDUSTRIES (a broken shipped file).
    """
    crosswalk: dict[str, str] = {}
    for file_name in reference_files(CROSSWALK_PREFIX):
        table = read_reference(file_name)
        for value, industry in zip(table["value"], table["industry"], strict=True):
            if industry not in INDUSTRIES:
                raise ValueError(f"{file_name}: {value!r} maps to unknown {industry!r}")
            key = lookup_key(value)
            if crosswalk.setdefault(key, industry) != industry:
                raise ValueError(f"{file_name}: {value!r} maps to two industries")
    return crosswalk


def canonical_industry(
    values: pd.Series, overrides: Mapping[str, str] | None = None
) -> pd.Series:
    """Canonical sector of each source industry (DEFINITIONS.md section 6).

    In order: `overrides` (source value -> canonical industry), the shipped
    crosswalks (ignoring case, spacing and punctuation), industry codes (SIC,
    NAICS, UK SIC `code - text`), then pipe-separated lists by their majority
    mappable item (ties: the first). A blank or a written-out blank (`None
    Supplied`, `unknown`) stays null; a value that maps nowhere becomes
    `unmapped`, never a guess.
    """
    crosswalk = dict(industry_crosswalk())
    crosswalk.update(_checked_overrides(overrides or {}))
    text = values.astype("string")
    distinct = text.dropna().unique()
    mapping = {value: _one_industry(str(value), crosswalk) for value in distinct}
    return text.map(mapping).astype("string")


def _checked_overrides(overrides: Mapping[str, str]) -> dict[str, str]:
    checked = {}
    for source, industry in overrides.items():
        if industry not in (*INDUSTRIES, UNMAPPED):
            allowed = ", ".join((*INDUSTRIES, UNMAPPED))
            raise ValueError(
                f"industry override {source!r} -> {industry!r}: use {allowed}"
            )
        checked[lookup_key(source)] = industry
    return checked


def _one_industry(value: str, crosswalk: Mapping[str, str]) -> str | None:
    key = lookup_key(value)
    if key in BLANK_KEYS:
        return None
    found = crosswalk.get(key) or code_industry(value)
    if found is None and LIST_SEPARATOR in value:
        found = _majority(value.split(LIST_SEPARATOR), crosswalk)
    return found or UNMAPPED


def _majority(items: list[str], crosswalk: Mapping[str, str]) -> str | None:
    """The industry most items of a list map to; a tie goes to the earliest."""
    found = [crosswalk.get(lookup_key(item)) or code_industry(item) for item in items]
    mapped = [industry for industry in found if industry is not None]
    if not mapped:
        return None
    counts = Counter(mapped)
    return max(mapped, key=lambda industry: (counts[industry], -mapped.index(industry)))


def is_unmapped(canonical: pd.Series) -> pd.Series:
    """True where canonical_industry gave `unmapped` (False for blanks)."""
    return canonical.eq(UNMAPPED).fillna(False).astype(bool)
