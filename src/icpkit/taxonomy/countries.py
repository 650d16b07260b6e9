"""Country names, aliases and codes -> ISO 3166 alpha-2; GTM regions (DEFINITIONS 1)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

import pandas as pd

from icpkit.taxonomy.keys import lookup_key, lookup_keys
from icpkit.taxonomy.reference import read_reference

ISO_FILE = "iso3166_countries_regions.csv"
ALIASES_FILE = "country_aliases.csv"
CENSUS_FILE = "us_census_regions_divisions.csv"

# UN M49 sub-region (or region) -> default go-to-market region.
_GTM_BY_SUBREGION = {
    "Northern America": "North America",
    "Latin America and the Caribbean": "LATAM",
    "Western Asia": "EMEA",
}
_GTM_BY_REGION = {"Europe": "EMEA", "Africa": "EMEA", "Asia": "APAC", "Oceania": "APAC"}
# The ISO table leaves the region of these blank; placed by hand.
_GTM_BLANK_REGION = {"TW": "APAC"}
_SHORT_NAME = re.compile(r"\s*[,(].*$")


@cache
def country_lookup() -> dict[str, str]:
    """Lookup key -> alpha-2 for ISO names, alpha-2, alpha-3, short names and aliases.

    Short names (`Bolivia` from `Bolivia (Plurinational State of)`) are kept only when
    they point at one country; the alias file then overrides (e.g. `Korea` -> KR).
    """
    iso = read_reference(ISO_FILE)
    lookup: dict[str, str] = {}
    short: dict[str, set[str]] = {}
    for name, alpha2, alpha3 in zip(
        iso["name"], iso["alpha-2"], iso["alpha-3"], strict=True
    ):
        lookup[lookup_key(name)] = alpha2
        lookup[lookup_key(alpha2)] = alpha2
        lookup[lookup_key(alpha3)] = alpha2
        short.setdefault(lookup_key(_SHORT_NAME.sub("", name)), set()).add(alpha2)
    for key, codes in short.items():
        if len(codes) == 1 and key not in lookup:
            lookup[key] = next(iter(codes))
    aliases = read_reference(ALIASES_FILE)
    for alias, alpha2 in zip(aliases["alias"], aliases["alpha_2"], strict=True):
        lookup[lookup_key(alias)] = alpha2
    return lookup


def country_code(values: pd.Series) -> pd.Series:
    """ISO alpha-2 code of each country name, alias, alpha-2 or alpha-3 value.

    Unrecognised values (`SF Bay Area`, `LANCS`) become null; the caller counts them.
    """
    keys = lookup_keys(values.astype("string"))
    return keys.map(country_lookup()).astype("string")


@cache
def _un_regions() -> dict[str, tuple[str, str]]:
    iso = read_reference(ISO_FILE)
    pairs = zip(iso["region"], iso["sub-region"], strict=True)
    return dict(zip(iso["alpha-2"], pairs, strict=True))


def default_region(code: str) -> str | None:
    """Default GTM region of an alpha-2 code: North America, LATAM, EMEA or APAC.

    Northern America -> North America; Latin America and the Caribbean -> LATAM;
    Europe, Africa and Western Asia -> EMEA; the rest of Asia and Oceania -> APAC.
    None for codes outside the ISO table and for Antarctica.
    """
    if code in _GTM_BLANK_REGION:
        return _GTM_BLANK_REGION[code]
    region, sub_region = _un_regions().get(code, ("", ""))
    return _GTM_BY_SUBREGION.get(sub_region) or _GTM_BY_REGION.get(region)


def region_of(
    codes: pd.Series, overrides: Mapping[str, str] | None = None
) -> pd.Series:
    """Territory region of each alpha-2 code: `overrides` (config.country_regions)
    first, else default_region()."""
    table = {code: default_region(code) for code in _un_regions()}
    table.update(_GTM_BLANK_REGION)
    table.update({code.upper(): region for code, region in (overrides or {}).items()})
    return codes.astype("string").map(table).astype("string")


@cache
def us_states() -> dict[str, tuple[str, str]]:
    """US state code -> (census region, census division), 50 states and DC."""
    census = read_reference(CENSUS_FILE)
    pairs = zip(census["Region"], census["Division"], strict=True)
    return dict(zip(census["State Code"], pairs, strict=True))


def us_census_region(state_codes: pd.Series) -> pd.Series:
    """Census region (Northeast, Midwest, South, West) of US state codes; null for
    codes outside the 50 states and DC (Puerto Rico is not in the census table)."""
    regions = {code: region for code, (region, _) in us_states().items()}
    return state_codes.astype("string").str.upper().map(regions).astype("string")


def us_state_code(values: pd.Series) -> pd.Series:
    """Two-letter code of US states written as code or name (`Minnesota`, `mn`,
    `D.C.`, `Virginia[2]` with a footnote); null for anything else."""
    census = read_reference(CENSUS_FILE)
    codes = {lookup_key(code): code for code in census["State Code"]}
    names = zip(census["State"], census["State Code"], strict=True)
    codes.update({lookup_key(name): code for name, code in names})
    codes["districtofcolumbia"] = "DC"
    text = values.astype("string").str.replace(r"\[\d+\]$", "", regex=True)
    return lookup_keys(text).map(codes).astype("string")
