"""Reading the reference tables shipped in taxonomy/data (read once, cached)."""

from __future__ import annotations

from functools import cache
from importlib import resources

import pandas as pd

DATA_PACKAGE = "icpkit.taxonomy.data"


def read_reference(file_name: str) -> pd.DataFrame:
    """A shipped CSV as strings; `NA` (Namibia) stays a value, blanks stay ''."""
    return _read(file_name).copy()


@cache
def _read(file_name: str) -> pd.DataFrame:
    with resources.files(DATA_PACKAGE).joinpath(file_name).open(encoding="utf-8") as fh:
        return pd.read_csv(fh, dtype=str, keep_default_na=False, na_filter=False)


def reference_files(prefix: str) -> list[str]:
    """Names of the shipped CSV files starting with `prefix`, sorted."""
    names = [entry.name for entry in resources.files(DATA_PACKAGE).iterdir()]
    return sorted(n for n in names if n.startswith(prefix) and n.endswith(".csv"))
