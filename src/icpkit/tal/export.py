"""TAL exports: CSV safe to open in spreadsheet programs, Parquet, CRM import
files; every file written atomically."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from icpkit.files import replaced_atomically
from icpkit.resolve.findings import finding, findings_frame
from icpkit.tal.crm_files import hubspot_companies, salesforce_accounts

log = logging.getLogger(__name__)
Notes = list[dict[str, object]]
FORMATS = ("csv", "parquet", "salesforce", "hubspot")
FILE_NAMES = {
    "csv": "tal.csv",
    "parquet": "tal.parquet",
    "salesforce": "salesforce_accounts.csv",
    "hubspot": "hubspot_companies.csv",
}

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
    with (
        replaced_atomically(target) as temporary,
        temporary.open("w", encoding="utf-8", newline="") as stream,
    ):
        # CRLF rows (RFC 4180) make the writer quote cells holding a CR.
        neutralise_formulas(frame).to_csv(stream, index=False, lineterminator="\r\n")
    return target


def write_parquet(frame: pd.DataFrame, path: Path | str) -> Path:
    """Write `frame` to `path` as Parquet, atomically like safe_csv."""
    target = Path(path)
    with replaced_atomically(target) as temporary:
        frame.to_parquet(temporary, index=False)
    return target


@dataclass
class Exported:
    """Files written by export_tal and the findings of what was left out."""

    paths: list[Path]
    findings: pd.DataFrame


def export_tal(
    tal: pd.DataFrame,
    folder: Path | str,
    formats: Sequence[str] = FORMATS,
    version: str = "",
    exclude_customers: bool = False,
    from_salesforce: bool = True,
) -> Exported:
    """Write the TAL in each of `formats` into `folder`: tal.csv, tal.parquet,
    salesforce_accounts.csv, hubspot_companies.csv (CSV files spreadsheet-safe).

    exclude_customers (tal.exclude_customers) leaves status customer out of every
    file; the count is reported as a finding. from_salesforce: the accounts came
    from Salesforce, so an account_id Data Loader would reject is a warning.
    """
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown export formats {unknown}; choose from {FORMATS}")
    notes: Notes = []
    if exclude_customers:
        tal = _without_customers(tal, notes)
    writers: dict[str, Callable[[], pd.DataFrame]] = {
        "csv": lambda: tal,
        "parquet": lambda: tal,
        "salesforce": lambda: salesforce_accounts(tal, version, notes, from_salesforce),
        "hubspot": lambda: hubspot_companies(tal, version),
    }
    base = Path(folder)
    paths = []
    for name in formats:
        target = base / FILE_NAMES[name]
        write = write_parquet if name == "parquet" else safe_csv
        paths.append(write(writers[name](), target))
    log.info("exported %s TAL rows as %s", f"{len(tal):,}", ", ".join(formats))
    return Exported(paths, findings_frame(notes))


def _without_customers(tal: pd.DataFrame, notes: Notes) -> pd.DataFrame:
    customer = (tal["status"] == "customer").to_numpy(dtype=bool)
    if customer.any():
        notes.append(finding("tal", "customer_excluded_from_export", "info",
                             int(customer.sum()),
                             "current customers left out of the exports by "
                             "tal.exclude_customers"))  # fmt: skip
    return tal.loc[~customer]
