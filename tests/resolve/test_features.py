"""Matching features of resolution records."""

from __future__ import annotations

import pandas as pd

from icpkit.resolve.features import match_features


def test_country_spellings_share_one_key() -> None:
    records = pd.DataFrame({
        "name": ["Acme", "Acme", "Acme", "Acme", "Acme"],
        "name_key": ["acme"] * 5,
        "domain_key": [None] * 5,
        "country": ["US", "United States", " usa ", "Deutschland", "SF Bay Area"],
    }, dtype="string")  # fmt: skip
    features = match_features(records)
    assert features["country"].tolist() == ["us", "us", "us", "de", "sf bay area"]
