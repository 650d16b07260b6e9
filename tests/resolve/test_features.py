"""Matching features of resolution records."""

from __future__ import annotations

import pandas as pd

from icpkit.resolve.features import match_features
from icpkit.resolve.links import without_location_conflicts


def test_country_spellings_share_one_key() -> None:
    records = pd.DataFrame({
        "name": ["Acme", "Acme", "Acme", "Acme", "Acme"],
        "name_key": ["acme"] * 5,
        "domain_key": [None] * 5,
        "country": ["US", "United States", " usa ", "Deutschland", "SF Bay Area"],
    }, dtype="string")  # fmt: skip
    features = match_features(records)
    assert features["country"].tolist() == ["us", "us", "us", "de", "sf bay area"]


def test_similar_names_in_other_states_are_not_linked_without_a_domain() -> None:
    features = pd.DataFrame({
        "name_key": ["yodle", "yodlee", "yodle media", "acme", "acme co"],
        "domain_key": [None, None, None, "acme.com", "acme.com"],
        "state": ["NY", "CA", None, "NY", "CA"],
        "country": ["us", "us", "us", "us", "us"],
    }, dtype="string")  # fmt: skip
    links = pd.DataFrame({"left": [0, 0, 3], "right": [1, 2, 4]})
    links = links.assign(match_probability=0.99, match_reason="name~")
    notes: list[dict[str, object]] = []
    kept = without_location_conflicts(links, features, notes)
    # Yodle-Yodlee: NY against CA, no domain; Yodle-Yodle Media: state unknown;
    # Acme: NY against CA but one domain.
    assert kept[["left", "right"]].values.tolist() == [[0, 2], [3, 4]]
    assert (notes[0]["count"], notes[0]["example"]) == (1, "yodle / yodlee")


def test_shared_hosts_are_no_domain_evidence() -> None:
    records = pd.DataFrame({
        "name": ["Eidson Roofing", "JSE Family Dental", "Acme"],
        "name_key": ["eidson roofing", "jse family dental", "acme"],
        "domain_key": ["facebook.com", "facebook.com", "acme.com"],
    }, dtype="string")  # fmt: skip
    features = match_features(records)
    assert features["domain_key"].isna().tolist() == [True, True, False]
