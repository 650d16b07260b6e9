"""Domain normalisation to the registrable domain, offline (no public-suffix fetch)."""

from __future__ import annotations

import pandas as pd

# Multi-part public suffixes common in company websites. A shipped, partial list:
# TODO: ship the full public suffix list snapshot (tldextract with suffix_list_urls=()).
MULTI_PART_SUFFIXES = (
    "co.uk", "org.uk", "ac.uk", "gov.uk", "ltd.uk", "plc.uk", "me.uk",
    "com.au", "net.au", "org.au", "edu.au", "gov.au",
    "co.nz", "org.nz", "co.jp", "ne.jp", "or.jp", "co.kr", "or.kr",
    "com.br", "com.mx", "com.ar", "com.cn", "com.hk", "com.sg", "com.tw", "com.tr",
    "co.in", "co.za", "co.il", "com.my", "co.id", "com.ph", "com.co", "com.pe",
)  # fmt: skip

# Shared mail and hosting domains: they never identify one company.
GENERIC_DOMAINS = frozenset(
    {
        "gmail.com", "googlemail.com", "yahoo.com", "hotmail.com", "outlook.com",
        "live.com", "aol.com", "icloud.com", "msn.com", "protonmail.com",
        "linkedin.com", "facebook.com", "wixsite.com", "blogspot.com", "github.io",
        "example.com",
    }
)  # fmt: skip

_SUFFIX = "|".join(s.replace(".", r"\.") for s in MULTI_PART_SUFFIXES)
_REGISTRABLE = r"(?:^|\.)([a-z0-9-]+\.(?:" + _SUFFIX + r"|[a-z][a-z0-9-]*[a-z]))$"


def normalise_domain(values: pd.Series) -> pd.Series:
    """Registrable domain of a website or domain value, lower-case; null if none.

    `https://investor.fb.com/x` -> fb.com, `www8.hp.com:443` -> hp.com,
    `shop.example.co.uk` -> example.co.uk, an e-mail address -> its domain.
    """
    text = values.astype("string").str.strip().str.lower()
    text = text.str.replace(r"^[a-z][a-z0-9+.\-]*://", "", regex=True)
    text = text.str.replace(r"^[^/@]*@", "", regex=True)
    text = text.str.replace(r"[/?#\s].*$", "", regex=True)
    text = text.str.replace(r":\d*$", "", regex=True).str.rstrip(".")
    return text.str.extract(_REGISTRABLE, expand=False).astype("string")


def is_generic(domains: pd.Series) -> pd.Series:
    """True where the domain is a shared mail or hosting domain."""
    return pd.Series(domains.isin(GENERIC_DOMAINS), index=domains.index, dtype=bool)
