"""Industry, country, region, domain and employees of accounts and universe rows
(DEFINITIONS.md sections 1, 2 and 6)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from icpkit.ingest.context import FileContext
from icpkit.taxonomy import (
    UNMAPPED,
    canonical_industry,
    country_code,
    region_of,
    us_states,
)

# Two-letter codes that are states or provinces, so never read as a country.
_CANADIAN_PROVINCES = (
    "AB",
    "BC",
    "MB",
    "NB",
    "NL",
    "NS",
    "NT",
    "NU",
    "ON",
    "PE",
    "QC",
    "SK",
    "YT",
)
MAX_UNMAPPED_LISTED = 100  # distinct unmapped industries listed one by one
_US_TERRITORIES = ("PR", "GU", "VI", "AS", "MP")
_DOMAIN_PREFIX = r"^(?:[a-z][a-z0-9+.-]*://)?(?:www\d?\.)?"


def add_firmographics(
    frame: pd.DataFrame, ctx: FileContext, country_regions: Mapping[str, str]
) -> pd.DataFrame:
    """Canonical industry (keeping the source value), ISO country, region, domain."""
    frame = frame.copy()
    frame["industry_source"] = frame["industry"]
    frame["industry"] = _industry(frame["industry"], ctx)
    frame = _country_from_state(frame, ctx)
    frame["country"] = _country(frame["country"], ctx)
    derived = region_of(frame["country"], country_regions)
    frame["region"] = derived.where(frame["country"].notna(), frame["region"])
    frame["domain"] = _domain(frame["domain"], ctx)
    ctx.findings.count_mask(
        ctx.table,
        "employees_zero",
        "info",
        frame["employees"].eq(0),
        f"{ctx.file}: employees is 0; kept, size band `unknown`",
        frame["name"],
    )
    return frame


def _industry(values: pd.Series, ctx: FileContext) -> pd.Series:
    """Canonical industry; blanks (also `None Supplied`, `unknown`) and each
    distinct unmapped value with its row count are reported as findings."""
    canonical = canonical_industry(values, ctx.industry_overrides)
    ctx.findings.count_mask(
        ctx.table,
        "industry_blank",
        "warning",
        canonical.isna(),
        f"{ctx.file}: industry is blank or written-out blank; segment industry unknown",
        values.fillna(""),
    )
    unmapped = values[canonical.eq(UNMAPPED).fillna(False).astype(bool)]
    _report_unmapped(unmapped.value_counts(), ctx)
    return canonical


def _report_unmapped(counts: pd.Series, ctx: FileContext) -> None:
    """One finding per distinct unmapped value (the most frequent first), the
    values past MAX_UNMAPPED_LISTED summed in one more."""
    hint = "map it in the industry_overrides file (`icpkit taxonomy suggest`)"
    for value, count in counts.head(MAX_UNMAPPED_LISTED).items():
        detail = f"{ctx.file}: industry {value!r} is outside the crosswalk, kept as "
        ctx.findings.add(
            ctx.table,
            "industry_unmapped",
            "warning",
            int(count),
            detail + f"`unmapped`; {hint}",
            value,
        )
    rest = counts.iloc[MAX_UNMAPPED_LISTED:]
    if len(rest):
        detail = f"{ctx.file}: {len(rest)} more industry values outside the crosswalk"
        ctx.findings.add(
            ctx.table,
            "industry_unmapped",
            "warning",
            int(rest.sum()),
            detail + f"; {hint}",
            rest.index[0],
        )


def _country(values: pd.Series, ctx: FileContext) -> pd.Series:
    codes = country_code(values)
    unknown = values.notna() & codes.isna()
    top = values[unknown].value_counts().head(5)
    listed = ", ".join(f"{value!r} ({count})" for value, count in top.items())
    ctx.findings.count_mask(
        ctx.table,
        "country_unrecognised",
        "warning",
        unknown,
        f"{ctx.file}: not a country name or ISO code, kept as null: {listed}",
        values,
    )
    return codes


def _country_from_state(frame: pd.DataFrame, ctx: FileContext) -> pd.DataFrame:
    """Salesforce demo exports put `UK` and `Singapore` in BillingState: where the
    country is blank and the state is a country, not a US or Canadian code, move it."""
    state = frame["state"]
    subdivisions = {*us_states(), *_CANADIAN_PROVINCES, *_US_TERRITORIES}
    is_subdivision = state.str.upper().isin(subdivisions).fillna(False)
    moved = frame["country"].isna() & country_code(state).notna() & ~is_subdivision
    ctx.findings.count_mask(
        ctx.table,
        "country_in_state",
        "info",
        moved,
        f"{ctx.file}: state holds a country and country is blank; moved",
        state,
    )
    frame.loc[moved, "country"] = state[moved]
    frame.loc[moved, "state"] = pd.NA
    return frame


def web_hosts(values: pd.Series) -> pd.Series:
    """Lower-case host of a website or domain (`https://www.Acme.com/x` -> acme.com);
    a value without a dot (`fuhu`, an Inc. 5000 slug) is not a domain: null."""
    host = values.astype("string").str.lower()
    host = host.str.replace(_DOMAIN_PREFIX, "", regex=True)
    host = host.str.split(r"[/?#:]", n=1, regex=True).str[0].str.strip(".")
    valid = host.str.contains(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)+$", na=False)
    return host.where(valid).astype("string")


def _domain(values: pd.Series, ctx: FileContext) -> pd.Series:
    """web_hosts, counting the values that are not a web domain."""
    host = web_hosts(values)
    invalid = values.notna() & host.isna()
    ctx.findings.count_mask(
        ctx.table,
        "domain_invalid",
        "warning",
        invalid,
        f"{ctx.file}: not a web domain, kept as null",
        values,
    )
    return host
