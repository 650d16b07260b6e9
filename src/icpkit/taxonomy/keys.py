"""The lookup key of every crosswalk: case, accents, spaces, punctuation ignored."""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def lookup_key(value: str) -> str:
    """`Food & Drink` -> `foodanddrink`; `Türkiye` -> `turkiye`"""
    text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    text = text.casefold().replace("&", "and")
    return _NOT_ALNUM.sub("", text)


def lookup_keys(values: pd.Series) -> pd.Series:
    """Keys of a column of strings, computed once per distinct value."""
    distinct = values.dropna().unique()
    keys = {value: lookup_key(str(value)) for value in distinct}
    return values.map(keys).astype("string")
