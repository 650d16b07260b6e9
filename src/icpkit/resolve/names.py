"""Company-name normalisation: one key per company however a list spells it."""

from __future__ import annotations

import html

import pandas as pd

# Legal forms and filler words dropped from the end of a name, repeatedly
# ("Amazon.com Inc" -> "amazon"; "Becton Dickinson & Co" -> "becton dickinson").
# "group" and "com" are not legal forms but separate the same company across lists.
TRAILING_TERMS = (
    "inc", "incorporated", "corp", "corporation", "co", "cos", "company", "companies",
    "llc", "ltd", "limited", "plc", "gmbh", "ag", "sa", "nv", "bv", "spa", "sl", "ab",
    "as", "oy", "kk", "holding", "holdings", "lp", "llp", "group", "com", "and",
)  # fmt: skip

_TRAILING = r"(?:\s+(?:" + "|".join(TRAILING_TERMS) + r"))+$"
# SEC EDGAR appends the state of incorporation or a marker: "/DE/", "/NV/", "/NEW".
_SEC_SUFFIX = r"\s*/[a-z]{2,4}/?\s*$"
_APOSTROPHES = r"['’‘`´]"
# "s a" -> "sa", "l l c" -> "llc": dotted or spaced initials become one word.
_SPACED_INITIALS = r"\b([a-z0-9]) (?=[a-z0-9]\b)"


def normalise_name(names: pd.Series) -> pd.Series:
    """Lower-case, entity-free, punctuation-free name without legal forms.

    Empty results are null: they must not join records by name.
    """
    text = _unescape_html(names.astype("string"))
    text = text.str.lower().str.strip()
    text = text.str.replace(_SEC_SUFFIX, "", regex=True)
    text = text.str.replace(_APOSTROPHES, "", regex=True)
    text = text.str.replace("&", " and ", regex=False)
    text = text.str.replace(r"[^\w\s]|_", " ", regex=True)
    text = text.str.replace(r"\s+", " ", regex=True).str.strip()
    text = text.str.replace(_SPACED_INITIALS, r"\1", regex=True)
    text = text.str.replace(r"^the\s+(?=\S)", "", regex=True)
    text = text.str.replace(_TRAILING, "", regex=True).str.strip()
    return text.mask(text.str.len() == 0)


def name_key(normalised: pd.Series) -> pd.Series:
    """The matching key: the normalised name without spaces ("wal mart" = "walmart")."""
    return normalised.str.replace(" ", "", regex=False)


def _unescape_html(text: pd.Series) -> pd.Series:
    """Decode HTML entities (`Lowe&#8217;s`, `&amp;`) only where an `&` occurs."""
    has_entity = text.str.contains("&", regex=False, na=False)
    if not has_entity.any():
        return text
    text = text.copy()
    text.loc[has_entity] = text.loc[has_entity].map(html.unescape)
    return text
