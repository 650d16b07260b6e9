"""Name and domain normalisation against the quirks of the real company lists."""

from __future__ import annotations

import pandas as pd
import pytest

from icpkit.resolve import name_key, normalise_domain, normalise_name

NAMES = [
    ("Amazon", "amazon"),
    ("AMAZON COM INC", "amazon"),
    ("Amazon.com Inc", "amazon"),
    ("COSTCO WHOLESALE CORP /NEW", "costco wholesale"),
    ("Costco Wholesale", "costco wholesale"),
    ("Lowe&#8217;s", "lowes"),
    ("Lowe's Companies, Inc.", "lowes"),
    ("McDonald&#8217;s", "mcdonalds"),
    ("AT&amp;T Inc.", "at and t"),
    ("AT & T", "at and t"),
    ("Becton Dickinson & Co", "becton dickinson"),
    ("The Home Depot", "home depot"),
    ("Tesla Inc /DE/", "tesla"),
    ("Siemens AG", "siemens"),
    ("Banco Santander, S.A.", "banco santander"),
    ("Banco Santander S. A.", "banco santander"),
    ("Acme L.L.C.", "acme"),
    ("Acme Holdings Ltd", "acme"),
    ("Volvo AB", "volvo"),
    ("Nokia Oyj Oy", "nokia oyj"),
    ("  Wal-Mart   Stores  ", "wal mart stores"),
    ('"A" CERAMICS LIMITED', "a ceramics"),
    ("F5, Inc.", "f5"),
    ("Holdings Inc", "holdings"),
]


@pytest.mark.parametrize(("raw", "expected"), NAMES)
def test_normalise_name(raw: str, expected: str) -> None:
    assert normalise_name(pd.Series([raw])).iloc[0] == expected


def test_name_key_joins_spacing_variants() -> None:
    keys = name_key(
        normalise_name(pd.Series(["Wal-Mart Stores", "Walmart Stores Inc"]))
    )
    assert keys.iloc[0] == keys.iloc[1] == "walmartstores"


def test_empty_and_missing_names_are_null() -> None:
    result = normalise_name(pd.Series(["!!!", None, "  "], dtype="string"))
    assert result.isna().all()


DOMAINS = [
    ("https://investor.fb.com", "fb.com"),
    ("https://www8.hp.com", "hp.com"),
    ("https://corporate.target.com", "target.com"),
    ("https://www.stock.walmart.com", "walmart.com"),
    ("HTTP://Shop.Example.CO.UK:8080/path?q=1", "example.co.uk"),
    ("www.bbc.co.uk", "bbc.co.uk"),
    ("woolworths.com.au/", "woolworths.com.au"),
    ("info@acme.com", "acme.com"),
    ("acme.com.", "acme.com"),
    ("ir.company.io/#top", "company.io"),
    ("192.168.0.1", None),
    ("n/a", None),
    ("", None),
]


@pytest.mark.parametrize(("raw", "expected"), DOMAINS)
def test_normalise_domain(raw: str, expected: str | None) -> None:
    result = normalise_domain(pd.Series([raw])).iloc[0]
    assert (pd.isna(result) and expected is None) or result == expected
