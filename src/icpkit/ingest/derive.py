"""Columns computed from another source column (`InputSpec.derive`): the Inc. 5000
2019 name from its profile URL, city/state/country from `City, ST` strings."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from icpkit.taxonomy import lookup_key, us_state_code


def slug(values: pd.Series) -> pd.Series:
    """`https://www.inc.com/profile/quest-nutrition/` -> `quest nutrition`."""
    last = values.str.rstrip("/").str.rsplit("/", n=1).str[-1]
    return last.str.replace("-", " ", regex=False).str.strip()


def city(values: pd.Series) -> pd.Series:
    """`Bentonville, AR` -> `Bentonville` (text before the last comma)."""
    has_comma = values.str.contains(",", regex=False).fillna(False)
    return values.str.rsplit(",", n=1).str[0].str.strip().where(has_comma)


def _place(values: pd.Series) -> pd.Series:
    has_comma = values.str.contains(",", regex=False).fillna(False)
    return values.str.rsplit(",", n=1).str[-1].str.strip().where(has_comma)


def state(values: pd.Series) -> pd.Series:
    """`Saint Paul, Minnesota` -> `MN`; null when the place is not a US state."""
    return us_state_code(_place(values))


def country(values: pd.Series) -> pd.Series:
    """`US` when the place after the comma is a US state, else that place
    (`Dublin, Ireland` -> `Ireland`, read as a country name later)."""
    place = _place(values)
    return place.mask(us_state_code(place).notna(), "US")


TRANSFORMS: dict[str, Callable[[pd.Series], pd.Series]] = {
    "slug": slug,
    "city": city,
    "state": state,
    "country": country,
}


def parse_derive(rule: str) -> tuple[str, str]:
    """`"slug:page_url"` -> ("slug", "page_url"); ("", rule) when not of that form."""
    transform, _, column = rule.partition(":")
    return (transform.strip(), column.strip()) if column else ("", rule)


def derive_column(raw: pd.DataFrame, rule: str) -> pd.Series:
    """`rule` (`transform:column`, already checked) applied to its column."""
    transform, source = parse_derive(rule)
    headers = {lookup_key(str(header)): header for header in raw.columns}
    values = raw[headers[lookup_key(source)]].astype("string")
    return TRANSFORMS[transform](values).astype("string")
