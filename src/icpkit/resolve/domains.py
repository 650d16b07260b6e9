"""Domain normalisation to the registrable domain by the public suffix list, offline.

The list is the snapshot tldextract ships: it is read with `suffix_list_urls=()`
and no cache folder, so nothing is ever fetched or written. Its private section
counts too: a site on a hosting platform (`acme.github.io`,
`acme.myshopify.com`) is that site, not the platform.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

# Shared mail and hosting domains: they never identify one company.
GENERIC_DOMAINS = frozenset(
    {
        "gmail.com", "googlemail.com", "yahoo.com", "hotmail.com", "outlook.com",
        "live.com", "aol.com", "icloud.com", "msn.com", "protonmail.com",
        "linkedin.com", "facebook.com", "wixsite.com", "blogspot.com", "github.io",
        "example.com",
    }
)  # fmt: skip

# Cleaning of a website, URL or e-mail value down to its host name, in order.
_HOST_STEPS = (
    (r"^[a-z][a-z0-9+.\-]*://", ""),  # scheme
    (r"^[^/@]*@", ""),  # user or mailbox
    (r"[/?#\s].*$", ""),  # path, query, fragment
    (r":\d*$", ""),  # port
    (r"^\.+|\.+$", ""),  # leading or trailing dots
)


@dataclass(frozen=True)
class SuffixRules:
    """The public suffix list: plain rules, wildcard rules ("*.ck" kept as
    "ck"), exceptions ("!www.ck" kept as "www.ck") and the most labels a rule
    has."""

    plain: frozenset[str]
    wildcard: frozenset[str]
    exception: frozenset[str]
    longest: int


def normalise_domain(values: pd.Series) -> pd.Series:
    """Registrable domain of a website or domain value, lower-case; null if none.

    `https://investor.fb.com/x` -> fb.com, `www8.hp.com:443` -> hp.com,
    `shop.example.co.uk` -> example.co.uk, an e-mail address -> its domain. A
    host without a known public suffix (an IP address, `n/a`) is null.
    """
    codes, distinct = pd.factorize(values.astype("string"), use_na_sentinel=True)
    hosts = _hosts(pa.array(distinct, type=pa.string())).to_pylist()
    rules = suffix_rules()
    domains = [registrable_domain(host, rules) for host in hosts]
    taken = pd.array(domains, dtype="string").take(codes, allow_fill=True)
    return pd.Series(taken, index=values.index, dtype="string")


def is_generic(domains: pd.Series) -> pd.Series:
    """True where the domain is a shared mail or hosting domain."""
    return pd.Series(domains.isin(GENERIC_DOMAINS), index=domains.index, dtype=bool)


def registrable_domain(host: str, rules: SuffixRules) -> str | None:
    """The public suffix of `host` plus one label (PSL algorithm: the longest
    matching rule, an exception rule beating a wildcard); None when the host has
    no known suffix or is a suffix itself."""
    labels = host.split(".")
    if len(labels) < 2 or "" in labels:
        return None
    size = _suffix_size(labels, rules)
    if size == 0 or size >= len(labels):
        return None
    return ".".join(labels[-size - 1 :])


def _suffix_size(labels: list[str], rules: SuffixRules) -> int:
    """How many trailing labels form the public suffix (0: none known)."""
    for size in range(min(len(labels), rules.longest + 1), 0, -1):
        candidate = ".".join(labels[-size:])
        if candidate in rules.exception:
            return size - 1
        if candidate in rules.plain:
            return size
        if size > 1 and ".".join(labels[-size + 1 :]) in rules.wildcard:
            return size
    return 0


@functools.cache
def suffix_rules() -> SuffixRules:
    """The rules of the shipped public suffix list snapshot (read once)."""
    import tldextract

    extract = tldextract.TLDExtract(
        suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True
    )
    rules = [rule.lower() for rule in extract.tlds]
    plain, wildcard, exception = set(), set(), set()
    for rule in rules:
        for spelling in _spellings(rule):
            if spelling.startswith("!"):
                exception.add(spelling[1:])
            elif spelling.startswith("*."):
                wildcard.add(spelling[2:])
            else:
                plain.add(spelling)
    longest = max(rule.count(".") + 1 for rule in rules)
    return SuffixRules(
        frozenset(plain), frozenset(wildcard), frozenset(exception), longest
    )


def _spellings(rule: str) -> list[str]:
    """The rule as listed and, for an internationalised one, its punycode form."""
    if rule.isascii():
        return [rule]
    marker = rule[0] if rule[0] in "!*" else ""
    body = rule[2:] if marker == "*" else rule[len(marker) :]
    prefix = "*." if marker == "*" else marker
    try:
        encoded = ".".join(label.encode("idna").decode() for label in body.split("."))
    except UnicodeError:
        return [rule]
    return [rule, prefix + encoded]


def _hosts(values: pa.Array) -> pa.Array:
    """Host name of each value: lower-case, without scheme, mailbox, path, port."""
    text = pc.utf8_lower(pc.utf8_trim_whitespace(values))
    for pattern, replacement in _HOST_STEPS:
        text = pc.replace_substring_regex(text, pattern, replacement)
    return text
