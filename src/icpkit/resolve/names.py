"""Company-name normalisation: one key per company however a list spells it.

The text work runs once per distinct name, as Arrow compute kernels (RE2), so a
million names take a few seconds. Only the rare names holding an `&` or
mojibake go through Python (html, ftfy).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import ftfy
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

# Legal forms and filler words dropped from the end of a name, repeatedly
# ("Amazon.com Inc" -> "amazon"; "Becton Dickinson & Co" -> "becton dickinson";
# "Acme GmbH & Co. KG" -> "acme"). Dotted or spaced initials are joined first
# ("S. p. A." -> "spa", "S.à r.l." -> "sarl"), so each form is listed once.
# "group", "holding(s)" and "com" are not legal forms but separate the same
# company across lists. The first word of a name is never dropped.
LEGAL_FORMS: dict[str, tuple[str, ...]] = {
    "us": (
        "inc", "incorporated", "corp", "corporation", "co", "cos", "company",
        "companies", "llc", "lllp", "llp", "lp", "ltd", "pc", "pllc",
    ),
    "uk": ("plc", "ltd", "limited", "llp", "lp", "cic", "unlimited"),
    "de": (
        "gmbh", "mbh", "gesmbh", "ag", "kg", "kgaa", "ohg", "gbr", "ug", "ev",
        "eg", "se", "haftungsbeschrankt", "aktiengesellschaft",
    ),
    "fr": (
        "sa", "sas", "sasu", "sarl", "eurl", "snc", "sca", "scop", "et cie", "cie",
        "societe anonyme",
    ),
    "nl": (
        "bv", "nv", "cv", "vof", "bvba", "sprl", "besloten vennootschap",
        "naamloze vennootschap",
    ),
    "it": ("spa", "srl", "srls", "sapa", "sas", "snc", "scarl", "scrl"),
    "es": (
        "sa", "sl", "slu", "sau", "sll", "slne", "sociedad anonima",
        "sociedad limitada", "lda", "ltda", "sgps",
    ),
    "nordic": ("ab", "publ", "as", "asa", "aps", "oy", "oyj", "hf", "ehf"),
    "jp": (
        "kk", "kabushiki kaisha", "kabushikigaisha", "kabushiki gaisha", "gk",
        "godo kaisha", "yk", "yugen kaisha",
    ),
    "other": (
        "pty", "pte", "pvt", "private limited", "sdn bhd", "bhd", "tbk", "sp zoo",
        "sro", "doo", "kft", "zrt", "nyrt", "ooo", "oao", "zao", "pjsc", "ojsc",
        "jsc", "sa de cv", "sab de cv", "sapi de cv", "s de rl de cv", "s de rl",
        "saic", "saa", "sac",
    ),
    "filler": ("and", "group", "holding", "holdings", "com"),
}  # fmt: skip

# Legal forms some countries write first ("PT Bank Mandiri", "OOO Yandex",
# "Kabushiki Kaisha Toshiba"); dropped when a name follows.
LEADING_FORMS = (
    "the", "kabushiki kaisha", "pt", "ooo", "oao", "zao", "pao", "ojsc", "pjsc",
    "jsc",
)  # fmt: skip

TRAILING_TERMS = tuple(
    sorted(
        {t for forms in LEGAL_FORMS.values() for t in forms}, key=lambda t: (-len(t), t)
    )
)


def _alternation(terms: tuple[str, ...]) -> str:
    longest_first = sorted(terms, key=lambda term: (-len(term), term))
    return "|".join(re.escape(term).replace(r"\ ", " ") for term in longest_first)


_TRAILING = r"(?: (?:" + _alternation(TRAILING_TERMS) + r"))+$"
_LEADING = r"^(?:(?:" + _alternation(LEADING_FORMS) + r") )+(\S)"
# SEC EDGAR appends the state of incorporation or a marker: "/DE/", "/NV/", "/NEW".
_SEC_SUFFIX = r"\s*/[a-z]{2,4}/?\s*$"
_APOSTROPHES = "['`’‘´ʼ]"
_NOT_WORD = r"[^\p{L}\p{N}\p{M}]"
# Single-character tokens are marked with this character, then joined
# ("s a r l" -> "sarl"); RE2 has no look-ahead to do it in one pass.
_MARK = "\x01"
_SINGLE = r" ([a-z]) "
_INITIALS = r"(?:^| )[a-z] [a-z](?: |$)"
_ENTITY = r"&#?[0-9A-Za-z]+"
_NON_ASCII = r"[^\x00-\x7f]"
# UTF-8 read as Latin-1 or cp1252: a lead byte character, then a continuation one.
_MOJIBAKE = (
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
    "\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030"
    "\u2039\u203a\u20ac\u2122]"
)
# Letters NFKD does not decompose into a base letter; folded before lower-casing,
# so both cases are listed.
_SPECIAL_LETTERS = {
    "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O",
    "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th",
    "Þ": "TH", "ı": "i", "ħ": "h",
}  # fmt: skip


def normalise_name(names: pd.Series) -> pd.Series:
    """Lower-case, accent-free, punctuation-free name without legal forms.

    HTML entities are decoded and mojibake repaired ("CafÃ©" -> "cafe"); "&" is
    "and"; SEC state suffixes ("/DE/") go. Empty results are null: they must
    not join records by name.
    """
    codes, distinct = pd.factorize(names.astype("string"), use_na_sentinel=True)
    array = pa.array(distinct, type=pa.string())
    return _expand(_normalise_distinct(array), codes, names.index)


def name_key(normalised: pd.Series) -> pd.Series:
    """The matching key: the normalised name without spaces ("wal mart" = "walmart")."""
    return normalised.str.replace(" ", "", regex=False)


def sorted_token_key(normalised: pd.Series) -> pd.Series:
    """The normalised name with its distinct tokens in alphabetical order
    ("smith barney" and "barney smith" -> "barney smith").

    For comparing names whose words a list reorders (PATSTAT's harmonised
    names do); two companies can share it, so it is evidence, not a key.
    """
    codes, distinct = pd.factorize(normalised, use_na_sentinel=True)
    ordered = [" ".join(sorted(set(str(name).split(" ")))) for name in distinct]
    return _expand(pa.array(ordered, type=pa.string()), codes, normalised.index)


def _expand(values: pa.Array, codes: np.ndarray, index: pd.Index) -> pd.Series:
    """Per-distinct `values` back onto every row (code -1 and "" are null)."""
    values = pc.if_else(pc.equal(values, ""), pa.scalar(None, pa.string()), values)
    taken = pd.array(values, dtype="string").take(codes, allow_fill=True)
    return pd.Series(taken, index=index, dtype="string")


def _normalise_distinct(array: pa.Array) -> pa.Array:
    """normalise_name's work on distinct, non-null names."""
    array = _fold(_repair(array))
    array = pc.utf8_lower(array)
    array = pc.replace_substring_regex(array, _SEC_SUFFIX, "")
    array = pc.replace_substring(array, "&", " and ")
    array = pc.replace_substring_regex(array, _NOT_WORD, " ")
    array = _squeeze(array)
    array = _where(array, _INITIALS, _join_initials)
    array = pc.replace_substring_regex(array, _LEADING, r"\1")
    return pc.replace_substring_regex(array, _TRAILING, "")


