"""Matching features of resolution records: name tokens, location and size band.

Token work is vectorised in Arrow (one row per token of a name), so a million
names take seconds, not a Python loop per name.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from icpkit.resolve.domains import is_generic
from icpkit.resolve.names import normalise_name
from icpkit.taxonomy.countries import country_code

# Employee bands compared by the size comparison (segments' default bands).
SIZE_BAND_EDGES = (1, 50, 200, 1000, 5000)
SIZE_BAND_LABELS = ("1-49", "50-199", "200-999", "1000-4999", "5000+")
LOCATION_COLUMNS = ("country", "state", "city")
# Words many different companies share (places, generic business words): a
# shared one is no evidence. Dropped from name_core; tokens in more than
# GENERIC_SHARE of the distinct names (at least GENERIC_MIN_NAMES, at most
# GENERIC_MAX_NAMES: in a million names a word of 1,000 is no evidence either,
# and blocking on it would compare half a million pairs) are dropped too.
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
GENERIC_MAX_NAMES = 1000
CORE_PREFIX = 4
# Core tokens at least this long also give their one-letter deletions as blocking
# keys: two spellings one typo apart (letter replaced, dropped, added or two
# swapped) share one of them.
VARIANT_MIN_LENGTH = 5
ARRAY_COLUMNS = ("name_tokens", "name_core", "core_prefixes", "core_variants")
FEATURE_COLUMNS = (
    "name_key", "name_sorted", "name_tokens", "name_core", "core_prefixes",
    "core_variants", "token_first", "token_longest",
    "domain_key", "country", "state", "city", "size_band",
)  # fmt: skip
_LIST = pd.ArrowDtype(pa.list_(pa.string()))


def match_features(records: pd.DataFrame) -> pd.DataFrame:
    """FEATURE_COLUMNS for each record, index kept.

    name_sorted is the normalised name with its tokens in alphabetical order
    ("douglas hunter industries" = "hunter douglas industries"); name_tokens its
    distinct tokens, sorted; name_core the distinctive ones in written order;
    token_first the first of them, token_longest the longest; core_prefixes
    their first CORE_PREFIX letters; core_variants the core tokens and, for
    those of VARIANT_MIN_LENGTH letters or more, each with one letter deleted.
    Array columns are Arrow lists (null where the name is).
    """
    tokens = _Tokens(normalise_name(records["name"]))
    index = records.index
    frame = pd.DataFrame(index=index)
    frame["name_key"] = records["name_key"]
    frame["name_sorted"] = tokens.joined(tokens.sorted(tokens.row, tokens.code), index)
    frame["name_tokens"] = tokens.lists(tokens.sorted(*tokens.distinct()), index)
    core = tokens.core()
    frame["name_core"] = tokens.lists(core, index)
    frame["core_prefixes"] = tokens.prefixes(core, index)
    frame["core_variants"] = tokens.variants(core, index)
    frame["token_first"] = tokens.first(core, index)
    frame["token_longest"] = tokens.first(tokens.longest_first(core), index)
    # A shared host (facebook.com, a free mail domain) is no evidence of one company.
    domains = records["domain_key"]
    frame["domain_key"] = domains.mask(is_generic(domains).fillna(False))
    for column in LOCATION_COLUMNS:
        frame[column] = _clean_text(records, column)
    frame["country"] = _country_key(frame["country"])
    frame["size_band"] = size_band(records.get("employees"), index)
    strings = [c for c in FEATURE_COLUMNS if c not in ARRAY_COLUMNS]
    return frame.astype(dict.fromkeys(strings, "string"))


Pairs = tuple[np.ndarray, np.ndarray]  # (record position, token code), aligned


class _Tokens:
    """The tokens of normalised names as integer codes into a sorted vocabulary:
    row (record position) and code, one entry per token as written."""

    def __init__(self, normal: pd.Series) -> None:
        text = pa.array(normal.astype("string").array, pa.string())
        lists = pc.split_pattern(text, " ")
        self.row = pc.list_parent_indices(lists).to_numpy().astype(np.int64)
        flat = pc.list_flatten(lists).to_numpy(zero_copy_only=False)
        codes, vocabulary = pd.factorize(flat, sort=True)
        self.code = codes.astype(np.int64)
        self.vocabulary = pa.array(vocabulary, pa.string())
        self.name = pd.factorize(normal)[0][self.row]

    def distinct(self) -> Pairs:
        """Each record's tokens once, in written order."""
        key = self.row * len(self.vocabulary) + self.code
        _, first = np.unique(key, return_index=True)
        first.sort()
        return self.row[first], self.code[first]

    def core(self) -> Pairs:
        """The distinctive tokens of each name, once each, in written order; all
        its tokens when every one is generic."""
        row, code = self.distinct()
        length = pc.utf8_length(self.vocabulary).to_numpy()
        kept = ~self._generic()[code] & (length[code] > 1)
        any_kept = np.bincount(row, weights=kept, minlength=row.max(initial=0) + 1)
        keep = kept | (any_kept[row] == 0)
        return row[keep], code[keep]

    def _generic(self) -> np.ndarray:
        """Per vocabulary code: GENERIC_TOKENS or in too many distinct names."""
        size = len(self.vocabulary)
        names = _sorted_unique(self.name * size + self.code)
        frequency = np.bincount(names % size, minlength=size)
        share = GENERIC_SHARE * len(_sorted_unique(self.name))
        limit = min(max(GENERIC_MIN_NAMES, share), GENERIC_MAX_NAMES)
        listed = pc.is_in(self.vocabulary, pa.array(sorted(GENERIC_TOKENS)))
        return (frequency > limit) | listed.to_numpy(zero_copy_only=False)

    def sorted(self, row: np.ndarray, code: np.ndarray) -> Pairs:
        """Pairs ordered by record, then alphabetically (codes follow the
        sorted vocabulary)."""
        order = np.lexsort((code, row))
        return row[order], code[order]

    def longest_first(self, pairs: Pairs) -> Pairs:
        """Pairs ordered so each record's longest (then greatest) token leads."""
        row, code = pairs
        length = pc.utf8_length(self.vocabulary).to_numpy()[code]
        order = np.lexsort((-code, -length, row))
        return row[order], code[order]

    def prefixes(self, pairs: Pairs, index: pd.Index) -> pd.Series:
        row, code = pairs
        cut = pc.utf8_slice_codeunits(self.vocabulary, 0, CORE_PREFIX)
        return self._key_lists(row, pc.take(cut, pa.array(code)), index)

    def variants(self, pairs: Pairs, index: pd.Index) -> pd.Series:
        """Each core token and, when long enough, its one-letter deletions."""
        row, code = pairs
        used = _sorted_unique(code)
        text = self.vocabulary.take(pa.array(used)).to_numpy(zero_copy_only=False)
        text = text.astype(np.dtypes.StringDType())
        length = np.strings.str_len(text)
        origin, spelled = [used], [text]
        for at in range(int(length.max(initial=0))):
            cut = (length >= VARIANT_MIN_LENGTH) & (length > at)
            origin.append(used[cut])
            head = np.strings.slice(text[cut], 0, at)
            spelled.append(
                np.strings.add(head, np.strings.slice(text[cut], at + 1, None))
            )
        owner, variant = np.concatenate(origin), np.concatenate(spelled)
        order = np.argsort(owner, kind="stable")
        owner, variant = owner[order], variant[order]
        start = np.searchsorted(owner, code)
        count = np.searchsorted(owner, code, side="right") - start
        offset = np.repeat(start - np.cumsum(count) + count, count)
        take = offset + np.arange(count.sum())
        keys = pa.array(variant[take], pa.string())
        return self._key_lists(np.repeat(row, count), keys, index)

    def _key_lists(self, row: np.ndarray, keys: pa.Array, index: pd.Index) -> pd.Series:
        """Each record's distinct keys as a list."""
        codes, uniques = pd.factorize(keys.to_numpy(zero_copy_only=False))
        unique_pairs = _sorted_unique(row * len(uniques) + codes)
        row, code = unique_pairs // len(uniques), unique_pairs % len(uniques)
        return _lists(row, pa.array(uniques, pa.string()).take(pa.array(code)), index)

    def lists(self, pairs: Pairs, index: pd.Index) -> pd.Series:
        row, code = pairs
        return _lists(row, self.vocabulary.take(pa.array(code)), index)

    def joined(self, pairs: Pairs, index: pd.Index) -> pd.Series:
        lists = pa.array(self.lists(pairs, index).array)
        joined = pd.array(pc.binary_join(lists, " "), dtype="string")
        return pd.Series(joined, index=index)

    def first(self, pairs: Pairs, index: pd.Index) -> pd.Series:
        row, code = pairs
        _, first = np.unique(row, return_index=True)
        values = pd.Series(pd.NA, index=index, dtype="string")
        chosen = self.vocabulary.take(pa.array(code[first]))
        values.iloc[row[first]] = chosen.to_numpy(zero_copy_only=False)
        return values


