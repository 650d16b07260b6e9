"""Readers: CSV (any common delimiter, UTF-8 with or without BOM, Latin-1), Excel,
Parquet. Every cell is read as text; blanks become missing explicitly."""

from __future__ import annotations

import csv
import io
import logging
import re
import zipfile
from pathlib import Path

import pandas as pd

from icpkit.errors import InputError, Problem

log = logging.getLogger(__name__)

DELIMITERS = ",;\t|"
SNIFF_CHARS = 64_000


def read_table(path: Path, sheet: str | None = None) -> pd.DataFrame:
    """The file as a frame of strings ("string" dtype), blank cells missing.

    `NA`, `null`, `N/A` stay values (Namibia's code is `NA`); only blank or
    whitespace-only cells are missing.
    """
    if not path.is_file():
        raise InputError([Problem(str(path), None, None, None, "an existing file")])
    try:
        frame = _read_any(path, sheet)
    except InputError:
        raise
    except pd.errors.EmptyDataError as error:
        expected = "a header row naming the columns (the file is empty)"
        raise InputError([Problem(str(path), None, None, None, expected)]) from error
    except (pd.errors.ParserError, ValueError, OSError, zipfile.BadZipFile) as error:
        raise InputError([_unreadable(path, error)]) from error
    return _blanks_to_missing(frame)


def _read_any(path: Path, sheet: str | None) -> pd.DataFrame:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_excel(path, sheet)
    if suffix in (".parquet", ".pq"):
        return _read_parquet(path)
    return _read_csv(path)


def _unreadable(path: Path, error: Exception) -> Problem:
    """A file its reader cannot parse: binary data, a renamed workbook, ragged rows."""
    detail = str(error).strip().splitlines()[0] if str(error).strip() else ""
    line = re.search(r"line (\d+)", detail)
    expected = (
        "a CSV file (delimited text with a header row), an Excel workbook (.xlsx) or "
        f"a Parquet file matching its extension; the reader said: {detail}"
    )
    return Problem(
        str(path), int(line.group(1)) if line else None, None, None, expected
    )


def decode(raw: bytes) -> str:
    """UTF-16 with its BOM, UTF-8 (a BOM is dropped), else Latin-1, which decodes
    any byte."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        log.info("file is not UTF-8; read as Latin-1")
        return raw.decode("latin-1")


def sniff_delimiter(text: str) -> str:
    """The delimiter among , ; tab | that splits the sample most consistently."""
    sample = text[:SNIFF_CHARS]
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        header = sample.splitlines()[0] if sample else ""
        return max(DELIMITERS, key=header.count)


def _read_csv(path: Path) -> pd.DataFrame:
    raw = path.read_bytes()
    utf16 = raw.startswith((b"\xff\xfe", b"\xfe\xff"))  # Excel's "Unicode text"
    if not utf16 and b"\x00" in raw[:SNIFF_CHARS]:
        kind = _binary_kind(raw)
        expected = (
            f"delimited text with a header row; this is binary data ({kind}). "
            "Export the table as CSV, or give it the extension of its format "
            "(.xlsx, .parquet)"
        )
        raise InputError([Problem(str(path), None, None, None, expected)])
    text = decode(raw)
    delimiter = sniff_delimiter(text)
    return pd.read_csv(
        io.StringIO(text),
        sep=delimiter,
        dtype=str,
        keep_default_na=False,
        na_filter=False,
    )


def _binary_kind(raw: bytes) -> str:
    """What a binary file probably is, from its first bytes."""
    signatures = {
        b"PK\x03\x04": "a zip archive, such as an Excel .xlsx workbook",
        b"\xd0\xcf\x11\xe0": "an old Excel .xls or other Office file",
        b"PAR1": "a Parquet file",
        b"\x7fELF": "a program",
        b"%PDF": "a PDF document",
    }
    for signature, kind in signatures.items():
        if raw.startswith(signature):
            return kind
    return "a NUL byte in the first 64 KB; UTF-16 text needs its byte-order mark"


def _read_excel(path: Path, sheet: str | None) -> pd.DataFrame:
    with pd.ExcelFile(path, engine="openpyxl") as book:
        names = [str(name) for name in book.sheet_names]
        if sheet is not None and sheet not in names:
            expected = f"a sheet named one of {names}"
            raise InputError([Problem(str(path), None, "sheet", sheet, expected)])
        chosen: str | int = sheet if sheet is not None else 0
        frame = pd.read_excel(book, sheet_name=chosen, dtype=str)
    # openpyxl hands back real blanks as NaN; everything else is text already.
    frame = frame.astype("string")
    if sheet is None and len(names) > 1:
        log.info("%s: read its first sheet %r of %s", path, names[0], names)
        frame.attrs["sheet_note"] = (
            f" (read the workbook's first sheet {names[0]!r}; it also has "
            f"{', '.join(repr(n) for n in names[1:])}: choose one with "
            'sheet = "<name>")'
        )
    return frame


def _read_parquet(path: Path) -> pd.DataFrame:
    frame = pd.read_parquet(path)
    return pd.DataFrame(
        {name: _as_text(frame[name]) for name in frame.columns}, index=frame.index
    )


def _as_text(column: pd.Series) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(column):
        return column.dt.strftime("%Y-%m-%dT%H:%M:%S").astype("string")
    return column.astype("string")


def _blanks_to_missing(frame: pd.DataFrame) -> pd.DataFrame:
    frame.columns = [str(name).strip() for name in frame.columns]
    text = frame.astype("string")
    for name in text.columns:
        stripped = text[name].str.strip()
        text[name] = stripped.mask(stripped.eq(""))
    return text.reset_index(drop=True)
