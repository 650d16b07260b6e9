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


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"PK\x03\x04\x14\x00", "a zip archive, such as an Excel .xlsx workbook"),
        (b"\x7fELF\x02\x01\x01\x00", "a program"),
        (b"a\x00c\x00c\x00", "a NUL byte in the first 64 KB"),
    ],
)
def test_binary_file_named_csv_says_what_it_is(
    tmp_path: Path, head: bytes, kind: str
) -> None:
    path = tmp_path / "accounts.csv"
    path.write_bytes(head + os.urandom(512))
    with pytest.raises(InputError) as raised:
        read_table(path)
    message = str(raised.value)
    assert "accounts.csv; expected delimited text with a header row" in message
    assert f"this is binary data ({kind}" in message
    assert len(message) < 400  # no dump of the bytes


def test_utf16_text_with_its_bom_reads(tmp_path: Path) -> None:
    path = tmp_path / "accounts.csv"
    path.write_bytes("id\tname\n1\tAcmé\n".encode("utf-16"))
    assert read_table(path)["name"].tolist() == ["Acmé"]
