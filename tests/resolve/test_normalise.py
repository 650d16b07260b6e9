"""Name and domain normalisation against the quirks of the real company lists."""

from __future__ import annotations

import pandas as pd
import pytest

from icpkit.resolve import name_key, normalise_domain, normalise_name
from icpkit.resolve.domains import registrable_domain, suffix_rules
from icpkit.resolve.names import LEGAL_FORMS, sorted_token_key

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
    ("Nokia Oyj Oy", "nokia"),
    ("  Wal-Mart   Stores  ", "wal mart stores"),
    ('"A" CERAMICS LIMITED', "a ceramics"),
    ("F5, Inc.", "f5"),
    ("Holdings Inc", "holdings"),
    # Legal forms by country, dotted, spaced and plain.
    ("Fiat S.p.A.", "fiat"),
    ("Fiat SpA", "fiat"),
    ("Acme S. A. S.", "acme"),
    ("Bosch G.m.b.H.", "bosch"),
    ("Philips B.V.", "philips"),
    ("Akzo Nobel N.V.", "akzo nobel"),
    ("KONINK PHILIPS ELECTRONICS N V", "konink philips electronics"),
    ("Acme S.à r.l.", "acme"),
    ("Zara S.L.U.", "zara"),
    ("Toyota K.K.", "toyota"),
    ("Toshiba Kabushiki Kaisha", "toshiba"),
    ("Kabushiki Kaisha Toshiba", "toshiba"),
    ("Samsung Electronics Co., Ltd.", "samsung electronics"),
    ("DNB Bank AS", "dnb bank"),
    ("Equinor ASA", "equinor"),
    ("Nokia Oyj", "nokia"),
    ("A.P. Møller - Mærsk A/S", "ap moller maersk"),
    ("Novo Nordisk ApS", "novo nordisk"),
    ("Telefonaktiebolaget LM Ericsson AB (publ)", "telefonaktiebolaget lm ericsson"),
    ("Dupont SARL", "dupont"),
    ("Dupont SAS", "dupont"),
    ("Barilla Srl", "barilla"),
    ("Airbus SE", "airbus"),
    ("Dr. Oetker KG", "dr oetker"),
    ("Aldi GmbH & Co. KG", "aldi"),
    ("Merck KGaA", "merck"),
    ("Barclays PLC", "barclays"),
    ("Baker McKenzie LLP", "baker mckenzie"),
    ("Blackstone LP", "blackstone"),
    ("BHP Group Pty Ltd", "bhp"),
    ("Apple Inc.", "apple"),
    ("Microsoft Corp.", "microsoft"),
    ("Grupo Bimbo, S.A.B. de C.V.", "grupo bimbo"),
    ("PT Bank Mandiri Tbk", "bank mandiri"),
    ("Dupont et Cie", "dupont"),
    # Encodings: HTML entities, mojibake, accents.
    ("Caf&eacute; Rouge Ltd", "cafe rouge"),
    ("CafÃ© Rouge Ltd", "cafe rouge"),
    ("SociÃ©tÃ© GÃ©nÃ©rale SA", "societe generale"),
    ("Société Générale S.A.", "societe generale"),
    ("Müller Straße GmbH", "muller strasse"),
    ("Lowe´s", "lowes"),
    ("日本電信電話株式会社", "日本電信電話株式会社"),
    # "&" is "and"; initials join only when two or more stand together.
    ("Procter & Gamble", "procter and gamble"),
    ("Procter and Gamble Co.", "procter and gamble"),
    ("A B C Ltd", "abc"),
    ("Beta 2 S.A.", "beta 2"),
]


@pytest.mark.parametrize(("raw", "expected"), NAMES)
def test_normalise_name(raw: str, expected: str) -> None:
    assert normalise_name(pd.Series([raw])).iloc[0] == expected


def test_name_key_joins_spacing_variants() -> None:
    keys = name_key(
        normalise_name(pd.Series(["Wal-Mart Stores", "Walmart Stores Inc"]))
    )
    assert keys.iloc[0] == keys.iloc[1] == "walmartstores"


def test_sorted_token_key_ignores_word_order() -> None:
    names = pd.Series(["Smith Barney Holdings", "Barney Smith", "SMITH SMITH"])
    keys = sorted_token_key(normalise_name(names))
    assert keys.tolist() == ["barney smith", "barney smith", "smith"]


def test_repeated_names_share_one_result_and_keep_the_index() -> None:
    names = pd.Series(["Acme Inc", None, "ACME, INC.", "Acme Inc"], index=[7, 3, 5, 1])
    result = normalise_name(names)
    assert list(result.index) == [7, 3, 5, 1]
    assert result.tolist()[0] == result.tolist()[2] == result.tolist()[3] == "acme"
    assert pd.isna(result.loc[3])


def test_legal_forms_cover_the_countries_promised() -> None:
    for country in ("us", "uk", "de", "fr", "nl", "it", "es", "nordic", "jp"):
        assert LEGAL_FORMS[country], country


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
    (None, None),
    ("careers.acme.de", "acme.de"),
    ("https://www2.acme.fr/fr/", "acme.fr"),
    ("https://user:secret@www.acme.com.br:443/x", "acme.com.br"),
    ("mailto:bob@acme.co.jp", "acme.co.jp"),
    ("  WWW.ACME.COM  ", "acme.com"),
    # Suffixes the old partial list lacked.
    ("www.acme.com.pl", "acme.com.pl"),
    ("investors.acme.co.th", "acme.co.th"),
    ("acme.k12.ca.us", "acme.k12.ca.us"),
    # The private section: a hosted site is the site, the platform alone is none.
    ("acme.github.io", "acme.github.io"),
    ("shop.acme.myshopify.com", "acme.myshopify.com"),
    ("github.io", None),
    ("acme.local", None),
]


@pytest.mark.parametrize(("raw", "expected"), DOMAINS)
def test_normalise_domain(raw: str | None, expected: str | None) -> None:
    result = normalise_domain(pd.Series([raw])).iloc[0]
    assert (pd.isna(result) and expected is None) or result == expected


def test_wildcard_and_exception_rules_of_the_suffix_list() -> None:
    rules = suffix_rules()
    # *.kawasaki.jp makes "b.kawasaki.jp" a suffix; !city.kawasaki.jp is not one.
    assert registrable_domain("a.b.kawasaki.jp", rules) == "a.b.kawasaki.jp"
    assert registrable_domain("www.city.kawasaki.jp", rules) == "city.kawasaki.jp"


def test_domains_never_touch_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network used")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    suffix_rules.cache_clear()
    assert normalise_domain(pd.Series(["www.acme.co.uk"])).iloc[0] == "acme.co.uk"
