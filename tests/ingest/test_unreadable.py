"""Files no reader can parse are bad input (exit 2), named, never a crash."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from icpkit.errors import InputError
from icpkit.ingest import read_table


def test_empty_file_asks_for_a_header(tmp_path: Path) -> None:
    path = tmp_path / "accounts.csv"
    path.write_bytes(b"")
    with pytest.raises(InputError, match=r"accounts\.csv; expected a header row"):
        read_table(path)


def test_ragged_rows_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "accounts.csv"
    path.write_text("id,name\n1,Acme\n2,Beta\n3,Gamma,extra,cells\n")
    with pytest.raises(InputError, match=r"accounts\.csv, row 4; expected a CSV"):
        read_table(path)


def test_workbook_renamed_to_csv_or_random_bytes(tmp_path: Path) -> None:
    path = tmp_path / "accounts.xlsx"
    path.write_bytes(os.urandom(2048))
    with pytest.raises(InputError, match=r"accounts\.xlsx; expected a CSV file"):
        read_table(path)


def test_parquet_that_is_not_parquet(tmp_path: Path) -> None:
    path = tmp_path / "universe.parquet"
    path.write_text("company,url\nAcme,acme.com\n")
    with pytest.raises(InputError, match=r"universe\.parquet; expected a CSV file"):
        read_table(path)
