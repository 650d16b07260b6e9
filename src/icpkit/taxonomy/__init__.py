"""Canonical industries, size bands, countries and regions (DEFINITIONS 2 and 6)."""

from icpkit.taxonomy.countries import (
    country_code,
    default_region,
    region_of,
    us_census_region,
    us_state_code,
    us_states,
)
from icpkit.taxonomy.industries import INDUSTRIES, UNMAPPED, canonical_industry
from icpkit.taxonomy.keys import lookup_key
from icpkit.taxonomy.overrides import read_industry_overrides
from icpkit.taxonomy.size_bands import UNKNOWN_BAND, size_band
from icpkit.taxonomy.suggest import suggest_mappings

__all__ = [
    "INDUSTRIES",
    "UNKNOWN_BAND",
    "UNMAPPED",
    "canonical_industry",
    "country_code",
    "default_region",
    "lookup_key",
    "read_industry_overrides",
    "region_of",
    "size_band",
    "suggest_mappings",
    "us_census_region",
    "us_state_code",
    "us_states",
]