def _sorted_unique(values: np.ndarray) -> np.ndarray:
    """np.unique of integers by one sort: numpy 2's hash-based unique ran several
    times slower on the tens of millions of token keys of a million names."""
    ordered = np.sort(values, kind="stable")
    keep = np.ones(len(ordered), dtype=bool)
    keep[1:] = ordered[1:] != ordered[:-1]
    return ordered[keep]


def _lists(row: np.ndarray, values: pa.Array, index: pd.Index) -> pd.Series:
    """An Arrow list per record from values grouped by row (row ascending); null
    for records without values."""
    counts = np.bincount(row, minlength=len(index))
    offsets = pa.array(np.concatenate([[0], np.cumsum(counts)]).astype(np.int32))
    lists = pa.ListArray.from_arrays(offsets, values, mask=pa.array(counts == 0))
    return pd.Series(pd.array(lists, dtype=_LIST), index=index)


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


def _country_key(country: pd.Series) -> pd.Series:
    """Lower-case ISO alpha-2 code where the name, alias or code is recognised
    ("US" = "United States" = "USA" = "us"), the cleaned text where not."""
    distinct = pd.Series(country.dropna().unique(), dtype="string")
    codes = country_code(distinct).str.lower()
    lookup = dict(zip(distinct, codes.fillna(distinct), strict=True))
    return country.map(lookup).astype("string")


def _clean_text(records: pd.DataFrame, column: str) -> pd.Series:
    if column not in records:
        return pd.Series(pd.NA, index=records.index, dtype="string")
    text = records[column].astype("string").str.strip().str.lower()
    return text.mask(text.str.len() == 0)
