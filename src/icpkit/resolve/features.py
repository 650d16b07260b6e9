"""Matching features of resolution records: name tokens, location and size band."""

from __future__ import annotations

import numpy as np
import pandas as pd

from icpkit.resolve.names import normalise_name

# Employee bands compared by the size comparison (segments' default bands).
SIZE_BAND_EDGES = (1, 50, 200, 1000, 5000)
SIZE_BAND_LABELS = ("1-49", "50-199", "200-999", "1000-4999", "5000+")
LOCATION_COLUMNS = ("country", "state", "city")
# Words many different companies share (places, generic business words): a
# shared one is no evidence. Dropped from name_core; tokens in more than
# GENERIC_SHARE of the distinct names (at least GENERIC_MIN_NAMES) are dropped too.
GENERIC_TOKENS = frozenset(
    """
    international internat intl global world worldwide europe europa european
    euro america american americas usa us uk canada asia pacific nederland
    netherlands netherland holland deutschland germany france nordic benelux
    north south east west national the de du der la le van von and of et en y e
    da di del technologies technology tech tec systems system solutions services
    service industries industry inds industrial research res products
    manufacturing mfg trading partners consulting management enterprises
    enterprise ventures associates labs lab network networks digital data
    software media energy health healthcare capital financial finance bank
    investments properties realty foods medical pharma pharmaceuticals chemicals
    chemical electronics electronic engineering communications telecom logistics
    retail brands naamlooze vennootschap besloten aktiengesellschaft aktienges
    gesellschaft konink koninklijke koninklijk mij maatschappij te nl chem gen
    oil holdings holding finance electric motor motors
    """.split()  # noqa: SIM905
)
GENERIC_SHARE = 0.01
GENERIC_MIN_NAMES = 100
CORE_PREFIX = 4
ARRAY_COLUMNS = ("name_tokens", "name_core", "core_prefixes")
FEATURE_COLUMNS = (
    "name_key", "name_sorted", "name_tokens", "name_core", "core_prefixes",
    "token_first",
    "token_longest",
    "domain_key", "country", "state", "city", "size_band",
)  # fmt: skip


def match_features(records: pd.DataFrame) -> pd.DataFrame:
    """FEATURE_COLUMNS for each record, index kept.

    name_sorted is the normalised name with its tokens in alphabetical order
    ("douglas hunter industries" = "hunter douglas industries"); token_first is
    the first token as written, token_longest the longest token.
    """
    normal = normalise_name(records["name"])
    tokens = normal.str.split(" ")
    frame = pd.DataFrame(index=records.index)
    frame["name_key"] = records["name_key"]
    frame["name_sorted"] = tokens.map(_sorted_text, na_action="ignore")
    frame["name_tokens"] = tokens.map(_unique_sorted, na_action="ignore")
    core = _core_tokens(tokens)
    frame["name_core"] = core
    frame["core_prefixes"] = core.map(_prefixes, na_action="ignore")
    frame["token_first"] = core.str[0]
    frame["token_longest"] = core.map(_longest, na_action="ignore")
    frame["domain_key"] = records["domain_key"]
    for column in LOCATION_COLUMNS:
        frame[column] = _clean_text(records, column)
    frame["size_band"] = size_band(records.get("employees"), records.index)
    strings = [c for c in FEATURE_COLUMNS if c not in ARRAY_COLUMNS]
    return frame.astype(dict.fromkeys(strings, "string"))


def _core_tokens(tokens: pd.Series) -> pd.Series:
    """The distinctive tokens of each name, in written order; all its tokens when
    every one is generic."""
    names = tokens.dropna().map(lambda words: tuple(sorted(set(words)))).unique()
    frequency = pd.Series([w for words in names for w in words]).value_counts()
    limit = max(GENERIC_MIN_NAMES, GENERIC_SHARE * len(names))
    generic = GENERIC_TOKENS | set(frequency.index[frequency > limit])
    return tokens.map(lambda words: _distinctive(words, generic), na_action="ignore")


def _distinctive(words: list[str], generic: frozenset[str] | set[str]) -> list[str]:
    kept = [w for w in dict.fromkeys(words) if w not in generic and len(w) > 1]
    return kept or list(dict.fromkeys(words))


def size_band(employees: pd.Series | None, index: pd.Index) -> pd.Series:
    """Employee band label; null where employees is missing or below 1."""
    if employees is None:
        return pd.Series(pd.NA, index=index, dtype="string")
    count = pd.to_numeric(employees, errors="coerce").to_numpy(dtype=float)
    position = np.searchsorted(SIZE_BAND_EDGES, count, side="right") - 1
    labels = np.array(SIZE_BAND_LABELS, dtype=object)[np.clip(position, 0, 4)]
    known = ~np.isnan(count) & (count >= 1)
    banded = pd.Series(labels, index=index, dtype="string")
    return banded.where(known)


# TODO: map country names to ISO codes ("US" = "United States" = "USA"): the demo
# spells them several ways, which weakens the location comparison.
def _clean_text(records: pd.DataFrame, column: str) -> pd.Series:
    if column not in records:
        return pd.Series(pd.NA, index=records.index, dtype="string")
    text = records[column].astype("string").str.strip().str.lower()
    return text.mask(text.str.len() == 0)


def _sorted_text(tokens: list[str]) -> str:
    return " ".join(sorted(tokens))


def _unique_sorted(tokens: list[str]) -> list[str]:
    return sorted(set(tokens))


def _longest(tokens: list[str]) -> str:
    return max(tokens, key=lambda token: (len(token), token))


def _prefixes(words: list[str]) -> list[str]:
    return sorted({w[:CORE_PREFIX] for w in words})