def _where(
    array: pa.Array, pattern: str, change: Callable[[pa.Array], pa.Array]
) -> pa.Array:
    """`change` applied only to the values matching the regex `pattern`."""
    mask = pc.match_substring_regex(array, pattern)
    if not pc.any(mask).as_py():
        return array
    return pc.replace_with_mask(array, mask, change(pc.filter(array, mask)))


def _python(function: Callable[[str], str]) -> Callable[[pa.Array], pa.Array]:
    """A str -> str function applied to each value of an array."""

    def change(array: pa.Array) -> pa.Array:
        return pa.array([function(v) for v in array.to_pylist()], type=pa.string())

    return change


def _squeeze(array: pa.Array) -> pa.Array:
    """Runs of spaces as one, none at either end."""
    return pc.utf8_trim_whitespace(pc.replace_substring_regex(array, " {2,}", " "))


def _join_initials(array: pa.Array) -> pa.Array:
    """Adjacent one-letter tokens become one word: "s a r l" -> "sarl",
    "acme l l c" -> "acme llc"; a lone one stays ("a ceramics")."""
    padded = pc.binary_join_element_wise(
        " ", pc.replace_substring(array, " ", "  "), " ", ""
    )
    marked = pc.replace_substring_regex(padded, _SINGLE, f"{_MARK}\\1{_MARK}")
    joined = pc.replace_substring(marked, _MARK * 2, "")
    return _squeeze(pc.replace_substring(joined, _MARK, " "))


def _repair(array: pa.Array) -> pa.Array:
    """HTML entities decoded and mojibake repaired (ftfy), in Python, only in the
    names that hold an entity or a mojibake sequence."""
    array = _where(array, _ENTITY, _python(html.unescape))
    return _where(array, _MOJIBAKE, _python(ftfy.fix_text))


def _fold(array: pa.Array) -> pa.Array:
    """Apostrophes dropped; accents and special letters folded to ASCII where a
    Latin base letter exists ("Société" -> "Societe"); other scripts kept."""
    return _where(
        pc.replace_substring_regex(array, _APOSTROPHES, ""),
        _NON_ASCII,
        _fold_wide,
    )


def _fold_wide(array: pa.Array) -> pa.Array:
    for letter, plain in _SPECIAL_LETTERS.items():
        array = pc.replace_substring(array, letter, plain)
    return pc.replace_substring_regex(pc.utf8_normalize(array, "NFKD"), r"\p{Mn}", "")
