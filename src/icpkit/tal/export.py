"""CSV exports that are safe to open in spreadsheet programs, written atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd

# A cell starting with one of these runs as a formula in Excel, LibreOffice, Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells that start like a formula with a single quote.

    Numeric columns are left alone, and so are text cells holding a plain number
    ("-12.5"), which a spreadsheet reads as that number.
    """
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
            continue
        is_text = values.map(lambda value: isinstance(value, str)).astype(bool)
        text = values.where(is_text, "").astype(str)
        risky = is_text & text.str.startswith(FORMULA_STARTS)
        risky &= ~text.str.fullmatch(_NUMBER)
        if risky.any():
            out[column] = values.astype(object).mask(risky, "'" + text)
    return out


def safe_csv(frame: pd.DataFrame, path: Path | str) -> Path:
    """Write `frame` to `path` as UTF-8 CSV with formulas neutralised.

    The file appears whole or not at all: it is written beside `path` and moved
    into place.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            # CRLF rows (RFC 4180) make the writer quote cells holding a CR.
            neutralise_formulas(frame).to_csv(
                stream, index=False, lineterminator="\r\n"
            )
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target
