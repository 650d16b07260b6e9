"""Countries, states and cities of the sample company, written as CRMs write them."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

NORTH_AMERICA = "North America"
EMEA = "EMEA"
APAC = "APAC"
LATAM = "LATAM"
REGIONS = (NORTH_AMERICA, EMEA, APAC, LATAM)


@dataclass(frozen=True)
class Country:
    """One country: its ISO code, its share of companies, how exports spell it."""

    iso2: str
    weight: float
    spellings: tuple[str, ...]
    region: str
    # (state or "", city) pairs; state is blank where exports leave it blank.
    places: tuple[tuple[str, str], ...]


US_PLACES = (
    ("CA", "San Francisco"), ("CA", "Los Angeles"), ("CA", "San Diego"),
    ("CA", "San Jose"), ("NY", "New York"), ("NY", "Buffalo"), ("TX", "Austin"),
    ("TX", "Dallas"), ("TX", "Houston"), ("WA", "Seattle"), ("MA", "Boston"),
    ("IL", "Chicago"), ("GA", "Atlanta"), ("CO", "Denver"), ("FL", "Miami"),
    ("FL", "Tampa"), ("NC", "Charlotte"), ("NC", "Raleigh"), ("PA", "Philadelphia"),
    ("PA", "Pittsburgh"), ("OH", "Columbus"), ("MN", "Minneapolis"),
    ("VA", "Arlington"), ("NJ", "Newark"), ("AZ", "Phoenix"), ("OR", "Portland"),
    ("UT", "Salt Lake City"), ("TN", "Nashville"), ("MO", "St. Louis"),
)  # fmt: skip

# Namibia (alpha-2 "NA") is planted separately, on one or two accounts only.
COUNTRIES = (
    Country("US", 0.600, ("United States", "USA", "US", "United States of America"),
            NORTH_AMERICA, US_PLACES),
    Country("CA", 0.050, ("Canada", "CA"), NORTH_AMERICA,
            (("ON", "Toronto"), ("ON", "Ottawa"), ("BC", "Vancouver"),
             ("QC", "Montreal"), ("AB", "Calgary"))),
    Country("GB", 0.080, ("United Kingdom", "UK", "GB"), EMEA,
            (("", "London"), ("", "Manchester"), ("", "Edinburgh"), ("", "Bristol"))),
    Country("DE", 0.055, ("Germany", "DE", "Deutschland"), EMEA,
            (("", "Berlin"), ("", "Munich"), ("", "Hamburg"), ("", "Frankfurt"))),
    Country("FR", 0.035, ("France", "FR"), EMEA, (("", "Paris"), ("", "Lyon"))),
    Country("NL", 0.020, ("Netherlands", "NL"), EMEA,
            (("", "Amsterdam"), ("", "Rotterdam"))),
    Country("IE", 0.010, ("Ireland", "IE"), EMEA, (("", "Dublin"),)),
    Country("SE", 0.010, ("Sweden", "SE"), EMEA, (("", "Stockholm"),)),
    Country("ES", 0.010, ("Spain", "ES"), EMEA, (("", "Madrid"), ("", "Barcelona"))),
    Country("IL", 0.005, ("Israel", "IL"), EMEA, (("", "Tel Aviv"),)),
    Country("ZA", 0.005, ("South Africa", "ZA"), EMEA,
            (("", "Johannesburg"), ("", "Cape Town"))),
    Country("AU", 0.040, ("Australia", "AU"), APAC,
            (("NSW", "Sydney"), ("VIC", "Melbourne"), ("QLD", "Brisbane"))),
    Country("JP", 0.020, ("Japan", "JP"), APAC, (("", "Tokyo"), ("", "Osaka"))),
    Country("SG", 0.015, ("Singapore", "SG"), APAC, (("", "Singapore"),)),
    Country("IN", 0.010, ("India", "IN"), APAC, (("", "Bangalore"), ("", "Mumbai"))),
    Country("NZ", 0.005, ("New Zealand", "NZ"), APAC, (("", "Auckland"),)),
    Country("BR", 0.006, ("Brazil", "BR"), LATAM, (("SP", "São Paulo"),)),
    Country("MX", 0.004, ("Mexico", "MX"), LATAM, (("", "Mexico City"),)),
)  # fmt: skip

NAMIBIA = Country("NA", 0.0, ("NA",), EMEA, (("", "Windhoek"),))
BY_ISO = {country.iso2: country for country in (*COUNTRIES, NAMIBIA)}


def draw_countries(rng: np.random.Generator, count: int) -> np.ndarray:
    """ISO alpha-2 codes of `count` companies, mostly US."""
    weights = np.array([country.weight for country in COUNTRIES])
    codes = np.array([country.iso2 for country in COUNTRIES], dtype=object)
    return rng.choice(codes, size=count, p=weights / weights.sum())


def draw_places(rng: np.random.Generator, iso2: np.ndarray) -> pd.DataFrame:
    """State and city for each company, drawn within its country."""
    states = np.empty(len(iso2), dtype=object)
    cities = np.empty(len(iso2), dtype=object)
    for code in sorted(set(iso2)):
        rows = np.flatnonzero(iso2 == code)
        places = BY_ISO[code].places
        picks = rng.integers(0, len(places), size=len(rows))
        states[rows] = [places[pick][0] for pick in picks]
        cities[rows] = [places[pick][1] for pick in picks]
    return pd.DataFrame({"state": states, "city": cities})


def spell_countries(rng: np.random.Generator, iso2: np.ndarray) -> np.ndarray:
    """The country as an export writes it: a mix of names and codes."""
    written = np.empty(len(iso2), dtype=object)
    for code in sorted(set(iso2)):
        rows = np.flatnonzero(iso2 == code)
        spellings = BY_ISO[code].spellings
        # The full name dominates; codes and variants are a minority.
        weights = np.array([3.0] + [1.0] * (len(spellings) - 1))
        picks = rng.choice(len(spellings), size=len(rows), p=weights / weights.sum())
        written[rows] = [spellings[pick] for pick in picks]
    return written


def region_of(iso2: np.ndarray) -> np.ndarray:
    """The default territory region of each ISO code."""
    return np.array([BY_ISO[code].region for code in iso2], dtype=object)
